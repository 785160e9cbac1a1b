/**
 * The three small examples (a global SaaS, a fintech under GDPR, a small team
 * with one cluster per environment): each synthesizes with no problem and no
 * warning on its committed address lock, every object has a valid Kubernetes
 * shape, the output is pinned by snapshots, and each keeps the promise it was
 * written to show.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AddressLock, Fleet, FleetAssembly, LockedCluster, reachableLeaves } from '../../lib';
import { validateManifests } from '../../lib/testing';
import buildFintechFleet, { FINTECH_LOCK_FILE } from '../../examples/fintech/fleet';
import buildGlobalSaasFleet, { GLOBAL_SAAS_LOCK_FILE } from '../../examples/global-saas/fleet';
import buildSmallTeamFleet, { SMALL_TEAM_LOCK_FILE } from '../../examples/small-team/fleet';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

interface Example {
  readonly name: string;
  readonly lockFile: string;
  readonly build: (options: { addressLock?: AddressLock; supportDate?: string }) => Fleet;
}

const EXAMPLES: readonly Example[] = [
  { name: 'global-saas', lockFile: GLOBAL_SAAS_LOCK_FILE, build: buildGlobalSaasFleet },
  { name: 'fintech', lockFile: FINTECH_LOCK_FILE, build: buildFintechFleet },
  { name: 'small-team', lockFile: SMALL_TEAM_LOCK_FILE, build: buildSmallTeamFleet },
];

/** The committed lock's entries, held in memory so a test never rewrites the committed file. */
function committed(lockFile: string): Record<string, LockedCluster> {
  return (JSON.parse(readFileSync(lockFile, 'utf8')) as { clusters: Record<string, LockedCluster> }).clusters;
}

function assemble(example: Example): FleetAssembly {
  return example.build({ addressLock: AddressLock.of(committed(example.lockFile)), supportDate: TEST_SUPPORT_DATE }).assemble();
}

describe.each(EXAMPLES)('the $name example', (example) => {
  const assembly = assemble(example);

  it('synthesizes without a warning, every object of a valid Kubernetes shape', () => {
    expect(assembly.warnings).toEqual([]);
    const objects = assembly.clusters.flatMap((c) => c.files.flatMap((f) => f.objects));
    expect(objects.length).toBeGreaterThan(20);
    expect(validateManifests(objects)).toEqual([]);
  });

  it('keeps every cluster on what its committed lock records', () => {
    const resolved = example.build({ supportDate: TEST_SUPPORT_DATE }).resolve();
    expect(resolved.problems).toEqual([]);
    expect(resolved.addressLock.path).toBe(example.lockFile);
    expect(resolved.addressLock.changed).toBe(false);
    const blocks = Object.fromEntries(Object.entries(committed(example.lockFile)).map(([id, e]) => [id, e.block]));
    expect(Object.fromEntries(resolved.clusters.map((c) => [c.id, c.network!.block]))).toEqual(blocks);
  });

  it('synthesizes these manifests and this topology', () => {
    for (const c of assembly.clusters) {
      for (const f of c.files) expect(f.content).toMatchSnapshot(`${c.clusterId}/${f.name}`);
    }
    expect(assembly.topologyJson).toMatchSnapshot('fleet.json');
  });

  it('gives byte-identical output every time', () => {
    const again = assemble(example);
    expect(again.clusters.map((c) => c.files.map((f) => f.content))).toEqual(assembly.clusters.map((c) => c.files.map((f) => f.content)));
    expect(again.topologyJson).toBe(assembly.topologyJson);
  });
});

/** Leaves of every tree of a load balancer that answer a user. */
function answers(assembly: FleetAssembly, lb: string, user: { country: string; continent: string }): string[] {
  const balancer = assembly.fleet.loadBalancers.find((l) => l.name === lb)!;
  return [...new Set(balancer.trees.flatMap((t) => [...reachableLeaves(t, t.name, user)]))].sort();
}

describe('the global SaaS', () => {
  const assembly = assemble(EXAMPLES[0]);

  it('answers every continent from any healthy production cluster, by latency', () => {
    for (const user of [{ country: 'US', continent: 'NA' }, { country: 'DE', continent: 'EU' }, { country: 'JP', continent: 'AS' }]) {
      const leaves = answers(assembly, 'app', user);
      for (const region of ['us-east-1', 'eu-west-1', 'ap-northeast-1']) expect(leaves.some((l) => l.includes(`production-${region}`)), `${user.country} → ${region}`).toBe(true);
      expect(leaves.some((l) => l.includes('staging'))).toBe(false);
    }
  });
});

describe('the fintech', () => {
  const assembly = assemble(EXAMPLES[1]);

  it('answers EU users from Frankfurt or Ireland only, and the rest of the world from any production cluster', () => {
    for (const country of ['DE', 'FR', 'IE', 'SE']) {
      const leaves = answers(assembly, 'pay', { country, continent: 'EU' });
      expect(leaves.length).toBeGreaterThan(0);
      expect(leaves.every((l) => l.includes('production-eu-central-1') || l.includes('production-eu-west-1')), `${country}: ${leaves.join(', ')}`).toBe(true);
    }
    expect(answers(assembly, 'pay', { country: 'US', continent: 'NA' }).some((l) => l.includes('production-us-east-1'))).toBe(true);
  });

  it('keeps the payments and the bank\'s ledger in EU clusters, the bank on its own hardware', () => {
    const placed = (app: string) => assembly.topology.apps.find((a) => a.name === app)!.clusters.map((c) => c.id).sort();
    expect(placed('payments')).toEqual(['production-eu-central-1', 'production-eu-west-1', 'staging-eu-west-1']);
    expect(placed('ledger')).toEqual(['bank-nord']);
    const bank = assembly.fleet.clusters.find((c) => c.id === 'bank-nord')!;
    expect(bank.tenancy).toBe('dedicated');
    expect(bank.zones).toEqual(['eu']);
  });
});

describe('the small team', () => {
  const assembly = assemble(EXAMPLES[2]);

  it('runs one cluster per environment, each environment its own build of the app', () => {
    expect(assembly.clusters.map((c) => c.clusterId)).toEqual(['development-eu-west-2', 'production-eu-west-2', 'staging-eu-west-2']);
    const shop = assembly.topology.apps.find((a) => a.name === 'shop')!;
    expect(Object.fromEntries(shop.clusters.map((c) => [c.id, c.image]))).toEqual({
      'development-eu-west-2': 'ghcr.io/tidy/shop:2.4.0-dev.7',
      'production-eu-west-2': 'ghcr.io/tidy/shop:2.3.0',
      'staging-eu-west-2': 'ghcr.io/tidy/shop:2.4.0-rc.1',
    });
  });
});
