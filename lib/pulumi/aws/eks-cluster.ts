import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { EKS_AUTO_MODE } from '../../catalog/eks-auto-mode';
import { ComputeMode } from '../../environment-profile';
import type { ResolvedCluster } from '../../model/resolved';
import { logsKeyPolicy, secretsKeyPolicy } from '../../catalog/kms-key-policies';
import { accessEntryName } from '../../naming';
import { answered, isText } from '../cloud-answers';
import { guarded, keeping, protection } from '../guards';
import { kubeconfigFor } from '../kubeconfig';
import { OriginSecurityGroups } from './origin-security-groups';
import { ClusterNetwork, PeerRoute } from './cluster-network';
import { ClusterAddons } from './cluster-addons';
import { ControllerIdentities } from './controller-identities';
import { ACCESS_POLICY, POLICY, serviceRole } from './iam';
import { NodePoolGroup } from './node-pool-group';

/** Zone ids where EKS cannot place a control plane (AWS EKS user guide, "Subnet requirements"). */
export const EKS_UNSUPPORTED_ZONE_IDS = ['use1-az3', 'usw1-az2', 'cac1-az3'] as const;

/** Control-plane log types sent to CloudWatch. */
export const CONTROL_PLANE_LOGS = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/** Args of an {@link EksCluster}. */
export interface EksClusterArgs {
  /** The resolved cluster; its addresses, names, tags, version, pools, tenancy and grants are used as decided there. */
  readonly cluster: ResolvedCluster;
  /** Days control-plane logs are kept. */
  readonly logRetentionDays: number;
  /**
   * Install the platform's EKS add-ons, with their Pod Identity roles, and the controllers' roles.
   * @default true
   */
  readonly manageAddons?: boolean;
  /**
   * An IAM role or user ARN that gets a cluster-admin access entry of its own: the identity that
   * runs pulumi, on a cluster without a bootstrap admin where no cluster-admin grant is that principal.
   * @default - none
   */
  readonly deployer?: string;
  /**
   * The IAM capability role of the managed Argo CD, which gets a cluster-admin access entry of its own.
   * @default - none
   */
  readonly argoCdCapabilityRole?: string;
  /**
   * Also put the fleet's tags on the nodes, not only on the cloud resources (see `FleetDeploymentArgs`).
   * @default false
   */
  readonly copyFleetTagsToNodes?: boolean;
  /**
   * The ARN of the fleet's root CA, for the role of the cluster's AWS Private CA issuer.
   * @default - none; needed when the fleet has a trust root
   */
  readonly certificateAuthorityArn?: pulumi.Input<string>;
  /**
   * Routes to the VPCs this cluster's is peered with for calls between apps (see {@link ClusterNetworkArgs.peerRoutes}).
   * @default - none
   */
  readonly peerRoutes?: pulumi.Input<readonly PeerRoute[]>;
}

/** The add-ons and controller identities of a cluster whose platform fleetform manages. */
export interface ClusterPlatformResources {
  /** The add-ons the node groups need to start (vpc-cni, kube-proxy, the Pod Identity agent), created before them. */
  readonly baseAddons: ClusterAddons;
  /** The add-ons whose pods need nodes to become active (coredns, the EBS CSI driver), created after the node groups. */
  readonly addons: ClusterAddons;
  /** The roles and Pod Identity associations of the Helm-installed controllers. */
  readonly controllers: ControllerIdentities;
}

/**
 * One RegionalCluster on AWS: its network, IAM roles, a KMS key for secrets
 * encryption and one for the control-plane log group (each with an alias and
 * an explicit key policy), the EKS control plane (private endpoint, logging,
 * upgrade policy STANDARD unless the cluster opts into extended support), access entries
 * for the environment's principals (and the deployer, where it needs its
 * own), one managed node group per pool and, unless `manageAddons` is off,
 * the platform's EKS add-ons (those the nodes need before the node groups, the
 * others after) and the Pod Identity roles of its controllers.
 *
 * An EKS Auto Mode cluster has its compute (the built-in node pools
 * general-purpose and system, on a node role of its own), block storage and
 * load balancing enabled on the control plane, no self-managed add-ons
 * bootstrapped, the cluster role's Auto Mode policies, and neither node groups
 * nor add-ons: AWS runs them.
 *
 * What holds state is guarded unless the cluster is decommissioning: the EKS
 * cluster (Pulumi `protect` and EKS deletion protection), the VPC and subnets
 * (`protect`), the two keys and the control-plane log group (`protect`, and
 * kept in the account if the stack lets them go).
 */
export class EksCluster extends pulumi.ComponentResource {
  readonly eksCluster: aws.eks.Cluster;
  readonly network: ClusterNetwork;
  readonly nodePools: NodePoolGroup[];
  /** Kubeconfig using `aws eks get-token`; a secret. */
  readonly kubeconfig: pulumi.Output<string>;
  // Private behind a getter: Pulumi walks the enumerable fields of a dependency's parents.
  readonly #platform?: ClusterPlatformResources;
  readonly #access: pulumi.Resource[] = [];

  /** The add-ons and controller identities, or undefined when `manageAddons` is off. */
  get platform(): ClusterPlatformResources | undefined {
    return this.#platform;
  }

  /** The access entries and their policy associations: what a Kubernetes client of the cluster waits for. */
  get access(): readonly pulumi.Resource[] {
    return this.#access;
  }

  constructor(name: string, args: EksClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:aws:EksCluster', name, {}, opts);
    const c = args.cluster;
    const addresses = c.network!;
    const tags = { ...c.tags };
    const clusterName = c.names.eksCluster;
    const parent = { parent: this };

    // The first zones by name among those every account has and EKS supports; not filtered
    // by current state, so a zone's passing impairment never moves a subnet.
    const zones = aws.getAvailabilityZonesOutput({
      allAvailabilityZones: false,
      filters: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
      excludeZoneIds: [...EKS_UNSUPPORTED_ZONE_IDS],
    }, parent).names.apply((answer) => {
      const names = answered(answer, c.path, `aws.getAvailabilityZones(${c.region})`, 'availability zone names',
        (n) => Array.isArray(n) && n.length > 0 && n.every(isText));
      const sorted = [...names].sort();
      if (sorted.length < addresses.privateSubnets.length) {
        throw new Error(`[${c.path}] region ${c.region} offers this account ${sorted.length} availability zones EKS supports (${sorted.join(', ')}); fleetform clusters span ${addresses.privateSubnets.length}, so choose another region`);
      }
      return sorted;
    });
    this.network = new ClusterNetwork(`${name}-network`, {
      clusterName,
      addresses,
      natGateways: addresses.natGateways,
      availabilityZones: addresses.privateSubnets.map((_, i) => zones.apply((n) => n[i])),
      tags,
      lifecycle: c.lifecycle,
      ...(args.peerRoutes !== undefined ? { peerRoutes: args.peerRoutes } : {}),
    }, parent);

    const autoMode = c.computeMode === ComputeMode.AUTO_MODE;
    // The trust policy of every EKS cluster role allows sts:TagSession, which Auto Mode needs.
    const clusterRole = serviceRole(`${name}-cluster-role`, 'eks.amazonaws.com', autoMode ? EKS_AUTO_MODE.clusterRolePolicies.arns : [POLICY.cluster], tags, this);
    const manageAddons = args.manageAddons ?? true;
    const platform = c.platform;
    if (manageAddons && !platform) throw new Error(`[${c.path}] Kubernetes ${c.kubernetesVersion} has no platform in the catalogue; the fleet's version check should have refused it`);
    // With managed add-ons, vpc-cni gets its own role through Pod Identity and the nodes keep only what
    // the kubelet needs. Without, the self-managed aws-node EKS bootstraps runs on the node role, so the
    // role keeps the CNI policy or no node would ever become ready.
    // Auto Mode nodes run networking themselves and need only the minimal node policies.
    // Managed nodes take Session Manager (the EKS AMIs run the SSM agent) instead of SSH: no key pair, no port 22.
    const nodePolicies = autoMode ? EKS_AUTO_MODE.nodeRolePolicies.arns
      : manageAddons ? [POLICY.workerNode, POLICY.registryRead, POLICY.ssm] : [POLICY.workerNode, POLICY.cni, POLICY.registryRead, POLICY.ssm];
    const nodeRole = serviceRole(`${name}-node-role`, 'ec2.amazonaws.com', nodePolicies, tags, this);

    // Explicit key policies: the account administers each key (AWS's default, so nobody is locked out), and only
    // what uses the key gets more. Setting a policy on an existing key, and a key on an existing log group, is an
    // update in place; CloudWatch Logs encrypts what arrives from then on.
    const scope = pulumi.all([aws.getCallerIdentityOutput({}, parent).accountId, aws.getPartitionOutput({}, parent).partition])
      .apply(([accountId, partition]) => ({
        accountId: answered(accountId, c.path, 'aws.getCallerIdentity', 'account id', isText),
        partition: answered(partition, c.path, 'aws.getPartition', 'partition', isText),
        region: c.region,
      }));
    const secretsKey = new aws.kms.Key(`${name}-secrets`, {
      description: `Envelope encryption of Kubernetes secrets of ${clusterName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: pulumi.all([scope, clusterRole.arn]).apply(([s, roleArn]) => JSON.stringify(secretsKeyPolicy(s, roleArn))),
      tags,
    }, { parent: this, ...keeping(c.lifecycle) });
    new aws.kms.Alias(`${name}-secrets-alias`, { name: c.names.secretsKeyAlias, targetKeyId: secretsKey.keyId }, parent);

    const logsKey = new aws.kms.Key(`${name}-logs-key`, {
      description: `Encryption of the control-plane log group ${c.names.logGroup}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: scope.apply((s) => JSON.stringify(logsKeyPolicy(s, c.names.logGroup))),
      tags,
    }, { parent: this, ...keeping(c.lifecycle) });
    new aws.kms.Alias(`${name}-logs-key-alias`, { name: c.names.logsKeyAlias, targetKeyId: logsKey.keyId }, parent);

    // Created first so the retention applies from the first log line.
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
      name: c.names.logGroup,
      retentionInDays: args.logRetentionDays,
      kmsKeyId: logsKey.arn,
      tags,
    }, { parent: this, ...keeping(c.lifecycle) });

    this.eksCluster = new aws.eks.Cluster(`${name}-eks`, {
      name: clusterName,
      version: c.kubernetesVersion,
      roleArn: clusterRole.arn,
      vpcConfig: {
        subnetIds: this.network.privateSubnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: c.apiEndpoint.publicCidrs.length > 0,
        ...(c.apiEndpoint.publicCidrs.length > 0 ? { publicAccessCidrs: [...c.apiEndpoint.publicCidrs] } : {}),
      },
      kubernetesNetworkConfig: { serviceIpv4Cidr: addresses.serviceCidr, ...(autoMode ? { elasticLoadBalancing: { enabled: true } } : {}) },
      // Auto Mode: all three capabilities together, and no self-managed add-ons (fixed at creation: a change replaces the cluster).
      ...(autoMode ? {
        computeConfig: { enabled: true, nodePools: [...EKS_AUTO_MODE.builtInNodePools.names], nodeRoleArn: nodeRole.arn },
        storageConfig: { blockStorage: { enabled: true } },
        bootstrapSelfManagedAddons: false,
      } : {}),
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: secretsKey.arn } },
      enabledClusterLogTypes: CONTROL_PLANE_LOGS,
      // STANDARD unless the fleet opts the cluster into extended support: AWS's default is EXTENDED, which bills
      // six times the control-plane price once the version leaves standard support, without anyone deciding so.
      upgradePolicy: { supportType: c.supportType },
      // EKS refuses to delete the cluster, whoever asks, until a decommissioning deploy turns this off.
      deletionProtection: guarded(c.lifecycle),
      // The creator gets no access of its own (an access entry for it would then be refused as a duplicate), except on
      // clusters an earlier fleetform created with it: the setting cannot change after creation (the provider would
      // replace the cluster), so a later change of the model's value is ignored rather than applied.
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: c.creatorAdmin },
      tags,
    }, { parent: this, dependsOn: [logGroup], ignoreChanges: ['accessConfig.bootstrapClusterCreatorAdminPermissions'], ...protection(c.lifecycle) });

    // Named after the principal (as the model names the grants'), so adding or removing one never renames (and
    // replaces) another's entry, and a deployer later listed among the admins keeps its entry.
    const access = [
      ...c.grants,
      ...(args.deployer !== undefined ? [{ principal: args.deployer, level: 'cluster-admin' as const, resourceName: accessEntryName(c.names.resource, args.deployer) }] : []),
      // AmazonEKSClusterAdminPolicy at cluster scope, as the EKS user guide registers a remote target of the Argo CD capability.
      ...(args.argoCdCapabilityRole !== undefined && args.argoCdCapabilityRole !== args.deployer
        ? [{ principal: args.argoCdCapabilityRole, level: 'cluster-admin' as const, resourceName: accessEntryName(c.names.resource, args.argoCdCapabilityRole) }] : []),
    ];
    for (const grant of access) {
      const entry = new aws.eks.AccessEntry(grant.resourceName, {
        clusterName: this.eksCluster.name,
        principalArn: grant.principal,
        type: 'STANDARD',
        // A custom role's principals are put in the groups the cluster's RBAC binds (fleetform:<policy>).
        ...(grant.kubernetesGroups !== undefined ? { kubernetesGroups: [...grant.kubernetesGroups] } : {}),
        tags,
      }, parent);
      this.#access.push(entry);
      if (grant.level === 'custom') continue; // RBAC alone: no EKS access policy
      this.#access.push(new aws.eks.AccessPolicyAssociation(grant.resourceName, {
        clusterName: this.eksCluster.name,
        principalArn: entry.principalArn,
        policyArn: ACCESS_POLICY[grant.level],
        accessScope: grant.namespaces !== undefined ? { type: 'namespace', namespaces: [...grant.namespaces] } : { type: 'cluster' },
        // EKS knows an association by cluster, principal and policy: a new scope replaces it, and created first, the
        // old one's delete would then take the principal's access away. Deleted first, access is gone only briefly.
      }, { ...parent, deleteBeforeReplace: true }));
    }

    // An ALB behind CloudFront with origin protection admits only CloudFront and the health checkers (edge-chart.ts names the groups).
    if (c.originProtection) {
      new OriginSecurityGroups(`${name}-origin`, {
        protection: c.originProtection, region: c.region, vpcId: this.network.vpc.id, vpcCidr: addresses.vpcCidr, path: c.path, tags,
      }, parent);
    }

    const addonArgs = { clusterName: this.eksCluster.name, stem: c.names.resource, tags, kubernetesVersion: c.kubernetesVersion };
    const baseAddons = manageAddons
      ? new ClusterAddons(`${name}-base-addons`, { ...addonArgs, addons: platform!.addons.filter((a) => a.beforeNodes) }, parent)
      : undefined;

    this.nodePools = c.nodePools.map((pool) => new NodePoolGroup(pool.resourceName, {
      cluster: this.eksCluster,
      pool,
      nodeRoleArn: nodeRole.arn,
      subnetIds: this.network.privateSubnetIds,
      tenancy: c.tenancy,
      kubernetesVersion: c.kubernetesVersion,
      tags,
      copyFleetTagsToNodes: args.copyFleetTagsToNodes,
      dependsOn: baseAddons ? [baseAddons] : [],
    }, parent));

    if (baseAddons) {
      this.#platform = {
        baseAddons,
        // coredns and the EBS CSI controller are Deployments: their add-ons become active only once nodes run them.
        addons: new ClusterAddons(`${name}-addons`, { ...addonArgs, addons: platform!.addons.filter((a) => !a.beforeNodes), after: this.nodePools }, parent),
        // After the Pod Identity agent, which serves the associations' credentials.
        controllers: new ControllerIdentities(`${name}-controller-identities`, {
          ...addonArgs,
          eksClusterName: clusterName,
          charts: platform!.charts,
          ...(args.certificateAuthorityArn !== undefined ? { certificateAuthorityArn: args.certificateAuthorityArn } : {}),
        }, { parent: this, dependsOn: [baseAddons] }),
      };
    }

    this.kubeconfig = pulumi.secret(kubeconfigFor(this.eksCluster, c.region));
    this.registerOutputs({ name: this.eksCluster.name, endpoint: this.eksCluster.endpoint, kubeconfig: this.kubeconfig });
  }
}
