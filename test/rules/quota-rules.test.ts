import { describe, expect, it } from 'vitest';
import { EnvironmentFleet, EnvironmentProfile, RegionalCluster } from '../../lib';
import { newFleet, validationError } from '../helpers/fleets';

describe('regional quotas', () => {
  it('warn when two production clusters in one region need six Elastic IPs (default quota five)', () => {
    const fleet = newFleet();
    const prod = new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'] });
    prod.addCluster('eu-west-1', {}, 'eu-west-1-b');
    new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-1'], profile: EnvironmentProfile.economy() });
    expect(fleet.resolve().warnings).toEqual([{
      path: 'acme',
      rule: 'regional-quotas',
      message: 'region eu-west-1 needs 7 Elastic IPs for the NAT gateways of production-eu-west-1 (3), production-eu-west-1-b (3), staging-eu-west-1 (1); the default quota is 5 per region (EC2-VPC Elastic IPs, L-0263D0A3): request an increase in Service Quotas before deploying, or give a cluster the economy profile (one NAT gateway)',
    }]);
  });

  it('warn when a region holds more VPCs than the default quota, counting the default VPC', () => {
    const fleet = newFleet();
    for (const id of ['a', 'b', 'c', 'd', 'e']) new RegionalCluster(fleet, id, { region: 'us-east-2', profile: EnvironmentProfile.economy() });
    expect(fleet.resolve().warnings.map((w) => w.message)).toEqual([
      'region us-east-2 needs 6 VPCs (5 clusters and the account\'s default VPC); the default quota is 5 per region (VPCs per Region, L-F678F1CE): request an increase in Service Quotas before deploying, or delete the default VPC',
    ]);
  });

  it('are warnings a strict synth refuses', () => {
    const fleet = newFleet();
    const prod = new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'] });
    prod.addCluster('eu-west-1', {}, 'eu-west-1-b');
    expect(() => fleet.assemble()).not.toThrow();
    expect(validationError(fleet, { strict: true }).problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^region eu-west-1 needs 6 Elastic IPs .* \(warning regional-quotas, refused by strict synth\)$/),
    ]);
  });

  it('stay quiet for clusters spread over regions', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1', 'us-east-1', 'ap-southeast-1'] });
    expect(fleet.resolve().warnings).toEqual([]);
  });
});
