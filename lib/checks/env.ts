/**
 * Container environment variables given as a plain object of names to
 * values, checked as the Kubernetes API and the container runtime will:
 * - names match `[-._a-zA-Z][-._a-zA-Z0-9]*` and are not `.`, `..` or
 *   `..`-prefixed (the API's validation of `env[].name`);
 * - values are strings: from JavaScript, `{ RETRIES: 42 }` would be written
 *   as `value: 42`, which the Kubernetes schema refuses (`env[].value` is a
 *   string);
 * - values hold no character that no file or process can carry: a lone UTF-16
 *   surrogate (neither YAML nor JSON nor UTF-8 can hold one) or NUL (a process
 *   environment is made of NUL-terminated strings). Every other character
 *   reaches the container as written: the YAML writer escapes what readers
 *   would misread.
 */
import { describeValue, isPlainObject, quote } from './describe';

/** A name the API accepts for `env[].name` (also `.` and `..`-prefixed names are refused). */
export const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** A name the API accepts, made from `name`, or undefined when none is near. */
function suggestName(name: string): string | undefined {
  const fixed = name.replace(/[^-._a-zA-Z0-9]+/g, '_').replace(/^[0-9]+/, '').replace(/^\.\.+/, '');
  return fixed && fixed !== '.' && ENV_NAME.test(fixed) ? fixed : undefined;
}

/** Checks the environment variables of a container; returns problems, each starting with `what`. */
export function checkEnvValues(env: unknown, what: string): string[] {
  if (!isPlainObject(env)) return [`${what} must be an object of variable names to string values, such as { LOG_LEVEL: "info" }, not ${describeValue(env)}`];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    const n = quote(name);
    if (!ENV_NAME.test(name) || name === '.' || name.startsWith('..')) {
      const suggestion = suggestName(name);
      problems.push(`${what} name ${n} is not a valid environment variable name (letters, digits, '-', '.' and '_', not starting with a digit, not "." or ".."-prefixed)${suggestion ? `; rename it, such as ${quote(suggestion)}` : '; rename it'}`);
    }
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
      problems.push(`${what} ${n} is ${describeValue(value)}, which would be written as \`value: ${String(value)}\` and refused by Kubernetes, whose env values are strings; quote it: ${quote(String(value))}`);
    } else if (typeof value !== 'string') {
      problems.push(`${what} ${n} is ${describeValue(value)}; env values are strings: give one, or "" for an empty value`);
    } else {
      const lone = LONE_SURROGATE.exec(value);
      if (lone) {
        problems.push(`${what} ${n} holds a lone UTF-16 surrogate (\\u${lone[0].charCodeAt(0).toString(16)}) at index ${lone.index}, which no YAML or JSON file can carry; fix the text's encoding`);
      }
      const nul = value.indexOf('\0');
      if (nul >= 0) problems.push(`${what} ${n} holds a NUL character at index ${nul}, which no process environment can carry (its strings end at NUL); remove it`);
    }
  }
  return problems;
}
