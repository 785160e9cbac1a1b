/**
 * Least-privilege IAM policies of the platform controllers, as typed data in
 * fleetform's own structure, plus the conversion to an IAM JSON policy document.
 * An IAM policy is a list of AWS API permissions; the lists below state the same
 * permissions as the upstream sources named on each definition.
 */
import { AWS_LOAD_BALANCER_CONTROLLER } from './platform-releases';

/** An IAM condition operator used by the policies here. */
export type ConditionOperator = 'StringEquals' | 'StringLike' | 'Null';

/** One condition: operator, context key and the values it accepts. */
export interface PolicyCondition {
  /** The condition operator. */
  readonly operator: ConditionOperator;
  /** The condition context key, such as "aws:ResourceTag/elbv2.k8s.aws/cluster". */
  readonly key: string;
  /** Accepted values; for `Null`, "true" (key absent) or "false" (key present). */
  readonly values: readonly string[];
}

/** One statement of a policy. */
export interface PolicyStatement {
  /** A statement id (letters and digits only). */
  readonly sid: string;
  /** Allow or Deny. */
  readonly effect: 'Allow' | 'Deny';
  /** Service principals (trust policies only). */
  readonly servicePrincipals?: readonly string[];
  /** API actions, `service:Action`. */
  readonly actions: readonly string[];
  /** Resource ARNs or "*"; empty for a trust policy. */
  readonly resources: readonly string[];
  /** Conditions, all of which must hold. */
  readonly conditions?: readonly PolicyCondition[];
}

/** A named policy with its provenance. */
export interface PolicyDefinition {
  /** A short name, usable in an IAM policy name. */
  readonly name: string;
  /** What it is for. */
  readonly description: string;
  /** The upstream source and version the permissions were taken from. */
  readonly source: string;
  /** When the source was read. */
  readonly readOn: string;
  /** The statements. */
  readonly statements: readonly PolicyStatement[];
}

/** One statement of an IAM JSON policy document. */
export interface IamStatementJson {
  /** Statement id. */
  Sid?: string;
  /** Allow or Deny. */
  Effect: 'Allow' | 'Deny';
  /** Principal (trust policies). */
  Principal?: { Service: string | string[] };
  /** Actions. */
  Action: string | string[];
  /** Resources (absent in trust policies). */
  Resource?: string | string[];
  /** Conditions by operator, then key. */
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** An IAM JSON policy document. */
export interface IamPolicyDocumentJson {
  /** Always the current policy language version. */
  Version: '2012-10-17';
  /** The statements. */
  Statement: IamStatementJson[];
}

const one = (values: readonly string[]): string | string[] => (values.length === 1 ? (values[0] as string) : [...values]);

/** Converts a definition into an IAM JSON policy document (stable key order). */
export function toPolicyDocument(definition: PolicyDefinition): IamPolicyDocumentJson {
  return {
    Version: '2012-10-17',
    Statement: definition.statements.map((s) => {
      const json: IamStatementJson = { Sid: s.sid, Effect: s.effect, Action: one(s.actions) };
      if (s.servicePrincipals?.length) json.Principal = { Service: one(s.servicePrincipals) };
      if (s.resources.length > 0) json.Resource = one(s.resources);
      if (s.conditions?.length) {
        const condition: Record<string, Record<string, string | string[]>> = {};
        for (const c of s.conditions) (condition[c.operator] ??= {})[c.key] = one(c.values);
        json.Condition = condition;
      }
      return json;
    }),
  };
}

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*]+$/;

/**
 * Checks the shape of an IAM JSON policy document: version, statements with
 * Effect, Action and either Resource or (trust policy) Principal. Returns problems.
 */
export function checkPolicyDocument(doc: unknown): string[] {
  const problems: string[] = [];
  const d = doc as Partial<IamPolicyDocumentJson> | null;
  if (!d || typeof d !== 'object') return ['the policy document is not a JSON object; build it with toPolicyDocument()'];
  if (d.Version !== '2012-10-17') problems.push(`policy Version is ${JSON.stringify(d.Version)}; set it to "2012-10-17"`);
  if (!Array.isArray(d.Statement) || d.Statement.length === 0) return [...problems, 'the policy has no statements; add at least one'];
  const sids = new Set<string>();
  d.Statement.forEach((s, i) => {
    const at = `statement ${i}${s.Sid ? ` (${s.Sid})` : ''}`;
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') problems.push(`${at} has Effect ${JSON.stringify(s.Effect)}; use "Allow" or "Deny"`);
    const actions = typeof s.Action === 'string' ? [s.Action] : s.Action;
    if (!Array.isArray(actions) || actions.length === 0) problems.push(`${at} has no Action; list the API actions it allows`);
    else for (const a of actions) if (!ACTION.test(a)) problems.push(`${at} action "${a}" is not of the form service:Action`);
    const resources = typeof s.Resource === 'string' ? [s.Resource] : s.Resource;
    if (!s.Principal && (!Array.isArray(resources) || resources.length === 0)) problems.push(`${at} has no Resource; give ARNs or "*"`);
    if (s.Sid !== undefined) {
      if (!/^[A-Za-z0-9]+$/.test(s.Sid)) problems.push(`${at} Sid must be letters and digits only`);
      if (sids.has(s.Sid)) problems.push(`${at} repeats Sid ${s.Sid}; make it unique`);
      sids.add(s.Sid);
    }
  });
  return problems;
}

const CLUSTER_TAG = 'elbv2.k8s.aws/cluster';
const tagPresent = (scope: 'Request' | 'Resource'): PolicyCondition => ({ operator: 'Null', key: `aws:${scope}Tag/${CLUSTER_TAG}`, values: ['false'] });
const tagAbsent = (scope: 'Request' | 'Resource'): PolicyCondition => ({ operator: 'Null', key: `aws:${scope}Tag/${CLUSTER_TAG}`, values: ['true'] });
const ELB = 'arn:aws:elasticloadbalancing:*:*';
const LB_AND_TG = [`${ELB}:targetgroup/*/*`, `${ELB}:loadbalancer/net/*/*`, `${ELB}:loadbalancer/app/*/*`];

/**
 * The AWS Load Balancer Controller's published IAM policy (commercial `aws`
 * partition), for the pinned chart. Resources the controller creates carry the
 * `elbv2.k8s.aws/cluster` tag; every mutating permission is scoped by it.
 */
export const AWS_LOAD_BALANCER_CONTROLLER_POLICY: PolicyDefinition = {
  name: 'AWSLoadBalancerControllerIAMPolicy',
  description: `IAM permissions of the AWS Load Balancer Controller ${AWS_LOAD_BALANCER_CONTROLLER.appVersion} (chart ${AWS_LOAD_BALANCER_CONTROLLER.chartVersion})`,
  source: `https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/${AWS_LOAD_BALANCER_CONTROLLER.appVersion}/docs/install/iam_policy.json (16 statements; other partitions have their own iam_policy_*.json)`,
  readOn: '2026-11-24',
  statements: [
    { sid: 'CreateElbServiceLinkedRole', effect: 'Allow', actions: ['iam:CreateServiceLinkedRole'], resources: ['*'], conditions: [{ operator: 'StringEquals', key: 'iam:AWSServiceName', values: ['elasticloadbalancing.amazonaws.com'] }] },
    {
      sid: 'DescribeNetworkAndLoadBalancers', effect: 'Allow', resources: ['*'],
      actions: [
        'ec2:DescribeAccountAttributes', 'ec2:DescribeAddresses', 'ec2:DescribeAvailabilityZones', 'ec2:DescribeInternetGateways',
        'ec2:DescribeVpcs', 'ec2:DescribeVpcPeeringConnections', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups',
        'ec2:DescribeInstances', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeTags', 'ec2:GetCoipPoolUsage', 'ec2:DescribeCoipPools',
        'ec2:GetSecurityGroupsForVpc', 'ec2:DescribeIpamPools', 'ec2:DescribeRouteTables',
        'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeLoadBalancerAttributes', 'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeListenerCertificates', 'elasticloadbalancing:DescribeSSLPolicies', 'elasticloadbalancing:DescribeRules',
        'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetGroupAttributes', 'elasticloadbalancing:DescribeTargetHealth',
        'elasticloadbalancing:DescribeTags', 'elasticloadbalancing:DescribeTrustStores', 'elasticloadbalancing:DescribeListenerAttributes',
        'elasticloadbalancing:DescribeCapacityReservation',
      ],
    },
    {
      sid: 'CertificatesWafShieldCognito', effect: 'Allow', resources: ['*'],
      actions: [
        'cognito-idp:DescribeUserPoolClient', 'acm:ListCertificates', 'acm:DescribeCertificate', 'iam:ListServerCertificates', 'iam:GetServerCertificate',
        'waf-regional:GetWebACL', 'waf-regional:GetWebACLForResource', 'waf-regional:AssociateWebACL', 'waf-regional:DisassociateWebACL',
        'wafv2:GetWebACL', 'wafv2:GetWebACLForResource', 'wafv2:AssociateWebACL', 'wafv2:DisassociateWebACL',
        'shield:GetSubscriptionState', 'shield:DescribeProtection', 'shield:CreateProtection', 'shield:DeleteProtection',
      ],
    },
    { sid: 'EditSecurityGroupIngress', effect: 'Allow', actions: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'], resources: ['*'] },
    { sid: 'CreateSecurityGroup', effect: 'Allow', actions: ['ec2:CreateSecurityGroup'], resources: ['*'] },
    {
      sid: 'TagNewSecurityGroup', effect: 'Allow', actions: ['ec2:CreateTags'], resources: ['arn:aws:ec2:*:*:security-group/*'],
      conditions: [{ operator: 'StringEquals', key: 'ec2:CreateAction', values: ['CreateSecurityGroup'] }, tagPresent('Request')],
    },
    { sid: 'RetagOwnSecurityGroup', effect: 'Allow', actions: ['ec2:CreateTags', 'ec2:DeleteTags'], resources: ['arn:aws:ec2:*:*:security-group/*'], conditions: [tagAbsent('Request'), tagPresent('Resource')] },
    { sid: 'ManageOwnSecurityGroup', effect: 'Allow', actions: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup'], resources: ['*'], conditions: [tagPresent('Resource')] },
    { sid: 'CreateTaggedLoadBalancers', effect: 'Allow', actions: ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'], resources: ['*'], conditions: [tagPresent('Request')] },
    { sid: 'ManageListenersAndRules', effect: 'Allow', actions: ['elasticloadbalancing:CreateListener', 'elasticloadbalancing:DeleteListener', 'elasticloadbalancing:CreateRule', 'elasticloadbalancing:DeleteRule'], resources: ['*'] },
    { sid: 'RetagOwnLoadBalancers', effect: 'Allow', actions: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'], resources: LB_AND_TG, conditions: [tagAbsent('Request'), tagPresent('Resource')] },
    {
      sid: 'TagListenersAndRules', effect: 'Allow', actions: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
      resources: [`${ELB}:listener/net/*/*/*`, `${ELB}:listener/app/*/*/*`, `${ELB}:listener-rule/net/*/*/*`, `${ELB}:listener-rule/app/*/*/*`],
    },
    {
      sid: 'ModifyOwnLoadBalancers', effect: 'Allow', resources: ['*'], conditions: [tagPresent('Resource')],
      actions: [
        'elasticloadbalancing:ModifyLoadBalancerAttributes', 'elasticloadbalancing:SetIpAddressType', 'elasticloadbalancing:SetSecurityGroups',
        'elasticloadbalancing:SetSubnets', 'elasticloadbalancing:DeleteLoadBalancer', 'elasticloadbalancing:ModifyTargetGroup',
        'elasticloadbalancing:ModifyTargetGroupAttributes', 'elasticloadbalancing:DeleteTargetGroup', 'elasticloadbalancing:ModifyListenerAttributes',
        'elasticloadbalancing:ModifyCapacityReservation', 'elasticloadbalancing:ModifyIpPools',
      ],
    },
    {
      sid: 'TagOnCreate', effect: 'Allow', actions: ['elasticloadbalancing:AddTags'], resources: LB_AND_TG,
      conditions: [{ operator: 'StringEquals', key: 'elasticloadbalancing:CreateAction', values: ['CreateTargetGroup', 'CreateLoadBalancer'] }, tagPresent('Request')],
    },
    { sid: 'RegisterTargets', effect: 'Allow', actions: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'], resources: [`${ELB}:targetgroup/*/*`] },
    {
      sid: 'ModifyListenersRulesWaf', effect: 'Allow', resources: ['*'],
      actions: [
        'elasticloadbalancing:SetWebAcl', 'elasticloadbalancing:ModifyListener', 'elasticloadbalancing:AddListenerCertificates',
        'elasticloadbalancing:RemoveListenerCertificates', 'elasticloadbalancing:ModifyRule', 'elasticloadbalancing:SetRulePriorities',
      ],
    },
  ],
};

/** The auto-discovery tag keys Cluster Autoscaler looks for on Auto Scaling groups. */
export function clusterAutoscalerDiscoveryTags(clusterName: string): readonly [string, string] {
  return ['k8s.io/cluster-autoscaler/enabled', `k8s.io/cluster-autoscaler/${clusterName}`];
}

/** The `--node-group-auto-discovery` flag value that finds a cluster's groups by those tags. */
export function clusterAutoscalerAutoDiscoveryFlag(clusterName: string): string {
  return `asg:tag=${clusterAutoscalerDiscoveryTags(clusterName).join(',')}`;
}

const EKS_CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;

/**
 * The Cluster Autoscaler policy for one cluster: read-only discovery on "*", and
 * SetDesiredCapacity / TerminateInstanceInAutoScalingGroup only on groups that
 * carry the cluster's auto-discovery tag (any value, so it holds whatever value
 * EKS or the user set). Throws for a name EKS would not accept.
 */
export function clusterAutoscalerPolicy(clusterName: string): PolicyDefinition {
  if (!EKS_CLUSTER_NAME.test(clusterName)) {
    throw new Error(`"${clusterName}" is not an EKS cluster name; use 1–100 letters, digits, "-" or "_", starting with a letter or digit (this is a bug in fleetform: cluster names are checked at synth)`);
  }
  const [, clusterTag] = clusterAutoscalerDiscoveryTags(clusterName);
  return {
    name: `ClusterAutoscaler-${clusterName}`,
    description: `Cluster Autoscaler on the managed node groups of ${clusterName}`,
    source:
      'https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md ' +
      '("Full Cluster Autoscaler Features Policy (Recommended)", restricted as it advises "using tag based conditionals"; README as of 2025-12-11)',
    readOn: '2026-11-24',
    statements: [
      {
        sid: 'DiscoverGroupsAndInstanceTypes', effect: 'Allow', resources: ['*'],
        actions: [
          'autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeAutoScalingInstances', 'autoscaling:DescribeLaunchConfigurations',
          'autoscaling:DescribeScalingActivities', 'ec2:DescribeImages', 'ec2:DescribeInstanceTypes', 'ec2:DescribeLaunchTemplateVersions',
          'ec2:GetInstanceTypesFromInstanceRequirements', 'eks:DescribeNodegroup',
        ],
      },
      {
        sid: 'ScaleOwnGroups', effect: 'Allow', resources: ['*'],
        actions: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
        conditions: [{ operator: 'Null', key: `aws:ResourceTag/${clusterTag}`, values: ['false'] }],
      },
    ],
  };
}

/** The EKS Pod Identity service principal. */
export const POD_IDENTITY_PRINCIPAL = 'pods.eks.amazonaws.com';

/**
 * The trust policy of every role used through an EKS Pod Identity association.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 */
export const POD_IDENTITY_TRUST_POLICY: PolicyDefinition = {
  name: 'EksPodIdentityTrust',
  description: 'Lets EKS Pod Identity assume the role and tag the session for associated service accounts',
  source: 'https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html (sts:AssumeRole and sts:TagSession for pods.eks.amazonaws.com)',
  readOn: '2026-11-24',
  statements: [
    { sid: 'AllowEksAuthToAssumeRoleForPodIdentity', effect: 'Allow', servicePrincipals: [POD_IDENTITY_PRINCIPAL], actions: ['sts:AssumeRole', 'sts:TagSession'], resources: [] },
  ],
};
