import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AddressLock, DEFAULT_KUBERNETES_VERSION, EnvironmentFleet, Fleet, FleetApp, FleetValidationError, findCluster, Placement, RECORD_FILE, RegionalCluster,
} from '../lib';
import { newFleet, problemAt, problemsOf, readTree, tempDir, validationError } from './helpers/fleets';

describe('Fleet defaults', () => {
  it('fills in the address space, block length, Kubernetes version and node pool', () => {
    const fleet = new Fleet('acme');
    expect(fleet.fleetName).toBe('acme');
    expect(fleet.node.path).toBe('acme');
    expect(fleet.addressSpace).toBe('10.64.0.0/10');
    expect(fleet.clusterBlockPrefix).toBe(16);
    expect(fleet.kubernetesVersion).toBe(DEFAULT_KUBERNETES_VERSION);
    expect(fleet.defaultNodePool).toEqual({ name: 'default' });
    expect(fleet.addressLock.entries).toEqual({});
    expect(fleet.addressLock.path).toBeUndefined();
  });

  it('synthesizes a one-cluster fleet to this topology', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    expect(fleet.assemble().topology).toMatchSnapshot();
  });
});

describe('Fleet queries', () => {
  it('lists clusters and apps sorted, wherever they sit in the tree', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3', 'eu-central-1'] });
    new RegionalCluster(fleet, 'canary', { region: 'us-west-2' });
    new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, placement: Placement.all() });
    new FleetApp(fleet, 'api', { image: 'ghcr.io/acme/api:1.0.0', port: 8080, placement: Placement.all() });
    expect(fleet.clusters.map((c) => c.clusterId)).toEqual(['canary', 'staging-eu-central-1', 'staging-eu-west-3']);
    expect(fleet.apps.map((a) => a.appName)).toEqual(['api', 'web']);
    expect(fleet.cluster('staging-eu-west-3')?.node.path).toBe('acme/staging/eu-west-3');
    expect(fleet.cluster('nope')).toBeUndefined();
  });

  it('resolves again when a cluster is added', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'a', { region: 'eu-west-1' });
    expect(fleet.resolve().clusters.map((c) => c.id)).toEqual(['a']);
    new RegionalCluster(fleet, 'b', { region: 'eu-west-1' });
    expect(Object.keys(fleet.resolve().addressLock.next)).toEqual(['a', 'b']);
  });
});

describe('Fleet validation', () => {
  it('refuses a fleet name that is not a DNS-1123 label, suggesting one', () => {
    const fleet = new Fleet('Acme_Corp', { addressLock: AddressLock.none() });
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    expect(problemsOf(fleet)).toEqual([{
      path: 'Acme_Corp',
      message: 'fleet name "Acme_Corp" is not a DNS-1123 label (lowercase letters, digits and \'-\', starting and ending with a letter or digit); try "acme-corp"',
    }]);
  });

  it('refuses an unsupported Kubernetes version at the fleet', () => {
    const fleet = newFleet({ kubernetesVersion: '1.19' });
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1', kubernetesVersion: '1.35' });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme',
      message: 'Kubernetes version "1.19" is not in fleetform\'s catalogue (EKS calendar read on 2026-12-04); use one of 1.31, 1.32, 1.33, 1.34, 1.35, 1.36',
    }]);
  });

  it('refuses an exhausted address space at the cluster left without a block', () => {
    const fleet = newFleet({ addressSpace: '10.0.0.0/15', clusterBlockPrefix: 16 });
    for (const id of ['a', 'b', 'c']) new RegionalCluster(fleet, id, { region: 'eu-west-1' });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/c',
      message: 'address space 10.0.0.0/15 has no free /16 block left for cluster "c" (2 blocks, all taken); widen the fleet\'s addressSpace or lengthen clusterBlockPrefix',
    }]);
  });

  it('refuses a public or too small address space and a block length out of range', () => {
    const publicSpace = newFleet({ addressSpace: '100.64.0.0/10' });
    new RegionalCluster(publicSpace, 'a', { region: 'eu-west-1' });
    expect(problemsOf(publicSpace)).toEqual([{ path: 'acme', message: expect.stringContaining('addressSpace 100.64.0.0/10 is not a private (RFC 1918) range') }]);

    const tiny = newFleet({ addressSpace: '10.0.0.0/20' });
    new RegionalCluster(tiny, 'a', { region: 'eu-west-1' });
    expect(problemsOf(tiny)).toEqual([{ path: 'acme', message: 'addressSpace 10.0.0.0/20 is too small to hold even one /16 cluster block; use a /16 or larger space' }]);

    const badPrefix = newFleet({ clusterBlockPrefix: 24 });
    new RegionalCluster(badPrefix, 'a', { region: 'eu-west-1' });
    expect(problemsOf(badPrefix)).toEqual([{ path: 'acme', message: expect.stringContaining('clusterBlockPrefix 24 is out of range; use 15 to 19') }]);
  });

  it('refuses two clusters with the same id, naming both paths, and nothing else', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'prod', { regions: ['us-east-1'] });
    new RegionalCluster(fleet, 'prod-us-east-1', { region: 'us-east-1' });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/prod-us-east-1',
      message: 'cluster id "prod-us-east-1" is also the id of acme/prod/us-east-1; give one of them another id',
    }]);
  });

  it('reports every problem of the fleet together in one error', () => {
    const fleet = new Fleet('Acme_Corp', { addressLock: AddressLock.none(), kubernetesVersion: '1.19' });
    new RegionalCluster(fleet, 'a', { region: 'eu-west-9' });
    new RegionalCluster(fleet, 'b', { region: 'eu-west-1', vpcCidr: '10.100.0.0/24' });
    new FleetApp(fleet, 'My App', { image: 'ghcr.io/acme/api:1.0.0', port: 8080, placement: Placement.regions('ap-south-2') });
    const error = validationError(fleet);
    expect(error).toBeInstanceOf(FleetValidationError);
    expect(error.name).toBe('FleetValidationError');
    // The fleet's version is reported once, at the fleet: the clusters inherit it, they did not choose it.
    expect(error.problems).toEqual([
      problemAt('Acme_Corp', 'fleet name "Acme_Corp" is not a DNS-1123 label'),
      problemAt('Acme_Corp', 'Kubernetes version "1.19" is not in fleetform\'s catalogue'),
      problemAt('Acme_Corp/a', 'region "eu-west-9" is not an AWS commercial region'),
      problemAt('Acme_Corp/b', 'vpcCidr 10.100.0.0/24 is a /24; a cluster VPC must be a /16 to /20'),
      problemAt('Acme_Corp/My App', 'app name "My App" is not a DNS-1123 label'),
      problemAt('Acme_Corp/My App', 'the app is placed on no cluster (placement: regions=ap-south-2)'),
    ]);
    expect(error.message.split('\n')[0]).toBe('fleet is invalid (6 problems):');
    expect(error.message).toContain('\n  [Acme_Corp/a] region "eu-west-9" is not an AWS commercial region');
  });

  it('writes nothing when the fleet is invalid', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'a', { region: 'eu-west-9' });
    const outdir = join(tempDir(), 'dist');
    expect(() => fleet.synth({ outdir })).toThrow(FleetValidationError);
    expect(existsSync(outdir)).toBe(false);
  });
});

describe('Fleet.synth', () => {
  function twoClusterFleet(lock = AddressLock.none()): Fleet {
    const fleet = newFleet({ addressLock: lock });
    new RegionalCluster(fleet, 'a', { region: 'eu-west-1' });
    new RegionalCluster(fleet, 'b', { region: 'us-east-1' });
    return fleet;
  }

  it('writes each cluster\'s manifests in its own folder and the topology', () => {
    const outdir = tempDir();
    const assembly = twoClusterFleet().synth({ outdir });
    const tree = readTree(outdir);
    expect(Object.keys(tree)).toEqual([RECORD_FILE, 'a/0000-baseline.k8s.yaml', 'b/0000-baseline.k8s.yaml', 'fleet.json']);
    expect(tree['fleet.json']).toBe(assembly.topologyJson);
    expect(JSON.parse(tree[RECORD_FILE])).toMatchObject({ owner: 'acme', files: { 'fleet.json': expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(tree['a/0000-baseline.k8s.yaml']).toBe(assembly.clusters[0].files[0].content);
    expect(assembly.report).toMatchObject({ written: ['a/0000-baseline.k8s.yaml', 'b/0000-baseline.k8s.yaml', 'fleet.json'], unchanged: [], removed: [] });
  });

  it('removes the file of a chart that is gone on the next synth to the same folder', () => {
    const outdir = tempDir();
    const fleet = twoClusterFleet();
    new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, placement: Placement.clusters('a') });
    fleet.synth({ outdir });
    expect(existsSync(join(outdir, 'a', '3000-app-web.k8s.yaml'))).toBe(true);

    const withoutApp = twoClusterFleet();
    const report = withoutApp.synth({ outdir }).report;
    expect(report.removed).toEqual(['a/3000-app-web.k8s.yaml']);
    expect(report.unchanged).toEqual(['a/0000-baseline.k8s.yaml', 'b/0000-baseline.k8s.yaml']);
    expect(report.written).toEqual(['fleet.json']);
    expect(readdirSync(join(outdir, 'a'))).toEqual(['0000-baseline.k8s.yaml']);
  });

  it('records the address plan in a file lock, and a later fleet takes its blocks from the lock', () => {
    const dir = tempDir();
    const lockFile = join(dir, 'fleetform.lock.json');
    const first = twoClusterFleet(AddressLock.file(lockFile));
    const result = first.synth({ outdir: join(dir, 'dist'), log: () => {} });
    expect(result.addressLock).toMatchObject({ path: lockFile, created: true, written: true, added: ['a', 'b'] });
    const blocks = Object.fromEntries(result.fleet.clusters.map((c) => [c.id, c.network!.block]));
    const written = JSON.parse(readFileSync(lockFile, 'utf8'));
    expect(written).toMatchObject({ version: 4, fleet: 'acme', addressSpace: '10.64.0.0/10', clusterBlockPrefix: 16 });
    expect(Object.fromEntries(Object.entries(written.clusters as Record<string, { block: string }>).map(([id, e]) => [id, e.block]))).toEqual(blocks);
    // Each entry records what a running cluster cannot change without being replaced or rolled.
    expect(written.clusters.a).toEqual({
      block: blocks.a, numericId: 1, region: 'eu-west-1', environment: 'default', kubernetesVersion: result.fleet.clusters[0].kubernetesVersion,
      vpcCidr: result.fleet.clusters[0].network!.vpcCidr, serviceCidr: result.fleet.clusters[0].network!.serviceCidr, tenancy: 'shared',
      names: { eksCluster: 'acme-a', resource: 'a' }, creatorAdmin: false,
      nodePools: { default: { instanceTypes: result.fleet.clusters[0].nodePools[0].instanceTypes, capacityType: 'ON_DEMAND' } },
    });

    // A lock that gives "a" another free block moves it there; the plan follows the lock, not the hash.
    const moved = { ...blocks, a: blocks.a === '10.64.0.0/16' ? '10.65.0.0/16' : '10.64.0.0/16' };
    writeFileSync(lockFile, JSON.stringify({ version: 2, fleet: 'acme', addressSpace: '10.64.0.0/10', clusterBlockPrefix: 16, clusters: moved }));
    const second = twoClusterFleet(AddressLock.file(lockFile)).resolve();
    expect(findCluster(second, 'a')!.network!.block).toBe(moved.a);
    expect(findCluster(second, 'b')!.network!.block).toBe(blocks.b);
  });

  it('refuses a lock file that is not JSON, naming the file and the fix', () => {
    const dir = tempDir();
    const lockFile = join(dir, 'fleetform.lock.json');
    writeFileSync(lockFile, '{ not json');
    const fleet = twoClusterFleet(AddressLock.file(lockFile));
    const problems = problemsOf(fleet);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('acme');
    expect(problems[0].message).toMatch(new RegExp(`^address lock ${lockFile} is not valid JSON .*; restore it from version control$`));
    expect(readdirSync(dir)).toEqual(['fleetform.lock.json']);
  });
});

describe('Fleet tags', () => {
  it('refuses tags AWS or fleetform would refuse at deploy, before anything is written', () => {
    const many = Object.fromEntries(Array.from({ length: 44 }, (_, i) => [`team-${i}`, 'x']));
    const fleet = new Fleet('acme', {
      tags: { 'aws:owner': 'me', note: 'y'.repeat(300), 'fleetform:cluster': 'other', 'kubernetes.io/role/elb': '1', ...many },
    });
    const messages = problemsOf(fleet).map((p) => p.message);
    expect(problemsOf(fleet).every((p) => p.path === 'acme')).toBe(true);
    expect(messages).toEqual([
      'tags key "aws:owner" starts with "aws:", which AWS reserves for its own tags; drop the prefix, such as "owner"',
      'tags "note" has a value of 300 characters; AWS allows at most 256, so shorten it',
      'tags key "fleetform:cluster" is a tag fleetform sets itself on every resource; use another key',
      'tags key "kubernetes.io/role/elb" starts with "kubernetes.io/", which fleetform keeps for its own tags; use another key',
      'tags puts 54 tags on a resource with the up to 7 fleetform adds; AWS allows at most 50, so remove 4',
    ]);
  });

  it('accepts 43 user tags, which with fleetform\'s own stay within the 50 AWS allows', () => {
    const tags = Object.fromEntries(Array.from({ length: 43 }, (_, i) => [`team-${i}`, 'x']));
    const fleet = new Fleet('acme', { tags });
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    expect(fleet.assemble().fleet.clusters[0].tags).toMatchObject({ ...tags, 'fleetform:cluster': 'edge' });
  });
});
