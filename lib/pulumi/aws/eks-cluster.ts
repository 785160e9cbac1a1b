import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { RegionalCluster } from '../../regional-cluster';
import { NatGateways } from '../../environment-profile';
import { fnv1a } from '../../net/address-plan';
import { kubeconfigFor } from '../kubeconfig';
import { ClusterNetwork } from './cluster-network';
import { POLICY, serviceRole } from './iam';
import { NodePoolGroup } from './node-pool-group';

/** Zone ids where EKS cannot place a control plane (AWS EKS user guide, "Subnet requirements"). */
export const EKS_UNSUPPORTED_ZONE_IDS = ['use1-az3', 'usw1-az2', 'cac1-az3'] as const;

/** Control-plane log types sent to CloudWatch. */
export const CONTROL_PLANE_LOGS = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/** Args of an {@link EksCluster}. */
export interface EksClusterArgs {
  /** The model's cluster; its addresses, version, pools and tenancy are used as decided there. */
  readonly cluster: RegionalCluster;
  /** Physical EKS cluster name. */
  readonly clusterName: string;
  /**
   * CIDRs allowed to reach the public API endpoint. Empty keeps the endpoint private only.
   */
  readonly publicAccessCidrs: readonly string[];
  /** Days control-plane logs are kept. */
  readonly logRetentionDays: number;
  readonly tags: Record<string, string>;
}

/**
 * One RegionalCluster on AWS: its network, IAM roles, a KMS key for secrets
 * encryption, the EKS control plane (private endpoint, logging), access entries
 * for the environment's principals and one managed node group per pool.
 */
export class EksCluster extends pulumi.ComponentResource {
  readonly eksCluster: aws.eks.Cluster;
  readonly network: ClusterNetwork;
  readonly nodePools: NodePoolGroup[];
  /** Kubeconfig using `aws eks get-token`; a secret. */
  readonly kubeconfig: pulumi.Output<string>;

  constructor(name: string, args: EksClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:aws:EksCluster', name, {}, opts);
    const c = args.cluster;
    const addresses = c.addresses!;
    const parent = { parent: this };

    // The first zones by name among those every account has and EKS supports; not filtered
    // by current state, so a zone's passing impairment never moves a subnet.
    const zones = aws.getAvailabilityZonesOutput({
      allAvailabilityZones: false,
      filters: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
      excludeZoneIds: [...EKS_UNSUPPORTED_ZONE_IDS],
    }, parent).names.apply((names) => {
      const sorted = [...names].sort();
      if (sorted.length < addresses.privateSubnets.length) {
        throw new Error(`[${c.node.path}] region ${c.region} offers this account ${sorted.length} availability zones EKS supports (${sorted.join(', ')}); fleetform clusters span ${addresses.privateSubnets.length}, so choose another region`);
      }
      return sorted;
    });
    this.network = new ClusterNetwork(`${name}-network`, {
      clusterName: args.clusterName,
      addresses,
      natGateways: c.profile?.natGateways ?? NatGateways.PER_ZONE,
      availabilityZones: addresses.privateSubnets.map((_, i) => zones.apply((n) => n[i])),
      tags: args.tags,
    }, parent);

    const clusterRole = serviceRole(`${name}-cluster-role`, 'eks.amazonaws.com', [POLICY.cluster], args.tags, this);
    const nodeRole = serviceRole(`${name}-node-role`, 'ec2.amazonaws.com', [POLICY.workerNode, POLICY.cni, POLICY.registryRead], args.tags, this);

    const secretsKey = new aws.kms.Key(`${name}-secrets`, {
      description: `Envelope encryption of Kubernetes secrets of ${args.clusterName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      tags: args.tags,
    }, parent);

    // Created first so the retention applies from the first log line.
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
      name: `/aws/eks/${args.clusterName}/cluster`,
      retentionInDays: args.logRetentionDays,
      tags: args.tags,
    }, parent);

    this.eksCluster = new aws.eks.Cluster(`${name}-eks`, {
      name: args.clusterName,
      version: c.kubernetesVersion,
      roleArn: clusterRole.arn,
      vpcConfig: {
        subnetIds: this.network.privateSubnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: args.publicAccessCidrs.length > 0,
        ...(args.publicAccessCidrs.length > 0 ? { publicAccessCidrs: [...args.publicAccessCidrs] } : {}),
      },
      kubernetesNetworkConfig: { serviceIpv4Cidr: addresses.serviceCidr },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: secretsKey.arn } },
      enabledClusterLogTypes: CONTROL_PLANE_LOGS,
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: true },
      tags: args.tags,
    }, { parent: this, dependsOn: [logGroup] });

    const grants: [string, string][] = [
      ...c.access.admins.map((p): [string, string] => [p, POLICY.clusterAdmin]),
      ...c.access.viewers.map((p): [string, string] => [p, POLICY.view]),
    ];
    // Named after the principal, so adding or removing one never renames (and replaces) another's entry.
    grants.forEach(([principal, policy]) => {
      const entryName = `${name}-access-${fnv1a(principal).toString(16).padStart(8, '0')}`;
      const entry = new aws.eks.AccessEntry(entryName, {
        clusterName: this.eksCluster.name,
        principalArn: principal,
        type: 'STANDARD',
        tags: args.tags,
      }, parent);
      new aws.eks.AccessPolicyAssociation(entryName, {
        clusterName: this.eksCluster.name,
        principalArn: entry.principalArn,
        policyArn: policy,
        accessScope: { type: 'cluster' },
      }, parent);
    });

    this.nodePools = c.nodePools.map((pool) => new NodePoolGroup(`${name}-${pool.name}`, {
      cluster: this.eksCluster,
      pool,
      nodeRoleArn: nodeRole.arn,
      subnetIds: this.network.privateSubnetIds,
      tenancy: c.tenancy,
      kubernetesVersion: c.kubernetesVersion,
      tags: args.tags,
    }, parent));

    this.kubeconfig = pulumi.secret(kubeconfigFor(this.eksCluster, c.region));
    this.registerOutputs({ name: this.eksCluster.name, endpoint: this.eksCluster.endpoint, kubeconfig: this.kubeconfig });
  }
}
