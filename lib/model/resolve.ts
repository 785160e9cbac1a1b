/**
 * The resolve step: the construct tree in, the resolved fleet out. It walks
 * the tree once, runs each construct's own checks, fills in every inherited
 * setting, plans the addresses once, decides physical names and tags, works
 * out each app's spec per cluster, and runs the rule registry. It never
 * throws for a mistake in the fleet: every mistake becomes a problem, so all
 * are reported together.
 */
import type { IConstruct } from 'constructs';
import type { ApiEndpoint } from '../api-endpoint';
import { isIgnored } from '../construct-ids';
import { EnvironmentFleet } from '../environment-fleet';
import { NatGateways } from '../environment-profile';
import { collectProblems, FleetProblem, FleetWarning } from '../errors';
import { FleetApp } from '../fleet-app';
import { LockContents, renderLock } from '../net/address-lock';
import { AddressPlan, checkAddressSpace, planAddresses } from '../net/address-plan';
import { NodePoolProps, resolveNodePool } from '../node-pool';
import { byCodeUnit, shortHash } from '../naming';
import { RegionalCluster } from '../regional-cluster';
import { FleetRule, runRules } from '../rules/rule';
import { Tenancy } from '../tenancy';
import { appSpec } from './app-spec';
import type {
  AppPeer, AppSpec, ClusterApp, FleetModel, ResolvedApiEndpoint, ResolvedApp, ResolvedCluster, ResolvedFleet, ResolvedFleetSettings, ResolvedGrant, ResolvedPlacement,
} from './resolved';

/** What the resolve step reads of the root Fleet construct. */
export interface FleetDeclaration extends IConstruct {
  readonly fleetName: string;
  readonly addressSpace: string;
  readonly clusterBlockPrefix: number;
  readonly kubernetesVersion: string;
  readonly defaultNodePool: NodePoolProps;
  readonly tags: Readonly<Record<string, string>>;
  readonly apiEndpoint: ApiEndpoint;
  /** Ids whose recorded address blocks the program releases. */
  readonly releasedBlocks: readonly string[];
}

/** Resolves the fleet under `root`, with the blocks recorded in `lock`, and runs `rules` over it. */
export function resolveFleet(root: FleetDeclaration, lock: LockContents, rules: readonly FleetRule[]): ResolvedFleet {
  const constructs = root.node.findAll().filter((c) => !isIgnored(c));
  const problems: FleetProblem[] = collectProblems(constructs);
  problems.push(...lock.problems.map((message) => ({ path: root.node.path, message })));

  const settings: ResolvedFleetSettings = {
    name: root.fleetName,
    path: root.node.path,
    addressSpace: root.addressSpace,
    clusterBlockPrefix: root.clusterBlockPrefix,
    kubernetesVersion: root.kubernetesVersion,
    tags: root.tags,
  };
  const clusterConstructs = constructs.filter(RegionalCluster.isRegionalCluster)
    .sort((a, b) => byCodeUnit(a.clusterId, b.clusterId)); // stable: an id used twice keeps tree order
  const inFleet = new Set(clusterConstructs.map((c) => c.clusterId));
  const releases = checkReleases(root, inFleet, lock);
  problems.push(...releases.problems);
  const kept = Object.fromEntries(Object.entries(lock.clusterBlocks).filter(([id]) => !releases.released.includes(id)));
  const plan = planFor(root, clusterConstructs, kept);
  problems.push(...plan.errors.filter((e) => e.path !== ''));

  const clusters = clusterConstructs.map((c) => resolveCluster(c, root, settings, plan, lock));
  const appConstructs = constructs.filter(FleetApp.isFleetApp).sort((a, b) => byCodeUnit(a.appName, b.appName));
  const peers = peersOf(appConstructs);
  const apps = appConstructs.map((a) => resolveApp(a, clusters, peers));
  const appsOn = new Map<string, ClusterApp[]>();
  for (const a of apps) {
    for (const p of a.placements) {
      const placed = appsOn.get(p.clusterId);
      if (placed) placed.push({ name: a.name, spec: p.spec });
      else appsOn.set(p.clusterId, [{ name: a.name, spec: p.spec }]);
    }
  }
  const withApps = clusters.map((c) => ({ ...c, apps: appsOn.get(c.id) ?? [] }));

  const next: Record<string, string> = { ...kept };
  for (const [id, a] of plan.clusters) next[id] = a.block;
  const text = renderLock({ fleet: settings.name, addressSpace: settings.addressSpace, clusterBlockPrefix: settings.clusterBlockPrefix }, next);
  const model: FleetModel = {
    fleet: settings,
    clusters: withApps,
    apps,
    addressLock: {
      path: lock.path,
      exists: lock.exists,
      recorded: lock.clusterBlocks,
      next,
      retired: Object.keys(next).filter((id) => !inFleet.has(id)).sort(),
      released: releases.released,
      added: [...plan.clusters.keys()].filter((id) => lock.clusterBlocks[id] === undefined).sort(),
      text,
      changed: text !== lock.text,
    },
  };
  const found = runRules(model, rules);
  return { ...model, problems: [...problems, ...found.problems], warnings: [...releases.warnings, ...found.warnings] };
}

/** The releases that apply: of recorded blocks of clusters that left the fleet. */
function checkReleases(root: FleetDeclaration, inFleet: ReadonlySet<string>, lock: LockContents): { released: string[]; problems: FleetProblem[]; warnings: FleetWarning[] } {
  const path = root.node.path;
  const released: string[] = [];
  const problems: FleetProblem[] = [];
  const warnings: FleetWarning[] = [];
  for (const id of [...new Set(root.releasedBlocks)].sort()) {
    if (inFleet.has(id)) {
      problems.push({ path, message: `releaseAddressBlock('${id}'): cluster "${id}" is still in the fleet; remove the cluster (and destroy its VPC) before releasing its block` });
    } else if (lock.clusterBlocks[id] === undefined) {
      warnings.push({ path, rule: 'address-lock-release', message: `releaseAddressBlock('${id}'): the address lock records no block for "${id}" (released already?); remove the call` });
    } else {
      released.push(id);
    }
  }
  return { released, problems, warnings };
}

/** The address plan of the fleet's clusters; empty when the address space itself is wrong (the Fleet reports that). */
function planFor(root: FleetDeclaration, clusters: readonly RegionalCluster[], locked: Readonly<Record<string, string>>): AddressPlan {
  if (checkAddressSpace(root.addressSpace, root.clusterBlockPrefix).length > 0) return { clusters: new Map(), errors: [] };
  return planAddresses({
    addressSpace: root.addressSpace,
    blockPrefix: root.clusterBlockPrefix,
    locked,
    requests: clusters.map((c) => ({ clusterId: c.clusterId, path: c.node.path, vpcCidr: c.props.vpcCidr, serviceCidr: c.props.serviceCidr })),
  });
}

function resolveCluster(c: RegionalCluster, root: FleetDeclaration, fleet: ResolvedFleetSettings, plan: AddressPlan, lock: LockContents): ResolvedCluster {
  const scope = c.node.scope;
  const env = EnvironmentFleet.isEnvironmentFleet(scope) ? scope : undefined;
  const p = c.props;
  const profile = p.profile ?? env?.profile;
  const id = c.clusterId;
  const pools = (p.nodePools ?? [profile?.nodePool ?? root.defaultNodePool]).map(resolveNodePool);
  const labels = { ...(env?.labels ?? {}), ...(p.labels ?? {}) };
  const addresses = plan.clusters.get(id);
  const eksCluster = `${fleet.name}-${id}`;
  const grants: ResolvedGrant[] = [
    ...(env?.access.admins ?? []).map((principal) => ({ principal, level: 'cluster-admin' as const })),
    ...(env?.access.viewers ?? []).map((principal) => ({ principal, level: 'view' as const })),
  ].filter((g, i, all) => all.findIndex((x) => x.principal === g.principal) === i) // listed twice: the environment reports it
    .sort((a, b) => byCodeUnit(a.principal, b.principal))
    .map((g) => ({ ...g, resourceName: `${id}-access-${shortHash(g.principal)}` }));
  return {
    id,
    path: c.node.path,
    region: c.region,
    environment: c.environment,
    profile: profile?.name ?? null,
    kubernetesVersion: p.kubernetesVersion ?? env?.kubernetesVersion ?? fleet.kubernetesVersion,
    tenancy: p.tenancy ?? env?.tenancy ?? Tenancy.SHARED,
    apiEndpoint: endpointOf(p.apiEndpoint ?? env?.apiEndpoint ?? root.apiEndpoint),
    labels: Object.fromEntries(Object.keys(labels).sort().map((k) => [k, labels[k]])),
    network: addresses && {
      ...addresses,
      natGateways: profile?.natGateways ?? NatGateways.PER_ZONE,
      recorded: lock.clusterBlocks[id] !== undefined,
    },
    nodePools: pools.map((pool) => ({ ...pool, resourceName: `${id}-${pool.name}`, nodeGroupPrefix: `${pool.name}-` })),
    grants,
    names: { eksCluster, resource: id, logGroup: `/aws/eks/${eksCluster}/cluster` },
    tags: {
      ...fleet.tags,
      'fleetform:fleet': fleet.name,
      'fleetform:cluster': id,
      'fleetform:environment': c.environment,
      'managed-by': 'fleetform',
    },
    rawManifests: c.rawManifests,
    apps: [],
  };
}

function endpointOf(e: ApiEndpoint): ResolvedApiEndpoint {
  return { access: e.access, publicCidrs: [...e.publicCidrs] };
}

/** Who may call whom: each app's callers, and the apps that admit it as a caller (its callees). */
interface Peers {
  readonly callers: ReadonlyMap<string, AppPeer[]>;
  readonly callees: ReadonlyMap<string, AppPeer[]>;
}

function peersOf(apps: readonly FleetApp[]): Peers {
  const byName = new Map(apps.map((a) => [a.appName, a]));
  const peer = (a: FleetApp): AppPeer => ({ name: a.appName, namespace: a.namespace, port: a.props.port ?? 0 });
  const callers = new Map<string, AppPeer[]>();
  const callees = new Map<string, AppPeer[]>();
  for (const a of apps) {
    // Unknown names are reported by the app-callers rule; they admit no one.
    const known = [...new Set(a.callers)].sort().flatMap((n) => { const c = byName.get(n); return c ? [c] : []; });
    callers.set(a.appName, known.map(peer));
    for (const c of known) callees.set(c.appName, [...(callees.get(c.appName) ?? []), peer(a)]);
  }
  for (const list of callees.values()) list.sort((x, y) => byCodeUnit(x.name, y.name));
  return { callers, callees };
}

function resolveApp(a: FleetApp, clusters: readonly ResolvedCluster[], peers: Peers): ResolvedApp {
  const placement = a.placement;
  const perRegion = a.props.ingress?.certificateArns !== undefined;
  const specs = new Map<string, AppSpec>(); // clusters that run the app alike share one spec
  const placements: ResolvedPlacement[] = [];
  for (const c of clusters) {
    if (!placement.matches({ clusterId: c.id, environment: c.environment, region: c.region })) continue;
    const override = a.overrides.get(c.id);
    const key = `${override ? c.id : ''}\u0000${perRegion ? c.region : ''}`;
    let spec = specs.get(key);
    if (!spec) {
      spec = appSpec(a.appName, a.namespace, a.props, {
        region: c.region, callers: peers.callers.get(a.appName) ?? [], callees: peers.callees.get(a.appName) ?? [],
      }, override);
      specs.set(key, spec);
    }
    placements.push({ clusterId: c.id, spec });
  }
  return {
    name: a.appName,
    path: a.node.path,
    namespace: a.namespace,
    placement: placement.describe(),
    // No criteria to check when the placement is missing or malformed: the app reports that itself.
    criteria: a.props.placement === undefined || placement.problems.length > 0 ? undefined : {
      environments: placement.environments,
      regions: placement.regions,
      clusters: placement.clusters,
    },
    placements,
    overrides: [...a.overrides.keys()],
    callers: a.callers,
    certificateRegions: Object.keys(a.props.ingress?.certificateArns ?? {}),
  };
}
