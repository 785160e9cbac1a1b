/**
 * Checks of an app's AWS permissions (`awsPermissions`): the IAM statements
 * of its role's identity policy and its managed policy ARNs. Pure, and safe on
 * any value a JavaScript caller may pass (the shape check only made sure the
 * statements are objects). Each problem says where, what is wrong and the fix.
 */
import type { AppAwsPermissions, AppPolicyStatement } from '../app-aws-permissions';
import { describeValue, isPlainObject } from './describe';

/** The keys of a statement fleetform takes. */
const STATEMENT_KEYS = ['Sid', 'Effect', 'Action', 'Resource', 'Condition'] as const;

/** IAM caps the inline policies of one role at 10,240 characters, whitespace not counted (IAM and STS quotas). */
export const INLINE_POLICY_MAX_CHARS = 10240;

/** Managed policies one role may have attached: 10 by default, adjustable to at most 20 (IAM and STS quotas). */
export const MANAGED_POLICIES_MAX = 20;

/** The AWS managed policy that allows every action on every resource. */
export const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;
const ARN = /^arn:(\*|aws(-[a-z]+)*):[a-z0-9*?-]+:[a-z0-9*?-]*:(aws|[0-9*?]*):.+$/;
const MANAGED_POLICY_ARN = /^arn:aws:iam::(aws|\d{12}):policy\/([\w+=,.@-]+\/)*[\w+=,.@-]+$/;
const CONDITION_OPERATOR = /^(ForAllValues:|ForAnyValue:)?[A-Za-z]+$/;
const POLICY_VARIABLE = /\$\{[^}]*\}/g;

/** A value in a message: a string as JSON gives it, anything else described. */
function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : describeValue(value);
}

/** `value` as a list: a string alone is a list of one. */
function listOf(value: unknown): unknown[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value : undefined;
}

/** Whether an action pattern matches every action (`*`), or every IAM action (`iam:*`), with which a role can grant itself the rest. */
function isEveryAction(action: string): boolean {
  return action === '*' || action === 'iam:*';
}

/** Whether a resource pattern matches every resource: `*`, or an ARN of wildcards only, such as `arn:aws:*:*:*:*`. */
export function isEveryResource(resource: string): boolean {
  if (resource === '*') return true;
  const parts = resource.split(':');
  if (parts[0] !== 'arn' || parts.length < 3) return false;
  return /^(\*|aws(-[a-z]+)*)$/.test(parts[1]!) && parts.slice(2).every((p) => p === '*' || p === '') && resource.endsWith('*');
}

/** Whether a statement (already well formed) allows every action, or every IAM action, on every resource. */
export function grantsFullAccess(s: AppPolicyStatement): boolean {
  if (s.Effect !== 'Allow') return false;
  const actions = listOf(s.Action) as string[];
  const resources = listOf(s.Resource) as string[];
  return actions.some(isEveryAction) && resources.some(isEveryResource);
}

/**
 * Problems of an app's AWS permissions, each starting with where it is (`at`, such as
 * `awsPermissions`): no permission at all, malformed statements, identity-policy keys
 * that do not belong there, full account access not asked for, bad managed policy
 * ARNs, and IAM's size limits.
 */
export function checkAwsPermissions(p: AppAwsPermissions, at = 'awsPermissions'): string[] {
  const problems: string[] = [];
  const statements = p.statements ?? [];
  const managed = p.managedPolicyArns ?? [];
  if (statements.length === 0 && managed.length === 0) {
    problems.push(`${at} gives no permission; give statements (such as [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-assets/*" }]) or managedPolicyArns, or leave awsPermissions out`);
  }
  const sids = new Set<string>();
  let wellFormed = true;
  statements.forEach((s, i) => {
    const found = checkStatement(s, `${at}.statements[${i}]`, sids);
    if (found.length > 0) wellFormed = false;
    problems.push(...found);
    if (found.length === 0 && grantsFullAccess(s) && p.allowFullAccountAccess !== true) {
      problems.push(`${at}.statements[${i}] allows ${listOf(s.Action)!.some((a) => a === '*') ? 'every action ("Action": "*")' : 'every IAM action ("Action": "iam:*")'} on every resource: `
        + 'the app\'s pods, and whoever gets into one, could do anything in the AWS account, even make themselves administrators; '
        + 'list only the actions and resources the app needs, or, if it truly needs all of them, say so with allowFullAccountAccess: true');
    }
  });
  if (wellFormed && statements.length > 0) {
    const size = JSON.stringify(statements).replace(/\s/g, '').length + '{"Version":"2012-10-17","Statement":}'.length;
    if (size > INLINE_POLICY_MAX_CHARS) {
      problems.push(`${at}.statements make a policy of ${size} characters; IAM allows ${INLINE_POLICY_MAX_CHARS} of inline policy per role, so merge statements, use wildcards in actions, or move some to a managed policy (managedPolicyArns)`);
    }
  }
  const seen = new Set<string>();
  managed.forEach((arn, i) => {
    const where = `${at}.managedPolicyArns[${i}]`;
    if (!MANAGED_POLICY_ARN.test(arn)) {
      problems.push(`${where} "${arn}" is not a managed policy ARN; give an AWS managed policy such as arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess or one of your account's, such as arn:aws:iam::123456789012:policy/acme-orders`);
    } else if (seen.has(arn)) {
      problems.push(`${where} repeats ${arn}; list each policy once`);
    } else if (arn === ADMINISTRATOR_ACCESS && p.allowFullAccountAccess !== true) {
      problems.push(`${where} is AdministratorAccess, every action on every resource: the app's pods, and whoever gets into one, could do anything in the AWS account; `
        + 'attach only the policies the app needs, or, if it truly needs all of it, say so with allowFullAccountAccess: true');
    }
    seen.add(arn);
  });
  const full = statements.some((s) => checkStatement(s, '', new Set()).length === 0 && grantsFullAccess(s)) || managed.includes(ADMINISTRATOR_ACCESS);
  if (p.allowFullAccountAccess === true && !full) {
    problems.push(`${at}.allowFullAccountAccess is true, but no statement or policy gives full account access; remove it, so that a later one is refused again`);
  }
  if (managed.length > MANAGED_POLICIES_MAX) {
    problems.push(`${at}.managedPolicyArns lists ${managed.length} policies; IAM attaches at most ${MANAGED_POLICIES_MAX} to a role (10 unless the account's quota was raised), so merge some into statements or into a policy of your own`);
  }
  return problems;
}

/** Problems of one statement at `where`; `sids` collects the ids seen so far. */
function checkStatement(raw: AppPolicyStatement, where: string, sids: Set<string>): string[] {
  const s = raw as unknown as Record<string, unknown>;
  if (!isPlainObject(s)) return [`${where} is ${describeValue(raw)}, not a statement; give { Effect: "Allow", Action: [...], Resource: [...] }`];
  const problems: string[] = [];
  for (const key of Object.keys(s)) {
    if ((STATEMENT_KEYS as readonly string[]).includes(key)) continue;
    if (key === 'Principal' || key === 'NotPrincipal') {
      problems.push(`${where} has ${key}, which belongs in a resource or trust policy; these statements are the app role's own (identity) policy, whose principal is the role, and only EKS Pod Identity may assume it: remove ${key}`);
    } else if (key === 'NotAction' || key === 'NotResource') {
      const plain = key.slice(3);
      problems.push(`${where} has ${key}, which grants everything but what it lists (every service AWS adds later included); name what the app may do with ${plain} instead`);
    } else {
      problems.push(`${where} has "${key}", which is not a key of an IAM statement fleetform takes; use ${STATEMENT_KEYS.join(', ')}`);
    }
  }
  if (s.Sid !== undefined) {
    if (typeof s.Sid !== 'string' || !/^[A-Za-z0-9]+$/.test(s.Sid)) problems.push(`${where}.Sid ${shown(s.Sid)} must be letters and digits only, such as "ReadAssets"`);
    else if (sids.has(s.Sid)) problems.push(`${where}.Sid "${s.Sid}" is used by another statement; make each Sid unique`);
    else sids.add(s.Sid);
  }
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') problems.push(`${where}.Effect is ${shown(s.Effect)}; use "Allow" or "Deny"`);
  const actions = listOf(s.Action);
  if (s.Action === undefined) problems.push(`${where} has no Action; list the API actions it allows, such as ["s3:GetObject"]`);
  else if (!actions || actions.length === 0) problems.push(`${where}.Action is ${describeValue(s.Action)}; give an action or a list of actions such as ["s3:GetObject"]`);
  else {
    for (const a of actions) {
      if (typeof a !== 'string' || (a !== '*' && !ACTION.test(a))) {
        problems.push(`${where}.Action ${shown(a)} is not of the form service:Action, such as "s3:GetObject" or "sqs:Receive*"`);
      }
    }
  }
  const resources = listOf(s.Resource);
  if (s.Resource === undefined) problems.push(`${where} has no Resource; give the ARNs it applies to, such as "arn:aws:s3:::acme-assets/*", or "*"`);
  else if (!resources || resources.length === 0) problems.push(`${where}.Resource is ${describeValue(s.Resource)}; give an ARN or a list of ARNs, or "*"`);
  else {
    for (const r of resources) {
      if (typeof r !== 'string' || (r !== '*' && !ARN.test(r.replace(POLICY_VARIABLE, 'x')))) {
        problems.push(`${where}.Resource ${shown(r)} is not an ARN or "*"; give one such as "arn:aws:s3:::acme-assets/*" or "arn:aws:sqs:eu-west-1:123456789012:orders"`);
      }
    }
  }
  if (s.Condition !== undefined) problems.push(...checkCondition(s.Condition, `${where}.Condition`));
  return problems;
}

function checkCondition(condition: unknown, where: string): string[] {
  const example = 'such as { StringEquals: { "aws:ResourceTag/team": "${aws:PrincipalTag/kubernetes-namespace}" } }';
  if (!isPlainObject(condition)) return [`${where} is ${describeValue(condition)}; give conditions by operator, then key, ${example}`];
  const problems: string[] = [];
  for (const [operator, keys] of Object.entries(condition)) {
    if (!CONDITION_OPERATOR.test(operator)) problems.push(`${where} operator "${operator}" is not an IAM condition operator such as StringEquals, ArnLike or ForAnyValue:StringLike`);
    if (!isPlainObject(keys) || Object.keys(keys).length === 0) {
      problems.push(`${where}.${operator} is ${describeValue(keys)}; give context keys and their values, ${example}`);
      continue;
    }
    for (const [key, value] of Object.entries(keys)) {
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0 || values.some((v) => !['string', 'number', 'boolean'].includes(typeof v))) {
        problems.push(`${where}.${operator}["${key}"] is ${describeValue(value)}; give a string, number or boolean, or a list of them`);
      }
    }
  }
  return problems;
}
