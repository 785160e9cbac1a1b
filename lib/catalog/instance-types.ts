/**
 * EC2 instance types fleetform sizes node pools with: capacity, pod density
 * under the Amazon VPC CNI, and the kubelet reservations of the EKS-optimized
 * AMIs, so the model can check at synth time whether apps fit on a node pool.
 *
 * Sources (readOn 2026-11-24):
 * - ENIs and IPv4 addresses per ENI (default network card): awslabs/amazon-eks-ami
 *   nodeadm/internal/kubelet/instance-info.jsonl @ 81fec2e8 (file last changed 2026-07-01),
 *   https://github.com/awslabs/amazon-eks-ami/blob/main/nodeadm/internal/kubelet/instance-info.jsonl
 * - max pods = ENIs x (IPv4 per ENI - 1) + 2: the same repository,
 *   nodeadm/internal/kubelet/eni_max_pods.go (calculateStandardMaxPods)
 * - kube-reserved CPU and memory and the hard eviction threshold:
 *   nodeadm/internal/kubelet/config.go (getCPUMillicoresToReserve,
 *   getMemoryMebibytesToReserve, evictionHard memory.available 100Mi)
 * - vCPU, memory (MiB) and architecture: the generated instance-type reference
 *   of Karpenter, aws/karpenter-provider-aws website/content/en/docs/reference/instance-types.md
 *   @ 1d927085 (2026-08-21), https://karpenter.sh/docs/reference/instance-types/
 *   (its allocatable CPU agrees with the formula below for every type listed here)
 *
 * Not recorded: whether each type can run as a Dedicated Instance. That could
 * not be confirmed per type from the sources above, so `dedicatedTenancy` is
 * left out rather than guessed.
 */

/** The sources of every row of {@link INSTANCE_TYPES} (listed in this file's header), and the day they were read. */
export const INSTANCE_TYPES_SOURCE = {
  source: 'awslabs/amazon-eks-ami@81fec2e8 nodeadm/internal/kubelet/instance-info.jsonl, eni_max_pods.go and config.go; aws/karpenter-provider-aws@1d927085 website/content/en/docs/reference/instance-types.md',
  readOn: '2026-11-24',
} as const;

/** CPU architecture as Kubernetes labels it (`kubernetes.io/arch`). */
export type Architecture = 'amd64' | 'arm64';

/** One EC2 instance type. */
export interface InstanceTypeInfo {
  /** The EC2 name, such as "m6i.large". */
  readonly name: string;
  /** Virtual CPUs. */
  readonly vcpu: number;
  /** Memory in MiB, as EC2 advertises it. */
  readonly memoryMiB: number;
  /** Network interfaces on the default network card. */
  readonly enis: number;
  /** IPv4 addresses per network interface. */
  readonly ipv4PerEni: number;
  /** CPU architecture. */
  readonly architecture: Architecture;
  /** Max pods with the VPC CNI in secondary-IP mode (no prefix delegation). */
  readonly maxPods: number;
}

/** [name, vCPU, memory MiB, ENIs, IPv4 per ENI, architecture] */
type Row = readonly [string, number, number, number, number, Architecture];

const ROWS: readonly Row[] = [
  ['m5.large', 2, 8192, 3, 10, 'amd64'],
  ['m5.xlarge', 4, 16384, 4, 15, 'amd64'],
  ['m5.2xlarge', 8, 32768, 4, 15, 'amd64'],
  ['m5.4xlarge', 16, 65536, 8, 30, 'amd64'],
  ['m6i.large', 2, 8192, 3, 10, 'amd64'],
  ['m6i.xlarge', 4, 16384, 4, 15, 'amd64'],
  ['m6i.2xlarge', 8, 32768, 4, 15, 'amd64'],
  ['m6i.4xlarge', 16, 65536, 8, 30, 'amd64'],
  ['m7i.large', 2, 8192, 3, 10, 'amd64'],
  ['m7i.xlarge', 4, 16384, 4, 15, 'amd64'],
  ['m7i.2xlarge', 8, 32768, 4, 15, 'amd64'],
  ['m7i.4xlarge', 16, 65536, 8, 30, 'amd64'],
  ['m6a.large', 2, 8192, 3, 10, 'amd64'],
  ['m6a.xlarge', 4, 16384, 4, 15, 'amd64'],
  ['m6a.2xlarge', 8, 32768, 4, 15, 'amd64'],
  ['m6a.4xlarge', 16, 65536, 8, 30, 'amd64'],
  ['m7a.medium', 1, 4096, 2, 4, 'amd64'],
  ['m7a.large', 2, 8192, 3, 10, 'amd64'],
  ['m7a.xlarge', 4, 16384, 4, 15, 'amd64'],
  ['m7a.2xlarge', 8, 32768, 4, 15, 'amd64'],
  ['m7a.4xlarge', 16, 65536, 8, 30, 'amd64'],
  ['c6i.large', 2, 4096, 3, 10, 'amd64'],
  ['c6i.xlarge', 4, 8192, 4, 15, 'amd64'],
  ['c6i.2xlarge', 8, 16384, 4, 15, 'amd64'],
  ['c6i.4xlarge', 16, 32768, 8, 30, 'amd64'],
  ['c7i.large', 2, 4096, 3, 10, 'amd64'],
  ['c7i.xlarge', 4, 8192, 4, 15, 'amd64'],
  ['c7i.2xlarge', 8, 16384, 4, 15, 'amd64'],
  ['c7i.4xlarge', 16, 32768, 8, 30, 'amd64'],
  ['r6i.large', 2, 16384, 3, 10, 'amd64'],
  ['r6i.xlarge', 4, 32768, 4, 15, 'amd64'],
  ['r6i.2xlarge', 8, 65536, 4, 15, 'amd64'],
  ['r6i.4xlarge', 16, 131072, 8, 30, 'amd64'],
  ['r7i.large', 2, 16384, 3, 10, 'amd64'],
  ['r7i.xlarge', 4, 32768, 4, 15, 'amd64'],
  ['r7i.2xlarge', 8, 65536, 4, 15, 'amd64'],
  ['r7i.4xlarge', 16, 131072, 8, 30, 'amd64'],
  ['t3.medium', 2, 4096, 3, 6, 'amd64'],
  ['t3.large', 2, 8192, 3, 12, 'amd64'],
  ['t3.xlarge', 4, 16384, 4, 15, 'amd64'],
  ['t3.2xlarge', 8, 32768, 4, 15, 'amd64'],
  ['t3a.medium', 2, 4096, 3, 6, 'amd64'],
  ['t3a.large', 2, 8192, 3, 12, 'amd64'],
  ['t3a.xlarge', 4, 16384, 4, 15, 'amd64'],
  ['t3a.2xlarge', 8, 32768, 4, 15, 'amd64'],
  ['m6g.medium', 1, 4096, 2, 4, 'arm64'],
  ['m6g.large', 2, 8192, 3, 10, 'arm64'],
  ['m6g.xlarge', 4, 16384, 4, 15, 'arm64'],
  ['m6g.2xlarge', 8, 32768, 4, 15, 'arm64'],
  ['m6g.4xlarge', 16, 65536, 8, 30, 'arm64'],
  ['m7g.medium', 1, 4096, 2, 4, 'arm64'],
  ['m7g.large', 2, 8192, 3, 10, 'arm64'],
  ['m7g.xlarge', 4, 16384, 4, 15, 'arm64'],
  ['m7g.2xlarge', 8, 32768, 4, 15, 'arm64'],
  ['m7g.4xlarge', 16, 65536, 8, 30, 'arm64'],
  ['c7g.medium', 1, 2048, 2, 4, 'arm64'],
  ['c7g.large', 2, 4096, 3, 10, 'arm64'],
  ['c7g.xlarge', 4, 8192, 4, 15, 'arm64'],
  ['c7g.2xlarge', 8, 16384, 4, 15, 'arm64'],
  ['c7g.4xlarge', 16, 32768, 8, 30, 'arm64'],
  ['r7g.medium', 1, 8192, 2, 4, 'arm64'],
  ['r7g.large', 2, 16384, 3, 10, 'arm64'],
  ['r7g.xlarge', 4, 32768, 4, 15, 'arm64'],
  ['r7g.2xlarge', 8, 65536, 4, 15, 'arm64'],
  ['r7g.4xlarge', 16, 131072, 8, 30, 'arm64'],
];

/** Max pods per node with the VPC CNI in secondary-IP mode: ENIs x (IPv4 per ENI - 1) + 2. */
export function eniMaxPods(enis: number, ipv4PerEni: number): number {
  return enis * (ipv4PerEni - 1) + 2;
}

/** The instance types this catalogue knows, by name. */
export const INSTANCE_TYPES: ReadonlyMap<string, InstanceTypeInfo> = new Map(
  ROWS.map(([name, vcpu, memoryMiB, enis, ipv4PerEni, architecture]) => [
    name,
    { name, vcpu, memoryMiB, enis, ipv4PerEni, architecture, maxPods: eniMaxPods(enis, ipv4PerEni) },
  ]),
);

/** The catalogue entry of an instance type, or undefined when it is not listed. */
export function instanceType(name: string): InstanceTypeInfo | undefined {
  return INSTANCE_TYPES.get(name);
}

/** Memory the kubelet's hard eviction threshold holds back (`memory.available<100Mi`). */
export const EVICTION_HARD_MEMORY_MIB = 100;

/**
 * CPU the EKS AMIs reserve for the kubelet and runtime (kube-reserved), in
 * millicores: 6% of the first core, 1% of the second, 0.5% of the third and
 * fourth, 0.25% of every further core. Each band is rounded down separately,
 * as the AMI's integer arithmetic does.
 */
export function kubeReservedCpuMillicores(vcpu: number): number {
  const total = Math.round(vcpu * 1000);
  const bands: ReadonlyArray<readonly [number, number, number]> = [
    [0, 1000, 600],
    [1000, 2000, 100],
    [2000, 4000, 50],
    [4000, Math.max(total, 4000), 25],
  ];
  let reserved = 0;
  for (const [start, end, basisPoints] of bands) {
    if (total <= start) continue;
    reserved += Math.floor(((Math.min(total, end) - start) * basisPoints) / 10000);
  }
  return reserved;
}

/** Memory the EKS AMIs reserve (kube-reserved), in MiB: 255 + 11 per pod the node may run. */
export function kubeReservedMemoryMiB(maxPods: number): number {
  return 11 * maxPods + 255;
}

/** What a node of a type offers to pods. */
export interface Allocatable {
  /** CPU for pods, in millicores. */
  readonly cpuMillicores: number;
  /** Memory for pods, in MiB (nominal memory less kube-reserved and the eviction threshold). */
  readonly memoryMiB: number;
  /** Pods the node may run. */
  readonly pods: number;
}

/**
 * The allocatable resources of one node of `name` on an EKS-optimized AMI with
 * the VPC CNI in secondary-IP mode, or undefined for a type not in the catalogue.
 * Memory starts from EC2's nominal figure; a real node reports slightly less
 * capacity (the kernel keeps some), so treat the memory figure as an upper bound.
 */
export function allocatable(name: string): Allocatable | undefined {
  const t = instanceType(name);
  if (!t) return undefined;
  return {
    cpuMillicores: t.vcpu * 1000 - kubeReservedCpuMillicores(t.vcpu),
    memoryMiB: t.memoryMiB - kubeReservedMemoryMiB(t.maxPods) - EVICTION_HARD_MEMORY_MIB,
    pods: t.maxPods,
  };
}

/** Checks an instance type name against the catalogue; returns a problem or undefined. */
export function checkInstanceType(name: string): string | undefined {
  if (INSTANCE_TYPES.has(name)) return undefined;
  const family = name.split('.')[0] ?? '';
  const near = [...INSTANCE_TYPES.keys()].filter((n) => n.startsWith(`${family}.`));
  return `instance type "${name}" is not in fleetform's instance catalogue, so its capacity cannot be checked; ${near.length ? `use one of ${near.join(', ')}` : 'use a listed type such as "m6i.large"'}, or add it to lib/catalog/instance-types.ts`;
}
