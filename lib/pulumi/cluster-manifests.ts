import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { ClusterArtifact } from '../synth/cluster-synth';

/** Args of {@link ClusterManifests}. */
export interface ClusterManifestsArgs {
  /** The cluster's synthesized manifests, applied as they are. */
  readonly artifact: ClusterArtifact;
  /** Kubeconfig of the cluster. */
  readonly kubeconfig: pulumi.Input<string>;
}

/**
 * A cluster's synthesized manifests applied through that cluster's own
 * Kubernetes provider, one ConfigGroup per manifest file in apply order.
 * Every resource name is prefixed with the cluster id, so objects that are
 * identical across clusters still get distinct URNs.
 */
export class ClusterManifests extends pulumi.ComponentResource {
  readonly provider: k8s.Provider;
  readonly groups: k8s.yaml.ConfigGroup[] = [];

  constructor(name: string, args: ClusterManifestsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:kubernetes:ClusterManifests', name, {}, opts);
    const clusterId = args.artifact.clusterId;
    this.provider = new k8s.Provider(`${name}-provider`, {
      kubeconfig: args.kubeconfig,
      enableServerSideApply: true,
    }, { parent: this });
    let previous: pulumi.Resource | undefined;
    for (const file of args.artifact.files) {
      const group: k8s.yaml.ConfigGroup = new k8s.yaml.ConfigGroup(`${clusterId}-${file.name.replace(/\.k8s\.yaml$/, '')}`, {
        objs: [...file.objects],
        resourcePrefix: clusterId,
      }, { parent: this, provider: this.provider, ...(previous ? { dependsOn: [previous] } : {}) });
      this.groups.push(group);
      previous = group;
    }
    this.registerOutputs({});
  }
}
