/** How a global load balancer's DNS picks the cluster that answers a user. */
import type { GdprZone } from './gdpr-zone';
import { GeoLocation } from './geo-location';
import { describeValue } from './input';
import { isKind, markKind } from './markers';

export { GeoLocation, locationHolds } from './geo-location';
export type { GeoLocationKind } from './geo-location';

/** A cluster, by construct or by cluster id. */
export type ClusterRef = { readonly clusterId: string } | string;

/** The id of a cluster reference, or undefined when it is neither a cluster nor a string. */
export function clusterIdOf(ref: unknown): string | undefined {
  if (typeof ref === 'string') return ref;
  const id = typeof ref === 'object' && ref !== null ? (ref as { clusterId?: unknown }).clusterId : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** One rule of a geolocation policy: users from `location` go to these clusters. */
export interface GeoRule {
  readonly location: GeoLocation;
  /**
   * Answer from the zone's clusters among the targets, and stay in the zone
   * when all of them are unhealthy: the record does not evaluate health, so
   * Route 53 never falls back to a larger region or the default.
   * @default - no zone
   */
  readonly zone?: GdprZone;
  /**
   * The clusters that answer, among the targets.
   * @default - the zone's clusters, else every target
   */
  readonly clusters?: readonly ClusterRef[];
  /**
   * How a cluster is picked among them.
   * @default RoutingPolicy.latency()
   */
  readonly policy?: RoutingPolicy;
}

/** A cluster's share of weighted routing. */
export interface WeightedTarget {
  readonly cluster: ClusterRef;
  /** 0 to 255; a cluster's share is its weight over the sum. */
  readonly weight: number;
}

/** Active/passive: the primary clusters answer while any is healthy. */
export interface FailoverOptions {
  readonly primary: readonly ClusterRef[];
  readonly secondary: readonly ClusterRef[];
  /**
   * How a cluster is picked within a group of several.
   * @default RoutingPolicy.latency()
   */
  readonly policy?: RoutingPolicy;
}

/** The kinds of routing. */
export type RoutingKind = 'latency' | 'weighted' | 'failover' | 'geolocation';

/**
 * How DNS picks a cluster. Policies nest (geolocation over latency within a
 * continent, failover between groups): fleetform builds the Route 53 trees of
 * alias records that nesting takes. Use the factories.
 */
export class RoutingPolicy {
  /** The healthy cluster nearest the user by network latency. */
  static latency(): RoutingPolicy {
    return new RoutingPolicy('latency', {});
  }

  /** Traffic shared by weight, such as 90/10 toward a canary cluster. */
  static weighted(targets: readonly WeightedTarget[]): RoutingPolicy {
    return new RoutingPolicy('weighted', { weights: targets });
  }

  /** Active/passive: the secondary clusters answer only when no primary is healthy. */
  static failover(options: FailoverOptions): RoutingPolicy {
    return new RoutingPolicy('failover', { failover: options });
  }

  /** By where the user is; a `GeoLocation.default()` rule is required. */
  static geolocation(rules: readonly GeoRule[]): RoutingPolicy {
    return new RoutingPolicy('geolocation', { rules });
  }

  /** Whether `x` is a RoutingPolicy (also one made by another copy of fleetform). */
  static isRoutingPolicy(x: unknown): x is RoutingPolicy {
    return isKind(x, 'routingPolicy');
  }

  readonly weights?: readonly WeightedTarget[];
  readonly failover?: FailoverOptions;
  readonly rules?: readonly GeoRule[];
  /** Mistakes found in the policy's own shape, reported by the load balancer that uses it. */
  readonly problems: readonly string[];
  /**
   * The constructs the policy names (clusters and zones, its nested policies'
   * too), so the load balancer can check they belong to its own fleet.
   */
  readonly references: readonly object[];

  private constructor(readonly kind: RoutingKind, parts: { weights?: unknown; failover?: unknown; rules?: unknown }) {
    markKind(this, 'routingPolicy');
    const found: Found = { problems: [], references: [] };
    if (kind === 'weighted') this.weights = checkWeights(parts.weights, found);
    if (kind === 'failover') this.failover = checkFailover(parts.failover, found);
    if (kind === 'geolocation') this.rules = checkRules(parts.rules, found);
    this.problems = found.problems;
    this.references = found.references;
  }

  /** Whether a geolocation rule of this policy, or of a policy nested in it, is bound to a zone. */
  bindsZone(): boolean {
    return (this.rules ?? []).some((r) => r.zone !== undefined || (r.policy?.bindsZone() ?? false)) || (this.failover?.policy?.bindsZone() ?? false);
  }
}

/** What checking a policy's parts found. */
interface Found {
  readonly problems: string[];
  readonly references: object[];
}

/** The id of each cluster reference in `raw`; the constructs among them are kept for the fleet check. */
function clusterIds(raw: readonly unknown[], what: string, found: Found): string[] {
  const ids: string[] = [];
  for (const r of raw) {
    const id = clusterIdOf(r);
    if (id === undefined) {
      found.problems.push(`${what} names ${describeValue(r)}; give a cluster or a cluster id`);
      continue;
    }
    if (typeof r === 'object' && r !== null) found.references.push(r);
    if (ids.includes(id)) found.problems.push(`${what} lists cluster "${id}" twice; Route 53 needs one record per cluster in a group, so list it once`);
    else ids.push(id);
  }
  return ids;
}

/** Takes a nested policy's problems (prefixed) and references. */
function nested(policy: unknown, at: string, found: Found): RoutingPolicy | undefined {
  if (policy === undefined) return undefined;
  if (!RoutingPolicy.isRoutingPolicy(policy)) {
    found.problems.push(`${at} policy is ${describeValue(policy)}; give a RoutingPolicy`);
    return undefined;
  }
  found.problems.push(...policy.problems.map((p) => `${at}, in its nested policy: ${p}`));
  found.references.push(...policy.references);
  return policy;
}

function checkWeights(raw: unknown, found: Found): WeightedTarget[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    found.problems.push('RoutingPolicy.weighted() has no targets; give clusters and weights, such as [{ cluster: a, weight: 90 }, { cluster: b, weight: 10 }]');
    return [];
  }
  const out: WeightedTarget[] = [];
  for (const t of raw as unknown[]) {
    const w = (t as WeightedTarget | undefined)?.weight;
    const [id] = clusterIds([(t as WeightedTarget | undefined)?.cluster], 'RoutingPolicy.weighted()', found);
    if (id === undefined) continue;
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 255) found.problems.push(`RoutingPolicy.weighted() gives cluster "${id}" weight ${typeof w === 'number' ? String(w) : describeValue(w)}; Route 53 weights are whole numbers from 0 to 255`);
    else if (out.some((o) => o.cluster === id)) found.problems.push(`RoutingPolicy.weighted() lists cluster "${id}" twice; Route 53 needs one record per cluster in a group, so give it one weight`);
    else out.push({ cluster: id, weight: w });
  }
  if (out.length > 0 && out.length === raw.length && out.every((t) => t.weight === 0)) {
    found.problems.push('RoutingPolicy.weighted() gives every cluster weight 0, which Route 53 reads as equal shares; give the clusters the shares you mean, such as 90 and 10');
  }
  return out;
}

function checkFailover(raw: unknown, found: Found): FailoverOptions {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<FailoverOptions>;
  const group = (list: unknown, what: string) => {
    if (!Array.isArray(list) || list.length === 0) {
      found.problems.push(`RoutingPolicy.failover() has no ${what} clusters; list at least one`);
      return [];
    }
    return clusterIds(list, `RoutingPolicy.failover() ${what}`, found);
  };
  const primary = group(o.primary, 'primary');
  const secondary = group(o.secondary, 'secondary');
  const both = primary.filter((id) => secondary.includes(id));
  if (both.length > 0) found.problems.push(`RoutingPolicy.failover() lists ${both.join(', ')} as both primary and secondary; give each cluster one role`);
  const policy = nested(o.policy, 'RoutingPolicy.failover()', found);
  if (policy?.bindsZone()) {
    found.problems.push('RoutingPolicy.failover() nests a geolocation rule bound to a zone; a zone keeps its users only from the top of a load balancer\'s (or route\'s) routing, where no failover can move them out, so put RoutingPolicy.geolocation() first and nest failover in its rules');
  }
  return { primary, secondary, policy };
}

function checkRules(raw: unknown, found: Found): GeoRule[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    found.problems.push('RoutingPolicy.geolocation() has no rules; give at least a rule for GeoLocation.default()');
    return [];
  }
  const rules: GeoRule[] = [];
  const seen = new Set<string>();
  for (const r of raw as Partial<GeoRule>[]) {
    if (!GeoLocation.isGeoLocation(r?.location)) {
      found.problems.push(`RoutingPolicy.geolocation() has a rule whose location is ${describeValue(r?.location)}; give GeoLocation.continent(), .country(), .subdivision() or .default()`);
      continue;
    }
    const where = r.location.describe();
    found.problems.push(...r.location.problems);
    if (seen.has(where)) found.problems.push(`RoutingPolicy.geolocation() has two rules for ${where}; give each location one rule`);
    seen.add(where);
    const at = `RoutingPolicy.geolocation() rule for ${where}`;
    if (r.zone !== undefined && !isKind(r.zone, 'zone')) found.problems.push(`${at} has zone ${describeValue(r.zone)}; give a GdprZone`);
    else if (r.zone !== undefined) found.references.push(r.zone);
    const policy = nested(r.policy, at, found);
    if (policy?.kind === 'geolocation') found.problems.push(`${at} nests another geolocation policy; nest latency, weighted or failover instead`);
    const clusters = r.clusters === undefined ? undefined : clusterIds(Array.isArray(r.clusters) ? r.clusters : [], at, found);
    rules.push({ location: r.location, zone: isKind(r.zone, 'zone') ? r.zone : undefined, clusters, policy });
  }
  if (!rules.some((r) => r.location.kind === 'default')) {
    found.problems.push('RoutingPolicy.geolocation() has no rule for GeoLocation.default(); Route 53 answers users no rule matches with nothing, so add a default rule');
  }
  return rules;
}
