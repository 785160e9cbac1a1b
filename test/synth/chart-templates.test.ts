import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressLock, EnvironmentFleet, Fleet, FleetApp, Placement, RegionalCluster } from '../../lib';
import { synthesizeFleet } from '../../lib/synth/assembly';
import { ChartTemplates } from '../../lib/synth/chart-templates';
import { buildAcmeFleet } from '../../examples/acme/fleet';
import { newFleet } from '../helpers/fleets';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

/** cluster id/file → content and objects, rendering with or without templates. */
function render(fleet: Fleet, reuse: boolean) {
  const templates = new ChartTemplates(reuse);
  const assembly = synthesizeFleet(fleet.resolve(), templates);
  const files = Object.fromEntries(assembly.clusters.flatMap((c) => c.files.map((f) => [`${c.clusterId}/${f.name}`, { content: f.content, objects: f.objects }])));
  return { files, renders: templates.renders, charts: Object.keys(files).length };
}

describe('chart templates', () => {
  it('give the example byte-identical files and objects with fewer renders', () => {
    const fleet = buildAcmeFleet({ addressLock: AddressLock.none(), supportDate: TEST_SUPPORT_DATE });
    const reused = render(fleet, true);
    const direct = render(fleet, false);
    expect(reused.files).toEqual(direct.files);
    expect(direct.renders).toBe(direct.charts - 8); // every app and edge chart; the seven baselines and customer-a's secret stores render apart
    // Charts render again where their inputs differ: api on us-east-1, on ap-southeast-1 (own image), on
    // eu-west-1 (the EU zone's label), on staging, qa and the canary alike (no load balancer); storefront on us-east-1 and
    // ap-southeast-1 alike, on eu-west-1, on staging; the load balancer's edge on us-east-1 and ap-southeast-1
    // alike, on eu-west-1; the ledger once; orders-worker on the production clusters outside the zone and
    // staging alike, on eu-west-1; search on us-east-1 and ap-southeast-1 alike, on eu-west-1; the nightly
    // report once; the storage class on us-east-1 and ap-southeast-1 alike, on eu-west-1; the access chart on
    // staging, qa and the canary alike (the on-call group), on production's us-east-1 and ap-southeast-1 alike (with
    // the release managers), on eu-west-1 (and the EU auditors), on customer-a (on-call and auditors).
    expect(reused.renders).toBe(21);
  });

  it('render one template per distinct app spec, whatever the number of clusters', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-central-1'] });
    const app = new FleetApp(fleet, 'api', { image: 'ghcr.io/acme/api:1.0.0', port: 8080, placement: Placement.all() });
    app.addClusterOverride('production-eu-west-2', { replicas: 5 });
    new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 3000, placement: Placement.all() });
    const reused = render(fleet, true);
    expect(reused.renders).toBe(3); // api, api with 5 replicas, web
    expect(reused.files).toEqual(render(fleet, false).files);
  });

  it('fall back to direct rendering when an identity value would be quoted in YAML', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, '1234', { region: 'eu-west-1', environment: 'no' }); // YAML 1.1 quotes both
    new RegionalCluster(fleet, 'plain', { region: 'eu-west-2' });
    new FleetApp(fleet, 'api', { image: 'ghcr.io/acme/api:1.0.0', port: 8080, placement: Placement.all() });
    const reused = render(fleet, true);
    expect(reused.files['1234/3000-app-api.k8s.yaml'].content).toContain('fleetform.io/cluster: "1234"');
    expect(reused.files['1234/3000-app-api.k8s.yaml'].content).toContain('fleetform.io/environment: "no"');
    expect(reused.files).toEqual(render(fleet, false).files);
  });

  it('fall back when user input contains the sentinel text', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1'] });
    new FleetApp(fleet, 'api', { image: 'ghcr.io/acme/api:1.0.0', port: 8080, placement: Placement.all(), env: { NOTE: 'fleetform-template-cluster-5b1e0c' } });
    const reused = render(fleet, true);
    expect(reused.files['production-us-east-1/3000-app-api.k8s.yaml'].content).toContain('value: fleetform-template-cluster-5b1e0c');
    expect(reused.files).toEqual(render(fleet, false).files);
  });

  it('are byte-identical to direct rendering for any labels, environments and overrides', () => {
    const labelValue = fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?$/);
    const dnsLabel = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,8}[a-z0-9])?$/);
    fc.assert(fc.property(
      dnsLabel, dnsLabel, fc.dictionary(fc.constantFrom('team', 'tier', 'cost-center'), labelValue, { maxKeys: 2 }),
      fc.option(fc.integer({ min: 1, max: 9 })), fc.boolean(),
      (envA, envB, labels, replicas, spread) => {
        fc.pre(envA !== envB);
        const fleet = newFleet();
        new EnvironmentFleet(fleet, envA, { regions: ['us-east-1', 'eu-west-1'], labels });
        new EnvironmentFleet(fleet, envB, { regions: ['eu-west-1'] });
        const app = new FleetApp(fleet, 'api', { image: 'ghcr.io/acme/api:1.0.0', port: 8080, placement: Placement.all(), spreadAcrossZones: spread });
        if (replicas !== null) app.addClusterOverride(`${envB}-eu-west-1`, { replicas });
        expect(render(fleet, true).files).toEqual(render(fleet, false).files);
      }), { numRuns: 40 });
  });
});
