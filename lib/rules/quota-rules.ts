/**
 * Regional quotas a fleet runs into at deploy: AWS defaults, adjustable in
 * Service Quotas. Warnings, not problems: an account may have raised them.
 * Source: Amazon VPC quotas and Amazon EC2 Elastic IP quotas (AWS documentation), read 2026-11-24.
 */
import type { FleetModel, ResolvedCluster } from '../model/resolved';
import { FleetRule, RuleFinding, warning } from './rule';

/** A default quota of one region of one account. */
export interface RegionalQuota {
  readonly name: string;
  /** Service Quotas code, for the increase request. */
  readonly code: string;
  readonly limit: number;
}

/** VPCs per Region (the default VPC, which every account starts with, counts too). */
export const VPCS_PER_REGION: RegionalQuota = { name: 'VPCs per Region', code: 'L-F678F1CE', limit: 5 };

/** EC2-VPC Elastic IPs per region: one per NAT gateway. */
export const ELASTIC_IPS_PER_REGION: RegionalQuota = { name: 'EC2-VPC Elastic IPs', code: 'L-0263D0A3', limit: 5 };

/** NAT gateways a cluster's network takes: one per zone, or one. */
function natGateways(c: ResolvedCluster): number {
  return c.network === undefined ? 0 : c.network.natGateways === 'single' ? 1 : c.network.privateSubnets.length;
}

/** The fleet's clusters in one region and one account must fit the region's default VPC and Elastic IP quotas. */
export const regionalQuotas: FleetRule = {
  id: 'regional-quotas',
  description: 'each region has room for the fleet\'s VPCs and NAT gateway Elastic IPs under the default quotas',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const byRegion = new Map<string, ResolvedCluster[]>();
    for (const c of model.clusters) byRegion.set(c.region, [...(byRegion.get(c.region) ?? []), c]);
    for (const [region, clusters] of [...byRegion].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const increase = 'request an increase in Service Quotas before deploying';
      const vpcs = clusters.length + 1;
      if (vpcs > VPCS_PER_REGION.limit) {
        yield warning(model.fleet.path, `region ${region} needs ${vpcs} VPCs (${clusters.length} clusters and the account's default VPC); the default quota is ${VPCS_PER_REGION.limit} per region (${VPCS_PER_REGION.name}, ${VPCS_PER_REGION.code}): ${increase}, or delete the default VPC`);
      }
      const ips = clusters.reduce((n, c) => n + natGateways(c), 0);
      if (ips > ELASTIC_IPS_PER_REGION.limit) {
        const each = clusters.map((c) => `${c.id} (${natGateways(c)})`).join(', ');
        yield warning(model.fleet.path, `region ${region} needs ${ips} Elastic IPs for the NAT gateways of ${each}; the default quota is ${ELASTIC_IPS_PER_REGION.limit} per region (${ELASTIC_IPS_PER_REGION.name}, ${ELASTIC_IPS_PER_REGION.code}): ${increase}, or give a cluster the economy profile (one NAT gateway)`);
      }
    }
  },
};

/** The rules of regional quotas, in the order they run. */
export const QUOTA_RULES: readonly FleetRule[] = [regionalQuotas];
