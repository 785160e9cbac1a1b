import { describe, expect, it } from 'vitest';
import { Construct } from 'constructs';
import {
  AddressLock, CapacityType, EnvironmentFleet, EnvironmentProfile, findCluster, FleetApp, Placement, RegionalCluster, Tenancy,
} from '../lib';
import { newFleet, problemAt, problemsOf } from './helpers/fleets';

describe('RegionalCluster defaults', () => {
  it('takes its id, environment, version and node pool from the fleet', () => {
    const fleet = newFleet({ kubernetesVersion: '1.33' });
    const construct = new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    expect(construct.clusterId).toBe('edge');
    expect(construct.environment).toBe('default');
    const c = findCluster(fleet.resolve(), 'edge')!;
    expect(c.kubernetesVersion).toBe('1.33');
    expect(c.profile).toBeNull();
    expect(c.tenancy).toBe(Tenancy.SHARED);
    expect(c.labels).toEqual({});
    expect(c.grants).toEqual([]);
    expect(c.nodePools).toEqual([{
      name: 'default', instanceTypes: ['m6i.large'], minSize: 3, desiredSize: 3, maxSize: 6,
      capacityType: CapacityType.ON_DEMAND, diskSizeGiB: 50, labels: {}, taints: [],
      resourceName: 'edge-default', nodeGroupPrefix: 'default-',
    }]);
    expect(c.names).toEqual({
      eksCluster: 'acme-edge', resource: 'edge', logGroup: '/aws/eks/acme-edge/cluster', secretsKeyAlias: 'alias/acme-edge-secrets', logsKeyAlias: 'alias/acme-edge-logs',
    });
    expect(c.supportType).toBe('STANDARD');
    expect(c.tags).toEqual({ 'fleetform:fleet': 'acme', 'fleetform:cluster': 'edge', 'fleetform:environment': 'default', 'managed-by': 'fleetform' });
  });

  it('synthesizes this baseline manifest', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    const [cluster] = fleet.assemble().clusters;
    expect(cluster.files.map((f) => f.name)).toEqual(['0000-baseline.k8s.yaml']);
    expect(cluster.files[0].content).toMatchSnapshot();
  });
});

describe('RegionalCluster props', () => {
  it('lets its own props win over the environment\'s', () => {
    const fleet = newFleet();
    const env = new EnvironmentFleet(fleet, 'staging', {
      regions: [], profile: EnvironmentProfile.economy(), kubernetesVersion: '1.33', tenancy: Tenancy.DEDICATED, labels: { team: 'a', tier: 'x' },
    });
    const c = env.addCluster('eu-west-1', {
      kubernetesVersion: '1.32', tenancy: Tenancy.SHARED, labels: { tier: 'y' },
      nodePools: [{ name: 'big', instanceTypes: ['m6i.2xlarge'], minSize: 1, maxSize: 2 }],
    });
    expect(c.clusterId).toBe('staging-eu-west-1');
    const r = findCluster(fleet.resolve(), 'staging-eu-west-1')!;
    expect(r.kubernetesVersion).toBe('1.32');
    expect(r.tenancy).toBe(Tenancy.SHARED);
    expect(r.labels).toEqual({ team: 'a', tier: 'y' });
    expect(r.nodePools.map((p) => [p.name, p.minSize, p.desiredSize, p.maxSize])).toEqual([['big', 1, 1, 2]]);
  });

  it('uses an explicit VPC and service CIDR instead of its planned ones', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1', vpcCidr: '10.8.0.0/16', serviceCidr: '172.20.0.0/16' });
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([]);
    expect(findCluster(resolved, 'edge')!.network).toMatchObject({
      vpcCidr: '10.8.0.0/16',
      serviceCidr: '172.20.0.0/16',
      privateSubnets: ['10.8.0.0/18', '10.8.64.0/18', '10.8.128.0/18'],
    });
    const config = fleet.assemble().clusters[0].files[0].objects[1] as { data: Record<string, string> };
    expect(config.data['fleetform.io.vpc-cidr']).toBe('10.8.0.0/16');
    expect(config.data['fleetform.io.service-cidr']).toBe('172.20.0.0/16');
  });

  it('puts its labels on every object it synthesizes, under fleetform\'s own', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1', labels: { team: 'platform' } });
    new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, placement: Placement.all() });
    const objects = fleet.assemble().clusters[0].files.flatMap((f) => f.objects) as { metadata: { labels: Record<string, string> } }[];
    expect(objects.length).toBeGreaterThan(5);
    for (const o of objects) {
      expect(o.metadata.labels).toMatchObject({ team: 'platform', 'fleetform.io/cluster': 'edge', 'app.kubernetes.io/managed-by': 'fleetform' });
    }
  });
});

describe('RegionalCluster identity labels', () => {
  it('refuses labels that would spoof the identity fleetform records (fleetform.io/ and managed-by)', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1', labels: { 'fleetform.io/cluster': 'prod-eu-west-1', 'app.kubernetes.io/managed-by': 'me' } });
    new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, placement: Placement.all(), labels: { 'app.kubernetes.io/name': 'other' } });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/edge', message: 'label key "fleetform.io/cluster" is one fleetform sets itself (the fleetform.io/ prefix); the identity it carries is decided by the fleet, so use a key of your own' },
      { path: 'acme/edge', message: 'label key "app.kubernetes.io/managed-by" is one fleetform sets itself (app.kubernetes.io/managed-by); the identity it carries is decided by the fleet, so use a key of your own' },
      { path: 'acme/web', message: 'label key "app.kubernetes.io/name" is one fleetform sets itself (app.kubernetes.io/name); the identity it carries is decided by the fleet, so use a key of your own' },
    ]);
  });
});

describe('RegionalCluster.addManifest', () => {
  it('adds raw objects in a chart of their own after the baseline and the apps, with the cluster labels', () => {
    const fleet = newFleet();
    const c = new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, placement: Placement.all() });
    c.addManifest('quota', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'web', labels: { own: 'yes' } }, spec: { hard: { pods: '20' } } });
    const files = fleet.assemble().clusters[0].files;
    expect(files.map((f) => f.name)).toEqual(['0000-baseline.k8s.yaml', '3000-app-web.k8s.yaml', '5000-manifest-quota.k8s.yaml']);
    expect(files[2].objects).toEqual([{
      apiVersion: 'v1', kind: 'ResourceQuota',
      metadata: {
        name: 'q', namespace: 'web',
        labels: {
          own: 'yes', 'app.kubernetes.io/managed-by': 'fleetform', 'fleetform.io/cluster': 'edge',
          'fleetform.io/environment': 'default', 'fleetform.io/fleet': 'acme', 'fleetform.io/region': 'eu-west-1',
        },
      },
      spec: { hard: { pods: '20' } },
    }]);
  });

  it('refuses an object without apiVersion or kind', () => {
    const fleet = newFleet();
    const c = new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    c.addManifest('bad', { metadata: { name: 'x' } });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/edge',
      message: 'manifest "bad" object 0 has no apiVersion or kind; give both, such as apiVersion "v1", kind "ConfigMap"',
    }]);
  });
});

describe('RegionalCluster validation', () => {
  it('refuses an unknown region, suggesting near ones', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-9' });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/edge',
      message: 'region "eu-west-9" is not an AWS commercial region; did you mean "eu-west-1", "eu-west-2", "eu-west-3"?',
    }]);
  });

  it('refuses an unsupported Kubernetes version', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1', kubernetesVersion: '1.19' });
    expect(problemsOf(fleet)).toEqual([problemAt('acme/edge', 'Kubernetes version "1.19" is not in fleetform\'s catalogue (EKS calendar read on 2026-12-04); use one of 1.31,')]);
  });

  it('refuses explicit VPC CIDRs that overlap, naming both clusters', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'a', { region: 'eu-west-1', vpcCidr: '10.8.0.0/16' });
    new RegionalCluster(fleet, 'b', { region: 'us-east-1', vpcCidr: '10.8.64.0/18' });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/a',
      message: 'vpc CIDR 10.8.0.0/16 overlaps acme/b (vpc CIDR 10.8.64.0/18); give one of them another CIDR',
    }]);
  });

  it('refuses an explicit VPC CIDR on the block the lock records for another cluster', () => {
    const fleet = newFleet({ addressLock: AddressLock.of({ a: '10.100.0.0/16' }) });
    new RegionalCluster(fleet, 'a', { region: 'eu-west-1' });
    new RegionalCluster(fleet, 'b', { region: 'us-east-1', vpcCidr: '10.100.0.0/16' });
    // One clash, one problem: not again for each of a's ranges inside its recorded block.
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/b', message: 'vpcCidr 10.100.0.0/16 overlaps block 10.100.0.0/16 recorded for cluster "a"; choose a vpcCidr outside it' },
    ]);
  });

  it('refuses a VPC CIDR too small or too large, and a public one', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'small', { region: 'eu-west-1', vpcCidr: '10.8.0.0/24' });
    new RegionalCluster(fleet, 'large', { region: 'eu-west-1', vpcCidr: '10.16.0.0/12' });
    new RegionalCluster(fleet, 'public', { region: 'eu-west-1', vpcCidr: '8.8.0.0/16' });
    expect(problemsOf(fleet)).toEqual([
      problemAt('acme/small', 'vpcCidr 10.8.0.0/24 is a /24; a cluster VPC must be a /16 to /20'),
      problemAt('acme/large', 'vpcCidr 10.16.0.0/12 is a /12; a cluster VPC must be a /16 to /20'),
      problemAt('acme/public', 'vpcCidr 8.8.0.0/16 is not a private (RFC 1918) range'),
    ]);
  });

  it('refuses node counts that break minSize <= desiredSize <= maxSize', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1', nodePools: [{ name: 'general', minSize: 4, desiredSize: 2, maxSize: 3 }] });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/edge',
      message: 'node pool "general" sizes must satisfy minSize <= desiredSize <= maxSize, got 4 / 2 / 3; raise maxSize or lower minSize',
    }]);
  });

  it('refuses bad pools: none, a duplicate name, a negative size, an unknown instance type, a tiny disk', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'none', { region: 'eu-west-1', nodePools: [] });
    new RegionalCluster(fleet, 'bad', {
      region: 'eu-west-1',
      nodePools: [
        { name: 'p', minSize: -1, desiredSize: 1, maxSize: 2 },
        { name: 'p', instanceTypes: ['large'], diskSizeGiB: 8 },
      ],
    });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/none', message: 'the cluster has no node pools; give at least one in nodePools' },
      { path: 'acme/bad', message: 'node pool "p" minSize is -1; use a whole number of nodes, 0 or more' },
      { path: 'acme/bad', message: 'node pool "p" instance type "large" is not an EC2 instance type such as "m6i.large"' },
      { path: 'acme/bad', message: 'node pool "p" diskSizeGiB is 8; use at least 20' },
      { path: 'acme/bad', message: 'node pool name "p" is used twice; give each pool its own name' },
    ]);
  });

  it('refuses a cluster id that is not a DNS-1123 label and bad labels', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'Edge', { region: 'eu-west-1', labels: { 'bad key!': 'v', team: 'has space' } });
    expect(problemsOf(fleet)).toEqual([
      problemAt('acme/Edge', 'cluster id "Edge" is not a DNS-1123 label'),
      problemAt('acme/Edge', 'label key "bad key!" is not a valid Kubernetes label key'),
      problemAt('acme/Edge', 'label "team" has value "has space", which is not a valid label value'),
    ]);
  });

  it('cannot be created outside a fleet', () => {
    const root = new Construct(undefined as unknown as Construct, 'loose');
    expect(() => new RegionalCluster(root, 'edge', { region: 'eu-west-1' }))
      .toThrow('[loose/edge] the cluster is not inside a Fleet; create it under a Fleet (new Fleet(\'name\', {...}))');
  });
});

describe('RegionalCluster node pool names and labels', () => {
  it('refuses pool names EKS cannot prefix and labels EKS would refuse', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'c', {
      region: 'eu-west-1',
      nodePools: [
        { name: 'a-very-long-node-pool-name-of-37-chars' },
        { name: 'gpu', labels: { 'bad key!': 'x', 'node-role.kubernetes.io/gpu': 'true' } },
      ],
    });
    expect(problemsOf(fleet)).toEqual([
      problemAt('acme/c', 'node pool name "a-very-long-node-pool-name-of-37-chars" is 38 characters long; DNS-1123 names allow at most 36'),
      problemAt('acme/c', 'node pool "gpu" label key "bad key!" is not a valid Kubernetes label key'),
      problemAt('acme/c', 'node pool "gpu" label "node-role.kubernetes.io/gpu" uses a prefix Kubernetes reserves'),
    ]);
  });
});
