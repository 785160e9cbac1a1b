/**
 * AWS list prices fleetform's cost estimate uses, kept as dated data with the
 * source of every group of rows. Prices are US dollars, Linux, shared tenancy,
 * pay-as-you-go, before taxes, free tiers, Savings Plans and Reserved Instances.
 *
 * How well each group is confirmed is said by its `basis` (see {@link PriceBasis}):
 * only the EC2 on-demand rows were read first-hand from AWS's own price data (the
 * AWS Price List API, through a generated file of a public AWS repository); the
 * EKS control-plane prices come from AWS's pricing blog and page; the other
 * figures are AWS's published US East (N. Virginia) list prices that no stored
 * first-hand copy of the pricing page could confirm when the table was made
 * (some are backed by third-party pages that quote them) — check them before
 * relying on the estimate, and override any of them in `estimateCost`.
 *
 * The table holds one region, us-east-1. Other regions usually cost more;
 * `estimateCost` prices a region the table lacks at us-east-1 rates and says so
 * in its report, and takes regional prices as overrides
 * (`prices.regions['eu-west-1']`).
 *
 * Nothing here reads the clock.
 */
import { EKS_CONTROL_PLANE_PRICING } from './eks-support';
import type { IsoDate } from './iso-date';

/** The day the table below was last put together. */
export const AWS_PRICES_READ_ON: IsoDate = '2026-12-05';

/** Hours in a month, as AWS's pricing calculator counts them (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

/** The region whose prices the table holds, and which stands in for a region it lacks. */
export const BASE_PRICE_REGION = 'us-east-1';

/** How a price is known. */
export type PriceBasis =
  /** Read from AWS's own machine-readable price data (the AWS Price List API). */
  | 'aws-price-list'
  /** Read on an AWS pricing page or AWS blog post. */
  | 'aws-page'
  /** AWS's published list price as third-party pages quote it; no first-hand copy was read. */
  | 'secondary'
  /** AWS's published list price as fleetform's maintainers know it; neither a first-hand nor a third-party copy was read. Check it. */
  | 'unconfirmed'
  /** Not a price AWS publishes: fleetform's assumption, overridable. */
  | 'assumption';

/** Where a group of prices comes from. */
export interface PriceSource {
  /** What the group prices. */
  readonly covers: string;
  readonly basis: PriceBasis;
  /** The page to check, and what was read. */
  readonly source: string;
  /** The day the group was read or recorded. */
  readonly readOn: IsoDate;
}

/** Sources of the table, by key; each price field names its key in {@link PRICE_FIELD_SOURCES}. */
export const AWS_PRICE_SOURCES = {
  ec2: {
    covers: 'EC2 on-demand instance-hours (Linux, shared tenancy), us-east-1',
    basis: 'aws-price-list',
    source: 'AWS Price List API as generated into aws/karpenter-provider-aws@1d927085 pkg/providers/pricing/zz_generated.pricing_aws.go ("generated at 2026-07-20T13:44:30Z for us-east-1"); page: https://aws.amazon.com/ec2/pricing/on-demand/',
    readOn: '2026-12-05',
  },
  eks: {
    covers: 'EKS control plane per cluster-hour, standard and extended support',
    basis: 'aws-page',
    source: EKS_CONTROL_PLANE_PRICING.source,
    readOn: EKS_CONTROL_PLANE_PRICING.readOn,
  },
  spot: {
    covers: 'discount of spot over on-demand instance-hours',
    basis: 'assumption',
    source: 'assumption: spot prices move with supply and demand per zone and type (AWS: "up to 90% off"); fleetform assumes 60% off on average. https://aws.amazon.com/ec2/spot/pricing/',
    readOn: '2026-12-05',
  },
  dedicated: {
    covers: 'Dedicated Instances: per-region fee and instance premium',
    basis: 'unconfirmed',
    source: 'https://aws.amazon.com/ec2/pricing/dedicated-instances/ (a $2 per hour fee for each region in which at least one Dedicated Instance runs); the premium of a dedicated instance-hour over a shared one differs per type and is an assumption (10%)',
    readOn: '2026-12-05',
  },
  ebs: {
    covers: 'EBS gp3 volume storage per GiB-month (baseline IOPS and throughput are free)',
    basis: 'unconfirmed',
    source: 'https://aws.amazon.com/ebs/pricing/',
    readOn: '2026-12-05',
  },
  nat: {
    covers: 'NAT gateway hours and data processed',
    basis: 'secondary',
    source: 'https://aws.amazon.com/vpc/pricing/ ; third-party pages read 2026-12-05 quote $0.045 per hour and $0.045 per GB for US East (cloudburn.io/blog/aws-nat-gateway-pricing, egresscost.com/nat-gateway)',
    readOn: '2026-12-05',
  },
  ipv4: {
    covers: 'public IPv4 addresses (NAT gateways\' Elastic IPs, internet-facing ALBs\' addresses) per hour',
    basis: 'secondary',
    source: 'https://aws.amazon.com/vpc/pricing/ ("Public IPv4 Address" tab); third-party page read 2026-12-05 quotes $0.005 per IP per hour (cloudburn.io/blog/aws-nat-gateway-pricing)',
    readOn: '2026-12-05',
  },
  elb: {
    covers: 'Application Load Balancer hours and LCU-hours',
    basis: 'unconfirmed',
    source: 'https://aws.amazon.com/elasticloadbalancing/pricing/',
    readOn: '2026-12-05',
  },
  kms: {
    covers: 'KMS customer managed key per month (before rotations)',
    basis: 'unconfirmed',
    source: 'https://aws.amazon.com/kms/pricing/ ($1 per key per month; each of the first two yearly rotations adds $1 per month)',
    readOn: '2026-12-05',
  },
  logs: {
    covers: 'CloudWatch Logs standard ingestion and storage',
    basis: 'unconfirmed',
    source: 'https://aws.amazon.com/cloudwatch/pricing/ ("Logs" tab, standard log class)',
    readOn: '2026-12-05',
  },
  route53: {
    covers: 'Route 53 hosted zones, queries and health checks',
    basis: 'unconfirmed',
    source: 'https://aws.amazon.com/route53/pricing/ ; the hosted zone price ($0.50 per zone-month for the first 25) is quoted by third-party pages read 2026-12-05 (ns1.com/resources/aws-dns); queries of alias records of ELB load balancers and CloudFront distributions are free',
    readOn: '2026-12-05',
  },
  cloudfront: {
    covers: 'CloudFront HTTPS requests and data transfer out to the internet (United States and Europe, first tier)',
    basis: 'unconfirmed',
    source: 'https://aws.amazon.com/cloudfront/pricing/ (pay-as-you-go; the flat-rate plans are not modelled)',
    readOn: '2026-12-05',
  },
} as const satisfies Record<string, PriceSource>;

/** A key of {@link AWS_PRICE_SOURCES}. */
export type PriceSourceKey = keyof typeof AWS_PRICE_SOURCES;

/** Prices that differ per region. */
export interface RegionPrices {
  /** On-demand price per instance-hour, by instance type. */
  readonly ec2OnDemandPerHour: Readonly<Record<string, number>>;
  /** gp3 storage per GiB-month (the nodes' root volumes). */
  readonly ebsGp3PerGibMonth: number;
  readonly natGatewayPerHour: number;
  /** Per GiB a NAT gateway processes. */
  readonly natGatewayPerGib: number;
  /** Per public IPv4 address-hour. */
  readonly publicIpv4PerHour: number;
  readonly albPerHour: number;
  readonly albPerLcuHour: number;
  readonly kmsKeyPerMonth: number;
  readonly logsIngestionPerGib: number;
  readonly logsStoragePerGibMonth: number;
  /** Dedicated Instances' fee per hour for a region in which any runs. */
  readonly dedicatedRegionFeePerHour: number;
}

/** Route 53 health check prices of one kind of endpoint. */
export interface HealthCheckPrices {
  /** Per health check-month. */
  readonly perMonth: number;
  /** Per optional feature (HTTPS, string matching, fast interval, latency measurement) per health check-month. */
  readonly perOptionMonth: number;
}

/** Prices of global services, and the assumptions that act as prices. */
export interface GlobalPrices {
  readonly eksStandardPerClusterHour: number;
  readonly eksExtendedPerClusterHour: number;
  /** Fraction of the on-demand price spot instances save on average (an assumption: 0.6 means 60% off). */
  readonly spotDiscount: number;
  /** Fraction a dedicated instance-hour costs over a shared one (an assumption). */
  readonly dedicatedPremium: number;
  readonly route53HostedZonePerMonth: number;
  /** Per million standard queries (simple, weighted, failover). */
  readonly route53StandardQueriesPerMillion: number;
  readonly route53LatencyQueriesPerMillion: number;
  readonly route53GeoQueriesPerMillion: number;
  /** Health checks of endpoints in AWS in the same account. */
  readonly healthCheckAwsEndpoint: HealthCheckPrices;
  /** Health checks of endpoints outside AWS (or in another account). */
  readonly healthCheckNonAwsEndpoint: HealthCheckPrices;
  /** Per 10,000 HTTPS requests. */
  readonly cloudfrontHttpsPer10kRequests: number;
  /** Per GiB out to the internet. */
  readonly cloudfrontDataOutPerGib: number;
}

/** A full price table. */
export interface PriceTable {
  readonly readOn: IsoDate;
  readonly hoursPerMonth: number;
  /** Prices per region; a region not listed is priced at {@link BASE_PRICE_REGION}'s. */
  readonly regions: Readonly<Record<string, RegionPrices>>;
  readonly global: GlobalPrices;
}

/** The source of each price field. */
export const PRICE_FIELD_SOURCES: Readonly<Record<keyof RegionPrices | keyof GlobalPrices, PriceSourceKey>> = {
  ec2OnDemandPerHour: 'ec2',
  ebsGp3PerGibMonth: 'ebs',
  natGatewayPerHour: 'nat',
  natGatewayPerGib: 'nat',
  publicIpv4PerHour: 'ipv4',
  albPerHour: 'elb',
  albPerLcuHour: 'elb',
  kmsKeyPerMonth: 'kms',
  logsIngestionPerGib: 'logs',
  logsStoragePerGibMonth: 'logs',
  dedicatedRegionFeePerHour: 'dedicated',
  eksStandardPerClusterHour: 'eks',
  eksExtendedPerClusterHour: 'eks',
  spotDiscount: 'spot',
  dedicatedPremium: 'dedicated',
  route53HostedZonePerMonth: 'route53',
  route53StandardQueriesPerMillion: 'route53',
  route53LatencyQueriesPerMillion: 'route53',
  route53GeoQueriesPerMillion: 'route53',
  healthCheckAwsEndpoint: 'route53',
  healthCheckNonAwsEndpoint: 'route53',
  cloudfrontHttpsPer10kRequests: 'cloudfront',
  cloudfrontDataOutPerGib: 'cloudfront',
};

/** EC2 on-demand prices in us-east-1 of every type of lib/catalog/instance-types.ts. */
const US_EAST_1_EC2: Readonly<Record<string, number>> = {
    'm5.large': 0.096, 'm5.xlarge': 0.192, 'm5.2xlarge': 0.384, 'm5.4xlarge': 0.768,
    'm6i.large': 0.096, 'm6i.xlarge': 0.192, 'm6i.2xlarge': 0.384, 'm6i.4xlarge': 0.768,
    'm7i.large': 0.1008, 'm7i.xlarge': 0.2016, 'm7i.2xlarge': 0.4032, 'm7i.4xlarge': 0.8064,
    'm6a.large': 0.0864, 'm6a.xlarge': 0.1728, 'm6a.2xlarge': 0.3456, 'm6a.4xlarge': 0.6912,
    'm7a.medium': 0.05796, 'm7a.large': 0.11592, 'm7a.xlarge': 0.23184, 'm7a.2xlarge': 0.46368, 'm7a.4xlarge': 0.92736,
    'c6i.large': 0.085, 'c6i.xlarge': 0.17, 'c6i.2xlarge': 0.34, 'c6i.4xlarge': 0.68,
    'c7i.large': 0.08925, 'c7i.xlarge': 0.1785, 'c7i.2xlarge': 0.357, 'c7i.4xlarge': 0.714,
    'r6i.large': 0.126, 'r6i.xlarge': 0.252, 'r6i.2xlarge': 0.504, 'r6i.4xlarge': 1.008,
    'r7i.large': 0.1323, 'r7i.xlarge': 0.2646, 'r7i.2xlarge': 0.5292, 'r7i.4xlarge': 1.0584,
    't3.medium': 0.0416, 't3.large': 0.0832, 't3.xlarge': 0.1664, 't3.2xlarge': 0.3328,
    't3a.medium': 0.0376, 't3a.large': 0.0752, 't3a.xlarge': 0.1504, 't3a.2xlarge': 0.3008,
    'm6g.medium': 0.0385, 'm6g.large': 0.077, 'm6g.xlarge': 0.154, 'm6g.2xlarge': 0.308, 'm6g.4xlarge': 0.616,
    'm7g.medium': 0.0408, 'm7g.large': 0.0816, 'm7g.xlarge': 0.1632, 'm7g.2xlarge': 0.3264, 'm7g.4xlarge': 0.6528,
    'c7g.medium': 0.0363, 'c7g.large': 0.0725, 'c7g.xlarge': 0.145, 'c7g.2xlarge': 0.29, 'c7g.4xlarge': 0.58,
    'r7g.medium': 0.0536, 'r7g.large': 0.1071, 'r7g.xlarge': 0.2142, 'r7g.2xlarge': 0.4284, 'r7g.4xlarge': 0.8568,
};

/** fleetform's price table. */
export const AWS_PRICES: PriceTable = {
  readOn: AWS_PRICES_READ_ON,
  hoursPerMonth: HOURS_PER_MONTH,
  regions: {
    'us-east-1': {
      ec2OnDemandPerHour: US_EAST_1_EC2,
      ebsGp3PerGibMonth: 0.08,
      natGatewayPerHour: 0.045,
      natGatewayPerGib: 0.045,
      publicIpv4PerHour: 0.005,
      albPerHour: 0.0225,
      albPerLcuHour: 0.008,
      kmsKeyPerMonth: 1,
      logsIngestionPerGib: 0.5,
      logsStoragePerGibMonth: 0.03,
      dedicatedRegionFeePerHour: 2,
    },
  },
  global: {
    eksStandardPerClusterHour: EKS_CONTROL_PLANE_PRICING.standardUsdPerClusterHour,
    eksExtendedPerClusterHour: EKS_CONTROL_PLANE_PRICING.extendedUsdPerClusterHour,
    spotDiscount: 0.6,
    dedicatedPremium: 0.1,
    route53HostedZonePerMonth: 0.5,
    route53StandardQueriesPerMillion: 0.4,
    route53LatencyQueriesPerMillion: 0.6,
    route53GeoQueriesPerMillion: 0.7,
    healthCheckAwsEndpoint: { perMonth: 0.5, perOptionMonth: 1 },
    healthCheckNonAwsEndpoint: { perMonth: 0.75, perOptionMonth: 2 },
    cloudfrontHttpsPer10kRequests: 0.01,
    cloudfrontDataOutPerGib: 0.085,
  },
};
