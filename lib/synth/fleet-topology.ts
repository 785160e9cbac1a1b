/**
 * The shape of `fleet.json`: the fleet's topology as synthesized. The JSON
 * Schema `schema/fleet.schema.json` is generated from these types
 * (`npm run schema`), and a test keeps the two in step.
 */
import type { AppPolicyDocument } from '../app-aws-permissions';

/** Version of the `fleet.json` shape; raised on every change that is not an addition. */
export const TOPOLOGY_SCHEMA_VERSION = 4;

/** The topology's file at the root of the output folder. */
export const TOPOLOGY_FILE = 'fleet.json';

/** The topology of a synthesized fleet (`fleet.json`). */
export interface FleetTopology {
  /** Version of this shape. */
  readonly schemaVersion: 4;
  readonly fleet: TopologyFleet;
  /** Sorted by id. */
  readonly clusters: readonly TopologyCluster[];
  /** Sorted by name. */
  readonly apps: readonly TopologyApp[];
  /** GDPR zones, sorted by name. */
  readonly zones: readonly TopologyZone[];
  /** Global load balancers, sorted by name. */
  readonly loadBalancers: readonly TopologyLoadBalancer[];
  /**
   * The effective access matrix: each IAM principal's and Kubernetes group's role on each
   * cluster (from environments' admins and viewers, access policies and teams), sorted by
   * subject then cluster.
   */
  readonly accessPolicies: readonly TopologyAccessGrant[];
  /** Version channels, sorted by name. */
  readonly channels: readonly TopologyChannel[];
  /** The rollout plan's waves, in order (none without a plan). */
  readonly waves: readonly TopologyWave[];
}

/** A version channel: the order in which clusters take a new Kubernetes minor. */
export interface TopologyChannel {
  readonly name: string;
  readonly path: string;
  /** In order: the first takes a new minor first. */
  readonly stages: readonly { readonly name: string; readonly clusters: readonly string[] }[];
}

/** One wave of the rollout plan, for a pipeline to follow: fleetform itself does not deploy wave by wave. */
export interface TopologyWave {
  /** Position in the plan, from 1. */
  readonly index: number;
  readonly name: string;
  /** Cluster ids, sorted. */
  readonly clusters: readonly string[];
  /** Minutes to watch the wave before the next one starts. */
  readonly bakeMinutes: number;
}

/** A cluster's place in a version channel. */
export interface TopologyChannelStage {
  /** The channel's name. */
  readonly channel: string;
  readonly stage: string;
}

/** The fleet's own settings. */
export interface TopologyFleet {
  readonly name: string;
  /** Construct path of the Fleet. */
  readonly path: string;
  /** Private range every cluster block is taken from. */
  readonly addressSpace: string;
  /** Prefix length of each cluster's block. */
  readonly clusterBlockPrefix: number;
  /** Kubernetes minor of clusters that do not choose one. */
  readonly kubernetesVersion: string;
}

/** One cluster. */
export interface TopologyCluster {
  /** Fleet-wide id: the folder of its manifests. */
  readonly id: string;
  /**
   * Numeric id, a whole number from 1 to 255, unique in the fleet and recorded
   * in the address lock like the cluster's block: it never moves and is never
   * given to another cluster (for a service mesh across clusters, such as
   * Cilium ClusterMesh's cluster id).
   */
  readonly numericId: number;
  readonly path: string;
  readonly region: string;
  readonly environment: string;
  /** Environment profile, or null for a cluster with none. */
  readonly profile: string | null;
  readonly kubernetesVersion: string;
  /**
   * The EKS upgrade policy: `STANDARD` (AWS upgrades the control plane when its version leaves
   * standard support) unless the cluster or its profile opts into `EXTENDED` support.
   */
  readonly supportType: 'STANDARD' | 'EXTENDED';
  /** The version channel and stage the cluster takes a new minor in, or null. */
  readonly channel: TopologyChannelStage | null;
  readonly tenancy: 'shared' | 'dedicated';
  /**
   * Who runs the nodes: `managed-node-groups` (one EKS managed node group per node pool), or
   * `auto-mode` (EKS Auto Mode's built-in node pools general-purpose and system; `nodePools` is empty).
   */
  readonly computeMode: 'managed-node-groups' | 'auto-mode';
  /** Who can reach the cluster's Kubernetes API. */
  readonly apiEndpoint: TopologyApiEndpoint;
  /** Labels on every object of the cluster's manifests. */
  readonly labels: Readonly<Record<string, string>>;
  /** GDPR zones the cluster joined. */
  readonly zones: readonly string[];
  readonly network: TopologyNetwork;
  /** The managed node groups; none on an Auto Mode cluster. */
  readonly nodePools: readonly TopologyNodePool[];
  readonly access: TopologyAccess;
  /** Names of the cluster's cloud resources. */
  readonly cloud: TopologyCloudNames;
  /** The add-ons and controllers the platform provides, with their versions. */
  readonly platform: TopologyPlatform;
  /** Manifest files in apply order. */
  readonly manifests: readonly string[];
}

/** Who can reach a cluster's Kubernetes API: the private endpoint always; a public one from `publicCidrs`. */
export interface TopologyApiEndpoint {
  /** `private` (no public endpoint), `public` (from listed ranges) or `internet` (from anywhere). */
  readonly access: 'private' | 'public' | 'internet';
  readonly publicCidrs: readonly string[];
}

/** A cluster's network ranges. */
export interface TopologyNetwork {
  /** The cluster's block of the fleet's address space. */
  readonly block: string;
  readonly vpcCidr: string;
  readonly serviceCidr: string;
  /** One per availability zone. */
  readonly privateSubnets: readonly string[];
  /** One per availability zone. */
  readonly publicSubnets: readonly string[];
  readonly natGateways: 'per-zone' | 'single';
}

/** A node pool with its defaults filled in. */
export interface TopologyNodePool {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  readonly capacityType: 'ON_DEMAND' | 'SPOT';
  readonly diskSizeGiB: number;
  readonly labels: Readonly<Record<string, string>>;
  /** The pool's taints; absent when it has none. */
  readonly taints?: readonly { readonly key: string; readonly value?: string; readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
}

/** One subject's role on one cluster. */
export interface TopologyAccessGrant {
  /** An IAM role or user ARN, or a Kubernetes group. */
  readonly subject: string;
  readonly kind: 'principal' | 'group';
  /** Cluster id. */
  readonly cluster: string;
  /** A built-in role (`cluster-admin`, `admin`, `edit`, `view`) or a custom ClusterRole. */
  readonly role: string;
  /** The namespaces it is scoped to, or null for the whole cluster. */
  readonly namespaces: readonly string[] | null;
  /** Paths of the environments, access policies and teams that grant it. */
  readonly via: readonly string[];
}

/** IAM principals with access to a cluster. */
export interface TopologyAccess {
  /** Given cluster-admin. */
  readonly admins: readonly string[];
  /** Given read-only access. */
  readonly viewers: readonly string[];
}

/** What a cluster's platform provides: EKS add-ons and Helm-installed controllers. */
export interface TopologyPlatform {
  /** EKS add-ons, such as vpc-cni with network-policy enforcement. */
  readonly addons: readonly TopologyAddon[];
  /** Controllers installed from Helm charts, such as the AWS Load Balancer Controller. */
  readonly charts: readonly { readonly name: string; readonly chart: string; readonly version: string; readonly repository: string }[];
}

/** One EKS add-on of a cluster. */
export interface TopologyAddon {
  readonly name: string;
  /** The `vX.Y.Z-eksbuild.N` version, or null when EKS's default for the cluster's minor is resolved at deploy (the stack outputs record it). */
  readonly version: string | null;
  /** Who chose the version: the catalogue's first-hand pin, the cluster's own pin, or EKS's default at deploy. */
  readonly chosenBy: 'catalogue' | 'cluster' | 'eks-default';
}

/** Names of a cluster's cloud resources. */
export interface TopologyCloudNames {
  readonly eksClusterName: string;
  readonly logGroup: string;
  /** KMS alias of the key encrypting the cluster's Kubernetes secrets. */
  readonly secretsKeyAlias: string;
  /** KMS alias of the key encrypting the control-plane log group. */
  readonly logsKeyAlias: string;
}

/** One app and how it runs on each cluster it landed on. */
export interface TopologyApp {
  readonly name: string;
  /** The kind of workload: `service`, `worker`, `job`, `cron-job` or `stateful`. */
  readonly kind: 'service' | 'worker' | 'job' | 'cron-job' | 'stateful';
  readonly path: string;
  readonly namespace: string;
  /** The placement, in words. */
  readonly placement: string;
  /** The GDPR zone its data stays in, or null. */
  readonly residency: string | null;
  /** The node pool its pods must run on, or null for any untainted pool. */
  readonly nodePool: string | null;
  /** Sorted by cluster id. */
  readonly clusters: readonly TopologyAppOnCluster[];
  /** The IAM role EKS Pod Identity gives the app on each of its clusters, or null for an app without AWS permissions. */
  readonly awsRole: TopologyAppAwsRole | null;
}

/** The IAM role of an app with AWS permissions, and the service account that gets it. */
export interface TopologyAppAwsRole {
  /**
   * The role's name before the suffix Pulumi appends: its IAM name is `<namePrefix>-` and seven
   * random characters, in each stack that deploys one of the app's clusters.
   */
  readonly namePrefix: string;
  /** The service account each of the app's clusters associates with the role. */
  readonly serviceAccount: { readonly namespace: string; readonly name: string };
  /** The role's inline policy: the app's statements, or null when it has only managed policies. */
  readonly policy: AppPolicyDocument | null;
  /** Managed policies attached to the role. */
  readonly managedPolicyArns: readonly string[];
}

/** An app on one cluster, overrides applied. */
export interface TopologyAppOnCluster {
  /** Cluster id. */
  readonly id: string;
  /** The image that cluster runs. */
  readonly image: string;
  /** Fixed replicas, or null when autoscaling or for a job or cron job (which run to completion). */
  readonly replicas: number | null;
  /** Pod autoscaling, or null for fixed replicas. */
  readonly autoscaling: TopologyAutoscaling | null;
}

/** Pod autoscaling bounds. */
export interface TopologyAutoscaling {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly targetCpuUtilization: number;
}

/** A GDPR zone. */
export interface TopologyZone {
  readonly name: string;
  readonly path: string;
  /** Regions its data may be in. */
  readonly regions: readonly string[];
  readonly requireDedicatedTenancy: boolean;
  /** How residency apps' traffic reaches it: `cloudfront-uncached` or `dns-only`. */
  readonly edge: 'cloudfront-uncached' | 'dns-only';
  /** Member clusters. */
  readonly clusters: readonly string[];
}

/** A global load balancer. */
export interface TopologyLoadBalancer {
  readonly name: string;
  readonly path: string;
  readonly hostname: string;
  /** The hosted zone; `zoneId` null when the deployment creates it. */
  readonly hostedZone: { readonly name: string; readonly zoneId: string | null };
  /** `dns` (straight to the clusters' ALBs) or `cloudfront` (path routes). */
  readonly edge: 'dns' | 'cloudfront';
  readonly targets: readonly string[];
  /** The routing policy, in words. */
  readonly routing: string;
  readonly healthCheck: { readonly intervalSeconds: number; readonly failureThreshold: number; readonly regions: readonly string[] };
  readonly ttlSeconds: number;
  /** Expected seconds before users move off a failed cluster: interval × threshold + TTL, plus resolver caching. */
  readonly failoverSeconds: number;
  /** One per served tree: the host name's, or each route's. */
  readonly trees: readonly TopologyDnsTree[];
}

/** The Route 53 records of one served name. */
export interface TopologyDnsTree {
  /** The name resolved: the host name, or a route's origin name. */
  readonly name: string;
  readonly app: string;
  /** The route's path pattern, or null. */
  readonly path: string | null;
  readonly clusters: readonly string[];
  /** The app's residency zone, or null. */
  readonly residency: string | null;
  readonly healthCheckPath: string;
  readonly records: readonly TopologyDnsRecord[];
  /** Each cluster's alias of its ALB. */
  readonly leaves: readonly { readonly name: string; readonly clusterId: string; readonly region: string }[];
}

/** One alias record. */
export interface TopologyDnsRecord {
  readonly name: string;
  readonly setIdentifier: string | null;
  /** Such as `latency eu-west-1`, `weighted 90`, `failover PRIMARY`, `geolocation continent EU`, `simple`. */
  readonly routing: string;
  readonly target: string;
  readonly evaluateTargetHealth: boolean;
  /** The leaf whose health check the record carries, or null. */
  readonly healthCheck: string | null;
}
