import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { PlatformChart, PlatformChartName } from '../model/platform';

/** Args of {@link PlatformCharts}. */
export interface PlatformChartsArgs {
  /** Stem of the resource names: the cluster's `names.resource`. */
  readonly stem: string;
  /** The controllers, as the model decided them. */
  readonly charts: readonly PlatformChart[];
  /** The cluster's own Kubernetes provider. */
  readonly provider: k8s.Provider;
  /** The cluster's VPC, which the AWS Load Balancer Controller would otherwise read from instance metadata (closed to pods). */
  readonly vpcId: pulumi.Input<string>;
  /**
   * What every release waits for: the node groups, every add-on (coredns among them, which the
   * controllers' pods resolve names with) and the controllers' Pod Identity associations.
   */
  readonly after: pulumi.Resource[];
}

/** The controller every other release waits for. */
const LOAD_BALANCER_CONTROLLER: PlatformChartName = 'aws-load-balancer-controller';

/** What only the cloud knows, added to a controller's values. */
function cloudValues(chart: PlatformChartName, vpcId: pulumi.Input<string>): Record<string, pulumi.Input<unknown>> {
  return chart === LOAD_BALANCER_CONTROLLER ? { vpcId } : {};
}

/**
 * The controllers of one cluster, each a Helm release of the chart version the
 * model pinned, from its repository, into its namespace, with the model's
 * values plus what only the cloud knows (the VPC id of the AWS Load Balancer
 * Controller), through the cluster's own Kubernetes provider. The release
 * takes the controller's name, so the service accounts the Pod Identity
 * associations name are the charts' own.
 *
 * The AWS Load Balancer Controller goes first and the other releases wait for
 * it: its admission webhooks answer only once its pods are ready, and a release
 * is done (`atomic` waits for readiness) only then, so no chart creates an
 * object the webhooks would refuse. A chart the model says comes after others
 * (the AWS Private CA issuer and trust-manager after cert-manager, whose CRDs and
 * webhook they use) waits for their releases too.
 */
export class PlatformCharts extends pulumi.ComponentResource {
  // Private behind a getter: Pulumi walks the enumerable fields of a dependency's parents.
  readonly #releases: Partial<Record<PlatformChartName, k8s.helm.v3.Release>> = {};

  /** Controller → its Helm release. */
  get releases(): Readonly<Partial<Record<PlatformChartName, k8s.helm.v3.Release>>> {
    return this.#releases;
  }

  constructor(name: string, args: PlatformChartsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:kubernetes:PlatformCharts', name, {}, opts);
    const first = args.charts.find((c) => c.name === LOAD_BALANCER_CONTROLLER);
    const controller = first ? this.release(first, args, args.after) : undefined;
    const base = controller ? [...args.after, controller] : args.after;
    // Charts that wait for others of the cluster (trust-manager for cert-manager) come after them in the model's order.
    for (const chart of args.charts) {
      if (chart !== first) this.release(chart, args, [...base, ...(chart.after ?? []).map((n) => this.releaseBefore(n, chart.name, args.stem))]);
    }
    this.registerOutputs({});
  }

  private releaseBefore(name: PlatformChartName, of: PlatformChartName, stem: string): k8s.helm.v3.Release {
    const release = this.#releases[name];
    if (!release) throw new Error(`controller ${of} of ${stem} waits for ${name}, which is not installed before it (this is a bug in fleetform)`);
    return release;
  }

  private release(chart: PlatformChart, args: PlatformChartsArgs, after: pulumi.Resource[]): k8s.helm.v3.Release {
    const release = new k8s.helm.v3.Release(`${args.stem}-${chart.name}`, {
      name: chart.name,
      chart: chart.chart,
      version: chart.version,
      repositoryOpts: { repo: chart.repository },
      namespace: chart.namespace,
      ...(chart.createNamespace ? { createNamespace: true } : {}),
      values: { ...chart.values, ...cloudValues(chart.name, args.vpcId) },
      // A failed install or upgrade is rolled back rather than left half applied; it also waits until the release's pods are ready.
      atomic: true,
    }, { parent: this, provider: args.provider, dependsOn: after });
    this.#releases[chart.name] = release;
    return release;
  }
}
