/**
 * YAML of Kubernetes objects, byte-identical to what `cdk8s synth` writes
 * (the `yaml` library, YAML 1.1, no line folding), several times faster —
 * except where cdk8s's text would be read back differently.
 *
 * The block structure of JSON-shaped data is written here; every scalar that
 * is not trivially plain is formatted by the `yaml` library itself (memoized),
 * so quoting follows its rules. A document holding anything else (a string
 * the library writes on several lines, a non-JSON value) is written whole by
 * the library.
 *
 * Where fleetform differs from cdk8s, on purpose: every string, as a value or
 * as a key, is written so that any YAML 1.1 or 1.2 reader (the `yaml` library
 * in either mode, js-yaml, go-yaml and so kubectl) reads back exactly that
 * string, and none refuses the document (see `yaml-scalars.ts`):
 * - a string the library would leave plain but some reader takes for a
 *   number, boolean, null or merge key is double-quoted: `0o17` (15 in YAML
 *   1.2 and go-yaml), `0X1F`, `-0o17`, `+_1`, `0o1_7` (numbers to go-yaml),
 *   `<<` and `=` (the merge and value keys of YAML 1.1); so is one holding a
 *   tab (`a\tb`), which PyYAML refuses in a plain scalar;
 * - a string holding U+007F-U+009F, U+2028, U+2029, U+FEFF, U+FFFE or U+FFFF,
 *   which the library writes raw, is double-quoted on one line with those
 *   characters escaped (`\x85`, `\u2028`, ...);
 * - a value of blank lines whose first starts with a space (" \n",
 *   "\n \t\n"), which the library writes as a block scalar that every reader
 *   reads back without those spaces, is double-quoted;
 * - a string holding a lone UTF-16 surrogate is refused with a RangeError:
 *   no YAML or JSON file can carry one (go-yaml refuses the `\udXXX` escape the
 *   library writes, and UTF-8 turns it into U+FFFD), so it is an input error.
 * Every other string keeps cdk8s's bytes. Numbers are written as cdk8s
 * writes them (one in exponent form without a '.', such as `1e+21`, is a
 * string to a strict YAML 1.1 reader such as PyYAML).
 */
import { Yaml } from 'cdk8s';
import { MUST_ESCAPE, doubleQuoted, unsafeAsPlain, valueNeedsOwnQuotes } from './yaml-scalars';

/** Strings YAML 1.1 reads as booleans or null: written quoted. */
const YAML11_WORDS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', 'null', 'Null', 'NULL',
]);
/**
 * Starts with a letter and holds only characters that never need quoting:
 * written plain. (Not an exponent such as "E0", which YAML 1.1 reads as a float.)
 */
const TRIVIALLY_PLAIN = /^(?![eE][-+0-9_.])[A-Za-z/][A-Za-z0-9_./-]*(:[A-Za-z0-9_./-]+)*$/;
/**
 * Starts with a digit but cannot be a number or timestamp to any reader,
 * because it holds a letter no number has (not a hex digit, nor the x, o, b, e
 * of prefixes and exponents, nor the t or z of timestamps), a '/' or a '%'
 * (such as "250m", "64Mi", "25%", "10.64.0.0/17"): written plain.
 */
const DIGIT_PLAIN = /^[0-9][A-Za-z0-9_./%-]*$/;
const NOT_A_NUMBER = /[g-np-su-wyG-NP-SU-WY/%]/;
const MEMO_LIMIT = 100_000;

/** Thrown inside the emitter when a document must be written by the library. */
class Delegate extends Error {}

const values = new Map<unknown, string>();
const keys = new Map<string, string>();
const lineStartKeys = new Map<string, string>();

function memo<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    if (map.size >= MEMO_LIMIT) map.clear();
    v = make();
    map.set(key, v);
  }
  return v;
}

/** One line of the library's output for `{ k: value }`, without `k: `. */
function libraryScalar(value: unknown): string {
  const text = Yaml.stringify({ k: value });
  if (!text.startsWith('k: ') || text.indexOf('\n') !== text.length - 1) throw new Delegate();
  return text.slice(3, -1);
}

/** A plain scalar: not quoted, not a block scalar. */
function isPlain(text: string): boolean {
  const c = text[0];
  return c !== '"' && c !== "'" && c !== '|' && c !== '>';
}

/** A string value on one line: the library's form, unless that is unsafe for some reader (see the module comment). */
function stringScalar(v: string): string {
  if (valueNeedsOwnQuotes(v)) return doubleQuoted(v);
  const text = libraryScalar(v);
  return isPlain(text) && unsafeAsPlain(v) ? doubleQuoted(v) : text;
}

/** A key, as `stringScalar` for values. */
function stringKey(k: string, atLineStart: boolean): string {
  if (MUST_ESCAPE.test(k)) {
    const q = doubleQuoted(k);
    if (q.length > MAX_IMPLICIT_KEY) throw new Delegate();
    return q;
  }
  const text = libraryKey(k, atLineStart);
  return isPlain(text) && unsafeAsPlain(k) ? doubleQuoted(k) : text;
}

/** The library's form of a key at the start of a line (where "..." or "---" would end a document) or further in. */
function libraryKey(key: string, atLineStart: boolean): string {
  const text = atLineStart ? Yaml.stringify({ [key]: 0 }) : Yaml.stringify({ a: { [key]: 0 } });
  const line = atLineStart ? text : text.slice(5);
  if (!(atLineStart || text.startsWith('a:\n  ')) || !line.endsWith(': 0\n') || line.indexOf('\n') !== line.length - 1) throw new Delegate();
  return line.slice(0, -4);
}

function scalar(v: unknown): string {
  if (typeof v === 'string') {
    const plain = (TRIVIALLY_PLAIN.test(v) && !YAML11_WORDS.has(v)) || (DIGIT_PLAIN.test(v) && NOT_A_NUMBER.test(v));
    return plain ? v : memo(values, v, () => stringScalar(v));
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' && Number.isSafeInteger(v) && !Object.is(v, -0)) return String(v);
  if (typeof v === 'number') return memo(values, v, () => libraryScalar(v));
  throw new Delegate();
}

/** Past this length the library writes a key in explicit form (`? key`). */
const MAX_IMPLICIT_KEY = 1024;

function key(k: string, indent: number): string {
  if (k.length > MAX_IMPLICIT_KEY) throw new Delegate();
  if (TRIVIALLY_PLAIN.test(k) && !YAML11_WORDS.has(k)) return k;
  return indent === 0 ? memo(lineStartKeys, k, () => stringKey(k, true)) : memo(keys, k, () => stringKey(k, false));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

function pad(n: number): string {
  return ' '.repeat(n);
}

function writeMap(obj: Record<string, unknown>, indent: number, out: string[]): void {
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const head = `${pad(indent)}${key(k, indent)}:`;
    if (Array.isArray(v)) {
      if (v.length === 0) out.push(`${head} []`);
      else { out.push(head); writeSeq(v, indent + 2, out); }
    } else if (isPlainObject(v)) {
      if (Object.keys(v).length === 0) out.push(`${head} {}`);
      else { out.push(head); writeMap(v, indent + 2, out); }
    } else {
      out.push(`${head} ${scalar(v)}`);
    }
  }
}

function writeSeq(arr: readonly unknown[], indent: number, out: string[]): void {
  for (const item of arr) {
    if (Array.isArray(item) && item.length > 0) {
      const start = out.length;
      writeSeq(item, indent + 2, out);
      out[start] = `${pad(indent)}- ${out[start].slice(indent + 2)}`;
    } else if (isPlainObject(item) && Object.keys(item).length > 0) {
      const start = out.length;
      writeMap(item, indent + 2, out);
      out[start] = `${pad(indent)}- ${out[start].slice(indent + 2)}`;
    } else if (Array.isArray(item)) {
      out.push(`${pad(indent)}- []`);
    } else if (isPlainObject(item)) {
      out.push(`${pad(indent)}- {}`);
    } else {
      out.push(`${pad(indent)}- ${scalar(item)}`);
    }
  }
}

/** One document. */
function documentYaml(doc: unknown): string {
  if (!isPlainObject(doc) || Object.keys(doc).length === 0) return libraryDocument(doc);
  const out: string[] = [];
  try {
    writeMap(doc, 0, out);
  } catch (e) {
    if (e instanceof Delegate) return libraryDocument(doc);
    throw e;
  }
  return `${out.join('\n')}\n`;
}

/** Whether `form()`, the library's form of a scalar, is plain; `multiLine` when the library writes it on several lines. */
function libraryFormIsPlain(form: () => string, multiLine: boolean): boolean {
  try {
    return isPlain(form());
  } catch (e) {
    if (e instanceof Delegate) return multiLine;
    throw e;
  }
}

const ownValues = new Map<string, boolean>();
const ownKeys = new Map<string, boolean>();

/** Whether fleetform writes the value `s` otherwise than the library (see the module comment). */
function hasOwnValueForm(s: string): boolean {
  if (!valueNeedsOwnQuotes(s) && !unsafeAsPlain(s)) return false;
  return memo(ownValues, s, () => valueNeedsOwnQuotes(s) || libraryFormIsPlain(() => libraryScalar(s), false));
}

/** Whether fleetform writes the key `s` otherwise than the library; a key too long for a plain key is taken as plain. */
function hasOwnKeyForm(s: string): boolean {
  if (!MUST_ESCAPE.test(s) && !unsafeAsPlain(s)) return false;
  return memo(ownKeys, s, () => MUST_ESCAPE.test(s) || libraryFormIsPlain(() => libraryKey(s, false), true));
}

/** The one-line form of a value, or undefined when the library writes it on several lines (then safely). */
function valueForm(s: string): string | undefined {
  try {
    return memo(values, s, () => stringScalar(s));
  } catch (e) {
    if (e instanceof Delegate) return undefined;
    throw e;
  }
}

/** The form of a key; one too long for a plain key is double-quoted (and written as an explicit key). */
function keyForm(k: string, atLineStart: boolean): string {
  try {
    return memo(atLineStart ? lineStartKeys : keys, k, () => stringKey(k, atLineStart));
  } catch (e) {
    if (e instanceof Delegate) return doubleQuoted(k);
    throw e;
  }
}

/** Objects and arrays whose strings are rewritten for the library; other values are written as they are. */
function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  if (Array.isArray(v)) return true;
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Notes the private-use characters of `s` in `used`. */
function notePrivateUse(s: string, used: Set<number>): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xe000 && c <= 0xf8ff) used.add(c);
  }
}

/** Private-use characters the document's strings use, and whether fleetform writes any of them otherwise than the library. */
function survey(v: unknown, used: Set<number>): boolean {
  if (typeof v === 'string') {
    notePrivateUse(v, used);
    return hasOwnValueForm(v);
  }
  if (!isContainer(v)) return false;
  let own = false;
  if (Array.isArray(v)) {
    for (const item of v) own = survey(item, used) || own;
  } else {
    for (const k of Object.keys(v)) {
      notePrivateUse(k, used);
      own = survey(v[k], used) || hasOwnKeyForm(k) || own;
    }
  }
  return own;
}

/**
 * A document written by the library, with every string fleetform writes
 * otherwise replaced by a token the library writes plain, and then by
 * fleetform's form. A key's token is as long as its form when that is over
 * the implicit-key limit, so the library writes it as an explicit key
 * (`? key`) exactly when it must.
 */
function libraryDocument(doc: unknown): string {
  const used = new Set<number>();
  if (!survey(doc, used)) return Yaml.stringify(doc);
  let code = 0xe000;
  while (used.has(code)) code++;
  const mark = String.fromCharCode(code);
  const forms: string[] = [];
  const token = (form: string, isKey: boolean): string => {
    const head = `${mark}${forms.push(form) - 1}`;
    const pad = isKey && form.length > MAX_IMPLICIT_KEY ? form.length - head.length - 1 : 0;
    return `${head}${'x'.repeat(Math.max(0, pad))}${mark}`;
  };
  const rewrite = (v: unknown, atRoot: boolean): unknown => {
    if (typeof v === 'string') {
      const form = hasOwnValueForm(v) ? valueForm(v) : undefined;
      return form === undefined ? v : token(form, false);
    }
    if (!isContainer(v)) return v;
    if (Array.isArray(v)) return v.map((item) => rewrite(item, false));
    const copy: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const name = hasOwnKeyForm(k) ? token(keyForm(k, atRoot), true) : k;
      // defineProperty keeps a key named "__proto__" an own property, as in `v`.
      Object.defineProperty(copy, name, { value: rewrite(v[k], false), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  };
  const text = Yaml.stringify(rewrite(doc, true));
  let replaced = 0;
  const out = text.replace(new RegExp(`${mark}([0-9]+)x*${mark}`, 'g'), (_, i: string) => {
    replaced++;
    return forms[Number(i)];
  });
  if (replaced !== forms.length) throw new Error(`internal error: ${forms.length - replaced} quoted strings were lost writing YAML`);
  return out;
}

/** Multi-document YAML of Kubernetes objects, the same text as cdk8s's `Yaml.stringify(...objects)`. */
export function toYaml(objects: readonly unknown[]): string {
  return objects.map((o) => (o === undefined ? '\n' : documentYaml(o))).join('---\n');
}
