import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { OriginProtection } from '../../model/resolved';
import { answered, isText } from '../cloud-answers';

/** AWS-managed prefix lists: CloudFront's origin-facing servers (global), Route 53's health checkers (per region). */
export const ORIGIN_PREFIX_LISTS = {
  cloudFront: 'com.amazonaws.global.cloudfront.origin-facing',
  healthChecks: (region: string) => `com.amazonaws.${region}.route53-healthchecks`,
} as const;

/** Args of {@link OriginSecurityGroups}. */
export interface OriginSecurityGroupsArgs {
  /** The protection the model decided: the groups' Name tags. */
  readonly protection: OriginProtection;
  readonly region: string;
  readonly vpcId: pulumi.Input<string>;
  /** The VPC's range: the ALB's traffic to the pods stays inside it. */
  readonly vpcCidr: string;
  /** Where the path is reported when a data source gives no answer. */
  readonly path: string;
  readonly tags: Record<string, string>;
}

/**
 * The two security groups an origin-protected cluster's ALB takes (the
 * controller finds them by Name tag in the cluster's VPC): HTTPS from
 * CloudFront's origin-facing prefix list, and HTTPS from Route 53's health
 * checkers of the region, whose checks decide which cluster DNS answers with.
 * Two groups because the prefix lists count 55 and 25 rules against the
 * default quota of 60 rules per group. Port 80 stays closed: CloudFront talks
 * to the ALB over HTTPS only, and so do the health checks. Outbound, only the
 * VPC's range (the pods, as IP targets); the controller's own backend group
 * admits the ALB at the pods.
 * @see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/LocationsOfEdgeServers.html#managed-prefix-list
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html
 */
export class OriginSecurityGroups extends pulumi.ComponentResource {
  readonly cloudFront: aws.ec2.SecurityGroup;
  readonly healthChecks: aws.ec2.SecurityGroup;

  constructor(name: string, args: OriginSecurityGroupsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:aws:OriginSecurityGroups', name, {}, opts);
    const parent = { parent: this };
    const group = (suffix: string, tagName: string, prefixList: string, description: string) => {
      const list = aws.ec2.getManagedPrefixListOutput({ name: prefixList }, parent);
      const id = list.id.apply((v) => answered(v, args.path, `aws.ec2.getManagedPrefixList(${prefixList})`, 'id', isText));
      return new aws.ec2.SecurityGroup(`${name}-${suffix}`, {
        vpcId: args.vpcId,
        description,
        ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, prefixListIds: [id], description: `HTTPS from ${prefixList}` }],
        egress: [{ protocol: 'tcp', fromPort: 0, toPort: 65535, cidrBlocks: [args.vpcCidr], description: 'to the pods of the VPC' }],
        tags: { ...args.tags, Name: tagName },
      }, parent);
    };
    // Descriptions are fixed: a group's description cannot change without replacing it.
    this.cloudFront = group('cloudfront', args.protection.cloudFrontGroup, ORIGIN_PREFIX_LISTS.cloudFront,
      'fleetform: the ALB admits HTTPS from CloudFront only');
    this.healthChecks = group('health-checks', args.protection.healthCheckGroup, ORIGIN_PREFIX_LISTS.healthChecks(args.region),
      'fleetform: the ALB admits HTTPS from Route 53 health checkers');
    this.registerOutputs({});
  }
}
