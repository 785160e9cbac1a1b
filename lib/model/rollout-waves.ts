/**
 * Computing rollout waves: the order in which a change reaches the fleet's
 * clusters. Canary first, then pre-production, then production region by
 * region; optionally a GDPR zone's clusters, each dedicated-tenancy cluster or
 * each load balancer's targets in waves of their own, and at most so many
 * clusters a wave. No wave ever holds every target of a global load balancer
 * with two or more targets. Pure and deterministic: the same fleet gives the
 * same waves.
 */
import { byCodeUnit } from '../naming';

/** What wave computation reads of a cluster. */
export interface WaveCluster {
  readonly id: string;
  readonly region: string;
  readonly environment: string;
  readonly tenancy: string;
  /** GDPR zones it joined. */
  readonly zones: readonly string[];
}

/** A tier of the rollout: clusters that go out after every earlier tier. */
export interface WaveTier {
  readonly name: string;
  readonly clusters: readonly string[];
  /** Production: split region by region. */
  readonly production: boolean;
}

/** How waves are cut. */
export interface WaveOptions {
  readonly bakeMinutes: number;
  readonly maxClustersPerWave?: number;
  /** Production regions a wave may hold. */
  readonly productionRegionsPerWave: number;
  /** Production regions to go first, in this order; the others follow, sorted. */
  readonly regionOrder: readonly string[];
  readonly separateZones: boolean;
  readonly separateDedicated: boolean;
  readonly separateLoadBalancerTargets: boolean;
}

/** A computed wave (indexes are given by the caller). */
export interface ComputedWave {
  readonly name: string;
  readonly clusters: readonly string[];
  readonly bakeMinutes: number;
}

/** Environments taken as canaries when no channel orders the fleet. */
export const CANARY_ENVIRONMENTS: readonly string[] = ['canary'];
/** Environments taken as pre-production when no channel orders the fleet; every other environment is production. */
export const PRE_PRODUCTION_ENVIRONMENTS: readonly string[] = [
  'dev', 'development', 'integration', 'pre-production', 'preprod', 'qa', 'sandbox', 'stage', 'staging', 'test', 'testing', 'uat',
];

/** The tiers of a fleet without a channel: canary, pre-production and production environments, by name (empty tiers left out). */
export function tiersByEnvironment(clusters: readonly WaveCluster[]): WaveTier[] {
  const of = (test: (env: string) => boolean) => clusters.filter((c) => test(c.environment)).map((c) => c.id);
  const canary = (e: string) => CANARY_ENVIRONMENTS.includes(e);
  const pre = (e: string) => PRE_PRODUCTION_ENVIRONMENTS.includes(e);
  return [
    { name: 'canary', clusters: of(canary), production: false },
    { name: 'pre-production', clusters: of(pre), production: false },
    { name: 'production', clusters: of((e) => !canary(e) && !pre(e)), production: true },
  ].filter((t) => t.clusters.length > 0);
}

/**
 * The waves of `tiers`, in order. `loadBalancers` gives each global load
 * balancer's target clusters: a wave that would hold all of them (two or more)
 * is split, its last target going out in a wave of its own right after.
 */
export function computeWaves(
  clusters: readonly WaveCluster[], tiers: readonly WaveTier[], loadBalancers: readonly { readonly name: string; readonly targets: readonly string[] }[], options: WaveOptions,
): ComputedWave[] {
  const byId = new Map(clusters.map((c) => [c.id, c]));
  const balancedBy = new Map<string, string[]>();
  for (const lb of loadBalancers) for (const t of lb.targets) balancedBy.set(t, [...(balancedBy.get(t) ?? []), lb.name]);
  const groups: { name: string; clusters: string[] }[] = [];
  for (const tier of tiers) {
    const members = [...new Set(tier.clusters)].filter((id) => byId.has(id)).sort(byCodeUnit).map((id) => byId.get(id)!);
    for (const part of tier.production ? byRegions(members, options) : [{ name: tier.name, clusters: members }]) {
      const name = tier.production ? `${tier.name}-${part.name}` : tier.name;
      for (const [key, group] of separated(part.clusters, options, balancedBy)) {
        const chunks = chunk(group, options.maxClustersPerWave);
        chunks.forEach((ids, i) => groups.push({ name: [name, key, chunks.length > 1 ? `${i + 1}` : ''].filter((x) => x !== '').join('-'), clusters: ids }));
      }
    }
  }
  const targetSets = loadBalancers.map((lb) => [...new Set(lb.targets)].filter((t) => byId.has(t)).sort(byCodeUnit)).filter((t) => t.length >= 2);
  const waves = groups.flatMap((g) => keepTargetsApart(g.clusters, targetSets).map((ids, i) => ({ name: i === 0 ? g.name : `${g.name}-held-${i}`, clusters: ids })));
  return uniqueNames(waves).map((w) => ({ ...w, bakeMinutes: options.bakeMinutes }));
}

/** Production clusters by region: the chosen regions first, the rest sorted; `productionRegionsPerWave` regions together. */
function byRegions(members: readonly WaveCluster[], options: WaveOptions): { name: string; clusters: WaveCluster[] }[] {
  const present = [...new Set(members.map((c) => c.region))];
  const chosen = options.regionOrder.filter((r, i, all) => present.includes(r) && all.indexOf(r) === i);
  const regions = [...chosen, ...present.filter((r) => !chosen.includes(r)).sort(byCodeUnit)];
  const per = Math.max(1, Math.floor(options.productionRegionsPerWave));
  const out: { name: string; clusters: WaveCluster[] }[] = [];
  for (let i = 0; i < regions.length; i += per) {
    const taken = regions.slice(i, i + per);
    out.push({ name: taken.join('+'), clusters: members.filter((c) => taken.includes(c.region)) });
  }
  return out;
}

/** Groups clusters kept apart by the options, keyed by what sets them apart ('' for the rest), the rest first, then by key. */
function separated(members: readonly WaveCluster[], options: WaveOptions, balancedBy: ReadonlyMap<string, readonly string[]>): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const c of members) {
    const key = [
      options.separateDedicated && c.tenancy === 'dedicated' ? `dedicated-${c.id}` : '',
      options.separateZones && c.zones.length > 0 ? `zone-${[...c.zones].sort(byCodeUnit).join('+')}` : '',
      options.separateLoadBalancerTargets && (balancedBy.get(c.id)?.length ?? 0) > 0 ? `lb-${[...new Set(balancedBy.get(c.id))].sort(byCodeUnit).join('+')}` : '',
    ].filter((x) => x !== '').join('-');
    groups.set(key, [...(groups.get(key) ?? []), c.id]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : byCodeUnit(a, b)));
}

function chunk(ids: readonly string[], size: number | undefined): string[][] {
  if (size === undefined || !Number.isInteger(size) || size < 1) return [[...ids]];
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/**
 * Splits a wave so that none of `targetSets` (each two or more clusters) lies
 * wholly in one part: the last target of each such set is held back to a
 * later part, which is split the same way in turn.
 */
export function keepTargetsApart(wave: readonly string[], targetSets: readonly (readonly string[])[]): string[][] {
  const kept = new Set(wave);
  const held: string[] = [];
  for (;;) {
    const whole = targetSets.find((t) => t.every((id) => kept.has(id)));
    if (whole === undefined) break;
    const last = whole[whole.length - 1];
    kept.delete(last);
    held.push(last);
  }
  const first = wave.filter((id) => kept.has(id));
  if (held.length === 0) return [first];
  return [first, ...keepTargetsApart(wave.filter((id) => held.includes(id)), targetSets)];
}

/** Wave names made unique with `-2`, `-3`, … in order. */
function uniqueNames<T extends { name: string }>(waves: readonly T[]): T[] {
  const used = new Set<string>();
  return waves.map((w) => {
    let name = w.name;
    for (let n = 2; used.has(name); n++) name = `${w.name}-${n}`;
    used.add(name);
    return { ...w, name };
  });
}

/** Every wave in `waves` that holds all of a target set of two or more: the set and the wave's position. */
export function wavesHoldingAllTargets(waves: readonly { readonly clusters: readonly string[] }[], targets: readonly string[]): number[] {
  const set = [...new Set(targets)];
  if (set.length < 2) return [];
  return waves.flatMap((w, i) => (set.every((t) => w.clusters.includes(t)) ? [i] : []));
}
