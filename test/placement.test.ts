import { describe, expect, it } from 'vitest';
import { EnvironmentFleet, FleetApp, PlaceableCluster, Placement, RegionalCluster } from '../lib';
import { newFleet, placedOn } from './helpers/fleets';

const CLUSTERS: PlaceableCluster[] = [
  { clusterId: 'production-eu-west-1', environment: 'production', region: 'eu-west-1' },
  { clusterId: 'production-us-east-1', environment: 'production', region: 'us-east-1' },
  { clusterId: 'staging-eu-west-1', environment: 'staging', region: 'eu-west-1' },
  { clusterId: 'canary', environment: 'default', region: 'us-west-2' },
];

const ids = (p: Placement) => p.select(CLUSTERS).map((c) => c.clusterId);

describe('Placement.select', () => {
  it('all() selects every cluster, in the order given', () => {
    expect(ids(Placement.all())).toEqual(CLUSTERS.map((c) => c.clusterId));
  });

  it('selects by environment, region or cluster id', () => {
    expect(ids(Placement.environments('production'))).toEqual(['production-eu-west-1', 'production-us-east-1']);
    expect(ids(Placement.environments('staging', 'default'))).toEqual(['staging-eu-west-1', 'canary']);
    expect(ids(Placement.regions('eu-west-1'))).toEqual(['production-eu-west-1', 'staging-eu-west-1']);
    expect(ids(Placement.clusters('canary', 'production-us-east-1'))).toEqual(['production-us-east-1', 'canary']);
  });

  it('where() requires every criterion given', () => {
    expect(ids(Placement.where({ environments: ['production'], regions: ['eu-west-1'] }))).toEqual(['production-eu-west-1']);
    expect(ids(Placement.where({ environments: ['staging'], regions: ['us-east-1'] }))).toEqual([]);
    expect(ids(Placement.where({ regions: ['eu-west-1', 'us-west-2'], clusters: ['canary', 'staging-eu-west-1'] }))).toEqual(['staging-eu-west-1', 'canary']);
  });

  it('selects nothing for an empty list of environments', () => {
    expect(ids(Placement.environments())).toEqual([]);
  });

  it('takes environment fleets and clusters as well as names', () => {
    const fleet = newFleet();
    const prod = new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'] });
    const canary = new RegionalCluster(fleet, 'canary', { region: 'us-west-2' });
    expect(Placement.environments(prod).environments).toEqual(['production']);
    expect(Placement.clusters(canary, 'x').clusters).toEqual(['canary', 'x']);
    expect(Placement.where({ environments: [prod], clusters: [prod.cluster('eu-west-1')] }).select(fleet.clusters)).toEqual([prod.cluster('eu-west-1')]);
  });
});

describe('Placement.describe', () => {
  it('reads well in messages and the topology', () => {
    expect(Placement.all().describe()).toBe('all clusters');
    expect(Placement.where({ environments: ['production', 'staging'], regions: ['eu-west-1'], clusters: ['a'] }).describe())
      .toBe('environments=production,staging regions=eu-west-1 clusters=a');
  });
});

describe('Placement in a fleet', () => {
  it('all() includes clusters added after the app', () => {
    const fleet = newFleet();
    const app = new FleetApp(fleet, 'api', { image: 'ghcr.io/acme/api:1.0.0', port: 8080, placement: Placement.all() });
    new RegionalCluster(fleet, 'b', { region: 'eu-west-1' });
    new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1'] });
    expect(placedOn(fleet, app.appName)).toEqual(['b', 'production-us-east-1']);
  });

  it('records each app\'s placement and clusters in the topology like this', () => {
    const fleet = newFleet();
    const prod = new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1'] });
    new RegionalCluster(fleet, 'canary', { region: 'us-west-2' });
    const image = 'ghcr.io/acme/app:1.0.0';
    new FleetApp(fleet, 'everywhere', { image, port: 8080, placement: Placement.all() });
    new FleetApp(fleet, 'prod-eu', { image, port: 8080, placement: Placement.where({ environments: [prod], regions: ['eu-west-1'] }) });
    new FleetApp(fleet, 'canary-only', { image, port: 8080, placement: Placement.clusters('canary') });
    expect(fleet.assemble().topology.apps).toMatchSnapshot();
  });
});
