/** The shape of a cost estimate (see `estimateCost`). */
import type { PriceSource, PriceSourceKey } from '../catalog/aws-prices';
import type { SupportPhase } from '../catalog/eks-support';
import type { UsageAssumptions } from './usage';

/** What a line prices; the multi-cluster comparison groups lines by it. */
export type CostKind =
  | 'control-plane' | 'nodes' | 'node-volumes' | 'nat-gateways' | 'nat-addresses' | 'nat-data'
  | 'load-balancer' | 'load-balancer-addresses' | 'load-balancer-lcus' | 'kms-key' | 'log-ingestion' | 'log-storage'
  | 'dedicated-fee' | 'hosted-zone' | 'dns-queries' | 'health-checks' | 'health-check-options'
  | 'cloudfront-requests' | 'cloudfront-data';

/** One line of the estimate: quantity × unit price = monthly. */
export interface CostLine {
  readonly kind: CostKind;
  /** The AWS service billed, such as `EC2` or `Route 53`. */
  readonly service: string;
  /** What is priced, in words, such as `general: 3 × m6i.large on-demand`. */
  readonly item: string;
  /** Units per month. */
  readonly quantity: number;
  /** The unit, such as `instance-hour` or `GiB`. */
  readonly unit: string;
  /** US dollars per unit. */
  readonly unitPrice: number;
  /** US dollars per month, rounded to the cent. */
  readonly monthly: number;
  /** Where the unit price comes from: a key of the table's sources. */
  readonly source: PriceSourceKey;
  /** The usage assumption the quantity rests on, when it does. */
  readonly assumption?: keyof UsageAssumptions;
}

/** One cluster's estimate. */
export interface ClusterCost {
  readonly id: string;
  readonly path: string;
  readonly environment: string;
  readonly region: string;
  readonly kubernetesVersion: string;
  /** The version's EKS support phase on the day judged, which sets the control-plane price. */
  readonly supportPhase: SupportPhase;
  /** False when the table has no prices of the region and us-east-1's stand in. */
  readonly regionPriced: boolean;
  readonly lines: readonly CostLine[];
  readonly monthly: number;
}

/** One environment: its clusters' sum. */
export interface EnvironmentCost {
  readonly environment: string;
  /** Cluster ids, sorted. */
  readonly clusters: readonly string[];
  readonly monthly: number;
}

/** One item of what the multi-cluster layout costs over a single cluster. */
export interface OverheadItem {
  readonly item: string;
  /** What the fleet pays for it. */
  readonly fleet: number;
  /** What one cluster would pay for it. */
  readonly single: number;
  /** fleet − single. */
  readonly overhead: number;
}

/**
 * The fleet against one cluster of the same node capacity in one region: one
 * control plane (standard support), one set of NAT gateways, one load balancer,
 * one key and one cluster's control-plane logs. Nodes, volumes and traffic cost
 * the same either way; shared edge services are not compared.
 */
export interface LayoutComparison {
  readonly clusters: number;
  /** The region the single cluster is priced in: where the fleet runs the most node-hours (ties: the first by name). */
  readonly region: string;
  readonly items: readonly OverheadItem[];
  /** What the layout costs over one cluster per month. */
  readonly overhead: number;
  /** The fleet's monthly total less the overhead. */
  readonly singleCluster: number;
  /** What the extra money buys, in words. */
  readonly buys: readonly string[];
}

/** A used usage assumption. */
export interface UsedAssumption {
  readonly name: keyof UsageAssumptions;
  readonly value: number | string;
  readonly description: string;
}

/** A monthly cost estimate of a fleet, in US dollars. */
export interface CostReport {
  readonly fleet: string;
  readonly currency: 'USD';
  readonly hoursPerMonth: number;
  /** The day the price table was put together. */
  readonly pricesReadOn: string;
  /** The day EKS support phases were judged on. */
  readonly supportDate: string;
  /** Clusters, sorted by id. */
  readonly clusters: readonly ClusterCost[];
  /** Environments, sorted by name. */
  readonly environments: readonly EnvironmentCost[];
  /** Shared and global lines: CloudFront, Route 53, health checks, Dedicated Instances' region fees. */
  readonly shared: readonly CostLine[];
  readonly sharedMonthly: number;
  readonly monthly: number;
  readonly comparison: LayoutComparison;
  readonly assumptions: readonly UsedAssumption[];
  /** The sources of the prices used, by key. */
  readonly sources: Readonly<Partial<Record<PriceSourceKey, PriceSource>>>;
  /** What the reader should know about this estimate (regions priced at us-east-1 rates, …), sorted. */
  readonly notes: readonly string[];
  /** What the estimate leaves out. */
  readonly excludes: readonly string[];
}
