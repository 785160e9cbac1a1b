import { describe, expect, it } from 'vitest';
import { AddressLock, EnvironmentFleet, findCluster, GdprZone } from '../lib';
import { newFleet, problemsOf } from './helpers/fleets';

describe('decommissioning a cluster', () => {
  it('lifts its guards in the model (step 1), and acknowledges a removed cluster (step 2)', () => {
    const fleet = newFleet({ addressLock: AddressLock.of({ 'production-us-east-1': '10.64.0.0/16', 'production-ap-southeast-1': '10.65.0.0/16' }) });
    const production = new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1'] });
    production.cluster('us-east-1').decommission();
    fleet.decommissioned('production-ap-southeast-1');
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([]);
    expect(findCluster(resolved, 'production-us-east-1')).toMatchObject({ lifecycle: 'decommissioning', creatorAdmin: true });
    expect(findCluster(resolved, 'production-eu-west-1')).toMatchObject({ lifecycle: 'active', creatorAdmin: false });
    expect(resolved.addressLock.retired).toEqual(['production-ap-southeast-1']);
    expect(resolved.addressLock.decommissioned).toEqual(['production-ap-southeast-1']);
  });

  it('refuses to decommission a zone cluster without naming the zone', () => {
    const fleet = newFleet();
    const eu = GdprZone.europeanUnion(fleet, 'eu');
    const production = new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1', 'eu-central-1'], zones: [eu] });
    production.cluster('eu-west-1').decommission();
    production.cluster('eu-central-1').decommission({ zones: [eu] });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/production/eu-west-1',
      message: 'cluster production-eu-west-1 is in zone eu; decommissioning it lifts its guards and takes its capacity out of the zone, so name the zone to confirm: decommission({ zones: [eu] })',
    }]);
  });
});
