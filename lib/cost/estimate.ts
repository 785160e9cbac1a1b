/**
 * The monthly cost estimate of a fleet: what the Pulumi binding creates for
 * each cluster (EKS control plane, managed node groups and their root volumes
 * — an EKS Auto Mode cluster's nodes and fee are left out, with a note —
 * NAT gateways with their Elastic IPs, the ALB the load balancer controller
 * builds from the cluster's Ingresses, the secrets key, the control-plane log
 * group) and for the load balancers (hosted zones it creates, health checks,
 * Route 53 queries, CloudFront), priced from fleetform's dated table. Pure:
 * same fleet, options and table, same report.
 */
import { AWS_PRICE_SOURCES, AWS_PRICES, PriceSource, PriceSourceKey, PriceTable } from '../catalog/aws-prices';
import { supportStatus } from '../catalog/eks-support';
import { isIsoDate } from '../catalog/iso-date';
import { ComputeMode, NatGateways } from '../environment-profile';
import { FleetProblem, FleetValidationError } from '../errors';
import type { ResolvedCluster, ResolvedFleet, ResolvedLoadBalancer } from '../model/resolved';
import { byCodeUnit } from '../naming';
import { CapacityType } from '../node-pool';
import type { FleetAssembly } from '../synth/assembly';
import { Tenancy } from '../tenancy';
import { compareLayouts } from './compare';
import { albOf, cents, dollars, line, natGatewaysOf, plural, sumLines, zonesOf } from './lines';
import { applyPriceOverrides, checkPriceOverrides, COST_OPTIONS_PATH, PriceOverrides, regionPrices } from './prices';
import type { ClusterCost, CostLine, CostReport, EnvironmentCost } from './report';
import { checkUsage, DEFAULT_USAGE, USAGE_DESCRIPTIONS, UsageAssumptions } from './usage';

/** Options of {@link estimateCost}. */
export interface CostOptions {
  /** Prices to use instead of fleetform's table (checked: unknown regions, types or fields and negative prices are refused). */
  readonly prices?: PriceOverrides;
  /** Usage to assume instead of the defaults ({@link DEFAULT_USAGE}). */
  readonly usage?: Partial<UsageAssumptions>;
  /**
   * The day EKS support phases are judged on (`YYYY-MM-DD`).
   * @default - the fleet's support date
   */
  readonly supportDate?: string;
}

function clusterCost(c: ResolvedCluster, fleet: ResolvedFleet, table: PriceTable, usage: UsageAssumptions, supportDate: string, notes: Set<string>): ClusterCost {
  const h = table.hoursPerMonth;
  const g = table.global;
  const { prices, own } = regionPrices(table, c.region);
  const lines: CostLine[] = [];
  const support = supportStatus(c.kubernetesVersion, supportDate);
  const extended = support.status === 'extended' || support.status === 'ended';
  if (support.status === 'ended') notes.add(`${c.id}: Kubernetes ${c.kubernetesVersion} is past EKS extended support on ${supportDate}; priced at the extended-support rate`);
  if (support.status === 'extended' && c.supportType === 'STANDARD') {
    notes.add(`${c.id}: Kubernetes ${c.kubernetesVersion} is past EKS standard support on ${supportDate} but the cluster's upgrade policy is STANDARD, which lets AWS upgrade it (synth refuses it); priced at the extended-support rate it costs until then`);
  }
  if (support.status === 'unknown') notes.add(`${c.id}: Kubernetes ${c.kubernetesVersion} has no EKS support phase on ${supportDate}; priced at the standard-support rate`);
  lines.push(line('control-plane', 'EKS', `control plane, Kubernetes ${c.kubernetesVersion} (${extended ? 'extended' : 'standard'} support)`, h,
    'cluster-hour', extended ? g.eksExtendedPerClusterHour : g.eksStandardPerClusterHour, 'eks'));

  if (c.computeMode === ComputeMode.AUTO_MODE) {
    notes.add(`${c.id}: EKS Auto Mode launches the nodes the apps need, so their EC2 instances, root volumes and Auto Mode's management fee `
      + '(charged per instance-hour on top of EC2, varying by instance type and region; fleetform\'s price table has no figure for it) are not included');
  }
  const dedicated = c.tenancy === Tenancy.DEDICATED;
  for (const pool of c.nodePools) {
    const count = usage.nodeCount === 'min' ? pool.minSize : usage.nodeCount === 'max' ? pool.maxSize : pool.desiredSize;
    const type = pool.instanceTypes[0] ?? '';
    const onDemand = prices.ec2OnDemandPerHour[type];
    if (pool.instanceTypes.length > 1) notes.add(`node pools with several instance types are priced at their first (preferred) type`);
    const spot = pool.capacityType === CapacityType.SPOT;
    if (onDemand === undefined) {
      notes.add(`${c.id}: node pool "${pool.name}" uses ${type}, which the price table does not list; its nodes are not counted (give prices.regions["${c.region}"].ec2OnDemandPerHour["${type}"])`);
    } else {
      const price = onDemand * (spot ? 1 - g.spotDiscount : 1) * (dedicated ? 1 + g.dedicatedPremium : 1);
      const how = [spot ? 'spot' : 'on-demand', ...(dedicated ? ['dedicated'] : [])].join(', ');
      lines.push(line('nodes', 'EC2', `${pool.name}: ${count} × ${type} ${how}`, count * h, 'instance-hour', price, spot || dedicated ? (spot ? 'spot' : 'dedicated') : 'ec2'));
    }
    lines.push(line('node-volumes', 'EBS', `${pool.name}: ${count} × ${pool.diskSizeGiB} GiB gp3 root volume`, count * pool.diskSizeGiB, 'GiB-month', prices.ebsGp3PerGibMonth, 'ebs'));
  }

  const nats = natGatewaysOf(c);
  lines.push(line('nat-gateways', 'VPC', `${plural(nats, 'NAT gateway')} (${c.network?.natGateways ?? NatGateways.PER_ZONE})`, nats * h, 'gateway-hour', prices.natGatewayPerHour, 'nat'));
  lines.push(line('nat-addresses', 'VPC', `${plural(nats, 'Elastic IP')} of the NAT gateways`, nats * h, 'address-hour', prices.publicIpv4PerHour, 'ipv4'));
  lines.push(line('nat-data', 'VPC', 'data processed by the NAT gateways', usage.natDataGibPerCluster, 'GiB', prices.natGatewayPerGib, 'nat', 'natDataGibPerCluster'));

  const { alb, internetFacing } = albOf(c, fleet.loadBalancers);
  if (alb) {
    lines.push(line('load-balancer', 'ELB', 'ALB of the cluster\'s Ingresses', h, 'ALB-hour', prices.albPerHour, 'elb'));
    lines.push(line('load-balancer-lcus', 'ELB', `ALB capacity units (${usage.albLcus} LCU)`, usage.albLcus * h, 'LCU-hour', prices.albPerLcuHour, 'elb', 'albLcus'));
    if (internetFacing) {
      const zones = zonesOf(c);
      lines.push(line('load-balancer-addresses', 'VPC', `${plural(zones, 'public IPv4 address', 'public IPv4 addresses')} of the internet-facing ALB`, zones * h, 'address-hour', prices.publicIpv4PerHour, 'ipv4'));
    }
  }

  lines.push(line('kms-key', 'KMS', 'key encrypting Kubernetes secrets', 1, 'key-month', prices.kmsKeyPerMonth, 'kms'));
  lines.push(line('kms-key', 'KMS', 'key encrypting the control-plane logs', 1, 'key-month', prices.kmsKeyPerMonth, 'kms'));
  notes.add('each cluster\'s two keys (secrets, control-plane logs) rotate yearly: each of a key\'s first two rotations adds one key-month per month');
  lines.push(line('log-ingestion', 'CloudWatch Logs', 'control-plane logs ingested', usage.controlPlaneLogGibPerCluster, 'GiB', prices.logsIngestionPerGib, 'logs', 'controlPlaneLogGibPerCluster'));
  lines.push(line('log-storage', 'CloudWatch Logs', `control-plane logs kept ${usage.logRetentionDays} days`,
    Math.round(usage.controlPlaneLogGibPerCluster * usage.logRetentionDays / 30 * 100) / 100, 'GiB-month', prices.logsStoragePerGibMonth, 'logs', 'logRetentionDays'));

  return {
    id: c.id, path: c.path, environment: c.environment, region: c.region, kubernetesVersion: c.kubernetesVersion,
    supportPhase: support.status, regionPriced: own, lines, monthly: sumLines(lines),
  };
}

/** The root record's routing of a load balancer's first tree, which sets the price of its queries. */
function queryRate(lb: ResolvedLoadBalancer, table: PriceTable): { price: number; policy: string } {
  const kind = lb.trees[0]?.routing.kind ?? 'latency';
  const g = table.global;
  if (lb.targets.length <= 1) return { price: g.route53StandardQueriesPerMillion, policy: 'simple' };
  if (kind === 'geolocation') return { price: g.route53GeoQueriesPerMillion, policy: 'geolocation' };
  if (kind === 'latency') return { price: g.route53LatencyQueriesPerMillion, policy: 'latency' };
  return { price: g.route53StandardQueriesPerMillion, policy: kind };
}

function sharedLines(fleet: ResolvedFleet, table: PriceTable, usage: UsageAssumptions, notes: Set<string>): CostLine[] {
  const g = table.global;
  const lines: CostLine[] = [];
  // Dedicated Instances: one fee per region in which any runs.
  const dedicatedRegions = [...new Set(fleet.clusters.filter((c) => c.tenancy === Tenancy.DEDICATED).map((c) => c.region))].sort(byCodeUnit);
  for (const region of dedicatedRegions) {
    lines.push(line('dedicated-fee', 'EC2', `Dedicated Instances region fee, ${region}`, table.hoursPerMonth, 'region-hour', regionPrices(table, region).prices.dedicatedRegionFeePerHour, 'dedicated'));
  }
  const created = [...new Set(fleet.loadBalancers.filter((lb) => lb.hostedZone.zoneId === undefined).map((lb) => lb.hostedZone.name))].sort(byCodeUnit);
  for (const zone of created) lines.push(line('hosted-zone', 'Route 53', `hosted zone ${zone}`, 1, 'zone-month', g.route53HostedZonePerMonth, 'route53'));
  if (fleet.loadBalancers.some((lb) => lb.hostedZone.zoneId !== undefined)) notes.add('hosted zones given by id exist already and are not counted');
  const hc = usage.healthCheckEndpoints === 'aws' ? g.healthCheckAwsEndpoint : g.healthCheckNonAwsEndpoint;
  for (const lb of fleet.loadBalancers) {
    const checks = lb.trees.reduce((n, t) => n + t.leaves.length, 0);
    const options = ['HTTPS', ...(lb.healthCheck.intervalSeconds < 30 ? ['fast interval'] : [])];
    lines.push(line('health-checks', 'Route 53', `${lb.name}: ${plural(checks, 'health check')} (${usage.healthCheckEndpoints === 'aws' ? 'AWS' : 'non-AWS'} endpoints)`, checks, 'check-month', hc.perMonth, 'route53', 'healthCheckEndpoints'));
    lines.push(line('health-check-options', 'Route 53', `${lb.name}: health check options (${options.join(', ')})`, checks * options.length, 'option-month', hc.perOptionMonth, 'route53'));
    if (lb.edge === 'cloudfront') {
      lines.push(line('cloudfront-requests', 'CloudFront', `${lb.name}: HTTPS requests`, usage.cloudfrontRequestsPerDistribution / 10_000, '10k requests', g.cloudfrontHttpsPer10kRequests, 'cloudfront', 'cloudfrontRequestsPerDistribution'));
      lines.push(line('cloudfront-data', 'CloudFront', `${lb.name}: data out to users`, usage.cloudfrontDataOutGibPerDistribution, 'GiB', g.cloudfrontDataOutPerGib, 'cloudfront', 'cloudfrontDataOutGibPerDistribution'));
      notes.add('a CloudFront host name is an alias of its distribution, whose queries Route 53 answers free; CloudFront\'s own lookups of the origin names are not counted');
    } else {
      const rate = queryRate(lb, table);
      lines.push(line('dns-queries', 'Route 53', `${lb.name}: ${rate.policy} queries`, usage.dnsQueriesPerLoadBalancer / 1_000_000, 'million queries', rate.price, 'route53', 'dnsQueriesPerLoadBalancer'));
    }
  }
  return lines;
}

/** What the estimate leaves out. */
export const COST_EXCLUSIONS: readonly string[] = [
  'data transfer: out to the internet (from ALBs and NAT gateways), between regions and between availability zones',
  'taxes, free tiers, Savings Plans, Reserved Instances, negotiated discounts and credits',
  'the apps\' own AWS use (databases, queues, object storage, persistent volumes) and EBS snapshots',
  'KMS requests, CloudWatch metrics and alarms, and anything created outside fleetform',
  'what AWS does not charge for: VPCs, subnets, route tables, internet gateways, IAM, public ACM certificates',
];

/** Problems of `options`; empty when they can be used. */
export function checkCostOptions(options: unknown): FleetProblem[] {
  if (options === undefined) return [];
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return [{ path: COST_OPTIONS_PATH, message: `options is ${JSON.stringify(options)}; give an object such as { usage: { nodeCount: 'max' } }` }];
  }
  const o = options as Record<string, unknown>;
  const problems = Object.keys(o).filter((k) => !['prices', 'usage', 'supportDate'].includes(k))
    .map((k) => ({ path: COST_OPTIONS_PATH, message: `options has no field "${k}"; use prices, usage or supportDate` }));
  if (o.supportDate !== undefined && !isIsoDate(o.supportDate)) problems.push({ path: COST_OPTIONS_PATH, message: `supportDate ${JSON.stringify(o.supportDate)} is not a calendar day; give one such as "2026-12-04"` });
  return [...problems, ...checkPriceOverrides(o.prices), ...checkUsage(o.usage)];
}

/**
 * An estimate of what `fleet` costs per month on AWS, from fleetform's dated
 * price table (with `options.prices` laid over it) and the usage it assumes
 * (`options.usage`), per cluster, per environment, for the shared edge
 * services, in total, and against one cluster of the same capacity. Throws a
 * {@link FleetValidationError} listing every problem of the options.
 *
 * @example formatCostReport(estimateCost(fleet.assemble()))
 */
export function estimateCost(fleet: ResolvedFleet | FleetAssembly, options: CostOptions = {}): CostReport {
  const resolved: ResolvedFleet = 'topology' in fleet ? fleet.fleet : fleet;
  const problems = checkCostOptions(options);
  if (problems.length > 0) throw new FleetValidationError(problems);
  const table = applyPriceOverrides(AWS_PRICES, options.prices);
  const usage: UsageAssumptions = { ...DEFAULT_USAGE, ...(options.usage ?? {}) };
  const supportDate = options.supportDate ?? resolved.supportDate;
  const notes = new Set<string>();

  const clusters = resolved.clusters.map((c) => clusterCost(c, resolved, table, usage, supportDate, notes));
  const unpriced = [...new Set(clusters.filter((c) => !c.regionPriced).map((c) => c.region))].sort(byCodeUnit);
  if (unpriced.length > 0) {
    notes.add(`the price table has no prices of ${unpriced.join(', ')}: priced at us-east-1 rates, which are among the lowest (give prices.regions["<region>"] for exact figures)`);
  }
  const environments: EnvironmentCost[] = [...new Set(clusters.map((c) => c.environment))].sort(byCodeUnit).map((environment) => {
    const members = clusters.filter((c) => c.environment === environment);
    return { environment, clusters: members.map((c) => c.id).sort(byCodeUnit), monthly: sumLines(members) };
  });
  const shared = sharedLines(resolved, table, usage, notes);
  const sharedMonthly = sumLines(shared);
  const monthly = dollars(cents(sumLines(clusters)) + cents(sharedMonthly));

  const used = new Set<PriceSourceKey>([...clusters.flatMap((c) => c.lines), ...shared].map((l) => l.source));
  const sources: Partial<Record<PriceSourceKey, PriceSource>> = {};
  for (const key of (Object.keys(AWS_PRICE_SOURCES) as PriceSourceKey[]).filter((k) => used.has(k))) sources[key] = AWS_PRICE_SOURCES[key];
  if (options.prices) notes.add('some prices are the caller\'s own (options.prices), not the table\'s');

  return {
    fleet: resolved.fleet.name,
    currency: 'USD',
    hoursPerMonth: table.hoursPerMonth,
    pricesReadOn: table.readOn,
    supportDate,
    clusters,
    environments,
    shared,
    sharedMonthly,
    monthly,
    comparison: compareLayouts(resolved, clusters, table, usage, monthly),
    assumptions: (Object.keys(DEFAULT_USAGE) as (keyof UsageAssumptions)[]).map((name) => ({ name, value: usage[name], description: USAGE_DESCRIPTIONS[name] })),
    sources,
    notes: [...notes].sort(byCodeUnit),
    excludes: COST_EXCLUSIONS,
  };
}
