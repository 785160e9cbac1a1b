/**
 * EKS Auto Mode: what AWS runs for a cluster whose compute, block storage and
 * load balancing it manages, what the cluster and node roles need, and the
 * Kubernetes objects that configure its load balancers, volumes and network
 * policies. Read from the EKS user guide; each fact names its page.
 */
import type { IsoDate } from './iso-date';

const GUIDE = 'https://docs.aws.amazon.com/eks/latest/userguide';

/** One fact about EKS Auto Mode, with where it was read. */
interface Sourced {
  /** Where the facts come from. */
  readonly source: string;
  /** When the source was read. */
  readonly readOn: IsoDate;
}

const READ_ON: IsoDate = '2026-12-05';

/** The EKS Auto Mode facts fleetform relies on. */
export const EKS_AUTO_MODE = {
  /** The oldest Kubernetes minor an Auto Mode cluster may run ("EKS Auto Mode requires Kubernetes version 1.29 or greater"). */
  minKubernetes: { minor: '1.29', source: `${GUIDE}/create-auto.html`, readOn: READ_ON },
  /**
   * The built-in node pools fleetform enables: `general-purpose` (on-demand C, M and R
   * instances of generation 5 or newer, amd64) and `system` (tainted CriticalAddonsOnly).
   */
  builtInNodePools: { names: ['general-purpose', 'system'], source: `${GUIDE}/set-builtin-node-pools.html`, readOn: READ_ON },
  /** Managed policies of the cluster role, whose trust policy must also allow `sts:TagSession`. */
  clusterRolePolicies: {
    arns: [
      'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
      'arn:aws:iam::aws:policy/AmazonEKSComputePolicy',
      'arn:aws:iam::aws:policy/AmazonEKSBlockStoragePolicy',
      'arn:aws:iam::aws:policy/AmazonEKSLoadBalancingPolicy',
      'arn:aws:iam::aws:policy/AmazonEKSNetworkingPolicy',
    ],
    trustActions: ['sts:AssumeRole', 'sts:TagSession'],
    source: `${GUIDE}/auto-cluster-iam-role.html`,
    readOn: READ_ON,
  },
  /** Managed policies of the node role (trusted by ec2.amazonaws.com); EKS creates its access entry. */
  nodeRolePolicies: {
    arns: [
      'arn:aws:iam::aws:policy/AmazonEKSWorkerNodeMinimalPolicy',
      'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly',
    ],
    source: `${GUIDE}/auto-create-node-role.html`,
    readOn: READ_ON,
  },
  /**
   * What Auto Mode runs itself, so fleetform installs none of it: pod networking (the VPC
   * CNI), kube-proxy, CoreDNS, the EKS Pod Identity agent, the EBS CSI driver, Karpenter
   * (instead of the Cluster Autoscaler) and the load balancer controller. metrics-server is
   * not among them.
   */
  builtIn: {
    components: ['vpc-cni', 'kube-proxy', 'coredns', 'eks-pod-identity-agent', 'aws-ebs-csi-driver', 'karpenter', 'aws-load-balancer-controller'],
    source: `${GUIDE}/auto-upgrade.html ("you no longer need to update components like: CoreDNS, KubeProxy, AWS Load Balancer Controller, Karpenter, AWS EBS CSI Driver ... EKS Auto Mode replaces these components with service functionality"); ` +
      `${GUIDE}/automode.html ("You do not have to install the EKS Pod Identity Agent on EKS Auto Mode clusters"); ` +
      `${GUIDE}/auto-networking.html ("With EKS Auto Mode, you do not directly configure the AWS VPC CNI. AWS manages node and pod networking")`,
    readOn: READ_ON,
  },
  /**
   * The Application Load Balancer: an IngressClass whose controller is `eks.amazonaws.com/alb`,
   * configured by an IngressClassParams (scheme, group). The Ingress annotation `group.name` is
   * not supported (groups are named in the IngressClassParams only), nor `kubernetes.io/ingress.class`.
   */
  alb: {
    controller: 'eks.amazonaws.com/alb',
    paramsApiVersion: 'eks.amazonaws.com/v1',
    unsupportedIngressAnnotations: ['alb.ingress.kubernetes.io/group.name', 'kubernetes.io/ingress.class'],
    source: `${GUIDE}/auto-configure-alb.html ("IngressClassParams Reference" and "Ingress annotations")`,
    readOn: READ_ON,
  },
  /** Block storage: Auto Mode creates no StorageClass; one must name this provisioner. */
  storage: { provisioner: 'ebs.csi.eks.amazonaws.com', source: `${GUIDE}/create-storage-class.html`, readOn: READ_ON },
  /** Network policies are enforced once this ConfigMap turns the controller on (the default NodeClass allows by default). */
  networkPolicy: {
    configMap: { namespace: 'kube-system', name: 'amazon-vpc-cni', data: { 'enable-network-policy-controller': 'true' } },
    source: `${GUIDE}/auto-net-pol.html; ${GUIDE}/create-node-class.html ("networkPolicy ... defaults to DefaultAllow")`,
    readOn: READ_ON,
  },
  /** Auto Mode cannot run containers on dedicated EC2 hardware (the comparison with managed node groups says No). */
  dedicatedHardware: { supported: false, source: `${GUIDE}/auto-mng.html ("Can run containers on Amazon EC2 dedicated hosts": No for EKS Auto Mode)`, readOn: READ_ON },
  /** The most days a node lives before Auto Mode replaces it. */
  maxNodeLifetimeDays: { days: 21, source: `${GUIDE}/automode.html ("EKS Auto Mode enforces a 21-day maximum node lifetime")`, readOn: READ_ON },
  /**
   * Pricing: a fee per instance-hour of each instance Auto Mode launches, on top of EC2,
   * varying by instance type and region. fleetform's price table has no figure for it.
   */
  managementFee: {
    source: `${GUIDE}/auto-mng.html ("you pay a separate fee, in addition to the standard EC2 instance charges, for the instances launched using Auto Mode's compute capability. The amount varies with the instance type launched and the AWS region"); https://aws.amazon.com/eks/pricing/`,
    readOn: READ_ON,
  },
} as const satisfies Record<string, Sourced & Readonly<Record<string, unknown>>>;

/** The N of a "1.N" minor, or undefined. */
function minorNumber(minor: string): number | undefined {
  const m = /^1\.(\d+)$/.exec(minor);
  return m ? Number(m[1]) : undefined;
}

/** A problem when EKS Auto Mode does not run Kubernetes `minor`, else undefined. */
export function checkAutoModeVersion(minor: string): string | undefined {
  const n = minorNumber(minor);
  const min = minorNumber(EKS_AUTO_MODE.minKubernetes.minor)!;
  if (n === undefined || n >= min) return undefined;
  return `EKS Auto Mode needs Kubernetes ${EKS_AUTO_MODE.minKubernetes.minor} or later, and the cluster runs ${minor}; upgrade it, or use ComputeMode.MANAGED_NODE_GROUPS`;
}
