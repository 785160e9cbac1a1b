import { describe, expect, it } from 'vitest';
import {
  AWS_LOAD_BALANCER_CONTROLLER_POLICY, POD_IDENTITY_TRUST_POLICY, PolicyDefinition, checkPolicyDocument, clusterAutoscalerAutoDiscoveryFlag,
  clusterAutoscalerPolicy, toPolicyDocument,
} from '../../lib/catalog/iam-policies';

const POLICIES: ReadonlyArray<readonly [string, PolicyDefinition]> = [
  ['load balancer controller', AWS_LOAD_BALANCER_CONTROLLER_POLICY],
  ['cluster autoscaler', clusterAutoscalerPolicy('production-eu-west-1')],
  ['pod identity trust', POD_IDENTITY_TRUST_POLICY],
];

/** Every action a document allows, with the statement's resources and condition. */
function allows(doc: ReturnType<typeof toPolicyDocument>, action: string) {
  return doc.Statement.filter((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]).includes(action));
}

describe('policy documents', () => {
  it.each(POLICIES)('%s is a valid IAM JSON policy', (_name, definition) => {
    const doc = JSON.parse(JSON.stringify(toPolicyDocument(definition))) as unknown;
    expect(checkPolicyDocument(doc)).toEqual([]);
    const d = doc as { Version: string; Statement: Array<Record<string, unknown>> };
    expect(d.Version).toBe('2012-10-17');
    for (const s of d.Statement) {
      expect(['Allow', 'Deny']).toContain(s.Effect);
      expect(s.Action).toBeTruthy();
      expect(s.Resource ?? s.Principal).toBeTruthy();
    }
    expect(definition.source).toMatch(/^https:\/\//);
  });

  it('finds malformed documents', () => {
    expect(checkPolicyDocument({ Version: '2008-10-17', Statement: [] })).toEqual([
      'policy Version is "2008-10-17"; set it to "2012-10-17"',
      'the policy has no statements; add at least one',
    ]);
    const problems = checkPolicyDocument({ Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Permit', Action: 'DescribeThings' }, { Sid: 'A', Effect: 'Allow', Action: [], Resource: '*' }] });
    expect(problems).toEqual([
      'statement 0 (A) has Effect "Permit"; use "Allow" or "Deny"',
      'statement 0 (A) action "DescribeThings" is not of the form service:Action',
      'statement 0 (A) has no Resource; give ARNs or "*"',
      'statement 1 (A) has no Action; list the API actions it allows',
      'statement 1 (A) repeats Sid A; make it unique',
    ]);
  });
});

describe('AWS Load Balancer Controller policy', () => {
  const doc = toPolicyDocument(AWS_LOAD_BALANCER_CONTROLLER_POLICY);

  it('has the sixteen statements of the published policy', () => {
    expect(doc.Statement).toHaveLength(16);
  });

  it('only deletes load balancers and security groups that carry the controller\'s cluster tag', () => {
    for (const action of ['elasticloadbalancing:DeleteLoadBalancer', 'ec2:DeleteSecurityGroup', 'elasticloadbalancing:DeleteTargetGroup']) {
      const grants = allows(doc, action);
      expect(grants.length, action).toBeGreaterThan(0);
      for (const g of grants) expect(g.Condition?.Null?.['aws:ResourceTag/elbv2.k8s.aws/cluster']).toBe('false');
    }
  });

  it('creates load balancers only with the cluster tag on the request', () => {
    for (const g of allows(doc, 'elasticloadbalancing:CreateLoadBalancer')) {
      expect(g.Condition?.Null?.['aws:RequestTag/elbv2.k8s.aws/cluster']).toBe('false');
    }
  });
});

describe('Cluster Autoscaler policy', () => {
  const doc = toPolicyDocument(clusterAutoscalerPolicy('acme-prod'));

  it('scales only groups tagged for this cluster', () => {
    for (const action of ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup']) {
      const grants = allows(doc, action);
      expect(grants).toHaveLength(1);
      expect(grants[0]!.Condition).toEqual({ Null: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/acme-prod': 'false' } });
    }
  });

  it('reads groups, instance types and node groups without writing', () => {
    const read = doc.Statement.find((s) => s.Sid === 'DiscoverGroupsAndInstanceTypes')!;
    const actions = read.Action as string[];
    expect(actions).toContain('eks:DescribeNodegroup');
    expect(actions.every((a) => /:(Describe|Get)/.test(a))).toBe(true);
    expect(read.Condition).toBeUndefined();
  });

  it('uses the auto-discovery tags for its flag', () => {
    expect(clusterAutoscalerAutoDiscoveryFlag('acme-prod')).toBe('asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/acme-prod');
  });

  it('refuses a name EKS would not accept', () => {
    expect(() => clusterAutoscalerPolicy('bad name')).toThrow(/not an EKS cluster name/);
    expect(() => clusterAutoscalerPolicy('')).toThrow(/not an EKS cluster name/);
  });
});

describe('Pod Identity trust policy', () => {
  it('lets pods.eks.amazonaws.com assume the role and tag the session', () => {
    expect(toPolicyDocument(POD_IDENTITY_TRUST_POLICY).Statement).toEqual([
      { Sid: 'AllowEksAuthToAssumeRoleForPodIdentity', Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
    ]);
  });
});
