/** Which clusters an app override applies to: an environment, a region, a GDPR zone or cluster labels. */
import { describeValue, isPlainObject } from './input';
import { isKind, markKind } from './markers';

/** What an override selects clusters by. */
export type OverrideKind = 'environment' | 'region' | 'zone' | 'labels';

/** What an override needs to know of a cluster. */
export interface OverridableCluster {
  readonly environment: string;
  readonly region: string;
  /** The GDPR zones the cluster joined. */
  readonly zones: readonly string[];
  /** The cluster's labels: its environment's, its own and its zones'. */
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * Precedence of each kind of override, lowest first: the app's own props (0) <
 * environment (1) < region, zone and labels (2) < `addClusterOverride` (3).
 * A setting given at a higher precedence wins over one given lower.
 */
export const OVERRIDE_PRECEDENCE: Readonly<Record<OverrideKind | 'app' | 'cluster', number>> = {
  app: 0,
  environment: 1,
  region: 2,
  zone: 2,
  labels: 2,
  cluster: 3,
};

/**
 * Selects the clusters a `FleetApp.addOverride` applies to.
 *
 * @example
 * app.addOverride(Override.environment('staging'), { replicas: 1 });
 * app.addOverride(Override.region('eu-west-1'), { env: { DATA_REGION: 'eu' } });
 * app.addOverride(Override.zone(eu), { image: 'ghcr.io/acme/api:1.4.2-eu' });
 * app.addOverride(Override.labels({ tier: 'edge' }), { resources: { cpu: { request: '500m', limit: '2' } } });
 */
export class Override {
  /** Whether `x` is an Override (also one made by another copy of fleetform). */
  static isOverride(x: unknown): x is Override {
    return isKind(x, 'override');
  }

  /** The clusters of one environment, by name or the environment fleet itself. */
  static environment(environment: string | { readonly environmentName: string }): Override {
    return new Override('environment', named(environment, 'environmentName'), environment);
  }

  /** The clusters in one AWS region. */
  static region(region: string): Override {
    return new Override('region', named(region, undefined), region);
  }

  /** The clusters that joined one GDPR zone, by name or the zone itself. */
  static zone(zone: string | { readonly zoneName: string }): Override {
    return new Override('zone', named(zone, 'zoneName'), zone);
  }

  /** The clusters carrying every one of these labels (their environment's, their own, or a zone's `fleetform.io/zone-<zone>: member`). */
  static labels(labels: Readonly<Record<string, string>>): Override {
    return new Override('labels', undefined, labels);
  }

  /** What the override selects by. */
  readonly kind: OverrideKind;
  /** The environment, region or zone name; undefined for labels. */
  readonly target?: string;
  /** The labels a cluster must carry, for `Override.labels`, sorted by name. */
  readonly labelSelector?: Readonly<Record<string, string>>;
  /** Its place in {@link OVERRIDE_PRECEDENCE}. */
  readonly precedence: number;
  /** Arguments of the wrong shape (from callers TypeScript does not check), reported by the app it is added to. */
  readonly problems: readonly string[];
  /** The construct given (an environment fleet or a zone), so the app can check it belongs to its own fleet. */
  readonly reference?: object;

  private constructor(kind: OverrideKind, target: string | undefined, given: unknown) {
    markKind(this, 'override');
    this.kind = kind;
    this.precedence = OVERRIDE_PRECEDENCE[kind];
    const problems: string[] = [];
    if (kind === 'labels') {
      const entries = isPlainObject(given) ? Object.entries(given) : undefined;
      if (entries === undefined) {
        problems.push(`Override.labels was given ${describeValue(given)}; give an object of label names to values, such as Override.labels({ tier: "edge" })`);
      } else if (entries.length === 0) {
        problems.push('Override.labels was given no labels, which would select every cluster; name at least one, such as Override.labels({ tier: "edge" }), or change the app\'s own props');
      } else {
        for (const [k, v] of entries) {
          if (typeof v !== 'string') problems.push(`Override.labels label "${k}" is ${describeValue(v)}, not a string; give one such as "edge"`);
        }
      }
      if (problems.length === 0) this.labelSelector = Object.fromEntries((entries as [string, string][]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    } else if (target === undefined || target === '') {
      const example = kind === 'environment' ? '"staging"' : kind === 'region' ? '"eu-west-1"' : '"eu"';
      const constructs = kind === 'environment' ? ' or an EnvironmentFleet' : kind === 'zone' ? ' or a GdprZone' : '';
      problems.push(`Override.${kind} was given ${describeValue(given)}; give a name${constructs}, such as Override.${kind}(${example})`);
    } else {
      this.target = target;
      if (typeof given === 'object' && given !== null) this.reference = given;
    }
    this.problems = problems;
  }

  /** Whether the override applies to `c`. */
  matches(c: OverridableCluster): boolean {
    if (this.problems.length > 0) return false;
    switch (this.kind) {
      case 'environment': return c.environment === this.target;
      case 'region': return c.region === this.target;
      case 'zone': return c.zones.includes(this.target!);
      case 'labels': return Object.entries(this.labelSelector!).every(([k, v]) => c.labels[k] === v);
    }
  }

  /** A readable form for messages, as the override was written, such as `environment("staging")` or `labels({ tier: "edge" })`. */
  describe(): string {
    if (this.kind !== 'labels') return `${this.kind}(${JSON.stringify(this.target ?? '')})`;
    const pairs = Object.entries(this.labelSelector ?? {}).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${JSON.stringify(v)}`);
    return `labels({ ${pairs.join(', ')} })`;
  }
}

/** The name in `x`: the string itself, or the construct's `key`. */
function named(x: unknown, key: 'environmentName' | 'zoneName' | undefined): string | undefined {
  if (typeof x === 'string') return x;
  const n = key !== undefined && typeof x === 'object' && x !== null ? (x as Record<string, unknown>)[key] : undefined;
  return typeof n === 'string' ? n : undefined;
}
