/**
 * The IAM policy of the External Secrets Operator's own role: read the fleet's
 * secrets (names starting with the fleet's prefix) in the regions the cluster's
 * stores read, and nothing else. Secrets Manager decrypts with KMS on the
 * caller's behalf: with the AWS managed key `aws/secretsmanager` the caller
 * needs no KMS permission, with a customer managed key it needs `kms:Decrypt`,
 * allowed here only through Secrets Manager in those regions and only for the
 * fleet's secrets (the key's own policy must allow it too).
 */
import type { PolicyDefinition } from './iam-policies';

/** What the operator of one cluster may read. */
export interface ExternalSecretsScope {
  /** The AWS account holding the secrets (the cluster's own). */
  readonly accountId: string;
  /** The regions its stores read, sorted. */
  readonly regions: readonly string[];
  /** The secrets' name prefix, such as `acme/`. */
  readonly prefix: string;
}

/** The ARNs of the fleet's secrets in `region`: Secrets Manager appends `-` and 6 random characters to a secret's name. */
function secretArns(scope: ExternalSecretsScope): string[] {
  return scope.regions.map((region) => `arn:aws:secretsmanager:${region}:${scope.accountId}:secret:${scope.prefix}*`);
}

/** The operator's policy for `scope` (commercial `aws` partition). */
export function externalSecretsPolicy(scope: ExternalSecretsScope): PolicyDefinition {
  if (scope.regions.length === 0) throw new Error('the External Secrets Operator was given no region to read secrets in (this is a bug in fleetform)');
  return {
    name: 'ExternalSecretsReadFleetSecrets',
    description: `Read the secrets named ${scope.prefix}* in ${scope.regions.join(', ')}`,
    source:
      'https://github.com/external-secrets/external-secrets/blob/v2.9.0/docs/provider/aws-secrets-manager.md ("IAM Policy": GetSecretValue and DescribeSecret on a name prefix; ' +
      'ListSecrets and BatchGetSecretValue only for dataFrom find, which fleetform does not write; GetResourcePolicy and ListSecretVersionIds left out); ' +
      'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html (kms:Decrypt through secretsmanager.<region>.amazonaws.com, encryption context SecretARN)',
    readOn: '2026-12-06',
    statements: [
      { sid: 'ReadFleetSecrets', effect: 'Allow', actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], resources: secretArns(scope) },
      {
        sid: 'DecryptFleetSecretsThroughSecretsManager', effect: 'Allow', actions: ['kms:Decrypt'], resources: ['*'],
        conditions: [
          { operator: 'StringEquals', key: 'kms:ViaService', values: scope.regions.map((r) => `secretsmanager.${r}.amazonaws.com`) },
          { operator: 'StringLike', key: 'kms:EncryptionContext:SecretARN', values: secretArns(scope) },
        ],
      },
    ],
  };
}
