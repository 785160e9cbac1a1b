import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { checkPolicyDocument, POD_IDENTITY_TRUST_POLICY, toPolicyDocument } from '../../catalog/iam-policies';
import { privateCaIssuerPolicy } from '../../catalog/private-ca-policy';

/**
 * The AWS Private CA issuer's role on one cluster: trusted only by EKS Pod
 * Identity, with an inline policy that issues and reads certificates of the
 * fleet's root CA (`caArn`, known once the CA exists) and nothing else.
 */
export function privateCaIssuerRole(name: string, caArn: pulumi.Input<string>, tags: Record<string, string>, parent: pulumi.Resource): aws.iam.Role {
  const role = new aws.iam.Role(name, {
    assumeRolePolicy: JSON.stringify(toPolicyDocument(POD_IDENTITY_TRUST_POLICY)),
    tags,
  }, { parent });
  new aws.iam.RolePolicy(`${name}-policy`, {
    role: role.name,
    policy: pulumi.output(caArn).apply((arn) => {
      const doc = toPolicyDocument(privateCaIssuerPolicy(arn));
      const problems = checkPolicyDocument(doc);
      if (problems.length > 0) throw new Error(`the policy of role ${name} is not valid: ${problems.join('; ')} (this is a bug in fleetform)`);
      return JSON.stringify(doc);
    }),
  }, { parent });
  return role;
}
