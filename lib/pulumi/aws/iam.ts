import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
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

/** AWS managed policies; the partition is fixed to `aws` (commercial regions). */
export const POLICY = {
  cluster: 'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
  workerNode: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
  cni: 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
  registryRead: 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
} as const;

/** The EKS managed access policy of each access level of the model. */
export const ACCESS_POLICY: Readonly<Record<AccessLevel, string>> = {
  'cluster-admin': 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
  view: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy',
};
