/**
 * What a global load balancer puts on each of its target clusters: for every
 * tree that cluster serves, an Ingress on the cluster's shared ALB answering
 * for the tree's name (the host name, or a route's origin name) and for the
 * cluster's own leaf name, which Route 53's health checks probe. TLS uses the
 * regional ACM certificate the deployment issues for the host name and its
 * subdomains; the controller finds it from the Ingress's TLS hosts.
 */
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { RESIDENCY_LABEL } from '../model/app-spec';
import type { OriginProtection, ResolvedCluster, ResolvedFleet, ResolvedLoadBalancer } from '../model/resolved';
import { ALB_INGRESS_CLASS } from './alb-ingress';
import type { ClusterValues } from './labels';
import type { ChartContribution } from './phases';

/** One tree a cluster serves: what its Ingress needs. */
interface ServedTree {
  readonly slug: string;
  readonly name: string;
  /**
   * The cluster's leaf name in the tree, which the health checks probe: what
   * follows the cluster id when the name starts with it (so clusters share one
   * render), else the whole name.
   */
  readonly leaf: { readonly afterClusterId: string } | { readonly name: string };
  /** The app's residency zone, if any. */
  readonly residency?: string;
  readonly app: string;
  readonly namespace: string;
  readonly servicePort: number;
  readonly healthCheckPath: string;
}

/** The security groups of a protected cluster's ALB, by Name tag (see {@link OriginProtection}). */
type OriginGroups = Pick<OriginProtection, 'cloudFrontGroup' | 'healthCheckGroup'>;

/**
 * The Ingresses of one load balancer on one cluster. On a cluster with origin
 * protection, the ALB takes the protection's security groups, looked up by
 * Name tag in the cluster's VPC, instead of the controller's group open to the
 * internet; the controller still manages the rules from its backend group to
 * the pods. Both annotations are exclusive in an IngressGroup, so every
 * internet-facing Ingress of the cluster carries the same values (the rules
 * refuse any other on a protected cluster).
 * @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#security-groups
 */
export class EdgeChart extends Chart {
  constructor(scope: Construct, id: string, lb: Pick<ResolvedLoadBalancer, 'name' | 'hostname'>, trees: readonly ServedTree[], labels: Record<string, string>, values: ClusterValues, origin?: OriginGroups) {
    super(scope, id, { labels, disableResourceNameHashes: true });
    for (const t of trees) {
      const hosts = [t.name, 'name' in t.leaf ? t.leaf.name : `${values.clusterId}${t.leaf.afterClusterId}`];
      new kplus.k8s.KubeIngress(this, `ingress-${t.slug || 'main'}`, {
        metadata: {
          name: `${lb.name}-${t.slug || 'main'}`,
          namespace: t.namespace,
          ...(t.residency !== undefined ? { labels: { [RESIDENCY_LABEL]: t.residency } } : {}),
          annotations: {
            'alb.ingress.kubernetes.io/scheme': 'internet-facing',
            'alb.ingress.kubernetes.io/target-type': 'ip',
            'alb.ingress.kubernetes.io/group.name': values.fleet,
            'alb.ingress.kubernetes.io/healthcheck-path': t.healthCheckPath,
            'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP": 80}, {"HTTPS": 443}]',
            'alb.ingress.kubernetes.io/ssl-redirect': '443',
            ...(origin ? {
              'alb.ingress.kubernetes.io/security-groups': `${origin.cloudFrontGroup}, ${origin.healthCheckGroup}`,
              'alb.ingress.kubernetes.io/manage-backend-security-group-rules': 'true',
            } : {}),
          },
        },
        spec: {
          ingressClassName: ALB_INGRESS_CLASS,
          tls: [{ hosts }],
          rules: hosts.map((host) => ({
            host,
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: t.app, port: { number: t.servicePort } } } }] },
          })),
        },
      });
    }
  }
}

/** One chart per load balancer that targets the cluster, in the edge phase. */
export function edgeCharts(cluster: ResolvedCluster, fleet: ResolvedFleet): ChartContribution[] {
  const specs = new Map(cluster.apps.map((a) => [a.name, a.spec]));
  return fleet.loadBalancers.flatMap((lb): ChartContribution[] => {
    const trees: ServedTree[] = lb.trees.filter((t) => t.clusters.includes(cluster.id) && specs.has(t.app)).map((t) => ({
      slug: t.slug, name: t.name, leaf: leafOf(t.leaves.find((l) => l.clusterId === cluster.id)!.name, cluster.id),
      app: t.app, namespace: specs.get(t.app)!.namespace, servicePort: specs.get(t.app)!.servicePort, healthCheckPath: t.healthCheckPath,
      ...(t.residency !== undefined ? { residency: t.residency } : {}),
    }));
    if (trees.length === 0) return [];
    const name = `edge-${lb.name}`;
    const p = cluster.originProtection;
    const origin = p ? { cloudFrontGroup: p.cloudFrontGroup, healthCheckGroup: p.healthCheckGroup } : undefined;
    return [{
      phase: 'edge',
      name,
      templateKey: JSON.stringify([lb.name, lb.hostname, trees, ...(origin ? [origin] : [])]),
      build: (app, labels, values) => new EdgeChart(app, name, lb, trees, labels, values, origin),
    }];
  });
}

/** A leaf name as the chart takes it: relative to the cluster id where it starts with it. */
function leafOf(name: string, clusterId: string): ServedTree['leaf'] {
  return name.startsWith(`${clusterId}-`) || name.startsWith(`${clusterId}.`) ? { afterClusterId: name.slice(clusterId.length) } : { name };
}
