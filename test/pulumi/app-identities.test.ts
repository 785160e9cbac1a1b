/**
 * The apps' AWS identities under Pulumi mocks: one IAM role per app with
 * `awsPermissions`, trusting only EKS Pod Identity, carrying the app's policy
 * and managed policies, and one Pod Identity association per cluster of the
 * stack the app lands on, naming the service account its chart renders.
 */
import { describe, expect, it } from 'vitest';
import { shortHash } from '../../lib/naming';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';
import { deployOn, mockedBinding, Recorded, refusalOf, settle } from './mocks';

// The mocks are installed before the model and the binding load.
const m = mockedBinding();

const ROLE = 'aws:iam/role:Role';
const POLICY = 'aws:iam/rolePolicy:RolePolicy';
const ATTACHMENT = 'aws:iam/rolePolicyAttachment:RolePolicyAttachment';
const ASSOCIATION = 'aws:eks/podIdentityAssociation:PodIdentityAssociation';
const SERVICE_ACCOUNT = 'kubernetes:core/v1:ServiceAccount';
const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const OWN_POLICY = 'arn:aws:iam::111122223333:policy/team/orders-queues';
const STATEMENTS = [
  { Sid: 'ReadOwnPrefix', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::acme-orders/${aws:PrincipalTag/eks-cluster-name}/*' },
  { Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: 'arn:aws:sqs:*:111122223333:orders', Condition: { StringEquals: { 'aws:PrincipalTag/kubernetes-namespace': 'shop' } } },
] as const;

type Fleet = InstanceType<typeof m.lib.Fleet>;

/** Production in two regions and staging in one; orders (AWS permissions) on production, reports (a managed policy) on staging, web (none) everywhere. */
function permissionsFleet(options: { orders?: unknown } = {}): Fleet {
  const build = (addressLock: ReturnType<typeof m.lib.AddressLock.none>) => {
    const { ApiEndpoint, EnvironmentFleet, Fleet, FleetApp, Placement } = m.lib;
    const fleet = new Fleet('perm', { addressLock, supportDate: TEST_SUPPORT_DATE, apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24'), tags: { team: 'platform' } });
    const prod = new EnvironmentFleet(fleet, 'prod', { regions: ['us-east-1', 'eu-west-1'] });
    new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'] });
    new FleetApp(fleet, 'orders', {
      image: 'ghcr.io/perm/orders:1.0.0', port: 8080, namespace: 'shop', placement: Placement.environments(prod),
      awsPermissions: (options.orders ?? { statements: STATEMENTS, managedPolicyArns: [S3_READ, OWN_POLICY] }) as never,
    });
    new FleetApp(fleet, 'reports', { image: 'ghcr.io/perm/reports:1.0.0', port: 8080, placement: Placement.environments('staging'), awsPermissions: { managedPolicyArns: [S3_READ] } });
    new FleetApp(fleet, 'web', { image: 'ghcr.io/perm/web:1.0.0', port: 8080, placement: Placement.all() });
    return fleet;
  };
  return build(m.lib.AddressLock.of(build(m.lib.AddressLock.none()).resolve().addressLock.next));
}

const deploy = (name: string, args: Parameters<typeof deployOn>[2]) => deployOn(m, name, args);
const appRoles = (added: readonly Recorded[]) => added.filter((r) => r.type === ROLE && r.inputs.tags?.['fleetform:app'] !== undefined);
const associationsOf = (added: readonly Recorded[], app: string) => added.filter((r) => r.type === ASSOCIATION && r.inputs.tags?.['fleetform:app'] === app);

describe('an app with AWS permissions', () => {
  let added: Recorded[];
  const all = async () => (added ??= await deploy('perm', { fleet: permissionsFleet() }));

  it('gets one IAM role for the whole fleet, trusted by EKS Pod Identity only, with the fleet\'s tags', async () => {
    const roles = appRoles(await all());
    expect(roles.map((r) => r.name)).toEqual(['perm-orders', 'perm-reports']);
    const orders = roles[0];
    expect(JSON.parse(orders.inputs.assumeRolePolicy)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'AllowEksAuthToAssumeRoleForPodIdentity', Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
    });
    expect(orders.inputs.tags).toEqual({ team: 'platform', 'fleetform:fleet': 'perm', 'fleetform:app': 'orders', 'managed-by': 'fleetform' });
    // No explicit name: Pulumi names it perm-orders-<random>, so the roles of two stacks never collide.
    expect(orders.inputs.name).toBeUndefined();
    expect(orders.inputs.description).toBe('EKS Pod Identity role of app orders (service account orders in namespace shop)');
  });

  it('carries the app\'s statements as its inline policy and its managed policies as attachments', async () => {
    const a = await all();
    const policies = a.filter((r) => r.type === POLICY && r.name.startsWith('perm-'));
    expect(policies.map((r) => r.name)).toEqual(['perm-orders-policy']);
    expect(JSON.parse(policies[0].inputs.policy)).toEqual({ Version: '2012-10-17', Statement: STATEMENTS });
    const attachments = a.filter((r) => r.type === ATTACHMENT && r.name.startsWith('perm-'));
    expect(attachments.map((r) => [r.name.replace(/-[0-9a-f]{8}$/, ''), r.inputs.policyArn])).toEqual([
      ['perm-orders-AmazonS3ReadOnlyAccess', S3_READ],
      ['perm-orders-orders-queues', OWN_POLICY],
      ['perm-reports-AmazonS3ReadOnlyAccess', S3_READ],
    ]);
  });

  it('gets one Pod Identity association per cluster it lands on, naming its namespace and service account, and none elsewhere', async () => {
    const a = await all();
    const orders = associationsOf(a, 'orders');
    expect(orders.map((r) => r.name)).toEqual(['prod-eu-west-1-app-orders', 'prod-us-east-1-app-orders']);
    for (const r of orders) {
      expect(r.inputs).toMatchObject({ namespace: 'shop', serviceAccount: 'orders', clusterName: `perm-${r.name.replace('-app-orders', '')}` });
      expect(r.inputs.tags).toMatchObject({ 'fleetform:cluster': r.name.replace('-app-orders', ''), 'fleetform:app': 'orders' });
    }
    expect(associationsOf(a, 'reports').map((r) => [r.name, r.inputs.namespace, r.inputs.serviceAccount])).toEqual([['staging-eu-west-3-app-reports', 'reports', 'reports']]);
    expect(associationsOf(a, 'web')).toEqual([]);
  });

  it('binds the role to the service account the app\'s manifests create on each of its clusters', async () => {
    const a = await all();
    for (const assoc of a.filter((r) => r.type === ASSOCIATION && r.inputs.tags?.['fleetform:app'] !== undefined)) {
      const cluster = assoc.inputs.tags['fleetform:cluster'];
      const accounts = a.filter((r) => r.type === SERVICE_ACCOUNT && r.inputs.metadata?.labels?.['fleetform.io/cluster'] === cluster);
      expect(accounts.map((r) => `${r.inputs.metadata.namespace}/${r.inputs.metadata.name}`), assoc.name).toContain(`${assoc.inputs.namespace}/${assoc.inputs.serviceAccount}`);
    }
  });

  it('is created before the app\'s pods: each cluster\'s manifests wait for the associations there', async () => {
    const a = await all();
    const manifests = a.find((r) => r.type === 'fleetform:kubernetes:ClusterManifests' && r.name === 'prod-eu-west-1-manifests')!;
    expect(manifests.dependencies).toContain(associationsOf(a, 'orders')[0].urn);
    expect(manifests.dependencies).not.toContain(associationsOf(a, 'orders')[1].urn);
  });

  it('has its role created through the global provider and each association through its cluster\'s region', async () => {
    const a = await all();
    const provider = (r: Recorded) => a.find((p) => r.provider?.startsWith(`${p.urn}::`))!;
    expect(provider(appRoles(a)[0]).name).toBe('perm-global');
    expect(associationsOf(a, 'orders').map((r) => provider(r).inputs.region)).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('keeps the URNs later releases must keep: a change here renames the resources, which Pulumi replaces unless an alias keeps the former URN', async () => {
    const a = await all();
    const urns = a.filter((r) => [ROLE, POLICY, ATTACHMENT, ASSOCIATION].includes(r.type) && r.name.includes('orders')).map((r) => r.urn.replace(/^urn:pulumi:[^:]+::[^:]+::/, ''));
    expect(urns.map((u) => u.replace(/-[0-9a-f]{8}$/, '-<hash>')).sort()).toEqual([
      'fleetform:index:FleetDeployment$fleetform:aws:AppIdentity$aws:eks/podIdentityAssociation:PodIdentityAssociation::prod-eu-west-1-app-orders',
      'fleetform:index:FleetDeployment$fleetform:aws:AppIdentity$aws:eks/podIdentityAssociation:PodIdentityAssociation::prod-us-east-1-app-orders',
      'fleetform:index:FleetDeployment$fleetform:aws:AppIdentity$aws:iam/role:Role::perm-orders',
      'fleetform:index:FleetDeployment$fleetform:aws:AppIdentity$aws:iam/rolePolicy:RolePolicy::perm-orders-policy',
      'fleetform:index:FleetDeployment$fleetform:aws:AppIdentity$aws:iam/rolePolicyAttachment:RolePolicyAttachment::perm-orders-AmazonS3ReadOnlyAccess-<hash>',
      'fleetform:index:FleetDeployment$fleetform:aws:AppIdentity$aws:iam/rolePolicyAttachment:RolePolicyAttachment::perm-orders-orders-queues-<hash>',
    ]);
    // The attachment's hash is of the policy's ARN alone, so adding or removing another policy renames none.
    expect(a.find((r) => r.type === ATTACHMENT && r.inputs.policyArn === S3_READ && r.name.startsWith('perm-orders'))!.name).toBe(`perm-orders-AmazonS3ReadOnlyAccess-${shortHash(S3_READ)}`);
  });

  it('is exposed per app on the deployment', async () => {
    await all();
    const deployment = new m.binding.FleetDeployment('perm-exposed', { fleet: permissionsFleet(), clusters: ['staging-eu-west-3'] });
    expect(Object.keys(deployment.appIdentities)).toEqual(['reports']);
    expect(Object.keys(deployment.appIdentities.reports.associations)).toEqual(['staging-eu-west-3']);
    await settle(m.recorded);
  });
});

describe('the apps\' AWS identities in a fleet split across stacks', () => {
  it('gives each stack the roles of the apps on its clusters and the associations of its clusters only', async () => {
    const staging = await deploy('perm-staging', { fleet: permissionsFleet(), clusters: ['staging-eu-west-3'] });
    expect(appRoles(staging).map((r) => r.name)).toEqual(['perm-reports']);
    expect(staging.filter((r) => r.type === ASSOCIATION && r.inputs.tags?.['fleetform:app']).map((r) => r.name)).toEqual(['staging-eu-west-3-app-reports']);

    const eu = await deploy('perm-eu', { fleet: permissionsFleet(), clusters: ['prod-eu-west-1'] });
    expect(appRoles(eu).map((r) => r.name)).toEqual(['perm-orders']);
    expect(associationsOf(eu, 'orders').map((r) => r.name)).toEqual(['prod-eu-west-1-app-orders']);
  });
});

describe('the apps\' AWS identities, refused', () => {
  it('refuses the deployment of a fleet with a full-access statement before anything is registered, naming the app', () => {
    const { problems, registered } = refusalOf(m, 'perm-admin', { fleet: permissionsFleet({ orders: { statements: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }) });
    expect(registered).toBe(0);
    expect(problems).toEqual([{ path: 'perm/orders', message: expect.stringMatching(/^awsPermissions\.statements\[0\] allows every action \("Action": "\*"\) on every resource/) }]);
  });
});
