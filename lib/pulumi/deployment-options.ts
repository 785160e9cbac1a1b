/**
 * The shape of a FleetDeployment's options, checked before anything is
 * registered, for callers TypeScript does not check (JavaScript, options built
 * from JSON or stack config, `as any`): an option of the wrong shape, an
 * unknown key or one fleetform no longer supports is refused, each reported
 * with the fix, all together.
 */
import { isIamPrincipalArn, isIamRoleArn } from '../checks/iam-principal';
import type { FleetProblem } from '../errors';
import { Fields, isPlainObject, readProps, shapes } from '../input';
import { isKind } from '../markers';
import { EDGE_PLACEMENTS } from './edge/cluster-stacks';

/** Retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Options earlier fleetform releases took, with where their setting lives now. */
export const REMOVED_OPTIONS: Readonly<Record<string, string>> = {
  tags: 'the fleet tags every resource: give new Fleet(name, { tags: { "cost-center": "shop" } })',
  publicAccessCidrs: 'the API endpoint is part of the fleet: give new Fleet(name, { apiEndpoint: ApiEndpoint.publicFrom("203.0.113.0/24") }) (or an environment\'s or a cluster\'s apiEndpoint)',
};

const FIELDS: Fields = {
  fleet: { shape: shapes.instance('a Fleet', (v) => isKind(v, 'fleet')), example: 'new Fleet("acme", {...})', required: true },
  clusters: { shape: shapes.list(shapes.string), example: '["production-eu-west-1"]' },
  wave: { shape: shapes.string, example: '"canary" or "1"' },
  applyManifests: { shape: shapes.boolean, example: 'false' },
  logRetentionDays: { shape: shapes.number, example: '90' },
  manageAddons: { shape: shapes.boolean, example: 'true' },
  privateEndpointsReachable: { shape: shapes.boolean, example: 'true' },
  copyFleetTagsToNodes: { shape: shapes.boolean, example: 'true' },
  edge: { shape: shapes.oneOf(EDGE_PLACEMENTS, `one of ${EDGE_PLACEMENTS.map((e) => `"${e}"`).join(', ')}`), example: '"elsewhere"' },
  clusterStacks: {
    shape: shapes.either('a stack name template, a record of cluster id to stack name, or a function', shapes.string, shapes.record(shapes.string, 'a record of stack names'),
      shapes.instance('a function', (v) => typeof v === 'function')),
    example: '"acme-{wave}"',
  },
  deployer: { shape: shapes.string, example: '"arn:aws:iam::123456789012:role/deployer" or await deployerFromCallerIdentity()' },
  argoCdCapabilityRole: { shape: shapes.string, example: '"arn:aws:iam::123456789012:role/ArgoCDCapabilityRole"' },
};

/** Where a problem with the options of deployment `name` is reported. */
export function optionsPath(name: string): string {
  return `FleetDeployment ${name}`;
}

/** Problems of the options a FleetDeployment named `name` was given; empty when they have the right shape. */
export function checkDeploymentOptions(name: string, raw: unknown): FleetProblem[] {
  const path = optionsPath(name);
  const given = isPlainObject(raw) ? raw : undefined;
  const removed = given ? Object.keys(REMOVED_OPTIONS).filter((k) => given[k] !== undefined) : [];
  const rest = given ? Object.fromEntries(Object.entries(given).filter(([k]) => !removed.includes(k))) : raw;
  const problems = removed.map((k) => `option ${k} is no longer supported and would be ignored; ${REMOVED_OPTIONS[k]}`);
  problems.push(...readProps(rest, FIELDS, 'the options object').problems.map((p) => (p.startsWith('the options object') ? p : `option ${p}`)));
  const days = given?.logRetentionDays;
  if (typeof days === 'number' && Number.isFinite(days) && !LOG_RETENTION_DAYS.includes(days)) {
    problems.push(`option logRetentionDays ${days} is not a retention CloudWatch offers; use one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }
  const deployer = given?.deployer;
  if (typeof deployer === 'string' && !isIamPrincipalArn(deployer)) {
    problems.push(`option deployer ${JSON.stringify(deployer)} is not an IAM role or user ARN such as arn:aws:iam::123456789012:role/deployer, the only principals an EKS access entry takes; `
      + 'give the role pulumi runs as (for an assumed-role session its role, which await deployerFromCallerIdentity() finds)');
  }
  const role = given?.argoCdCapabilityRole;
  if (typeof role === 'string' && !isIamRoleArn(role)) {
    problems.push(`option argoCdCapabilityRole ${JSON.stringify(role)} is not an IAM role ARN such as arn:aws:iam::123456789012:role/ArgoCDCapabilityRole; `
      + 'give the ARN of the capability role the Argo CD capability was created with');
  }
  return problems.map((message) => ({ path, message }));
}
