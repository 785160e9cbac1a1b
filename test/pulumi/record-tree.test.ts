/**
 * One record tree under Pulumi mocks, for routing the example does not use:
 * a US state, a country whose code is also a continent's, nested failover.
 * Every record the model built is registered once, with its location as the
 * provider takes it, after the records of the name it aliases.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newFleet } from '../helpers/fleets';
import type { Recorded } from './mocks';
import { recordResources, settle } from './mocks';

let recorded: Recorded[];
let lib: typeof import('../../lib');
let aws: typeof import('@pulumi/aws');
let edge: typeof import('../../lib/pulumi/edge/record-tree');

beforeAll(async () => {
  recorded = await recordResources();
  lib = await import('../../lib');
  aws = await import('@pulumi/aws');
  edge = await import('../../lib/pulumi/edge/record-tree');
});

describe('RecordTree under mocks', () => {
  it('registers the model\'s records with their locations, set identifiers and order', async () => {
    const { FleetApp, GeoLocation, GlobalLoadBalancer, HostedZone, Placement, RegionalCluster, RoutingPolicy } = lib;
    const fleet = newFleet();
    for (const [id, region] of [['us-a', 'us-west-1'], ['us-b', 'us-east-1'], ['us-c', 'us-east-2'], ['eu-a', 'eu-west-1']]) new RegionalCluster(fleet, id, { region });
    const web = new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 3000, placement: Placement.all() });
    new GlobalLoadBalancer(fleet, 'edge', {
      hostname: 'shop.acme.example', hostedZone: HostedZone.existing('Z0123456789ABCDEFGHIJ', 'acme.example'), app: web,
      routing: RoutingPolicy.geolocation([
        { location: GeoLocation.subdivision('US', 'CA'), clusters: ['us-a', 'us-b'], policy: RoutingPolicy.failover({ primary: ['us-a'], secondary: ['us-b'] }) },
        { location: GeoLocation.country('AF'), clusters: ['eu-a'] },
        { location: GeoLocation.default(), policy: RoutingPolicy.failover({ primary: ['us-b', 'us-c'], secondary: ['eu-a'] }) },
      ]),
    });
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([]);
    const [lb] = resolved.loadBalancers;
    const [tree] = lb.trees;
    const provider = new aws.Provider('global', { region: 'us-east-1' });
    const albs = new Map(tree.leaves.map((l) => [l.clusterId, { dnsName: `${l.clusterId}.elb.amazonaws.com`, zoneId: 'ZALB', stem: l.clusterId }]));
    new edge.RecordTree('edge-main', { loadBalancer: lb, tree, zoneId: 'Z0123456789ABCDEFGHIJ', albs, provider, tags: {} });
    await settle(recorded);
    const records = recorded.filter((r) => r.type === 'aws:route53/record:Record');
    expect(records).toHaveLength(tree.records.length + tree.leaves.length);
    const top = records.filter((r) => r.inputs.name === 'shop.acme.example');
    expect(top.map((r) => [r.inputs.setIdentifier, r.inputs.geolocationRoutingPolicies[0]]).sort()).toEqual([
      ['geo-country-af', { country: 'AF' }],
      ['geo-default', { country: '*' }],
      ['geo-us-ca', { country: 'US', subdivision: 'CA' }],
    ]);
    const defaultPrimary = records.filter((r) => r.inputs.name === 'geo-default-primary.shop.acme.example');
    expect(defaultPrimary.map((r) => r.inputs.latencyRoutingPolicies[0].region).sort()).toEqual(['us-east-1', 'us-east-2']);
    const parent = records.find((r) => r.inputs.name === 'geo-default.shop.acme.example' && r.inputs.setIdentifier === 'primary')!;
    for (const child of defaultPrimary) expect(parent.dependencies.some((urn) => urn.endsWith(`::${child.name}`))).toBe(true);
  });
});
