import { Construct } from 'constructs';
import { CLOUDFRONT_LIMITS, HEALTH_CHECKER_REGIONS, ROUTE53_LIMITS } from './catalog/edge-limits';
import { otherFleetReferences } from './checks/same-fleet';
import { claimId, enterTree } from './construct-ids';
import { EnvironmentFleet } from './environment-fleet';
import { checkLater } from './errors';
import { FleetApp } from './fleet-app';
import { HostedZone, isDnsName, isUnder } from './hosted-zone';
import { describeValue, Fields, isPlainObject, readProps, shapes } from './input';
import { isKind } from './markers';
import { checkDnsLabel } from './naming';
import { ClusterRef, clusterIdOf, RoutingPolicy } from './routing-policy';

export { HEALTH_CHECKER_REGIONS };

/** One path of the hostname routed to an app, through CloudFront. */
export interface PathRoute {
  /** CloudFront path pattern, such as `/api/*`; `/*` is the default route. */
  readonly path: string;
  /** The app that serves it, on the targets it runs on. */
  readonly app: FleetApp;
  /**
   * How DNS picks the cluster for this route.
   * @default - the load balancer's routing
   */
  readonly routing?: RoutingPolicy;
}

/** Route 53 health checks of each target's load balancer. */
export interface LoadBalancerHealthCheck {
  /**
   * HTTPS path probed through each cluster's ALB.
   * @default - the app's health-check path, else '/'
   */
  readonly path?: string;
  /**
   * Seconds between checks from each checker: 10 or 30 (fixed at creation).
   * @default 10
   */
  readonly intervalSeconds?: number;
  /**
   * Failed checks in a row before a target counts as unhealthy: 1 to 10.
   * @default 3
   */
  readonly failureThreshold?: number;
  /**
   * Regions the checks run from: at least three of Route 53's checker regions.
   * @default - all of them
   */
  readonly regions?: readonly string[];
}

/** What happens when the targets left after losing one region cannot carry an app's peak. */
export enum RegionLoss {
  /** Report it as a warning. */
  WARN = 'warn',
  /** Refuse the fleet: N-1 capacity is guaranteed. */
  ENFORCE = 'enforce',
}

/** Props of a {@link GlobalLoadBalancer}. */
export interface GlobalLoadBalancerProps {
  /** The public host name served, such as `shop.acme.example`. */
  readonly hostname: string;
  /** The Route 53 hosted zone the host name is in. */
  readonly hostedZone: HostedZone;
  /**
   * The app that serves the whole host name (DNS only, no edge). Give this or `routes`.
   * @default - none
   */
  readonly app?: FleetApp;
  /**
   * Paths of the host name routed to apps, each to the clusters that run it,
   * through a CloudFront distribution (DNS cannot route by path). Give this or `app`.
   * @default - none
   */
  readonly routes?: readonly PathRoute[];
  /**
   * The clusters that serve: an environment's, or listed ones.
   * @default - every cluster the served apps landed on
   */
  readonly targets?: EnvironmentFleet | readonly ClusterRef[];
  /**
   * How DNS picks a cluster.
   * @default RoutingPolicy.latency()
   */
  readonly routing?: RoutingPolicy;
  /** @default - the app's path, every 10 s, unhealthy after 3 failures, from every checker region */
  readonly healthCheck?: LoadBalancerHealthCheck;
  /**
   * Whether losing any one target region must leave enough capacity for each app's peak.
   * @default RegionLoss.WARN
   */
  readonly regionLoss?: RegionLoss;
  /**
   * With routes (a CloudFront distribution in front), whether each target
   * cluster's ALB admits HTTPS only from CloudFront's origin-facing servers and
   * Route 53's health checkers, so nobody reaches the apps around the
   * distribution. `false` leaves the ALBs open to the internet, as without
   * routes; it is an explicit choice, and a cluster stays protected while any
   * other CloudFront load balancer targeting it keeps this on.
   * @default true
   */
  readonly originProtection?: boolean;
}

const isApp = (x: unknown) => isKind(x, 'app');
const ROUTE = shapes.object({
  path: { shape: shapes.string, example: '"/api/*"', required: true },
  app: { shape: shapes.instance('a FleetApp', isApp), example: 'api', required: true },
  routing: { shape: shapes.instance('a RoutingPolicy', RoutingPolicy.isRoutingPolicy), example: 'RoutingPolicy.latency()' },
}, 'a route such as { path: "/api/*", app: api }');

const FIELDS: Fields = {
  hostname: { shape: shapes.string, example: '"shop.acme.example"', required: true },
  hostedZone: { shape: shapes.instance('a HostedZone', HostedZone.isHostedZone), example: 'HostedZone.existing("Z0123456789ABC", "acme.example")', required: true },
  app: { shape: shapes.instance('a FleetApp', isApp), example: 'storefront' },
  routes: { shape: shapes.list(ROUTE), example: '[{ path: "/api/*", app: api }, { path: "/*", app: web }]' },
  targets: { shape: shapes.either('an EnvironmentFleet or a list of clusters', shapes.instance('an EnvironmentFleet', EnvironmentFleet.isEnvironmentFleet), shapes.list(shapes.either('a cluster or a cluster id', shapes.string, shapes.instance('a cluster', (x) => isKind(x, 'cluster'))))), example: 'production' },
  routing: { shape: shapes.instance('a RoutingPolicy', RoutingPolicy.isRoutingPolicy), example: 'RoutingPolicy.latency()' },
  healthCheck: {
    shape: shapes.object({
      path: { shape: shapes.string, example: '"/healthz"' },
      intervalSeconds: { shape: shapes.number, example: '10' },
      failureThreshold: { shape: shapes.number, example: '3' },
      regions: { shape: shapes.list(shapes.string), example: '["us-east-1", "eu-west-1", "ap-southeast-1"]' },
    }, 'health checks such as { path: "/healthz" }'),
    example: '{ path: "/healthz", intervalSeconds: 10, failureThreshold: 3 }',
  },
  regionLoss: { shape: shapes.oneOf(Object.values(RegionLoss), 'RegionLoss.WARN or RegionLoss.ENFORCE'), example: 'RegionLoss.ENFORCE' },
  originProtection: { shape: shapes.boolean, example: 'true' },
};

/**
 * One public host name served by clusters in several regions: Route 53 picks
 * a healthy cluster by the routing policy (trees of alias records where
 * policies nest), each target cluster's ALB answers for the name with a
 * certificate of its region, and path routes go through a CloudFront
 * distribution with one origin per route.
 */
export class GlobalLoadBalancer extends Construct {
  /** Whether `x` is a GlobalLoadBalancer (also one made by another copy of fleetform). */
  static isGlobalLoadBalancer(x: unknown): x is GlobalLoadBalancer {
    return isKind(x, 'loadBalancer');
  }

  /** The load balancer's name: its construct id. */
  readonly loadBalancerName: string;
  /** The props as given, without fields of the wrong shape. */
  readonly props: Readonly<Partial<GlobalLoadBalancerProps>>;
  #decommissioning = false;

  constructor(scope: Construct, id: string, props: GlobalLoadBalancerProps) {
    super(scope, claimId(scope, id, 'load balancer'));
    enterTree(this, id, 'loadBalancer');
    const read = readProps<GlobalLoadBalancerProps>(props, FIELDS);
    const p = read.props;
    this.loadBalancerName = this.node.id;
    this.props = p;
    checkLater(this, () => [...read.problems, ...checkLoadBalancer(this.loadBalancerName, p), ...otherFleetReferences(this, referencesOf(p))]);
  }

  /**
   * The first of the two steps that remove a load balancer: lifts the guards of
   * what it holds at the edge (Pulumi `protect` on its certificates, its
   * CloudFront distribution and a hosted zone created for it alone) while it
   * keeps serving. Deploy that; then remove it from the code and acknowledge
   * it with `fleet.decommissioned(name)`, and the next deploy deletes it.
   */
  decommission(): void {
    this.#decommissioning = true;
  }

  /** Whether `decommission()` was called. */
  get decommissioning(): boolean {
    return this.#decommissioning;
  }

  /** The ids of the target clusters given, or undefined when the targets follow the apps. */
  get targetIds(): readonly string[] | undefined {
    const t = this.props.targets;
    if (t === undefined) return undefined;
    if (EnvironmentFleet.isEnvironmentFleet(t)) return t.clusters.map((c) => c.clusterId);
    return (t as readonly unknown[]).flatMap((r) => { const id = clusterIdOf(r); return id === undefined ? [] : [id]; });
  }
}

/** The constructs a load balancer's props name, with where each was given. */
function* referencesOf(p: Partial<GlobalLoadBalancerProps>): Iterable<{ what: string; ref: unknown }> {
  yield { what: 'app', ref: p.app };
  for (const r of p.routes ?? []) {
    yield { what: `route "${r.path}"`, ref: r.app };
    for (const ref of r.routing?.references ?? []) yield { what: `route "${r.path}" routing`, ref };
  }
  if (EnvironmentFleet.isEnvironmentFleet(p.targets)) yield { what: 'targets', ref: p.targets };
  else for (const ref of (Array.isArray(p.targets) ? p.targets : []) as unknown[]) yield { what: 'targets', ref };
  for (const ref of p.routing?.references ?? []) yield { what: 'routing', ref };
}

/** Checks of a load balancer's own props that need no other construct. */
function* checkLoadBalancer(name: string, p: Partial<GlobalLoadBalancerProps>): Iterable<string | undefined> {
  yield checkDnsLabel('load balancer name', name, 32);
  if (p.hostname !== undefined && !isDnsName(p.hostname)) yield `hostname "${p.hostname}" is not a DNS name such as "shop.acme.example" (lowercase labels of at most 63 characters)`;

  if (p.hostedZone) {
    yield* p.hostedZone.problems;
    if (p.hostname !== undefined && isDnsName(p.hostname) && !isUnder(p.hostname, p.hostedZone.name)) {
      yield `hostname "${p.hostname}" is not in the hosted zone ${p.hostedZone.name}; use a name under ${p.hostedZone.name} or the zone the name belongs to`;
    }
  }
  if (p.app === undefined && (p.routes === undefined || p.routes.length === 0)) yield 'the load balancer serves nothing; give it an app, or routes of paths to apps';
  if (p.app !== undefined && p.routes !== undefined) yield 'the load balancer has both an app and routes; give the app as the route of "/*" instead';
  const paths = (p.routes ?? []).map((r) => r.path);
  for (const path of paths) {
    if (!path.startsWith('/') || !CLOUDFRONT_LIMITS.pathPatternCharacters.test(path)) {
      yield `route path "${path}" is not a CloudFront path pattern such as "/api/*" (starting with '/', of letters, digits and _ - . * ? $ / ~ " ' @ : + &)`;
    } else if (path.length > CLOUDFRONT_LIMITS.pathPatternLength) {
      yield `route path "${path.slice(0, 40)}…" is ${path.length} characters long; CloudFront takes path patterns of at most ${CLOUDFRONT_LIMITS.pathPatternLength}, so shorten it (a "*" can stand for the rest)`;
    }
  }
  for (const path of paths.filter((x, i) => paths.indexOf(x) !== i)) yield `route path "${path}" is listed twice; give each path one app`;
  yield* (p.routing?.problems ?? []);
  for (const r of p.routes ?? []) yield* (r.routing?.problems ?? []).map((x) => `route "${r.path}": ${x}`);
  const h = p.healthCheck;
  if (h?.intervalSeconds !== undefined && h.intervalSeconds !== 10 && h.intervalSeconds !== 30) yield `healthCheck.intervalSeconds ${h.intervalSeconds} is not one Route 53 offers; use 10 (fast) or 30`;
  if (h?.failureThreshold !== undefined && (!Number.isInteger(h.failureThreshold) || h.failureThreshold < 1 || h.failureThreshold > 10)) yield `healthCheck.failureThreshold ${h.failureThreshold} is out of range; use a whole number from 1 to 10`;
  if (h?.path !== undefined && !h.path.startsWith('/')) yield `healthCheck.path "${h.path}" must start with '/'`;
  if (h?.path !== undefined && h.path.length > ROUTE53_LIMITS.healthCheckPathLength) {
    yield `healthCheck.path "${h.path.slice(0, 40)}…" is ${h.path.length} characters long; Route 53 probes paths of at most ${ROUTE53_LIMITS.healthCheckPathLength}, so use a shorter health path`;
  }
  if (h?.regions !== undefined) {
    for (const r of h.regions) if (!HEALTH_CHECKER_REGIONS.includes(r)) yield `healthCheck.regions lists "${r}", where Route 53 runs no checkers; use some of ${HEALTH_CHECKER_REGIONS.join(', ')}`;
    for (const r of h.regions.filter((x, i) => h.regions!.indexOf(x) === i && h.regions!.lastIndexOf(x) !== i)) yield `healthCheck.regions lists "${r}" twice; list each checker region once`;
    const distinct = new Set(h.regions).size;
    if (distinct < ROUTE53_LIMITS.minCheckerRegions) yield `healthCheck.regions lists ${distinct} distinct region${distinct === 1 ? '' : 's'}; Route 53 needs at least ${ROUTE53_LIMITS.minCheckerRegions} checker regions`;
  }
  if (p.routes !== undefined && p.routes.length > 0 && !paths.includes('/*')) {
    yield 'routes have no "/*" route, which CloudFront needs as its default behaviour; add one for the app that serves everything else';
  }
  if (isPlainObject(p.targets) || (p.targets !== undefined && !Array.isArray(p.targets) && !EnvironmentFleet.isEnvironmentFleet(p.targets))) {
    yield `targets is ${describeValue(p.targets)}; give an EnvironmentFleet or a list of clusters`;
  }
}
