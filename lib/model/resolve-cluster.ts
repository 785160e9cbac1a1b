/** Resolving one cluster: every inherited setting filled in, its names, tags, grants and zones decided. */
import type { ApiEndpoint } from '../api-endpoint';
import { EnvironmentFleet } from '../environment-fleet';
import { ComputeMode, NatGateways } from '../environment-profile';
import type { LockedCluster } from '../net/address-lock';
import type { AddressPlan } from '../net/address-plan';
import { platformOf } from './platform';
import { NodePoolProps, resolveNodePool } from '../node-pool';
import { byCodeUnit, shortHash } from '../naming';
import type { RegionalCluster } from '../regional-cluster';
import { Tenancy } from '../tenancy';
import type { ResolvedApiEndpoint, ResolvedCluster, ResolvedFleetSettings, ResolvedGrant, ResolvedRbac } from './resolved';

/** What resolving a cluster reads of the root Fleet. */
export interface ClusterDefaults {
  readonly defaultNodePool: NodePoolProps;
  readonly apiEndpoint: ApiEndpoint;
  /** The fleet's version, when the program gave one. */
  readonly explicitKubernetesVersion?: string;
}

/** A cluster's RBAC before access policies and teams are laid over it. */
const NO_RBAC: ResolvedRbac = Object.freeze({ roles: [], clusterBindings: [], namespaces: {} });

/** The label every object of a cluster of zone `zone` carries. */
export function zoneLabel(zone: string): string {
  return `fleetform.io/zone-${zone}`;
}

/** Resolves one cluster; `recorded` is whether the lock records its block. */
export function resolveCluster(c: RegionalCluster, root: ClusterDefaults, fleet: ResolvedFleetSettings, plan: AddressPlan, locked: LockedCluster | undefined, renamedFrom: string | undefined): ResolvedCluster {
  const recorded = locked !== undefined;
  const scope = c.node.scope;
  const env = EnvironmentFleet.isEnvironmentFleet(scope) ? scope : undefined;
  const p = c.props;
  const profile = p.profile ?? env?.profile;
  const id = c.clusterId;
  const computeMode = p.computeMode ?? profile?.computeMode ?? ComputeMode.MANAGED_NODE_GROUPS;
  const autoMode = computeMode === ComputeMode.AUTO_MODE;
  // EKS Auto Mode chooses the nodes: no pool applies (pools the cluster names itself are refused by a rule).
  const pools = autoMode ? [] : (p.nodePools ?? [profile?.nodePool ?? root.defaultNodePool]).map(resolveNodePool);
  // An explicit zone is joined wherever the cluster runs (a rule refuses one outside its regions);
  // an environment's zones are joined by the clusters in their regions.
  const zones = [...new Set([
    ...(p.zone && p.zone.node.root === c.node.root ? [p.zone.zoneName] : []),
    ...(env?.zones ?? []).filter((z) => z.node.root === c.node.root && z.allows(c.region)).map((z) => z.zoneName),
  ])].sort(byCodeUnit);
  const labels: Record<string, string> = { ...(env?.labels ?? {}), ...(p.labels ?? {}) };
  for (const z of zones) labels[zoneLabel(z)] = 'member';
  const addresses = plan.clusters.get(id);
  // Physical names, once recorded, never move (a rename keeps them); a new cluster's come from its id.
  const eksCluster = locked?.names?.eksCluster ?? `${fleet.name}-${id}`;
  const stem = locked?.names?.resource ?? id;
  // A version the program gives wins; otherwise a running cluster keeps the minor it was recorded with, so a
  // new default in a fleetform release upgrades no cluster by itself; a new cluster gets the default.
  const given = p.kubernetesVersion ?? env?.kubernetesVersion ?? root.explicitKubernetesVersion;
  const kubernetesVersion = given ?? locked?.kubernetesVersion ?? fleet.kubernetesVersion;
  const kubernetesVersionSource = given !== undefined ? 'program' : locked?.kubernetesVersion !== undefined ? 'lock' : 'default';
  const grants: ResolvedGrant[] = [
    ...(env?.access.admins ?? []).map((principal) => ({ principal, level: 'cluster-admin' as const })),
    ...(env?.access.viewers ?? []).map((principal) => ({ principal, level: 'view' as const })),
  ].filter((g, i, all) => all.findIndex((x) => x.principal === g.principal) === i) // listed twice: the environment reports it
    .sort((a, b) => byCodeUnit(a.principal, b.principal))
    .map((g) => ({ ...g, resourceName: `${stem}-access-${shortHash(g.principal)}` }));
  return {
    id,
    path: c.node.path,
    region: c.region,
    environment: c.environment,
    profile: profile?.name ?? null,
    kubernetesVersion,
    kubernetesVersionSource,
    tenancy: p.tenancy ?? env?.tenancy ?? Tenancy.SHARED,
    apiEndpoint: endpointOf(p.apiEndpoint ?? env?.apiEndpoint ?? root.apiEndpoint),
    labels: Object.fromEntries(Object.keys(labels).sort().map((k) => [k, labels[k]])),
    network: addresses && {
      ...addresses,
      natGateways: profile?.natGateways ?? NatGateways.PER_ZONE,
      recorded,
    },
    computeMode,
    nodePools: pools.map((pool) => ({ ...pool, resourceName: `${stem}-${pool.name}`, nodeGroupPrefix: `${pool.name}-` })),
    ...(autoMode && p.nodePools !== undefined ? { refusedNodePools: p.nodePools.map((pool) => String(pool.name)) } : {}),
    allowSpotOnly: p.allowSpotOnly ?? profile?.allowSpotOnly ?? false,
    supportType: (p.extendedSupport ?? profile?.extendedSupport ?? false) === true ? 'EXTENDED' : 'STANDARD',
    grants,
    rbac: NO_RBAC, // access policies and teams are laid over every cluster's grants once all are resolved (resolve-access.ts)
    // Derived from the EKS cluster's name, which is recorded in the address lock and never moves.
    names: { eksCluster, resource: stem, logGroup: `/aws/eks/${eksCluster}/cluster`, secretsKeyAlias: `alias/${eksCluster}-secrets`, logsKeyAlias: `alias/${eksCluster}-logs` },
    tags: {
      ...fleet.tags,
      'fleetform:fleet': fleet.name,
      'fleetform:cluster': id,
      'fleetform:environment': c.environment,
      'managed-by': 'fleetform',
    },
    rawManifests: c.rawManifests,
    apps: [],
    zones,
    platform: platformOf({ kubernetesVersion, region: c.region, eksClusterName: eksCluster, addonVersions: p.addonVersions, computeMode }),
    lifecycle: c.decommissioning ? 'decommissioning' : 'active',
    ...(c.decommissioning ? { decommissionZones: (c.decommissioning.zones ?? []).map((z) => z.zoneName).sort(byCodeUnit) } : {}),
    creatorAdmin: locked?.creatorAdmin ?? false,
    ...(renamedFrom !== undefined ? { renamedFrom } : {}),
  };
}

function endpointOf(e: ApiEndpoint): ResolvedApiEndpoint {
  return { access: e.access, publicCidrs: [...e.publicCidrs], warnings: e.warnings };
}
