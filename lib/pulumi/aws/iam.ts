import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { checkPolicyDocument, IamPolicyDocumentJson, POD_IDENTITY_TRUST_POLICY, toPolicyDocument } from '../../catalog/iam-policies';
import type { AccessLevel } from '../../model/resolved';

/** A role that AWS service `service` may assume, with the given AWS managed policies attached. */
export function serviceRole(name: string, service: string, managedPolicies: readonly string[], tags: Record<string, string>, parent: pulumi.Resource): aws.iam.Role {
  const role = new aws.iam.Role(name, {
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: ['sts:AssumeRole', ...(service === 'eks.amazonaws.com' ? ['sts:TagSession'] : [])] }],
    }),
    tags,
  }, { parent });
  managedPolicies.forEach((policy) => {
    const short = policy.split('/').pop()!;
    new aws.iam.RolePolicyAttachment(`${name}-${short}`, { role: role.name, policyArn: policy }, { parent });
  });
  return role;
}

/** What a Pod Identity role may do: one AWS managed policy, or one inline policy document. */
export type PodIdentityAccess =
  | { readonly managedPolicyArn: string }
  | { readonly policy: IamPolicyDocumentJson };

/** IAM caps the inline policies of one role at 10,240 characters (IAM and STS quotas). */
const INLINE_POLICY_MAX_CHARS = 10240;

/**
 * A role only EKS Pod Identity may assume (trust policy exactly
 * `POD_IDENTITY_TRUST_POLICY`), carrying one managed policy or one inline
 * policy and nothing else. An inline document is checked before it is registered.
 */
export function podIdentityRole(name: string, access: PodIdentityAccess, tags: Record<string, string>, parent: pulumi.Resource): aws.iam.Role {
  const role = new aws.iam.Role(name, {
    assumeRolePolicy: JSON.stringify(toPolicyDocument(POD_IDENTITY_TRUST_POLICY)),
    tags,
  }, { parent });
  if ('managedPolicyArn' in access) {
    const short = access.managedPolicyArn.split('/').pop()!;
    new aws.iam.RolePolicyAttachment(`${name}-${short}`, { role: role.name, policyArn: access.managedPolicyArn }, { parent });
  } else {
    const problems = checkPolicyDocument(access.policy);
    const text = JSON.stringify(access.policy);
    if (text.length > INLINE_POLICY_MAX_CHARS) problems.push(`it is ${text.length} characters long; IAM allows ${INLINE_POLICY_MAX_CHARS} of inline policy per role`);
    if (problems.length > 0) throw new Error(`the policy of role ${name} is not valid: ${problems.join('; ')} (this is a bug in fleetform)`);
    new aws.iam.RolePolicy(`${name}-policy`, { role: role.name, policy: text }, { parent });
  }
  return role;
}

/** AWS managed policies; the partition is fixed to `aws` (commercial regions). */
export const POLICY = {
  cluster: 'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
  workerNode: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
  cni: 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
  registryRead: 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
  /** Session Manager on the nodes: a shell without SSH, opened ports or keys, logged by Systems Manager. */
  ssm: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
} as const;

/** The EKS managed access policy of each access level of the model. */
export const ACCESS_POLICY: Readonly<Record<Exclude<AccessLevel, 'custom'>, string>> = {
  'cluster-admin': 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
  admin: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy',
  edit: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy',
  view: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy',
};
