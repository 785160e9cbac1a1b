import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { answered, isText } from './cloud-answers';
import type { ClusterArtifact } from '../synth/cluster-synth';
import { applyDependencies } from '../synth/phases';

/** Args of {@link ClusterManifests}. */
export interface ClusterManifestsArgs {
  /** The cluster's synthesized manifests, applied as they are. */
  readonly artifact: ClusterArtifact;
  /** The cluster's own Kubernetes provider. */
  readonly provider: k8s.Provider;
  /**
   * The stem of every name registered here: the cluster's resource stem
   * (`names.resource`), which the address lock keeps when the cluster is
   * renamed, so a rename moves no object. Defaults to the cluster id.
   */
  readonly stem?: string;
}

/**
 * A cluster's synthesized manifests applied through that cluster's own
 * Kubernetes provider, one ConfigGroup per chart, phase by phase (see
 * `applyDependencies`). Groups are named after their charts, not their file
 * numbers, and every object name is prefixed with the cluster's resource
 * stem, so objects identical across clusters get distinct URNs, adding a
 * chart never renames another, and renaming a cluster renames nothing.
 */
export class ClusterManifests extends pulumi.ComponentResource {
  /** Chart name → its ConfigGroup. */
  readonly groups: Readonly<Record<string, k8s.yaml.ConfigGroup>>;
  readonly #clusterId: string;
  readonly #stem: string;

  /** The cluster the manifests belong to. */
  get clusterId(): string {
    return this.#clusterId;
  }

  constructor(name: string, args: ClusterManifestsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:kubernetes:ClusterManifests', name, {}, opts);
    const clusterId = args.artifact.clusterId;
    this.#clusterId = clusterId;
    const stem = args.stem ?? clusterId;
    this.#stem = stem;
    const after = applyDependencies(args.artifact.files);
    const groups: Record<string, k8s.yaml.ConfigGroup> = {};
    for (const file of args.artifact.files) {
      groups[file.chart] = new k8s.yaml.ConfigGroup(`${stem}-${file.chart}`, {
        objs: [...file.objects],
        resourcePrefix: stem,
      }, { parent: this, provider: args.provider, dependsOn: (after.get(file.chart) ?? []).map((c) => groups[c]) });
    }
    this.groups = groups;
    this.registerOutputs({});
  }

  /**
   * The DNS name of the ALB that serves an Ingress of chart `chart`, from the
   * Ingress's status once the AWS Load Balancer Controller has set it up.
   */
  ingressHostname(chart: string, namespace: string, name: string): pulumi.Output<string> {
    return this.groups[chart].getResource('networking.k8s.io/v1/Ingress', `${this.#stem}-${namespace}`, name)
      .apply((ingress) => ingress.status)
      .apply((status) => answered(status?.loadBalancer?.ingress?.[0]?.hostname, `${this.#stem}-${namespace}/${name}`,
        'the Ingress', 'load balancer host name in its status (the AWS Load Balancer Controller writes it)', isText));
  }

  /**
   * The DNS name of the load balancer of a Service of type LoadBalancer of chart `chart`, from the
   * Service's status once the AWS Load Balancer Controller (or EKS Auto Mode) has built it.
   */
  serviceHostname(chart: string, namespace: string, name: string): pulumi.Output<string> {
    return this.groups[chart].getResource('v1/Service', `${this.#stem}-${namespace}`, name)
      .apply((service) => service.status)
      .apply((status) => answered(status?.loadBalancer?.ingress?.[0]?.hostname, `${this.#stem}-${namespace}/${name}`,
        'the Service', 'load balancer host name in its status (the AWS Load Balancer Controller writes it)', isText));
  }
}
