import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recorded } from './mocks';
import { recordResources, settle, valueOf } from './mocks';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

// Mocks are installed before the binding is loaded.
let recorded: Recorded[];
let lib: typeof import('../../lib');
let binding: typeof import('../../lib/pulumi');

beforeAll(async () => {
  recorded = await recordResources();
  lib = await import('../../lib');
  binding = await import('../../lib/pulumi');
});

/** The small fleet, with every cluster's block recorded in an in-memory lock (as a committed lock file would). */
function smallFleet() {
  const draft = buildSmallFleet(lib.AddressLock.none());
  return buildSmallFleet(lib.AddressLock.of(draft.resolve().addressLock.next));
}

function buildSmallFleet(addressLock: ReturnType<typeof lib.AddressLock.none>, apiEndpoint = lib.ApiEndpoint.publicFrom('203.0.113.0/24')) {
  const { Fleet, EnvironmentFleet, EnvironmentProfile, FleetApp, Placement, Tenancy } = lib;
  const fleet = new Fleet('shop', { addressLock, supportDate: TEST_SUPPORT_DATE, apiEndpoint });
  new EnvironmentFleet(fleet, 'prod', {
    regions: ['us-east-1', 'eu-west-1'],
    access: { admins: ['arn:aws:iam::111122223333:role/admins'], viewers: ['arn:aws:iam::111122223333:role/support'] },
  });
  const staging = new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-1'], profile: EnvironmentProfile.economy() });
  staging.addCluster('eu-west-1', { tenancy: Tenancy.DEDICATED }, 'customer-a');
  new FleetApp(fleet, 'api', { image: 'ghcr.io/shop/api:1.0.0', port: 8080, placement: Placement.all() });
  return fleet;
}

describe('FleetDeployment under mocks', () => {
  let deployment: InstanceType<typeof binding.FleetDeployment>;
  let fleet: ReturnType<typeof smallFleet>;
  let resolved: ReturnType<ReturnType<typeof smallFleet>['resolve']>;

  beforeAll(async () => {
    fleet = smallFleet();
    resolved = fleet.resolve();
    deployment = new binding.FleetDeployment('shop', { fleet });
    await valueOf(deployment.clusters['prod-us-east-1'].kubeconfig);
    await settle(recorded);
    mine = [...recorded];
  });

  let mine: Recorded[];
  const ofType = (type: string) => mine.filter((r) => r.type === type);

  it('creates one AWS provider per region, not per cluster', () => {
    const providers = ofType('pulumi:providers:aws');
    expect(providers.map((p) => p.inputs.region).sort()).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('puts every EKS cluster in its own region, with the version, private endpoint, encryption and logging', () => {
    const clusters = ofType('aws:eks/cluster:Cluster');
    expect(clusters.map((c) => c.inputs.name).sort()).toEqual(['shop-prod-eu-west-1', 'shop-prod-us-east-1', 'shop-staging-customer-a', 'shop-staging-eu-west-1']);
    const providerRegion = new Map(ofType('pulumi:providers:aws').map((p) => [p.name, p.inputs.region]));
    for (const c of clusters) {
      const model = resolved.clusters.find((m) => m.names.eksCluster === c.inputs.name)!;
      const providerName = /::([^:]+)::[^:]*$/.exec(c.provider!)![1];
      expect(providerRegion.get(providerName)).toBe(model.region);
      expect(c.inputs.version).toBe(lib.DEFAULT_KUBERNETES_VERSION);
      expect(c.inputs.vpcConfig.endpointPrivateAccess).toBe(true);
      expect(c.inputs.vpcConfig.publicAccessCidrs).toEqual(['203.0.113.0/24']);
      expect(c.inputs.encryptionConfig.resources).toEqual(['secrets']);
      expect(c.inputs.enabledClusterLogTypes).toContain('audit');
      expect(c.inputs.kubernetesNetworkConfig.serviceIpv4Cidr).toBe(model.network!.serviceCidr);
      expect(c.inputs.accessConfig.authenticationMode).toBe('API');
    }
  });

  it('uses the address plan as decided by the model, never recomputing it', () => {
    const vpcs = ofType('aws:ec2/vpc:Vpc');
    expect(vpcs.map((v) => v.inputs.cidrBlock).sort()).toEqual(resolved.clusters.map((c) => c.network!.vpcCidr).sort());
    const subnets = ofType('aws:ec2/subnet:Subnet').filter((s) => s.name.startsWith('prod-us-east-1-'));
    const addresses = lib.findCluster(resolved, 'prod-us-east-1')!.network!;
    expect(subnets.map((s) => s.inputs.cidrBlock).sort()).toEqual([...addresses.privateSubnets, ...addresses.publicSubnets].sort());
    expect(new Set(subnets.map((s) => s.inputs.availabilityZone))).toEqual(new Set(['us-east-1a', 'us-east-1b', 'us-east-1c']));
  });

  it('sizes node groups from the model and places dedicated pools on dedicated hardware', () => {
    const groups = ofType('aws:eks/nodeGroup:NodeGroup');
    expect(groups).toHaveLength(4);
    const prod = groups.find((g) => g.name === 'prod-us-east-1-general')!;
    expect(prod.inputs.scalingConfig).toEqual({ minSize: 3, desiredSize: 3, maxSize: 9 });
    expect(prod.inputs.capacityType).toBe('ON_DEMAND');
    const economy = groups.find((g) => g.name === 'staging-eu-west-1-general')!;
    expect(economy.inputs.scalingConfig).toEqual({ minSize: 2, desiredSize: 2, maxSize: 4 });
    expect(economy.inputs.capacityType).toBe('SPOT');
    const templates = ofType('aws:ec2/launchTemplate:LaunchTemplate');
    const dedicated = templates.filter((t) => t.inputs.placement?.tenancy === 'dedicated').map((t) => t.name);
    expect(dedicated).toEqual(['staging-customer-a-general-template']);
    for (const t of templates) expect(t.inputs.metadataOptions.httpTokens).toBe('required');
  });

  it('uses one NAT gateway per zone in production and one in economy environments', () => {
    const nats = ofType('aws:ec2/natGateway:NatGateway');
    expect(nats.filter((n) => n.name.startsWith('prod-us-east-1-'))).toHaveLength(3);
    expect(nats.filter((n) => n.name.startsWith('staging-eu-west-1-'))).toHaveLength(1);
  });

  it('grants the environment principals access on each of its clusters', () => {
    const associations = ofType('aws:eks/accessPolicyAssociation:AccessPolicyAssociation').filter((a) => a.name.startsWith('prod-eu-west-1-'));
    expect(associations.map((a) => a.inputs.policyArn).sort()).toEqual([
      'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
      'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy',
    ]);
  });

  it('names each access entry after its principal, so adding or removing one never replaces another', async () => {
    const { fnv1a } = await import('../../lib/naming');
    const entries = ofType('aws:eks/accessEntry:AccessEntry').filter((a) => a.name.startsWith('prod-eu-west-1-'));
    const admin = 'arn:aws:iam::111122223333:role/admins';
    expect(entries.find((e) => e.inputs.principalArn === admin)!.name).toBe(`prod-eu-west-1-access-${fnv1a(admin).toString(16).padStart(8, '0')}`);
  });

  it('uses the names and tags the model decided, never its own', () => {
    for (const c of resolved.clusters) {
      const eks = ofType('aws:eks/cluster:Cluster').find((r) => r.inputs.name === c.names.eksCluster)!;
      expect(eks.inputs.tags).toEqual(c.tags);
      expect(ofType('aws:cloudwatch/logGroup:LogGroup').find((r) => r.inputs.name === c.names.logGroup)).toBeDefined();
      for (const pool of c.nodePools) {
        const group = ofType('aws:eks/nodeGroup:NodeGroup').find((g) => g.name === pool.resourceName)!;
        expect(group.inputs.nodeGroupNamePrefix).toBe(pool.nodeGroupPrefix);
      }
    }
  });

  it('applies every Kubernetes object under its own cluster\'s provider', () => {
    const k8sProviders = ofType('pulumi:providers:kubernetes');
    expect(k8sProviders.map((p) => p.name).sort()).toEqual(fleet.clusters.map((c) => `${c.clusterId}-k8s`).sort());
    const objects = mine.filter((r) => r.custom && r.type.startsWith('kubernetes:') && !r.type.startsWith('kubernetes:yaml') && !r.type.startsWith('kubernetes:helm.sh'));
    const expected = deployment.assembly.clusters.reduce((n, c) => n + c.files.reduce((m, f) => m + f.objects.length, 0), 0);
    expect(expected).toBeGreaterThan(20);
    expect(objects).toHaveLength(expected);
    for (const o of objects) {
      const clusterId = o.inputs.metadata.labels['fleetform.io/cluster'];
      expect(o.provider, `${o.type} ${o.name}`).toMatch(new RegExp(`::${clusterId}-k8s::`));
      expect(o.name.startsWith(`${clusterId}-`)).toBe(true);
    }
  });

  it('registers no two resources with the same type and name (so no two URNs collide)', () => {
    const keys = mine.map((r) => `${r.type}::${r.name}`);
    const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(dupes).toEqual([]);
  });

  it('exports name, endpoint and a secret kubeconfig per cluster', async () => {
    const out = deployment.outputs();
    expect(Object.keys(out).sort()).toEqual(fleet.clusters.map((c) => c.clusterId));
    expect(await valueOf(out['prod-eu-west-1'].endpoint)).toBe('https://shop-prod-eu-west-1.eks.example');
    expect(pulumi.Output.isInstance(out['prod-eu-west-1'].kubeconfig)).toBe(true);
    expect(await pulumi.isSecret(out['prod-eu-west-1'].kubeconfig)).toBe(true);
    const kubeconfig = JSON.parse(await valueOf(out['prod-eu-west-1'].kubeconfig));
    expect(kubeconfig.users[0].user.exec.args).toEqual(['eks', 'get-token', '--cluster-name', 'shop-prod-eu-west-1', '--region', 'eu-west-1', '--output', 'json']);
  });
});

describe('FleetDeployment refuses before registering anything', () => {
  it('an invalid fleet', () => {
    const { Fleet, AddressLock, RegionalCluster } = lib;
    const fleet = new Fleet('bad', { addressLock: AddressLock.of({ one: '10.64.0.0/16' }), supportDate: TEST_SUPPORT_DATE });
    new RegionalCluster(fleet, 'one', { region: 'eu-west-9' });
    const before = recorded.length;
    expect(() => new binding.FleetDeployment('bad', { fleet })).toThrow(/\[bad\/one\] region "eu-west-9" is not an AWS commercial region/);
    expect(recorded.length).toBe(before);
  });

  it('a cluster whose address block is not recorded in a lock', () => {
    const fleet = buildSmallFleet(lib.AddressLock.none());
    expect(() => new binding.FleetDeployment('unlocked', { fleet })).toThrow(/\[shop\/prod\/us-east-1\] the address block of cluster "prod-us-east-1" is not recorded in an address lock/);
  });

  it('a log retention CloudWatch does not offer', () => {
    expect(() => new binding.FleetDeployment('logs', { fleet: smallFleet(), logRetentionDays: 42 })).toThrow(/\[FleetDeployment logs\] option logRetentionDays 42 is not a retention CloudWatch offers/);
  });

  it('options of the wrong shape, misspelled or no longer supported, each with its fix and all together', () => {
    const fleet = smallFleet();
    const before = recorded.length;
    // What a JavaScript program (or options built from stack config) can pass.
    const options = { fleet, tags: { team: 'shop' }, publicAccessCidrs: ['203.0.113.0/24'], applyManifest: false, clusters: 'prod-eu-west-1', logRetentionDays: '90' };
    let error: unknown;
    try {
      new binding.FleetDeployment('js', options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(lib.FleetValidationError);
    expect((error as InstanceType<typeof lib.FleetValidationError>).problems).toEqual([
      { path: 'FleetDeployment js', message: 'option tags is no longer supported and would be ignored; the fleet tags every resource: give new Fleet(name, { tags: { "cost-center": "shop" } })' },
      { path: 'FleetDeployment js', message: expect.stringMatching(/^option publicAccessCidrs is no longer supported and would be ignored; the API endpoint is part of the fleet: give new Fleet\(name, \{ apiEndpoint: ApiEndpoint.publicFrom/) },
      { path: 'FleetDeployment js', message: 'option clusters is the string "prod-eu-west-1", not a list of strings; give one such as ["production-eu-west-1"]' },
      { path: 'FleetDeployment js', message: 'option logRetentionDays is the string "90", not a number; give one such as 90' },
      { path: 'FleetDeployment js', message: 'option applyManifest is not a known property; did you mean "applyManifests"?' },
    ]);
    expect(recorded.length).toBe(before);
  });

  it('options without a fleet, or not an object at all', () => {
    expect(() => new binding.FleetDeployment('none', {} as never)).toThrow(/\[FleetDeployment none\] option fleet is missing; give a Fleet, such as new Fleet\("acme", \{...\}\)/);
    expect(() => new binding.FleetDeployment('str', 'acme' as never)).toThrow(/\[FleetDeployment str\] the options object is the string "acme", not an object of properties; give an object such as \{ fleet: new Fleet/);
  });

  it('manifests applied through private-only API endpoints, naming the three ways out for each cluster', () => {
    const fleet = buildSmallFleet(lib.AddressLock.none(), lib.ApiEndpoint.private());
    const locked = buildSmallFleet(lib.AddressLock.of(fleet.resolve().addressLock.next), lib.ApiEndpoint.private());
    const before = recorded.length;
    let error: unknown;
    try {
      new binding.FleetDeployment('private', { fleet: locked, clusters: ['prod-eu-west-1', 'staging-eu-west-1'] });
    } catch (e) {
      error = e;
    }
    const problems = (error as InstanceType<typeof lib.FleetValidationError>).problems;
    expect(problems.map((p) => p.path)).toEqual(['shop/prod/eu-west-1', 'shop/staging/eu-west-1']);
    expect(problems[0].message).toBe('cluster "prod-eu-west-1" has a private API endpoint only, and this stack applies its manifests through it from wherever pulumi runs '
      + '(outside the VPC that fails, and pulumi destroy could not delete its Ingresses and their ALBs); '
      + 'open it to the runner with apiEndpoint: ApiEndpoint.publicFrom("<runner CIDR>"), '
      + 'or, when pulumi runs inside the VPC or a network peered with it, give FleetDeployment privateEndpointsReachable: true, '
      + 'or give applyManifests: false and deliver dist/prod-eu-west-1/ with GitOps');
    expect(recorded.length).toBe(before);
  });

  it('a chosen cluster that is not in the fleet', () => {
    const fleet = smallFleet();
    expect(() => new binding.FleetDeployment('subset', { fleet, clusters: ['prod-us-east-9'] })).toThrow(/cluster "prod-us-east-9" chosen for deployment is not in the fleet/);
  });
});

describe('FleetDeployment to private-only API endpoints', () => {
  /** The small fleet with private endpoints only, every block recorded. */
  function privateFleet() {
    const draft = buildSmallFleet(lib.AddressLock.none(), lib.ApiEndpoint.private());
    return buildSmallFleet(lib.AddressLock.of(draft.resolve().addressLock.next), lib.ApiEndpoint.private());
  }

  it('applies the manifests when the stack says pulumi reaches them (it runs inside the VPC or a peered network)', async () => {
    const before = recorded.length;
    const d = new binding.FleetDeployment('in-vpc', { fleet: privateFleet(), clusters: ['prod-eu-west-1'], privateEndpointsReachable: true });
    await valueOf(d.clusters['prod-eu-west-1'].kubeconfig);
    await settle(recorded);
    const added = recorded.slice(before);
    expect(added.find((r) => r.type === 'aws:eks/cluster:Cluster')!.inputs.vpcConfig.endpointPublicAccess).toBe(false);
    expect(added.filter((r) => r.type === 'fleetform:kubernetes:ClusterManifests')).toHaveLength(1);
  });

  it('provisions the clusters alone when the manifests go another way (applyManifests: false)', async () => {
    const before = recorded.length;
    const d = new binding.FleetDeployment('gitops', { fleet: privateFleet(), clusters: ['prod-eu-west-1'], applyManifests: false });
    await valueOf(d.clusters['prod-eu-west-1'].kubeconfig);
    await settle(recorded);
    const added = recorded.slice(before);
    expect(added.filter((r) => r.type === 'aws:eks/cluster:Cluster')).toHaveLength(1);
    expect(added.filter((r) => r.type.startsWith('kubernetes:'))).toEqual([]);
  });
});

describe('FleetDeployment of a subset', () => {
  it('deploys only the chosen clusters', async () => {
    const fleet = smallFleet();
    const before = recorded.length;
    const d = new binding.FleetDeployment('only-eu', { fleet, clusters: ['prod-eu-west-1'], applyManifests: false });
    await valueOf(d.clusters['prod-eu-west-1'].kubeconfig);
    await settle(recorded);
    const added = recorded.slice(before);
    expect(added.filter((r) => r.type === 'aws:eks/cluster:Cluster').map((r) => r.inputs.name)).toEqual(['shop-prod-eu-west-1']);
    expect(added.filter((r) => r.type.startsWith('kubernetes:'))).toEqual([]);
  });
});

