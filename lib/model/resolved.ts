/**
 * The resolved fleet: the construct tree turned, once per synth, into plain
 * read-only data with every default filled in and every decision made —
 * addresses, physical names, tags, NAT layout, node pools, each app's
 * effective spec per cluster — plus the problems and warnings of the rules.
 * Synthesis, fleet.json and the Pulumi binding read only this; nothing below
 * it reaches back into constructs or decides again.
 */
import type { AppPolicyDocument } from '../app-aws-permissions';
import type { EksSupportType } from '../catalog/eks-support';
import type { AppKind } from '../app-kind';
import type { AppResources, AutoscalingOptions, HealthCheck } from '../app-options';
import type { ComputeMode, NatGateways } from '../environment-profile';
import type { FleetProblem, FleetWarning } from '../errors';
import type { LockedCluster } from '../net/address-lock';
import type { ClusterAddresses } from '../net/address-plan';
import type { NodePoolSpec, NodeTaintSpec } from '../node-pool';
import type { ProbeSpec, WorkloadSpec } from './resolved-workload';
import type { AccessLevel, ResolvedAccess, ResolvedAccessRule, ResolvedGrant, ResolvedNamespaceAccess, ResolvedRbac, ResolvedRbacBinding } from './resolved-access';

export type { AccessLevel, ResolvedAccess, ResolvedAccessRule, ResolvedGrant, ResolvedNamespaceAccess, ResolvedRbac, ResolvedRbacBinding };
export type { ProbeSpec, WorkloadSpec };
export type { EksSupportType };
import type { OverrideKind } from '../override';
import type { Tenancy } from '../tenancy';
import type { OverrideConflict } from './app-overrides';
import type { LoadBalancerTree, OriginProtection, ResolvedLoadBalancer, ResolvedZone } from './resolved-edge';

export type { LoadBalancerTree, OriginProtection, ResolvedLoadBalancer, ResolvedZone };
import type { ResolvedPlatform } from './platform';
import type { AppSecretEnv, AppSecretFile, ResolvedSecretStore } from './secret-specs';
import type { ResolvedTrust } from './trust-spec';

export type { ResolvedTrust };
import type { InternalLoadBalancerSpec, RemoteCallee, ResolvedCall, ResolvedCallSource, ResolvedCalls, ResolvedExposure, ResolvedLink } from './resolved-calls';

export type { InternalLoadBalancerSpec, RemoteCallee, ResolvedCall, ResolvedCallSource, ResolvedCalls, ResolvedExposure, ResolvedLink };

/** An app's settings on one cluster, every default filled in and overrides applied. */
export interface AppSpec {
  readonly name: string;
  readonly namespace: string;
  readonly image: string;
  /** The container port; undefined for a worker, job or cron job, which serve none. */
  readonly port?: number;
  readonly servicePort: number;
  /** Fixed replicas, or undefined when autoscaling or for a job or cron job. */
  readonly replicas?: number;
  readonly autoscaling?: Required<AutoscalingOptions>;
  readonly resources: Required<AppResources>;
  readonly healthCheck: HealthCheck;
  readonly maxUnavailable: number;
  readonly spreadAcrossZones: boolean;
  /** Routing from the cluster's load balancer, or none. */
  readonly ingress?: AppIngressSpec;
  /** Whether a global load balancer sends users to the app on this cluster (through its ALB). */
  readonly loadBalanced: boolean;
  /** The GDPR zone the app's data stays in, if any. */
  readonly residency?: string;
  readonly env: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  /** Apps allowed to call this one, sorted by name. */
  readonly callers: readonly AppPeer[];
  /** Apps this one may call (those that admit it as a caller, and those it calls), sorted by name. */
  readonly callees: readonly AppPeer[];
  /** Called apps reached across clusters from this cluster, sorted by name; absent when none. */
  readonly remoteCallees?: readonly RemoteCallee[];
  /** The internal load balancer for callers on other clusters; absent when none calls the app from elsewhere. */
  readonly internalLoadBalancer?: InternalLoadBalancerSpec;
  /** Where the pods may connect besides DNS, Pod Identity, their namespace and callees. */
  readonly egress: { readonly internet: boolean; readonly cidrs: readonly string[] };
  /** The node pool the pods must run on, and the taints of that pool on this cluster, which they tolerate. */
  readonly nodePool?: { readonly name: string; readonly tolerates: readonly NodeTaintSpec[] };
  /** Variables read from Secrets Manager through the External Secrets Operator, sorted by name; absent when none. */
  readonly secretEnv?: readonly AppSecretEnv[];
  /** Files read from Secrets Manager through the External Secrets Operator, sorted by path; absent when none. */
  readonly secretFiles?: readonly AppSecretFile[];
  /** The workload's kind and what only some kinds have. */
  readonly workload: WorkloadSpec;
}

/** An app's ingress on one cluster. */
export interface AppIngressSpec {
  readonly host: string;
  readonly path: string;
  readonly scheme: 'internet-facing' | 'internal';
  /** The ACM certificate of the cluster's region, when the app serves HTTPS. */
  readonly certificateArn?: string;
}

/** Another app, as a network policy names it. */
export interface AppPeer {
  readonly name: string;
  readonly namespace: string;
  /** Its container port. */
  readonly port: number;
}

/** A cluster's network: its block of the fleet's address space, carved, and its NAT layout. */
export interface ClusterNetwork extends ClusterAddresses {
  readonly natGateways: NatGateways;
  /** Whether the block is recorded in the address lock (only recorded blocks are deployed). */
  readonly recorded: boolean;
}

/** A node pool with its defaults filled in and its physical names. */
export interface ResolvedNodePool extends NodePoolSpec {
  /** Stem of the pool's Pulumi resource names, unique in the fleet: `<cluster id>-<pool>`. */
  readonly resourceName: string;
  /** Prefix of the EKS node group's name (AWS appends a unique suffix). */
  readonly nodeGroupPrefix: string;
}

/** Who can reach a cluster's API: the private endpoint always, a public one from `publicCidrs` (none: off). */
export interface ResolvedApiEndpoint {
  readonly access: 'private' | 'public' | 'internet';
  readonly publicCidrs: readonly string[];
  /** What the CIDRs allow but deserves a second look (a block inside another). */
  readonly warnings: readonly string[];
}

/** A raw manifest added with `addManifest`. */
export interface ResolvedRawManifest {
  readonly id: string;
  readonly objects: readonly Record<string, unknown>[];
  /** Rules of the object policy the objects are exempt from, by rule, with the reason given in the program; sorted by rule. */
  readonly exempt: Readonly<Record<string, string>>;
}

/** The names a cluster's cloud resources take, decided in the model and checked unique across the fleet. */
export interface ClusterNames {
  /** EKS cluster name: `<fleet>-<cluster id>`. */
  readonly eksCluster: string;
  /** Stem of every Pulumi resource name of the cluster: the cluster id. */
  readonly resource: string;
  /** CloudWatch log group of the control plane. */
  readonly logGroup: string;
  /** KMS alias of the key that encrypts the cluster's Kubernetes secrets: `alias/<EKS cluster name>-secrets`. */
  readonly secretsKeyAlias: string;
  /** KMS alias of the key that encrypts the control-plane log group: `alias/<EKS cluster name>-logs`. */
  readonly logsKeyAlias: string;
}

/** One cluster of the fleet, resolved. */
export interface ResolvedCluster {
  readonly id: string;
  /**
   * The cluster's numeric id, 1–255, unique in the fleet and recorded in the
   * address lock like its block: it never moves and is never given to another
   * cluster. Undefined only when none is left (a problem says so).
   */
  readonly numericId?: number;
  /** Construct path, for messages. */
  readonly path: string;
  readonly region: string;
  readonly environment: string;
  /** Name of the environment profile, or null for a cluster with none. */
  readonly profile: string | null;
  readonly kubernetesVersion: string;
  /** Where the version comes from: the program, the minor the lock records for the running cluster, or fleetform's default for a new one. */
  readonly kubernetesVersionSource: 'program' | 'lock' | 'default';
  readonly tenancy: Tenancy;
  /** Who can reach the cluster's Kubernetes API. */
  readonly apiEndpoint: ResolvedApiEndpoint;
  /** Labels put on every object of the cluster's manifests, sorted by key. */
  readonly labels: Readonly<Record<string, string>>;
  /** Undefined only when the address plan failed for the cluster (a problem says why). */
  readonly network?: ClusterNetwork;
  /** Who runs the nodes: managed node groups (one per pool), or EKS Auto Mode (no pools). */
  readonly computeMode: ComputeMode;
  /** The node pools, as managed node groups; none on an Auto Mode cluster. */
  readonly nodePools: readonly ResolvedNodePool[];
  /** Names of the pools an Auto Mode cluster was given in `nodePools`, which do not apply (a rule refuses them). */
  readonly refusedNodePools?: readonly string[];
  /** Whether the program accepts this cluster on spot pools alone when it is a production one (`allowSpotOnly`). */
  readonly allowSpotOnly: boolean;
  /**
   * The EKS upgrade policy: `STANDARD` (AWS upgrades the control plane when its version leaves
   * standard support), or `EXTENDED` when the cluster or its profile opts into extended support.
   */
  readonly supportType: EksSupportType;
  /** Access of IAM principals, sorted by principal. */
  readonly grants: readonly ResolvedGrant[];
  /** What the access policies and teams write on the cluster (RBAC, team quotas). */
  readonly rbac: ResolvedRbac;
  readonly names: ClusterNames;
  /** Set when a CloudFront load balancer targets the cluster with origin protection: its ALB admits only CloudFront and health checkers. */
  readonly originProtection?: OriginProtection;
  /** AWS tags of every resource of the cluster: the fleet's, then fleetform's own. */
  readonly tags: Readonly<Record<string, string>>;
  readonly rawManifests: readonly ResolvedRawManifest[];
  /** The apps placed on the cluster and how each runs there, sorted by name. */
  readonly apps: readonly ClusterApp[];
  /** The GDPR zones the cluster joined, sorted. */
  readonly zones: readonly string[];
  /** Add-ons and controllers; undefined only when the cluster's version has none pinned (a problem says so). */
  readonly platform?: ResolvedPlatform;
  /** The ClusterSecretStores the cluster's apps read secrets through, sorted by name; absent when none does. */
  readonly secretStores?: readonly ResolvedSecretStore[];
  /**
   * `active`, or `decommissioning` once `cluster.decommission()` was called: its
   * guards are lifted (no Pulumi protect, no EKS deletion protection, keys and
   * logs not kept on delete), the first step of removing it.
   */
  readonly lifecycle: 'active' | 'decommissioning';
  /** The zones `decommission()` named, for a decommissioning cluster. */
  readonly decommissionZones?: readonly string[];
  /**
   * Whether the EKS cluster is (or was) created with its creator as a bootstrap
   * cluster admin: true only for clusters an earlier fleetform recorded in the
   * address lock, whose EKS clusters may have been created that way (the
   * setting cannot change after creation); a cluster new to the lock gets an
   * explicit access entry for the deployer instead.
   */
  readonly creatorAdmin: boolean;
  /** The id this synth renames the cluster from (`renamedFrom`), keeping its block, names and minor. */
  readonly renamedFrom?: string;
}

/** One app on a cluster, seen from the cluster. */
export interface ClusterApp {
  readonly name: string;
  /** The same object as in the app's placement. */
  readonly spec: AppSpec;
}

/** One app on one cluster. */
export interface ResolvedPlacement {
  readonly clusterId: string;
  /** Shared between clusters where the app runs the same way. */
  readonly spec: AppSpec;
}

/** One app of the fleet, resolved. */
export interface ResolvedApp {
  readonly name: string;
  /** The kind of workload it runs. */
  readonly kind: AppKind;
  readonly path: string;
  readonly namespace: string;
  /** The placement, in words, such as `environments=production`. */
  readonly placement: string;
  /** The placement's criteria; undefined when the app was given no placement or a malformed one (a problem says so). */
  readonly criteria?: { readonly environments?: readonly string[]; readonly regions?: readonly string[]; readonly clusters?: readonly string[] };
  /** Where it landed and how it runs there, sorted by cluster id. */
  readonly placements: readonly ResolvedPlacement[];
  /** Ids of the clusters the app has an override for, in the order added. */
  readonly overrides: readonly string[];
  /** Its overrides by environment, region, zone or labels (`addOverride`), in the order added. */
  readonly scopedOverrides: readonly ResolvedOverride[];
  /** Settings that two overrides of equal precedence give different values on one cluster (a rule refuses each). */
  readonly overrideConflicts: readonly ResolvedOverrideConflict[];
  /** Names of the apps allowed to call it, as given (some may be unknown: a rule says so). */
  readonly callers: readonly string[];
  /** Names of the apps it calls, as given (unknown ones included, for the rules). */
  readonly calls: readonly string[];
  /** Regions its ingress has a certificate for (empty: HTTP only). */
  readonly certificateRegions: readonly string[];
  /** The GDPR zone its data stays in, if any. */
  readonly residency?: string;
  /** Replicas it needs across its clusters at peak, when declared. */
  readonly peakReplicas?: number;
  /** The node pool the app requires, if any. */
  readonly nodePool?: string;
  /** Its AWS permissions and the role that carries them, when it declared any (`awsPermissions`). */
  readonly awsPermissions?: ResolvedAwsPermissions;
}

/** An app's override by environment, region, zone or labels, and where it applies. */
export interface ResolvedOverride {
  /** As written, such as `environment("staging")`. */
  readonly name: string;
  readonly kind: OverrideKind;
  /** The environment, region or zone named; undefined for labels. */
  readonly target?: string;
  /** The clusters the app runs on that it applies to, sorted. */
  readonly clusters: readonly string[];
}

/** Two overrides of equal precedence giving one setting different values on one cluster. */
export interface ResolvedOverrideConflict extends OverrideConflict {
  readonly clusterId: string;
}

/** The fleet's own settings. */
export interface ResolvedFleetSettings {
  readonly name: string;
  readonly path: string;
  readonly addressSpace: string;
  readonly clusterBlockPrefix: number;
  readonly kubernetesVersion: string;
  /** AWS tags of every resource, as the user gave them. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Cluster ids and load balancer names the program acknowledges as removed on
   * purpose (`fleet.decommissioned`), as given, sorted: a deployment may delete
   * them, from the fleet or from its stack's subset.
   */
  readonly decommissioned: readonly string[];
}

/** The address lock as synth found it and as it will save it. */
export interface ResolvedAddressLock {
  /** File of the lock (absolute), if it is kept in one. */
  readonly path?: string;
  /** Whether the file existed. */
  readonly exists: boolean;
  /** Cluster id → block CIDR as found. */
  readonly recorded: Readonly<Record<string, string>>;
  /**
   * What the lock recorded of each cluster before this synth, renames applied
   * (a renamed cluster's entry under its new id), releases left out: the
   * running fleet the rules compare this one with.
   */
  readonly entries: Readonly<Record<string, LockedCluster>>;
  /** Cluster id → block CIDR to record after a successful synth: every recorded block not released, and the new ones. */
  readonly next: Readonly<Record<string, string>>;
  /** Clusters this synth records under a new id (`renamedFrom`). */
  readonly renamed: readonly { readonly from: string; readonly to: string }[];
  /** Ids recorded for clusters that are no longer in the fleet: their blocks stay reserved. */
  readonly retired: readonly string[];
  /** Ids whose blocks this synth releases (`fleet.releaseAddressBlock`). */
  readonly released: readonly string[];
  /** Retired ids the program acknowledges as removed on purpose (`fleet.decommissioned`): a deployment may delete them. */
  readonly decommissioned: readonly string[];
  /** Ids that get a block recorded for the first time. */
  readonly added: readonly string[];
  /** The lock file's text after this synth. */
  readonly text: string;
  /** Whether the file's text changes (or the file is created). */
  readonly changed: boolean;
}

/** One stage of a version channel, resolved. */
export interface ResolvedChannelStage {
  readonly name: string;
  /** The stage's clusters (of its environments and its own, of this fleet), sorted. */
  readonly clusters: readonly string[];
}

/** A version channel: the order in which clusters take a new Kubernetes minor. */
export interface ResolvedChannel {
  readonly name: string;
  readonly path: string;
  /** In order: the first takes a new minor first. */
  readonly stages: readonly ResolvedChannelStage[];
}

/** One wave of a rollout plan. */
export interface ResolvedWave {
  /** Position in the plan, from 1. */
  readonly index: number;
  readonly name: string;
  /** Cluster ids, sorted. */
  readonly clusters: readonly string[];
  /** Minutes to watch the wave before the next one starts. */
  readonly bakeMinutes: number;
}

/** A rollout plan: the ordered waves a change goes out in. */
export interface ResolvedRolloutPlan {
  readonly name: string;
  readonly path: string;
  /** Whether the program gave the waves (`waves`), rather than fleetform computing them. */
  readonly explicit: boolean;
  /** The channel whose stages order computed waves, if any. */
  readonly channel?: string;
  /** Most clusters a wave may hold, if limited. */
  readonly maxClustersPerWave?: number;
  readonly waves: readonly ResolvedWave[];
  /** Clusters a computed plan could not place (its channel names them in no stage), sorted. */
  readonly unplaced: readonly string[];
}

/** Delivery by Argo CD (`ArgoCdDelivery`), resolved. */
export interface ResolvedArgoCd {
  readonly name: string;
  readonly path: string;
  readonly repoUrl: string;
  readonly targetRevision: string;
  /** Where the output folder sits in the repository, without leading or trailing `/`. */
  readonly outputPath: string;
  /** Namespace of the Argo CD installation. */
  readonly namespace: string;
  /** The AWS account of the clusters' ARNs. */
  readonly accountId: string;
}

/** The fleet before the rules run: what every rule reads. */
export interface FleetModel {
  readonly fleet: ResolvedFleetSettings;
  /** Sorted by id (in tree order, when an id is used twice). */
  readonly clusters: readonly ResolvedCluster[];
  /** Sorted by name (in tree order, when a name is used twice). */
  readonly apps: readonly ResolvedApp[];
  /** Sorted by name. */
  readonly zones: readonly ResolvedZone[];
  /** Sorted by name. */
  readonly loadBalancers: readonly ResolvedLoadBalancer[];
  /** Version channels, sorted by name. */
  readonly channels: readonly ResolvedChannel[];
  /** Rollout plans, sorted by name (a rule allows one). */
  readonly rolloutPlans: readonly ResolvedRolloutPlan[];
  /** Argo CD deliveries, sorted by path (a rule allows one). */
  readonly argoCd: readonly ResolvedArgoCd[];
  /** The effective access: every subject's role on every cluster, sorted by subject then cluster. */
  readonly access: readonly ResolvedAccess[];
  /** The fleet's trust root (`Fleet` prop `trust`); absent when it has none. */
  readonly trust?: ResolvedTrust;
  /** The calls between apps (`FleetApp.calls`) and the peerings, private names and load balancers they need. */
  readonly calls: ResolvedCalls;
  readonly addressLock: ResolvedAddressLock;
  /**
   * The day EKS support and the catalogue's age are judged on (`YYYY-MM-DD`):
   * today, unless the fleet or the synth fixes it. Only rules read it; nothing
   * that is written (manifests, fleet.json) depends on it.
   */
  readonly supportDate: string;
}

/** The resolved fleet: the model, and the problems and warnings found in it. */
export interface ResolvedFleet extends FleetModel {
  /** Problems, in construct order then rule order; synth refuses the fleet when there is any. */
  readonly problems: readonly FleetProblem[];
  readonly warnings: readonly FleetWarning[];
}

/** The cluster with `id`, or undefined. */
export function findCluster(model: FleetModel, id: string): ResolvedCluster | undefined {
  return model.clusters.find((c) => c.id === id);
}

/** The app with `name`, or undefined. */
export function findApp(model: FleetModel, name: string): ResolvedApp | undefined {
  return model.apps.find((a) => a.name === name);
}

/** An app's AWS permissions, resolved: the IAM role that carries them and the service account that gets it. */
export interface ResolvedAwsPermissions {
  /**
   * Stem of the role's name, `<fleet>-<app>` (shortened to fit IAM): the name of its Pulumi
   * resource, to which Pulumi appends `-` and seven random characters for the IAM name.
   */
  readonly roleName: string;
  /** The role's inline policy: the app's statements, when it gave any. */
  readonly policy?: AppPolicyDocument;
  /** Managed policies attached to the role, as given. */
  readonly managedPolicyArns: readonly string[];
  /** The app's service account (its name, in the app's namespace), which each cluster's Pod Identity association names. */
  readonly serviceAccount: { readonly namespace: string; readonly name: string };
  /** AWS tags of the role: the fleet's, then fleetform's own (fleet, app, managed-by). */
  readonly tags: Readonly<Record<string, string>>;
}
