/**
 * What must hold of the Route 53 records of every fleet fleetform accepts,
 * checked on the records as the binding registers them (each tree's alias
 * records, and one leaf record per tree and cluster aliasing its ALB):
 *
 * - every (name, set identifier) once; a name holding several records gives
 *   each a set identifier and uses one routing policy; a simple record stands alone;
 * - every name belongs to one tree of one load balancer: no leaf, origin or
 *   branch of one is a name of another, nor another load balancer's host name;
 * - names of at most 253 characters in labels of 1 to 63 letters, digits and '-';
 * - every alias points at a name that exists, without loops;
 * - residency: whatever the health of the clusters, a residency app's names
 *   answer only from its zone, and a user inside the location of a
 *   zone-bound geolocation rule is answered only from that zone (or from the
 *   zone of a more specific rule bound to another zone).
 */
import type { DnsRecord, ResolvedFleet, ResolvedLoadBalancer } from '../../lib';
import { answers, healthCombinations, inLocation, NO_ANSWER, R53User, representativeUsers, specificity } from './route53';

/** One problem found, in words. */
export type Violation = string;

/** Every violation of the rules above in an accepted fleet. */
export function soundnessViolations(fleet: ResolvedFleet, options: { healthSample?: number } = {}): Violation[] {
  const out: Violation[] = [];
  const owner = new Map<string, string>(); // name → "lb/tree (kind)"
  const records: DnsRecord[] = [];
  const leaves = new Map<string, string>();
  const claim = (name: string, who: string) => {
    const had = owner.get(name);
    if (had !== undefined && had !== who) out.push(`name ${name} is both ${had} and ${who}`);
    owner.set(name, who);
  };
  for (const lb of fleet.loadBalancers) {
    for (const t of lb.trees) {
      const tree = `${lb.name}/${t.path ?? 'main'}`;
      for (const l of t.leaves) {
        claim(l.name, `leaf ${l.clusterId} of ${tree}`);
        leaves.set(l.name, l.clusterId);
      }
      for (const r of t.records) {
        claim(r.name, `records of ${tree}`);
        records.push(r);
      }
    }
    if (lb.edge === 'cloudfront') claim(lb.hostname, `CloudFront alias of ${lb.name}`);
  }
  for (const lb of fleet.loadBalancers) {
    const had = owner.get(lb.hostname);
    if (had !== undefined && !had.includes(`${lb.name}/`) && !had.endsWith(` ${lb.name}`)) out.push(`host name of ${lb.name} is ${had}`);
  }
  out.push(...recordSetViolations(records, leaves));
  for (const name of [...owner.keys()]) out.push(...nameViolations(name));
  const zone = { records, leaves };
  for (const lb of fleet.loadBalancers) out.push(...residencyViolations(fleet, lb, zone, options.healthSample ?? 256));
  return out;
}

function recordSetViolations(records: readonly DnsRecord[], leaves: ReadonlyMap<string, string>): Violation[] {
  const out: Violation[] = [];
  const byName = new Map<string, DnsRecord[]>();
  for (const r of records) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  for (const [name, rs] of byName) {
    if (leaves.has(name)) out.push(`${name} is a leaf and also holds ${rs.length} routing records`);
    const kinds = new Set(rs.map((r) => r.routing.kind));
    if (kinds.size > 1) out.push(`${name} mixes routing policies: ${[...kinds].join(', ')}`);
    if (rs.length > 1) {
      if (kinds.has('simple')) out.push(`${name} holds a simple record beside others`);
      const ids = rs.map((r) => r.setIdentifier);
      if (ids.some((id) => id === undefined || id.length === 0 || id.length > 128)) out.push(`${name} has a record without a valid set identifier`);
      const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
      if (dup.length > 0) out.push(`${name} repeats set identifier ${dup.join(', ')}`);
    }
    for (const r of rs) {
      if (!leaves.has(r.target) && !byName.has(r.target)) out.push(`${name} aliases ${r.target}, which does not exist`);
      if (r.healthCheckOf !== undefined && !leaves.has(r.healthCheckOf)) out.push(`${name} carries the health check of ${r.healthCheckOf}, which is not a leaf`);
    }
  }
  // Loops: a depth-first walk of the aliases; a name met again while still on the path closes a loop.
  const state = new Map<string, 'open' | 'done'>();
  const walk = (n: string, path: string[]): void => {
    const s = state.get(n);
    if (s === 'done') return;
    if (s === 'open') {
      out.push(`alias loop ${[...path.slice(path.indexOf(n)), n].join(' -> ')}`);
      return;
    }
    state.set(n, 'open');
    for (const r of byName.get(n) ?? []) walk(r.target, [...path, n]);
    state.set(n, 'done');
  };
  for (const n of byName.keys()) walk(n, []);
  return out;
}

function nameViolations(name: string): Violation[] {
  const out: Violation[] = [];
  if (name.length > 253) out.push(`${name} is ${name.length} characters long (at most 253)`);
  for (const label of name.split('.')) {
    if (label.length === 0 || label.length > 63) out.push(`${name} has a label of ${label.length} characters (1 to 63)`);
    else if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(label)) out.push(`${name} has label "${label}", not letters, digits and '-'`);
  }
  return out;
}

function residencyViolations(fleet: ResolvedFleet, lb: ResolvedLoadBalancer, zone: { records: DnsRecord[]; leaves: Map<string, string> }, sample: number): Violation[] {
  const out: Violation[] = [];
  const zones = new Map(fleet.zones.map((z) => [z.name, new Set(z.clusters)]));
  for (const t of lb.trees) {
    const bound = t.routing.kind === 'geolocation' ? t.routing.rules.filter((r) => r.zone !== undefined) : [];
    if (t.residency === undefined && bound.length === 0) continue;
    const users = representativeUsers(t.records);
    const rootRules = t.records.filter((r) => r.name === t.name && r.routing.kind === 'geolocation');
    for (const unhealthy of healthCombinations(t.clusters, sample)) {
      for (const user of users) {
        const allowed = allowedZone(t.residency, t.routing, rootRules, user);
        if (allowed === undefined) continue;
        const members = zones.get(allowed) ?? new Set<string>();
        for (const answer of answers(zone, t.name, user, unhealthy)) {
          if (answer === NO_ANSWER && t.routing.kind !== 'geolocation') out.push(`${t.name} gives no answer to ${describeUser(user)}`);
          if (answer !== NO_ANSWER && !members.has(answer)) {
            out.push(`${t.name} answers ${describeUser(user)} from ${answer}, outside zone ${allowed}, when ${[...unhealthy].sort().join(', ') || 'nothing'} is unhealthy`);
          }
        }
      }
      if (out.length > 0) return out;
    }
  }
  return out;
}

/**
 * The zone a user's answers must come from on a tree: the residency app's
 * zone; else that of the most specific zone-bound rule of the tree's
 * top geolocation policy whose location holds the user (the default rule
 * holds those no other rule matches); else none.
 */
function allowedZone(residency: string | undefined, routing: ResolvedLoadBalancer['trees'][number]['routing'], rootRules: readonly DnsRecord[], user: R53User): string | undefined {
  if (residency !== undefined) return residency;
  if (routing.kind !== 'geolocation') return undefined;
  const rank = (kind: string) => ({ subdivision: 4, country: 3, continent: 2, default: 1 } as Record<string, number>)[kind] ?? 0;
  const matchesOther = rootRules.some((r) => specificity(r, user) > 1);
  const holding = routing.rules.filter((r) => r.zone !== undefined && (r.location.kind === 'default' ? !matchesOther : inLocation(user, r.location)));
  holding.sort((a, b) => rank(b.location.kind) - rank(a.location.kind));
  return holding[0]?.zone;
}

function describeUser(u: R53User): string {
  return u.country ? `a user in ${u.country}${u.subdivision ? `-${u.subdivision}` : ''} (${u.continent})` : 'a user Route 53 cannot place';
}
