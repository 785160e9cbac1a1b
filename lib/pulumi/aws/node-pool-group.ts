import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedNodePool } from '../../model/resolved';
import { Tenancy } from '../../tenancy';

/** Args of a {@link NodePoolGroup}. */
export interface NodePoolGroupArgs {
  readonly cluster: aws.eks.Cluster;
  readonly pool: ResolvedNodePool;
  readonly nodeRoleArn: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<string>[];
  readonly tenancy: Tenancy;
  readonly kubernetesVersion: string;
  readonly tags: Record<string, string>;
  /** What must exist before the nodes start (the add-ons they need: networking, kube-proxy, the Pod Identity agent). */
  readonly dependsOn?: pulumi.Resource[];
}

/**
 * One node pool as an EKS managed node group in the private subnets, launched
 * from a template that requires IMDSv2 with a hop limit of 1, encrypts the root volume and, for
 * dedicated tenancy, places the nodes on dedicated hardware.
 */
export class NodePoolGroup extends pulumi.ComponentResource {
  readonly nodeGroup: aws.eks.NodeGroup;

  constructor(name: string, args: NodePoolGroupArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:aws:NodePoolGroup', name, {}, opts);
    const p = args.pool;
    const template = new aws.ec2.LaunchTemplate(`${name}-template`, {
      description: `Nodes of pool ${p.name}`,
      updateDefaultVersion: true,
      // Hop limit 1: a response to the IMDSv2 token PUT dies one hop from the node, so only
      // host-network processes (kubelet, aws-node, the Pod Identity agent) read instance metadata
      // and pods never borrow the node role; they get AWS credentials from Pod Identity instead.
      metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' },
      blockDeviceMappings: [{
        deviceName: '/dev/xvda',
        ebs: { volumeSize: p.diskSizeGiB, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' },
      }],
      ...(args.tenancy === Tenancy.DEDICATED ? { placement: { tenancy: 'dedicated' } } : {}),
      tagSpecifications: [{ resourceType: 'instance', tags: { ...args.tags, Name: `${name}` } }],
      tags: args.tags,
    }, { parent: this });

    this.nodeGroup = new aws.eks.NodeGroup(`${name}`, {
      clusterName: args.cluster.name,
      nodeGroupNamePrefix: p.nodeGroupPrefix,
      nodeRoleArn: args.nodeRoleArn,
      subnetIds: args.subnetIds,
      version: args.kubernetesVersion,
      instanceTypes: [...p.instanceTypes],
      capacityType: p.capacityType,
      // The Cluster Autoscaler owns the desired size (ignored below), within the pool's min and max.
      scalingConfig: { minSize: p.minSize, desiredSize: p.desiredSize, maxSize: p.maxSize },
      updateConfig: { maxUnavailable: 1 },
      labels: { ...p.labels, 'fleetform.io/node-pool': p.name },
      launchTemplate: { id: template.id, version: pulumi.interpolate`${template.latestVersion}` },
      // No Cluster Autoscaler tags here: a node group's tags do not reach its Auto Scaling group, and EKS
      // itself tags a managed node group's ASG with k8s.io/cluster-autoscaler/enabled and
      // k8s.io/cluster-autoscaler/<cluster name> (EKS user guide, "Managed node groups":
      // https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html), which auto-discovery reads.
      tags: args.tags,
    }, { parent: this, ignoreChanges: ['scalingConfig.desiredSize'], dependsOn: args.dependsOn ?? [] });

    this.registerOutputs({ nodeGroupName: this.nodeGroup.nodeGroupName });
  }
}
