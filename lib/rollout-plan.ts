import { Construct } from 'constructs';
import { checkRegion } from './catalog/aws-regions';
import { otherFleetReferences } from './checks/same-fleet';
import { claimId, enterTree } from './construct-ids';
import { EnvironmentFleet } from './environment-fleet';
import { checkLater } from './errors';
import { Fields, readProps, shapes } from './input';
import { isKind } from './markers';
import { checkDnsLabel } from './naming';
import { RegionalCluster } from './regional-cluster';
import { VersionChannel } from './version-channel';

/** One wave given by the program. */
export interface RolloutWaveProps {
  /** Wave name, a DNS-1123 label unique in the plan, such as `canary`. */
  readonly name: string;
  /**
   * Environments whose clusters go out in the wave.
   * @default - none
   */
  readonly environments?: readonly EnvironmentFleet[];
  /**
   * Clusters that go out in the wave.
   * @default - none
   */
  readonly clusters?: readonly RegionalCluster[];
  /**
   * Minutes to watch the wave before the next one starts.
   * @default - the plan's bakeMinutes
   */
  readonly bakeMinutes?: number;
}

/** Which clusters computed waves keep apart from the others. */
export interface RolloutSeparation {
  /**
   * Clusters of a GDPR zone go out in waves of their own (one set of zones a wave).
   * @default false
   */
  readonly zones?: boolean;
  /**
   * Each dedicated-tenancy cluster goes out in a wave of its own.
   * @default false
   */
  readonly dedicatedTenancy?: boolean;
  /**
   * Each global load balancer's targets go out in waves of their own, never beside clusters it does not target.
   * @default false
   */
  readonly loadBalancerTargets?: boolean;
}

/** Props of a {@link RolloutPlan}. */
export interface RolloutPlanProps {
  /**
   * The channel whose stages order the computed waves: each stage in turn, the last one (production) region by region.
   * @default - by environment name: `canary`, then pre-production (staging, qa, test, dev, …), then every other environment, region by region
   */
  readonly channel?: VersionChannel;
  /**
   * The waves, given in order instead of computed: every cluster in exactly one.
   * @default - computed
   */
  readonly waves?: readonly RolloutWaveProps[];
  /**
   * Minutes to watch each wave before the next one starts.
   * @default 0
   */
  readonly bakeMinutes?: number;
  /**
   * Most clusters one wave may hold; larger computed waves are cut, larger given waves refused.
   * @default - no limit
   */
  readonly maxClustersPerWave?: number;
  /**
   * Production regions one computed wave may hold.
   * @default 1
   */
  readonly productionRegionsPerWave?: number;
  /**
   * Production regions to go first, in this order; the others follow, sorted by name.
   * @default - sorted by name
   */
  readonly regionOrder?: readonly string[];
  /**
   * Clusters computed waves keep apart.
   * @default - none
   */
  readonly separate?: RolloutSeparation;
}

const WAVE = shapes.object({
  name: { shape: shapes.string, example: '"canary"', required: true },
  environments: { shape: shapes.list(shapes.instance('an EnvironmentFleet', EnvironmentFleet.isEnvironmentFleet)), example: '[staging]' },
  clusters: { shape: shapes.list(shapes.instance('a RegionalCluster', RegionalCluster.isRegionalCluster)), example: '[canary]' },
  bakeMinutes: { shape: shapes.number, example: '30' },
}, 'a wave such as { name: "canary", clusters: [canary] }');

const FIELDS: Fields = {
  channel: { shape: shapes.instance('a VersionChannel', VersionChannel.isVersionChannel), example: 'channel' },
  waves: { shape: shapes.list(WAVE), example: '[{ name: "canary", clusters: [canary] }, { name: "production", environments: [production] }]' },
  bakeMinutes: { shape: shapes.number, example: '30' },
  maxClustersPerWave: { shape: shapes.number, example: '2' },
  productionRegionsPerWave: { shape: shapes.number, example: '1' },
  regionOrder: { shape: shapes.list(shapes.string), example: '["ap-southeast-1", "eu-west-1"]' },
  separate: {
    shape: shapes.object({
      zones: { shape: shapes.boolean, example: 'true' },
      dedicatedTenancy: { shape: shapes.boolean, example: 'true' },
      loadBalancerTargets: { shape: shapes.boolean, example: 'true' },
    }, 'an object such as { zones: true }'),
    example: '{ zones: true, dedicatedTenancy: true }',
  },
};

/** Options only computed waves take. */
const COMPUTED_ONLY = ['channel', 'productionRegionsPerWave', 'regionOrder', 'separate'] as const;

/**
 * The ordered waves a change (a new Kubernetes minor, a platform release, an
 * app version) goes out in: canary clusters first, then pre-production, then
 * production region by region, with a bake time after each wave. Computed from
 * a {@link VersionChannel} or the environments' names, or given as `waves`.
 * The waves are written to `fleet.json` for a pipeline to follow; fleetform's
 * own deployment does not go wave by wave. One plan per fleet.
 */
export class RolloutPlan extends Construct {
  /** Whether `x` is a RolloutPlan (also one made by another copy of fleetform). */
  static isRolloutPlan(x: unknown): x is RolloutPlan {
    return isKind(x, 'rolloutPlan');
  }

  /** The plan's name: its construct id. */
  readonly planName: string;
  /** The props as given, without fields of the wrong shape. */
  readonly props: Readonly<RolloutPlanProps>;

  constructor(scope: Construct, id: string, props: RolloutPlanProps = {}) {
    super(scope, claimId(scope, id, 'rollout plan'));
    enterTree(this, id, 'rolloutPlan');
    const read = readProps<RolloutPlanProps>(props, FIELDS);
    const p = read.props;
    this.planName = this.node.id;
    this.props = p;
    const waves = p.waves ?? [];
    checkLater(this, () => [
      ...read.problems,
      checkDnsLabel('rollout plan name', this.planName, 32),
      ...wholeNumber('bakeMinutes', p.bakeMinutes, 0),
      ...wholeNumber('maxClustersPerWave', p.maxClustersPerWave, 1),
      ...wholeNumber('productionRegionsPerWave', p.productionRegionsPerWave, 1),
      ...(p.regionOrder ?? []).map(checkRegion),
      ...(p.waves !== undefined ? COMPUTED_ONLY.filter((k) => p[k] !== undefined)
        .map((k) => `${k} orders computed waves, and the plan gives its waves itself; drop ${k}, or drop waves to have them computed`) : []),
      ...(p.waves?.length === 0 ? ['waves is empty; list the waves in order, or leave waves out to have them computed'] : []),
      ...waves.map((w) => checkDnsLabel('wave name', w.name, 63)),
      ...waves.map((w) => w.name).filter((n, i, all) => all.indexOf(n) !== i).map((n) => `wave name "${n}" is used twice; give each wave its own name`),
      ...waves.flatMap((w) => wholeNumber(`wave "${w.name}" bakeMinutes`, w.bakeMinutes, 0)),
      ...otherFleetReferences(this, [
        { what: 'channel', ref: p.channel },
        ...waves.flatMap((w) => [
          ...(w.environments ?? []).map((ref) => ({ what: `wave "${w.name}" environments`, ref })),
          ...(w.clusters ?? []).map((ref) => ({ what: `wave "${w.name}" clusters`, ref })),
        ]),
      ]),
    ]);
  }
}

function wholeNumber(what: string, value: number | undefined, least: number): string[] {
  if (value === undefined || (Number.isInteger(value) && value >= least)) return [];
  return [`${what} is ${value}; use a whole number, ${least} or more`];
}
