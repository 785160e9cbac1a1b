/**
 * Who can reach each cluster's Kubernetes API under Pulumi mocks: the
 * creator's bootstrap admin only where an earlier fleetform created the
 * cluster with it, and the deployer's own, visible access entry elsewhere.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recorded } from './mocks';
import { deployOn, mockedBinding, refusalOf, MOCK_CALLER, settle } from './mocks';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

// The mocks are installed before the model and the binding load.
const m = mockedBinding();

const ADMINS = 'arn:aws:iam::111122223333:role/admins';
const SUPPORT = 'arn:aws:iam::111122223333:role/support';
const DEPLOYER = 'arn:aws:iam::111122223333:role/ci/deployer';
const CLUSTER_ADMIN = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';
const ENTRY = 'aws:eks/accessEntry:AccessEntry';
const ASSOCIATION = 'aws:eks/accessPolicyAssociation:AccessPolicyAssociation';

type Fleet = InstanceType<typeof m.lib.Fleet>;

/** Production in two regions (admins and viewers granted) and staging in one, every block recorded in an in-memory lock. */
function accessFleet(admins: readonly string[] = [ADMINS]): Fleet {
  const build = (addressLock: ReturnType<typeof m.lib.AddressLock.none>) => {
    const { ApiEndpoint, EnvironmentFleet, Fleet, FleetApp, Placement } = m.lib;
    const fleet = new Fleet('acc', { addressLock, supportDate: TEST_SUPPORT_DATE, apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24') });
    new EnvironmentFleet(fleet, 'prod', { regions: ['us-east-1', 'eu-west-1'], access: { admins: [...admins], viewers: [SUPPORT] } });
    new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'] });
    new FleetApp(fleet, 'web', { image: 'ghcr.io/acc/web:1.0.0', port: 8080, placement: Placement.all() });
    return fleet;
  };
  return build(m.lib.AddressLock.of(build(m.lib.AddressLock.none()).resolve().addressLock.next));
}

/**
 * The fleet as a later model resolves clusters that no earlier fleetform
 * created (`creatorAdmin: false`): today every block recorded in the lock
 * counts as created with the bootstrap admin.
 */
function createdWithoutCreatorAdmin(fleet: Fleet): Fleet {
  const resolve = fleet.resolve.bind(fleet);
  fleet.resolve = (options) => {
    const r = resolve(options);
    return { ...r, clusters: r.clusters.map((c) => ({ ...c, creatorAdmin: false })) };
  };
  return fleet;
}

const deploy = (name: string, args: Parameters<typeof deployOn>[2]) => deployOn(m, name, args);
const refusal = (name: string, args: Parameters<typeof refusalOf>[2]) => refusalOf(m, name, args);

const entriesOf = (added: Recorded[], clusterId: string) => added.filter((r) => r.type === ENTRY && r.name.startsWith(`${clusterId}-`));

describe('clusters an earlier fleetform created with the creator as admin', () => {
  it('keep the bootstrap admin, never replaced for it, and give the deployer no second entry', async () => {
    const added = await deploy('earlier', { fleet: accessFleet(), deployer: DEPLOYER });
    const clusters = added.filter((r) => r.type === 'aws:eks/cluster:Cluster');
    expect(clusters).toHaveLength(3);
    for (const c of clusters) {
      expect(c.inputs.accessConfig).toEqual({ authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: true });
      expect(c.options.ignoreChanges).toEqual(['accessConfig.bootstrapClusterCreatorAdminPermissions']);
    }
    expect(added.filter((r) => r.type === ENTRY).map((r) => r.inputs.principalArn).sort()).toEqual([ADMINS, ADMINS, SUPPORT, SUPPORT]);
  });
});

describe('clusters created without a bootstrap admin', () => {
  let added: Recorded[];
  let deployment: InstanceType<typeof m.binding.FleetDeployment>;

  beforeAll(async () => {
    const before = m.recorded.length;
    deployment = new m.binding.FleetDeployment('fresh', { fleet: createdWithoutCreatorAdmin(accessFleet()), deployer: DEPLOYER });
    await settle(m.recorded);
    added = m.recorded.slice(before);
  });

  it('are created with no access for their creator, a setting later changes never touch', () => {
    for (const c of added.filter((r) => r.type === 'aws:eks/cluster:Cluster')) {
      expect(c.inputs.accessConfig).toEqual({ authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false });
      expect(c.options.ignoreChanges).toEqual(['accessConfig.bootstrapClusterCreatorAdminPermissions']);
    }
  });

  it('give the deployer a visible cluster-admin entry on each, named as a grant of that principal would be', () => {
    const named = accessFleet([ADMINS, DEPLOYER]).resolve();
    for (const id of ['prod-eu-west-1', 'prod-us-east-1', 'staging-eu-west-3']) {
      const mine = entriesOf(added, id).filter((e) => e.inputs.principalArn === DEPLOYER);
      expect(mine, id).toHaveLength(1);
      expect(mine[0].inputs.type).toBe('STANDARD');
      const association = added.find((r) => r.type === ASSOCIATION && r.name === mine[0].name)!;
      expect(association.inputs).toMatchObject({ principalArn: DEPLOYER, policyArn: CLUSTER_ADMIN, accessScope: { type: 'cluster' } });
      // Listing the deployer among the admins later keeps the same resource: nothing is replaced.
      const grant = m.lib.findCluster(named, id)?.grants.find((g) => g.principal === DEPLOYER);
      if (grant) expect(mine[0].name).toBe(grant.resourceName);
    }
    expect(m.lib.findCluster(named, 'prod-eu-west-1')!.grants.some((g) => g.principal === DEPLOYER)).toBe(true);
  });

  it('apply nothing through a cluster\'s Kubernetes provider before the access entries exist', () => {
    for (const id of ['prod-eu-west-1', 'prod-us-east-1', 'staging-eu-west-3']) {
      const provider = added.find((r) => r.type === 'pulumi:providers:kubernetes' && r.name === `${id}-k8s`)!;
      const deployerAssociation = added.find((r) => r.type === ASSOCIATION && r.name.startsWith(`${id}-`) && r.inputs.principalArn === DEPLOYER)!;
      expect(provider.dependencies.some((urn) => urn.endsWith(`${ASSOCIATION}::${deployerAssociation.name}`)), id).toBe(true);
    }
  });

  it('expose the deployer', () => {
    expect(deployment.deployer).toBe(DEPLOYER);
  });

  it('give a deployer that is one of the cluster\'s admins no second entry: its grant\'s serves', async () => {
    const mine = await deploy('admin-deploys', { fleet: createdWithoutCreatorAdmin(accessFleet()), deployer: ADMINS });
    for (const id of ['prod-eu-west-1', 'prod-us-east-1']) {
      expect(entriesOf(mine, id).map((e) => e.inputs.principalArn).sort(), id).toEqual([ADMINS, SUPPORT]);
    }
    // Staging grants nobody: the deployer gets its own entry there.
    expect(entriesOf(mine, 'staging-eu-west-3').map((e) => e.inputs.principalArn)).toEqual([ADMINS]);
  });

  it('are refused without a deployer when the stack applies manifests, before anything is registered', () => {
    const { problems, registered } = refusal('anonymous', { fleet: createdWithoutCreatorAdmin(accessFleet()) });
    expect(registered).toBe(0);
    expect(problems.map((p) => p.path)).toEqual(['acc/prod/eu-west-1', 'acc/prod/us-east-1', 'acc/staging/eu-west-3']);
    expect(problems[0].message).toBe('cluster "prod-eu-west-1" is created without a bootstrap admin, so pulumi can apply its manifests only through an access entry of its own; '
      + 'give FleetDeployment deployer: await deployerFromCallerIdentity() (or the ARN of the IAM role pulumi runs as, which may be one of the cluster\'s admins), or applyManifests: false');
  });

  it('need no deployer when the stack applies no manifests', async () => {
    const mine = await deploy('no-manifests', { fleet: createdWithoutCreatorAdmin(accessFleet()), clusters: ['staging-eu-west-3'], applyManifests: false });
    expect(mine.filter((r) => r.type === 'aws:eks/cluster:Cluster')).toHaveLength(1);
    expect(entriesOf(mine, 'staging-eu-west-3')).toEqual([]);
  });

  it('refuse a deployer granted only view: it needs cluster-admin and gets one entry', () => {
    const { problems, registered } = refusal('viewer', { fleet: createdWithoutCreatorAdmin(accessFleet()), deployer: SUPPORT });
    expect(registered).toBe(0);
    expect(problems).toEqual(['eu-west-1', 'us-east-1'].map((r) => ({
      path: `acc/prod/${r}`,
      message: `the deployer ${SUPPORT} is granted view on cluster "prod-${r}", but pulumi needs cluster-admin there and EKS takes one access entry per principal; `
        + 'list it among the environment\'s admins, or run pulumi as another role',
    })));
  });
});

describe('the deployer option', () => {
  it('takes an IAM role or user ARN only, and says how to find the role of a session', () => {
    for (const arn of [MOCK_CALLER.session, 'arn:aws:iam::111122223333:root', 'deployer']) {
      const { problems, registered } = refusal('bad-deployer', { fleet: accessFleet(), deployer: arn });
      expect(registered).toBe(0);
      expect(problems).toEqual([{
        path: 'FleetDeployment bad-deployer',
        message: `option deployer ${JSON.stringify(arn)} is not an IAM role or user ARN such as arn:aws:iam::123456789012:role/deployer, the only principals an EKS access entry takes; `
          + 'give the role pulumi runs as (for an assumed-role session its role, which await deployerFromCallerIdentity() finds)',
      }]);
    }
  });

  it('is found from the caller identity: an assumed-role session maps to its role, with the role\'s path', async () => {
    expect(await m.binding.deployerFromCallerIdentity()).toBe(MOCK_CALLER.role);
  });
});
