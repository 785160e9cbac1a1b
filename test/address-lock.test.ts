/**
 * The address lock's lifecycle: blocks are recorded, kept when their cluster
 * leaves (retired), never handed to another cluster until released in code,
 * never dropped by a program that declares fewer clusters; a lock of the wrong
 * shape, fleet or space is refused; relative paths and test modes behave.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AddressLock, Fleet, FleetValidationError, RegionalCluster, findCluster } from '../lib';
import { problemsOf, tempDir } from './helpers/fleets';
import { TEST_SUPPORT_DATE } from './helpers/support-date';

const quiet = { log: () => {} };

/** Each cluster in a region of its own, so a newcomer is never taken for a rename of a cluster that left. */
const REGIONS: Record<string, string> = { a: 'eu-west-1', b: 'eu-west-3', c: 'eu-central-1', d: 'eu-north-1', e: 'us-east-1', f: 'us-west-2' };

function fleetOf(ids: string[], lockFile: string, space = '10.64.0.0/14'): Fleet {
  const fleet = new Fleet('acme', { addressSpace: space, addressLock: AddressLock.file(lockFile), supportDate: TEST_SUPPORT_DATE });
  for (const id of ids) new RegionalCluster(fleet, id, { region: REGIONS[id] ?? 'eu-south-1' });
  return fleet;
}

/** The lock file's clusters, id → block. */
function lockOf(file: string): { clusters: Record<string, string> } {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { clusters: Record<string, { block: string }> };
  return { clusters: Object.fromEntries(Object.entries(doc.clusters).map(([id, e]) => [id, e.block])) };
}

describe('the address lock never forgets a block', () => {
  it('keeps the block of a removed cluster reserved: a new cluster never gets it', () => {
    const dir = tempDir();
    const lock = join(dir, 'fleetform.lock.json');
    const first = fleetOf(['a', 'b', 'c', 'd'], lock).synth({ outdir: join(dir, 'dist'), ...quiet });
    const blockOfA = findCluster(first.fleet, 'a')!.network!.block;

    // a leaves and e arrives: the /14 holds four /16 blocks, and a's is reserved.
    const problems = problemsOf(fleetOf(['b', 'c', 'd', 'e'], lock));
    expect(problems).toEqual([{
      path: 'acme/e',
      message: 'address space 10.64.0.0/14 has no free /16 block left for cluster "e" (4 blocks, all taken, 1 reserved for clusters that left the fleet: a); release a reserved block with fleet.releaseAddressBlock() once its cluster\'s VPC is gone, widen the fleet\'s addressSpace or lengthen clusterBlockPrefix',
    }]);
    expect(lockOf(lock).clusters.a).toBe(blockOfA);
  });

  it('in a larger space, gives the newcomer another block and keeps the removed one recorded as retired', () => {
    const dir = tempDir();
    const lock = join(dir, 'fleetform.lock.json');
    const first = fleetOf(['a', 'b'], lock, '10.64.0.0/10').synth({ outdir: join(dir, 'dist'), ...quiet });
    const lines: string[] = [];
    const second = fleetOf(['b', 'c'], lock, '10.64.0.0/10').synth({ outdir: join(dir, 'dist'), log: (l) => lines.push(l) });
    expect(findCluster(second.fleet, 'c')!.network!.block).not.toBe(findCluster(first.fleet, 'a')!.network!.block);
    expect(Object.keys(lockOf(lock).clusters)).toEqual(['a', 'b', 'c']);
    expect(second.addressLock).toMatchObject({ added: ['c'], retired: ['a'], released: [] });
    expect(lines).toContain('address lock: blocks of a (no longer in the fleet) stay reserved until released with fleet.releaseAddressBlock()');
  });

  it('gives a returning cluster its old block back', () => {
    const dir = tempDir();
    const lock = join(dir, 'fleetform.lock.json');
    const first = fleetOf(['a', 'b'], lock, '10.64.0.0/10').synth({ outdir: join(dir, 'dist'), ...quiet });
    fleetOf(['b'], lock, '10.64.0.0/10').synth({ outdir: join(dir, 'dist'), ...quiet });
    const back = fleetOf(['a', 'b'], lock, '10.64.0.0/10').resolve();
    expect(findCluster(back, 'a')!.network!.block).toBe(findCluster(first.fleet, 'a')!.network!.block);
  });

  it('releases a block only when the program says so, and reports it', () => {
    const dir = tempDir();
    const lock = join(dir, 'fleetform.lock.json');
    fleetOf(['a', 'b', 'c', 'd'], lock).synth({ outdir: join(dir, 'dist'), ...quiet });
    const fleet = fleetOf(['b', 'c', 'd', 'e'], lock);
    fleet.releaseAddressBlock('a');
    const lines: string[] = [];
    const result = fleet.synth({ outdir: join(dir, 'dist'), log: (l) => lines.push(l) });
    expect(result.addressLock).toMatchObject({ released: ['a'], added: ['e'], retired: [] });
    expect(Object.keys(lockOf(lock).clusters)).toEqual(['b', 'c', 'd', 'e']);
    expect(lines).toContain('address lock: released the block of "a"');
  });

  it('refuses to release the block of a cluster still in the fleet, and warns about a release of nothing', () => {
    const fleet = new Fleet('acme', { addressLock: AddressLock.of({ a: '10.64.0.0/16' }), supportDate: TEST_SUPPORT_DATE });
    new RegionalCluster(fleet, 'a', { region: 'eu-west-1' });
    fleet.releaseAddressBlock('a');
    fleet.releaseAddressBlock('never-there');
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([{ path: 'acme', message: 'releaseAddressBlock(\'a\'): cluster "a" is still in the fleet; remove the cluster (and destroy its VPC) before releasing its block' }]);
    expect(resolved.warnings.filter((w) => w.rule === 'address-lock-release')).toEqual([{ path: 'acme', rule: 'address-lock-release', message: 'releaseAddressBlock(\'never-there\'): the address lock records no block for "never-there" (released already?); remove the call' }]);
  });

  it('a program that declares fewer clusters keeps every other entry', () => {
    const dir = tempDir();
    const lock = join(dir, 'fleetform.lock.json');
    fleetOf(['production-a', 'production-b', 'staging'], lock, '10.64.0.0/10').synth({ outdir: join(dir, 'dist'), ...quiet });
    const before = lockOf(lock).clusters;
    fleetOf(['staging'], lock, '10.64.0.0/10').synth({ outdir: join(dir, 'staging-only'), ...quiet });
    expect(lockOf(lock).clusters).toEqual(before);
  });
});

describe('a lock that is not this fleet\'s is refused, never rewritten', () => {
  const cases: [string, unknown, RegExp][] = [
    ['a list of blocks', { clusterBlocks: ['10.64.0.0/16'] }, /has format version null, which this fleetform does not know/],
    ['an empty list', { version: 1, clusterBlocks: [] }, /has no "clusterBlocks" object of cluster entries/],
    ['an unknown version', { version: 99, clusters: {} }, /has format version 99, which this fleetform does not know \(it reads 1 to 4\); upgrade fleetform/],
    ['an entry without its creator flag', { version: 3, fleet: 'acme', addressSpace: '10.64.0.0/10', clusterBlockPrefix: 16, clusters: { x: { block: '10.64.0.0/16' } } }, /records for cluster "x" no creatorAdmin true or false/],
    ['an entry with a wrong field', { version: 3, fleet: 'acme', addressSpace: '10.64.0.0/10', clusterBlockPrefix: 16, clusters: { x: { block: '10.64.0.0/16', creatorAdmin: false, vpcCidr: 'ten', kubernetesVersion: 136 } } }, /records for cluster "x" kubernetesVersion 136, not a string, vpcCidr "ten", not a CIDR/],
    ['null', null, /is not a JSON object/],
    ['another fleet', { version: 2, fleet: 'other', addressSpace: '10.64.0.0/10', clusterBlockPrefix: 16, clusters: {} }, /belongs to fleet "other", not "acme"; give each fleet its own lock file/],
    ['another address space', { version: 2, fleet: 'acme', addressSpace: '10.0.0.0/8', clusterBlockPrefix: 16, clusters: {} }, /records address space 10.0.0.0\/8 in \/16 blocks, but the fleet has 10.64.0.0\/10 in \/16 blocks/],
    ['a block outside the space', { version: 1, clusterBlocks: { x: '192.168.0.0/16' } }, /records "192.168.0.0\/16" for cluster "x", which is not a \/16 block inside 10.64.0.0\/10/],
    ['a block given twice', { version: 1, clusterBlocks: { x: '10.64.0.0/16', y: '10.64.0.0/16' } }, /gives block 10.64.0.0\/16 to both "x" and "y"/],
  ];
  for (const [what, content, message] of cases) {
    it(what, () => {
      const dir = tempDir();
      const lock = join(dir, 'fleetform.lock.json');
      const text = JSON.stringify(content);
      writeFileSync(lock, text);
      const fleet = fleetOf(['a'], lock, '10.64.0.0/10');
      expect(() => fleet.synth({ outdir: join(dir, 'dist'), ...quiet })).toThrow(FleetValidationError);
      const problems = problemsOf(fleet);
      expect(problems).toHaveLength(1);
      expect(problems[0].path).toBe('acme');
      expect(problems[0].message).toMatch(message);
      expect(problems[0].message).toContain(lock);
      expect(readFileSync(lock, 'utf8')).toBe(text);
    });
  }

  it('reads a version 1 or 2 lock of this fleet and rewrites it as version 4 with the same blocks, its clusters created with the creator as admin', () => {
    for (const old of [{ version: 1, clusterBlocks: { a: '10.70.0.0/16' } }, { version: 2, fleet: 'acme', addressSpace: '10.64.0.0/10', clusterBlockPrefix: 16, clusters: { a: '10.70.0.0/16' } }]) {
      const dir = tempDir();
      const lock = join(dir, 'fleetform.lock.json');
      writeFileSync(lock, JSON.stringify(old));
      const result = fleetOf(['a'], lock, '10.64.0.0/10').synth({ outdir: join(dir, 'dist'), ...quiet });
      expect(findCluster(result.fleet, 'a')).toMatchObject({ network: { block: '10.70.0.0/16' }, creatorAdmin: true });
      expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ version: 4, fleet: 'acme', clusters: { a: { block: '10.70.0.0/16', numericId: 1, region: 'eu-west-1', creatorAdmin: true } } });
    }
  });
});

describe('where the lock is and when it is written', () => {
  it('takes a relative path from the project root, whatever folder the program runs in', () => {
    const root = tempDir();
    writeFileSync(join(root, 'package.json'), '{}');
    mkdirSync(join(root, 'src', 'deep'), { recursive: true });
    const cwd = process.cwd();
    try {
      process.chdir(join(root, 'src', 'deep'));
      const fleet = fleetOf(['a'], 'fleetform.lock.json', '10.64.0.0/10');
      const result = fleet.synth({ outdir: 'dist', ...quiet });
      expect(result.addressLock.path).toBe(join(root, 'fleetform.lock.json'));
      expect(existsSync(join(root, 'dist', 'fleet.json'))).toBe(true);
      expect(lockOf(join(root, 'fleetform.lock.json')).clusters.a).toBeDefined();
    } finally {
      process.chdir(cwd);
    }
  });

  it('says where it created the lock', () => {
    const dir = tempDir();
    const lines: string[] = [];
    fleetOf(['a'], join(dir, 'fleetform.lock.json'), '10.64.0.0/10').synth({ outdir: join(dir, 'dist'), log: (l) => lines.push(l) });
    expect(lines).toEqual([`address lock: created ${join(dir, 'fleetform.lock.json')}; commit it`]);
  });

  it('read-only: plans from the lock and never writes it (tests and previews)', () => {
    const dir = tempDir();
    const lock = join(dir, 'fleetform.lock.json');
    fleetOf(['a'], lock, '10.64.0.0/10').synth({ outdir: join(dir, 'dist'), ...quiet });
    const before = readFileSync(lock, 'utf8');
    const result = fleetOf(['a', 'b'], lock, '10.64.0.0/10').synth({ outdir: join(dir, 'other'), addressLock: 'read-only', ...quiet });
    expect(result.addressLock).toMatchObject({ written: false, added: ['b'] });
    expect(readFileSync(lock, 'utf8')).toBe(before);
  });

  it('frozen: refuses a synth that would change the lock, before writing anything (CI)', () => {
    const dir = tempDir();
    const lock = join(dir, 'fleetform.lock.json');
    fleetOf(['a'], lock, '10.64.0.0/10').synth({ outdir: join(dir, 'dist'), ...quiet });
    expect(() => fleetOf(['a', 'b'], lock, '10.64.0.0/10').synth({ outdir: join(dir, 'frozen'), addressLock: 'frozen', ...quiet }))
      .toThrow(`[acme] the address lock ${lock} is not up to date (new blocks for b); synth without addressLock: 'frozen' and commit the lock`);
    expect(() => fleetOf(['a'], lock, '10.64.0.0/10').synth({ outdir: join(dir, 'frozen'), addressLock: 'frozen', ...quiet })).not.toThrow();
  });
});
