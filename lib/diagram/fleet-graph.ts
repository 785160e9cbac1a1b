/**
 * The fleet as a graph: regions holding clusters, GDPR zones and their
 * members, global load balancers with their path routes and the Route 53
 * decisions that lead to each cluster. One model, drawn by two renderers
 * (Mermaid and Graphviz DOT), so the two pictures cannot drift. Pure.
 *
 * The routing part is drawn from the records the load balancer registers,
 * not from the policy as written: a name with records is a decision (its
 * policy), each record an edge to the name it aliases, a cluster's leaf the
 * cluster itself. So the picture shows what Route 53 will answer.
 *
 * Stable by construction: node ids come from names (cluster ids, zone and
 * load balancer names, record names), never from positions, and every list is
 * sorted; adding a cluster adds nodes and edges and changes none.
 */
import { AWS_REGION_CATALOGUE } from '../catalog/aws-regions';
import { geoSegment } from '../model/dns-names';
import type { DnsRecord, RecordRouting } from '../model/dns-tree';
import type { LoadBalancerTree, ResolvedCluster, ResolvedFleet, ResolvedLoadBalancer } from '../model/resolved';
import { byCodeUnit } from '../naming';
import type { FleetAssembly } from '../synth/assembly';

/** A cluster: one EKS cluster, with its environment and the apps placed on it. */
export interface ClusterGraphNode {
  readonly kind: 'cluster';
  readonly id: string;
  readonly clusterId: string;
  readonly region: string;
  readonly environment: string;
  readonly kubernetesVersion: string;
  readonly tenancy: 'shared' | 'dedicated';
  readonly lifecycle: 'active' | 'decommissioning';
  /** Apps on the cluster, sorted. */
  readonly apps: readonly string[];
  /** The label, line by line. */
  readonly lines: readonly string[];
}

/** A GDPR zone; `member` edges lead to its clusters. */
export interface ZoneGraphNode {
  readonly kind: 'zone';
  readonly id: string;
  readonly zone: string;
  readonly lines: readonly string[];
}

/** A global load balancer: its host name; for a load balancer without routes, also the first routing decision. */
export interface LoadBalancerGraphNode {
  readonly kind: 'loadBalancer';
  readonly id: string;
  readonly name: string;
  readonly hostname: string;
  readonly edge: 'dns' | 'cloudfront';
  /** The policy of the host name's records, for a load balancer without routes. */
  readonly policy?: GraphPolicy;
  readonly lines: readonly string[];
}

/** A path route of a load balancer: its origin name, and the first routing decision of its tree. */
export interface RouteGraphNode {
  readonly kind: 'route';
  readonly id: string;
  readonly loadBalancer: string;
  readonly path: string;
  readonly app: string;
  /** The origin's DNS name. */
  readonly name: string;
  readonly policy: GraphPolicy;
  readonly lines: readonly string[];
}

/** A routing decision below the top of a tree: a geolocation rule's or failover group's branch. */
export interface PolicyGraphNode {
  readonly kind: 'policy';
  readonly id: string;
  /** The branch's DNS name. */
  readonly name: string;
  readonly policy: GraphPolicy;
  readonly lines: readonly string[];
}

/** How a name's records are chosen. */
export type GraphPolicy = RecordRouting['kind'];

export type FleetGraphNode = ClusterGraphNode | ZoneGraphNode | LoadBalancerGraphNode | RouteGraphNode | PolicyGraphNode;

/** An edge: a load balancer's route, a record (a decision's answer), or a zone's member. */
export interface FleetGraphEdge {
  readonly kind: 'route' | 'record' | 'member';
  readonly from: string;
  readonly to: string;
  /** The record's choice: `continent EU (zone eu)`, `default`, `primary`, `weight 90`; none for latency and simple records. */
  readonly label?: string;
}

/** A region and the ids of its cluster nodes. */
export interface RegionGroup {
  readonly id: string;
  readonly region: string;
  /** `eu-west-1 · Ireland`. */
  readonly label: string;
  readonly clusters: readonly string[];
}

/** The fleet as a graph, in drawing order. */
export interface FleetGraph {
  readonly fleet: string;
  /** Load balancers with their routes and decisions (by load balancer, then tree order), then zones; clusters are in `regions`. */
  readonly nodes: readonly FleetGraphNode[];
  /** Sorted by region. */
  readonly regions: readonly RegionGroup[];
  /** Each load balancer's edges in tree order, then zone members by zone. */
  readonly edges: readonly FleetGraphEdge[];
}

/**
 * A Mermaid- and DOT-safe identifier for a name of a kind, the same for the
 * same name and different for different names: the kind, then for a plain
 * name (lowercase words joined by single `-` or `.`, as cluster ids and DNS
 * names are) the name with `-` as `_` and `.` as `__`; for any other name,
 * lowercase letters and digits kept and every other character as `X<hex>X`
 * (a plain name's id never holds an uppercase letter, so the two never meet).
 */
export function graphId(kind: 'cluster' | 'region' | 'zone' | 'lb' | 'dns', name: string): string {
  if (/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/.test(name)) return `${kind}_${name.replace(/\./g, '__').replace(/-/g, '_')}`;
  let out = '';
  for (const ch of name) out += /[a-z0-9]/.test(ch) ? ch : `X${ch.codePointAt(0)!.toString(16).toUpperCase()}X`;
  return `${kind}_${out}`;
}

/** The graph of an assembled fleet. */
export function fleetGraph(assembly: FleetAssembly): FleetGraph {
  return graphOf(assembly.fleet);
}

function graphOf(fleet: ResolvedFleet): FleetGraph {
  const nodes: FleetGraphNode[] = [];
  const edges: FleetGraphEdge[] = [];
  const known = new Set(fleet.clusters.map((c) => c.id));
  for (const lb of [...fleet.loadBalancers].sort((a, b) => byCodeUnit(a.name, b.name))) loadBalancer(lb, known, nodes, edges);
  for (const zone of [...fleet.zones].sort((a, b) => byCodeUnit(a.name, b.name))) {
    const id = graphId('zone', zone.name);
    nodes.push({ kind: 'zone', id, zone: zone.name, lines: [`GDPR zone ${zone.name}`] });
    for (const c of [...zone.clusters].sort(byCodeUnit)) if (known.has(c)) edges.push({ kind: 'member', from: id, to: graphId('cluster', c) });
  }
  const byRegion = new Map<string, ClusterGraphNode[]>();
  for (const c of [...fleet.clusters].sort((a, b) => byCodeUnit(a.id, b.id))) {
    const list = byRegion.get(c.region) ?? [];
    list.push(clusterNode(c));
    byRegion.set(c.region, list);
  }
  const regions = [...byRegion.keys()].sort(byCodeUnit).map((region): RegionGroup => {
    const location = AWS_REGION_CATALOGUE.get(region)?.location;
    return { id: graphId('region', region), region, label: location ? `${region} · ${location}` : region, clusters: byRegion.get(region)!.map((n) => n.id) };
  });
  nodes.push(...regions.flatMap((r) => byRegion.get(r.region)!));
  return { fleet: fleet.fleet.name, nodes, regions, edges };
}

function clusterNode(c: ResolvedCluster): ClusterGraphNode {
  const apps = c.apps.map((a) => a.name).sort(byCodeUnit);
  const facts = [c.environment, `k8s ${c.kubernetesVersion}`];
  if (c.tenancy === 'dedicated') facts.push('dedicated');
  if (c.lifecycle === 'decommissioning') facts.push('decommissioning');
  return {
    kind: 'cluster', id: graphId('cluster', c.id), clusterId: c.id, region: c.region, environment: c.environment,
    kubernetesVersion: c.kubernetesVersion, tenancy: c.tenancy, lifecycle: c.lifecycle, apps,
    lines: [c.id, facts.join(' · '), apps.length > 0 ? `apps: ${apps.join(', ')}` : 'no apps'],
  };
}

/** A load balancer's node, its routes' nodes, its decisions, and their edges. */
function loadBalancer(lb: ResolvedLoadBalancer, known: ReadonlySet<string>, nodes: FleetGraphNode[], edges: FleetGraphEdge[]): void {
  const lbId = graphId('lb', lb.name);
  const own = lb.trees.find((t) => t.slug === '');
  const ownPolicy = own ? policyOf(own.records, own.name) : undefined;
  const lines = [lb.name, lb.hostname, lb.edge === 'cloudfront' ? 'CloudFront path routes' : `Route 53 · ${ownPolicy ?? 'no records'}`];
  if (lb.lifecycle === 'decommissioning') lines.push('decommissioning');
  nodes.push({ kind: 'loadBalancer', id: lbId, name: lb.name, hostname: lb.hostname, edge: lb.edge, ...(ownPolicy ? { policy: ownPolicy } : {}), lines });
  for (const tree of lb.trees) {
    let root = lbId;
    if (tree !== own) {
      root = graphId('dns', tree.name);
      const policy = policyOf(tree.records, tree.name) ?? 'simple';
      const path = tree.path ?? '';
      nodes.push({ kind: 'route', id: root, loadBalancer: lb.name, path, app: tree.app, name: tree.name, policy, lines: [`${path} → ${tree.app}`, policy] });
      edges.push({ kind: 'route', from: lbId, to: root });
    }
    treeEdges(tree, root, known, nodes, edges);
  }
}

/** The policy of the records at `name`, or undefined when it has none. */
function policyOf(records: readonly DnsRecord[], name: string): GraphPolicy | undefined {
  return records.find((r) => r.name === name)?.routing.kind;
}

/** The decisions below a tree's top and an edge per record, walked from the top so the order follows the tree. */
function treeEdges(tree: LoadBalancerTree, rootId: string, known: ReadonlySet<string>, nodes: FleetGraphNode[], edges: FleetGraphEdge[]): void {
  const leafCluster = new Map(tree.leaves.map((l) => [l.name, l.clusterId]));
  const zoneOfSegment = new Map<string, string>();
  if (tree.routing.kind === 'geolocation') for (const rule of tree.routing.rules) if (rule.zone !== undefined) zoneOfSegment.set(geoSegment(rule.location), rule.zone);
  const seen = new Set<string>();
  const visit = (name: string, id: string, top: boolean): void => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const r of tree.records.filter((x) => x.name === name)) {
      const zone = top && r.setIdentifier !== undefined ? zoneOfSegment.get(r.setIdentifier) : undefined;
      const label = recordLabel(r.routing, zone);
      const clusterId = leafCluster.get(r.target);
      if (clusterId !== undefined) {
        if (known.has(clusterId)) edges.push({ kind: 'record', from: id, to: graphId('cluster', clusterId), ...(label ? { label } : {}) });
        continue;
      }
      const policy = policyOf(tree.records, r.target);
      if (policy === undefined) continue; // an alias to nothing: a rule refuses it before synth
      const target = graphId('dns', r.target);
      if (!seen.has(r.target)) nodes.push({ kind: 'policy', id: target, name: r.target, policy, lines: [policy] });
      edges.push({ kind: 'record', from: id, to: target, ...(label ? { label } : {}) });
      visit(r.target, target, false);
    }
  };
  visit(tree.name, rootId, true);
}

/** What a record's choice reads as on its edge. */
function recordLabel(routing: RecordRouting, zone: string | undefined): string | undefined {
  switch (routing.kind) {
    case 'weighted': return `weight ${routing.weight}`;
    case 'failover': return routing.role.toLowerCase();
    case 'geolocation': {
      const where = routing.subdivision !== undefined ? `${routing.country}-${routing.subdivision}`
        : routing.continent !== undefined ? `continent ${routing.continent}`
          : routing.country === '*' ? 'default' : `country ${routing.country}`;
      return zone !== undefined ? `${where} (zone ${zone})` : where;
    }
    default: return undefined;
  }
}
