/** Where a workload runs: a filter over the fleet's clusters. */
import { describeValue } from './input';
import { isKind, markKind } from './markers';

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
  /** Whether `x` is a Placement (also one made by another copy of fleetform). */
  static isPlacement(x: unknown): x is Placement {
    return isKind(x, 'placement');
  }

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
  /** Criteria of the wrong shape (from callers TypeScript does not check), reported by the app placed with it. */
  readonly problems: readonly string[];
  /** The constructs given (environments, clusters), so the app can check they belong to its own fleet. */
  readonly references: readonly object[];

  private constructor(criteria: PlacementCriteria) {
    markKind(this, 'placement');
    const problems: string[] = [];
    const references: object[] = [];
    const names = (what: string, list: unknown, key: 'environmentName' | 'clusterId' | undefined): string[] | undefined => {
      if (list === undefined) return undefined;
      if (!Array.isArray(list)) {
        problems.push(`placement ${what} is ${describeValue(list)}, not a list; list them, such as Placement.where({ ${what}: ["..."] })`);
        return [];
      }
      // A list passed where the factory spreads its arguments (Placement.regions(['a', 'b'])) is taken as meant.
      return list.flat().flatMap((x: unknown) => {
        if (typeof x === 'string') return [x];
        const named = key !== undefined && typeof x === 'object' && x !== null ? (x as Record<string, unknown>)[key] : undefined;
        if (typeof named === 'string') {
          references.push(x as object);
          return [named];
        }
        problems.push(`placement ${what} holds ${describeValue(x)}; give names (strings)${key ? ' or the constructs themselves' : ''}`);
        return [];
      });
    };
    const c = (typeof criteria === 'object' && criteria !== null ? criteria : {}) as PlacementCriteria;
    this.environments = names('environments', c.environments, 'environmentName');
    this.regions = names('regions', c.regions, undefined);
    this.clusters = names('clusters', c.clusters, 'clusterId');
    this.problems = problems;
    this.references = references;
  }

  /** Whether the placement selects `c`. */
  matches(c: PlaceableCluster): boolean {
    return (this.environments === undefined || this.environments.includes(c.environment)) &&
      (this.regions === undefined || this.regions.includes(c.region)) &&
      (this.clusters === undefined || this.clusters.includes(c.clusterId));
  }

  /** The clusters matched, in the order given. */
  select<T extends PlaceableCluster>(clusters: readonly T[]): T[] {
    return clusters.filter((c) => this.matches(c));
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
