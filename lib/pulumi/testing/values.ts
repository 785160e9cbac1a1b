/**
 * Input values as the plan diff reads them: property paths (`a.b`, `a[0]`,
 * `a["x.y"]`, `*` for every element or key, as Pulumi's `ignoreChanges`
 * writes them), deep comparison where an unknown value never equals anything,
 * and a digest of inputs for plans that keep only some of them.
 */
import { createHash } from 'node:crypto';
import { UNKNOWN } from './plan';

/** One step of a property path: a key, an index, or every element or key. */
export type PathSegment = string | number | { readonly any: true };

const ANY: PathSegment = { any: true };

/** Parses `a.b[0]["c.d"].*` into its segments; throws on a malformed path, naming it. */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const re = /\s*(?:\.?([A-Za-z_$][\w$-]*|\*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\[\*\])/y;
  let i = 0;
  while (i < path.length) {
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m || m[0].length === 0) throw new Error(`property path "${path}" is not valid at character ${i + 1}; write it as a.b, a[0], a["key.with.dots"] or a.*`);
    if (m[1] !== undefined) segments.push(m[1] === '*' ? ANY : m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[3] !== undefined) segments.push(JSON.parse(`"${m[3]}"`) as string);
    else segments.push(ANY);
    i = re.lastIndex;
  }
  return segments;
}

/** Formats segments back into a path (`a.b[0]["c.d"]`). */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments.map((s, i) => {
    if (typeof s === 'number') return `[${s}]`;
    if (typeof s !== 'string') return i === 0 ? '*' : '.*';
    if (/^[A-Za-z_$][\w$-]*$/.test(s)) return i === 0 ? s : `.${s}`;
    return `[${JSON.stringify(s)}]`;
  }).join('');
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Every value at a path, with the concrete path of each (one per element a
 * `*` matches). A missing value is `undefined`; the path through an unknown
 * value is unknown.
 */
export function valuesAt(value: unknown, segments: readonly PathSegment[], prefix: PathSegment[] = []): { path: PathSegment[]; value: unknown }[] {
  if (segments.length === 0) return [{ path: prefix, value }];
  if (value === UNKNOWN) return [{ path: [...prefix, ...segments], value: UNKNOWN }];
  const [head, ...rest] = segments;
  if (typeof head === 'object') {
    const entries: [PathSegment, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : isObject(value) ? Object.entries(value) : [];
    return entries.flatMap(([k, v]) => valuesAt(v, rest, [...prefix, k]));
  }
  const next = Array.isArray(value) && typeof head === 'number' ? value[head] : isObject(value) && typeof head === 'string' ? value[head] : undefined;
  return valuesAt(next, rest, [...prefix, head]);
}

/** A copy of `value` with the value at a concrete path set (or removed, when `replacement` is undefined). */
export function withValueAt(value: unknown, segments: readonly PathSegment[], replacement: unknown): unknown {
  if (segments.length === 0) return replacement;
  const [head, ...rest] = segments;
  if (typeof head === 'number' && (Array.isArray(value) || value === undefined)) {
    const list: unknown[] = value ?? [];
    if (head >= list.length && replacement === undefined) return value;
    const copy = [...list];
    copy[head] = withValueAt(list[head], rest, replacement);
    return copy;
  }
  if (typeof head === 'string' && (isObject(value) || value === undefined)) {
    const copy: Record<string, unknown> = { ...(value ?? {}) };
    const inner = withValueAt(copy[head], rest, replacement);
    if (inner === undefined) delete copy[head];
    else copy[head] = inner;
    return Object.keys(copy).length === 0 && value === undefined ? undefined : copy;
  }
  return value;
}

/** Whether a value holds an unknown anywhere. */
export function hasUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(hasUnknown);
  return isObject(value) && Object.values(value).some(hasUnknown);
}

/** JSON with keys in order, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Deep equality where an unknown value equals nothing; `unordered` compares arrays as sets. */
export function sameValue(a: unknown, b: unknown, unordered = false): boolean {
  if (hasUnknown(a) || hasUnknown(b)) return false;
  if (unordered && Array.isArray(a) && Array.isArray(b)) {
    return canonicalJson([...a].map(canonicalJson).sort()) === canonicalJson([...b].map(canonicalJson).sort());
  }
  return canonicalJson(a) === canonicalJson(b);
}

/** The paths at which two values differ, down to the first level where they stop being objects on both sides. */
export function changedPaths(before: unknown, after: unknown, prefix: PathSegment[] = []): string[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => changedPaths(before[k], after[k], [...prefix, k]));
  }
  return sameValue(before, after) ? [] : [formatPath(prefix)];
}

/** Digest of inputs without the given paths: what a plan keeps of the inputs it does not keep in full. */
export function inputsDigest(inputs: Record<string, unknown>, leaveOut: readonly string[] = []): string {
  let kept: unknown = inputs;
  for (const p of leaveOut) {
    for (const hit of valuesAt(kept, parsePath(p))) kept = withValueAt(kept, hit.path, undefined);
  }
  return `sha256:${createHash('sha256').update(canonicalJson(kept ?? {})).digest('hex').slice(0, 16)}`;
}

/** Only the values at the given paths (the rest left out), or undefined when none is there. */
export function pick(inputs: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  let kept: unknown = undefined;
  for (const p of paths) {
    for (const hit of valuesAt(inputs, parsePath(p))) {
      if (hit.value !== undefined) kept = withValueAt(kept, hit.path, hit.value);
    }
  }
  return (kept ?? {}) as Record<string, unknown>;
}
