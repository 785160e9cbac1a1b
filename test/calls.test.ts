/** Calls between apps (`FleetApp.calls`): the addresses, the internal load balancer and policies they synthesize, and each refusal. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as m from '../lib';
import { AppKind, EnvironmentFleet, Fleet, FleetApp, FleetAppProps, GdprZone, Placement } from '../lib';
import { newFleet, problemsOf, specOf } from './helpers/fleets';
import { callPeeringQuota } from '../lib/rules/call-rules';

/** Production in Ireland, Frankfurt and Virginia; Ireland and Frankfurt in the EU zone. */
function fleetOf(): { fleet: Fleet; eu: GdprZone; prod: EnvironmentFleet } {
  const fleet = newFleet();
  const eu = GdprZone.europeanUnion(fleet, 'eu');
  const prod = new EnvironmentFleet(fleet, 'prod', { regions: ['eu-west-1', 'eu-central-1', 'us-east-1'], zones: [eu] });
  return { fleet, eu, prod };
}

function app(fleet: Fleet, id: string, props: Partial<FleetAppProps>): FleetApp {
  return new FleetApp(fleet, id, { image: `ghcr.io/acme/${id}:1.0.0`, port: 8080, placement: Placement.all(), ...props });
}

describe('a call across regions', () => {
  function calling() {
    const { fleet, eu, prod } = fleetOf();
    const ledger = app(fleet, 'ledger', { residency: eu, placement: Placement.clusters(prod.cluster('eu-central-1')), servicePort: 8443 });
    app(fleet, 'web', { residency: eu, placement: Placement.clusters(prod.cluster('eu-west-1')), calls: [ledger] });
    return fleet;
  }

  it('is accepted, and gives the caller the callee\'s private name as LEDGER_URL', () => {
    const fleet = calling();
    expect(fleet.resolve().problems).toEqual([]);
    expect(specOf(fleet, 'web', 'prod-eu-west-1').env).toEqual({ LEDGER_URL: 'http://ledger.acme.internal:8443' });
  });

  it('resolves one peering, one internal load balancer admitting the caller cluster\'s pod ranges, and the private zone', () => {
    const resolved = calling().resolve();
    const caller = resolved.clusters.find((c) => c.id === 'prod-eu-west-1')!.network!;
    expect(resolved.calls.zone).toBe('acme.internal');
    expect(resolved.calls.links).toEqual([{ a: 'prod-eu-central-1', b: 'prod-eu-west-1', calls: ['web→ledger'] }]);
    expect(resolved.calls.exposures).toEqual([{
      app: 'ledger', namespace: 'ledger', clusterId: 'prod-eu-central-1', port: 8080, servicePort: 8443,
      callerClusters: ['prod-eu-west-1'], sourceRanges: [...caller.privateSubnets].sort(),
    }]);
  });

  it('synthesizes the internal NLB Service, the callee\'s ingress from the callers\' ranges and the caller\'s egress to the NLB', () => {
    const fleet = calling();
    const resolved = fleet.resolve();
    const [caller, callee] = ['prod-eu-west-1', 'prod-eu-central-1'].map((id) => resolved.clusters.find((c) => c.id === id)!.network!);
    const assembly = fleet.assemble();
    const objectsOf = (cluster: string, file: string) => assembly.clusters.find((c) => c.clusterId === cluster)!.files.find((f) => f.name === file)!.objects as any[];
    const ledger = objectsOf('prod-eu-central-1', '3000-app-ledger.k8s.yaml');
    const service = ledger.find((o) => o.kind === 'Service' && o.metadata.name === 'ledger-internal');
    expect(service.metadata.annotations).toEqual({
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      'service.beta.kubernetes.io/aws-load-balancer-subnets': 'acme-prod-eu-central-1-public-0,acme-prod-eu-central-1-public-1,acme-prod-eu-central-1-public-2',
      'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes': 'preserve_client_ip.enabled=true',
    });
    expect(service.spec).toEqual({
      type: 'LoadBalancer', loadBalancerClass: 'service.k8s.aws/nlb', loadBalancerSourceRanges: caller.privateSubnets,
      selector: { 'app.kubernetes.io/name': 'ledger' }, ports: [{ name: 'http', protocol: 'TCP', port: 8443, targetPort: 8080 }],
    });
    const ingress = ledger.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'ledger-ingress');
    expect(ingress.spec.ingress[0].from).toContainEqual({ ipBlock: { cidr: callee.publicRange } }); // the NLB's health checks
    expect(ingress.spec.ingress).toContainEqual({ from: caller.privateSubnets.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: 8080 }] });
    const egress = objectsOf('prod-eu-west-1', '3000-app-web.k8s.yaml').find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'web-egress');
    expect(egress.spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: callee.publicRange } }], ports: [{ protocol: 'TCP', port: 8443 }] });
    // The caller's cluster gets no load balancer of the ledger; the callee's none of web.
    expect(objectsOf('prod-eu-west-1', '3000-app-web.k8s.yaml').some((o) => o.metadata.name === 'web-internal')).toBe(false);
  });

  it('asks EKS Auto Mode for the internal NLB on an Auto Mode cluster, through its own load balancer class', () => {
    const fleet = newFleet();
    const prod = new EnvironmentFleet(fleet, 'prod', { regions: ['eu-west-1'] });
    const auto = new EnvironmentFleet(fleet, 'auto', { regions: ['eu-central-1'], profile: m.EnvironmentProfile.production({ computeMode: m.ComputeMode.AUTO_MODE }) });
    const ledger = app(fleet, 'ledger', { placement: Placement.clusters(auto.cluster('eu-central-1')) });
    app(fleet, 'web', { placement: Placement.clusters(prod.cluster('eu-west-1')), calls: [ledger] });
    const objects = fleet.assemble().clusters.find((c) => c.clusterId === 'auto-eu-central-1')!.files.find((f) => f.name === '3000-app-ledger.k8s.yaml')!.objects as any[];
    expect(objects.find((o) => o.metadata.name === 'ledger-internal').spec.loadBalancerClass).toBe('eks.amazonaws.com/nlb');
  });

  it('uses the callee\'s Service on a cluster both run on, with no load balancer or peering', () => {
    const { fleet } = fleetOf();
    app(fleet, 'web', { calls: ['search'] });
    app(fleet, 'search', { port: 9200 });
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([]);
    expect(specOf(fleet, 'web', 'prod-us-east-1').env).toEqual({ SEARCH_URL: 'http://search.search.svc.cluster.local:80' });
    expect(resolved.calls).toEqual({ calls: expect.any(Array), links: [], exposures: [] });
    expect(specOf(fleet, 'search', 'prod-us-east-1').callers.map((c) => c.name)).toEqual(['web']);
  });

  it('accepts calls both ways (a cycle), with one peering for the pair', () => {
    const { fleet, prod } = fleetOf();
    app(fleet, 'a', { placement: Placement.clusters(prod.cluster('us-east-1')), calls: ['b'] });
    app(fleet, 'b', { placement: Placement.clusters(prod.cluster('eu-west-1')), calls: ['a'] });
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([]);
    expect(resolved.calls.links).toEqual([{ a: 'prod-eu-west-1', b: 'prod-us-east-1', calls: ['a→b', 'b→a'] }]);
  });
});

describe('calls that are refused', () => {
  it('refuses a call to an app that runs on no cluster', () => {
    const { fleet } = fleetOf();
    app(fleet, 'ledger', { placement: Placement.regions('ap-southeast-2') });
    app(fleet, 'web', { calls: ['ledger'] });
    expect(problemsOf(fleet)).toContainEqual({ path: 'acme/web', message: 'calls "ledger", which runs on no cluster (placement: regions=ap-southeast-2), so no address reaches it; place ledger on a cluster or remove the call' });
  });

  it('refuses a call to an unknown app, to itself and to an app without a port', () => {
    const { fleet } = fleetOf();
    app(fleet, 'worker', { kind: AppKind.WORKER, port: undefined });
    app(fleet, 'web', { calls: ['nope', 'web', 'worker'] });
    const problems = problemsOf(fleet).filter((p) => p.path === 'acme/web');
    expect(problems).toEqual([
      { path: 'acme/web', message: 'calls names "nope", which is not an app of the fleet; fix the name (the fleet has web, worker)' },
      { path: 'acme/web', message: 'calls lists the app itself; it reaches its own pods without a call, so remove "web"' },
      { path: 'acme/web', message: 'calls "worker", a worker that serves no port, so there is nothing to call; remove the call, or make worker a service with a port' },
    ]);
  });

  it('refuses a call that would carry a resident app\'s answers out of its zone', () => {
    const { fleet, eu, prod } = fleetOf();
    app(fleet, 'ledger', { residency: eu, placement: Placement.clusters(prod.cluster('eu-central-1')) });
    app(fleet, 'web', { placement: Placement.clusters(prod.cluster('us-east-1'), prod.cluster('eu-west-1')), calls: ['ledger'] });
    expect(problemsOf(fleet)).toEqual([{ path: 'acme/web', message: 'calls "ledger", whose data stays in zone eu, from prod-us-east-1, outside the zone: its answers would leave the zone; place web only on zone eu\'s clusters, or remove the call' }]);
  });

  it('refuses a call that would carry a resident caller\'s requests out of its zone', () => {
    const { fleet, eu, prod } = fleetOf();
    app(fleet, 'geo', { placement: Placement.clusters(prod.cluster('us-east-1')) });
    app(fleet, 'web', { residency: eu, placement: Placement.clusters(prod.cluster('eu-west-1')), calls: ['geo'] });
    expect(problemsOf(fleet)).toEqual([{ path: 'acme/web', message: 'keeps its data in zone eu but calls "geo" on prod-us-east-1, outside the zone: its requests would leave the zone; place geo on zone eu\'s clusters, or remove the call' }]);
  });

  it('refuses a variable of the app that would hide a call\'s address', () => {
    const { fleet } = fleetOf();
    app(fleet, 'ledger', {});
    const web = app(fleet, 'web', { calls: ['ledger'], env: { LEDGER_URL: 'http://old' } });
    web.addOverride(m.Override.region('us-east-1'), { env: { LEDGER_URL: 'http://older' } });
    expect(problemsOf(fleet)).toEqual([{ path: 'acme/web', message: 'calls "ledger", whose address fleetform gives as LEDGER_URL, but env and an override\'s env also set LEDGER_URL; remove that variable (the call\'s address is computed) or rename it' }]);
  });

  it('refuses calls of the wrong type from plain JavaScript, naming the fix', () => {
    const { fleet } = fleetOf();
    app(fleet, 'web', { calls: 'ledger' as never });
    app(fleet, 'api', { calls: [42] as never });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/web', message: 'calls is the string "ledger", not a list of app or an app names; give one such as [ledger]' },
      { path: 'acme/api', message: 'calls[0] is the number 42, not an app or an app name; give one such as [ledger]' },
    ]);
  });

  it('refuses a call to an app of another fleet', () => {
    const { fleet } = fleetOf();
    const other = newFleet({}, 'other');
    new EnvironmentFleet(other, 'prod', { regions: ['eu-west-1'] });
    const foreign = app(other, 'ledger', {});
    app(fleet, 'web', { calls: [foreign] });
    expect(problemsOf(fleet)).toContainEqual(expect.objectContaining({ path: 'acme/web', message: expect.stringMatching(/^calls names app other\/ledger of fleet other/) }));
  });
});

describe('calls, for every fleet', () => {
  it('give every caller cluster an address, peer exactly the clusters of calls that cross, and never peer a cluster with itself', () => {
    const regions = ['eu-west-1', 'eu-central-1', 'us-east-1', 'ap-southeast-1'] as const;
    fc.assert(fc.property(
      fc.array(fc.subarray([...regions], { minLength: 1 }), { minLength: 2, maxLength: 4 }),
      fc.array(fc.tuple(fc.nat(3), fc.nat(3)), { maxLength: 6 }),
      (placements, pairs) => {
        const fleet = newFleet();
        const prod = new EnvironmentFleet(fleet, 'prod', { regions: [...regions] });
        const names = placements.map((_, i) => `app${i}`);
        const calls = new Map<string, Set<string>>();
        for (const [x, y] of pairs) {
          if (x >= names.length || y >= names.length || x === y) continue;
          calls.set(names[x], (calls.get(names[x]) ?? new Set()).add(names[y]));
        }
        placements.forEach((rs, i) => app(fleet, names[i], { placement: Placement.clusters(...rs.map((r) => prod.cluster(r))), calls: [...(calls.get(names[i]) ?? [])] }));
        const resolved = fleet.resolve();
        expect(resolved.problems).toEqual([]);
        const expected = new Set<string>();
        placements.forEach((rs, i) => {
          for (const callee of calls.get(names[i]) ?? []) {
            const on = placements[names.indexOf(callee)];
            for (const r of rs) {
              const env = specOf(fleet, names[i], `prod-${r}`).env[`${callee.toUpperCase()}_URL`];
              expect(env).toBe(on.includes(r) ? `http://${callee}.${callee}.svc.cluster.local:80` : `http://${callee}.acme.internal:80`);
              if (!on.includes(r)) for (const t of on) expected.add([`prod-${r}`, `prod-${t}`].sort().join(' '));
            }
          }
        });
        expect(resolved.calls.links.map((l) => `${l.a} ${l.b}`).sort()).toEqual([...expected].sort());
        for (const l of resolved.calls.links) expect(l.a < l.b).toBe(true);
        // Same input, same result.
        expect(JSON.stringify(fleet.resolve().calls)).toBe(JSON.stringify(resolved.calls));
      },
    ), { numRuns: 25 });
  });
});

describe('the peering quota', () => {
  /** A model whose cluster "hub" is peered with `n` others, as the rule reads it. */
  function peeredWith(n: number) {
    const others = Array.from({ length: n }, (_, i) => `c${String(i).padStart(3, '0')}`);
    return {
      clusters: [{ id: 'hub', path: 'acme/hub' }, ...others.map((id) => ({ id, path: `acme/${id}` }))],
      calls: { calls: [], exposures: [], links: others.map((id) => ({ a: id, b: 'hub', calls: ['x→y'] })) },
    } as unknown as Parameters<typeof callPeeringQuota.check>[0];
  }

  it('is quiet up to the default quota, warns above it, and refuses above the most AWS allows', () => {
    expect([...callPeeringQuota.check(peeredWith(50))]).toEqual([]);
    expect([...callPeeringQuota.check(peeredWith(51))]).toEqual([{ path: 'acme/hub', severity: 'warning', message: 'calls across clusters need 51 VPC peerings of this cluster, more than the default quota (50); raise "Active VPC peering connections per VPC" in Service Quotas (up to 125) before deploying' }]);
    expect([...callPeeringQuota.check(peeredWith(126))]).toEqual([{ path: 'acme/hub', severity: 'error', message: 'calls across clusters need 126 VPC peerings of this cluster, more than AWS allows a VPC (125); place called apps nearer their callers, or connect the VPCs through a Transit Gateway yourself' }]);
  });
});

describe('a call across environments', () => {
  it('is named at every synth: which clusters of which environments it peers', () => {
    const fleet = newFleet();
    const prod = new EnvironmentFleet(fleet, 'prod', { regions: ['eu-west-1'] });
    new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'] });
    const ledger = app(fleet, 'ledger', { placement: Placement.environments(prod) });
    app(fleet, 'web', { calls: [ledger] });
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([]);
    expect(resolved.warnings.filter((w) => w.rule === 'call-across-environments')).toEqual([{
      path: 'acme/web', rule: 'call-across-environments',
      message: 'calls "ledger" across environments: the deployment peers staging-eu-west-3 (staging) with prod-eu-west-1 (prod) and admits the caller\'s pods into ledger there; '
        + 'if that is not meant, place ledger in the caller\'s environments or narrow the caller\'s placement',
    }]);
  });

  it('is not named for a call within one environment', () => {
    const fleet = newFleet();
    const prod = new EnvironmentFleet(fleet, 'prod', { regions: ['eu-west-1', 'us-east-1'] });
    const ledger = app(fleet, 'ledger', { placement: Placement.clusters(prod.cluster('eu-west-1')) });
    app(fleet, 'web', { placement: Placement.environments(prod), calls: [ledger] });
    expect(fleet.resolve().warnings.filter((w) => w.rule === 'call-across-environments')).toEqual([]);
  });
});

describe('a call from environments the callee does not run in, only', () => {
  it('is taken as chosen by the placement, without a warning', () => {
    const fleet = newFleet();
    const prod = new EnvironmentFleet(fleet, 'prod', { regions: ['eu-west-1'] });
    const dedicated = new EnvironmentFleet(fleet, 'dedicated', { regions: ['eu-north-1'] });
    const ledger = app(fleet, 'ledger', { placement: Placement.environments(dedicated) });
    app(fleet, 'statements', { placement: Placement.environments(prod), calls: [ledger] });
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([]);
    expect(resolved.calls.links).toEqual([{ a: 'dedicated-eu-north-1', b: 'prod-eu-west-1', calls: ['statements→ledger'] }]);
    expect(resolved.warnings.filter((w) => w.rule === 'call-across-environments')).toEqual([]);
  });
});
