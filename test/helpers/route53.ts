/**
 * A model of how Route 53 answers a query over alias records, written apart
 * from fleetform's own analysis so tests can check the records fleetform
 * registers against it: which records a name holds, which of them are
 * healthy, and which leaf (cluster) a user may be answered with.
 *
 * Semantics, from the Route 53 Developer Guide ("How health checks work in
 * complex configurations", "Geolocation routing"):
 * - a record with a health check is healthy when the check is; an alias that
 *   evaluates target health is healthy when its target is; a name holding a
 *   group of records is healthy when any record of the group is;
 * - latency and weighted groups answer with any healthy record (weight 0
 *   only when no other record is healthy); failover answers the primary
 *   while it is healthy, else the secondary;
 * - geolocation takes the most specific record matching the user
 *   (subdivision, country, continent, default) and moves to the next larger
 *   one only while the current one is unhealthy;
 * - when every candidate is unhealthy Route 53 answers as if all were
 *   healthy: the model then allows any candidate (a superset, which is what
 *   a safety check needs).
 */
import type { DnsRecord } from '../../lib';
import { continentOfCountry, ROUTE53_COUNTRIES, ROUTE53_SUBDIVISIONS } from '../../lib/catalog/route53-locations';

const indexes = new WeakMap<R53Zone, Map<string, DnsRecord[]>>();

/** The records of each name of a zone (computed once per zone). */
function recordsByName(zone: R53Zone): Map<string, DnsRecord[]> {
  let byName = indexes.get(zone);
  if (!byName) {
    byName = new Map();
    for (const r of zone.records) {
      const list = byName.get(r.name);
      if (list) list.push(r);
      else byName.set(r.name, [r]);
    }
    indexes.set(zone, byName);
  }
  return byName;
}

/** Where a resolver is; every field undefined for an address Route 53 cannot place. */
export interface R53User {
  readonly continent?: string;
  readonly country?: string;
  readonly subdivision?: string;
}

/** Records of one hosted zone: alias records, and leaves (aliases of a cluster's ALB). */
export interface R53Zone {
  readonly records: readonly DnsRecord[];
  /** Leaf name → cluster id. */
  readonly leaves: ReadonlyMap<string, string>;
}

/** The answer for a name with no records: a dangling alias. */
export const NO_ANSWER = '(no answer)';

/** Every cluster `user` may be answered with at `name` when the clusters in `unhealthy` fail their checks. */
export function answers(zone: R53Zone, name: string, user: R53User, unhealthy: ReadonlySet<string>): Set<string> {
  const byName = recordsByName(zone);
  const healthMemo = new Map<string, boolean>();
  const leafHealthy = (leaf: string) => !unhealthy.has(zone.leaves.get(leaf) ?? leaf);
  const nameHealthy = (n: string, seen: Set<string>): boolean => {
    if (zone.leaves.has(n)) return leafHealthy(n);
    if (healthMemo.has(n)) return healthMemo.get(n)!;
    if (seen.has(n)) return false; // a loop is never healthy
    const result = (byName.get(n) ?? []).some((r) => recordHealthy(r, new Set([...seen, n])));
    healthMemo.set(n, result);
    return result;
  };
  const recordHealthy = (r: DnsRecord, seen: Set<string> = new Set()): boolean =>
    (r.healthCheckOf === undefined || leafHealthy(r.healthCheckOf)) && (!r.evaluateTargetHealth || nameHealthy(r.target, seen));

  // Each name's answers, once: a name met again on its own path is a loop, which answers nothing.
  const memo = new Map<string, Set<string>>();
  const visit = (n: string): Set<string> => {
    if (zone.leaves.has(n)) return new Set([zone.leaves.get(n)!]);
    const known = memo.get(n);
    if (known) return known;
    const result = new Set<string>();
    memo.set(n, new Set([NO_ANSWER]));
    const recs = byName.get(n) ?? [];
    if (recs.length === 0) result.add(NO_ANSWER);
    for (const r of recs.length > 0 ? choose(recs, user, (x) => recordHealthy(x)) : []) for (const a of visit(r.target)) result.add(a);
    memo.set(n, result);
    return result;
  };
  return visit(name);
}

/** The records Route 53 may answer with among the records of one name. */
function choose(recs: readonly DnsRecord[], user: R53User, healthy: (r: DnsRecord) => boolean): DnsRecord[] {
  const kind = recs[0].routing.kind;
  const anyOf = (candidates: DnsRecord[], all: DnsRecord[]) => (candidates.length > 0 ? candidates : all);
  switch (kind) {
    case 'simple':
      return [recs[0]];
    case 'latency':
      return anyOf(recs.filter(healthy), [...recs]);
    case 'weighted': {
      const weight = (r: DnsRecord) => (r.routing.kind === 'weighted' ? r.routing.weight : 0);
      const up = recs.filter(healthy);
      return anyOf(anyOf(up.filter((r) => weight(r) > 0), up), anyOf(recs.filter((r) => weight(r) > 0), [...recs]));
    }
    case 'failover': {
      const role = (r: DnsRecord) => (r.routing.kind === 'failover' ? r.routing.role : '');
      const primary = recs.filter((r) => role(r) === 'PRIMARY');
      const secondary = recs.filter((r) => role(r) === 'SECONDARY');
      if (primary.some(healthy)) return primary;
      if (secondary.some(healthy)) return secondary;
      return [...recs];
    }
    case 'geolocation': {
      const matching = recs.map((r) => [r, specificity(r, user)] as const).filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]).map(([r]) => r);
      const first = matching.find(healthy);
      return first ? [first] : matching;
    }
  }
}

/** How specifically a geolocation record matches a user: 4 subdivision, 3 country, 2 continent, 1 default, 0 not at all. */
export function specificity(r: DnsRecord, user: R53User): number {
  if (r.routing.kind !== 'geolocation') return 0;
  const g = r.routing as { continent?: string; country?: string; subdivision?: string };
  if (g.country === '*') return 1;
  if (g.subdivision !== undefined) return g.country === user.country && g.subdivision === user.subdivision ? 4 : 0;
  if (g.country !== undefined) return g.country === user.country ? 3 : 0;
  if (g.continent !== undefined) return g.continent === user.continent ? 2 : 0;
  return 0;
}

let everyone: R53User[] | undefined;

/** Every location Route 53 can place a user in: each country, each US state, and nowhere. */
export function allUsers(): readonly R53User[] {
  if (everyone) return everyone;
  const users: R53User[] = [{}];
  for (const country of ROUTE53_COUNTRIES) {
    const continent = continentOfCountry(country)!;
    users.push({ continent, country });
    for (const subdivision of ROUTE53_SUBDIVISIONS[country] ?? []) users.push({ continent, country, subdivision });
  }
  everyone = users;
  return users;
}

/**
 * One user per distinct way the given records can match: a user's answers
 * depend only on which geolocation records match it, so users that match the
 * same records are answered alike.
 */
export function representativeUsers(records: readonly DnsRecord[]): R53User[] {
  const geo = records.filter((r) => r.routing.kind === 'geolocation');
  const seen = new Map<string, R53User>();
  for (const u of allUsers()) {
    const key = geo.map((r) => specificity(r, u)).join(',') + `|${u.continent ?? ''}`;
    if (!seen.has(key)) seen.set(key, u);
  }
  return [...seen.values()];
}

/** Whether the user lies in a geolocation rule's location (a default rule's users are decided by the other rules). */
export function inLocation(user: R53User, location: { readonly kind: string; readonly code: string; readonly subdivision?: string }): boolean {
  switch (location.kind) {
    case 'continent': return user.continent === location.code;
    case 'country': return user.country === location.code;
    case 'subdivision': return user.country === location.code && user.subdivision === location.subdivision;
    default: return false;
  }
}

/** Sets of unhealthy clusters to try: all of them when there are few clusters, else `sample` random ones plus none and all. */
export function healthCombinations(clusters: readonly string[], sample = 256, seed = 1): Set<string>[] {
  if (clusters.length <= 8) {
    return Array.from({ length: 2 ** clusters.length }, (_, mask) => new Set(clusters.filter((_, i) => (mask >> i) & 1)));
  }
  let s = seed;
  const random = () => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s / 2 ** 32; };
  const combos = [new Set<string>(), new Set(clusters)];
  for (let i = 0; i < sample; i++) combos.push(new Set(clusters.filter(() => random() < 0.5)));
  return combos;
}
