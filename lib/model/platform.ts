/**
 * What makes each cluster a working platform, decided in the model: the EKS
 * add-ons with the versions chosen for the cluster's minor (vpc-cni enforcing
 * network policies, coredns, kube-proxy, the Pod Identity agent, the EBS CSI
 * driver) and the controllers installed with Helm (the AWS Load Balancer
 * Controller, the Cluster Autoscaler matching the minor, metrics-server).
 * An EKS Auto Mode cluster gets no add-on and only metrics-server: AWS runs
 * the rest itself (networking, kube-proxy, CoreDNS, the Pod Identity agent,
 * block storage, node scaling and the ALB).
 * Pure; fleet.json lists the result, and the binding installs exactly it.
 */
import { ADDON_IDENTITIES, addonVersions, CORE_ADDON_NAMES, CoreAddonName, vpcCniConfigurationValues } from '../catalog/eks-addons';
import { AWS_LOAD_BALANCER_CONTROLLER, clusterAutoscalerRelease, METRICS_SERVER } from '../catalog/platform-releases';
import { ComputeMode } from '../environment-profile';

/** Who chose an add-on's version. */
export type AddonVersionChoice =
  /** The catalogue's pin for the cluster's minor, read first-hand from AWS. */
  | 'catalogue'
  /** The cluster's own pin (`addonVersions`). */
  | 'cluster'
  /** EKS's default version for the cluster's minor, resolved at deploy; the stack outputs record it. */
  | 'eks-default';

/** An EKS add-on of a cluster. */
export interface PlatformAddon {
  readonly name: CoreAddonName;
  /** The `vX.Y.Z-eksbuild.N` version; undefined when EKS's default for the minor is resolved at deploy. */
  readonly version?: string;
  /** Who chose the version. */
  readonly chosenBy: AddonVersionChoice;
  /** The add-on's configuration, as the JSON string EKS takes, when it has one. */
  readonly configurationValues?: string;
  /** The service account that gets an IAM role through a Pod Identity association, and the policy on it. */
  readonly role?: { readonly namespace: string; readonly serviceAccount: string; readonly managedPolicyArn: string };
  /** Installed before the node groups, which need it to start (networking, kube-proxy, Pod Identity). */
  readonly beforeNodes: boolean;
}

/** The controllers fleetform installs with Helm. */
export type PlatformChartName = 'aws-load-balancer-controller' | 'cluster-autoscaler' | 'metrics-server' | 'external-secrets'
  | 'cert-manager' | 'aws-privateca-issuer' | 'trust-manager';

/** A controller of a cluster, installed from a pinned Helm chart. */
export interface PlatformChart {
  readonly name: PlatformChartName;
  readonly repository: string;
  readonly chart: string;
  readonly version: string;
  readonly namespace: string;
  /** The service account that gets an IAM role through a Pod Identity association, when the controller calls AWS. */
  readonly serviceAccount?: string;
  /** The chart values fleetform sets (the binding adds what only the cloud knows, such as the VPC id). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Whether the release creates its namespace (one of its own, not `kube-system`). */
  readonly createNamespace?: boolean;
  /** For the External Secrets Operator: the regions its role may read secrets in, and the prefix of the secrets' names. */
  readonly secretsAccess?: { readonly regions: readonly string[]; readonly prefix: string };
  /** For the AWS Private CA issuer: its role may issue certificates from the fleet's root CA, and nothing else. */
  readonly issuesFromFleetCa?: boolean;
  /** Other controllers of the cluster whose releases must be ready first (besides the AWS Load Balancer Controller). */
  readonly after?: readonly PlatformChartName[];
}

/** A cluster's platform. */
export interface ResolvedPlatform {
  readonly addons: readonly PlatformAddon[];
  readonly charts: readonly PlatformChart[];
}

/** Add-ons the node groups need to start. */
const BEFORE_NODES: readonly CoreAddonName[] = ['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent'];

/** What the platform of a cluster is decided from. */
export interface PlatformInput {
  readonly kubernetesVersion: string;
  readonly region: string;
  readonly eksClusterName: string;
  /** The cluster's own add-on pins, which win over the catalogue. */
  readonly addonVersions?: Readonly<Partial<Record<CoreAddonName, string>>>;
  /** Who runs the nodes; an Auto Mode cluster gets neither add-ons nor controllers that AWS runs itself. */
  readonly computeMode?: ComputeMode;
}

/** The version of one add-on and who chose it: the cluster's pin, else the catalogue's, else EKS's default at deploy. */
function versionOf(name: CoreAddonName, choices: NonNullable<ReturnType<typeof addonVersions>>, pins: PlatformInput['addonVersions']): Pick<PlatformAddon, 'version' | 'chosenBy'> {
  const own = pins?.[name];
  if (typeof own === 'string') return { version: own, chosenBy: 'cluster' };
  const choice = choices[name];
  return choice.kind === 'pinned' ? { version: choice.version, chosenBy: 'catalogue' } : { chosenBy: 'eks-default' };
}

/** The platform of a cluster, or undefined when the catalogue has none for its minor (its version check says so). */
export function platformOf(c: PlatformInput): ResolvedPlatform | undefined {
  const choices = addonVersions(c.kubernetesVersion);
  const autoscaler = clusterAutoscalerRelease(c.kubernetesVersion);
  if (!choices || !autoscaler) return undefined;
  const metricsServer: PlatformChart = {
    name: 'metrics-server',
    repository: METRICS_SERVER.repository,
    chart: METRICS_SERVER.chart,
    version: METRICS_SERVER.chartVersion,
    namespace: METRICS_SERVER.namespace,
    values: { replicas: 2 },
  };
  if (c.computeMode === ComputeMode.AUTO_MODE) return { addons: [], charts: [metricsServer] };
  const addons = CORE_ADDON_NAMES.map((name): PlatformAddon => {
    const identity = ADDON_IDENTITIES[name];
    return {
      name,
      ...versionOf(name, choices, c.addonVersions),
      ...(name === 'vpc-cni' ? { configurationValues: vpcCniConfigurationValues({ networkPolicy: true }) } : {}),
      ...(identity.iam === 'service-account-role'
        ? { role: { namespace: identity.namespace, serviceAccount: identity.serviceAccount!, managedPolicyArn: identity.managedPolicyArn! } }
        : {}),
      beforeNodes: BEFORE_NODES.includes(name),
    };
  });
  const lbc = AWS_LOAD_BALANCER_CONTROLLER;
  const charts: PlatformChart[] = [
    {
      name: 'aws-load-balancer-controller',
      repository: lbc.repository,
      chart: lbc.chart,
      version: lbc.chartVersion,
      namespace: lbc.serviceAccount.namespace,
      serviceAccount: lbc.serviceAccount.name,
      values: {
        clusterName: c.eksClusterName,
        region: c.region,
        replicaCount: 2,
        serviceAccount: { create: true, name: lbc.serviceAccount.name },
        createIngressClassResource: true,
        ingressClass: lbc.ingressClass.name,
        // The Service mutating webhook (failurePolicy Fail) refuses every new Service until the controller's pods are
        // ready (aws-load-balancer-controller#4140); fleetform serves apps through Ingresses only, never Services of
        // type LoadBalancer, which is all the webhook is for (EKS Blueprints turns it off too).
        enableServiceMutatorWebhook: false,
      },
    },
    {
      name: 'cluster-autoscaler',
      repository: autoscaler.chart.repository,
      chart: autoscaler.chart.chart,
      version: autoscaler.chart.chartVersion,
      namespace: 'kube-system',
      serviceAccount: 'cluster-autoscaler',
      values: {
        cloudProvider: 'aws',
        awsRegion: c.region,
        autoDiscovery: { clusterName: c.eksClusterName },
        image: { tag: autoscaler.imageTag },
        rbac: { serviceAccount: { create: true, name: 'cluster-autoscaler' } },
        extraArgs: { 'balance-similar-node-groups': true, expander: 'least-waste', 'skip-nodes-with-system-pods': false },
      },
    },
    metricsServer,
  ];
  return { addons, charts };
}
