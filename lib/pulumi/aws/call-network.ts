/**
 * The network of calls between apps across clusters (`FleetApp.calls`): VPC
 * peerings between each caller cluster and each cluster of the app it calls,
 * their routes (given to the clusters' route tables), security-group rules
 * admitting only the callers' pod ranges on the called port, the fleet's
 * private hosted zone associated with the callers' VPCs, and one latency
 * alias record per called app and cluster to its internal NLB.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { FleetProblem } from '../../errors';
import { privateName } from '../../model/resolve-calls';
import type { ResolvedCalls, ResolvedExposure, ResolvedLink } from '../../model/resolved-calls';
import type { ResolvedCluster, ResolvedFleet } from '../../model/resolved';
import { internalServiceName } from '../../naming';
import { appChartName } from '../../synth/app-chart';
import { answered, isText } from '../cloud-answers';
import type { ClusterManifests } from '../cluster-manifests';
import type { PeerRoute } from './cluster-network';
import type { EksCluster } from './eks-cluster';

/**
 * Problems of deploying `selected` when calls cross clusters: both clusters of each peering must be
 * in one stack (a peering and its routes are made by the stack that holds both VPCs).
 */
export function checkCallLinks(fleet: ResolvedFleet, selected: readonly ResolvedCluster[]): FleetProblem[] {
  const here = new Set(selected.map((c) => c.id));
  const problems: FleetProblem[] = [];
  for (const link of fleet.calls.links) {
    const missing = [link.a, link.b].filter((id) => !here.has(id));
    if (missing.length !== 1) continue;
    const call = fleet.calls.calls.find((c) => link.calls.includes(`${c.caller}→${c.callee}`))!;
    problems.push({
      path: call.path,
      message: `calls "${call.callee}" across clusters ${link.a} and ${link.b}, which need a VPC peering, but this deployment leaves out ${missing[0]}; deploy the clusters of a call across clusters in one stack (clusters: [${[link.a, link.b].map((id) => `"${id}"`).join(', ')}, ...])`,
    });
  }
  return problems;
}

/** A promise resolved later, for the peer routes a cluster's route tables take before its peerings exist. */
interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

/** The links of `calls` both of whose clusters are deployed here. */
function linksHere(calls: ResolvedCalls, here: ReadonlySet<string>): ResolvedLink[] {
  return calls.links.filter((l) => here.has(l.a) && here.has(l.b));
}

/**
 * The routes each deployed cluster's route tables take for its peerings, before the clusters
 * exist: a promise per cluster with links, settled by {@link CallNetwork}. Clusters without
 * links get none, and their route tables stay exactly as they were.
 */
export class PeerRoutes {
  readonly #pending = new Map<string, Deferred<PeerRoute[]>>();

  constructor(calls: ResolvedCalls, selected: readonly ResolvedCluster[]) {
    const here = new Set(selected.map((c) => c.id));
    for (const l of linksHere(calls, here)) {
      for (const id of [l.a, l.b]) if (!this.#pending.has(id)) this.#pending.set(id, deferred());
    }
  }

  /** The peer routes of cluster `id`, when it has peerings. */
  of(id: string): Promise<PeerRoute[]> | undefined {
    return this.#pending.get(id)?.promise;
  }

  /** Settles every cluster's routes (an empty list for a cluster whose peerings were not made). */
  settle(routes: ReadonlyMap<string, PeerRoute[]>): void {
    for (const [id, d] of this.#pending) d.resolve(routes.get(id) ?? []);
  }
}

/** Args of a {@link CallNetwork}. */
export interface CallNetworkArgs {
  readonly fleet: ResolvedFleet;
  /** The clusters of this stack. */
  readonly selected: readonly ResolvedCluster[];
  /** Cluster id → its EKS cluster component (the deployed ones). */
  readonly clusters: Readonly<Record<string, EksCluster>>;
  /** The promises the route tables wait on. */
  readonly peerRoutes: PeerRoutes;
  /** Region → its AWS provider. */
  readonly region: (region: string) => aws.Provider;
  /** The provider of global services (Route 53). */
  readonly global: aws.Provider;
}

/** The peerings, security-group rules and private hosted zone of the fleet's calls across clusters. */
export class CallNetwork extends pulumi.ComponentResource {
  /** `a`/`b` (cluster ids) → the peering connection. */
  readonly peerings: Record<string, aws.ec2.VpcPeeringConnection> = {};
  readonly rules: aws.vpc.SecurityGroupIngressRule[] = [];
  /** The private hosted zone, when a deployed cluster calls across clusters. */
  readonly zone?: aws.route53.Zone;
  readonly records: aws.route53.Record[] = [];
  readonly #args: CallNetworkArgs;

  constructor(name: string, args: CallNetworkArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:aws:CallNetwork', name, {}, opts);
    this.#args = args;
    const { fleet, clusters } = args;
    const byId = new Map(args.selected.map((c) => [c.id, c]));
    const routes = new Map<string, PeerRoute[]>();
    const addRoute = (id: string, route: PeerRoute) => routes.set(id, [...(routes.get(id) ?? []), route]);
    try {
      for (const l of linksHere(fleet.calls, new Set(byId.keys()))) {
        const [a, b] = [byId.get(l.a)!, byId.get(l.b)!];
        const crossRegion = a.region !== b.region;
        const tags = { ...a.tags, Name: `${a.names.eksCluster}-to-${b.names.eksCluster}`, 'fleetform:peer': b.id };
        const peering = new aws.ec2.VpcPeeringConnection(`${a.names.resource}-peering-${b.names.resource}`, {
          vpcId: clusters[a.id].network.vpc.id,
          peerVpcId: clusters[b.id].network.vpc.id,
          // One account: in one region the requester accepts; across regions the accepter does, in its own region.
          ...(crossRegion ? { peerRegion: b.region } : { autoAccept: true }),
          tags,
        }, { parent: this, provider: args.region(a.region) });
        // Routes name the connection once it is active: through the accepter across regions.
        const active = crossRegion
          ? new aws.ec2.VpcPeeringConnectionAccepter(`${b.names.resource}-accepts-${a.names.resource}`, {
            vpcPeeringConnectionId: peering.id,
            autoAccept: true,
            tags: { ...b.tags, Name: tags.Name, 'fleetform:peer': a.id },
          }, { parent: this, provider: args.region(b.region) }).id
          : peering.id;
        this.peerings[`${a.id}/${b.id}`] = peering;
        addRoute(a.id, { cidrBlock: b.network!.vpcCidr, vpcPeeringConnectionId: active });
        addRoute(b.id, { cidrBlock: a.network!.vpcCidr, vpcPeeringConnectionId: active });
      }
    } finally {
      // Settled whatever happens, so no route table waits for ever.
      for (const list of routes.values()) list.sort((x, y) => (x.cidrBlock < y.cidrBlock ? -1 : 1));
      args.peerRoutes.settle(routes);
    }

    for (const e of fleet.calls.exposures) {
      const c = byId.get(e.clusterId);
      if (!c) continue;
      // Managed node groups and Auto Mode nodes use the cluster security group; client addresses are preserved.
      for (const cidr of e.sourceRanges) {
        this.rules.push(new aws.vpc.SecurityGroupIngressRule(`${c.names.resource}-${e.app}-from-${cidr.replace(/[./]/g, '-')}`, {
          securityGroupId: clusters[c.id].eksCluster.vpcConfig.clusterSecurityGroupId,
          cidrIpv4: cidr,
          ipProtocol: 'tcp',
          fromPort: e.port,
          toPort: e.port,
          description: `fleetform: ${e.app} called from ${e.callerClusters.join(', ')}`,
          tags: { ...c.tags, 'fleetform:app': e.app },
        }, { parent: this, provider: args.region(c.region) }));
      }
    }

    // The zone answers in every deployed VPC a call leaves from.
    const sources = [...new Set(fleet.calls.calls.flatMap((call) => call.sources.filter((s) => s.remote.length > 0).map((s) => s.clusterId)))]
      .filter((id) => byId.has(id)).sort();
    if (fleet.calls.zone !== undefined && sources.length > 0) {
      this.zone = new aws.route53.Zone(`${fleet.fleet.name}-internal-zone`, {
        name: fleet.calls.zone,
        comment: `private names of apps called across clusters, created by fleetform for ${fleet.fleet.path}`,
        vpcs: sources.map((id) => ({ vpcId: clusters[id].network.vpc.id, vpcRegion: byId.get(id)!.region })),
        tags: { ...fleet.fleet.tags, 'fleetform:fleet': fleet.fleet.name, 'managed-by': 'fleetform' },
      }, { parent: this, provider: args.global });
    }
    this.registerOutputs({ zoneId: this.zone?.zoneId });
  }

  /**
   * The private name of each called app, one latency alias record per cluster it is called on, to the
   * internal NLB the AWS Load Balancer Controller built for its `<app>-internal` Service there (read
   * from the Service's status once the manifests are applied).
   */
  addRecords(manifests: Readonly<Record<string, ClusterManifests>>): void {
    const { fleet } = this.#args;
    if (!this.zone) return;
    for (const e of fleet.calls.exposures) {
      const c = this.#args.selected.find((x) => x.id === e.clusterId);
      const m = manifests[e.clusterId];
      if (!c || !m) continue;
      this.records.push(new aws.route53.Record(`${c.names.resource}-${e.app}-internal`, {
        zoneId: this.zone.zoneId,
        name: privateName(fleet.fleet.name, e.app),
        type: 'A',
        setIdentifier: c.id,
        latencyRoutingPolicies: [{ region: c.region }],
        aliases: [{ name: nlbHostname(m, e), zoneId: nlbZoneId(c, this.#args.region(c.region), this), evaluateTargetHealth: true }],
      }, { parent: this, provider: this.#args.global }));
    }
  }
}

/** The DNS name of the internal NLB of exposure `e`, from its Service's status. */
function nlbHostname(m: ClusterManifests, e: ResolvedExposure): pulumi.Output<string> {
  return m.serviceHostname(appChartName(e.app), e.namespace, internalServiceName(e.app));
}

/** The canonical hosted zone of network load balancers in the cluster's region, from AWS. */
function nlbZoneId(c: ResolvedCluster, provider: aws.Provider, parent: pulumi.Resource): pulumi.Output<string> {
  return aws.lb.getHostedZoneIdOutput({ loadBalancerType: 'network', region: c.region }, { parent, provider }).id
    .apply((id) => answered(id, c.path, `aws.lb.getHostedZoneId(network, ${c.region})`, 'hosted zone id of network load balancers', isText));
}
