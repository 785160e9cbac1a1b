/**
 * Shape checks of construct props, for callers TypeScript does not check
 * (JavaScript, JSON-built props, `as any`). A constructor reads its props
 * through {@link readProps}: every field of the wrong shape is reported as a
 * problem (with the path inside the props and an example of a right value) and
 * left out, so the constructor and the resolve step never trip over it and the
 * synth reports all problems together instead of a TypeError.
 *
 * Written here rather than with a schema library: the messages must name an
 * example fix for each field, the checks run once per construct, and the model
 * keeps no dependency beyond cdk8s.
 */
import { describeValue, isPlainObject } from './checks/describe';

export { describeValue, isPlainObject };

/** A kind of value a prop takes. */
export interface Shape {
  /** What a right value is, for messages, such as "a list of strings". */
  readonly expected: string;
  /** Problems of `value` found at `at` (such as `autoscaling.minReplicas`); empty when it has the shape. */
  check(value: unknown, at: string): string[];
}

/** One prop: its shape, an example of a right value, and whether it must be given. */
export interface Field {
  readonly shape: Shape;
  /** Written in messages as the fix, such as `["eu-west-1"]`. */
  readonly example: string;
  readonly required?: boolean;
}

/** The props of a construct or of a nested options object. */
export type Fields = Readonly<Record<string, Field>>;

function wrong(at: string, value: unknown, expected: string): string {
  return `${at} is ${describeValue(value)}, not ${expected}`;
}

const simple = (expected: string, test: (v: unknown) => boolean): Shape => ({
  expected,
  check: (v, at) => (test(v) ? [] : [wrong(at, v, expected)]),
});

/** The shapes props are made of. */
export const shapes = {
  string: simple('a string', (v) => typeof v === 'string'),
  number: simple('a number', (v) => typeof v === 'number' && Number.isFinite(v)),
  boolean: simple('a boolean', (v) => typeof v === 'boolean'),

  /** One of the given string values (an enum). */
  oneOf(values: readonly string[], expected: string): Shape {
    return simple(expected, (v) => typeof v === 'string' && values.includes(v));
  },

  /** A list whose items all have `item`'s shape. */
  list(item: Shape): Shape {
    return {
      expected: `a list of ${item.expected.replace(/^an? /, '')}s`.replace(/ss$/, 's'),
      check(v, at) {
        if (!Array.isArray(v)) return [wrong(at, v, this.expected)];
        return v.flatMap((x, i) => item.check(x, `${at}[${i}]`));
      },
    };
  },

  /** A plain object of string keys to values of `value`'s shape (labels, env, tags). */
  record(value: Shape, expected: string): Shape {
    return {
      expected,
      check(v, at) {
        if (!isPlainObject(v)) return [wrong(at, v, expected)];
        return Object.entries(v).flatMap(([k, x]) => value.check(x, `${at}.${k}`));
      },
    };
  },

  /** A nested options object with its own fields. */
  object(fields: Fields, expected: string): Shape {
    return {
      expected,
      check: (v, at) => (isPlainObject(v) ? checkFields(v, fields, `${at}.`) : [wrong(at, v, expected)]),
    };
  },

  /** An instance of one of fleetform's classes (a value class or a construct), recognized by `test`. */
  instance(expected: string, test: (v: unknown) => boolean): Shape {
    return simple(expected, test);
  },

  /** A value of any of the given shapes. */
  either(expected: string, ...options: Shape[]): Shape {
    return simple(expected, (v) => options.some((o) => o.check(v, '').length === 0));
  },
};

/** Problems of the props object `raw` against `fields`; `prefix` is prepended to each field name. */
function checkFields(raw: Record<string, unknown>, fields: Fields, prefix: string): string[] {
  const problems: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    const value = raw[name];
    if (value === undefined) {
      if (field.required) problems.push(`${prefix}${name} is missing; give ${field.shape.expected}, such as ${field.example}`);
      continue;
    }
    // A nested field's problem already carries its own fix (it holds "; "); this level's does not yet.
    problems.push(...field.shape.check(value, `${prefix}${name}`).map((p) => (p.includes('; ') ? p : `${p}; give one such as ${field.example}`)));
  }
  for (const name of Object.keys(raw)) {
    if (name in fields) continue;
    const near = closest(name, Object.keys(fields));
    problems.push(`${prefix}${name} is not a known property${near ? `; did you mean "${prefix}${near}"?` : `; remove it (known: ${Object.keys(fields).join(', ')})`}`);
  }
  return problems;
}

/** The known name within edit distance 2 of `name`, if any (for a did-you-mean). */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** What {@link readProps} returns. */
export interface ReadProps<T> {
  /** The props with every field of the wrong shape left out. */
  readonly props: Partial<T>;
  readonly problems: string[];
}

/**
 * Checks the props a constructor was given (`undefined` counts as `{}`) and
 * returns them without the fields of the wrong shape, with a problem for each.
 */
export function readProps<T>(raw: unknown, fields: Fields, what = 'props'): ReadProps<T> {
  if (raw === undefined) raw = {};
  if (!isPlainObject(raw)) {
    return { props: {}, problems: [`${what} is ${describeValue(raw)}, not an object of properties; give an object such as { ${Object.keys(fields)[0]}: ${Object.values(fields)[0]?.example} }`] };
  }
  const problems = checkFields(raw, fields, '');
  const props: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    const value = raw[name];
    if (value !== undefined && field.shape.check(value, name).length === 0) props[name] = value;
  }
  return { props: props as Partial<T>, problems };
}
