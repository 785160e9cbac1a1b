/**
 * The usage the cost estimate assumes where the fleet does not say: traffic,
 * log volume, node counts. Every figure is named, documented and overridable
 * (`estimateCost(fleet, { usage })`), and the report lists the ones it used.
 */
import type { FleetProblem } from '../errors';
import { COST_OPTIONS_PATH } from './prices';

/** Which of a pool's sizes the estimate counts nodes at. */
export type NodeCountBasis = 'min' | 'desired' | 'max';

/** Usage the estimate assumes. */
export interface UsageAssumptions {
  /**
   * Which size of each node pool to count: `desired` (what the pool starts with and the
   * Cluster Autoscaler moves from), `min` (the floor) or `max` (the ceiling).
   * @default 'desired'
   */
  readonly nodeCount: NodeCountBasis;
  /**
   * GiB each cluster's NAT gateways process per month (image pulls, calls out of the VPC).
   * @default 100
   */
  readonly natDataGibPerCluster: number;
  /**
   * Average load balancer capacity units each ALB uses, every hour (1 LCU: 25 new connections/s,
   * 3,000 active connections, 1 GB/h of traffic or 1,000 rule evaluations/s).
   * @default 1
   */
  readonly albLcus: number;
  /**
   * GiB of control-plane logs (api, audit, authenticator, controllerManager, scheduler) each cluster
   * sends to CloudWatch per month; the audit log dominates.
   * @default 10
   */
  readonly controlPlaneLogGibPerCluster: number;
  /**
   * Days the control-plane logs are kept (`FleetDeployment`'s `logRetentionDays`).
   * @default 90
   */
  readonly logRetentionDays: number;
  /**
   * Route 53 queries per month for each load balancer's host name that users resolve through
   * Route 53 routing (`edge: 'dns'`); a CloudFront host name is an alias of the distribution, whose queries are free.
   * @default 10_000_000
   */
  readonly dnsQueriesPerLoadBalancer: number;
  /**
   * HTTPS requests per month through each CloudFront distribution.
   * @default 10_000_000
   */
  readonly cloudfrontRequestsPerDistribution: number;
  /**
   * GiB per month each CloudFront distribution sends to users.
   * @default 500
   */
  readonly cloudfrontDataOutGibPerDistribution: number;
  /**
   * Whether Route 53 bills the leaves' health checks as checks of AWS endpoints (the leaves are
   * aliases of the fleet's own ALBs, in the same account) or of other endpoints.
   * @default 'aws'
   */
  readonly healthCheckEndpoints: 'aws' | 'non-aws';
}

/** What the estimate assumes unless told otherwise. */
export const DEFAULT_USAGE: UsageAssumptions = {
  nodeCount: 'desired',
  natDataGibPerCluster: 100,
  albLcus: 1,
  controlPlaneLogGibPerCluster: 10,
  logRetentionDays: 90,
  dnsQueriesPerLoadBalancer: 10_000_000,
  cloudfrontRequestsPerDistribution: 10_000_000,
  cloudfrontDataOutGibPerDistribution: 500,
  healthCheckEndpoints: 'aws',
};

/** What each assumption means, in the report's words. */
export const USAGE_DESCRIPTIONS: Readonly<Record<keyof UsageAssumptions, string>> = {
  nodeCount: 'node pool size counted (min, desired or max)',
  natDataGibPerCluster: 'GiB processed by each cluster\'s NAT gateways per month',
  albLcus: 'average LCUs of each ALB',
  controlPlaneLogGibPerCluster: 'GiB of control-plane logs per cluster per month',
  logRetentionDays: 'days control-plane logs are kept',
  dnsQueriesPerLoadBalancer: 'Route 53 queries per month per DNS-routed host name',
  cloudfrontRequestsPerDistribution: 'HTTPS requests per month per CloudFront distribution',
  cloudfrontDataOutGibPerDistribution: 'GiB per month per CloudFront distribution to users',
  healthCheckEndpoints: 'health checks billed as AWS or non-AWS endpoints',
};

const CHOICES: Partial<Record<keyof UsageAssumptions, readonly string[]>> = {
  nodeCount: ['min', 'desired', 'max'],
  healthCheckEndpoints: ['aws', 'non-aws'],
};

/** Problems of `usage`; empty when it can be used. */
export function checkUsage(usage: unknown): FleetProblem[] {
  if (usage === undefined) return [];
  const problems: string[] = [];
  if (typeof usage !== 'object' || usage === null || Array.isArray(usage)) {
    problems.push(`usage is ${JSON.stringify(usage)}; give an object such as { natDataGibPerCluster: 500 }`);
  } else {
    const known = Object.keys(DEFAULT_USAGE);
    for (const [key, value] of Object.entries(usage)) {
      const choices = CHOICES[key as keyof UsageAssumptions];
      if (!known.includes(key)) problems.push(`usage has no field "${key}"; use one of ${known.join(', ')}`);
      else if (choices) {
        if (!choices.includes(value as string)) problems.push(`usage.${key} is ${JSON.stringify(value)}; use one of ${choices.map((c) => `"${c}"`).join(', ')}`);
      } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        problems.push(`usage.${key} is ${JSON.stringify(value)}; give a number, 0 or more`);
      }
    }
  }
  return problems.map((message) => ({ path: COST_OPTIONS_PATH, message }));
}
