/** Where a workload runs: a filter over the fleet's clusters. */

/** What a placement needs to know of a cluster. */
export interface PlaceableCluster {
  readonly clusterId: string;
  readonly environment: string;
  readonly region: string;
}

/** Criteria of `Placement.where`; all given criteria must hold. */
export interface PlacementCriteria {
  /** Environment names, or environment fleets. @default - any environment */
  readonly environments?: readonly (string | { readonly environmentName: string })[];
  /** AWS regions. @default - any region */
  readonly regions?: readonly string[];
  /** Cluster ids, or clusters. @default - any cluster */
  readonly clusters?: readonly (string | { readonly clusterId: string })[];
}

/**
 * Chooses the clusters a `FleetApp` lands on.
 *
 * @example
 * Placement.environments('production')
 * Placement.where({ environments: [prod], regions: ['eu-west-1'] })
 */
export class Placement {
  /** Every cluster of the fleet, including ones added later. */
  static all(): Placement {
    return new Placement({});
  }

  /** Every cluster of the given environments. */
  static environments(...environments: (string | { readonly environmentName: string })[]): Placement {
    return new Placement({ environments });
  }

  /** Every cluster in the given regions. */
  static regions(...regions: string[]): Placement {
    return new Placement({ regions });
  }

  /** Exactly these clusters. */
  static clusters(...clusters: (string | { readonly clusterId: string })[]): Placement {
    return new Placement({ clusters });
  }

  /** Clusters matching every given criterion. */
  static where(criteria: PlacementCriteria): Placement {
    return new Placement(criteria);
  }

  readonly environments?: readonly string[];
  readonly regions?: readonly string[];
  readonly clusters?: readonly string[];

  private constructor(criteria: PlacementCriteria) {
    this.environments = criteria.environments?.map((e) => (typeof e === 'string' ? e : e.environmentName));
    this.regions = criteria.regions ? [...criteria.regions] : undefined;
    this.clusters = criteria.clusters?.map((c) => (typeof c === 'string' ? c : c.clusterId));
  }

  /** The clusters matched, in the order given. */
  select<T extends PlaceableCluster>(clusters: readonly T[]): T[] {
    return clusters.filter((c) =>
      (this.environments === undefined || this.environments.includes(c.environment)) &&
      (this.regions === undefined || this.regions.includes(c.region)) &&
      (this.clusters === undefined || this.clusters.includes(c.clusterId)));
  }

  /** A readable form for messages and the topology, such as `environments=production regions=eu-west-1`. */
  describe(): string {
    const parts: string[] = [];
    if (this.environments) parts.push(`environments=${this.environments.join(',')}`);
    if (this.regions) parts.push(`regions=${this.regions.join(',')}`);
    if (this.clusters) parts.push(`clusters=${this.clusters.join(',')}`);
    return parts.length ? parts.join(' ') : 'all clusters';
  }
}
