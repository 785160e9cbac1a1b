/**
 * Rendering a chart once and reusing it on every cluster where it comes out
 * the same but for the cluster's own values.
 *
 * An app placed on 300 clusters yields 300 charts that differ only in the
 * cluster's values: the `fleetform.io/{fleet,cluster,region,environment}`
 * labels and the load balancers' range its network policy admits. The chart
 * is rendered once with a sentinel in place of each value, and each cluster's
 * text is the template with the sentinels replaced. The result is
 * byte-identical to rendering the chart for the cluster, provided that every
 * substituted value is written by YAML and JSON exactly as its characters,
 * like the sentinels are; a value that is not (a cluster id YAML would quote,
 * such as "1234") makes the cluster render without the template.
 */
import { createHash } from 'node:crypto';
import { App, Chart } from 'cdk8s';
import type { ClusterValues } from './labels';
import { toYaml } from './yaml';

/** The sentinel standing for each cluster value while a template is rendered. */
export const SENTINELS: ClusterValues = {
  fleet: 'fleetform-template-fleet-5b1e0c',
  clusterId: 'fleetform-template-cluster-5b1e0c',
  region: 'fleetform-template-region-5b1e0c',
  environment: 'fleetform-template-environment-5b1e0c',
  loadBalancerRange: 'fleetform-template-lbrange-5b1e0c',
};
const SENTINEL_RE = /fleetform-template-(fleet|cluster|region|environment|lbrange)-5b1e0c/g;
const FIELD: Record<string, keyof ClusterValues> = {
  fleet: 'fleet', cluster: 'clusterId', region: 'region', environment: 'environment', lbrange: 'loadBalancerRange',
};

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

/** A chart rendered with the sentinels in place of the cluster values. */
class Template {
  private json?: string;
  constructor(private readonly rendered: RenderedChart) {}

  yamlFor(values: ClusterValues): string {
    return this.rendered.yaml.replace(SENTINEL_RE, (_, f: string) => values[FIELD[f]]);
  }

  objectsFor(values: ClusterValues): Record<string, unknown>[] {
    this.json ??= JSON.stringify(this.rendered.objects);
    return JSON.parse(this.json.replace(SENTINEL_RE, (_, f: string) => values[FIELD[f]])) as Record<string, unknown>[];
  }
}

/**
 * A chart for one cluster, rendered when first needed: its YAML, and its
 * objects on demand. A chart from a template keeps nothing of its own: its
 * text is made from the template on each call.
 */
export interface ClusterChart {
  /** Renders now what the chart is made from (its template, or the chart itself), so an error surfaces now. */
  prepare(): void;
  yaml(): string;
  /** Parsed on each call when the chart came from a template; callers keep what they need. */
  objects(): Record<string, unknown>[];
}

/** A chart rendered on its own, once, on first use. */
export function renderedOnDemand(render: () => RenderedChart): ClusterChart {
  let rendered: RenderedChart | undefined;
  const get = () => (rendered ??= render());
  return {
    prepare: () => void get(),
    yaml: () => get().yaml,
    objects: () => get().objects.map((o) => structuredClone(o)),
  };
}

/** Templates of one synthesis, keyed by everything a chart depends on besides the cluster values. */
export class ChartTemplates {
  private readonly templates = new Map<string, Template>();
  private readonly plain = new Map<string, boolean>();
  private readonly digests = new Map<string, string>();
  /** Keys by template key, then by chart name and labels: a key shared by many clusters is joined and hashed once. */
  private readonly keys = new Map<string, Map<string, { readonly key: string; readonly digest: string }>>();
  private readonly directKeys = new Map<string, boolean>();
  /** Renders done, for tests and the benchmark. */
  renders = 0;

  /** @param reuse false renders every chart directly (the reference the templates are tested against) */
  constructor(private readonly reuse = true) {}

  /**
   * The chart for `values`: from the template under `key` (rendered with
   * `build(SENTINELS)` on first use), or rendered directly with
   * `build(values)` when the values cannot be substituted safely. Nothing is
   * rendered until the chart is prepared or read.
   * @param key every input of `build` except the cluster values, serialized
   */
  chart(key: string, values: ClusterValues, build: (values: ClusterValues, app: App) => Chart): ClusterChart {
    if (!this.reuse || !this.substitutable(values) || this.holdsSentinel(key)) {
      return renderedOnDemand(() => {
        this.renders++;
        return renderChart((app) => build(values, app));
      });
    }
    const template = () => {
      let t = this.templates.get(key);
      if (!t) {
        this.renders++;
        t = new Template(renderChart((app) => build(SENTINELS, app)));
        this.templates.set(key, t);
      }
      return t;
    };
    return {
      prepare: () => void template(),
      yaml: () => template().yamlFor(values),
      objects: () => template().objectsFor(values),
    };
  }

  /**
   * The key of a chart made from a template (`name`, the contribution's
   * template key and the cluster's labels, joined) and its SHA-256, made once
   * for each distinct key: the same string is handed to every cluster that
   * shares it, so later lookups of it do not read it again.
   */
  keyOf(name: string, templateKey: string, labelsKey: string): { readonly key: string; readonly digest: string } {
    let byChart = this.keys.get(templateKey);
    if (byChart === undefined) {
      byChart = new Map();
      this.keys.set(templateKey, byChart);
    }
    const inner = `${name}\u0000${labelsKey}`;
    let entry = byChart.get(inner);
    if (entry === undefined) {
      const key = `${name}\u0000${templateKey}\u0000${labelsKey}`;
      entry = { key, digest: this.keyDigest(key) };
      byChart.set(inner, entry);
    }
    return entry;
  }

  /** SHA-256 of a template key, computed once per key. */
  keyDigest(key: string): string {
    let d = this.digests.get(key);
    if (d === undefined) {
      d = createHash('sha256').update(key).digest('hex');
      this.digests.set(key, d);
    }
    return d;
  }

  /** Whether a key holds a sentinel's text (a chart input that would be mistaken for one): such charts render directly. */
  private holdsSentinel(key: string): boolean {
    let holds = this.directKeys.get(key);
    if (holds === undefined) {
      holds = key.includes('fleetform-template-');
      this.directKeys.set(key, holds);
    }
    return holds;
  }

  /** Whether every cluster value is written by YAML and JSON as its bare characters, like the sentinels. */
  private substitutable(values: ClusterValues): boolean {
    return Object.values(values).every((v: string) => {
      let ok = this.plain.get(v);
      if (ok === undefined) {
        ok = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(v) && toYaml([{ k: v }]) === `k: ${v}\n`;
        this.plain.set(v, ok);
      }
      return ok;
    });
  }
}
