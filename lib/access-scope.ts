/** Where a grant reaches: the props an {@link AccessPolicy} and a {@link Team} share, and their checks. */
import { AccessRole, BUILT_IN_ROLES } from './access-role';
import { isIamPrincipalArn } from './checks/iam-principal';
import { Field, shapes } from './input';
import { isKind } from './markers';
import { checkDnsLabel } from './naming';

/** Who is granted: IAM principals (through EKS access entries) and Kubernetes groups (through RBAC). */
export interface AccessSubjects {
  /**
   * IAM role or user ARNs, each given an EKS access entry on every cluster the grant reaches.
   * @default - none
   */
  readonly principals?: readonly string[];
  /**
   * Kubernetes groups (such as those an OIDC identity provider asserts), bound by RBAC on
   * every cluster the grant reaches. Not `system:` groups.
   * @default - none
   */
  readonly groups?: readonly string[];
}

/** Fields of {@link AccessSubjects}. */
export const SUBJECT_FIELDS = {
  principals: { shape: shapes.list(shapes.string), example: '["arn:aws:iam::123456789012:role/platform"]' },
  groups: { shape: shapes.list(shapes.string), example: '["platform-oncall"]' },
} satisfies Record<string, Field>;

/** The shape of a role: an {@link AccessRole}, or a built-in role's name (checked by {@link roleOf}). */
export const ROLE_SHAPE = shapes.either('an AccessRole such as AccessRole.VIEW or AccessRole.custom("deployer", [...])', shapes.string, shapes.instance('an AccessRole', AccessRole.isAccessRole));

/** Problems of the principals and groups given; `required` says whether at least one is needed. */
export function checkSubjects(s: AccessSubjects): string[] {
  const problems: string[] = [];
  const principals = s.principals ?? [];
  const groups = s.groups ?? [];
  if (principals.length === 0 && groups.length === 0) problems.push('no principals and no groups are given, so the grant reaches no one; give IAM role or user ARNs in principals, or Kubernetes groups in groups');
  for (const p of principals) {
    if (!isIamPrincipalArn(p)) problems.push(`principal "${p}" is not an IAM role or user ARN such as arn:aws:iam::123456789012:role/platform-admins; EKS access entries take only those`);
  }
  for (const p of duplicates(principals)) problems.push(`principal "${p}" is listed more than once; list it once`);
  for (const g of groups) {
    if (g.trim() === '' || g.startsWith('system:') || g.startsWith('eks:')) problems.push(`group "${g}" is ${g.trim() === '' ? 'empty' : 'a group Kubernetes or EKS reserves'}; give a group of your identity provider, such as "platform-oncall"`);
  }
  for (const g of duplicates(groups)) problems.push(`group "${g}" is listed more than once; list it once`);
  return problems;
}

/** Problems of namespaces a grant is scoped to. */
export function checkNamespaces(namespaces: readonly string[] | undefined): string[] {
  const problems = (namespaces ?? []).map((n) => checkDnsLabel('namespace', n)).filter((x): x is string => x !== undefined);
  if (namespaces !== undefined && namespaces.length === 0) problems.push('namespaces is empty; leave it out for the whole cluster, or name at least one');
  for (const n of duplicates(namespaces ?? [])) problems.push(`namespace "${n}" is listed more than once; list it once`);
  return problems;
}

const BUILT_IN_BY_NAME: Readonly<Record<string, AccessRole>> = {
  'cluster-admin': AccessRole.CLUSTER_ADMIN, admin: AccessRole.ADMIN, edit: AccessRole.EDIT, view: AccessRole.VIEW,
};

/**
 * The role given: an AccessRole, or a built-in role's name (as a JavaScript caller may
 * write it); otherwise a problem saying the role does not exist.
 */
export function roleOf(role: unknown): { role?: AccessRole; problems: string[] } {
  if (AccessRole.isAccessRole(role)) return { role, problems: role.problems() };
  if (typeof role === 'string') {
    const builtIn = BUILT_IN_BY_NAME[role];
    if (builtIn) return { role: builtIn, problems: [] };
    return { problems: [`role "${role}" does not exist; use one of ${BUILT_IN_ROLES.map((r) => `AccessRole.${r.toUpperCase().replace(/-/g, '_')}`).join(', ')}, or AccessRole.custom("${role}", rules) for a role of your own`] };
  }
  return { problems: [] }; // missing or of the wrong shape: reported by the shape check
}

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/** The id of a cluster or zone reference given as a construct or its name. */
export function referenceName(ref: unknown): string | undefined {
  if (typeof ref === 'string') return ref;
  if (isKind(ref, 'cluster')) return (ref as { clusterId: string }).clusterId;
  if (isKind(ref, 'zone')) return (ref as { zoneName: string }).zoneName;
  return undefined;
}
