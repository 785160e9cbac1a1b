import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { externalSecretsPolicy } from '../../catalog/external-secrets-policy';
import { checkPolicyDocument, POD_IDENTITY_TRUST_POLICY, toPolicyDocument } from '../../catalog/iam-policies';

/** What the External Secrets Operator of one cluster may read: the model's regions and prefix. */
export interface ExternalSecretsAccess {
  readonly regions: readonly string[];
  readonly prefix: string;
}

/**
 * The External Secrets Operator's role: trusted only by EKS Pod Identity, with
 * an inline policy reading the fleet's secrets in the account the stack
 * deploys to (`aws.getCallerIdentity`), in the regions the cluster's stores read.
 */
export function externalSecretsRole(name: string, access: ExternalSecretsAccess, tags: Record<string, string>, parent: pulumi.Resource): aws.iam.Role {
  const role = new aws.iam.Role(name, {
    assumeRolePolicy: JSON.stringify(toPolicyDocument(POD_IDENTITY_TRUST_POLICY)),
    tags,
  }, { parent });
  const accountId = aws.getCallerIdentityOutput({}, { parent }).accountId;
  new aws.iam.RolePolicy(`${name}-policy`, {
    role: role.name,
    policy: accountId.apply((id) => {
      const doc = toPolicyDocument(externalSecretsPolicy({ accountId: id, regions: access.regions, prefix: access.prefix }));
      const problems = checkPolicyDocument(doc);
      if (problems.length > 0) throw new Error(`the policy of role ${name} is not valid: ${problems.join('; ')} (this is a bug in fleetform)`);
      return JSON.stringify(doc);
    }),
  }, { parent });
  return role;
}
