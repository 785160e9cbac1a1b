/**
 * Resolving version channels and rollout plans: each stage's and each given
 * wave's clusters, and the computed waves. Part of the resolve step; the rules
 * in rules/rollout-rules.ts judge the result.
 */
import type { Construct } from 'constructs';
import type { EnvironmentFleet } from '../environment-fleet';
import { byCodeUnit } from '../naming';
import type { RolloutPlan } from '../rollout-plan';
import type { RegionalCluster } from '../regional-cluster';
import type { ChannelStage, VersionChannel } from '../version-channel';
import { computeWaves, tiersByEnvironment, WaveTier } from './rollout-waves';
import type { ResolvedChannel, ResolvedCluster, ResolvedLoadBalancer, ResolvedRolloutPlan } from './resolved';

/** A channel with each stage's clusters of this fleet. */
export function resolveChannel(channel: VersionChannel): ResolvedChannel {
  return {
    name: channel.channelName,
    path: channel.node.path,
    stages: channel.stages.map((s) => ({ name: s.name, clusters: idsOf(stageClusters(s, channel)) })),
  };
}

/** A rollout plan's waves: the given ones with their clusters, or those computed over the fleet. */
export function resolveRolloutPlan(plan: RolloutPlan, clusters: readonly ResolvedCluster[], loadBalancers: readonly ResolvedLoadBalancer[]): ResolvedRolloutPlan {
  const p = plan.props;
  const bakeMinutes = p.bakeMinutes ?? 0;
  const common = { name: plan.planName, path: plan.node.path, ...(p.maxClustersPerWave !== undefined ? { maxClustersPerWave: p.maxClustersPerWave } : {}) };
  if (p.waves !== undefined) {
    return {
      ...common,
      explicit: true,
      waves: p.waves.map((w, i) => ({
        index: i + 1,
        name: w.name,
        clusters: idsOf(stageClusters(w, plan)),
        bakeMinutes: w.bakeMinutes ?? bakeMinutes,
      })),
      unplaced: [],
    };
  }
  const channel = p.channel !== undefined && p.channel.node.root === plan.node.root ? resolveChannel(p.channel) : undefined;
  const tiers: WaveTier[] = channel
    ? channel.stages.map((s, i) => ({ name: s.name, clusters: s.clusters, production: i === channel.stages.length - 1 }))
    : tiersByEnvironment(clusters);
  const placed = new Set(tiers.flatMap((t) => t.clusters));
  const waves = computeWaves(clusters, dropRepeats(tiers), loadBalancers, {
    bakeMinutes,
    maxClustersPerWave: p.maxClustersPerWave,
    productionRegionsPerWave: p.productionRegionsPerWave ?? 1,
    regionOrder: p.regionOrder ?? [],
    separateZones: p.separate?.zones ?? false,
    separateDedicated: p.separate?.dedicatedTenancy ?? false,
    separateLoadBalancerTargets: p.separate?.loadBalancerTargets ?? false,
  });
  return {
    ...common,
    explicit: false,
    ...(channel ? { channel: channel.name } : {}),
    waves: waves.map((w, i) => ({ index: i + 1, ...w })),
    unplaced: clusters.map((c) => c.id).filter((id) => !placed.has(id)),
  };
}

/** Tiers with each cluster only in the first tier that names it (a channel rule refuses a cluster in two stages). */
function dropRepeats(tiers: readonly WaveTier[]): WaveTier[] {
  const seen = new Set<string>();
  return tiers.map((t) => {
    const clusters = t.clusters.filter((id) => !seen.has(id));
    for (const id of clusters) seen.add(id);
    return { ...t, clusters };
  });
}

function idsOf(clusters: readonly (Construct & { readonly clusterId: string })[]): string[] {
  return [...new Set(clusters.map((c) => c.clusterId))].sort(byCodeUnit);
}

/** The clusters of a stage or given wave in `owner`'s fleet: those of its environments and its own. */
function stageClusters(stage: Pick<ChannelStage, 'environments' | 'clusters'>, owner: Construct): RegionalCluster[] {
  const same = (c: Construct) => c.node.root === owner.node.root;
  return [...(stage.environments ?? []).filter(same).flatMap((e: EnvironmentFleet) => e.clusters), ...(stage.clusters ?? []).filter(same)];
}
