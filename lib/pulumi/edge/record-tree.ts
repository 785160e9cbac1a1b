import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { DnsRecord } from '../../model/dns-tree';
import type { LoadBalancerTree, ResolvedLoadBalancer } from '../../model/resolved';

/** A cluster's ALB, as the alias of a leaf needs it. */
export interface ClusterAlb {
  /** The ALB's DNS name, from the status of the cluster's Ingress. */
  readonly dnsName: pulumi.Input<string>;
  /** The canonical hosted zone of ALBs in the cluster's region, from AWS's lookup. */
  readonly zoneId: pulumi.Input<string>;
  /** The cluster's resource stem (`names.resource`, kept across renames): the stem of its leaf's names. */
  readonly stem: string;
}

/** Args of a {@link RecordTree}. */
export interface RecordTreeArgs {
  readonly loadBalancer: ResolvedLoadBalancer;
  readonly tree: LoadBalancerTree;
  /** The hosted zone the records go in. */
  readonly zoneId: pulumi.Input<string>;
  /** Cluster id → its ALB. */
  readonly albs: ReadonlyMap<string, ClusterAlb>;
  /** The provider of global services (Route 53). */
  readonly provider: aws.Provider;
  readonly tags: Record<string, string>;
}

/**
 * One tree of Route 53 records, as the model built it: each cluster's leaf (an
 * alias of its ALB) with an HTTPS health check of the leaf name, and the alias
 * records of the routing policy above them, with their set identifiers,
 * routing and health checks. Route 53 refuses an alias of a name that holds
 * no record yet, so each record depends on the records of the name it aliases:
 * created after them, and deleted before them.
 */
export class RecordTree extends pulumi.ComponentResource {
  /** Leaf name → its health check. */
  readonly healthChecks: Readonly<Record<string, aws.route53.HealthCheck>>;
  readonly records: readonly aws.route53.Record[];

  constructor(name: string, args: RecordTreeArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:aws:RecordTree', name, {}, opts);
    const { loadBalancer: lb, tree } = args;
    const child = { parent: this, provider: args.provider };
    const healthChecks: Record<string, aws.route53.HealthCheck> = {};
    const records: aws.route53.Record[] = [];
    const atName = new Map<string, aws.route53.Record[]>();
    const add = (name: string, r: aws.route53.Record) => {
      records.push(r);
      atName.set(name, [...(atName.get(name) ?? []), r]);
    };
    for (const leaf of tree.leaves) {
      const alb = args.albs.get(leaf.clusterId)!;
      healthChecks[leaf.name] = new aws.route53.HealthCheck(`${name}-${alb.stem}`, {
        type: 'HTTPS',
        fqdn: leaf.name,
        port: 443,
        enableSni: true,
        resourcePath: tree.healthCheckPath,
        requestInterval: lb.healthCheck.intervalSeconds,
        failureThreshold: lb.healthCheck.failureThreshold,
        regions: [...lb.healthCheck.regions],
        tags: { ...args.tags, Name: leaf.name },
      }, child);
      add(leaf.name, new aws.route53.Record(`${name}-leaf-${alb.stem}`, {
        zoneId: args.zoneId,
        name: leaf.name,
        type: 'A',
        aliases: [{ name: alb.dnsName, zoneId: alb.zoneId, evaluateTargetHealth: true }],
      }, child));
    }
    // The model lists a name's records after those of every name they alias.
    for (const r of tree.records) add(r.name, this.record(name, r, args, healthChecks, atName.get(r.target) ?? []));
    this.healthChecks = healthChecks;
    this.records = records;
    this.registerOutputs({});
  }

  private record(name: string, r: DnsRecord, args: RecordTreeArgs, healthChecks: Record<string, aws.route53.HealthCheck>, aliased: aws.route53.Record[]): aws.route53.Record {
    const routing = r.routing;
    const label = `${r.name === args.tree.name ? '' : `${r.name.slice(0, r.name.indexOf('.'))}-`}${r.setIdentifier ?? 'simple'}`;
    return new aws.route53.Record(`${name}-${label}`, {
      zoneId: args.zoneId,
      name: r.name,
      type: 'A',
      aliases: [{ name: r.target, zoneId: args.zoneId, evaluateTargetHealth: r.evaluateTargetHealth }],
      ...(r.setIdentifier !== undefined ? { setIdentifier: r.setIdentifier } : {}),
      ...(r.healthCheckOf !== undefined ? { healthCheckId: healthChecks[r.healthCheckOf].id } : {}),
      ...(routing.kind === 'latency' ? { latencyRoutingPolicies: [{ region: routing.region }] } : {}),
      ...(routing.kind === 'weighted' ? { weightedRoutingPolicies: [{ weight: routing.weight }] } : {}),
      ...(routing.kind === 'failover' ? { failoverRoutingPolicies: [{ type: routing.role }] } : {}),
      ...(routing.kind === 'geolocation' ? { geolocationRoutingPolicies: [geolocationOf(routing)] } : {}),
    }, { parent: this, provider: args.provider, dependsOn: aliased });
  }
}

/** A geolocation record's location as the provider takes it. */
function geolocationOf(r: { continent?: string; country?: string; subdivision?: string }): { continent?: string; country?: string; subdivision?: string } {
  if (r.continent) return { continent: r.continent };
  return r.subdivision ? { country: r.country, subdivision: r.subdivision } : { country: r.country };
}
