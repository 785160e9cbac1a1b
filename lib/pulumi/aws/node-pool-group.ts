import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedNodePool } from '../../model/resolved';
import { FLEETFORM_TAG_KEYS } from '../../reserved';
import { NODE_POOL_LABEL, TaintEffect } from '../../node-pool';
import { Tenancy } from '../../tenancy';
import { answered } from '../cloud-answers';

/** The EKS API's names of the Kubernetes taint effects. */
const EKS_TAINT_EFFECTS: Readonly<Record<TaintEffect, string>> = {
  [TaintEffect.NO_SCHEDULE]: 'NO_SCHEDULE',
  [TaintEffect.PREFER_NO_SCHEDULE]: 'PREFER_NO_SCHEDULE',
  [TaintEffect.NO_EXECUTE]: 'NO_EXECUTE',
};

/** Args of a {@link NodePoolGroup}. */
export interface NodePoolGroupArgs {
  readonly cluster: aws.eks.Cluster;
  readonly pool: ResolvedNodePool;
  readonly nodeRoleArn: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<string>[];
  readonly tenancy: Tenancy;
  readonly kubernetesVersion: string;
  /** Tags of the template and the node group: the fleet's and fleetform's own. */
  readonly tags: Record<string, string>;
  /**
   * Also put the fleet's own tags on the nodes (the template's instance tags). A change of them
   * then makes a new template version, which replaces every node of the group.
   * @default false (fleetform's own tags and Name only)
   */
  readonly copyFleetTagsToNodes?: boolean;
  /** What must exist before the nodes start (the add-ons they need: networking, kube-proxy, the Pod Identity agent). */
  readonly dependsOn?: pulumi.Resource[];
}

/**
 * The tags of a pool's instances: fleetform's own, which never change for a
 * running pool, and its Name; with `copyFleetTagsToNodes`, the fleet's too.
 */
export function instanceTags(name: string, tags: Readonly<Record<string, string>>, copyFleetTagsToNodes = false): Record<string, string> {
  const own = copyFleetTagsToNodes ? { ...tags } : Object.fromEntries(Object.entries(tags).filter(([k]) => FLEETFORM_TAG_KEYS.includes(k)));
  return { ...own, Name: name };
}

/**
 * One node pool as an EKS managed node group in the private subnets, launched
 * from a template that requires IMDSv2 with a hop limit of 1, encrypts the root volume and, for
 * dedicated tenancy, places the nodes on dedicated hardware. Any change of the
 * template's content makes a new version, which replaces the group's nodes one
 * at a time: so the instances carry only fleetform's own tags unless
 * `copyFleetTagsToNodes` says otherwise, and a change of the fleet's tags
 * updates the template's and the group's own tags in place.
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
      tagSpecifications: [{ resourceType: 'instance', tags: instanceTags(name, args.tags, args.copyFleetTagsToNodes) }],
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
      labels: { ...p.labels, [NODE_POOL_LABEL]: p.name },
      // Only when the pool has taints: a group that never had any keeps the inputs it had before taints existed.
      ...(p.taints.length > 0 ? { taints: p.taints.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: EKS_TAINT_EFFECTS[t.effect] })) } : {}),
      launchTemplate: {
        id: template.id,
        version: template.latestVersion.apply((v) => `${answered(v, name, 'the launch template', 'latest version', (n) => typeof n === 'number')}`),
      },
      // No Cluster Autoscaler tags here: a node group's tags do not reach its Auto Scaling group, and EKS
      // itself tags a managed node group's ASG with k8s.io/cluster-autoscaler/enabled and
      // k8s.io/cluster-autoscaler/<cluster name> (EKS user guide, "Managed node groups":
      // https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html), which auto-discovery reads.
      tags: args.tags,
    }, { parent: this, ignoreChanges: ['scalingConfig.desiredSize'], dependsOn: args.dependsOn ?? [] });

    this.registerOutputs({ nodeGroupName: this.nodeGroup.nodeGroupName });
  }
}
