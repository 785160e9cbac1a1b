import { describe, expect, it } from 'vitest';
import { CapacityType, EnvironmentFleet, EnvironmentProfile, findCluster, Tenancy } from '../lib';
import { FleetValidationError } from '../lib';
import { newFleet, problemAt, problemsOf } from './helpers/fleets';

const ADMIN = 'arn:aws:iam::111122223333:role/platform-admins';
const VIEWER = 'arn:aws:iam::111122223333:user/auditor';

describe('EnvironmentFleet defaults', () => {
  it('creates one production-profile cluster per region, named <environment>-<region>', () => {
    const fleet = newFleet();
    const prod = new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1'] });
    expect(prod.environmentName).toBe('production');
    expect(prod.profile.name).toBe('production');
    expect(prod.clusters.map((c) => [c.node.id, c.clusterId, c.region, c.environment])).toEqual([
      ['eu-west-1', 'production-eu-west-1', 'eu-west-1', 'production'],
      ['us-east-1', 'production-us-east-1', 'us-east-1', 'production'],
    ]);
    expect(findCluster(fleet.resolve(), 'production-eu-west-1')!.nodePools[0]).toEqual({
      name: 'general', instanceTypes: ['m6i.large', 'm5.large'], minSize: 3, desiredSize: 3, maxSize: 9,
      capacityType: CapacityType.ON_DEMAND, diskSizeGiB: 50, labels: {}, taints: [],
      resourceName: 'production-eu-west-1-general', nodeGroupPrefix: 'general-',
    });
  });

  it('records its clusters in the topology like this', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'] });
    expect(fleet.assemble().topology.clusters).toMatchSnapshot();
  });
});

describe('EnvironmentFleet props', () => {
  it('gives its profile, version, tenancy, labels and access to every cluster', () => {
    const fleet = newFleet();
    const qa = new EnvironmentFleet(fleet, 'qa', {
      regions: ['eu-west-3'],
      profile: EnvironmentProfile.economy({ extendedSupport: true }),
      kubernetesVersion: '1.32',
      tenancy: Tenancy.DEDICATED,
      labels: { team: 'qa' },
      access: { admins: [ADMIN], viewers: [VIEWER] },
    });
    expect(qa.cluster('eu-west-3').clusterId).toBe('qa-eu-west-3');
    const c = findCluster(fleet.resolve(), 'qa-eu-west-3')!;
    expect(c.profile).toBe('economy');
    expect(c.nodePools[0]).toMatchObject({ instanceTypes: ['t3.large', 't3a.large'], minSize: 2, maxSize: 4, capacityType: CapacityType.SPOT, diskSizeGiB: 30 });
    expect(c.kubernetesVersion).toBe('1.32');
    expect(c.tenancy).toBe(Tenancy.DEDICATED);
    expect(c.labels).toEqual({ team: 'qa' });
    expect(c.grants.map((g) => [g.principal, g.level])).toEqual([[ADMIN, 'cluster-admin'], [VIEWER, 'view']]);
    expect(c.supportType).toBe('EXTENDED');
    const topology = fleet.assemble().topology.clusters[0];
    expect(topology.network.natGateways).toBe('single');
    expect(topology.supportType).toBe('EXTENDED');
  });

  it('gives the same access to a cluster added later, with another id in a region it already has', () => {
    const fleet = newFleet();
    const prod = new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'], access: { admins: [ADMIN] } });
    const extra = prod.addCluster('eu-west-1', {}, 'eu-west-1-b');
    expect(extra.clusterId).toBe('production-eu-west-1-b');
    const resolved = fleet.resolve();
    expect(findCluster(resolved, 'production-eu-west-1-b')!.grants.map((g) => [g.principal, g.level])).toEqual([[ADMIN, 'cluster-admin']]);
    expect(fleet.clusters.map((c) => c.clusterId)).toEqual(['production-eu-west-1', 'production-eu-west-1-b']);
    expect(resolved.problems).toEqual([]);
  });

  it('sandbox gives the smallest clusters: one spot worker that may grow to two, a pool that may go to zero, one NAT gateway', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'rnd', { regions: ['us-west-2'], profile: EnvironmentProfile.sandbox() });
    const c = findCluster(fleet.resolve(), 'rnd-us-west-2')!;
    expect(c.profile).toBe('sandbox');
    expect(c.nodePools).toEqual([expect.objectContaining({
      instanceTypes: ['t3.medium', 't3a.medium'], minSize: 0, desiredSize: 1, maxSize: 2, capacityType: CapacityType.SPOT, diskSizeGiB: 20,
    })]);
    expect(c.network!.natGateways).toBe('single');
    expect(fleet.assemble().topology.clusters[0].profile).toBe('sandbox');
  });

  it('a profile can carry its own node pool', () => {
    const fleet = newFleet();
    const env = new EnvironmentFleet(fleet, 'rnd', {
      regions: ['us-west-2'],
      profile: EnvironmentProfile.economy({ nodePool: { name: 'tiny', instanceTypes: ['t3.medium'], minSize: 1 } }),
    });
    expect(env.cluster('us-west-2').clusterId).toBe('rnd-us-west-2');
    expect(findCluster(fleet.resolve(), 'rnd-us-west-2')!.nodePools.map((p) => [p.name, p.minSize, p.desiredSize, p.maxSize])).toEqual([['tiny', 1, 1, 2]]);
  });

  it('looking up a region it has no cluster in names the ones it has', () => {
    const fleet = newFleet();
    const prod = new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1'] });
    expect(() => prod.cluster('ap-south-1')).toThrow(FleetValidationError);
    expect(() => prod.cluster('ap-south-1')).toThrow('[acme/production] has no cluster "ap-south-1"; it has "eu-west-1", "us-east-1", so use one of them or add the region to regions');
  });
});

describe('EnvironmentFleet validation', () => {
  it('refuses no regions, a region listed twice and an unknown region', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'empty', { regions: [] });
    new EnvironmentFleet(fleet, 'twice', { regions: ['eu-west-1', 'eu-west-1', 'eu-west-9'] });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/empty', message: 'the environment has no regions; list at least one, such as ["eu-west-1"]' },
      problemAt('acme/twice', 'region "eu-west-1" is listed twice; list each region once'),
      problemAt('acme/twice/eu-west-9', 'region "eu-west-9" is not an AWS commercial region'),
    ]);
  });

  it('refuses access principals that are not IAM role or user ARNs', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'prod', { regions: ['us-east-1'], access: { admins: ['alice'], viewers: [VIEWER] } });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/prod',
      message: 'access principal "alice" is not an IAM role or user ARN such as arn:aws:iam::123456789012:role/platform-admins',
    }]);
  });

  it('refuses a bad name and an unsupported version once, at the environment, not again at each cluster', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'Prod', { regions: ['us-east-1', 'eu-west-1'], kubernetesVersion: '1.19' });
    expect(problemsOf(fleet)).toEqual([
      problemAt('acme/Prod', 'environment name "Prod" is not a DNS-1123 label'),
      problemAt('acme/Prod', 'Kubernetes version "1.19" is not in fleetform\'s catalogue (EKS calendar read on 2026-12-04); use one of 1.31, 1.32, 1.33, 1.34, 1.35, 1.36'),
    ]);
  });
});

describe('EnvironmentFleet access', () => {
  it('refuses a principal listed twice, as admin and viewer', () => {
    const fleet = newFleet();
    const arn = 'arn:aws:iam::111122223333:role/ops';
    new EnvironmentFleet(fleet, 'prod', { regions: ['us-east-1'], access: { admins: [arn], viewers: [arn] } });
    expect(problemsOf(fleet)).toEqual([{ path: 'acme/prod', message: `access principal "${arn}" is listed more than once; give each principal one role (admins or viewers), once` }]);
  });
});
