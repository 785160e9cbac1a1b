/**
 * Every `@default` of a public prop that names a value (a literal or a named
 * constant, not a `- description`) is the value a construct really takes when
 * the prop is left out: the documented expression is evaluated against the
 * package's exports and compared with what the construct resolves to.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as fleetform from '../lib';
import {
  AddressLock, ApiEndpoint, EnvironmentFleet, Fleet, FleetApp, GlobalLoadBalancer, HostedZone, Placement, RegionalCluster,
} from '../lib';
import { TEST_SUPPORT_DATE } from './helpers/support-date';

const ROOT = resolve(__dirname, '..');

/** The interfaces whose documented defaults are checked, by file. */
const INTERFACES: Readonly<Record<string, readonly string[]>> = {
  'lib/fleet.ts': ['FleetProps', 'FleetAssembleOptions'],
  'lib/regional-cluster.ts': ['RegionalClusterProps'],
  'lib/environment-fleet.ts': ['EnvironmentFleetProps'],
  'lib/fleet-app.ts': ['FleetAppProps'],
  'lib/global-load-balancer.ts': ['GlobalLoadBalancerProps', 'LoadBalancerHealthCheck'],
  'lib/node-pool.ts': ['NodePoolProps'],
  'lib/environment-profile.ts': ['EnvironmentProfileOptions'],
  'lib/app-options.ts': ['AppResources', 'AppEgress'],
};

/** `Interface.prop` → the text of its `@default` tag. */
function documentedDefaults(): Map<string, string> {
  const found = new Map<string, string>();
  for (const [file, names] of Object.entries(INTERFACES)) {
    const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isInterfaceDeclaration(node) && names.includes(node.name.text)) {
        for (const member of node.members) {
          if (!ts.isPropertySignature(member) || !ts.isIdentifier(member.name)) continue;
          const tag = ts.getJSDocTags(member).find((t) => t.tagName.text === 'default');
          if (tag) found.set(`${node.name.text}.${member.name.text}`, ts.getTextOfJSDocComment(tag.comment)?.trim() ?? '');
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  for (const [file, names] of Object.entries(INTERFACES)) {
    for (const name of names) expect([...found.keys()].some((k) => k.startsWith(`${name}.`)), `${name} in ${file}`).toBe(true);
  }
  return found;
}

/** The value part of a `@default` that names one: up to ` - `, ` (` or ` when`; undefined for a `- description`. */
function documentedExpression(text: string): string | undefined {
  if (text.startsWith('-')) return undefined;
  return text.split(/ - | \(| when /)[0].trim();
}

/** Evaluates a documented expression against the package's exports (and `extra`, for one that names another prop). */
function evaluate(expression: string, extra: Record<string, unknown> = {}): unknown {
  const scope = { ...fleetform, ...extra } as Record<string, unknown>;
  return new Function(...Object.keys(scope), `return (${expression});`)(...Object.values(scope));
}

/** A fleet in which every checked prop is left out: one environment, one cluster of its own, one app, one load balancer. */
function fleetWithoutProps() {
  const fleet = new Fleet('acme', { supportDate: TEST_SUPPORT_DATE });
  const production = new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1'] });
  const edge = new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
  const app = new FleetApp(fleet, 'api', { image: 'ghcr.io/acme/api:1.0.0', port: 8080, placement: Placement.all() });
  new GlobalLoadBalancer(fleet, 'www', { hostname: 'www.acme.example', hostedZone: HostedZone.existing('Z0123456789ABC', 'acme.example'), app, targets: production });
  const resolved = fleet.resolve();
  expect(resolved.problems).toEqual([]);
  const cluster = (id: string) => resolved.clusters.find((c) => c.id === id)!;
  return { fleet, production, edge, resolved, cluster, spec: resolved.apps[0].placements[0].spec, lb: resolved.loadBalancers[0] };
}

type Resolved = ReturnType<typeof fleetWithoutProps>;

/** How to read the value a construct took for each prop left out, and how to read the documented value comparably. */
const ACTUAL: Readonly<Record<string, { actual: (f: Resolved) => unknown; documented?: (value: any) => unknown; scope?: (f: Resolved) => Record<string, unknown> }>> = {
  'FleetProps.addressSpace': { actual: (f) => f.fleet.addressSpace },
  'FleetProps.clusterBlockPrefix': { actual: (f) => f.fleet.clusterBlockPrefix },
  'FleetProps.kubernetesVersion': { actual: (f) => f.cluster('edge').kubernetesVersion },
  'FleetProps.addressLock': { actual: (f) => f.fleet.addressLock },
  'FleetProps.apiEndpoint': { actual: (f) => f.fleet.apiEndpoint },
  'FleetProps.trust': { actual: (f) => f.fleet.trust },
  'FleetAssembleOptions.renderOnDemand': {
    // Rendering reads a raw manifest's fields: by default that has happened when assemble returns.
    actual: () => {
      let reads = 0;
      const fleet = new Fleet('acme', { supportDate: TEST_SUPPORT_DATE, addressLock: AddressLock.none() });
      new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' }).addManifest('extra', {
        apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, get data() { reads++; return { a: 'b' }; },
      });
      fleet.assemble();
      return reads === 0;
    },
  },
  'EnvironmentProfileOptions.allowSpotOnly': { actual: (f) => f.production.profile!.allowSpotOnly },
  'EnvironmentProfileOptions.computeMode': { actual: (f) => f.production.profile!.computeMode },
  'EnvironmentProfileOptions.extendedSupport': { actual: (f) => f.production.profile!.extendedSupport },
  'FleetAssembleOptions.strict': {
    // A fleet with a warning is assembled: not strict.
    actual: () => {
      const fleet = new Fleet('acme', { supportDate: TEST_SUPPORT_DATE, apiEndpoint: ApiEndpoint.openToTheInternet() });
      new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
      expect(fleet.resolve().warnings).not.toEqual([]);
      try {
        fleet.assemble();
        return false;
      } catch {
        return true;
      }
    },
  },
  'EnvironmentFleetProps.profile': { actual: (f) => f.production.profile },
  'EnvironmentFleetProps.tenancy': { actual: (f) => f.cluster('production-us-east-1').tenancy },
  'FleetAppProps.replicas': { actual: (f) => f.spec.replicas },
  'FleetAppProps.maxUnavailable': { actual: (f) => f.spec.maxUnavailable },
  'FleetAppProps.spreadAcrossZones': { actual: (f) => f.spec.spreadAcrossZones },
  'FleetAppProps.servicePort': { actual: (f) => f.spec.servicePort },
  'FleetAppProps.kind': { actual: (f) => f.spec.workload.kind },
  // Read by the stateful checks only; left out, a stateful app with autoscaling is refused (test/app-kind-refusals.test.ts).
  'FleetAppProps.autoscalingIsSafe': { actual: (f) => f.fleet.node.findAll().some((c) => (c as FleetApp).props?.autoscalingIsSafe === true) },
  'FleetAppProps.runAsUser': { actual: (f) => f.spec.workload.runAsUser },
  'FleetAppProps.runAsGroup': { actual: (f) => f.spec.workload.runAsGroup },
  'FleetAppProps.terminationGracePeriodSeconds': { actual: (f) => f.spec.workload.terminationGracePeriodSeconds },
  'FleetAppProps.drainSeconds': { actual: (f) => f.spec.workload.drainSeconds },
  'GlobalLoadBalancerProps.routing': { actual: (f) => f.lb.routing, documented: (policy) => policy.kind },
  'GlobalLoadBalancerProps.regionLoss': { actual: (f) => f.lb.regionLoss },
  'GlobalLoadBalancerProps.originProtection': { actual: (f) => f.lb.originProtection },
  'LoadBalancerHealthCheck.intervalSeconds': { actual: (f) => f.lb.healthCheck.intervalSeconds },
  'LoadBalancerHealthCheck.failureThreshold': { actual: (f) => f.lb.healthCheck.failureThreshold },
  // The fleet's default pool is { name: 'default' }: every other prop of it left out.
  'NodePoolProps.instanceTypes': { actual: (f) => f.cluster('edge').nodePools[0].instanceTypes },
  'NodePoolProps.minSize': { actual: (f) => f.cluster('edge').nodePools[0].minSize },
  'NodePoolProps.desiredSize': { actual: (f) => f.cluster('edge').nodePools[0].desiredSize, scope: (f) => ({ minSize: f.cluster('edge').nodePools[0].minSize }) },
  'NodePoolProps.maxSize': { actual: (f) => f.cluster('edge').nodePools[0].maxSize, scope: (f) => ({ desiredSize: f.cluster('edge').nodePools[0].desiredSize }) },
  'NodePoolProps.capacityType': { actual: (f) => f.cluster('edge').nodePools[0].capacityType },
  'NodePoolProps.diskSizeGiB': { actual: (f) => f.cluster('edge').nodePools[0].diskSizeGiB },
  'AppResources.cpu': { actual: (f) => f.spec.resources.cpu },
  'AppResources.memory': { actual: (f) => f.spec.resources.memory },
  'AppEgress.internet': { actual: (f) => f.spec.egress.internet },
};

describe('documented defaults', () => {
  const documented = documentedDefaults();
  const named = [...documented].flatMap(([key, text]) => {
    const expression = documentedExpression(text);
    return expression === undefined ? [] : [{ key, expression }];
  });

  it('has a way to read the actual value of every prop whose default names a value, and no other', () => {
    expect(named.map((n) => n.key).sort()).toEqual(Object.keys(ACTUAL).sort());
  });

  it.each(named)('$key defaults to $expression', ({ key, expression }) => {
    const row = ACTUAL[key];
    const f = fleetWithoutProps();
    const value = evaluate(expression, row.scope?.(f));
    expect(row.actual(f)).toEqual(row.documented ? row.documented(value) : value);
  });

  it('describes the defaults it does not name as they are', () => {
    const f = fleetWithoutProps();
    // FleetProps.kubernetesVersion names the constant's value too.
    expect(documented.get('FleetProps.kubernetesVersion')).toContain(`('${fleetform.DEFAULT_KUBERNETES_VERSION}')`);
    // FleetProps.defaultNodePool: "3 m6i.large on-demand workers across 3 zones, up to 6".
    expect(documented.get('FleetProps.defaultNodePool')).toBe('- 3 m6i.large on-demand workers across 3 zones, up to 6');
    expect(f.cluster('edge').nodePools).toEqual([expect.objectContaining({ instanceTypes: ['m6i.large'], minSize: 3, desiredSize: 3, maxSize: 6, capacityType: 'ON_DEMAND' })]);
    expect(f.cluster('edge').network!.privateSubnets).toHaveLength(3);
    // RegionalClusterProps.environment and tenancy directly under the fleet.
    expect(documented.get('RegionalClusterProps.environment')).toBe('- the enclosing EnvironmentFleet\'s name, or "default"');
    expect(f.cluster('edge').environment).toBe('default');
    expect(documented.get('RegionalClusterProps.tenancy')).toBe('- the environment\'s tenancy, else Tenancy.SHARED');
    expect(f.cluster('edge').tenancy).toBe(fleetform.Tenancy.SHARED);
    // FleetAppProps.resources and namespace.
    expect(documented.get('FleetAppProps.resources')).toBe('- 100m CPU with no limit, 128Mi/256Mi memory');
    expect(f.spec.resources).toEqual({ cpu: { request: '100m' }, memory: { request: '128Mi', limit: '256Mi' } });
    expect(f.spec.namespace).toBe('api');
    // GlobalLoadBalancerProps.healthCheck: "the app's path, every 10 s, unhealthy after 3 failures, from every checker region".
    expect(f.lb.trees[0].healthCheckPath).toBe('/');
  });
});
