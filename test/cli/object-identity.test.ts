/**
 * `fleetform diff` tells objects apart by a scan of a few lines; the scan must
 * give what parsing the YAML gives, for any document, or leave it to the parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { objectIdentity, scanIdentity } from '../../lib/cli/format/object-identity';

/** What the identity is by the YAML library alone. */
function parsed(text: string) {
  let o: unknown;
  try {
    o = parse(text, { logLevel: 'silent' });
  } catch {
    return 'invalid';
  }
  const obj = (o ?? {}) as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } | null };
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const kind = str(obj.kind);
  const name = typeof obj.metadata === 'object' && obj.metadata !== null ? str(obj.metadata.name) : undefined;
  if (kind === undefined || name === undefined) return undefined;
  const ns = (typeof obj.metadata === 'object' && obj.metadata !== null ? str(obj.metadata.namespace) : undefined) ?? '';
  const apiVersion = str(obj.apiVersion);
  const group = apiVersion?.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return { key: `${group}/${kind} ${ns}/${name}`, label: `${kind} ${ns ? `${ns}/` : ''}${name}` };
}

const word = fc.oneof(
  fc.constantFrom('api', 'apps/v1', 'v1', 'networking.k8s.io/v1', 'Deployment', 'true', 'null', 'No', '1.5', 'a-b.c', 'x:y', 'a #b', '', ' lead'),
  fc.string({ maxLength: 8 }),
);
const value = fc.oneof(word, fc.integer(), fc.boolean(), fc.constant(null), fc.array(word, { maxLength: 2 }), fc.dictionary(word, word, { maxKeys: 2 }));
const objectShape = fc.record({
  apiVersion: value,
  kind: value,
  metadata: fc.oneof(fc.record({ name: value, namespace: value, labels: fc.dictionary(word, word, { maxKeys: 2 }) }, { requiredKeys: [] }), value),
  spec: value,
}, { requiredKeys: [] });

/** Lines a hand edit might leave in a document. */
const line = fc.oneof(
  fc.constantFrom('apiVersion: apps/v1', 'kind: Deployment', 'kind: Service', 'metadata:', '  name: api', '  namespace: shop', '    name: deeper',
    '  labels:', '    app: api', '  name: "quoted"', "  name: 'single'", '  name: api # comment', '# comment', '    # indented comment',
    '  continued', 'kind: Two', 'metadata: {name: flow}', '  name: &a anchored', '  name: !!str tagged', '  name: |', '    block', 'spec:',
    '  replicas: 2', '- item', '---', '  name:', 'kind:', '   name: three', '\tname: tab', 'name: top'),
  word.map((w) => `  name: ${w}`),
  word.map((w) => `kind: ${w}`),
);

describe('objectIdentity', () => {
  it('equals what parsing the YAML gives, for any object written as YAML', () => {
    fc.assert(fc.property(objectShape, fc.constantFrom(2, 4), (o, indent) => {
      const text = stringify(o, { indent });
      expect(objectIdentity(text)).toEqual(parsed(text));
    }), { numRuns: 500 });
  });

  it('equals what parsing gives for any document of edited lines that YAML reads', () => {
    fc.assert(fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
      const text = `${lines.join('\n')}\n`;
      const expected = parsed(text);
      if (expected === 'invalid') return;
      expect(objectIdentity(text)).toEqual(expected);
    }), { numRuns: Number(process.env.IDENTITY_RUNS ?? 3000) });
  });

  it('reads the objects fleetform writes without a parser', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    app.kubernetes.io/name: api\n  name: api\n  namespace: shop\nspec:\n  replicas: 2\n';
    expect(scanIdentity(text)).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: 'shop' });
    expect(objectIdentity(text)).toEqual({ key: 'apps/Deployment shop/api', label: 'Deployment shop/api' });
  });
});
