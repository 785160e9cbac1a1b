/**
 * Numeric cluster ids through the fleet: recorded in the address lock and in
 * fleet.json, kept across synths, renames and removals, never given again
 * after a release, given to a lock written before ids in cluster-id order,
 * pinned on request.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AddressLock, EnvironmentFleet, Fleet, findCluster, RegionalCluster } from '../lib';
import { newFleet, problemsOf, tempDir } from './helpers/fleets';
import { TEST_SUPPORT_DATE } from './helpers/support-date';

const quiet = { log: () => {} };
const REGIONS: Record<string, string> = { a: 'eu-west-1', b: 'eu-west-3', c: 'eu-central-1', d: 'eu-north-1', e: 'us-east-1' };

function fleetOf(ids: string[], lockFile: string, pins: Record<string, number> = {}): Fleet {
  const fleet = new Fleet('acme', { addressSpace: '10.64.0.0/10', addressLock: AddressLock.file(lockFile), supportDate: TEST_SUPPORT_DATE });
  for (const id of ids) new RegionalCluster(fleet, id, { region: REGIONS[id], ...(pins[id] !== undefined ? { numericId: pins[id] } : {}) });
  return fleet;
}

function synth(fleet: Fleet, dir: string) {
  return fleet.synth({ outdir: join(dir, 'dist'), ...quiet });
}

/** The lock's numeric ids, cluster id → id, and its released ids. */
function lockIds(file: string): { ids: Record<string, number | undefined>; released?: number[] } {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { clusters: Record<string, { numericId?: number }>; releasedNumericIds?: number[] };
  return { ids: Object.fromEntries(Object.entries(doc.clusters).map(([id, e]) => [id, e.numericId])), ...(doc.releasedNumericIds ? { released: doc.releasedNumericIds } : {}) };
}

describe('numeric cluster ids', () => {
  it('are recorded in the lock and shown in fleet.json, and a new cluster leaves the others\' ids alone', () => {
    const dir = tempDir();
    const lock = join(dir, 'fleetform.lock.json');
    const first = synth(fleetOf(['b', 'c'], lock), dir);
    expect(first.topology.clusters.map((c) => [c.id, c.numericId])).toEqual([['b', 1], ['c', 2]]);
    expect(JSON.parse(readFileSync(join(dir, 'dist', 'fleet.json'), 'utf8')).clusters.map((c: { numericId: number }) => c.numericId)).toEqual([1, 2]);
    expect(lockIds(lock)).toEqual({ ids: { b: 1, c: 2 } });
    // "a" sorts first but comes later: it takes the lowest id never used, and b and c keep theirs.
    const second = synth(fleetOf(['a', 'b', 'c'], lock), dir);
    expect(second.fleet.clusters.map((c) => [c.id, c.numericId])).toEqual([['a', 3], ['b', 1], ['c', 2]]);
  });

  it('stay with a cluster that left the fleet, and are never given again once its entry is released', () => {
    const dir = tempDir();
    const lock = join(dir, 'fleetform.lock.json');
    synth(fleetOf(['a', 'b'], lock), dir);
    synth(fleetOf(['b', 'c'], lock), dir);
    expect(lockIds(lock)).toEqual({ ids: { a: 1, b: 2, c: 3 } });
    const releasing = fleetOf(['b', 'c'], lock);
    releasing.releaseAddressBlock('a');
    synth(releasing, dir);
    expect(lockIds(lock)).toEqual({ ids: { b: 2, c: 3 }, released: [1] });
    synth(fleetOf(['b', 'c', 'd'], lock), dir);
    expect(lockIds(lock)).toEqual({ ids: { b: 2, c: 3, d: 4 }, released: [1] });
  });

  it('are given to a lock written before ids, in cluster-id order, and written back', () => {
    const dir = tempDir();
    const lock = join(dir, 'fleetform.lock.json');
    synth(fleetOf(['a', 'b', 'c'], lock), dir);
    const doc = JSON.parse(readFileSync(lock, 'utf8'));
    doc.version = 3;
    for (const e of Object.values(doc.clusters) as { numericId?: number }[]) delete e.numericId;
    doc.clusters.c.numericId = undefined;
    writeFileSync(lock, JSON.stringify(doc));
    const result = fleetOf(['c', 'b', 'a', 'e'], lock).synth({ outdir: join(dir, 'dist'), ...quiet });
    expect(result.fleet.clusters.map((c) => [c.id, c.numericId])).toEqual([['a', 1], ['b', 2], ['c', 3], ['e', 4]]);
    expect(JSON.parse(readFileSync(lock, 'utf8')).version).toBe(4);
    expect(lockIds(lock)).toEqual({ ids: { a: 1, b: 2, c: 3, e: 4 } });
  });

  it('follow a renamed cluster', () => {
    const dir = tempDir();
    const lock = join(dir, 'fleetform.lock.json');
    const fleet = new Fleet('acme', { addressSpace: '10.64.0.0/10', addressLock: AddressLock.file(lock), supportDate: TEST_SUPPORT_DATE });
    new RegionalCluster(fleet, 'a', { region: 'eu-west-1' });
    new EnvironmentFleet(fleet, 'prod', { regions: ['us-east-1'] });
    synth(fleet, dir);
    const renamed = new Fleet('acme', { addressSpace: '10.64.0.0/10', addressLock: AddressLock.file(lock), supportDate: TEST_SUPPORT_DATE });
    new RegionalCluster(renamed, 'a', { region: 'eu-west-1' });
    new EnvironmentFleet(renamed, 'production', { regions: ['us-east-1'], renamedFrom: 'prod' });
    const result = synth(renamed, dir);
    expect(findCluster(result.fleet, 'production-us-east-1')?.numericId).toBe(2);
    expect(lockIds(lock)).toEqual({ ids: { a: 1, 'production-us-east-1': 2 } });
  });

  it('may be pinned; a pin that moves a recorded id or takes another cluster\'s is refused at the cluster', () => {
    const dir = tempDir();
    const lock = join(dir, 'fleetform.lock.json');
    const first = synth(fleetOf(['a', 'b'], lock, { b: 7 }), dir);
    expect(first.fleet.clusters.map((c) => [c.id, c.numericId])).toEqual([['a', 1], ['b', 7]]);
    expect(problemsOf(fleetOf(['a', 'b', 'c'], lock, { a: 2, c: 7 }))).toEqual([
      { path: 'acme/a', message: 'numericId 2 differs from 1, the id the address lock records for "a"; a cluster\'s numeric id never moves (a mesh knows it by that number), so give 1 or remove numericId' },
      { path: 'acme/c', message: 'numericId 7 is the id the address lock records for "b"; give another id, or remove numericId to take the lowest free one' },
    ]);
  });

  it('refuses a pin out of range or of the wrong type, also from JavaScript', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'a', { region: 'eu-west-1', numericId: 256 });
    new RegionalCluster(fleet, 'b', { region: 'eu-west-3', numericId: 0 });
    new RegionalCluster(fleet, 'c', { region: 'eu-central-1', numericId: '7' as unknown as number });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/a', message: 'numericId 256 is not a whole number from 1 to 255; give one in that range, or leave it out to take the lowest free id' },
      { path: 'acme/b', message: 'numericId 0 is not a whole number from 1 to 255; give one in that range, or leave it out to take the lowest free id' },
      { path: 'acme/c', message: 'numericId is the string "7", not a number; give one such as 7' },
    ]);
  });

  it('refuses a lock that gives one id twice or an id out of range, never rewriting it', () => {
    const dir = tempDir();
    const lock = join(dir, 'fleetform.lock.json');
    synth(fleetOf(['a', 'b'], lock), dir);
    const doc = JSON.parse(readFileSync(lock, 'utf8'));
    doc.clusters.b.numericId = 1;
    writeFileSync(lock, JSON.stringify(doc));
    expect(problemsOf(fleetOf(['a', 'b'], lock))[0].message).toMatch(/gives numeric id 1 to both "a" and "b"; restore it from version control$/);
    doc.clusters.b.numericId = 300;
    writeFileSync(lock, JSON.stringify(doc));
    expect(problemsOf(fleetOf(['a', 'b'], lock))[0].message).toMatch(/records for cluster "b" numericId 300, not a whole number from 1 to 255; restore it/);
    doc.clusters.b.numericId = 2;
    doc.releasedNumericIds = [2];
    writeFileSync(lock, JSON.stringify(doc));
    expect(problemsOf(fleetOf(['a', 'b'], lock))[0].message).toMatch(/has releasedNumericIds \[2\], not a list of distinct whole numbers from 1 to 255 that no recorded cluster holds/);
  });
});

describe('a lock written before numeric ids', () => {
  it('is refused by a frozen synth, which says the lock is not up to date, and left as it is', () => {
    const dir = tempDir();
    const lock = join(dir, 'fleetform.lock.json');
    synth(fleetOf(['a'], lock), dir);
    const doc = JSON.parse(readFileSync(lock, 'utf8'));
    doc.version = 3;
    delete doc.clusters.a.numericId;
    const text = JSON.stringify(doc, null, 2);
    writeFileSync(lock, text);
    expect(() => fleetOf(['a'], lock).synth({ outdir: join(dir, 'frozen'), addressLock: 'frozen', ...quiet })).toThrow(
      `[acme] the address lock ${lock} is not up to date (what it records of the clusters changes (a version, pools, tenancy, a rename, numeric ids or its format)); synth without addressLock: 'frozen' and commit the lock`,
    );
    expect(readFileSync(lock, 'utf8')).toBe(text);
  });
});
