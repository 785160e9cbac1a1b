/** How a global load balancer's DNS picks the cluster that answers a user. */
import type { Continent } from './catalog/aws-regions';
import type { GdprZone } from './gdpr-zone';
import { describeValue } from './input';
import { isKind, markKind } from './markers';

/** A cluster, by construct or by cluster id. */
export type ClusterRef = { readonly clusterId: string } | string;

/** The id of a cluster reference, or undefined when it is neither a cluster nor a string. */
export function clusterIdOf(ref: unknown): string | undefined {
  if (typeof ref === 'string') return ref;
  const id = typeof ref === 'object' && ref !== null ? (ref as { clusterId?: unknown }).clusterId : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** Where users are, for geolocation routing. */
export class GeoLocation {
  /** Users on a continent, by Route 53 code: AF, AN, AS, EU, NA, OC or SA. */
  static continent(code: Continent): GeoLocation {
    return new GeoLocation('continent', code);
  }

  /** Users in a country, by ISO 3166-1 alpha-2 code, such as "DE". */
  static country(code: string): GeoLocation {
    return new GeoLocation('country', code);
  }

  /** Everyone no other rule matches (Route 53's `*`): required in every geolocation policy. */
  static default(): GeoLocation {
    return new GeoLocation('default', '*');
  }

  /** Whether `x` is a GeoLocation (also one made by another copy of fleetform). */
  static isGeoLocation(x: unknown): x is GeoLocation {
    return isKind(x, 'geoLocation');
  }

  private constructor(
    readonly kind: 'continent' | 'country' | 'default',
    /** Continent or country code; `*` for the default. */
    readonly code: string,
  ) {
    markKind(this, 'geoLocation');
  }

  /** A short form for messages and names, such as `continent EU`. */
  describe(): string {
    return this.kind === 'default' ? 'default (*)' : `${this.kind} ${this.code}`;
  }
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

  private constructor(readonly kind: RoutingKind, parts: { weights?: unknown; failover?: unknown; rules?: unknown }) {
    markKind(this, 'routingPolicy');
    const problems: string[] = [];
    if (kind === 'weighted') this.weights = checkWeights(parts.weights, problems);
    if (kind === 'failover') this.failover = checkFailover(parts.failover, problems);
    if (kind === 'geolocation') this.rules = checkRules(parts.rules, problems);
    this.problems = problems;
  }
}

function checkWeights(raw: unknown, problems: string[]): WeightedTarget[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push('RoutingPolicy.weighted() has no targets; give clusters and weights, such as [{ cluster: a, weight: 90 }, { cluster: b, weight: 10 }]');
    return [];
  }
  const out: WeightedTarget[] = [];
  for (const t of raw as unknown[]) {
    const w = (t as WeightedTarget | undefined)?.weight;
    const id = clusterIdOf((t as WeightedTarget | undefined)?.cluster);
    if (id === undefined) problems.push(`RoutingPolicy.weighted() names ${describeValue((t as WeightedTarget | undefined)?.cluster)}; give a cluster or a cluster id`);
    else if (typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 255) problems.push(`RoutingPolicy.weighted() gives cluster "${id}" weight ${typeof w === 'number' ? String(w) : describeValue(w)}; Route 53 weights are whole numbers from 0 to 255`);
    else out.push({ cluster: id, weight: w });
  }
  if (out.length > 0 && out.length === raw.length && out.every((t) => t.weight === 0)) {
    problems.push('RoutingPolicy.weighted() gives every cluster weight 0, which Route 53 reads as equal shares; give the clusters the shares you mean, such as 90 and 10');
  }
  return out;
}

function refs(raw: unknown, what: string, problems: string[]): string[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push(`RoutingPolicy.failover() has no ${what} clusters; list at least one`);
    return [];
  }
  return (raw as unknown[]).flatMap((r) => {
    const id = clusterIdOf(r);
    if (id === undefined) problems.push(`RoutingPolicy.failover() ${what} names ${describeValue(r)}; give a cluster or a cluster id`);
    return id === undefined ? [] : [id];
  });
}

function checkFailover(raw: unknown, problems: string[]): FailoverOptions {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<FailoverOptions>;
  const primary = refs(o.primary, 'primary', problems);
  const secondary = refs(o.secondary, 'secondary', problems);
  const both = primary.filter((id) => secondary.includes(id));
  if (both.length > 0) problems.push(`RoutingPolicy.failover() lists ${both.join(', ')} as both primary and secondary; give each cluster one role`);
  if (o.policy !== undefined && !RoutingPolicy.isRoutingPolicy(o.policy)) problems.push(`RoutingPolicy.failover() policy is ${describeValue(o.policy)}; give a RoutingPolicy`);
  return { primary, secondary, policy: RoutingPolicy.isRoutingPolicy(o.policy) ? o.policy : undefined };
}

function checkRules(raw: unknown, problems: string[]): GeoRule[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push('RoutingPolicy.geolocation() has no rules; give at least a rule for GeoLocation.default()');
    return [];
  }
  const rules: GeoRule[] = [];
  const seen = new Set<string>();
  for (const r of raw as Partial<GeoRule>[]) {
    if (!GeoLocation.isGeoLocation(r?.location)) {
      problems.push(`RoutingPolicy.geolocation() has a rule whose location is ${describeValue(r?.location)}; give GeoLocation.continent(), .country() or .default()`);
      continue;
    }
    const where = r.location.describe();
    if (seen.has(where)) problems.push(`RoutingPolicy.geolocation() has two rules for ${where}; give each location one rule`);
    seen.add(where);
    if (r.policy !== undefined && !RoutingPolicy.isRoutingPolicy(r.policy)) problems.push(`RoutingPolicy.geolocation() rule for ${where} has policy ${describeValue(r.policy)}; give a RoutingPolicy`);
    if (r.policy?.kind === 'geolocation') problems.push(`RoutingPolicy.geolocation() rule for ${where} nests another geolocation policy; nest latency, weighted or failover instead`);
    const clusters = r.clusters === undefined ? undefined : (Array.isArray(r.clusters) ? r.clusters : []).flatMap((c) => {
      const id = clusterIdOf(c);
      if (id === undefined) problems.push(`RoutingPolicy.geolocation() rule for ${where} names ${describeValue(c)}; give a cluster or a cluster id`);
      return id === undefined ? [] : [id];
    });
    rules.push({ location: r.location, zone: r.zone, clusters, policy: RoutingPolicy.isRoutingPolicy(r.policy) ? r.policy : undefined });
  }
  if (!rules.some((r) => r.location.kind === 'default')) {
    problems.push('RoutingPolicy.geolocation() has no rule for GeoLocation.default(); Route 53 answers users no rule matches with nothing, so add a default rule');
  }
  return rules;
}
