/**
 * YAML readers for the round-trip tests: the `yaml` library in YAML 1.1 mode
 * (with merge keys, as YAML 1.1 defines them) and 1.2 mode, js-yaml with its
 * core (1.2) and 1.1 schemas, and a model of go-yaml v2's scalar resolution
 * (the reader behind sigs.k8s.io/yaml and so kubectl), which no JavaScript
 * package provides. The model is written from go-yaml's resolve.go: a table
 * of words, then by first character Go's integer and float syntax after
 * removing every '_'.
 */
import * as jsYaml from 'js-yaml';
import YAML from 'yaml';

function yamlLibrary(version: '1.1' | '1.2') {
  return (text: string): unknown[] => YAML.parseAllDocuments(text, { version, merge: version === '1.1' }).map((d) => {
    if (d.errors.length > 0) throw d.errors[0];
    return d.toJS();
  });
}

/** Each reader: the documents of a YAML stream, or a thrown error when it refuses the text. */
export const READERS: Readonly<Record<string, (text: string) => unknown[]>> = {
  'yaml 1.1': yamlLibrary('1.1'),
  'yaml 1.2': yamlLibrary('1.2'),
  'js-yaml core': (text) => jsYaml.loadAll(text),
  'js-yaml 1.1': (text) => jsYaml.loadAll(text, { schema: jsYaml.YAML11_SCHEMA }),
};

/** The readers that do not read `text` back as `docs` (or refuse it), with what they read or why they refused. */
export function disagreeingReaders(text: string, docs: readonly unknown[]): string[] {
  const wrong: string[] = [];
  const want = JSON.stringify(docs);
  for (const [name, read] of Object.entries(READERS)) {
    let got: string;
    try {
      got = JSON.stringify(read(text));
    } catch (e) {
      got = `error: ${(e as Error).message.split('\n')[0]}`;
    }
    if (got !== want) wrong.push(`${name}: ${got}`);
  }
  return wrong;
}

const GO_WORDS = new Map<string, string>();
for (const [tag, words] of Object.entries({
  bool: ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'],
  null: ['', '~', 'null', 'Null', 'NULL'],
  float: ['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF'],
  merge: ['<<'],
})) for (const w of words) GO_WORDS.set(w, tag);

/** strconv.ParseInt / ParseUint / big.Int.SetString with base 0: sign, then a prefixed or decimal integer. */
function goInteger(s: string): boolean {
  const t = s[0] === '+' || s[0] === '-' ? s.slice(1) : s;
  const prefix = t.slice(0, 2).toLowerCase();
  if (prefix === '0x') return /^[0-9a-fA-F]+$/.test(t.slice(2));
  if (prefix === '0o') return /^[0-7]+$/.test(t.slice(2));
  if (prefix === '0b') return /^[01]+$/.test(t.slice(2));
  if (t.startsWith('0')) return /^[0-7]*$/.test(t.slice(1));
  return /^[1-9][0-9]*$/.test(t);
}

/**
 * The tag go-yaml v2 gives a plain scalar: 'str' when it reads it as that
 * string. (A timestamp is tagged as such but decoded as its text, so 'str'.)
 * Two departures, both on the safe side: `<<` is 'merge' though a value `<<`
 * decodes as the string (a key `<<` merges), and a float out of range
 * (`1e999`) is 'float' though go-yaml keeps it as a string.
 */
export function goYamlTag(plain: string): string {
  const word = GO_WORDS.get(plain);
  if (word !== undefined) return word;
  const c = plain[0];
  if (c === '.') return /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/.test(plain) ? 'float' : 'str';
  if (c !== '+' && c !== '-' && !(c >= '0' && c <= '9')) return 'str';
  const digits = plain.replace(/_/g, '');
  if (goInteger(digits)) return 'int';
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(digits)) return 'float';
  return 'str';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Plain scalars standing for strings of `value` that go-yaml reads as
 * something else, or that PyYAML refuses ("=", YAML 1.1's value key, and any
 * holding a tab), found by
 * walking the parsed nodes beside the value they were written from.
 */
function plainStringProblems(node: unknown, value: unknown, out: string[]): void {
  const check = (n: unknown) => {
    if (!YAML.isScalar(n) || n.type !== 'PLAIN') return;
    const source = n.source ?? String(n.value);
    const tag = goYamlTag(source);
    if (tag !== 'str') out.push(`go-yaml reads plain ${JSON.stringify(source)} as ${tag}`);
    if (source === '=') out.push('plain "=", which PyYAML refuses as YAML 1.1\'s value key');
    if (source.includes('\t')) out.push(`plain ${JSON.stringify(source)}, which PyYAML refuses for its tab`);
  };
  if (typeof value === 'string') check(node);
  else if (YAML.isMap(node) && isObject(value)) {
    const keys = Object.keys(value);
    node.items.forEach((pair, i) => {
      check(pair.key);
      plainStringProblems(pair.value, value[keys[i]], out);
    });
  } else if (YAML.isSeq(node) && Array.isArray(value)) {
    node.items.forEach((n, i) => plainStringProblems(n, value[i], out));
  }
}

function holdsLoneSurrogate(v: unknown): boolean {
  if (typeof v === 'string') return /[\ud800-\udfff]/u.test(v);
  if (Array.isArray(v)) return v.some(holdsLoneSurrogate);
  return isObject(v) && Object.entries(v).some(([k, x]) => holdsLoneSurrogate(k) || holdsLoneSurrogate(x));
}

/**
 * Characters go-yaml refuses (not printable) or reads as line breaks (U+0085,
 * U+2028, U+2029, as YAML 1.1 does), and a byte order mark past the start,
 * anywhere in the raw text.
 */
export const UNREADABLE_RAW = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

/** Everything wrong with `text` as YAML for `docs`, for any reader above or go-yaml: empty when all read it back. */
export function readingProblems(text: string, docs: readonly unknown[]): string[] {
  const problems = disagreeingReaders(text, docs);
  const raw = UNREADABLE_RAW.exec(text);
  if (raw) problems.push(`raw U+${raw[0].charCodeAt(0).toString(16).padStart(4, '0')} in the text`);
  if (holdsLoneSurrogate(docs)) problems.push('a lone surrogate, which go-yaml refuses and UTF-8 cannot carry');
  if (problems.length === 0) {
    YAML.parseAllDocuments(text, { version: '1.2' }).forEach((d, i) => plainStringProblems(d.contents, docs[i], problems));
  }
  return problems;
}
