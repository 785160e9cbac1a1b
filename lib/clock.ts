/**
 * The one place fleetform reads the clock: the UTC day a fleet's EKS support
 * and catalogue age are judged on when no `supportDate` fixes it. Only `Fleet`
 * calls it, and only problems and warnings depend on the day it returns, never
 * what is written.
 */
export function todayUtc(): string {
  return new Date(Date.now()).toISOString().slice(0, 10);
}
