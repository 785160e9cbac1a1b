import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedLoadBalancer } from '../../model/resolved';
import { CloudFrontEdge } from './cloudfront-edge';
import { ClusterAlb, RecordTree } from './record-tree';

/** Args of a {@link LoadBalancerEdge}. */
export interface LoadBalancerEdgeArgs {
  readonly loadBalancer: ResolvedLoadBalancer;
  readonly zoneId: pulumi.Input<string>;
  /** Target cluster id → its ALB. */
  readonly albs: ReadonlyMap<string, ClusterAlb>;
  /** The issued us-east-1 certificate, when the load balancer goes through CloudFront. */
  readonly cloudfrontCertificateArn?: pulumi.Input<string>;
  /** The provider of global services (Route 53, CloudFront). */
  readonly provider: aws.Provider;
  readonly tags: Record<string, string>;
}

/**
 * A global load balancer at the edge: the Route 53 trees the model built (one
 * for the host name, or one per route) and, for path routes, the CloudFront
 * distribution in front of them.
 */
export class LoadBalancerEdge extends pulumi.ComponentResource {
  /** Tree name → its records and health checks. */
  readonly trees: Readonly<Record<string, RecordTree>>;
  readonly cloudfront?: CloudFrontEdge;

  constructor(name: string, args: LoadBalancerEdgeArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:aws:LoadBalancerEdge', name, {}, opts);
    const lb = args.loadBalancer;
    this.trees = Object.fromEntries(lb.trees.map((tree) => [tree.name, new RecordTree(`${name}-${tree.slug || 'main'}`, {
      loadBalancer: lb, tree, zoneId: args.zoneId, albs: args.albs, provider: args.provider, tags: args.tags,
    }, { parent: this })]));
    if (lb.edge === 'cloudfront') {
      this.cloudfront = new CloudFrontEdge(`${name}-cdn`, {
        loadBalancer: lb, certificateArn: args.cloudfrontCertificateArn!, zoneId: args.zoneId, provider: args.provider, tags: args.tags,
      }, { parent: this, dependsOn: Object.values(this.trees) });
    }
    this.registerOutputs({});
  }
}
