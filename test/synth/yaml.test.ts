import { Yaml } from 'cdk8s';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressLock } from '../../lib';
import { toYaml } from '../../lib/synth/yaml';
import { buildAcmeFleet } from '../../examples/acme/fleet';

const reference = (docs: unknown[]) => Yaml.stringify(...docs);

describe('toYaml', () => {
  it('writes the example fleet exactly as cdk8s does', () => {
    const assembly = buildAcmeFleet({ addressLock: AddressLock.none() }).assemble();
    for (const c of assembly.clusters) {
      for (const f of c.files) {
        const objects = [...f.objects];
        expect(toYaml(objects)).toBe(reference(objects));
        expect(f.content).toBe(reference(objects));
      }
    }
  });

  it('quotes what YAML 1.1 would read as something else', () => {
    const doc = { t: '250m', u: '64Mi', v: '0x1f', w: '1e3', x: '2001-12-14t21:59:43.10-05:00', y: 'a:', z: 'ghcr.io/acme/api:1.4.2', p: 'E0', q: 'e5', r: 'E1_0', s: 'e', a: 'yes', b: 'off', c: '1.31', d: '0x1f', e: '~', f: '', g: 'a: b', h: '#x', i: '25%', j: '2001-12-14', k: '12:30', l: 'Null', m: '- x', n: '"q"', o: 'on' };
    expect(toYaml([doc])).toBe(reference([doc]));
  });

  it('writes nested sequences, empty collections and multi-line strings as cdk8s does', () => {
    const doc = {
      a: [[1, 2], [], [[3]], {}, [{ x: 1, y: [] }], { z: { w: [] } }],
      b: { c: [], d: {}, e: [{ f: [{ g: 'h' }] }] },
      script: 'line one\nline two\n',
      n: [0, -1, 1.5, 1e21, -0, true, false, null],
    };
    expect(toYaml([doc, { k: 'v' }])).toBe(reference([doc, { k: 'v' }]));
  });

  it('is byte-identical to cdk8s for any JSON document', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('yes', 'on', 'null', '1', '-', '? x', 'a b', 'app.kubernetes.io/name', '...', '---', '--- x', '... x'));
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[eEa-z0-9_.+-]{1,4}$/), fc.stringMatching(/^[0-9/][A-Za-z0-9_./%:+-]{0,6}$/), fc.stringMatching(/^[A-Za-z][A-Za-z0-9_./:-]{0,8}$/), fc.constantFrom('yes', 'No', '1.0', '0o10', '1_000', '=', '<<', 'x\ty', ' ', '\nstart', 'a\n', '@x', '*x', '!x', '%x', '`x'));
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    }));
    fc.assert(fc.property(fc.array(json.object, { minLength: 1, maxLength: 3 }), (docs) => {
      expect(toYaml(docs)).toBe(reference(docs));
    }), { numRuns: Number(process.env.YAML_PROPERTY_RUNS ?? 2000) });
  });
});

describe('toYaml long keys', () => {
  it('leaves keys over 1024 characters, which YAML writes in explicit form, to the library', () => {
    const doc = { ['k'.repeat(1025)]: 'v', short: { ['x'.repeat(2000)]: 1 } };
    expect(toYaml([doc])).toBe(reference([doc]));
  });
});
