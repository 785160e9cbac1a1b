import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedLoadBalancer } from '../../model/resolved';
import { answered, isText } from '../cloud-answers';
import { protection } from '../guards';

/** Args of a {@link CloudFrontEdge}. */
export interface CloudFrontEdgeArgs {
  readonly loadBalancer: ResolvedLoadBalancer;
  /** The issued us-east-1 certificate of the host name. */
  readonly certificateArn: pulumi.Input<string>;
  /** The hosted zone the host name's record goes in. */
  readonly zoneId: pulumi.Input<string>;
  /** The provider of global services (CloudFront, Route 53, us-east-1). */
  readonly provider: aws.Provider;
  readonly tags: Record<string, string>;
}

/**
 * A load balancer's path routes at the edge: a CloudFront distribution with
 * one origin per route — the route's own Route 53 name, whose tree picks the
 * cluster — and one cache behaviour per path, `/*` the default. Nothing is
 * cached (the managed CachingDisabled policy): routes carry API calls and
 * personal data, and CloudFront's edge locations include some outside any
 * residency zone. Every viewer header but Host reaches the origin, so each
 * cluster's ALB routes by the origin name; no access log is written. The
 * distribution is protected unless the load balancer is decommissioning.
 */
export class CloudFrontEdge extends pulumi.ComponentResource {
  readonly distribution: aws.cloudfront.Distribution;
  /** The host name's alias of the distribution. */
  readonly record: aws.route53.Record;

  constructor(name: string, args: CloudFrontEdgeArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:aws:CloudFrontEdge', name, {}, opts);
    const lb = args.loadBalancer;
    const invoke = { parent: this, provider: args.provider };
    const cachingDisabled = aws.cloudfront.getCachePolicyOutput({ name: 'Managed-CachingDisabled' }, invoke);
    const allViewerButHost = aws.cloudfront.getOriginRequestPolicyOutput({ name: 'Managed-AllViewerExceptHostHeader' }, invoke);
    const behaviour = (originId: string) => ({
      targetOriginId: originId,
      viewerProtocolPolicy: 'redirect-to-https',
      allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
      cachedMethods: ['GET', 'HEAD'],
      cachePolicyId: cachingDisabled.apply((p) => answered(p.id, lb.path, 'aws.cloudfront.getCachePolicy(Managed-CachingDisabled)', 'id', isText)),
      originRequestPolicyId: allViewerButHost.apply((p) => answered(p.id, lb.path, 'aws.cloudfront.getOriginRequestPolicy(Managed-AllViewerExceptHostHeader)', 'id', isText)),
      compress: true,
    });
    const fallback = lb.trees.find((t) => t.path === '/*')!;
    this.distribution = new aws.cloudfront.Distribution(name, {
      enabled: true,
      isIpv6Enabled: true,
      httpVersion: 'http2and3',
      comment: `fleetform ${lb.path}: ${lb.hostname}`,
      aliases: [lb.hostname],
      origins: lb.trees.map((t) => ({
        originId: t.slug,
        domainName: t.name,
        customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] },
      })),
      defaultCacheBehavior: behaviour(fallback.slug),
      orderedCacheBehaviors: lb.trees.filter((t) => t !== fallback).map((t) => ({ pathPattern: t.path!, ...behaviour(t.slug) })),
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: { acmCertificateArn: args.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' },
      tags: args.tags,
    }, { ...invoke, ...protection(lb.lifecycle) });
    this.record = new aws.route53.Record(`${name}-alias`, {
      zoneId: args.zoneId,
      name: lb.hostname,
      type: 'A',
      aliases: [{ name: this.distribution.domainName, zoneId: this.distribution.hostedZoneId, evaluateTargetHealth: false }],
    }, invoke);
    this.registerOutputs({ domainName: this.distribution.domainName });
  }
}
