/**
 * Rendering a chart once and reusing it on every cluster where it comes out
 * the same but for the cluster's identity labels.
 *
 * An app placed on 300 clusters yields 300 charts that differ only in the
 * values of the `fleetform.io/{fleet,cluster,region,environment}` labels. The
 * chart is rendered once with sentinel values in those labels, and each
 * cluster's text is the template with the sentinels replaced. The result is
 * byte-identical to rendering the chart for the cluster, provided that every
 * substituted value is written by YAML and JSON exactly as its characters,
 * like the sentinels are; a value that is not (a cluster id YAML would quote,
 * such as "1234") makes the cluster render without the template.
 */
import { App, Chart } from 'cdk8s';
import type { ClusterIdentity } from './labels';
import { toYaml } from './yaml';

/** The sentinel standing for each identity field while a template is rendered. */
export const SENTINELS: ClusterIdentity = {
  fleet: 'fleetform-template-fleet-5b1e0c',
  clusterId: 'fleetform-template-cluster-5b1e0c',
  region: 'fleetform-template-region-5b1e0c',
  environment: 'fleetform-template-environment-5b1e0c',
};
const SENTINEL_RE = /fleetform-template-(fleet|cluster|region|environment)-5b1e0c/g;
const FIELD: Record<string, keyof ClusterIdentity> = { fleet: 'fleet', cluster: 'clusterId', region: 'region', environment: 'environment' };

/** A chart rendered to objects and YAML. */
export interface RenderedChart {
  readonly objects: readonly Record<string, unknown>[];
  readonly yaml: string;
}

/** Renders one chart in a fresh cdk8s App, so object names depend only on the chart's own ids. */
export function renderChart(build: (app: App) => Chart): RenderedChart {
  const objects = build(new App({ outdir: '.' })).toJson() as Record<string, unknown>[];
  return { objects, yaml: toYaml(objects) };
}

/** A chart rendered with sentinel identity labels. */
class Template {
  private json?: string;
  constructor(private readonly rendered: RenderedChart) {}

  yamlFor(identity: ClusterIdentity): string {
    return this.rendered.yaml.replace(SENTINEL_RE, (_, f: string) => identity[FIELD[f]]);
  }

  objectsFor(identity: ClusterIdentity): Record<string, unknown>[] {
    this.json ??= JSON.stringify(this.rendered.objects);
    return JSON.parse(this.json.replace(SENTINEL_RE, (_, f: string) => identity[FIELD[f]])) as Record<string, unknown>[];
  }
}

/** A chart for one cluster: its YAML, and its objects on demand. */
export interface ClusterChart {
  readonly yaml: string;
  /** Parsed on each call when the chart came from a template; callers keep what they need. */
  objects(): Record<string, unknown>[];
}

/** Templates of one synthesis, keyed by everything a chart depends on besides identity. */
export class ChartTemplates {
  private readonly templates = new Map<string, Template>();
  private readonly plain = new Map<string, boolean>();
  /** Renders done, for tests and the benchmark. */
  renders = 0;

  /** @param reuse false renders every chart directly (the reference the templates are tested against) */
  constructor(private readonly reuse = true) {}

  /**
   * The chart for `identity`: from the template under `key` (rendered with
   * `build(SENTINELS)` on first use), or rendered directly with
   * `build(identity)` when the identity cannot be substituted safely.
   * @param key every input of `build` except the identity, serialized
   */
  chart(key: string, identity: ClusterIdentity, build: (identity: ClusterIdentity, app: App) => Chart): ClusterChart {
    if (!this.reuse || !this.substitutable(identity) || key.includes('fleetform-template-')) {
      this.renders++;
      const r = renderChart((app) => build(identity, app));
      return { yaml: r.yaml, objects: () => r.objects.map((o) => structuredClone(o)) };
    }
    let t = this.templates.get(key);
    if (!t) {
      this.renders++;
      t = new Template(renderChart((app) => build(SENTINELS, app)));
      this.templates.set(key, t);
    }
    const template = t;
    return { yaml: template.yamlFor(identity), objects: () => template.objectsFor(identity) };
  }

  /** Whether every identity value is written by YAML and JSON as its bare characters, like the sentinels. */
  private substitutable(identity: ClusterIdentity): boolean {
    return Object.values(identity).every((v: string) => {
      let ok = this.plain.get(v);
      if (ok === undefined) {
        ok = /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v) && toYaml([{ k: v }]) === `k: ${v}\n`;
        this.plain.set(v, ok);
      }
      return ok;
    });
  }
}
