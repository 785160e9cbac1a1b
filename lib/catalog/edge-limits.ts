/**
 * The limits of DNS, Route 53 and CloudFront that a global load balancer's
 * names, records, health checks and routes must stay within, each with its
 * source. Checked at synth, so a fleet AWS would refuse is refused first.
 */

/** DNS names and labels (RFC 1035 §2.3.4, as Route 53 applies them to record names). */
export const DNS_LIMITS = {
  /** Characters in a name, without the trailing dot. */
  nameLength: 253,
  /** Characters in one label. */
  labelLength: 63,
  source: 'RFC 1035 §2.3.4; Route 53 Developer Guide, "DNS domain name format" (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html)',
  readOn: '2026-12-04',
} as const;

/** Route 53 records and health checks. */
export const ROUTE53_LIMITS = {
  /** Characters in a record's set identifier. */
  setIdentifierLength: 128,
  /** Characters in a health check's resource path. */
  healthCheckPathLength: 255,
  /** Health checker regions a check must run from, at least. */
  minCheckerRegions: 3,
  source: 'Route 53 API Reference: ResourceRecordSet.SetIdentifier (1–128), HealthCheckConfig.ResourcePath (at most 255), HealthCheckConfig.Regions (at least 3 items)',
  readOn: '2026-12-04',
} as const;

/** The regions Route 53 health checkers run from (HealthCheckConfig.Regions). */
export const HEALTH_CHECKER_REGIONS: readonly string[] = [
  'us-east-1', 'us-west-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1',
];

/** CloudFront distributions: default quotas (adjustable) and path patterns. */
export const CLOUDFRONT_LIMITS = {
  /** Cache behaviours per distribution, besides the default one. */
  cacheBehaviors: 75,
  /** Origins per distribution. */
  origins: 100,
  /** Characters in a cache behaviour's path pattern. */
  pathPatternLength: 255,
  /** The characters a path pattern may hold: letters, digits, `_ - . * $ / ~ " ' @ : +`, `&`, and the wildcard `?`. */
  pathPatternCharacters: /^[A-Za-z0-9_\-.*$/~"'@:+&?]*$/,
  source: 'CloudFront Developer Guide, "Quotas" (cache behaviours, origins) and "Cache behavior settings: Path pattern" ("The maximum length of a path pattern is 255 characters" and its characters; awsdocs/amazon-cloudfront-developer-guide doc_source/distribution-web-values-specify.md @ 1c964d49c912371ecc1b0fa1abc3ac7cdf374803)',
  readOn: '2026-12-04',
} as const;
