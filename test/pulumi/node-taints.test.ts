/** A pool's taints reach its EKS node group under Pulumi mocks; an untainted pool's group keeps the inputs it had before taints existed. */
import { describe, expect, it } from 'vitest';
import { deployOn, mockedBinding } from './mocks';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

// The mocks are installed before the model and the binding load.
const m = mockedBinding();
const GROUP = 'aws:eks/nodeGroup:NodeGroup';

describe('node pool taints under mocks', () => {
  it('are set on the pool\'s node group with the EKS API\'s effect names, and absent on an untainted pool', async () => {
    const { ApiEndpoint, AddressLock, Fleet, FleetApp, Placement, RegionalCluster, TaintEffect } = m.lib;
    const build = (addressLock: ReturnType<typeof AddressLock.none>) => {
      const fleet = new Fleet('tnt', { addressLock, supportDate: TEST_SUPPORT_DATE, apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24') });
      new RegionalCluster(fleet, 'east', {
        region: 'us-east-1',
        nodePools: [{ name: 'general' }, { name: 'batch', taints: [{ key: 'dedicated', value: 'batch' }, { key: 'spot', effect: TaintEffect.NO_EXECUTE }, { key: 'soft', effect: TaintEffect.PREFER_NO_SCHEDULE }] }],
      });
      new FleetApp(fleet, 'crunch', { image: 'ghcr.io/tnt/crunch:1.0.0', port: 8080, placement: Placement.all(), nodePool: 'batch' });
      return fleet;
    };
    const fleet = build(AddressLock.of(build(AddressLock.none()).resolve().addressLock.next));
    const mine = await deployOn(m, 'tnt', { fleet, privateEndpointsReachable: true, deployer: 'arn:aws:iam::111122223333:role/deployer' });
    const groups = Object.fromEntries(mine.filter((r) => r.type === GROUP).map((r) => [r.name, r.inputs]));
    expect(groups['east-batch'].taints).toEqual([
      { key: 'dedicated', value: 'batch', effect: 'NO_SCHEDULE' },
      { key: 'spot', effect: 'NO_EXECUTE' },
      { key: 'soft', effect: 'PREFER_NO_SCHEDULE' },
    ]);
    expect(groups['east-batch'].labels).toEqual({ 'fleetform.io/node-pool': 'batch' });
    expect('taints' in groups['east-general']).toBe(false);
  });
});
