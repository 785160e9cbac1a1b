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
import { collectProblems, FleetProblem, FleetWarning } from '../errors';
import { FleetApp } from '../fleet-app';
import { GdprZone } from '../gdpr-zone';
import { GlobalLoadBalancer } from '../global-load-balancer';
import { blocksOf, LockContents, LockedCluster, renderLock } from '../net/address-lock';
import { AddressPlan, checkAddressSpace, planAddresses } from '../net/address-plan';
import { isNumericId, planNumericIds } from '../net/numeric-ids';
import type { NodePoolProps } from '../node-pool';
import { byCodeUnit } from '../naming';
import { RegionalCluster } from '../regional-cluster';
import { RolloutPlan } from '../rollout-plan';
import { AccessPolicy } from '../access-policy';
import { ArgoCdDelivery } from '../argo-cd-delivery';
import { Team } from '../team';
import { VersionChannel } from '../version-channel';
import { FleetRule, runRules } from '../rules/rule';
import { peersOf, placementOf, resolveApp } from './resolve-apps';
import { callSpecOf, resolveCalls } from './resolve-calls';
import { resolveAccess } from './resolve-access';
import { withSecretStores } from './secret-stores';
import { resolveTrust, trustSecretReads, withTrust } from './trust';
import type { FleetTrust } from '../fleet-trust';
import { resolveAwsPermissions } from './resolve-aws-permissions';
import { resolveCluster } from './resolve-cluster';
import { applyRenames, entryOf } from './resolve-lock';
import { resolveLoadBalancer, resolveZone } from './resolve-edge';
import { resolveChannel, resolveRolloutPlan } from './resolve-rollout';
import type { ClusterApp, FleetModel, ResolvedCluster, ResolvedFleet, ResolvedFleetSettings, ResolvedLoadBalancer } from './resolved';

/** What the resolve step reads of the root Fleet construct. */
export interface FleetDeclaration extends IConstruct {
  readonly fleetName: string;
  readonly addressSpace: string;
  readonly clusterBlockPrefix: number;
  readonly kubernetesVersion: string;
  /** The version the program gave the fleet, when it gave one (else clusters keep the minor the lock records, and new ones get the default). */
  readonly explicitKubernetesVersion?: string;
  readonly defaultNodePool: NodePoolProps;
  readonly tags: Readonly<Record<string, string>>;
  readonly apiEndpoint: ApiEndpoint;
  /** Ids whose recorded address blocks the program releases. */
  readonly releasedBlocks: readonly string[];
  /** Ids of clusters (and names of load balancers) the program acknowledges as removed on purpose. */
  readonly decommissionedClusters: readonly string[];
  /** The fleet's trust root, when it has one. */
  readonly trust?: FleetTrust;
}

/**
 * Resolves the fleet under `root`, with the blocks recorded in `lock`, and runs
 * `rules` over it; `supportDate` is the day the rules judge EKS support on.
 */
export function resolveFleet(root: FleetDeclaration, lock: LockContents, rules: readonly FleetRule[], supportDate: string): ResolvedFleet {
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
    decommissioned: [...new Set(root.decommissionedClusters)].sort(byCodeUnit),
  };
  const clusterConstructs = constructs.filter(RegionalCluster.isRegionalCluster)
    .sort((a, b) => byCodeUnit(a.clusterId, b.clusterId)); // stable: an id used twice keeps tree order
  const inFleet = new Set(clusterConstructs.map((c) => c.clusterId));
  const renames = applyRenames(clusterConstructs, lock.clusters);
  problems.push(...renames.problems);
  const releases = checkReleases(root, inFleet, renames.entries);
  problems.push(...releases.problems);
  const kept: Record<string, LockedCluster> = Object.fromEntries(Object.entries(renames.entries).filter(([id]) => !releases.released.includes(id)));
  const plan = planFor(root, clusterConstructs, blocksOf(kept));
  problems.push(...plan.errors.filter((e) => e.path !== ''));

  const releasedNumericIds = [...lock.releasedNumericIds, ...releases.released.map((id) => renames.entries[id]?.numericId).filter((n): n is number => n !== undefined)]
    .sort((a, b) => a - b);
  const numericIds = planNumericIds({
    recorded: Object.fromEntries(Object.entries(kept).map(([id, e]) => [id, e.numericId])),
    released: releasedNumericIds,
    requests: clusterConstructs.map((c) => ({ clusterId: c.clusterId, path: c.node.path, ...(isNumericId(c.props.numericId) ? { pinned: c.props.numericId } : {}) })),
    fleetPath: root.node.path,
  });
  problems.push(...numericIds.errors);
  const clusters = clusterConstructs.map((c) => {
    const resolved = resolveCluster(c, root, settings, plan, kept[c.clusterId], renames.renamed.get(c.clusterId));
    const numericId = numericIds.ids.get(c.clusterId);
    return numericId !== undefined ? { ...resolved, numericId } : resolved;
  });
  const clusterById = new Map(clusters.map((c) => [c.id, c]));
  const zones = constructs.filter(GdprZone.isGdprZone).sort((a, b) => byCodeUnit(a.zoneName, b.zoneName)).map((z) => resolveZone(z, clusters));

  const appConstructs = constructs.filter(FleetApp.isFleetApp).sort((a, b) => byCodeUnit(a.appName, b.appName));
  const placements = new Map(appConstructs.map((a) => [a, placementOf(a, clusters)]));
  const loadBalancers = constructs.filter(GlobalLoadBalancer.isGlobalLoadBalancer)
    .sort((a, b) => byCodeUnit(a.loadBalancerName, b.loadBalancerName))
    .map((lb) => resolveLoadBalancer(lb, { clusters, placements, zones }));
  const balanced = new Map<string, Set<string>>();
  for (const lb of loadBalancers) for (const t of lb.trees) for (const id of t.clusters) balanced.set(t.app, new Set([...(balanced.get(t.app) ?? []), id]));
  const peers = peersOf(appConstructs);
  const calls = resolveCalls(settings.name, appConstructs, placements, clusterById);
  const apps = appConstructs.map((a) => {
    const resolved = resolveApp(a, clusterById, placements.get(a)!, peers, balanced.get(a.appName) ?? new Set(), (id) => callSpecOf(calls, a.appName, id, clusterById));
    const awsPermissions = resolveAwsPermissions(a, settings);
    return awsPermissions !== undefined ? { ...resolved, awsPermissions } : resolved;
  });
  const trust = resolveTrust(root.trust, settings.name);
  const appsOn = new Map<string, ClusterApp[]>();
  for (const a of apps) {
    for (const p of a.placements) {
      const placed = appsOn.get(p.clusterId);
      if (placed) placed.push({ name: a.name, spec: p.spec });
      else appsOn.set(p.clusterId, [{ name: a.name, spec: p.spec }]);
    }
  }
  const granted = resolveAccess(
    clusters.map((c) => withTrust(withSecretStores({ ...c, apps: appsOn.get(c.id) ?? [] }, settings.name, trustSecretReads(trust)), trust)), zones,
    constructs.filter(AccessPolicy.isAccessPolicy).sort((a, b) => byCodeUnit(a.node.path, b.node.path)),
    constructs.filter(Team.isTeam).sort((a, b) => byCodeUnit(a.node.path, b.node.path)),
  );
  problems.push(...granted.problems);
  const withApps = withOriginProtection(granted.clusters, loadBalancers, settings.name);

  // Recorded clusters the fleet no longer declares keep their entries, with the numeric id given now to one recorded before ids.
  const nextEntries: Record<string, LockedCluster> = Object.fromEntries(Object.entries(kept).map(([id, e]) => {
    const numericId = numericIds.ids.get(id);
    return [id, numericId !== undefined ? { ...e, numericId } : e];
  }));
  for (const c of clusters) {
    const entry = entryOf(c, nextEntries[c.id]);
    if (entry) nextEntries[c.id] = entry;
  }
  const next = blocksOf(nextEntries);
  const text = renderLock({ fleet: settings.name, addressSpace: settings.addressSpace, clusterBlockPrefix: settings.clusterBlockPrefix }, nextEntries, releasedNumericIds);
  const model: FleetModel = {
    fleet: settings,
    clusters: withApps,
    apps,
    zones,
    loadBalancers,
    channels: constructs.filter(VersionChannel.isVersionChannel).sort((a, b) => byCodeUnit(a.channelName, b.channelName)).map(resolveChannel),
    rolloutPlans: constructs.filter(RolloutPlan.isRolloutPlan).sort((a, b) => byCodeUnit(a.planName, b.planName))
      .map((plan) => resolveRolloutPlan(plan, clusters, loadBalancers)),
    argoCd: constructs.filter(ArgoCdDelivery.isArgoCdDelivery).sort((a, b) => byCodeUnit(a.node.path, b.node.path)).map((d) => ({
      name: d.node.id, path: d.node.path, repoUrl: d.repoUrl, targetRevision: d.targetRevision, outputPath: d.path,
      namespace: d.namespace, accountId: d.accountId,
    })),
    access: granted.access,
    ...(trust ? { trust } : {}),
    calls,
    addressLock: {
      path: lock.path,
      exists: lock.exists,
      recorded: blocksOf(lock.clusters),
      entries: kept,
      next,
      renamed: [...renames.renamed].map(([to, from]) => ({ from, to })).sort((a, b) => byCodeUnit(a.to, b.to)),
      retired: Object.keys(next).filter((id) => !inFleet.has(id)).sort(),
      released: releases.released,
      decommissioned: [...new Set(root.decommissionedClusters)].filter((id) => !inFleet.has(id) && next[id] !== undefined).sort(),
      added: [...plan.clusters.keys()].filter((id) => kept[id] === undefined).sort(),
      text,
      changed: text !== lock.text,
    },
    supportDate,
  };
  const found = runRules(model, rules);
  return { ...model, problems: [...problems, ...found.problems], warnings: [...releases.warnings, ...found.warnings] };
}

/** The releases that apply: of recorded blocks of clusters that left the fleet. */
function checkReleases(root: FleetDeclaration, inFleet: ReadonlySet<string>, recorded: Readonly<Record<string, LockedCluster>>): { released: string[]; problems: FleetProblem[]; warnings: FleetWarning[] } {
  const path = root.node.path;
  const released: string[] = [];
  const problems: FleetProblem[] = [];
  const warnings: FleetWarning[] = [];
  for (const id of [...new Set(root.releasedBlocks)].sort()) {
    if (inFleet.has(id)) {
      problems.push({ path, message: `releaseAddressBlock('${id}'): cluster "${id}" is still in the fleet; remove the cluster (and destroy its VPC) before releasing its block` });
    } else if (recorded[id] === undefined) {
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

/**
 * Each cluster a CloudFront load balancer with origin protection targets,
 * with the security groups its ALB takes (see {@link OriginProtection}).
 */
function withOriginProtection(clusters: readonly ResolvedCluster[], loadBalancers: readonly ResolvedLoadBalancer[], fleet: string): ResolvedCluster[] {
  const askers = new Map<string, string[]>();
  for (const lb of loadBalancers) {
    if (lb.edge !== 'cloudfront' || !lb.originProtection) continue;
    for (const id of new Set(lb.trees.flatMap((t) => t.clusters))) askers.set(id, [...(askers.get(id) ?? []), lb.name]);
  }
  return clusters.map((c) => {
    const names = askers.get(c.id);
    if (names === undefined) return c;
    return { ...c, originProtection: { cloudFrontGroup: `${fleet}-cloudfront-origin`, healthCheckGroup: `${fleet}-route53-health-checks`, loadBalancers: [...names].sort(byCodeUnit) } };
  });
}
