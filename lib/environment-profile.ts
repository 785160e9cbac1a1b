import { isKind, markKind } from './markers';
import { CapacityType, checkNodePools, NODE_POOL_SHAPE, NodePoolProps } from './node-pool';

/** How many NAT gateways a cluster network gets. */
export enum NatGateways {
  /** One per availability zone: losing a zone does not cut the others off. */
  PER_ZONE = 'per-zone',
  /** A single gateway shared by all zones: cheaper, one zone's outage cuts egress. */
  SINGLE = 'single',
}

/** Who runs a cluster's nodes, and with them its storage and load balancing. */
export enum ComputeMode {
  /**
   * EKS managed node groups sized by the cluster's node pools and scaled by the Cluster
   * Autoscaler, with the EKS add-ons and the AWS Load Balancer Controller installed by fleetform.
   */
  MANAGED_NODE_GROUPS = 'managed-node-groups',
  /**
   * EKS Auto Mode: AWS chooses, scales, patches and replaces the nodes (at most every 21 days),
   * and runs pod networking, DNS, block storage and the ALB itself, for a fee per instance-hour on
   * top of EC2. Node pools do not apply. Needs Kubernetes 1.29 or later.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/automode.html
   */
  AUTO_MODE = 'auto-mode',
}

/** Options shared by the profile factories. */
export interface EnvironmentProfileOptions {
  /**
   * The node pool of every cluster of the environment.
   * @default - the profile's own pool
   */
  readonly nodePool?: NodePoolProps;
  /**
   * Accept a production cluster whose every node pool is spot. AWS may reclaim
   * spot nodes at two minutes' notice, several at once when capacity runs short,
   * so a production cluster on spot alone is refused unless this says it is meant.
   * @default false
   */
  readonly allowSpotOnly?: boolean;
  /**
   * Who runs the nodes of the environment's clusters. With `ComputeMode.AUTO_MODE` the
   * profile's node pool does not apply, and giving one (`nodePool`) is refused.
   * @default ComputeMode.MANAGED_NODE_GROUPS
   */
  readonly computeMode?: ComputeMode;
  /**
   * Let the environment's clusters enter EKS extended support when their Kubernetes version
   * leaves standard support (EKS upgrade policy `EXTENDED`): the control plane then costs
   * $0.60 per cluster-hour instead of $0.10, for up to 12 more months. Off, a cluster's upgrade
   * policy is `STANDARD`, and a cluster on a version already past standard support is refused,
   * since AWS would upgrade its control plane by itself.
   * @default false
   * @see https://docs.aws.amazon.com/eks/latest/userguide/view-upgrade-policy.html
   */
  readonly extendedSupport?: boolean;
}

/**
 * Sizing and cost choices of an environment's clusters. Use the factories:
 * `EnvironmentProfile.production()` for customer-facing clusters,
 * `EnvironmentProfile.economy()` for staging and QA,
 * `EnvironmentProfile.sandbox()` for R&D.
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
   * Cheaper infrastructure for staging and QA: two spot workers that may
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

  /**
   * The smallest clusters, for R&D and experiments: one spot worker of 2 vCPU
   * and 4 GiB that may grow to two, a single NAT gateway, and a pool whose
   * floor is zero nodes, so it can be scaled to zero when nobody uses it
   * (`desiredSize: 0` on the node group; the Cluster Autoscaler itself keeps
   * one node while CoreDNS and the controllers run on it).
   */
  static sandbox(options: EnvironmentProfileOptions = {}): EnvironmentProfile {
    return new EnvironmentProfile('sandbox', options, {
      name: 'general',
      instanceTypes: ['t3.medium', 't3a.medium'],
      minSize: 0,
      desiredSize: 1,
      maxSize: 2,
      capacityType: CapacityType.SPOT,
      diskSizeGiB: 20,
    }, NatGateways.SINGLE);
  }

  /** The node pool clusters of this profile get unless they name their own. */
  readonly nodePool: NodePoolProps;
  /** Problems of a node pool given in the options, reported by the constructs that use the profile. */
  readonly problems: readonly string[];
  /** Whether a production cluster of this profile may run on spot alone (`allowSpotOnly`). */
  readonly allowSpotOnly: boolean;
  /** Who runs the nodes of clusters of this profile (`computeMode`). */
  readonly computeMode: ComputeMode;
  /** Whether clusters of this profile may enter EKS extended support (`extendedSupport`). */
  readonly extendedSupport: boolean;

  private constructor(
    /** Profile name, recorded in the topology. */
    readonly name: string,
    options: EnvironmentProfileOptions,
    profilePool: NodePoolProps,
    /** NAT gateways per cluster network. */
    readonly natGateways: NatGateways,
  ) {
    markKind(this, 'profile');
    const opts = (typeof options === 'object' && options !== null ? options : {}) as EnvironmentProfileOptions;
    const given = opts.nodePool;
    this.allowSpotOnly = opts.allowSpotOnly === true;
    const shape = given === undefined ? [] : NODE_POOL_SHAPE.check(given, `profile ${name}() nodePool`);
    this.nodePool = given !== undefined && shape.length === 0 ? given : profilePool;
    this.extendedSupport = opts.extendedSupport === true;
    const flag = (['allowSpotOnly', 'extendedSupport'] as const)
      .filter((key) => opts[key] !== undefined && typeof opts[key] !== 'boolean')
      .map((key) => `profile ${name}() ${key} must be true or false, got ${JSON.stringify(opts[key])}`);
    const modes: readonly unknown[] = Object.values(ComputeMode);
    const modeKnown = opts.computeMode === undefined || modes.includes(opts.computeMode);
    this.computeMode = modeKnown ? opts.computeMode ?? ComputeMode.MANAGED_NODE_GROUPS : ComputeMode.MANAGED_NODE_GROUPS;
    const mode = [
      ...(modeKnown ? [] : [`profile ${name}() computeMode must be ComputeMode.MANAGED_NODE_GROUPS or ComputeMode.AUTO_MODE, got ${JSON.stringify(opts.computeMode)}`]),
      ...(this.computeMode === ComputeMode.AUTO_MODE && given !== undefined
        ? [`profile ${name}() nodePool does not apply with ComputeMode.AUTO_MODE, where EKS Auto Mode chooses and scales the nodes; leave nodePool out, or use ComputeMode.MANAGED_NODE_GROUPS`] : []),
    ];
    this.problems = [...flag, ...mode, ...(given === undefined ? [] : shape.length > 0 ? shape : checkNodePools([given]).map((p) => `profile ${name}() ${p}`))];
  }
}
