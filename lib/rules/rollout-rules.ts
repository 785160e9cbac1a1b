/**
 * Rules of version channels and rollout plans: stages take a new Kubernetes
 * minor in order, every cluster is in one stage of one channel and in one
 * wave, no stage or wave is empty, and no wave takes every target of a global
 * load balancer at once.
 */
import type { FleetModel, ResolvedChannel } from '../model/resolved';
import { wavesHoldingAllTargets } from '../model/rollout-waves';
import { FleetRule, problem, RuleFinding } from './rule';

/** A minor as a comparable number, such as 1.36 → 1036; undefined for what is not a minor (reported elsewhere). */
function minorRank(version: string): number | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(version);
  return m ? Number(m[1]) * 1000 + Number(m[2]) : undefined;
}

/** A stage takes a minor only after the stage before it: no cluster is newer than every cluster of the previous stage. */
export const channelStageOrder: FleetRule = {
  id: 'channel-stage-order',
  description: 'no cluster of a channel\'s stage runs a newer Kubernetes minor than every cluster of the stage before it',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const version = new Map(model.clusters.map((c) => [c.id, c.kubernetesVersion]));
    for (const channel of model.channels) {
      const stages = channel.stages.filter((s) => s.clusters.some((id) => version.has(id)));
      for (let i = 1; i < stages.length; i++) {
        const before = stages[i - 1];
        const ranked = before.clusters.flatMap((id) => { const r = minorRank(version.get(id) ?? ''); return r === undefined ? [] : [{ id, r }]; });
        if (ranked.length === 0) continue;
        const newest = ranked.reduce((a, b) => (b.r > a.r ? b : a));
        const newestVersion = version.get(newest.id)!;
        for (const id of stages[i].clusters) {
          const v = version.get(id);
          const r = v === undefined ? undefined : minorRank(v);
          if (r === undefined || r <= newest.r) continue;
          yield problem(channel.path, `stage "${stages[i].name}": cluster ${id} runs Kubernetes ${v}, newer than every cluster of stage "${before.name}" (newest ${newestVersion}); a minor reaches a stage only after the stage before it, so move a cluster of "${before.name}" to ${v} first, or keep ${id} on ${newestVersion}`);
        }
      }
    }
  },
};

/** A cluster takes a new minor once: in one stage of one channel. */
export const channelMembership: FleetRule = {
  id: 'channel-membership',
  description: 'every cluster is in at most one stage of at most one channel',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const first = new Map<string, { channel: ResolvedChannel; stage: string }>();
    for (const channel of model.channels) {
      for (const stage of channel.stages) {
        for (const id of stage.clusters) {
          const seen = first.get(id);
          if (seen === undefined) {
            first.set(id, { channel, stage: stage.name });
          } else if (seen.channel === channel) {
            yield problem(channel.path, `cluster ${id} is in stage "${seen.stage}" and in stage "${stage.name}"; a cluster takes a new minor once, so put it (or its environment) in one stage`);
          } else {
            yield problem(channel.path, `cluster ${id} is in stage "${stage.name}" and in stage "${seen.stage}" of channel ${seen.channel.path}; a cluster follows one channel, so put it in one of them`);
          }
        }
      }
    }
  },
};

/** A stage without clusters orders nothing. */
export const channelStagesNotEmpty: FleetRule = {
  id: 'channel-stages-not-empty',
  description: 'every stage of a channel holds at least one cluster',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const channel of model.channels) {
      for (const stage of channel.stages) {
        if (stage.clusters.length === 0) yield problem(channel.path, `stage "${stage.name}" has no clusters; give it environments or clusters that have some, or remove the stage`);
      }
    }
  },
};

/** fleet.json lists one plan's waves. */
export const oneRolloutPlan: FleetRule = {
  id: 'one-rollout-plan',
  description: 'a fleet has at most one rollout plan',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const plan of model.rolloutPlans.slice(1)) {
      yield problem(plan.path, `the fleet already has the rollout plan ${model.rolloutPlans[0].path}; fleet.json lists one plan's waves, so keep one plan`);
    }
  },
};

/** Every cluster in exactly one wave, no empty wave, no wave over the limit, no wave with every target of a load balancer. */
export const rolloutWaves: FleetRule = {
  id: 'rollout-waves',
  description: 'every cluster is in exactly one wave of the rollout plan, and no wave is empty or takes every target of a global load balancer',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const known = new Set(model.clusters.map((c) => c.id));
    for (const plan of model.rolloutPlans) {
      const waveOf = new Map<string, string>();
      for (const wave of plan.waves) {
        if (wave.clusters.length === 0) yield problem(plan.path, `wave "${wave.name}" has no clusters; give it environments or clusters that have some, or remove the wave`);
        if (plan.maxClustersPerWave !== undefined && wave.clusters.length > plan.maxClustersPerWave) {
          yield problem(plan.path, `wave "${wave.name}" has ${wave.clusters.length} clusters, more than maxClustersPerWave (${plan.maxClustersPerWave}); split the wave or raise the limit`);
        }
        for (const id of wave.clusters) {
          const seen = waveOf.get(id);
          if (seen === undefined) waveOf.set(id, wave.name);
          else yield problem(plan.path, `cluster ${id} is in wave "${seen}" and in wave "${wave.name}"; a change reaches a cluster once, so put it (or its environment) in one wave`);
        }
      }
      for (const id of [...known].filter((x) => !waveOf.has(x))) {
        yield problem(plan.path, plan.explicit
          ? `cluster ${id} is in no wave; add it (or its environment) to a wave, so every cluster gets the change`
          : `cluster ${id} is in no wave: channel ${plan.channel} names it in no stage; add it (or its environment) to a stage of the channel`);
      }
      for (const lb of model.loadBalancers) {
        for (const i of wavesHoldingAllTargets(plan.waves, lb.targets)) {
          yield problem(plan.path, `wave "${plan.waves[i].name}" takes every target of load balancer ${lb.name} (${lb.targets.join(', ')}) at once, so a bad change could leave its users no healthy cluster; move at least one of them to another wave`);
        }
      }
    }
  },
};

/** The rules of channels and rollout plans, in the order they run. */
export const ROLLOUT_RULES: readonly FleetRule[] = [channelStagesNotEmpty, channelMembership, channelStageOrder, oneRolloutPlan, rolloutWaves];
