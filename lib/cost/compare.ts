/**
 * What the multi-cluster layout costs over one cluster of the same node
 * capacity in one region, and what that buys. Pure.
 */
import type { PriceTable } from '../catalog/aws-prices';
import { NatGateways } from '../environment-profile';
import type { ResolvedFleet } from '../model/resolved';
import { byCodeUnit } from '../naming';
import { Tenancy } from '../tenancy';
import { albOf, cents, line, sumLines } from './lines';
import { regionPrices } from './prices';
import type { ClusterCost, CostKind, CostLine, LayoutComparison, OverheadItem } from './report';
import type { UsageAssumptions } from './usage';

/** The fleet's lines of the given kinds, summed. */
function fleetSum(clusters: readonly ClusterCost[], kinds: readonly CostKind[]): number {
  return sumLines(clusters.flatMap((c) => c.lines).filter((l) => kinds.includes(l.kind)));
}

/** Compares the fleet's per-cluster fixed costs with those of one cluster. */
export function compareLayouts(fleet: ResolvedFleet, clusters: readonly ClusterCost[], table: PriceTable, usage: UsageAssumptions, monthly: number): LayoutComparison {
  // The region where the fleet runs the most node-hours (ties: the first by name).
  const nodeHours = new Map<string, number>();
  for (const c of clusters) nodeHours.set(c.region, (nodeHours.get(c.region) ?? 0) + c.lines.filter((l) => l.kind === 'nodes').reduce((s, l) => s + l.quantity, 0));
  const region = [...nodeHours].sort(([a, x], [b, y]) => y - x || byCodeUnit(a, b))[0]?.[0] ?? 'us-east-1';
  const h = table.hoursPerMonth;
  const prices = regionPrices(table, region).prices;
  const zones = Math.max(3, ...fleet.clusters.map((c) => c.network?.publicSubnets.length ?? 3));
  const perZone = fleet.clusters.some((c) => c.network?.natGateways !== NatGateways.SINGLE);
  const nats = perZone ? zones : 1;
  const albs = fleet.clusters.map((c) => albOf(c, fleet.loadBalancers));
  const single: Record<string, CostLine[]> = {
    controlPlanes: [line('control-plane', 'EKS', 'control plane', h, 'cluster-hour', table.global.eksStandardPerClusterHour, 'eks')],
    nat: [
      line('nat-gateways', 'VPC', 'NAT gateways', nats * h, 'gateway-hour', prices.natGatewayPerHour, 'nat'),
      line('nat-addresses', 'VPC', 'Elastic IPs', nats * h, 'address-hour', prices.publicIpv4PerHour, 'ipv4'),
    ],
    alb: [
      ...(albs.some((a) => a.alb) ? [line('load-balancer', 'ELB', 'ALB', h, 'ALB-hour', prices.albPerHour, 'elb')] : []),
      ...(albs.some((a) => a.internetFacing) ? [line('load-balancer-addresses', 'VPC', 'ALB addresses', zones * h, 'address-hour', prices.publicIpv4PerHour, 'ipv4')] : []),
    ],
    // One cluster would have the same two keys: secrets, control-plane logs.
    kms: clusters.length > 0 ? [line('kms-key', 'KMS', 'keys', 2, 'key-month', prices.kmsKeyPerMonth, 'kms')] : [],
    logs: clusters.length > 0 ? [
      line('log-ingestion', 'CloudWatch Logs', 'ingested', usage.controlPlaneLogGibPerCluster, 'GiB', prices.logsIngestionPerGib, 'logs'),
      line('log-storage', 'CloudWatch Logs', 'kept', Math.round(usage.controlPlaneLogGibPerCluster * usage.logRetentionDays / 30 * 100) / 100, 'GiB-month', prices.logsStoragePerGibMonth, 'logs'),
    ] : [],
  };
  const item = (name: string, kinds: CostKind[], key: string): OverheadItem => {
    const f = fleetSum(clusters, kinds);
    const s = clusters.length > 0 ? sumLines(single[key]!) : 0;
    return { item: name, fleet: f, single: s, overhead: (cents(f) - cents(s)) / 100 };
  };
  const items = [
    item('EKS control planes', ['control-plane'], 'controlPlanes'),
    item('NAT gateways and their Elastic IPs', ['nat-gateways', 'nat-addresses'], 'nat'),
    item('ALBs and their public addresses', ['load-balancer', 'load-balancer-addresses'], 'alb'),
    item('KMS keys (secrets, control-plane logs)', ['kms-key'], 'kms'),
    item('control-plane logs', ['log-ingestion', 'log-storage'], 'logs'),
  ];
  const overhead = sumLines(items.map((i) => ({ monthly: i.overhead })));
  return { clusters: clusters.length, region, items, overhead, singleCluster: (cents(monthly) - cents(overhead)) / 100, buys: buys(fleet) };
}

/** What the multi-cluster layout buys, in words, from the fleet's own shape. */
function buys(fleet: ResolvedFleet): string[] {
  const out: string[] = [];
  const regions = [...new Set(fleet.clusters.map((c) => c.region))].sort(byCodeUnit);
  if (fleet.clusters.length > 1) out.push(`${fleet.clusters.length} clusters in ${regions.length} region${regions.length === 1 ? '' : 's'} (${regions.join(', ')}): one cluster's or one region's failure leaves the others serving`);
  for (const lb of fleet.loadBalancers) {
    if (lb.targets.length > 1) out.push(`load balancer ${lb.name}: users are answered by ${lb.targets.length} health-checked clusters, routed by ${lb.routing}, and moved off a failed one in about ${lb.failoverSeconds} s`);
  }
  const environments = [...new Set(fleet.clusters.map((c) => c.environment))].sort(byCodeUnit);
  if (environments.length > 1) out.push(`environments ${environments.join(', ')} each on their own control planes, networks and nodes: a change or an outage in one does not reach the others`);
  for (const z of fleet.zones) if (z.clusters.length > 0) out.push(`GDPR zone ${z.name}: its apps' data stays on ${z.clusters.join(', ')}`);
  const dedicated = fleet.clusters.filter((c) => c.tenancy === Tenancy.DEDICATED).map((c) => c.id);
  if (dedicated.length > 0 && dedicated.length < fleet.clusters.length) out.push(`dedicated hardware for ${dedicated.join(', ')} only, not for the whole fleet`);
  return out;
}
