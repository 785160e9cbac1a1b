/** Small builders shared by the construct tests. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { AddressLock, AppSpec, findApp, Fleet, FleetAssembleOptions, FleetProblem, FleetProps, FleetValidationError } from '../../lib';
import { cachePath } from '../../lib/io/output-stat-cache';
import { TEST_SUPPORT_DATE } from './support-date';

export { TEST_SUPPORT_DATE };

/** A fleet named "acme" with no address lock (tests never read or write a lock file unless they mean to), judged on {@link TEST_SUPPORT_DATE}. */
export function newFleet(props: FleetProps = {}, name = 'acme'): Fleet {
  return new Fleet(name, { addressLock: AddressLock.none(), supportDate: TEST_SUPPORT_DATE, ...props });
}

/** The problems `assemble()` refuses the fleet with; fails the test if the fleet is valid. */
export function problemsOf(fleet: Fleet, options: FleetAssembleOptions = {}): FleetProblem[] {
  try {
    fleet.assemble(options);
  } catch (e) {
    if (e instanceof FleetValidationError) return [...e.problems];
    throw e;
  }
  throw new Error('expected the fleet to be refused, but it assembled');
}

/** Matches a problem at `path` whose message starts with `start`. */
export function problemAt(path: string, start: string): { path: string; message: unknown } {
  const escaped = start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { path, message: expect.stringMatching(new RegExp(`^${escaped}`)) };
}

/** The error `assemble()` throws; fails the test if the fleet is valid. */
export function validationError(fleet: Fleet, options: FleetAssembleOptions = {}): FleetValidationError {
  try {
    fleet.assemble(options);
  } catch (e) {
    if (e instanceof FleetValidationError) return e;
    throw e;
  }
  throw new Error('expected the fleet to be refused, but it assembled');
}

/** A fresh empty folder under the OS temp dir, removed when the current test finishes. */
export function tempDir(prefix = 'fleetform-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => {
    rmSync(dir, { recursive: true, force: true });
    const cache = cachePath(dir);
    if (cache !== undefined) rmSync(cache, { force: true });
  });
  return dir;
}

/** Every file below `dir`, as relative path → content, paths sorted. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** The spec app `name` runs with on `clusterId`, from the resolved fleet; fails the test if it is not placed there. */
export function specOf(fleet: Fleet, name: string, clusterId: string): AppSpec {
  const placement = findApp(fleet.resolve(), name)?.placements.find((p) => p.clusterId === clusterId);
  if (!placement) throw new Error(`app ${name} is not placed on ${clusterId}`);
  return placement.spec;
}

/** The ids of the clusters app `name` landed on, sorted. */
export function placedOn(fleet: Fleet, name: string): string[] {
  return (findApp(fleet.resolve(), name)?.placements ?? []).map((p) => p.clusterId);
}

/** The error of class `type` that `fn` throws; fails the test when `fn` throws nothing or another error. */
export function thrownBy<E extends Error>(type: abstract new (...args: never[]) => E, fn: () => unknown): E {
  try {
    fn();
  } catch (e) {
    if (e instanceof type) return e;
    throw e;
  }
  throw new Error(`expected ${type.name} to be thrown`);
}
