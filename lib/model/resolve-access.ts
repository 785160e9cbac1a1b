/**
 * The effective access of each cluster: the environments' admins and viewers,
 * every access policy whose scope selects the cluster and every team with an
 * app there, merged into one grant per IAM principal (EKS takes one access
 * entry per principal), the RBAC fleetform writes for Kubernetes groups and
 * custom roles, and each team namespace's quota.
 */
import type { AccessPolicy } from '../access-policy';
import type { AccessRole } from '../access-role';
import { AppKind } from '../app-kind';
import type { FleetProblem } from '../errors';
import { accessEntryName, byCodeUnit } from '../naming';
import type { Team } from '../team';
import { cpuMillicores, memoryMiB } from './quantity';
import type {
  AccessLevel, AppSpec, ResolvedAccess, ResolvedAccessRule, ResolvedCluster, ResolvedGrant, ResolvedNamespaceAccess, ResolvedRbacBinding, ResolvedZone,
} from './resolved';

/** A grant being merged: one principal on one cluster. */
interface Pending {
  level: AccessLevel;
  role: string;
  /** Null for the whole cluster. */
  namespaces: Set<string> | null;
  groups: Set<string>;
  via: string[];
}

/** What one grant source (an environment, a policy, a team) gives on a cluster. */
interface Grant {
  readonly via: string;
  readonly role: AccessRole;
  readonly principals: readonly string[];
  readonly groups: readonly string[];
  /** Null for the whole cluster. */
  readonly namespaces: readonly string[] | null;
  /** The Kubernetes group a custom role's principals are put in. */
  readonly principalGroup: string;
  /** The RBAC bindings' name. */
  readonly bindingName: string;
}

/** The effective access of the fleet. */
export interface AccessResolution {
  readonly clusters: ResolvedCluster[];
  readonly access: ResolvedAccess[];
  readonly problems: FleetProblem[];
}

/** The environment's grants as the cluster resolved them (admins and viewers). */
function environmentPath(c: ResolvedCluster): string {
  return c.path.split('/').slice(0, -1).join('/');
}

/** Resolves the access of every cluster (`clusters` with their apps). */
export function resolveAccess(clusters: readonly ResolvedCluster[], zones: readonly ResolvedZone[], policies: readonly AccessPolicy[], teams: readonly Team[]): AccessResolution {
  const problems: FleetProblem[] = [...checkScopes(clusters, zones, policies), ...checkTeams(clusters, teams)];
  const access: ResolvedAccess[] = [];
  const zoneMembers = new Map(zones.map((z) => [z.name, new Set(z.clusters)]));
  const resolved = clusters.map((c) => {
    const grants: Grant[] = [...policies]
      .filter((p) => p.role !== undefined && selects(p, c, zoneMembers))
      .map((p) => ({
        via: p.node.path, role: p.role!, principals: p.props.principals ?? [], groups: p.props.groups ?? [],
        namespaces: p.props.namespaces ?? null, principalGroup: `fleetform:${p.policyName}`, bindingName: `fleetform:${p.policyName}`,
      }));
    const owned = new Map<string, { team: Team; spec: AppSpec }>();
    for (const t of teams) {
      if (t.role === undefined) continue;
      const mine = c.apps.filter((a) => t.appNames.includes(a.name));
      for (const a of mine) if (!owned.has(a.spec.namespace)) owned.set(a.spec.namespace, { team: t, spec: a.spec });
      if (mine.length === 0) continue;
      grants.push({
        via: t.node.path, role: t.role, principals: t.props.principals ?? [], groups: t.props.groups ?? [],
        namespaces: [...new Set(mine.map((a) => a.spec.namespace))].sort(byCodeUnit), principalGroup: `fleetform:team:${t.teamName}`, bindingName: `fleetform:team:${t.teamName}`,
      });
    }
    return applyGrants(c, grants, owned, problems, access);
  });
  access.sort((a, b) => byCodeUnit(a.subject, b.subject) || byCodeUnit(a.cluster, b.cluster) || byCodeUnit(a.via.join(), b.via.join()));
  return { clusters: resolved, access, problems };
}

function selects(p: AccessPolicy, c: ResolvedCluster, zoneMembers: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  const s = p.props;
  return (s.environments === undefined || s.environments.includes(c.environment))
    && (s.regions === undefined || s.regions.includes(c.region))
    && (p.zoneNames === undefined || p.zoneNames.some((z) => zoneMembers.get(z)?.has(c.id)))
    && (p.clusterIds === undefined || p.clusterIds.includes(c.id));
}

function applyGrants(c: ResolvedCluster, grants: readonly Grant[], owned: ReadonlyMap<string, { team: Team; spec: AppSpec }>, problems: FleetProblem[], access: ResolvedAccess[]): ResolvedCluster {
  const envPath = environmentPath(c);
  const byPrincipal = new Map<string, Pending>(c.grants.map((g) => [g.principal, { level: g.level, role: g.level, namespaces: null, groups: new Set(), via: [envPath] }]));
  const roles = new Map<string, { name: string; rules: readonly ResolvedAccessRule[]; via: string }>();
  const clusterBindings: ResolvedRbacBinding[] = [];
  const namespaces = new Map<string, { bindings: ResolvedRbacBinding[] }>();
  const appNamespaces = new Set(c.apps.map((a) => a.spec.namespace));
  for (const g of grants) {
    const custom = g.role.rules !== undefined;
    if (custom) {
      const seen = roles.get(g.role.name);
      if (seen && rulesKey(seen.rules) !== rulesKey(g.role.rules!)) {
        problems.push({ path: g.via, message: `custom role "${g.role.name}" is also defined by ${seen.via} with other rules, and both reach cluster "${c.id}"; give one of them another name` });
      } else if (!seen) roles.set(g.role.name, { name: g.role.name, rules: g.role.rules!, via: g.via });
    }
    for (const principal of g.principals) {
      const level: AccessLevel = custom ? 'custom' : (g.role.name as AccessLevel);
      const before = byPrincipal.get(principal);
      if (before && before.role !== g.role.name) {
        problems.push({ path: g.via, message: `principal ${principal} is granted ${g.role.name} on cluster "${c.id}" here and ${before.role} by ${before.via.join(', ')}; fleetform gives a principal one role per cluster (one EKS access entry with one access policy), so give it one role there: the broader one, or scope one of the grants to other clusters` });
        continue;
      }
      const merged: Pending = before ?? { level, role: g.role.name, namespaces: new Set(), groups: new Set(), via: [] };
      merged.namespaces = merged.namespaces === null || g.namespaces === null ? null : new Set([...merged.namespaces, ...g.namespaces]);
      if (custom) merged.groups.add(g.principalGroup);
      if (!merged.via.includes(g.via)) merged.via.push(g.via);
      byPrincipal.set(principal, merged);
    }
    const subjects = [...g.groups, ...(custom && g.principals.length > 0 ? [g.principalGroup] : [])].sort(byCodeUnit);
    for (const group of g.groups) access.push({ subject: group, kind: 'group', cluster: c.id, role: g.role.name, namespaces: g.namespaces, via: [g.via] });
    if (subjects.length === 0) continue;
    const binding: ResolvedRbacBinding = { name: g.bindingName, clusterRole: g.role.name, groups: subjects };
    if (g.namespaces === null) {
      clusterBindings.push(binding);
      continue;
    }
    for (const ns of g.namespaces) {
      if (!appNamespaces.has(ns)) {
        problems.push({ path: g.via, message: `namespace "${ns}" has no app on cluster "${c.id}", so there is no namespace to bind ${subjects.join(', ')} in; scope the grant to namespaces of apps that run there, or narrow its clusters` });
        continue;
      }
      const entry = namespaces.get(ns) ?? { bindings: [] };
      entry.bindings.push(binding);
      namespaces.set(ns, entry);
    }
  }
  const resolvedGrants: ResolvedGrant[] = [...byPrincipal].sort(([a], [b]) => byCodeUnit(a, b)).map(([principal, p]) => {
    access.push({ subject: principal, kind: 'principal', cluster: c.id, role: p.role, namespaces: p.namespaces && [...p.namespaces].sort(byCodeUnit), via: p.via });
    return {
      principal,
      level: p.level,
      resourceName: accessEntryName(c.names.resource, principal),
      ...(p.namespaces !== null ? { namespaces: [...p.namespaces].sort(byCodeUnit) } : {}),
      ...(p.groups.size > 0 ? { kubernetesGroups: [...p.groups].sort(byCodeUnit) } : {}),
    };
  });
  const namespaceAccess: Record<string, ResolvedNamespaceAccess> = {};
  for (const ns of [...new Set([...namespaces.keys(), ...owned.keys()])].sort(byCodeUnit)) {
    const team = owned.get(ns);
    namespaceAccess[ns] = {
      namespace: ns,
      bindings: [...(namespaces.get(ns)?.bindings ?? [])].sort((a, b) => byCodeUnit(a.name, b.name)),
      ...(team ? { team: team.team.node.path, quota: team.team.props.quota ?? neededQuota(team.spec) } : {}),
    };
  }
  return {
    ...c,
    grants: resolvedGrants,
    rbac: {
      roles: [...roles.values()].sort((a, b) => byCodeUnit(a.name, b.name)).map(({ name, rules }) => ({ name, rules })),
      clusterBindings: clusterBindings.sort((a, b) => byCodeUnit(a.name, b.name)),
      namespaces: namespaceAccess,
    },
  };
}

/** A custom role's rules in a form that does not depend on the order of rules, lists or keys. */
function rulesKey(rules: readonly ResolvedAccessRule[]): string {
  const sorted = (l: readonly string[] | undefined) => (l === undefined ? undefined : [...l].sort());
  return JSON.stringify(rules.map((r) => JSON.stringify([sorted(r.apiGroups), sorted(r.resources), sorted(r.verbs), sorted(r.resourceNames)])).sort());
}

/**
 * The pods an app may run at once: a Deployment's most replicas plus a rolling
 * update's surge (25%, rounded up) and its pods still terminating (25%, rounded down); a StatefulSet's most replicas (it replaces
 * pods one at a time, without surge); a job's parallelism, and a cron job's
 * twice over unless its runs may not overlap (`Forbid`).
 */
export function peakPods(spec: AppSpec): number {
  const w = spec.workload;
  if (w.job !== undefined) return w.job.parallelism * (w.cronJob !== undefined && w.cronJob.concurrencyPolicy !== 'Forbid' ? 2 : 1);
  const most = spec.autoscaling?.maxReplicas ?? spec.replicas ?? 0;
  // A rollout runs 25% more (maxSurge, rounded up) while up to 25% of the old pods (maxUnavailable, rounded
  // down) are still terminating, which the quota counts until they are gone.
  return w.kind === AppKind.STATEFUL ? most : most + Math.ceil(most / 4) + Math.floor(most / 4);
}

/** The quota an app's namespace needs: its requests at {@link peakPods}. */
export function neededQuota(spec: AppSpec): { cpu: string; memory: string } {
  const pods = peakPods(spec);
  return {
    cpu: `${(cpuMillicores(spec.resources.cpu.request) ?? 0) * pods}m`,
    memory: `${(memoryMiB(spec.resources.memory.request) ?? 0) * pods}Mi`,
  };
}

/** Scope names that are not in the fleet, and scopes that select no cluster. */
function checkScopes(clusters: readonly ResolvedCluster[], zones: readonly ResolvedZone[], policies: readonly AccessPolicy[]): FleetProblem[] {
  const problems: FleetProblem[] = [];
  const known = {
    environment: [...new Set(clusters.map((c) => c.environment))].sort(byCodeUnit),
    region: [...new Set(clusters.map((c) => c.region))].sort(byCodeUnit),
    zone: zones.map((z) => z.name),
    cluster: clusters.map((c) => c.id),
  };
  const zoneMembers = new Map(zones.map((z) => [z.name, new Set(z.clusters)]));
  for (const p of policies) {
    const given = { environment: p.props.environments, region: p.props.regions, zone: p.zoneNames, cluster: p.clusterIds };
    let unknown = false;
    for (const kind of ['environment', 'region', 'zone', 'cluster'] as const) {
      for (const name of given[kind] ?? []) {
        if (known[kind].includes(name)) continue;
        unknown = true;
        problems.push({ path: p.node.path, message: `the grant is scoped to ${kind} "${name}", which ${kind === 'region' ? 'has no cluster of' : 'is not in'} the fleet; fix the name (the fleet has ${known[kind].join(', ') || `no ${kind}s`})` });
      }
    }
    if (!unknown && p.role !== undefined && !clusters.some((c) => selects(p, c, zoneMembers))) {
      problems.push({ path: p.node.path, message: 'the grant\'s scopes together select no cluster (each scope given narrows the ones before it); widen a scope, or remove the policy' });
    }
  }
  return problems;
}

/** Apps a team names that are not in the fleet, or that another team already owns. */
function checkTeams(clusters: readonly ResolvedCluster[], teams: readonly Team[]): FleetProblem[] {
  const problems: FleetProblem[] = [];
  const apps = [...new Set(clusters.flatMap((c) => c.apps.map((a) => a.name)))].sort(byCodeUnit);
  const owner = new Map<string, string>();
  for (const t of teams) {
    for (const name of t.appNames) {
      if (!apps.includes(name)) problems.push({ path: t.node.path, message: `app "${name}" is not in the fleet (or runs on no cluster); fix the name (the fleet's apps: ${apps.join(', ') || 'none'})` });
      const other = owner.get(name);
      if (other !== undefined && other !== t.node.path) problems.push({ path: t.node.path, message: `app "${name}" is also owned by ${other}; an app belongs to one team, so remove it from one of them` });
      else owner.set(name, t.node.path);
    }
  }
  return problems;
}
