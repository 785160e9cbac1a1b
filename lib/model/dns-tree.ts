/**
 * Route 53 record trees. Route 53 combines routing policies only through
 * alias records that point at other record names: a geolocation record
 * aliases a name that holds latency records, whose records alias each
 * cluster's leaf name, which aliases the cluster's ALB. This module builds
 * those trees from a routing policy over a set of clusters. Pure.
 *
 * Every node of the routing tree gets a name of its own, derived from its
 * position (see dns-names.ts), and the records of a node get set identifiers
 * from their place in it (the cluster, `primary`/`secondary`, the rule's
 * location), so no two records share a name and set identifier and no name
 * mixes two policies.
 *
 * Residency: a geolocation rule bound to a zone aliases its subtree without
 * evaluating target health and without a health check, so Route 53 never falls
 * back to a larger region or to the default record for the zone's users; inside
 * the subtree, health checks pick among the zone's clusters, and when every one
 * is unhealthy Route 53 answers as if all were healthy — still in the zone.
 */
import type { GeoLocationKind } from '../geo-location';
import { branchName, geoSegment, leafName, TreeNaming, treeRootName } from './dns-names';

/** How a record is chosen among those of its name. */
export type RecordRouting =
  | { readonly kind: 'simple' }
  | { readonly kind: 'latency'; readonly region: string }
  | { readonly kind: 'weighted'; readonly weight: number }
  | { readonly kind: 'failover'; readonly role: 'PRIMARY' | 'SECONDARY' }
  | { readonly kind: 'geolocation'; readonly continent?: string; readonly country?: string; readonly subdivision?: string };

/** One alias record. */
export interface DnsRecord {
  /** Fully qualified name, without the trailing dot. */
  readonly name: string;
  /** Unique among the records of `name` (Route 53 requires one when a name has several). */
  readonly setIdentifier?: string;
  readonly routing: RecordRouting;
  /** The name it aliases: a leaf or a subtree. */
  readonly target: string;
  /** Whether Route 53 looks at the target's health. */
  readonly evaluateTargetHealth: boolean;
  /** The leaf whose health check this record carries, when it aliases a leaf and health decides. */
  readonly healthCheckOf?: string;
}

/** A cluster's leaf: an alias of its ALB, probed by its own health check. */
export interface DnsLeaf {
  readonly name: string;
  readonly clusterId: string;
  readonly region: string;
}

/** A geolocation location in a resolved policy. */
export interface TreeLocation {
  readonly kind: GeoLocationKind;
  /** Continent or country code; `*` for the default. */
  readonly code: string;
  /** The subdivision code, for a subdivision. */
  readonly subdivision?: string;
}

/** A routing policy resolved to cluster ids (see `RoutingPolicy`). */
export type TreeRouting =
  | { readonly kind: 'latency' }
  | { readonly kind: 'weighted'; readonly weights: readonly { readonly clusterId: string; readonly weight: number }[] }
  | { readonly kind: 'failover'; readonly primary: readonly string[]; readonly secondary: readonly string[]; readonly inner: TreeRouting }
  | { readonly kind: 'geolocation'; readonly rules: readonly TreeGeoRule[] };

/** A geolocation rule resolved to cluster ids. */
export interface TreeGeoRule {
  readonly location: TreeLocation;
  /** The zone that holds this rule's answers, if any. */
  readonly zone?: string;
  readonly clusters: readonly string[];
  readonly inner: TreeRouting;
}

/** What a tree is built over. */
export interface TreeInput {
  /** How the tree names its nodes: the host name, and the route for a route's tree. */
  readonly naming: TreeNaming;
  /**
   * Target clusters, by id, with their regions and the stems of their names
   * (`names.resource`: the id, or for a renamed cluster the id the address
   * lock first recorded, so a rename changes no record). The stem defaults to the id.
   */
  readonly clusters: readonly { readonly id: string; readonly region: string; readonly stem?: string }[];
  readonly routing: TreeRouting;
}

/** A built tree: every record and the leaves they end in. */
export interface DnsTree {
  /** The name users (or CloudFront) resolve: the host name, or a route's origin name. */
  readonly name: string;
  /** Records in creation order: a name's records after those of every name they alias. */
  readonly records: readonly DnsRecord[];
  readonly leaves: readonly DnsLeaf[];
}

/** A geolocation record's location, as Route 53 takes it (`*` as the country of the default). */
function geoRouting(location: TreeLocation): RecordRouting {
  switch (location.kind) {
    case 'continent': return { kind: 'geolocation', continent: location.code };
    case 'country': return { kind: 'geolocation', country: location.code };
    case 'subdivision': return { kind: 'geolocation', country: location.code, subdivision: location.subdivision };
    default: return { kind: 'geolocation', country: '*' };
  }
}

/** Builds the record tree of `input`. */
export function buildDnsTree(input: TreeInput): DnsTree {
  const n = input.naming;
  const regionOf = new Map(input.clusters.map((c) => [c.id, c.region]));
  const stemOf = new Map(input.clusters.map((c) => [c.id, c.stem ?? c.id]));
  const stem = (id: string): string => stemOf.get(id) ?? id;
  const records: DnsRecord[] = [];
  const leaves = new Map<string, DnsLeaf>();
  const leaf = (id: string): string => {
    const name = leafName(n, stem(id));
    if (!leaves.has(id)) leaves.set(id, { name, clusterId: id, region: regionOf.get(id) ?? '' });
    return name;
  };
  /**
   * The target of a group: its one cluster's leaf, or a branch built below
   * `segments`; undefined when the branch would hold no record (a nested
   * policy names none of the group's clusters: a rule refuses that), so no
   * record ever aliases an empty name.
   */
  const group = (segments: readonly string[], members: readonly string[], routing: TreeRouting): string | undefined => {
    if (members.length === 1) return leaf(members[0]);
    const name = branchName(n, segments);
    const before = records.length;
    build(name, segments, members, routing);
    return records.length > before ? name : undefined;
  };

  /** Records at `name` (the node at `segments`) choosing among `ids` by `routing`. */
  const build = (name: string, segments: readonly string[], ids: readonly string[], routing: TreeRouting): void => {
    if (ids.length === 1 && routing.kind !== 'weighted' && routing.kind !== 'geolocation') {
      records.push({ name, routing: { kind: 'simple' }, target: leaf(ids[0]), evaluateTargetHealth: true, healthCheckOf: leaf(ids[0]) });
      return;
    }
    switch (routing.kind) {
      case 'latency':
        for (const id of ids) {
          records.push({ name, setIdentifier: stem(id), routing: { kind: 'latency', region: regionOf.get(id)! }, target: leaf(id), evaluateTargetHealth: true, healthCheckOf: leaf(id) });
        }
        return;
      case 'weighted':
        for (const w of routing.weights.filter((x) => ids.includes(x.clusterId))) {
          records.push({ name, setIdentifier: stem(w.clusterId), routing: { kind: 'weighted', weight: w.weight }, target: leaf(w.clusterId), evaluateTargetHealth: true, healthCheckOf: leaf(w.clusterId) });
        }
        return;
      case 'failover':
        for (const [role, members] of [['PRIMARY', routing.primary], ['SECONDARY', routing.secondary]] as const) {
          const here = members.filter((id) => ids.includes(id));
          if (here.length === 0) continue;
          const segment = role.toLowerCase();
          const target = group([...segments, segment], here, routing.inner);
          if (target === undefined) continue;
          records.push({
            name, setIdentifier: segment, routing: { kind: 'failover', role }, target, evaluateTargetHealth: true,
            ...(here.length === 1 ? { healthCheckOf: target } : {}),
          });
        }
        return;
      case 'geolocation':
        for (const rule of routing.rules) {
          const here = rule.clusters.filter((id) => ids.includes(id));
          if (here.length === 0) continue;
          const segment = geoSegment(rule.location);
          const target = group([...segments, segment], here, rule.inner);
          if (target === undefined) continue;
          // A zone's rule never lets Route 53 fall back out of the zone: its health is not evaluated.
          const bound = rule.zone !== undefined;
          records.push({
            name, setIdentifier: segment, routing: geoRouting(rule.location), target, evaluateTargetHealth: !bound,
            ...(here.length === 1 && !bound ? { healthCheckOf: target } : {}),
          });
        }
    }
  };
  const name = treeRootName(n);
  build(name, [], input.clusters.map((c) => c.id), input.routing);
  return { name, records, leaves: [...leaves.values()].sort((a, b) => (a.name < b.name ? -1 : 1)) };
}

/** Where a user is, as Route 53 locates a resolver. */
export interface DnsUser {
  readonly country: string;
  readonly continent: string;
  /** A state, for a user in the United States Route 53 places in one. */
  readonly subdivision?: string;
}

/**
 * Every leaf a user can be answered with starting at `name`, for a country on
 * a continent, whatever the health of the clusters: geolocation picks the most
 * specific matching rule and falls back (subdivision → country → continent →
 * default) only where a record evaluates health; other policies may answer
 * with any record.
 */
export function reachableLeaves(tree: Pick<DnsTree, 'records' | 'leaves'>, name: string, user: DnsUser): Set<string> {
  const leafNames = new Set(tree.leaves.map((l) => l.name));
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (n: string): void => {
    if (leafNames.has(n)) {
      out.add(n);
      return;
    }
    if (seen.has(n)) return;
    seen.add(n);
    const here = tree.records.filter((r) => r.name === n);
    const geo = here.filter((r) => r.routing.kind === 'geolocation');
    if (geo.length === 0) {
      for (const r of here) visit(r.target);
      return;
    }
    const match = (r: DnsRecord) => {
      const g = r.routing as { continent?: string; country?: string; subdivision?: string };
      if (g.subdivision !== undefined) return g.country === user.country && g.subdivision === user.subdivision ? 4 : 0;
      return g.country === user.country ? 3 : g.continent === user.continent ? 2 : g.country === '*' ? 1 : 0;
    };
    // Most specific first; move on to the next only while the current one may be skipped as unhealthy.
    for (const r of geo.filter((x) => match(x) > 0).sort((a, b) => match(b) - match(a))) {
      visit(r.target);
      if (!r.evaluateTargetHealth) break;
    }
  };
  visit(name);
  return out;
}
