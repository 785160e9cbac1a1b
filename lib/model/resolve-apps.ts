/** Resolving apps: where each lands, who may call whom, and the spec it runs with on each cluster. */
import type { FleetApp } from '../fleet-app';
import { byCodeUnit } from '../naming';
import { OVERRIDE_PRECEDENCE } from '../override';
import { LayeredOverride, layerOverrides } from './app-overrides';
import { appSpec } from './app-spec';
import type { AppCallSpec } from './resolved-calls';
import type { AppPeer, AppSpec, ResolvedApp, ResolvedCluster, ResolvedOverrideConflict, ResolvedPlacement } from './resolved';

/** The ids of the clusters `a` lands on, in the order of `clusters`. */
export function placementOf(a: FleetApp, clusters: readonly ResolvedCluster[]): string[] {
  return clusters.filter((c) => a.placement.matches({ clusterId: c.id, environment: c.environment, region: c.region })).map((c) => c.id);
}

/** Who may call whom: each app's callers, and the apps that admit it as a caller (its callees). */
export interface Peers {
  readonly callers: ReadonlyMap<string, AppPeer[]>;
  readonly callees: ReadonlyMap<string, AppPeer[]>;
}

/**
 * The callers and callees of every app: those an app admits with `callers`, and
 * those that call it with `calls` (admitted on the clusters both run on).
 */
export function peersOf(apps: readonly FleetApp[]): Peers {
  const byName = new Map(apps.map((a) => [a.appName, a]));
  const peer = (a: FleetApp): AppPeer => ({ name: a.appName, namespace: a.namespace, port: a.props.port ?? 0 });
  const callers = new Map<string, AppPeer[]>();
  const callees = new Map<string, AppPeer[]>();
  for (const a of apps) {
    // Unknown names are reported by the app-callers rule; they admit no one.
    // An app that calls this one is admitted as if listed in its callers (once, however it is declared).
    const callingIt = apps.filter((x) => x !== a && x.calls.includes(a.appName)).map((x) => x.appName);
    const known = [...new Set([...a.callers, ...callingIt])].sort().flatMap((n) => { const c = byName.get(n); return c ? [c] : []; });
    callers.set(a.appName, known.map(peer));
    for (const c of known) callees.set(c.appName, [...(callees.get(c.appName) ?? []), peer(a)]);
  }
  for (const list of callees.values()) list.sort((x, y) => byCodeUnit(x.name, y.name));
  return { callers, callees };
}

/**
 * Resolves one app placed on `placed` (cluster ids); `loadBalanced` holds the
 * clusters where a global load balancer sends users to it.
 */
export function resolveApp(a: FleetApp, clusters: ReadonlyMap<string, ResolvedCluster>, placed: readonly string[], peers: Peers, loadBalanced: ReadonlySet<string>,
  callsOn: (clusterId: string) => AppCallSpec = () => ({})): ResolvedApp {
  const placement = a.placement;
  const perRegion = a.props.ingress?.certificateArns !== undefined;
  const specs = new Map<string, AppSpec>(); // clusters that run the app alike share one spec
  const placements: ResolvedPlacement[] = [];
  const scoped = a.scopedOverrides;
  const matched = scoped.map(() => [] as string[]);
  const conflicts: ResolvedOverrideConflict[] = [];
  for (const id of placed) {
    const c = clusters.get(id)!;
    const applying = scoped.flatMap((o, i) => (o.override.matches(c) ? [i] : []));
    for (const i of applying) matched[i].push(id);
    const clusterOverride = a.overrides.get(id);
    const layers: LayeredOverride[] = [
      ...applying.map((i) => ({ name: scoped[i].override.describe(), precedence: scoped[i].override.precedence, options: scoped[i].options })),
      ...(clusterOverride ? [{ name: `cluster("${id}")`, precedence: OVERRIDE_PRECEDENCE.cluster, options: clusterOverride }] : []),
    ];
    const layered = layers.length > 0 ? layerOverrides(layers) : undefined;
    for (const conflict of layered?.conflicts ?? []) conflicts.push({ clusterId: id, ...conflict });
    const balanced = loadBalanced.has(id);
    const poolTaints = a.props.nodePool !== undefined ? c.nodePools.find((pool) => pool.name === a.props.nodePool)?.taints ?? [] : undefined;
    const calls = callsOn(id);
    const callKey = Object.keys(calls).length > 0 ? `\u0000${JSON.stringify(calls)}` : '';
    const key = `${clusterOverride ? id : ''}\u0000${applying.join(',')}\u0000${perRegion ? c.region : ''}\u0000${balanced}\u0000${poolTaints?.length ? JSON.stringify(poolTaints) : ''}${callKey}`;
    let spec = specs.get(key);
    if (!spec) {
      spec = appSpec(a.appName, a.namespace, a.props, {
        region: c.region, callers: peers.callers.get(a.appName) ?? [], callees: peers.callees.get(a.appName) ?? [], loadBalanced: balanced, poolTaints, calls,
      }, layered?.options);
      specs.set(key, spec);
    }
    placements.push({ clusterId: id, spec });
  }
  return {
    name: a.appName,
    kind: a.kind,
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
    scopedOverrides: scoped.map((o, i) => ({
      name: o.override.describe(),
      kind: o.override.kind,
      ...(o.override.target !== undefined ? { target: o.override.target } : {}),
      clusters: [...matched[i]].sort(byCodeUnit),
    })),
    overrideConflicts: conflicts,
    callers: a.callers,
    calls: a.calls,
    certificateRegions: Object.keys(a.props.ingress?.certificateArns ?? {}),
    ...(a.props.residency ? { residency: a.props.residency.zoneName } : {}),
    ...(a.props.peakReplicas !== undefined ? { peakReplicas: a.props.peakReplicas } : {}),
    ...(a.props.nodePool !== undefined ? { nodePool: a.props.nodePool } : {}),
  };
}
