/** Access policies and teams under Pulumi mocks: one access entry per principal per cluster, with the EKS access policy and scope of its role, or the Kubernetes group of a custom role. */
import { describe, expect, it } from 'vitest';
import { deployOn, mockedBinding } from './mocks';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

// The mocks are installed before the model and the binding load.
const m = mockedBinding();
const ENTRY = 'aws:eks/accessEntry:AccessEntry';
const ASSOCIATION = 'aws:eks/accessPolicyAssociation:AccessPolicyAssociation';
const AUDIT = 'arn:aws:iam::111122223333:role/auditors';
const DEVS = 'arn:aws:iam::111122223333:role/shop-developers';
const CI = 'arn:aws:iam::111122223333:role/ci';

describe('access policies and teams under mocks', () => {
  it('give each principal one entry per cluster it is granted on, scoped as granted', async () => {
    const { AccessPolicy, AccessRole, AddressLock, ApiEndpoint, EnvironmentFleet, Fleet, FleetApp, Placement, Team } = m.lib;
    const build = (addressLock: ReturnType<typeof AddressLock.none>) => {
      const fleet = new Fleet('acp', { addressLock, supportDate: TEST_SUPPORT_DATE, apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24') });
      new EnvironmentFleet(fleet, 'prod', { regions: ['us-east-1', 'eu-west-1'] });
      new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'] });
      const web = new FleetApp(fleet, 'web', { image: 'ghcr.io/acp/web:1.0.0', port: 8080, placement: Placement.environments('staging') });
      new AccessPolicy(fleet, 'audit', { principals: [AUDIT], role: AccessRole.VIEW, environments: ['prod'] });
      new AccessPolicy(fleet, 'ci', { principals: [CI], role: AccessRole.custom('deployer', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['patch'] }]), regions: ['eu-west-1'] });
      new Team(fleet, 'shop', { principals: [DEVS], apps: [web] });
      return fleet;
    };
    const fleet = build(AddressLock.of(build(AddressLock.none()).resolve().addressLock.next));
    const mine = await deployOn(m, 'acp', { fleet, privateEndpointsReachable: true, deployer: 'arn:aws:iam::111122223333:role/deployer' });
    const entries = mine.filter((r) => r.type === ENTRY && r.inputs.principalArn !== 'arn:aws:iam::111122223333:role/deployer');
    expect(entries.map((e) => [e.name.replace(/-access-[0-9a-f]{8}$/, ''), e.inputs.principalArn, e.inputs.kubernetesGroups]).sort()).toEqual([
      ['prod-eu-west-1', AUDIT, undefined],
      ['prod-eu-west-1', CI, ['fleetform:ci']],
      ['prod-us-east-1', AUDIT, undefined],
      ['staging-eu-west-3', DEVS, undefined],
    ]);
    const associations = mine.filter((r) => r.type === ASSOCIATION && r.inputs.principalArn !== 'arn:aws:iam::111122223333:role/deployer');
    expect(associations.map((a) => [a.name.replace(/-access-[0-9a-f]{8}$/, ''), a.inputs.principalArn, a.inputs.policyArn.split('/').pop(), a.inputs.accessScope]).sort()).toEqual([
      ['prod-eu-west-1', AUDIT, 'AmazonEKSViewPolicy', { type: 'cluster' }],
      ['prod-us-east-1', AUDIT, 'AmazonEKSViewPolicy', { type: 'cluster' }],
      ['staging-eu-west-3', DEVS, 'AmazonEKSEditPolicy', { type: 'namespace', namespaces: ['web'] }],
    ]);
  });
});
