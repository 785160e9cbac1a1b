/**
 * YAML of Kubernetes objects, byte-identical to what `cdk8s synth` writes
 * (the `yaml` library, YAML 1.1, no line folding), several times faster.
 *
 * The block structure of JSON-shaped data is written here; every scalar that
 * is not trivially plain is formatted by the `yaml` library itself (memoized),
 * so quoting always follows its rules. A document holding anything else (a
 * string the library writes on several lines, a non-JSON value) is written
 * whole by the library.
 */
import { Yaml } from 'cdk8s';

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
 * Starts with a digit but cannot be a YAML 1.1 number or timestamp, because it
 * holds a letter no number (hex digits included) or timestamp has, a '/' or a
 * '%' (such as "250m", "64Mi", "25%", "10.64.0.0/17"): written plain.
 */
const DIGIT_PLAIN = /^[0-9][A-Za-z0-9_./%-]*$/;
const NOT_A_NUMBER = /[g-su-wyG-SU-WY/%]/;
const MEMO_LIMIT = 100_000;

/** Thrown inside the emitter when a document must be written by the library. */
class Delegate extends Error {}

const values = new Map<unknown, string>();
const keys = new Map<string, string>();
const lineStartKeys = new Map<string, string>();

function memo<K>(map: Map<K, string>, key: K, make: () => string): string {
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
    return plain ? v : memo(values, v, () => libraryScalar(v));
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
  return indent === 0 ? memo(lineStartKeys, k, () => libraryKey(k, true)) : memo(keys, k, () => libraryKey(k, false));
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
  if (!isPlainObject(doc) || Object.keys(doc).length === 0) return Yaml.stringify(doc);
  const out: string[] = [];
  try {
    writeMap(doc, 0, out);
  } catch (e) {
    if (e instanceof Delegate) return Yaml.stringify(doc);
    throw e;
  }
  return `${out.join('\n')}\n`;
}

/** Multi-document YAML of Kubernetes objects, the same text as cdk8s's `Yaml.stringify(...objects)`. */
export function toYaml(objects: readonly unknown[]): string {
  return objects.map((o) => (o === undefined ? '\n' : documentYaml(o))).join('---\n');
}
