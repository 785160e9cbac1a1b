/**
 * Changes to running clusters, judged against what the address lock records:
 * version steps, settings that would replace a cluster, renames, node rolls,
 * and where a cluster's version comes from.
 */
import { describe, expect, it } from 'vitest';
import { AddressLock, EnvironmentFleet, findCluster, LockedCluster, RegionalCluster, Tenancy } from '../../lib';
import { newFleet, problemsOf } from '../helpers/fleets';

/** What a format-3 lock records of a cluster synthesized earlier. */
function entry(id: string, region: string, more: Partial<LockedCluster> = {}): LockedCluster {
  return {
    block: '10.64.0.0/16', region, environment: 'production', kubernetesVersion: '1.35', vpcCidr: '10.64.0.0/17', serviceCidr: '10.64.128.0/20',
    tenancy: 'shared', names: { eksCluster: `acme-${id}`, resource: id }, creatorAdmin: false,
    nodePools: { general: { instanceTypes: ['m6i.large'], capacityType: 'ON_DEMAND' } }, ...more,
  };
}

const POOL = [{ name: 'general', instanceTypes: ['m6i.large'] }];

describe('a running cluster\'s Kubernetes minor', () => {
  it('keeps the minor the lock records when the program gives none; a new cluster gets the default', () => {
    const fleet = newFleet({ addressLock: AddressLock.of({ 'production-us-east-1': entry('production-us-east-1', 'us-east-1', { kubernetesVersion: '1.34' }) }) });
    new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1'] });
    const resolved = fleet.resolve();
    expect(findCluster(resolved, 'production-us-east-1')).toMatchObject({ kubernetesVersion: '1.34', kubernetesVersionSource: 'lock' });
    expect(findCluster(resolved, 'production-eu-west-1')).toMatchObject({ kubernetesVersion: fleet.kubernetesVersion, kubernetesVersionSource: 'default' });
  });

  it('moves one minor up at a time, never down', () => {
    const at = (i: number) => ({ block: `10.${64 + i}.0.0/16`, vpcCidr: `10.${64 + i}.0.0/17`, serviceCidr: `10.${64 + i}.128.0/20` });
    const lock = AddressLock.of({
      jump: entry('jump', 'us-east-1', { ...at(0), kubernetesVersion: '1.34' }),
      down: entry('down', 'eu-west-1', { ...at(1), kubernetesVersion: '1.35' }),
      step: entry('step', 'eu-west-3', { ...at(2), kubernetesVersion: '1.35' }),
    });
    const fleet = newFleet({ addressLock: lock });
    for (const [id, region, kubernetesVersion] of [['jump', 'us-east-1', '1.36'], ['down', 'eu-west-1', '1.34'], ['step', 'eu-west-3', '1.36']]) {
      new RegionalCluster(fleet, id, { region, kubernetesVersion, environment: 'production', nodePools: POOL });
    }
    expect(problemsOf(fleet).filter((p) => p.message.includes('(as the address lock records)'))).toEqual([
      { path: 'acme/down', message: 'cluster down runs Kubernetes 1.35 (as the address lock records) and would go down to 1.34; EKS never downgrades a control plane, so keep 1.35 or replace the cluster with a new one' },
      { path: 'acme/jump', message: 'cluster jump runs Kubernetes 1.34 (as the address lock records) and would jump to 1.36; EKS upgrades a control plane one minor at a time, so go to 1.35 first: synth, deploy, then the next minor' },
    ]);
  });

  it('warns when an earlier fleetform recorded a cluster without its minor and the default applies', () => {
    const fleet = newFleet({ addressLock: AddressLock.of({ a: '10.64.0.0/16' }) });
    new RegionalCluster(fleet, 'a', { region: 'eu-west-1' });
    const resolved = fleet.resolve();
    expect(findCluster(resolved, 'a')!.creatorAdmin).toBe(true);
    expect(resolved.warnings.map((w) => w.message)).toContain(`the address lock, written by an earlier fleetform, does not record which Kubernetes minor cluster a runs; it is synthesized with fleetform's default, ${fleet.kubernetesVersion}, and recorded so. If the cluster runs an older minor, give its kubernetesVersion (or the fleet's) explicitly, so the next deploy does not upgrade it`);
  });
});

describe('settings that would replace a running cluster', () => {
  it('refuses a new service range or region for a recorded cluster', () => {
    const fleet = newFleet({ addressLock: AddressLock.of({ a: entry('a', 'eu-west-1') }) });
    new RegionalCluster(fleet, 'a', { region: 'eu-west-3', serviceCidr: '10.64.144.0/20', kubernetesVersion: '1.35', nodePools: POOL });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/a', message: 'cluster a would change its region from eu-west-1 to eu-west-3, which replaces its EKS cluster (acme-a) and everything in it; keep eu-west-1, or add a cluster under a new id and decommission this one' },
      { path: 'acme/a', message: 'cluster a would change its service range from 10.64.128.0/20 to 10.64.144.0/20, which replaces its EKS cluster (acme-a) and everything in it; keep 10.64.128.0/20, or add a cluster under a new id and decommission this one' },
    ]);
  });
});

describe('renames', () => {
  const recorded = () => AddressLock.of({
    'prod-us-east-1': entry('prod-us-east-1', 'us-east-1', { block: '10.70.0.0/16', vpcCidr: '10.70.0.0/17', serviceCidr: '10.70.128.0/20' }),
    'prod-eu-west-1': entry('prod-eu-west-1', 'eu-west-1', { block: '10.71.0.0/16', vpcCidr: '10.71.0.0/17', serviceCidr: '10.71.128.0/20' }),
  });

  it('refuses an environment renamed without renamedFrom: it would replace every cluster', () => {
    const fleet = newFleet({ addressLock: recorded() });
    new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1'], kubernetesVersion: '1.35' });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/production/eu-west-1', message: 'cluster production-eu-west-1 is new, and the address lock records prod-eu-west-1 in eu-west-1, which the code no longer declares; if production-eu-west-1 is prod-eu-west-1 renamed, give it renamedFrom: \'prod-eu-west-1\' (or its environment renamedFrom) to keep its EKS cluster, network and address block; if prod-eu-west-1 was removed on purpose, acknowledge it with fleet.decommissioned(\'prod-eu-west-1\')' },
      { path: 'acme/production/us-east-1', message: 'cluster production-us-east-1 is new, and the address lock records prod-us-east-1 in us-east-1, which the code no longer declares; if production-us-east-1 is prod-us-east-1 renamed, give it renamedFrom: \'prod-us-east-1\' (or its environment renamedFrom) to keep its EKS cluster, network and address block; if prod-us-east-1 was removed on purpose, acknowledge it with fleet.decommissioned(\'prod-us-east-1\')' },
    ]);
  });

  it('keeps a renamed environment\'s clusters: block, physical names, minor; the lock moves the entry', () => {
    const fleet = newFleet({ addressLock: recorded() });
    new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1'], renamedFrom: 'prod' });
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([]);
    const us = findCluster(resolved, 'production-us-east-1')!;
    expect(us).toMatchObject({
      renamedFrom: 'prod-us-east-1', kubernetesVersion: '1.35', network: { block: '10.70.0.0/16' },
      names: { eksCluster: 'acme-prod-us-east-1', resource: 'prod-us-east-1', logGroup: '/aws/eks/acme-prod-us-east-1/cluster' },
    });
    expect(us.nodePools[0].resourceName).toBe('prod-us-east-1-general');
    expect(us.labels).toEqual({});
    expect(resolved.addressLock.renamed).toEqual([{ from: 'prod-eu-west-1', to: 'production-eu-west-1' }, { from: 'prod-us-east-1', to: 'production-us-east-1' }]);
    expect(Object.keys(resolved.addressLock.next).sort()).toEqual(['production-eu-west-1', 'production-us-east-1']);
    expect(resolved.addressLock.retired).toEqual([]);
  });

  it('keeps the names once recorded, with or without renamedFrom', () => {
    const first = newFleet({ addressLock: recorded() });
    new EnvironmentFleet(first, 'production', { regions: ['us-east-1', 'eu-west-1'], renamedFrom: 'prod' });
    const text = first.resolve().addressLock.text;
    const entries = JSON.parse(text).clusters as Record<string, LockedCluster>;
    const later = newFleet({ addressLock: AddressLock.of(entries) });
    new EnvironmentFleet(later, 'production', { regions: ['us-east-1', 'eu-west-1'] });
    const resolved = later.resolve();
    expect(resolved.problems).toEqual([]);
    expect(findCluster(resolved, 'production-us-east-1')!.names.eksCluster).toBe('acme-prod-us-east-1');
    expect(JSON.parse(resolved.addressLock.text).clusters).toEqual(entries);
  });

  it('refuses a new cluster that takes a renamed cluster\'s old id: it would spell the names the renamed one keeps', () => {
    const first = newFleet({ addressLock: recorded() });
    new EnvironmentFleet(first, 'production', { regions: ['us-east-1', 'eu-west-1'], renamedFrom: 'prod' });
    const entries = JSON.parse(first.resolve().addressLock.text).clusters as Record<string, LockedCluster>;
    const later = newFleet({ addressLock: AddressLock.of(entries) });
    new EnvironmentFleet(later, 'production', { regions: ['us-east-1', 'eu-west-1'] });
    new RegionalCluster(later, 'prod-us-east-1', { region: 'us-east-1', kubernetesVersion: '1.35', environment: 'production', nodePools: POOL });
    const problems = problemsOf(later).filter((p) => p.message.includes('renamed cluster keeps'));
    expect(problems.map((p) => p.path)).toEqual(['acme/prod-us-east-1', 'acme/prod-us-east-1']);
    expect(problems[0].message).toContain('its cloud resource names would be "prod-us-east-1", as those of acme/production/us-east-1 are');
    expect(problems[1].message).toContain('its EKS cluster name would be "acme-prod-us-east-1"');
  });

  it('refuses a renamedFrom that names nothing recorded, or a cluster still declared', () => {
    const fleet = newFleet({ addressLock: recorded() });
    new RegionalCluster(fleet, 'prod-us-east-1', { region: 'us-east-1', kubernetesVersion: '1.35', environment: 'production', nodePools: POOL });
    new RegionalCluster(fleet, 'copy', { region: 'us-east-1', renamedFrom: 'prod-us-east-1' });
    new RegionalCluster(fleet, 'ghost', { region: 'eu-west-3', renamedFrom: 'nowhere' });
    fleet.decommissioned('prod-eu-west-1');
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/copy', message: 'renamedFrom "prod-us-east-1" names a cluster the fleet still declares; a rename moves one cluster to a new id, so remove the old one from the code (or drop renamedFrom for a new cluster)' },
      { path: 'acme/ghost', message: 'renamedFrom "nowhere": the address lock records no cluster "nowhere" (nor "ghost"); give the id the cluster had when it was last synthesized, or drop renamedFrom for a new cluster' },
    ]);
  });
});

describe('changes that roll nodes', () => {
  it('warns, naming each node group replaced and each cluster whose tenancy changes', () => {
    const fleet = newFleet({ addressLock: AddressLock.of({ a: entry('a', 'eu-west-1') }) });
    new RegionalCluster(fleet, 'a', {
      region: 'eu-west-1', kubernetesVersion: '1.35', environment: 'production', tenancy: Tenancy.DEDICATED,
      nodePools: [{ name: 'general', instanceTypes: ['m7i.large'] }],
    });
    expect(fleet.resolve().warnings.filter((w) => w.rule === 'node-rolls').map((w) => w.message)).toEqual([
      'cluster a replaces 1 node group: general (instance types m6i.large → m7i.large); a new group is created before the old one is drained and deleted, so check each pool\'s quota and its apps\' disruption budgets',
      'cluster a changes tenancy from shared to dedicated: every node group (general; 1 in all) gets a new launch template version and replaces its nodes one by one',
    ]);
  });
});
