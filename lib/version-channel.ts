import { Construct } from 'constructs';
import { otherFleetReferences } from './checks/same-fleet';
import { claimId, enterTree } from './construct-ids';
import { EnvironmentFleet } from './environment-fleet';
import { checkLater } from './errors';
import { Fields, readProps, shapes } from './input';
import { isKind } from './markers';
import { checkDnsLabel } from './naming';
import { RegionalCluster } from './regional-cluster';

/** One stage of a {@link VersionChannel}: the clusters that take a new minor together. */
export interface ChannelStage {
  /** Stage name, a DNS-1123 label unique in the channel, such as `canary`. */
  readonly name: string;
  /**
   * Environments whose clusters (also those added later) belong to the stage.
   * @default - none
   */
  readonly environments?: readonly EnvironmentFleet[];
  /**
   * Clusters that belong to the stage.
   * @default - none
   */
  readonly clusters?: readonly RegionalCluster[];
}

/** Props of a {@link VersionChannel}. */
export interface VersionChannelProps {
  /** The stages, in the order they take a new Kubernetes minor: first the canary, last production. */
  readonly stages: readonly ChannelStage[];
}

const STAGE = shapes.object({
  name: { shape: shapes.string, example: '"canary"', required: true },
  environments: { shape: shapes.list(shapes.instance('an EnvironmentFleet', EnvironmentFleet.isEnvironmentFleet)), example: '[staging, qa]' },
  clusters: { shape: shapes.list(shapes.instance('a RegionalCluster', RegionalCluster.isRegionalCluster)), example: '[canary]' },
}, 'a stage such as { name: "canary", clusters: [canary] }');

const FIELDS: Fields = {
  stages: { shape: shapes.list(STAGE), example: '[{ name: "canary", clusters: [canary] }, { name: "production", environments: [production] }]', required: true },
};

/**
 * The order in which clusters take a new Kubernetes minor: stages such as
 * canary → staging → production, each given as environments and/or clusters.
 * Checked at synth: no cluster of a stage runs a newer minor than every cluster
 * of the stage before it, no cluster is in two stages or two channels, no stage
 * is empty. `fleet.json` records each cluster's channel and stage, and a
 * {@link RolloutPlan} can order its waves by the channel's stages.
 */
export class VersionChannel extends Construct {
  /** Whether `x` is a VersionChannel (also one made by another copy of fleetform). */
  static isVersionChannel(x: unknown): x is VersionChannel {
    return isKind(x, 'channel');
  }

  /** The channel's name: its construct id. */
  readonly channelName: string;
  /** The stages as given (without those of the wrong shape), in order. */
  readonly stages: readonly ChannelStage[];

  constructor(scope: Construct, id: string, props: VersionChannelProps) {
    super(scope, claimId(scope, id, 'version channel'));
    enterTree(this, id, 'channel');
    const read = readProps<VersionChannelProps>(props, FIELDS);
    this.channelName = this.node.id;
    this.stages = [...(read.props.stages ?? [])];
    checkLater(this, () => [
      ...read.problems,
      checkDnsLabel('channel name', this.channelName, 32),
      ...(read.props.stages?.length === 0 ? ['the channel has no stages; list them in order, such as [{ name: "canary", clusters: [canary] }, { name: "production", environments: [production] }]'] : []),
      ...this.stages.map((s) => checkDnsLabel('stage name', s.name, 32)),
      ...this.stages.map((s) => s.name).filter((n, i, all) => all.indexOf(n) !== i)
        .map((n) => `stage name "${n}" is used twice; give each stage its own name`),
      ...otherFleetReferences(this, this.stages.flatMap((s) => [
        ...(s.environments ?? []).map((ref) => ({ what: `stage "${s.name}" environments`, ref })),
        ...(s.clusters ?? []).map((ref) => ({ what: `stage "${s.name}" clusters`, ref })),
      ])),
    ]);
  }
}

