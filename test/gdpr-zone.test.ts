import { describe, expect, it } from 'vitest';
import {
  EnvironmentFleet, findApp, findCluster, FleetApp, GdprZone, GlobalLoadBalancer, HostedZone, Placement, RegionalCluster, Tenancy, ZoneEdge,
} from '../lib';
import { newFleet, problemsOf } from './helpers/fleets';

const IMAGE = 'ghcr.io/acme/ledger:2.0.0';

describe('GdprZone', () => {
  it('the EU preset lists the member-state regions only; the UK or Switzerland only when asked', () => {
    const fleet = newFleet();
    const eu = GdprZone.europeanUnion(fleet, 'eu');
    const euPlus = GdprZone.europeanUnion(fleet, 'eu-uk', { alsoAllow: ['eu-west-2'] });
    expect([...eu.regions].sort()).toEqual(['eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-3']);
    expect(eu.allows('eu-west-2')).toBe(false);
    expect(eu.allows('eu-central-2')).toBe(false);
    expect(euPlus.allows('eu-west-2')).toBe(true);
    expect(eu.edge).toBe(ZoneEdge.CLOUDFRONT_UNCACHED);
  });

  it('clusters join by their environment\'s zones where the region is the zone\'s, or by their own zone prop', () => {
    const fleet = newFleet();
    const eu = GdprZone.europeanUnion(fleet, 'eu');
    new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1'], zones: [eu] });
    new RegionalCluster(fleet, 'customer-a', { region: 'eu-central-1', zone: eu, tenancy: Tenancy.DEDICATED });
    const r = fleet.resolve();
    expect(r.zones).toEqual([{
      name: 'eu', path: 'acme/eu', regions: eu.regions, requireDedicatedTenancy: false, edge: 'cloudfront-uncached',
      clusters: ['customer-a', 'production-eu-west-1'],
    }]);
    expect(findCluster(r, 'production-us-east-1')!.zones).toEqual([]);
    // Members carry the zone as a label, for in-cluster policy engines.
    expect(findCluster(r, 'customer-a')!.labels).toEqual({ 'fleetform.io/zone-eu': 'member' });
  });

  it('refuses a member outside the zone\'s regions, and a member on shared hardware when the zone requires dedicated', () => {
    const fleet = newFleet();
    const eu = GdprZone.europeanUnion(fleet, 'eu', { requireDedicatedTenancy: true });
    new RegionalCluster(fleet, 'london', { region: 'eu-west-2', zone: eu, tenancy: Tenancy.DEDICATED });
    new RegionalCluster(fleet, 'paris', { region: 'eu-west-3', zone: eu });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/london', message: `cluster london joins zone eu but runs in eu-west-2, outside the zone's regions (${eu.regions.join(', ')}); move it to one of them or leave the zone` },
      { path: 'acme/paris', message: 'cluster paris is in zone eu, which requires dedicated hardware, but its node pools would run on shared hardware; give the cluster tenancy: Tenancy.DEDICATED' },
    ]);
  });

  it('keeps a residency app on the zone\'s clusters, naming the app, the cluster and the zone', () => {
    const fleet = newFleet();
    const eu = GdprZone.europeanUnion(fleet, 'eu');
    new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1'], zones: [eu] });
    new FleetApp(fleet, 'ledger', { image: IMAGE, port: 8080, placement: Placement.environments('production'), residency: eu });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/ledger',
      message: 'app ledger keeps its data in zone eu but is placed on cluster production-us-east-1, which is not in the zone (members: production-eu-west-1); narrow its placement to the zone\'s clusters',
    }]);
  });

  it('labels every object of a residency app with its zone, its load balancer\'s Ingress too', () => {
    const fleet = newFleet();
    const eu = GdprZone.europeanUnion(fleet, 'eu');
    new RegionalCluster(fleet, 'paris', { region: 'eu-west-3', zone: eu });
    new RegionalCluster(fleet, 'dublin', { region: 'eu-west-1', zone: eu });
    const ledger = new FleetApp(fleet, 'ledger', {
      image: IMAGE, port: 8080, placement: Placement.all(), residency: eu, autoscaling: { minReplicas: 2, maxReplicas: 4 },
      ingress: { host: 'ledger.acme.example' },
    });
    new GlobalLoadBalancer(fleet, 'edge', { hostname: 'ledger.acme.example', hostedZone: HostedZone.existing('Z0123456789ABCDEFGHIJ', 'acme.example'), app: ledger });
    expect(findApp(fleet.resolve(), 'ledger')!.residency).toBe('eu');
    const files = fleet.assemble().clusters[0].files;
    const objects = [...files.find((f) => f.chart === 'app-ledger')!.objects, ...files.find((f) => f.chart === 'edge-edge')!.objects] as { kind: string; metadata: { labels: Record<string, string> } }[];
    expect(objects.map((o) => o.kind).sort()).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'Ingress', 'Namespace', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
    for (const o of objects) expect(o.metadata.labels['fleetform.io/residency'], o.kind).toBe('eu');
    const deployment = objects.find((o) => o.kind === 'Deployment') as unknown as { metadata: { labels: Record<string, string> }; spec: { template: { metadata: { labels: Record<string, string> } } } };
    expect(deployment.metadata.labels).toMatchObject({ 'fleetform.io/zone-eu': 'member' });
    expect(deployment.spec.template.metadata.labels['fleetform.io/residency']).toBe('eu');
  });

  it('refuses a zone without regions or with an unknown one', () => {
    const fleet = newFleet();
    new GdprZone(fleet, 'none', { regions: [] });
    new GdprZone(fleet, 'typo', { regions: ['eu-west-9'] });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/none', message: 'the zone has no regions; list the regions its data may be in, such as ["eu-central-1"]' },
      { path: 'acme/typo', message: 'region "eu-west-9" is not an AWS commercial region; did you mean "eu-west-1", "eu-west-2", "eu-west-3"?' },
    ]);
  });
});
