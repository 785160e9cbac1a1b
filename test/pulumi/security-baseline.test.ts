/**
 * The security baseline of every cluster under Pulumi mocks: both KMS keys
 * (Kubernetes secrets, control-plane logs) with an alias and an explicit key
 * policy, the log group encrypted with its key, and the EKS upgrade policy.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recorded } from './mocks';
import { mockedBinding, settle } from './mocks';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

const m = mockedBinding();
const ACCOUNT = '111122223333';

let added: Recorded[];
beforeAll(async () => {
  const { EnvironmentFleet, EnvironmentProfile, Fleet, RegionalCluster } = m.lib;
  const build = (addressLock: ReturnType<typeof m.lib.AddressLock.none>) => {
    const fleet = new Fleet('sec', { addressLock, supportDate: TEST_SUPPORT_DATE });
    new EnvironmentFleet(fleet, 'prod', { regions: ['eu-west-1'] });
    new EnvironmentFleet(fleet, 'legacy', { regions: ['us-east-1'], kubernetesVersion: '1.34', profile: EnvironmentProfile.production({ extendedSupport: true }) });
    new RegionalCluster(fleet, 'lab', { region: 'eu-west-3', extendedSupport: true });
    return fleet;
  };
  const fleet = build(m.lib.AddressLock.of(build(m.lib.AddressLock.none()).resolve().addressLock.next));
  const before = m.recorded.length;
  new m.binding.FleetDeployment('baseline', { fleet, applyManifests: false });
  await settle(m.recorded);
  added = m.recorded.slice(before);
});

const one = (type: string, name: string) => {
  const found = added.filter((r) => r.type === type && r.name === name);
  expect(found.map((r) => r.name), `${type} ${name}`).toEqual([name]);
  return found[0]!;
};
const policyOf = (r: Recorded) => JSON.parse(r.inputs.policy as string) as { Version: string; Statement: Record<string, any>[] };
const ROOT = { Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };

describe('the key of Kubernetes secrets', () => {
  it('has an alias named after the EKS cluster, targeting it', () => {
    const key = one('aws:kms/key:Key', 'prod-eu-west-1-secrets');
    const alias = one('aws:kms/alias:Alias', 'prod-eu-west-1-secrets-alias');
    expect(alias.inputs).toEqual({ name: 'alias/sec-prod-eu-west-1-secrets', targetKeyId: 'prod-eu-west-1-secrets-id' });
    expect(key.inputs.enableKeyRotation).toBe(true);
  });

  it('has a policy: the account administers it, the cluster role alone uses it, and grants only to AWS resources', () => {
    const key = one('aws:kms/key:Key', 'prod-eu-west-1-secrets');
    const role = one('aws:iam/role:Role', 'prod-eu-west-1-cluster-role');
    const clusterRoleArn = `arn:aws:mock:::${role.name}`;
    expect(policyOf(key)).toEqual({
      Version: '2012-10-17',
      Statement: [
        ROOT,
        { Sid: 'ClusterRoleUsesKey', Effect: 'Allow', Principal: { AWS: clusterRoleArn }, Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ListGrants'], Resource: '*' },
        { Sid: 'ClusterRoleGrantsToEks', Effect: 'Allow', Principal: { AWS: clusterRoleArn }, Action: 'kms:CreateGrant', Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } },
      ],
    });
    const cluster = one('aws:eks/cluster:Cluster', 'prod-eu-west-1-eks');
    expect(cluster.inputs.encryptionConfig).toEqual({ resources: ['secrets'], provider: { keyArn: 'arn:aws:mock:::prod-eu-west-1-secrets' } });
  });
});

describe('the control-plane log group', () => {
  it('is encrypted with a key of its own, aliased, which CloudWatch Logs of the region may use for that log group alone', () => {
    for (const [id, region, eks] of [['prod-eu-west-1', 'eu-west-1', 'sec-prod-eu-west-1'], ['legacy-us-east-1', 'us-east-1', 'sec-legacy-us-east-1']] as const) {
      const key = one('aws:kms/key:Key', `${id}-logs-key`);
      const logs = one('aws:cloudwatch/logGroup:LogGroup', `${id}-logs`);
      expect(logs.inputs.kmsKeyId).toBe(`arn:aws:mock:::${id}-logs-key`);
      expect(logs.inputs.name).toBe(`/aws/eks/${eks}/cluster`);
      expect(one('aws:kms/alias:Alias', `${id}-logs-key-alias`).inputs).toEqual({ name: `alias/${eks}-logs`, targetKeyId: `${id}-logs-key-id` });
      expect(policyOf(key)).toEqual({
        Version: '2012-10-17',
        Statement: [
          ROOT,
          {
            Sid: 'CloudWatchLogsUsesKeyForLogGroup', Effect: 'Allow', Principal: { Service: `logs.${region}.amazonaws.com` },
            Action: ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'], Resource: '*',
            Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${ACCOUNT}:log-group:/aws/eks/${eks}/cluster` } },
          },
        ],
      });
      // Kept like the secrets key: the logs it encrypts are unreadable without it.
      expect([key.options.protect, key.options.retainOnDelete]).toEqual([true, true]);
    }
  });

  it('gives every cluster exactly two keys and two aliases, with distinct alias names', () => {
    const keys = added.filter((r) => r.type === 'aws:kms/key:Key').map((r) => r.name).sort();
    expect(keys).toEqual([
      'lab-logs-key', 'lab-secrets', 'legacy-us-east-1-logs-key', 'legacy-us-east-1-secrets', 'prod-eu-west-1-logs-key', 'prod-eu-west-1-secrets',
    ]);
    const aliases = added.filter((r) => r.type === 'aws:kms/alias:Alias').map((r) => r.inputs.name as string);
    expect(new Set(aliases).size).toBe(6);
    for (const a of aliases) expect(a).toMatch(/^alias\/sec-[a-z0-9-]+-(secrets|logs)$/);
  });
});

describe('the EKS upgrade policy', () => {
  it('is STANDARD by default and EXTENDED where the profile or the cluster opts in', () => {
    const policy = (id: string) => one('aws:eks/cluster:Cluster', `${id}-eks`).inputs.upgradePolicy;
    expect(policy('prod-eu-west-1')).toEqual({ supportType: 'STANDARD' });
    expect(policy('legacy-us-east-1')).toEqual({ supportType: 'EXTENDED' });
    expect(policy('lab')).toEqual({ supportType: 'EXTENDED' });
  });
});
