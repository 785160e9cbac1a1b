/** Fleets the diagram tests draw. */
import {
  AddressLock, EnvironmentFleet, FleetApp, FleetAssembly, FleetGraph, GlobalLoadBalancer, HostedZone, Placement, RegionalCluster, RoutingPolicy,
} from '../../lib';
import { buildAcmeFleet } from '../../examples/acme/fleet';
import { newFleet } from '../helpers/fleets';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

/** The acme example as its synth sees it (the committed address lock, read only), judged on the tests' fixed day. */
export function acmeAssembly(): FleetAssembly {
  return buildAcmeFleet({ supportDate: TEST_SUPPORT_DATE }).assemble();
}

/** The acme example with no address lock and, optionally, more production regions. */
export function acmeWith(extraProductionRegions: string[]): FleetAssembly {
  return buildAcmeFleet({ addressLock: AddressLock.none(), extraProductionRegions, supportDate: TEST_SUPPORT_DATE }).assemble();
}

/**
 * A fleet with awkward names and routing: a cluster id with a double hyphen,
 * a DNS-only load balancer failing over between weighted groups, and a path
 * route whose pattern holds characters Mermaid and DOT treat as syntax.
 */
export function oddAssembly(): FleetAssembly {
  const fleet = newFleet();
  const production = new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'us-west-2', 'eu-west-1'] });
  new RegionalCluster(fleet, 'a--b', { region: 'eu-west-1', environment: 'odd' });
  const web = new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 3000, placement: Placement.all(), healthCheck: { path: '/' } });
  const api = new FleetApp(fleet, 'api', { image: 'ghcr.io/acme/api:1.0.0', port: 8080, placement: Placement.environments(production), healthCheck: { path: '/' } });
  const zone = HostedZone.existing('Z0123456789ABCDEFGHIJ', 'acme.example');
  new GlobalLoadBalancer(fleet, 'www', {
    hostname: 'www.acme.example',
    hostedZone: zone,
    app: web,
    routing: RoutingPolicy.failover({
      primary: ['production-us-east-1', 'production-us-west-2'],
      secondary: ['production-eu-west-1', 'a--b'],
      policy: RoutingPolicy.weighted([
        { cluster: 'production-us-east-1', weight: 90 }, { cluster: 'production-us-west-2', weight: 10 },
        { cluster: 'production-eu-west-1', weight: 50 }, { cluster: 'a--b', weight: 50 },
      ]),
    }),
  });
  new GlobalLoadBalancer(fleet, 'odd', {
    hostname: 'odd.acme.example',
    hostedZone: zone,
    targets: production,
    routes: [{ path: ODD_PATH, app: api }, { path: '/*', app: api }],
    // Left open: the DNS-only load balancer www shares its clusters.
    originProtection: false,
  });
  return fleet.assemble();
}

/** A CloudFront path pattern with every character it allows that Mermaid or DOT would read as syntax. */
export const ODD_PATH = `/say"hi"&'@:+$~/*`;

/** The cluster ids reachable along edges from `from` (through routes and decisions). */
export function reach(graph: FleetGraph, from: string): string[] {
  const clusterOf = new Map(graph.nodes.flatMap((n) => (n.kind === 'cluster' ? [[n.id, n.clusterId] as const] : [])));
  const out = new Set<string>();
  const walk = (id: string): void => {
    for (const e of graph.edges.filter((x) => x.from === id && x.kind !== 'member')) {
      const c = clusterOf.get(e.to);
      if (c !== undefined) out.add(c);
      else walk(e.to);
    }
  };
  walk(from);
  return [...out].sort();
}
