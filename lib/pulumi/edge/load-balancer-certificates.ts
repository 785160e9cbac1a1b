import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { answered } from '../cloud-answers';
import { Lifecycle, protection } from '../guards';

/** Args of {@link LoadBalancerCertificates}. */
export interface LoadBalancerCertificatesArgs {
  /** The host name; each certificate also covers `*.<host name>` (the leaf and origin names). */
  readonly hostname: string;
  /** The hosted zone the validation record goes in. */
  readonly zoneId: pulumi.Input<string>;
  /** Regions whose ALBs serve the host name, with the provider of each. */
  readonly regions: ReadonlyMap<string, aws.Provider>;
  /** The provider of global services: Route 53 records, and CloudFront's certificate (us-east-1). */
  readonly global: aws.Provider;
  /** Whether the host name goes through CloudFront, which needs a certificate of us-east-1. */
  readonly cloudfront: boolean;
  readonly tags: Record<string, string>;
  /**
   * The load balancer's lifecycle: the certificates are protected unless it is decommissioning.
   * @default 'active'
   */
  readonly lifecycle?: Lifecycle;
  /**
   * Keep the DNS validation record in the zone when this component lets it go: stacks that split
   * one host name's certificates between them share that record (ACM asks every certificate of a
   * name in an account for the same one), and each certificate's renewal needs it.
   * @default false
   */
  readonly retainValidation?: boolean;
}

/**
 * The ACM certificates of one host name: one in each region whose ALBs serve
 * it (ALBs take certificates of their own region, which the AWS Load Balancer
 * Controller finds from the Ingress's TLS hosts) and, for CloudFront, one in
 * us-east-1; validated by DNS. ACM asks every certificate of one name in one
 * account for the same validation record, so one record validates them all.
 * The certificates are protected unless the load balancer is decommissioning.
 */
export class LoadBalancerCertificates extends pulumi.ComponentResource {
  /** Region → its issued certificate's validation (ALBs can use it once resolved). */
  readonly regional: Readonly<Record<string, aws.acm.CertificateValidation>>;
  /** The us-east-1 certificate's validation, for CloudFront. */
  readonly cloudfront?: aws.acm.CertificateValidation;

  constructor(name: string, args: LoadBalancerCertificatesArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:aws:LoadBalancerCertificates', name, {}, opts);
    const certificate = (suffix: string, provider: aws.Provider) => new aws.acm.Certificate(`${name}-${suffix}`, {
      domainName: args.hostname,
      subjectAlternativeNames: [`*.${args.hostname}`],
      validationMethod: 'DNS',
      tags: args.tags,
    }, { parent: this, provider, ...protection(args.lifecycle ?? 'active') });
    const regional = [...args.regions].sort(([a], [b]) => (a < b ? -1 : 1)).map(([region, provider]) => [region, certificate(region, provider)] as const);
    const edge = args.cloudfront ? certificate('cloudfront', args.global) : undefined;
    const first = edge ?? regional[0]?.[1];
    if (first === undefined) throw new TypeError(`[${name}] has neither a regional nor a CloudFront certificate to issue; the caller skips such a load balancer (this is a bug in fleetform)`);
    const option = first.domainValidationOptions.apply((options) => {
      const all = answered(options, name, 'the ACM certificate', 'domain validation options', (o) => Array.isArray(o) && o.length > 0);
      return all.find((o) => o.domainName === args.hostname) ?? all[0];
    });
    const record = new aws.route53.Record(`${name}-validation`, {
      zoneId: args.zoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 300,
      allowOverwrite: true,
    }, { parent: this, provider: args.global, ...(args.retainValidation ? { retainOnDelete: true } : {}) });
    const validate = (suffix: string, cert: aws.acm.Certificate, provider: aws.Provider) => new aws.acm.CertificateValidation(`${name}-${suffix}`, {
      certificateArn: cert.arn,
      validationRecordFqdns: [record.fqdn],
    }, { parent: this, provider });
    this.regional = Object.fromEntries(regional.map(([region, cert]) => [region, validate(region, cert, args.regions.get(region)!)]));
    this.cloudfront = edge ? validate('cloudfront', edge, args.global) : undefined;
    this.registerOutputs({});
  }
}
