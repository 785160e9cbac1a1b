import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';

/** The type token of `ClusterManifests`, the former parent of each cluster's Kubernetes provider. */
const CLUSTER_MANIFESTS_TYPE = 'fleetform:kubernetes:ClusterManifests';

/** The region of global AWS services' regional parts: CloudFront's certificates live in us-east-1. */
export const GLOBAL_REGION = 'us-east-1';

/**
 * Every provider a deployment uses, made on first use and kept: one AWS
 * provider per region, one for global services (CloudFront and its ACM
 * certificates, in us-east-1), and one Kubernetes provider per cluster, built
 * from that cluster's kubeconfig.
 */
export class FleetProviders {
  readonly #regions = new Map<string, aws.Provider>();
  #global?: aws.Provider;

  /**
   * @param fleetName stem of the providers' names
   * @param parent the component the providers belong to
   * @param gate what every provider, and so every resource and call through it, waits for: a
   *   check that fails the program, when it fails, before anything is created or deleted
   */
  constructor(private readonly fleetName: string, private readonly parent: pulumi.Resource, private readonly gate?: pulumi.Input<pulumi.Resource>) {}

  /** The AWS provider of `region`. */
  region(region: string): aws.Provider {
    let p = this.#regions.get(region);
    if (!p) {
      p = new aws.Provider(`${this.fleetName}-${region}`, { region: region as aws.Region }, { parent: this.parent, dependsOn: this.after() });
      this.#regions.set(region, p);
    }
    return p;
  }

  /** The AWS provider of global services (its own, even when a cluster runs in us-east-1). */
  global(): aws.Provider {
    this.#global ??= new aws.Provider(`${this.fleetName}-global`, { region: GLOBAL_REGION }, { parent: this.parent, dependsOn: this.after() });
    return this.#global;
  }

  /** The regional AWS providers made so far, by region. */
  get regions(): Readonly<Record<string, aws.Provider>> {
    return Object.fromEntries(this.#regions);
  }

  /**
   * A Kubernetes provider for one cluster (server-side apply), named after its
   * resource stem (`names.resource`, kept across renames),
   * after `after` (its access entries) and the deployment's gate. Until commit
   * 7e3f812 it was `<cluster>-manifests-provider`, a child of the cluster's
   * `<cluster>-manifests` component: the alias keeps stacks deployed then on
   * the same provider, since a provider whose URN changes without one can
   * replace every object it manages.
   */
  kubernetes(stem: string, kubeconfig: pulumi.Input<string>, after: readonly pulumi.Resource[] = []): k8s.Provider {
    const formerParent = pulumi.createUrn(`${stem}-manifests`, CLUSTER_MANIFESTS_TYPE, this.parent);
    return new k8s.Provider(`${stem}-k8s`, { kubeconfig, enableServerSideApply: true }, {
      parent: this.parent,
      aliases: [{ name: `${stem}-manifests-provider`, parent: formerParent }],
      dependsOn: [...this.after(), ...after],
    });
  }

  private after(): pulumi.Input<pulumi.Resource>[] {
    return this.gate !== undefined ? [this.gate] : [];
  }
}
