import { Construct } from 'constructs';
import { AccessRole } from './access-role';
import { AccessSubjects, checkSubjects, ROLE_SHAPE, roleOf, SUBJECT_FIELDS } from './access-scope';
import { otherFleetReferences } from './checks/same-fleet';
import { claimId, enterTree } from './construct-ids';
import { checkLater } from './errors';
import type { FleetApp } from './fleet-app';
import { Fields, readProps, shapes } from './input';
import { isKind } from './markers';
import { cpuMillicores, memoryMiB } from './model/quantity';

/** The most a team's namespace may request on one cluster (a ResourceQuota). */
export interface NamespaceQuota {
  /** CPU requests of all pods together, such as `'8'` or `'2500m'`. */
  readonly cpu: string;
  /** Memory requests of all pods together, such as `'16Gi'`. */
  readonly memory: string;
  /**
   * Pods at once.
   * @default - not limited
   */
  readonly pods?: number;
}

/** Props of a {@link Team}. */
export interface TeamProps extends AccessSubjects {
  /** The apps the team owns (the app or its name). */
  readonly apps: readonly (FleetApp | string)[];
  /**
   * What the team may do in its apps' namespaces, on the clusters where they run.
   * `AccessRole.CLUSTER_ADMIN` is refused: a team's grant is namespace-scoped.
   * @default AccessRole.EDIT
   */
  readonly role?: AccessRole;
  /**
   * The ResourceQuota of each of the team's namespaces on each cluster.
   * @default - what the namespace's app needs at its most replicas plus a rolling update's surge
   */
  readonly quota?: NamespaceQuota;
}

const FIELDS: Fields = {
  apps: { shape: shapes.list(shapes.either('an app or an app name', shapes.string, shapes.instance('a FleetApp', (x) => isKind(x, 'app')))), example: '[checkout, "ledger"]', required: true },
  role: { shape: ROLE_SHAPE, example: 'AccessRole.EDIT' },
  ...SUBJECT_FIELDS,
  quota: {
    shape: shapes.object({
      cpu: { shape: shapes.string, example: '"8"', required: true },
      memory: { shape: shapes.string, example: '"16Gi"', required: true },
      pods: { shape: shapes.number, example: '50' },
    }, 'a quota such as { cpu: "8", memory: "16Gi" }'),
    example: '{ cpu: "8", memory: "16Gi" }',
  },
};

/**
 * A team that owns apps: its principals and groups get a namespace-scoped
 * grant (`AccessRole.EDIT` unless told otherwise) in its apps' namespaces,
 * on exactly the clusters where those apps run, and each of those namespaces
 * gets a ResourceQuota and a LimitRange (default requests, and a memory limit,
 * for containers that give none). An app belongs to one team at most.
 */
export class Team extends Construct {
  /** Whether `x` is a Team (also one made by another copy of fleetform). */
  static isTeam(x: unknown): x is Team {
    return isKind(x, 'team');
  }

  /** The team's name: its construct id. */
  readonly teamName: string;
  /** The role granted in its namespaces; undefined when the one given does not exist (a problem says so). */
  readonly role?: AccessRole;
  /** The props as given, without fields of the wrong shape. */
  readonly props: Readonly<Partial<TeamProps>>;

  constructor(scope: Construct, id: string, props: TeamProps) {
    super(scope, claimId(scope, id, 'team'));
    enterTree(this, id, 'team');
    const read = readProps<TeamProps>(props, FIELDS);
    this.teamName = this.node.id;
    this.props = read.props;
    const role = read.props.role === undefined ? { role: AccessRole.EDIT, problems: [] } : roleOf(read.props.role);
    this.role = role.role;
    const p = read.props;
    checkLater(this, () => [
      ...read.problems,
      ...role.problems,
      ...checkSubjects(p),
      ...(this.role === AccessRole.CLUSTER_ADMIN ? ['role AccessRole.CLUSTER_ADMIN is cluster-wide, but a team\'s grant is scoped to its namespaces; use AccessRole.ADMIN, or grant cluster-admin with an AccessPolicy'] : []),
      ...(p.apps !== undefined && p.apps.length === 0 ? ['apps is empty; give the apps the team owns'] : []),
      ...(p.quota ? checkQuota(p.quota) : []),
      ...otherFleetReferences(this, (p.apps ?? []).map((ref) => ({ what: 'apps', ref }))),
    ]);
  }

  /** Names of the team's apps. */
  get appNames(): readonly string[] {
    return (this.props.apps ?? []).map((a) => (typeof a === 'string' ? a : a.appName));
  }
}

function checkQuota(q: NamespaceQuota): string[] {
  const problems: string[] = [];
  if (cpuMillicores(q.cpu) === undefined) problems.push(`quota.cpu "${q.cpu}" is not a CPU quantity such as "8" or "2500m"`);
  if (memoryMiB(q.memory) === undefined) problems.push(`quota.memory "${q.memory}" is not a memory quantity such as "16Gi"`);
  if (q.pods !== undefined && (!Number.isInteger(q.pods) || q.pods < 1)) problems.push(`quota.pods ${q.pods} must be a whole number of at least 1`);
  return problems;
}
