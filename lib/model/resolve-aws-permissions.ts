/** Resolving an app's AWS permissions: the role's name, policy and tags, and the service account Pod Identity gives it to. */
import type { AppPolicyStatement } from '../app-aws-permissions';
import type { FleetApp } from '../fleet-app';
import { appRoleName } from '../naming';
import type { ResolvedAwsPermissions, ResolvedFleetSettings } from './resolved';

/** A statement with its keys in IAM's usual order, so the policy's text depends only on what was given. */
function ordered(s: AppPolicyStatement): AppPolicyStatement {
  return {
    ...(s.Sid !== undefined ? { Sid: s.Sid } : {}),
    Effect: s.Effect,
    Action: s.Action,
    Resource: s.Resource,
    ...(s.Condition !== undefined ? { Condition: sortedDeep(s.Condition) } : {}),
  };
}

/** `value` with the keys of every object in it sorted, so a condition written in another order is the same policy text. */
function sortedDeep<T>(value: T): T {
  if (Array.isArray(value) || typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedDeep((value as Record<string, unknown>)[k])])) as T;
}

/**
 * The AWS permissions of app `a` in the fleet `fleet`, or undefined when it declared none. The
 * service account is the app's own, which its chart renders: named after the app, in its namespace.
 */
export function resolveAwsPermissions(a: FleetApp, fleet: ResolvedFleetSettings): ResolvedAwsPermissions | undefined {
  const p = a.props.awsPermissions;
  if (p === undefined) return undefined;
  const statements = p.statements ?? [];
  return {
    roleName: appRoleName(fleet.name, a.appName),
    ...(statements.length > 0 ? { policy: { Version: '2012-10-17', Statement: statements.map(ordered) } } : {}),
    managedPolicyArns: [...(p.managedPolicyArns ?? [])],
    serviceAccount: { namespace: a.namespace, name: a.appName },
    tags: { ...fleet.tags, 'fleetform:fleet': fleet.name, 'fleetform:app': a.appName, 'managed-by': 'fleetform' },
  };
}
