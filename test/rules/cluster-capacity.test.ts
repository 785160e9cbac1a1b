import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CapacityType, EnvironmentFleet, EnvironmentProfile, NodePoolProps, RegionalCluster } from '../../lib';
import { newFleet, problemsOf } from '../helpers/fleets';

const spot: NodePoolProps = { name: 'general', instanceTypes: ['m6i.large', 'm5.large'], capacityType: CapacityType.SPOT };
const onDemand: NodePoolProps = { name: 'steady', instanceTypes: ['m6i.large'], minSize: 2, capacityType: CapacityType.ON_DEMAND };
const MESSAGE = (id: string, pools: string) => `every node pool of production cluster ${id} is spot (${pools}): AWS may reclaim spot nodes at two minutes' notice, `
  + 'many at once when capacity runs short, taking every replica down together; add an on-demand pool (capacityType: CapacityType.ON_DEMAND), '
  + 'or accept it with allowSpotOnly: true on the cluster or its profile';

describe('a production cluster on spot alone', () => {
  it('is refused with its path, from a production profile or a cluster\'s own pools', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'], profile: EnvironmentProfile.production({ nodePool: spot }) });
    new RegionalCluster(fleet, 'edge', { region: 'us-east-1', environment: 'production', nodePools: [spot, { ...spot, name: 'more' }] });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/edge', message: MESSAGE('edge', 'general, more') },
      { path: 'acme/production/eu-west-1', message: MESSAGE('production-eu-west-1', 'general') },
    ]);
  });

  it('is accepted when the program says so, on the profile or the cluster, or with one on-demand pool beside', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'], profile: EnvironmentProfile.production({ nodePool: spot, allowSpotOnly: true }) });
    new RegionalCluster(fleet, 'edge', { region: 'us-east-1', environment: 'production', nodePools: [spot], allowSpotOnly: true });
    new RegionalCluster(fleet, 'mixed', { region: 'ap-southeast-1', environment: 'production', nodePools: [spot, onDemand] });
    expect(() => fleet.assemble()).not.toThrow();
  });

  it('is no concern of other environments: the economy profile is spot by design', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-1'], profile: EnvironmentProfile.economy() });
    new RegionalCluster(fleet, 'lab', { region: 'us-east-1', environment: 'lab', nodePools: [spot] });
    expect(() => fleet.assemble()).not.toThrow();
  });

  it('holds for any mix of pools: refused exactly when every pool is spot and nothing accepts it', () => {
    fc.assert(fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), fc.boolean(), (spotPools, accepted) => {
      const fleet = newFleet();
      const pools = spotPools.map((isSpot, i) => ({ ...(isSpot ? spot : onDemand), name: `pool${i}` }));
      new RegionalCluster(fleet, 'c', { region: 'eu-west-1', environment: 'production', nodePools: pools, ...(accepted ? { allowSpotOnly: true } : {}) });
      const refused = fleet.resolve().problems.some((p) => p.message.startsWith('every node pool of production cluster c is spot'));
      expect(refused).toBe(spotPools.every(Boolean) && !accepted);
    }), { numRuns: 50 });
  });

  it('refuses an allowSpotOnly that is no boolean, from plain JavaScript', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'], profile: EnvironmentProfile.production({ allowSpotOnly: 'yes' } as never) });
    expect(problemsOf(fleet).map((p) => p.message)).toContainEqual(expect.stringContaining('profile production() allowSpotOnly must be true or false, got "yes"'));
  });
});
