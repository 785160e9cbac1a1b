import { isKind, markKind } from './markers';
import { CapacityType, checkNodePools, NODE_POOL_SHAPE, NodePoolProps } from './node-pool';

/** How many NAT gateways a cluster network gets. */
export enum NatGateways {
  /** One per availability zone: losing a zone does not cut the others off. */
  PER_ZONE = 'per-zone',
  /** A single gateway shared by all zones: cheaper, one zone's outage cuts egress. */
  SINGLE = 'single',
}

/** Options shared by the profile factories. */
export interface EnvironmentProfileOptions {
  /**
   * The node pool of every cluster of the environment.
   * @default - the profile's own pool
   */
  readonly nodePool?: NodePoolProps;
}

/**
 * Sizing and cost choices of an environment's clusters. Use the factories:
 * `EnvironmentProfile.production()` for customer-facing clusters,
 * `EnvironmentProfile.economy()` for staging, QA and R&D.
 */
export class EnvironmentProfile {
  /** Whether `x` is an EnvironmentProfile (also one made by another copy of fleetform). */
  static isEnvironmentProfile(x: unknown): x is EnvironmentProfile {
    return isKind(x, 'profile');
  }

  /**
   * Customer-facing: three on-demand workers across three zones that may grow
   * to nine, one NAT gateway per zone.
   */
  static production(options: EnvironmentProfileOptions = {}): EnvironmentProfile {
    return new EnvironmentProfile('production', options, {
      name: 'general',
      instanceTypes: ['m6i.large', 'm5.large'],
      minSize: 3,
      desiredSize: 3,
      maxSize: 9,
      capacityType: CapacityType.ON_DEMAND,
    }, NatGateways.PER_ZONE);
  }

  /**
   * Cheaper infrastructure for staging, QA and R&D: two spot workers that may
   * grow to four, smaller instances, a single NAT gateway.
   */
  static economy(options: EnvironmentProfileOptions = {}): EnvironmentProfile {
    return new EnvironmentProfile('economy', options, {
      name: 'general',
      instanceTypes: ['t3.large', 't3a.large'],
      minSize: 2,
      desiredSize: 2,
      maxSize: 4,
      capacityType: CapacityType.SPOT,
      diskSizeGiB: 30,
    }, NatGateways.SINGLE);
  }

  /** The node pool clusters of this profile get unless they name their own. */
  readonly nodePool: NodePoolProps;
  /** Problems of a node pool given in the options, reported by the constructs that use the profile. */
  readonly problems: readonly string[];

  private constructor(
    /** Profile name, recorded in the topology. */
    readonly name: string,
    options: EnvironmentProfileOptions,
    profilePool: NodePoolProps,
    /** NAT gateways per cluster network. */
    readonly natGateways: NatGateways,
  ) {
    markKind(this, 'profile');
    const given = (typeof options === 'object' && options !== null ? options : {}).nodePool;
    const shape = given === undefined ? [] : NODE_POOL_SHAPE.check(given, `profile ${name}() nodePool`);
    this.nodePool = given !== undefined && shape.length === 0 ? given : profilePool;
    this.problems = given === undefined ? [] : shape.length > 0 ? shape : checkNodePools([given]).map((p) => `profile ${name}() ${p}`);
  }
}
