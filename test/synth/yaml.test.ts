import { Yaml } from 'cdk8s';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressLock } from '../../lib';
import { toYaml } from '../../lib/synth/yaml';
import { buildAcmeFleet } from '../../examples/acme/fleet';
import { goYamlTag, readingProblems } from './yaml-readers';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

const reference = (docs: unknown[]) => Yaml.stringify(...docs);
const RUNS = Number(process.env.YAML_PROPERTY_RUNS ?? 2000);

/** Characters that YAML readers treat differently, mixed into arbitrary Unicode text. */
const TRICKY = fc.constantFrom(
  '\x7f', '\x85', '\x80', '\x9f', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', '\u00a0', '\t', '\n', '\r', '\x00', '\x1b',
  ' ', ':', '#', '-', '?', '"', "'", '\\', '<<', '=', '0', '0o', '0X', '_', '.', 'e', '+', '|', '>', '%', '@', '`', '---', '...',
);
/** Any Unicode text without lone surrogates, biased towards the characters above. */
const anyText = fc.array(fc.oneof(TRICKY, fc.string({ unit: 'binary', maxLength: 3 }), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 6 })
  .map((parts) => parts.join(''))
  .filter((s) => !/[\ud800-\udfff]/u.test(s));

/**
 * Numbers as written by cdk8s and fleetform alike. Those in exponent form
 * without a '.' (`1e+21`) are strings to a strict YAML 1.1 reader, so they
 * are left out: the properties here are about strings.
 */
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true }).filter((d) => !String(d).includes('e')));

/** JSON documents whose strings, keys included, come from `text`. */
function documents(text: fc.Arbitrary<string>, key: fc.Arbitrary<string>) {
  const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  }));
  return fc.array(json.object, { minLength: 1, maxLength: 3 }) as fc.Arbitrary<Record<string, unknown>[]>;
}

describe('toYaml', () => {
  it('writes the example fleet exactly as cdk8s does', () => {
    const assembly = buildAcmeFleet({ addressLock: AddressLock.none(), supportDate: TEST_SUPPORT_DATE }).assemble();
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

  it('is byte-identical to cdk8s for any JSON document whose cdk8s text every reader reads back', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('yes', 'on', 'null', '1', '-', '? x', 'a b', 'app.kubernetes.io/name', '...', '---', '--- x', '... x'));
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[eEa-z0-9_.+-]{1,4}$/), fc.stringMatching(/^[-+]?[0-9_][0-9a-fA-FxXoObB_.:]{0,5}$/), fc.stringMatching(/^[0-9/][A-Za-z0-9_./%:+-]{0,6}$/), fc.stringMatching(/^[A-Za-z][A-Za-z0-9_./:-]{0,8}$/), fc.constantFrom('yes', 'No', '1.0', '0o10', '1_000', '=', '<<', 'x\ty', ' ', '\nstart', 'a\n', '@x', '*x', '!x', '%x', '`x'));
    let compared = 0;
    fc.assert(fc.property(documents(text, key), (docs) => {
      const ref = reference(docs);
      if (readingProblems(ref, docs).length === 0) {
        compared++;
        expect(toYaml(docs)).toBe(ref);
      } else {
        expect(readingProblems(toYaml(docs), docs)).toEqual([]);
      }
    }), { numRuns: RUNS });
    // Most generated documents are ordinary: the comparison above is not vacuous.
    expect(compared).toBeGreaterThan(RUNS * 0.6);
  });
});

describe('toYaml strings that every reader reads back', () => {
  it.each([
    ['0o17', '"0o17"', 'int'], ['0O17', '"0O17"', 'int'], ['0X1F', '"0X1F"', 'int'], ['0B101', '"0B101"', 'int'],
    ['-0o17', '"-0o17"', 'int'], ['+_1', '"+_1"', 'int'], ['0o1_7', '"0o1_7"', 'int'], ['<<', '"<<"', 'merge'],
  ])('quotes %s as %s, which cdk8s leaves plain and go-yaml reads as %s', (value, quoted, goTag) => {
    expect(reference([{ k: value }])).toBe(`k: ${value}\n`);
    expect(goYamlTag(value)).toBe(goTag);
    expect(toYaml([{ k: value }])).toBe(`k: ${quoted}\n`);
    expect(toYaml([{ [value]: 'v' }])).toBe(`${quoted}: v\n`);
    expect(toYaml([{ a: { [value]: [value] } }])).toBe(`a:\n  ${quoted}:\n    - ${quoted}\n`);
  });

  it.each(['0x1F', '0b101', '.inf', '-.Inf', '+1', '1_000', '1:20', '1:20.5', '1e5', '.5', '09', 'yes', 'N', '~', '2001-12-14'])('quotes %s, a number, boolean, null or date to some reader, as cdk8s does', (value) => {
    expect(toYaml([{ k: value }])).toBe(`k: "${value}"\n`);
    expect(toYaml([{ k: value }])).toBe(reference([{ k: value }]));
    expect(readingProblems(toYaml([{ [value]: [value] }]), [{ [value]: [value] }])).toEqual([]);
  });

  it('quotes "=", the value key of YAML 1.1 that PyYAML cannot construct', () => {
    expect(reference([{ k: '=' }])).toBe('k: =\n');
    expect(toYaml([{ k: '=' }])).toBe('k: "="\n');
  });

  it('quotes a string with a tab that cdk8s leaves plain, which PyYAML refuses', () => {
    expect(reference([{ 'a\tb': 'x\ty' }])).toBe('a\tb: x\ty\n');
    expect(toYaml([{ 'a\tb': 'x\ty' }])).toBe('"a\\tb": "x\\ty"\n');
    // Where cdk8s already quotes or writes a block, its bytes stay.
    for (const v of ['\tx', '"a"\tb', 'a\tb\nc\n']) expect(toYaml([{ k: v, m: 'a\nb' }])).toBe(reference([{ k: v, m: 'a\nb' }]));
  });

  it.each([
    ['line\u2028separator', '"line\\u2028separator"'], ['para\u2029graph', '"para\\u2029graph"'],
    ['next\x85line', '"next\\x85line"'], ['del\x7f', '"del\\x7f"'], ['c1\x80\x9f', '"c1\\x80\\x9f"'],
    ['\ufeffbom', '"\\ufeffbom"'], ['non\ufffe\uffff', '"non\\ufffe\\uffff"'], ['mixed "q" \\ \t\x01\x7f', '"mixed \\"q\\" \\\\ \\t\\x01\\x7f"'],
  ])('escapes %j, which cdk8s writes raw', (value, quoted) => {
    expect(reference([{ k: value }])).not.toBe(`k: ${quoted}\n`);
    expect(toYaml([{ k: value }])).toBe(`k: ${quoted}\n`);
    expect(toYaml([{ [value]: 1 }])).toBe(`${quoted}: 1\n`);
    expect(readingProblems(toYaml([{ k: value, [value]: [value] }]), [{ k: value, [value]: [value] }])).toEqual([]);
  });

  it.each([[' \n', '" \\n"'], ['\n \t\n', '"\\n \\t\\n"'], ['  \n\n', '"  \\n\\n"']])('quotes %j, blank lines that cdk8s writes as a block scalar read back without their spaces', (value, quoted) => {
    expect(readingProblems(reference([{ k: value }]), [{ k: value }])).not.toEqual([]);
    expect(toYaml([{ k: value }])).toBe(`k: ${quoted}\n`);
    expect(toYaml([{ a: [value, 'x\ny\n'] }])).toBe(`a:\n  - ${quoted}\n  - |\n    x\n    y\n`);
  });

  it('keeps a key named "__proto__" in documents cdk8s writes whole', () => {
    const doc = JSON.parse('{"__proto__": {"w": "0o17"}, "s": "a\\nb"}') as Record<string, unknown>;
    expect(toYaml([doc])).toBe('__proto__:\n  w: "0o17"\ns: |-\n  a\n  b\n');
  });

  it('writes such strings on one line inside documents cdk8s writes whole (multi-line strings, null)', () => {
    const doc = { script: 'a\nb\n', n: null, v: 'x\u2028y', w: '0o17', list: ['0X1F', 'plain', 'two\nlines\u2029'], nested: { '<<': 'z' } };
    const text = toYaml([doc]);
    expect(text).toBe('script: |\n  a\n  b\n"n": null\nv: "x\\u2028y"\nw: "0o17"\nlist:\n  - "0X1F"\n  - plain\n  - "two\\nlines\\u2029"\nnested:\n  "<<": z\n');
    expect(readingProblems(text, [doc])).toEqual([]);
  });

  it('keeps a quoted key over 1024 characters explicit (`? key`), as YAML requires', () => {
    const long = `${'k'.repeat(1030)}\u2028`;
    const doc = { [long]: 'v', short: { [`0o17${'7'.repeat(1100)}`]: 1 } };
    const text = toYaml([doc]);
    expect(text.startsWith(`? "${'k'.repeat(1030)}\\u2028"\n: v\n`)).toBe(true);
    expect(readingProblems(text, [doc])).toEqual([]);
  });

  it('refuses a lone surrogate, which no YAML or JSON file can carry', () => {
    expect(() => toYaml([{ k: 'a\ud800b' }])).toThrow('string "a\\ud800b" holds a lone UTF-16 surrogate (\\ud800), which no YAML or JSON file can carry; remove it or fix the text\'s encoding');
    expect(() => toYaml([{ ['\udc00']: 1 }])).toThrow(RangeError);
    expect(() => toYaml([{ k: 'line\n\udfff' }])).toThrow(RangeError);
    // A pair of surrogates is one character and is written as it is.
    expect(toYaml([{ k: 'emoji \ud83d\ude00' }])).toBe('k: emoji \ud83d\ude00\n');
  });

  it('writes any Unicode string, as a value or a key, so that every reader reads it back', () => {
    fc.assert(fc.property(documents(anyText, anyText), (docs) => {
      expect(readingProblems(toYaml(docs), docs)).toEqual([]);
    }), { numRuns: RUNS });
  });
});

describe('toYaml long keys', () => {
  it('leaves keys over 1024 characters, which YAML writes in explicit form, to the library', () => {
    const doc = { ['k'.repeat(1025)]: 'v', short: { ['x'.repeat(2000)]: 1 } };
    expect(toYaml([doc])).toBe(reference([doc]));
  });
});
