/**
 * The access entry of the managed Argo CD's capability role on each deployed
 * cluster, under Pulumi mocks: AmazonEKSClusterAdminPolicy at cluster scope,
 * none where a grant already serves, refusals before anything is registered.
 */
import { describe, expect, it } from 'vitest';
import { deployOn, mockedBinding, refusalOf } from './mocks';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

// The mocks are installed before the model and the binding load.
const m = mockedBinding();

const ADMINS = 'arn:aws:iam::111122223333:role/admins';
const SUPPORT = 'arn:aws:iam::111122223333:role/support';
const ARGOCD = 'arn:aws:iam::111122223333:role/ArgoCDCapabilityRole';
const CLUSTER_ADMIN = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';
const ENTRY = 'aws:eks/accessEntry:AccessEntry';
const ASSOCIATION = 'aws:eks/accessPolicyAssociation:AccessPolicyAssociation';

type Fleet = InstanceType<typeof m.lib.Fleet>;

/** Production in two regions (admins and viewers granted), staging in one; an Argo CD delivery unless told otherwise. */
function gitopsFleet(options: { delivery?: boolean; viewers?: readonly string[] } = {}): Fleet {
  const build = (addressLock: ReturnType<typeof m.lib.AddressLock.none>) => {
    const { ApiEndpoint, ArgoCdDelivery, EnvironmentFleet, Fleet, FleetApp, Placement } = m.lib;
    const fleet = new Fleet('git', { addressLock, supportDate: TEST_SUPPORT_DATE, apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24') });
    new EnvironmentFleet(fleet, 'prod', { regions: ['us-east-1', 'eu-west-1'], access: { admins: [ADMINS], viewers: [...(options.viewers ?? [SUPPORT])] } });
    new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'] });
    new FleetApp(fleet, 'web', { image: 'ghcr.io/git/web:1.0.0', port: 8080, placement: Placement.all() });
    if (options.delivery !== false) new ArgoCdDelivery(fleet, 'argocd', { repoUrl: 'https://git.example.com/git/fleet.git', accountId: '111122223333' });
    return fleet;
  };
  return build(m.lib.AddressLock.of(build(m.lib.AddressLock.none()).resolve().addressLock.next));
}

const deploy = (name: string, args: Parameters<typeof deployOn>[2]) => deployOn(m, name, args);
const refusal = (name: string, args: Parameters<typeof refusalOf>[2]) => refusalOf(m, name, args);

describe('the Argo CD capability role', () => {
  it('gets a cluster-admin access entry at cluster scope on every deployed cluster', async () => {
    const added = await deploy('argo', { fleet: gitopsFleet(), argoCdCapabilityRole: ARGOCD });
    for (const id of ['prod-eu-west-1', 'prod-us-east-1', 'staging-eu-west-3']) {
      const entries = added.filter((r) => r.type === ENTRY && r.name.startsWith(`${id}-`) && r.inputs.principalArn === ARGOCD);
      expect(entries, id).toHaveLength(1);
      expect(entries[0].inputs.type).toBe('STANDARD');
      const association = added.find((r) => r.type === ASSOCIATION && r.name === entries[0].name)!;
      expect(association.inputs).toMatchObject({ principalArn: ARGOCD, policyArn: CLUSTER_ADMIN, accessScope: { type: 'cluster' } });
    }
    expect(added.filter((r) => r.type === ENTRY && r.inputs.principalArn === ARGOCD)).toHaveLength(3);
  });

  it('gets none without the option, and only on the stack\'s clusters with one', async () => {
    const none = await deploy('no-argo', { fleet: gitopsFleet() });
    expect(none.filter((r) => r.type === ENTRY && r.inputs.principalArn === ARGOCD)).toEqual([]);
    const one = await deploy('argo-staging', { fleet: gitopsFleet(), clusters: ['staging-eu-west-3'], argoCdCapabilityRole: ARGOCD });
    expect(one.filter((r) => r.type === ENTRY && r.inputs.principalArn === ARGOCD).map((r) => r.name)).toEqual([expect.stringMatching(/^staging-eu-west-3-access-/)]);
  });

  it('is refused when it is not an IAM role ARN, before anything is registered', () => {
    const { problems, registered } = refusal('bad-role', { fleet: gitopsFleet(), argoCdCapabilityRole: 'arn:aws:iam::111122223333:user/argocd' });
    expect(registered).toBe(0);
    expect(problems).toEqual([{ path: 'FleetDeployment bad-role', message: expect.stringMatching(/^option argoCdCapabilityRole "arn:aws:iam::111122223333:user\/argocd" is not an IAM role ARN/) }]);
  });

  it('is refused for a fleet without an ArgoCdDelivery', () => {
    const { problems, registered } = refusal('no-delivery', { fleet: gitopsFleet({ delivery: false }), argoCdCapabilityRole: ARGOCD });
    expect(registered).toBe(0);
    expect(problems).toEqual([{ path: 'git', message: expect.stringMatching(/^option argoCdCapabilityRole is given, but the fleet has no ArgoCdDelivery/) }]);
  });

  it('is refused where it is granted view (EKS takes one entry per principal)', () => {
    const { problems } = refusal('argo-viewer', { fleet: gitopsFleet({ viewers: [ARGOCD] }), argoCdCapabilityRole: ARGOCD });
    expect(problems.map((p) => p.path)).toEqual(['git/prod/eu-west-1', 'git/prod/us-east-1']);
    expect(problems[0].message).toMatch(/^the Argo CD capability role .* is granted view on cluster "prod-eu-west-1", but Argo CD needs cluster-admin/);
  });

  it("is refused together with the stack's other problems", () => {
    const { problems, registered } = refusal('argo-and-more', { fleet: gitopsFleet({ viewers: [ARGOCD] }), argoCdCapabilityRole: ARGOCD, clusters: ['prod-eu-west-1', 'nowhere'] });
    expect(registered).toBe(0);
    expect(problems.map((p) => [p.path, p.message.slice(0, 40)])).toEqual([
      ['git', 'cluster "nowhere" chosen for deployment '],
      ['git/prod/eu-west-1', 'the Argo CD capability role arn:aws:iam:'],
    ]);
  });
});
