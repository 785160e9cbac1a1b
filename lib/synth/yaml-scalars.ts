/**
 * Strings that every YAML reader reads back the same.
 *
 * Readers differ on which plain (unquoted) scalars are strings: YAML 1.1
 * reads `yes` and `0b101` as a boolean and a number, YAML 1.2 reads `0o17` as
 * 15, and go-yaml (which kubectl uses through sigs.k8s.io/yaml) strips every
 * '_' and parses the rest with Go's number syntax, so it reads `0X1F` as 31,
 * `0o1_7` as 15 and `09` as 9. They also differ on characters: YAML 1.1
 * readers (go-yaml among them) take U+0085, U+2028 and U+2029 as line breaks,
 * and refuse a raw U+007F-U+009F (other than U+0085), U+FFFE or U+FFFF.
 *
 * PyYAML, moreover, refuses a plain scalar holding a tab.
 *
 * This module answers these questions conservatively, as the union over the
 * readers below, and writes a double-quoted scalar that carries any string:
 * - YAML 1.1: the `yaml` library in 1.1 mode, js-yaml's 1.1 schema, PyYAML;
 * - YAML 1.2 core schema: the `yaml` library, js-yaml 5;
 * - go-yaml v2 and v3: kubectl, client-go, Helm.
 * js-yaml 4's numbers (which allow '_' and a sign before `0b`, `0o`, `0x`)
 * all fall within the YAML 1.1 and go-yaml sets.
 */

/** Plain scalars some reader takes as a boolean, null, infinity, NaN, the merge key `<<` or YAML 1.1's value key `=`. */
const WORDS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
  '<<', '=',
]);

/** Numbers in YAML 1.1 (ints in bases 2, 8, 10, 16 and 60, floats; '_' allowed after the first digit). */
const YAML11_NUMBERS = [
  /^[-+]?0b[01_]+$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
];

/** Numbers in the YAML 1.2 core schema. */
const YAML12_NUMBERS = [
  /^[-+]?[0-9]+$/,
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
];

/**
 * go-yaml: a scalar starting with a sign or digit loses every '_' and is then
 * a Go integer literal (any base prefix, either case, a sign) or a decimal
 * float; one starting with '.' is a float when Go's ParseFloat takes it.
 */
const GO_INTEGER_OR_FLOAT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;
const GO_DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;

/**
 * Timestamps of YAML 1.1 and js-yaml, which read them as dates. (go-yaml
 * decodes the timestamps it knows as their text, so they need no quotes there.)
 */
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?$/;

/** Characters a number, infinity, NaN or timestamp can start with. */
const NUMBER_START = /^[-+0-9.eE]/;

/**
 * True when some reader above would read `text`, written as a plain scalar,
 * as something other than that string. Such a string must be quoted.
 */
export function readsAsNonString(text: string): boolean {
  if (WORDS.has(text)) return true;
  if (!NUMBER_START.test(text)) return false;
  return goNumber(text) || TIMESTAMP.test(text) || YAML11_NUMBERS.some((re) => re.test(text)) || YAML12_NUMBERS.some((re) => re.test(text));
}

/** Whether go-yaml reads `text` as a number (it looks at the first character to decide what to try). */
function goNumber(text: string): boolean {
  const first = text[0];
  if (first === '.') return GO_DOT_FLOAT.test(text);
  if (first === 'e' || first === 'E') return false;
  return GO_INTEGER_OR_FLOAT.test(text.replace(/_/g, ''));
}

/**
 * True when `text` must not be written as a plain scalar: some reader would
 * read it as something else (`readsAsNonString`), or refuse it. PyYAML, the
 * reference YAML 1.1 reader, refuses a plain scalar holding a tab ("found
 * character '\t' that cannot start any token"), though the spec allows it.
 */
export function unsafeAsPlain(text: string): boolean {
  return readsAsNonString(text) || text.includes('\t');
}

/**
 * Characters the `yaml` library writes raw but some reader refuses or reads
 * differently: U+007F-U+009F (U+0085 is a line break in YAML 1.1, the rest are
 * not printable), the line and paragraph separators U+2028 and U+2029 (line
 * breaks in YAML 1.1), the byte order mark U+FEFF (allowed only at the start
 * of a stream or in quotes), the non-characters U+FFFE and U+FFFF, and lone
 * UTF-16 surrogates, which no UTF-8 file can hold.
 */
export const MUST_ESCAPE = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/u;

const LONE_SURROGATE = /[\ud800-\udfff]/u;

/**
 * Blank lines ending in a newline, the first that is not empty starting with
 * a space (" \n", "\n \t\n"): the `yaml` library writes such a value as a
 * block scalar without an indentation indicator, so every reader takes those
 * spaces for indentation and reads back less than was written.
 */
const BLANK_BLOCK = /^\n* [ \t\n]*\n$/;

/**
 * True when the `yaml` library's form of the value `text` is read back
 * differently by some reader whatever the context, so `doubleQuoted` must
 * write it: it holds a character of `MUST_ESCAPE`, or is a `BLANK_BLOCK`.
 */
export function valueNeedsOwnQuotes(text: string): boolean {
  return MUST_ESCAPE.test(text) || BLANK_BLOCK.test(text);
}

/** Short escapes of YAML double-quoted scalars, as the `yaml` library writes them. */
const SHORT_ESCAPES: Record<number, string> = {
  0x00: '\\0', 0x07: '\\a', 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0b: '\\v', 0x0c: '\\f', 0x0d: '\\r', 0x1b: '\\e',
  0x22: '\\"', 0x5c: '\\\\',
};

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/**
 * `text` as a double-quoted YAML scalar on one line, every character outside
 * printable ASCII and ordinary Unicode text escaped. Every YAML 1.1 and 1.2
 * reader reads it back as exactly `text`.
 * @throws RangeError when `text` holds a lone UTF-16 surrogate, which neither
 *   YAML nor JSON can carry (go-yaml refuses its escape, and a UTF-8 file
 *   would turn it into U+FFFD)
 */
export function doubleQuoted(text: string): string {
  const lone = LONE_SURROGATE.exec(text);
  if (lone) {
    throw new RangeError(`string ${JSON.stringify(text)} holds a lone UTF-16 surrogate (\\u${hex(lone[0].charCodeAt(0), 4)}), which no YAML or JSON file can carry; remove it or fix the text's encoding`);
  }
  let out = '"';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20 || c === 0x22 || c === 0x5c) esc = SHORT_ESCAPES[c] ?? `\\x${hex(c, 2)}`;
    else if (c >= 0x7f && c <= 0x9f) esc = `\\x${hex(c, 2)}`;
    else if (c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff) esc = `\\u${hex(c, 4)}`;
    if (esc !== undefined) {
      out += text.slice(start, i) + esc;
      start = i + 1;
    }
  }
  return `${out}${text.slice(start)}"`;
}
