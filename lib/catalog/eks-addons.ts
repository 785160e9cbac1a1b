/**
 * Pinned EKS add-on versions per Kubernetes minor, the identity each add-on
 * runs as, and the VPC CNI settings for network-policy enforcement.
 *
 * fleetform installs exactly these versions; it never asks EKS for "latest" at
 * deploy time. To move a pin, check the new version with
 * `aws eks describe-addon-versions --kubernetes-version <minor> --addon-name <name>`
 * and update the row, its source and its readOn date together.
 */

/** The EKS add-ons fleetform installs on every cluster. */
export type EksAddonName =
  | 'vpc-cni'
  | 'coredns'
  | 'kube-proxy'
  | 'eks-pod-identity-agent'
  | 'aws-ebs-csi-driver'
  | 'metrics-server';

/** The AWS-built add-ons every offered minor must pin. */
export type CoreAddonName = Exclude<EksAddonName, 'metrics-server'>;

/** Every add-on name, core ones first. */
export const EKS_ADDON_NAMES: readonly EksAddonName[] = [
  'vpc-cni', 'coredns', 'kube-proxy', 'eks-pod-identity-agent', 'aws-ebs-csi-driver', 'metrics-server',
];

/** The core add-on names, which every row pins. */
export const CORE_ADDON_NAMES: readonly CoreAddonName[] = [
  'vpc-cni', 'coredns', 'kube-proxy', 'eks-pod-identity-agent', 'aws-ebs-csi-driver',
];

/** The pinned add-on versions of one Kubernetes minor. */
export type AddonVersionSet = Readonly<Record<CoreAddonName, string>> & {
  /** The `metrics-server` community add-on, only where a version was confirmed. */
  readonly 'metrics-server'?: string;
};

/** One row of the add-on table. */
export interface AddonVersionRow {
  /** The Kubernetes minor, such as "1.34". */
  readonly minor: string;
  /** The pinned `vX.Y.Z-eksbuild.N` version of each add-on. */
  readonly versions: AddonVersionSet;
}

/**
 * Where the pins come from. The EKS user guide tabulates "latest" versions only
 * for vpc-cni, coredns and kube-proxy, and the stored copies available when this
 * table was written stop at Kubernetes 1.33/1.34; it has no per-minor table for
 * aws-ebs-csi-driver, eks-pod-identity-agent or metrics-server. The pins below
 * are therefore taken from one consistent, dated snapshot: the per-minor version
 * maps of AWS Labs' EKS Blueprints for CDK, whose add-on modules install exactly
 * these EKS add-on versions per cluster version.
 */
export const ADDON_VERSION_SOURCES = [
  {
    url: 'https://github.com/awslabs/cdk-eks-blueprints/tree/05d3dbd0a462409bf002c989750d0de13bf83af2/lib/addons',
    note: 'versionMap of vpc-cni, coredns, kube-proxy, eks-pod-identity-agent and ebs-csi-driver add-ons; commit of 2026-07-01',
    readOn: '2026-11-24',
  },
  {
    url: 'https://docs.aws.amazon.com/eks/latest/userguide/managing-vpc-cni.html#vpc-cni-latest-available-version',
    note: 'cross-check: a stored copy of the 1.34-era table lists v1.20.4-eksbuild.1 for 1.28–1.34 (same v1.20.4 release as the pins)',
    readOn: '2026-11-24',
  },
  {
    url: 'https://docs.aws.amazon.com/eks/latest/userguide/managing-coredns.html#coredns-versions',
    note: 'cross-check: the stored 1.33-era table lists v1.12.3-eksbuild.1 for 1.33 and v1.11.4-eksbuild.22 for 1.29–1.32 (same minor releases as the pins, later builds)',
    readOn: '2026-11-24',
  },
] as const;

/**
 * Pinned versions, oldest minor first. Minors 1.28–1.30 are left out on purpose:
 * they left EKS extended support before the calendar date, so EKS no longer
 * creates clusters on them. 1.36 is left out because no pinned versions for it
 * could be confirmed.
 */
export const ADDON_VERSIONS: readonly AddonVersionRow[] = [
  {
    minor: '1.31',
    versions: {
      'vpc-cni': 'v1.20.4-eksbuild.2',
      'coredns': 'v1.11.3-eksbuild.1',
      'kube-proxy': 'v1.31.10-eksbuild.12',
      'eks-pod-identity-agent': 'v1.3.10-eksbuild.2',
      'aws-ebs-csi-driver': 'v1.56.0-eksbuild.1',
    },
  },
  {
    minor: '1.32',
    versions: {
      'vpc-cni': 'v1.20.4-eksbuild.2',
      'coredns': 'v1.11.4-eksbuild.2',
      'kube-proxy': 'v1.32.6-eksbuild.12',
      'eks-pod-identity-agent': 'v1.3.10-eksbuild.2',
      'aws-ebs-csi-driver': 'v1.56.0-eksbuild.1',
    },
  },
  {
    minor: '1.33',
    versions: {
      'vpc-cni': 'v1.20.4-eksbuild.2',
      'coredns': 'v1.12.1-eksbuild.2',
      'kube-proxy': 'v1.33.3-eksbuild.4',
      'eks-pod-identity-agent': 'v1.3.10-eksbuild.2',
      'aws-ebs-csi-driver': 'v1.56.0-eksbuild.1',
    },
  },
  {
    minor: '1.34',
    versions: {
      'vpc-cni': 'v1.20.4-eksbuild.2',
      'coredns': 'v1.12.3-eksbuild.1',
      'kube-proxy': 'v1.34.0-eksbuild.2',
      'eks-pod-identity-agent': 'v1.3.10-eksbuild.2',
      'aws-ebs-csi-driver': 'v1.56.0-eksbuild.1',
    },
  },
  {
    minor: '1.35',
    versions: {
      'vpc-cni': 'v1.21.1-eksbuild.1',
      'coredns': 'v1.13.2-eksbuild.3',
      'kube-proxy': 'v1.35.0-eksbuild.2',
      'eks-pod-identity-agent': 'v1.3.10-eksbuild.2',
      'aws-ebs-csi-driver': 'v1.57.1-eksbuild.1',
    },
  },
];

/** The minors that have a pinned add-on row, oldest first. */
export function addonMinors(): string[] {
  return ADDON_VERSIONS.map((row) => row.minor);
}

/** The pinned add-on versions of a Kubernetes minor, or undefined when the table has no row for it. */
export function addonVersions(minor: string): AddonVersionSet | undefined {
  return ADDON_VERSIONS.find((row) => row.minor === minor)?.versions;
}

/**
 * Checks that every wanted add-on has a pinned version for `minor`. Returns a
 * problem naming the minor and the fix, or undefined.
 */
export function checkAddonVersions(minor: string, wanted: readonly EksAddonName[] = CORE_ADDON_NAMES): string | undefined {
  const row = addonVersions(minor);
  const offered = addonMinors().join(', ');
  if (!row) {
    return `no EKS add-on versions are pinned for Kubernetes ${minor}; use one of ${offered}, or add a row for ${minor} to lib/catalog/eks-addons.ts with versions from \`aws eks describe-addon-versions --kubernetes-version ${minor}\``;
  }
  const missing = wanted.filter((name) => row[name] === undefined);
  if (missing.length > 0) {
    return `Kubernetes ${minor} has no pinned version of ${missing.join(', ')}; pin one in lib/catalog/eks-addons.ts from \`aws eks describe-addon-versions --kubernetes-version ${minor} --addon-name ${missing[0]}\` or leave the add-on out`;
  }
  const cni = row['vpc-cni'];
  if (!supportsNetworkPolicy(cni)) {
    return `vpc-cni ${cni} pinned for Kubernetes ${minor} cannot enforce network policies; pin ${VPC_CNI_NETWORK_POLICY.minAddonVersion} or later`;
  }
  return undefined;
}

/** How an add-on gets AWS permissions. */
export type AddonIamMode =
  /** No AWS API access of its own. */
  | 'none'
  /** Uses the node IAM role (the Pod Identity agent calls eks-auth:AssumeRoleForPodIdentity with it). */
  | 'node-role'
  /** Needs an IAM role bound to its service account (Pod Identity association or IRSA). */
  | 'service-account-role';

/** What identity an add-on runs as and what it needs from IAM. */
export interface AddonIdentity {
  /** The add-on. */
  readonly addon: EksAddonName;
  /** The namespace the add-on installs into. */
  readonly namespace: string;
  /** The Kubernetes service account that needs the role, when it needs one. */
  readonly serviceAccount?: string;
  /** How it gets AWS permissions. */
  readonly iam: AddonIamMode;
  /** The AWS managed policy to attach to its role, when it needs one. */
  readonly managedPolicyArn?: string;
  /** Anything a user must know. */
  readonly note?: string;
  /** Source. */
  readonly source: string;
}

/** Identity and IAM needs of each add-on (policy ARNs in the `aws` partition). */
export const ADDON_IDENTITIES: Readonly<Record<EksAddonName, AddonIdentity>> = {
  'vpc-cni': {
    addon: 'vpc-cni',
    namespace: 'kube-system',
    serviceAccount: 'aws-node',
    iam: 'service-account-role',
    managedPolicyArn: 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
    note: 'AmazonEKS_CNI_Policy covers IPv4 clusters only; an IPv6 cluster needs a custom policy (amazon-vpc-cni-k8s docs/iam-policy.md, "IPv6 mode")',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/workloads-add-ons-available-eks.html (Amazon VPC CNI, "Required IAM permissions"); https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html',
  },
  'coredns': {
    addon: 'coredns',
    namespace: 'kube-system',
    iam: 'none',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/workloads-add-ons-available-eks.html (CoreDNS: "This add-on doesn\'t require any permissions")',
  },
  'kube-proxy': {
    addon: 'kube-proxy',
    namespace: 'kube-system',
    iam: 'none',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/workloads-add-ons-available-eks.html (kube-proxy: "This add-on doesn\'t require any permissions")',
  },
  'eks-pod-identity-agent': {
    addon: 'eks-pod-identity-agent',
    namespace: 'kube-system',
    iam: 'node-role',
    note: 'uses the node IAM role; AmazonEKSWorkerNodePolicy on the node role grants eks-auth:AssumeRoleForPodIdentity',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/workloads-add-ons-available-eks.html (EKS Pod Identity Agent, "Required IAM permissions")',
  },
  'aws-ebs-csi-driver': {
    addon: 'aws-ebs-csi-driver',
    namespace: 'kube-system',
    serviceAccount: 'ebs-csi-controller-sa',
    iam: 'service-account-role',
    managedPolicyArn: 'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    note: 'encrypted volumes with a customer-managed KMS key need extra KMS permissions on the same role',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html; https://docs.aws.amazon.com/eks/latest/userguide/workloads-add-ons-available-eks.html',
  },
  'metrics-server': {
    addon: 'metrics-server',
    namespace: 'kube-system',
    iam: 'none',
    note: 'EKS community add-on: AWS validates version compatibility only; the user guide lists service account "None", managed IAM policy "None"',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/community-addons.html#kubernetes-metrics-server',
  },
};

/** The add-ons that need an IAM role bound to a service account (a Pod Identity association). */
export function addonsNeedingRoles(): AddonIdentity[] {
  return EKS_ADDON_NAMES.map((name) => ADDON_IDENTITIES[name]).filter((a) => a.iam === 'service-account-role');
}

/**
 * Network-policy enforcement in the VPC CNI add-on: the configuration key, and
 * what the cluster needs for it.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html
 */
export const VPC_CNI_NETWORK_POLICY = {
  /** The add-on's configurationValues entry; the value is the string "true", not a boolean. */
  configurationValues: { enableNetworkPolicy: 'true' },
  /** The first EKS add-on build the user guide names for the feature. */
  minAddonVersion: 'v1.14.0-eksbuild.3',
  /** The oldest Kubernetes minor that supports it. */
  minKubernetes: '1.25',
  /** Nodes need Linux 5.10 or later (current EKS AL2023 and Bottlerocket AMIs have it). */
  minKernel: '5.10',
  /** Optional: pods start with default deny until their policies are in place (an env var of the aws-node container). */
  strictModeEnv: { NETWORK_POLICY_ENFORCING_MODE: 'strict' },
  source: 'https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html',
  readOn: '2026-11-24',
} as const;

/** Parses `vX.Y.Z-eksbuild.N` into numbers, or undefined when it is not that shape. */
export function parseAddonVersion(version: string): [number, number, number, number] | undefined {
  const m = /^v(\d+)\.(\d+)\.(\d+)-eksbuild\.(\d+)$/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : undefined;
}

/** Orders two add-on versions: negative when a is older, 0 when equal, positive when newer. */
export function compareAddonVersions(a: string, b: string): number {
  const pa = parseAddonVersion(a);
  const pb = parseAddonVersion(b);
  if (!pa || !pb) throw new Error(`cannot compare add-on versions "${a}" and "${b}"; write them as vX.Y.Z-eksbuild.N in lib/catalog/eks-addons.ts`);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return (pa[i] as number) - (pb[i] as number);
  return 0;
}

/** True when a vpc-cni add-on version can enforce Kubernetes network policies. */
export function supportsNetworkPolicy(vpcCniVersion: string): boolean {
  return compareAddonVersions(vpcCniVersion, VPC_CNI_NETWORK_POLICY.minAddonVersion) >= 0;
}

/** The vpc-cni add-on's configurationValues JSON string (sorted keys, stable). */
export function vpcCniConfigurationValues(options: { readonly networkPolicy: boolean }): string {
  return options.networkPolicy ? JSON.stringify(VPC_CNI_NETWORK_POLICY.configurationValues) : '{}';
}
