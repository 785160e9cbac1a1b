/**
 * Route 53 record trees. Route 53 combines routing policies only through
 * alias records that point at other record names: a geolocation record
 * aliases a name that holds latency records, whose records alias each
 * cluster's leaf name, which aliases the cluster's ALB. This module builds
 * those trees from a routing policy over a set of clusters. Pure.
 *
 * Names, all one label under the served host name, so one wildcard
 * certificate per region covers them:
 * - leaf of cluster C in tree T: `C.host` (`C-T.host` for a route's tree);
 * - subtree L (a geolocation rule's or a failover group's): `L.host` (`T-L.host`).
 *
 * Residency: a geolocation rule bound to a zone aliases its subtree without
 * evaluating target health and without a health check, so Route 53 never falls
 * back to a larger region or to the default record for the zone's users; inside
 * the subtree, health checks pick among the zone's clusters, and when every one
 * is unhealthy Route 53 answers as if all were healthy — still in the zone.
 */

/** How a record is chosen among those of its name. */
export type RecordRouting =
  | { readonly kind: 'simple' }
  | { readonly kind: 'latency'; readonly region: string }
  | { readonly kind: 'weighted'; readonly weight: number }
  | { readonly kind: 'failover'; readonly role: 'PRIMARY' | 'SECONDARY' }
  | { readonly kind: 'geolocation'; readonly continent?: string; readonly country?: string };

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

/** A routing policy resolved to cluster ids (see `RoutingPolicy`). */
export type TreeRouting =
  | { readonly kind: 'latency' }
  | { readonly kind: 'weighted'; readonly weights: readonly { readonly clusterId: string; readonly weight: number }[] }
  | { readonly kind: 'failover'; readonly primary: readonly string[]; readonly secondary: readonly string[]; readonly inner: TreeRouting }
  | { readonly kind: 'geolocation'; readonly rules: readonly TreeGeoRule[] };

/** A geolocation rule resolved to cluster ids. */
export interface TreeGeoRule {
  readonly location: { readonly kind: 'continent' | 'country' | 'default'; readonly code: string };
  /** The zone that holds this rule's answers, if any. */
  readonly zone?: string;
  readonly clusters: readonly string[];
  readonly inner: TreeRouting;
}

/** What a tree is built over. */
export interface TreeInput {
  /** The name users (or CloudFront) resolve: the host name, or a route's origin name. */
  readonly name: string;
  /** The host name every generated name sits under. */
  readonly host: string;
  /** The tree's short name, prefixed to its generated labels; empty for the host name's own tree. */
  readonly slug: string;
  /** Target clusters, by id, with their regions. */
  readonly clusters: readonly { readonly id: string; readonly region: string }[];
  readonly routing: TreeRouting;
}

/** A built tree: every record and the leaves they end in. */
export interface DnsTree {
  readonly name: string;
  readonly records: readonly DnsRecord[];
  readonly leaves: readonly DnsLeaf[];
}

/** The leaf name of `clusterId` in a tree. */
export function leafName(input: Pick<TreeInput, 'host' | 'slug'>, clusterId: string): string {
  return `${clusterId}${input.slug ? `-${input.slug}` : ''}.${input.host}`;
}

/** Builds the record tree of `input`. */
export function buildDnsTree(input: TreeInput): DnsTree {
  const regionOf = new Map(input.clusters.map((c) => [c.id, c.region]));
  const records: DnsRecord[] = [];
  const leaves = new Map<string, DnsLeaf>();
  const leaf = (id: string): string => {
    const name = leafName(input, id);
    if (!leaves.has(id)) leaves.set(id, { name, clusterId: id, region: regionOf.get(id) ?? '' });
    return name;
  };
  const subtree = (label: string) => `${input.slug ? `${input.slug}-` : ''}${label}.${input.host}`;

  /** Records at `name` choosing among `ids` by `routing`; returns nothing (records are pushed). */
  const build = (name: string, ids: readonly string[], routing: TreeRouting): void => {
    if (ids.length === 1 && routing.kind !== 'weighted' && routing.kind !== 'geolocation') {
      records.push({ name, routing: { kind: 'simple' }, target: leaf(ids[0]), evaluateTargetHealth: true, healthCheckOf: leaf(ids[0]) });
      return;
    }
    switch (routing.kind) {
      case 'latency':
        for (const id of ids) {
          records.push({ name, setIdentifier: id, routing: { kind: 'latency', region: regionOf.get(id)! }, target: leaf(id), evaluateTargetHealth: true, healthCheckOf: leaf(id) });
        }
        return;
      case 'weighted':
        for (const w of routing.weights.filter((x) => ids.includes(x.clusterId))) {
          records.push({ name, setIdentifier: w.clusterId, routing: { kind: 'weighted', weight: w.weight }, target: leaf(w.clusterId), evaluateTargetHealth: true, healthCheckOf: leaf(w.clusterId) });
        }
        return;
      case 'failover':
        for (const [role, group] of [['PRIMARY', routing.primary], ['SECONDARY', routing.secondary]] as const) {
          const members = group.filter((id) => ids.includes(id));
          if (members.length === 0) continue;
          const target = members.length === 1 ? leaf(members[0]) : subtree(role.toLowerCase());
          if (members.length > 1) build(target, members, routing.inner);
          records.push({
            name, setIdentifier: role.toLowerCase(), routing: { kind: 'failover', role }, target, evaluateTargetHealth: true,
            ...(members.length === 1 ? { healthCheckOf: target } : {}),
          });
        }
        return;
      case 'geolocation':
        for (const rule of routing.rules) {
          const members = rule.clusters.filter((id) => ids.includes(id));
          if (members.length === 0) continue;
          const label = rule.location.kind === 'default' ? 'geo-default' : `geo-${rule.location.code.toLowerCase()}`;
          const target = members.length === 1 ? leaf(members[0]) : subtree(label);
          if (members.length > 1) build(target, members, rule.inner);
          const where = rule.location.kind === 'continent' ? { continent: rule.location.code }
            : rule.location.kind === 'country' ? { country: rule.location.code } : { country: '*' };
          // A zone's rule never lets Route 53 fall back out of the zone: its health is not evaluated.
          const bound = rule.zone !== undefined;
          records.push({
            name, setIdentifier: label, routing: { kind: 'geolocation', ...where }, target, evaluateTargetHealth: !bound,
            ...(members.length === 1 && !bound ? { healthCheckOf: target } : {}),
          });
        }
    }
  };
  build(input.name, input.clusters.map((c) => c.id), input.routing);
  return { name: input.name, records, leaves: [...leaves.values()].sort((a, b) => (a.name < b.name ? -1 : 1)) };
}

/**
 * Every leaf a user can be answered with starting at `name`, for a country on
 * a continent, whatever the health of the clusters: geolocation picks the most
 * specific matching rule and falls back (country → continent → default) only
 * where a record evaluates health; other policies may answer with any record.
 */
export function reachableLeaves(tree: DnsTree, name: string, user: { readonly country: string; readonly continent: string }): Set<string> {
  const leafNames = new Set(tree.leaves.map((l) => l.name));
  const out = new Set<string>();
  const visit = (n: string): void => {
    if (leafNames.has(n)) {
      out.add(n);
      return;
    }
    const here = tree.records.filter((r) => r.name === n);
    const geo = here.filter((r) => r.routing.kind === 'geolocation');
    if (geo.length === 0) {
      for (const r of here) visit(r.target);
      return;
    }
    const match = (r: DnsRecord) => {
      const g = r.routing as { continent?: string; country?: string };
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
