/**
 * The key policies of a cluster's KMS keys: explicit, least privilege, and
 * never locking the account out.
 *
 * Every policy starts with AWS's default statement: the account's root
 * principal may do anything with the key, which lets the account's IAM
 * policies grant access to it (the deployer's among them) and keeps the key
 * administrable whoever created it.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */

/** Where a key lives: the account and partition the stack deploys to, and the cluster's region. */
export interface KeyScope {
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
}

/** One statement of a KMS key policy (principals by ARN or service). */
export interface KeyPolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: { AWS: string } | { Service: string };
  Action: string | string[];
  Resource: '*';
  Condition?: Record<string, Record<string, string>>;
}

/** A KMS key policy document. */
export interface KeyPolicyDocument {
  Version: '2012-10-17';
  Statement: KeyPolicyStatement[];
}

/** Provenance of the statements below. */
export const KMS_KEY_POLICY_SOURCES = {
  default: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html ("Allows access to the AWS account and enables IAM policies")',
  eks: 'https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html (kms:Encrypt, kms:Decrypt, kms:ListGrants, kms:DescribeKey, kms:CreateGrant for envelope encryption)',
  logs: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html (logs.<region>.amazonaws.com, kms:EncryptionContext:aws:logs:arn)',
  readOn: '2026-12-06',
} as const;

function accountRoot(scope: KeyScope): KeyPolicyStatement {
  return { Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: `arn:${scope.partition}:iam::${scope.accountId}:root` }, Action: 'kms:*', Resource: '*' };
}

/**
 * The policy of the key that encrypts a cluster's Kubernetes secrets: the
 * account administers it; the cluster's IAM role (the control plane) may
 * encrypt, decrypt and describe with it, and create grants only for AWS
 * resources (EKS's own grant).
 */
export function secretsKeyPolicy(scope: KeyScope, clusterRoleArn: string): KeyPolicyDocument {
  const role = { AWS: clusterRoleArn };
  return {
    Version: '2012-10-17',
    Statement: [
      accountRoot(scope),
      { Sid: 'ClusterRoleUsesKey', Effect: 'Allow', Principal: role, Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ListGrants'], Resource: '*' },
      {
        Sid: 'ClusterRoleGrantsToEks', Effect: 'Allow', Principal: role, Action: 'kms:CreateGrant', Resource: '*',
        Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      },
    ],
  };
}

/** The ARN of a CloudWatch Logs log group, as CloudWatch Logs puts it in the encryption context. */
export function logGroupArn(scope: KeyScope, logGroup: string): string {
  return `arn:${scope.partition}:logs:${scope.region}:${scope.accountId}:log-group:${logGroup}`;
}

/**
 * The policy of the key that encrypts a cluster's control-plane log group: the
 * account administers it; CloudWatch Logs of the cluster's region may use it
 * only for that one log group (the encryption context it binds to the data).
 */
export function logsKeyPolicy(scope: KeyScope, logGroup: string): KeyPolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      accountRoot(scope),
      {
        Sid: 'CloudWatchLogsUsesKeyForLogGroup', Effect: 'Allow', Principal: { Service: `logs.${scope.region}.amazonaws.com` },
        Action: ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'], Resource: '*',
        Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn(scope, logGroup) } },
      },
    ],
  };
}
