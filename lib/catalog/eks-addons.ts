/**
 * The EKS add-on version each Kubernetes minor gets, where each choice comes
 * from, the identity each add-on runs as, and the VPC CNI settings for
 * network-policy enforcement.
 *
 * Each minor's add-on is one of two choices, never "latest":
 * - **pinned**: a `vX.Y.Z-eksbuild.N` version read first-hand from AWS (the EKS
 *   user guide's table of the latest add-on build per Kubernetes version, or
 *   `aws eks describe-addon-versions`), with its source and the day it was read;
 * - **EKS's default for the minor**, resolved at deploy (`aws.eks.getAddonVersion`,
 *   the version `describe-addon-versions` marks `defaultVersion` for the cluster's
 *   version) where no first-hand pin could be read, with the reason. The stack
 *   outputs record what was resolved.
 *
 * A cluster may pin any add-on itself (`RegionalCluster`'s `addonVersions`).
 * `npm run catalog:refresh` (scripts/catalog-refresh.mjs, with AWS credentials)
 * prints how this table differs from what `aws eks describe-addon-versions`
 * answers today; update a row, its source and its readOn together.
 */
import type { IsoDate } from './iso-date';

/** The EKS add-ons fleetform installs on every cluster. */
export type EksAddonName =
  | 'vpc-cni'
  | 'coredns'
  | 'kube-proxy'
  | 'eks-pod-identity-agent'
  | 'aws-ebs-csi-driver'
  | 'metrics-server';

/** The AWS-built add-ons fleetform installs as EKS add-ons (metrics-server is installed from its Helm chart). */
export type CoreAddonName = Exclude<EksAddonName, 'metrics-server'>;

/** Every add-on name, core ones first. */
export const EKS_ADDON_NAMES: readonly EksAddonName[] = [
  'vpc-cni', 'coredns', 'kube-proxy', 'eks-pod-identity-agent', 'aws-ebs-csi-driver', 'metrics-server',
];

/** The core add-on names, which every row covers. */
export const CORE_ADDON_NAMES: readonly CoreAddonName[] = [
  'vpc-cni', 'coredns', 'kube-proxy', 'eks-pod-identity-agent', 'aws-ebs-csi-driver',
];

/** Where pinned versions were read. */
export const ADDON_VERSION_SOURCES = {
  'user-guide-vpc-cni': {
    url: 'https://docs.aws.amazon.com/eks/latest/userguide/managing-vpc-cni.html#vpc-cni-latest-available-version',
    copy: 'stored copy of https://docs.amazonaws.cn/eks/latest/userguide/managing-vpc-cni.md, the Chinese edition of the same user-guide page on the China-site docs: "Amazon VPC CNI versions", v1.21.1-eksbuild.7 for every Kubernetes version 1.29–1.35. No stored copy of the table has a 1.36 row.',
  },
  'user-guide-coredns': {
    url: 'https://docs.aws.amazon.com/eks/latest/userguide/managing-coredns.html#coredns-versions',
    copy: 'stored copy of https://docs.aws.amazon.com/ja_jp/eks/latest/userguide/managing-coredns.md, AWS\'s Japanese edition of the page: "CoreDNS versions", the latest Amazon EKS add-on build per Kubernetes version, rows 1.30–1.36',
  },
  'user-guide-kube-proxy': {
    url: 'https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html#kube-proxy-versions',
    copy: 'stored copy of https://docs.aws.amazon.com/ja_jp/eks/latest/userguide/managing-kube-proxy.md, AWS\'s Japanese edition of the page: "kube-proxy versions", the latest Amazon EKS add-on build per Kubernetes version, rows 1.31–1.36',
  },
} as const;

/** A key of {@link ADDON_VERSION_SOURCES}. */
export type AddonVersionSource = keyof typeof ADDON_VERSION_SOURCES;

/** How a minor gets one add-on. */
export type AddonChoice =
  /** A version read first-hand from AWS. */
  | { readonly kind: 'pinned'; readonly version: string; readonly source: AddonVersionSource; readonly readOn: IsoDate }
  /** EKS's default version for the cluster's minor, resolved at deploy; `reason` says why nothing is pinned. */
  | { readonly kind: 'eks-default'; readonly reason: string; readonly readOn: IsoDate };

/** One row of the add-on table: the choice of every core add-on for a Kubernetes minor. */
export interface AddonVersionRow {
  /** The Kubernetes minor, such as "1.34". */
  readonly minor: string;
  /** Each core add-on's choice. */
  readonly addons: Readonly<Record<CoreAddonName, AddonChoice>>;
}

const READ_ON: IsoDate = '2026-12-04';

const pin = (version: string, source: AddonVersionSource): AddonChoice => ({ kind: 'pinned', version, source, readOn: READ_ON });
const eksDefault = (reason: string): AddonChoice => ({ kind: 'eks-default', reason, readOn: READ_ON });

/** Neither add-on has a per-minor table in the user guide, and no describe-addon-versions output of them could be read. */
const NO_TABLE = 'the EKS user guide has no per-Kubernetes-version table of this add-on, and no describe-addon-versions output for this minor could be read first-hand';
const row = (minor: string, cni: AddonChoice, coredns: string, kubeProxy: string): AddonVersionRow => ({
  minor,
  addons: {
    'vpc-cni': cni,
    'coredns': pin(coredns, 'user-guide-coredns'),
    'kube-proxy': pin(kubeProxy, 'user-guide-kube-proxy'),
    'eks-pod-identity-agent': eksDefault(NO_TABLE),
    'aws-ebs-csi-driver': eksDefault(NO_TABLE),
  },
});
const CNI = pin('v1.21.1-eksbuild.7', 'user-guide-vpc-cni');

/**
 * The add-on choice of each minor, oldest first. 1.28–1.30 are left out: they
 * left EKS extended support before this table was read. 1.31 stays so that a
 * build of a day before its end of extended support (2026-11-26) can be repeated.
 */
export const ADDON_VERSIONS: readonly AddonVersionRow[] = [
  row('1.31', CNI, 'v1.11.4-eksbuild.40', 'v1.31.14-eksbuild.20'),
  row('1.32', CNI, 'v1.11.4-eksbuild.40', 'v1.32.13-eksbuild.16'),
  row('1.33', CNI, 'v1.12.4-eksbuild.18', 'v1.33.10-eksbuild.13'),
  row('1.34', CNI, 'v1.13.2-eksbuild.11', 'v1.34.6-eksbuild.13'),
  row('1.35', CNI, 'v1.14.3-eksbuild.3', 'v1.35.3-eksbuild.13'),
  row('1.36', eksDefault('no stored copy of the user guide\'s vpc-cni table has a 1.36 row yet'), 'v1.14.3-eksbuild.3', 'v1.36.0-eksbuild.14'),
];

/** The oldest readOn of the table: the day the file as a whole was last read. */
export const ADDON_VERSIONS_READ_ON: IsoDate = ADDON_VERSIONS
  .flatMap((r) => CORE_ADDON_NAMES.map((n) => r.addons[n].readOn)).sort()[0] ?? READ_ON;

/** The minors that have an add-on row, oldest first. */
export function addonMinors(): string[] {
  return ADDON_VERSIONS.map((r) => r.minor);
}

/** The add-on choices of a Kubernetes minor, or undefined when the table has no row for it. */
export function addonVersions(minor: string): Readonly<Record<CoreAddonName, AddonChoice>> | undefined {
  return ADDON_VERSIONS.find((r) => r.minor === minor)?.addons;
}

/** Returns a problem naming the minor and the fix when the table has no row for it, or undefined. */
export function checkAddonVersions(minor: string): string | undefined {
  if (addonVersions(minor)) return undefined;
  return `no EKS add-on versions are chosen for Kubernetes ${minor}; use one of ${addonMinors().join(', ')}, or add a row for ${minor} to lib/catalog/eks-addons.ts (\`npm run catalog:refresh\` lists what EKS offers)`;
}

/**
 * Checks a cluster's own add-on pins (`addonVersions`): known add-on names,
 * `vX.Y.Z-eksbuild.N` versions, and a vpc-cni that can enforce network policies.
 */
export function checkAddonPins(pins: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const [name, version] of Object.entries(pins)) {
    if (!(CORE_ADDON_NAMES as readonly string[]).includes(name)) {
      problems.push(`addonVersions: "${name}" is not an add-on fleetform installs as an EKS add-on; pin one of ${CORE_ADDON_NAMES.join(', ')}`);
    } else if (typeof version !== 'string' || !parseAddonVersion(version)) {
      problems.push(`addonVersions: ${name} version ${JSON.stringify(version)} is not of the form vX.Y.Z-eksbuild.N; take one from \`aws eks describe-addon-versions --kubernetes-version <minor> --addon-name ${name}\``);
    } else if (name === 'vpc-cni' && !supportsNetworkPolicy(version)) {
      problems.push(`addonVersions: vpc-cni ${version} cannot enforce network policies; pin ${VPC_CNI_NETWORK_POLICY.minAddonVersion} or later`);
    }
  }
  return problems;
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
  /** The day the source was read. */
  readonly readOn: IsoDate;
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
    readOn: '2026-11-24',
  },
  'coredns': {
    addon: 'coredns',
    namespace: 'kube-system',
    iam: 'none',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/workloads-add-ons-available-eks.html (CoreDNS: "This add-on doesn\'t require any permissions")',
    readOn: '2026-11-24',
  },
  'kube-proxy': {
    addon: 'kube-proxy',
    namespace: 'kube-system',
    iam: 'none',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/workloads-add-ons-available-eks.html (kube-proxy: "This add-on doesn\'t require any permissions")',
    readOn: '2026-11-24',
  },
  'eks-pod-identity-agent': {
    addon: 'eks-pod-identity-agent',
    namespace: 'kube-system',
    iam: 'node-role',
    note: 'uses the node IAM role; AmazonEKSWorkerNodePolicy on the node role grants eks-auth:AssumeRoleForPodIdentity',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/workloads-add-ons-available-eks.html (EKS Pod Identity Agent, "Required IAM permissions")',
    readOn: '2026-11-24',
  },
  'aws-ebs-csi-driver': {
    addon: 'aws-ebs-csi-driver',
    namespace: 'kube-system',
    serviceAccount: 'ebs-csi-controller-sa',
    iam: 'service-account-role',
    managedPolicyArn: 'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    note: 'encrypted volumes with a customer-managed KMS key need extra KMS permissions on the same role',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html; https://docs.aws.amazon.com/eks/latest/userguide/workloads-add-ons-available-eks.html',
    readOn: '2026-11-24',
  },
  'metrics-server': {
    addon: 'metrics-server',
    namespace: 'kube-system',
    iam: 'none',
    note: 'EKS community add-on: AWS validates version compatibility only; the user guide lists service account "None", managed IAM policy "None"',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/community-addons.html#kubernetes-metrics-server',
    readOn: '2026-11-24',
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
