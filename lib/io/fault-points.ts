/**
 * Named points of the output writer where tests make a write fail or the
 * process die, to prove the previous output survives. Not part of the public
 * API: nothing outside the tests sets a hook.
 */
export type FaultPoint = 'stage-file' | 'before-commit' | 'between-renames' | 'after-swap' | 'remove-old';

let hook: ((point: FaultPoint, count: number) => void) | undefined;
const counts = new Map<FaultPoint, number>();

/** Called by the writer at each point; `count` is how often the point was reached since the hook was set. */
export function faultPoint(point: FaultPoint): void {
  if (hook === undefined) return;
  const count = (counts.get(point) ?? 0) + 1;
  counts.set(point, count);
  hook(point, count);
}

/** Sets (or with `undefined`, clears) the hook run at every fault point. */
export function setFaultHook(fn: ((point: FaultPoint, count: number) => void) | undefined): void {
  hook = fn;
  counts.clear();
}
