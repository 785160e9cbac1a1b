/**
 * The fleet address plan: gives every cluster a block of the fleet's address
 * space, and carves that block into the cluster's VPC, subnet and service
 * ranges. Pure: same requests and lock in, same plan out.
 *
 * Stability. A cluster keeps its block when other clusters come and go:
 * - a block recorded in the lock is always kept, and the block of a recorded
 *   cluster that left the fleet stays reserved until it is released;
 * - a cluster not yet recorded prefers the block picked by a hash of its own id
 *   and probes forward from there, so without a lock most clusters already land
 *   on a block that depends on nothing but their id;
 * - an explicit VPC CIDR is honoured as given and checked for overlap.
 */
import { fnv1a } from '../naming';
import { Cidr, contains, formatCidr, isPrivate, overlaps, parseCidr, subnet } from './ipv4';

/** How many availability zones every cluster network spans. */
export const AZ_COUNT = 3;

/** Allowed lengths of the per-cluster block: its VPC half must be a /16 to /20 (AWS allows no larger VPC). */
export const MIN_BLOCK_PREFIX = 15;
export const MAX_BLOCK_PREFIX = 19;

export interface AddressRequest {
  /** Cluster id; unique in the fleet. */
  readonly clusterId: string;
  /** Construct path, for error messages. */
  readonly path: string;
  /** Explicit VPC CIDR, overriding the plan. */
  readonly vpcCidr?: string;
  /** Explicit service CIDR, overriding the plan. */
  readonly serviceCidr?: string;
}

export interface PlanInput {
  readonly addressSpace: string;
  readonly blockPrefix: number;
  readonly requests: readonly AddressRequest[];
  /**
   * Blocks recorded earlier: cluster id → block CIDR. A recorded cluster keeps
   * its block; the block of a recorded cluster that is not requested stays
   * reserved and is given to no other cluster.
   */
  readonly locked?: Readonly<Record<string, string>>;
}

export interface ClusterAddresses {
  /** The block of the address space reserved for the cluster. */
  readonly block: string;
  readonly vpcCidr: string;
  readonly serviceCidr: string;
  /** One per availability zone, in zone order. */
  readonly privateSubnets: readonly string[];
  readonly publicSubnets: readonly string[];
  /** The last quarter of the VPC: it holds the public subnets (load balancers, NAT gateways) and nothing else. */
  readonly publicRange: string;
}

export interface PlanError {
  readonly path: string;
  readonly message: string;
}

export interface AddressPlan {
  readonly clusters: ReadonlyMap<string, ClusterAddresses>;
  readonly errors: readonly PlanError[];
}

/** Splits a VPC range into three private subnets (a quarter each) and three public ones (1/32 each, in the last quarter). */
export function carveSubnets(vpc: Cidr): { privateSubnets: string[]; publicSubnets: string[]; publicRange: string } {
  const lastQuarter = subnet(vpc, vpc.prefix + 2, 3);
  const privateSubnets: string[] = [];
  const publicSubnets: string[] = [];
  for (let az = 0; az < AZ_COUNT; az++) {
    privateSubnets.push(formatCidr(subnet(vpc, vpc.prefix + 2, az)));
    publicSubnets.push(formatCidr(subnet(lastQuarter, vpc.prefix + 5, az)));
  }
  return { privateSubnets, publicSubnets, publicRange: formatCidr(lastQuarter) };
}

/** The VPC half and the service range of a cluster block. */
function splitBlock(block: Cidr): { vpc: Cidr; service: Cidr } {
  const vpc = subnet(block, block.prefix + 1, 0);
  const service = subnet(subnet(block, block.prefix + 1, 1), block.prefix + 4, 0);
  return { vpc, service };
}

export function planAddresses(input: PlanInput): AddressPlan {
  const errors: PlanError[] = [];
  const clusters = new Map<string, ClusterAddresses>();
  const space = parseCidr(input.addressSpace);
  if (typeof space === 'string') return { clusters, errors: [{ path: '', message: `addressSpace ${space}` }] };
  const blockCount = 2 ** (input.blockPrefix - space.prefix);
  const owner = new Map<number, string>(); // block index → cluster id
  const blockOf = new Map<string, number>();
  const requests = [...input.requests].sort((a, b) => (a.clusterId < b.clusterId ? -1 : a.clusterId > b.clusterId ? 1 : 0));

  // 1. Blocks recorded in the lock keep their owner.
  for (const r of requests) {
    const recorded = input.locked?.[r.clusterId];
    if (recorded === undefined) continue;
    const c = parseCidr(recorded);
    if (typeof c === 'string' || c.prefix !== input.blockPrefix || !contains(space, c)) {
      errors.push({ path: r.path, message: `the address lock records block ${recorded} for cluster "${r.clusterId}", which is not a /${input.blockPrefix} inside ${input.addressSpace}; remove the entry from the lock to plan the cluster anew (its VPC would be replaced)` });
      continue;
    }
    const index = (c.base - space.base) / 2 ** (32 - input.blockPrefix);
    const prior = owner.get(index);
    if (prior !== undefined) {
      errors.push({ path: r.path, message: `the address lock gives block ${recorded} to both "${prior}" and "${r.clusterId}"; remove one entry from the lock` });
      continue;
    }
    owner.set(index, r.clusterId);
    blockOf.set(r.clusterId, index);
  }

  // 1b. Blocks recorded for clusters that left the fleet stay reserved: their VPCs may still
  // exist, so the blocks are never handed to another cluster until released from the lock.
  const requested = new Set(requests.map((r) => r.clusterId));
  for (const [id, recorded] of Object.entries(input.locked ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (requested.has(id)) continue;
    const c = parseCidr(recorded);
    if (typeof c === 'string' || c.prefix !== input.blockPrefix || !contains(space, c)) continue; // the lock's own check reports it
    const index = (c.base - space.base) / 2 ** (32 - input.blockPrefix);
    if (!owner.has(index)) owner.set(index, id);
  }

  // 2. Explicit VPC CIDRs reserve every block they touch, so no planned cluster lands on them.
  const reported = new Set<string>(); // explicit cluster id + the recorded owner it clashes with, reported once
  const explicit: { r: AddressRequest; vpc: Cidr }[] = [];
  for (const r of requests) {
    if (r.vpcCidr === undefined) continue;
    const vpc = parseCidr(r.vpcCidr);
    if (typeof vpc === 'string') continue; // reported by the cluster's own prop check
    explicit.push({ r, vpc });
    for (let i = 0; i < blockCount; i++) {
      const blk = subnet(space, input.blockPrefix, i);
      if (overlaps(blk, vpc) && owner.get(i) !== r.clusterId) {
        const other = owner.get(i);
        if (other !== undefined && input.locked?.[other] !== undefined) {
          const gone = requested.has(other) ? '' : `, which left the fleet (its block stays reserved until released with fleet.releaseAddressBlock('${other}'))`;
          errors.push({ path: r.path, message: `vpcCidr ${r.vpcCidr} overlaps block ${formatCidr(blk)} recorded for cluster "${other}"${gone}; choose a vpcCidr outside it` });
          reported.add(`${r.clusterId}\u0000${other}`);
        }
        if (other === undefined) owner.set(i, `#explicit:${r.clusterId}`);
      }
    }
  }

  // 3. Clusters not yet recorded: hash-preferred block, probing forward.
  for (const r of requests) {
    if (blockOf.has(r.clusterId) || (input.locked?.[r.clusterId] !== undefined)) continue;
    const start = fnv1a(r.clusterId) % blockCount;
    let found = -1;
    for (let step = 0; step < blockCount; step++) {
      const i = (start + step) % blockCount;
      if (!owner.has(i)) { found = i; break; }
    }
    if (found < 0) {
      const reserved = [...owner.values()].filter((id) => !requested.has(id) && !id.startsWith('#')).sort();
      const taken = reserved.length ? `all taken, ${reserved.length} reserved for clusters that left the fleet: ${reserved.join(', ')}` : 'all taken';
      const fix = `${reserved.length ? 'release a reserved block with fleet.releaseAddressBlock() once its cluster\'s VPC is gone, ' : ''}widen the fleet's addressSpace or lengthen clusterBlockPrefix`;
      errors.push({ path: r.path, message: `address space ${input.addressSpace} has no free /${input.blockPrefix} block left for cluster "${r.clusterId}" (${blockCount} blocks, ${taken}); ${fix}` });
      continue;
    }
    owner.set(found, r.clusterId);
    blockOf.set(r.clusterId, found);
  }

  // 4. Carve each block; explicit ranges override their half.
  for (const r of requests) {
    const index = blockOf.get(r.clusterId);
    if (index === undefined) continue;
    const block = subnet(space, input.blockPrefix, index);
    const split = splitBlock(block);
    const vpc = explicit.find((e) => e.r.clusterId === r.clusterId)?.vpc ?? split.vpc;
    const service = r.serviceCidr !== undefined ? parseCidr(r.serviceCidr) : split.service;
    if (typeof service === 'string') continue;
    clusters.set(r.clusterId, {
      block: formatCidr(block),
      vpcCidr: formatCidr(vpc),
      serviceCidr: formatCidr(service),
      ...carveSubnets(vpc),
    });
  }

  errors.push(...findOverlaps(requests, clusters, reported));
  return { clusters, errors };
}

/** Every pair of clusters whose VPC or service ranges share addresses, and any service range inside its own VPC. */
function findOverlaps(requests: readonly AddressRequest[], plan: ReadonlyMap<string, ClusterAddresses>, reported: ReadonlySet<string>): PlanError[] {
  const errors: PlanError[] = [];
  const ranges: { r: AddressRequest; kind: string; text: string; c: Cidr }[] = [];
  const seen = new Set<string>();
  for (const r of requests) {
    const a = plan.get(r.clusterId);
    // A duplicated cluster id shares one plan entry; the fleet reports the duplicate, not an overlap with itself.
    if (!a || seen.has(r.clusterId)) continue;
    seen.add(r.clusterId);
    ranges.push({ r, kind: 'vpc CIDR', text: a.vpcCidr, c: parseCidr(a.vpcCidr) as Cidr });
    ranges.push({ r, kind: 'service CIDR', text: a.serviceCidr, c: parseCidr(a.serviceCidr) as Cidr });
  }
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const x = ranges[i];
      const y = ranges[j];
      if (!overlaps(x.c, y.c)) continue;
      const explicitSide = (x.r.vpcCidr || x.r.serviceCidr) ? x : y;
      const otherSide = explicitSide === x ? y : x;
      if (reported.has(`${explicitSide.r.clusterId}\u0000${otherSide.r.clusterId}`)) continue;
      const where = x.r === y.r ? `its own ${otherSide.kind} ${otherSide.text}` : `${otherSide.r.path} (${otherSide.kind} ${otherSide.text})`;
      errors.push({
        path: explicitSide.r.path,
        message: `${explicitSide.kind} ${explicitSide.text} overlaps ${where}; give one of them another CIDR`,
      });
    }
  }
  return errors;
}

/** Checks of an explicit VPC or service CIDR that need no other cluster. Returns problems, empty when fine. */
export function checkExplicitCidrs(vpcCidr: string | undefined, serviceCidr: string | undefined): string[] {
  const problems: string[] = [];
  if (vpcCidr !== undefined) {
    const c = parseCidr(vpcCidr);
    if (typeof c === 'string') problems.push(`vpcCidr ${c}`);
    else if (c.prefix < 16 || c.prefix > 20) problems.push(`vpcCidr ${vpcCidr} is a /${c.prefix}; a cluster VPC must be a /16 to /20 (AWS allows no larger VPC, and three private and three public subnets need at least a /20)`);
    else if (!isPrivate(c)) problems.push(`vpcCidr ${vpcCidr} is not a private (RFC 1918) range; use one inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16`);
  }
  if (serviceCidr !== undefined) {
    const c = parseCidr(serviceCidr);
    if (typeof c === 'string') problems.push(`serviceCidr ${c}`);
    else if (c.prefix < 12 || c.prefix > 24) problems.push(`serviceCidr ${serviceCidr} is a /${c.prefix}; EKS takes a /12 to /24`);
    else if (!isPrivate(c)) problems.push(`serviceCidr ${serviceCidr} is not a private (RFC 1918) range; EKS requires one inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16`);
  }
  return problems;
}

/** Checks of the fleet's address space and block length. */
export function checkAddressSpace(addressSpace: string, blockPrefix: number): string[] {
  const c = parseCidr(addressSpace);
  if (typeof c === 'string') return [`addressSpace ${c}`];
  const problems: string[] = [];
  if (!isPrivate(c)) problems.push(`addressSpace ${addressSpace} is not a private (RFC 1918) range; use one inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16`);
  if (!Number.isInteger(blockPrefix) || blockPrefix < MIN_BLOCK_PREFIX || blockPrefix > MAX_BLOCK_PREFIX) {
    problems.push(`clusterBlockPrefix ${blockPrefix} is out of range; use ${MIN_BLOCK_PREFIX} to ${MAX_BLOCK_PREFIX} (each cluster's VPC is half its block)`);
  } else if (c.prefix > blockPrefix) {
    problems.push(`addressSpace ${addressSpace} is too small to hold even one /${blockPrefix} cluster block; use a /${blockPrefix} or larger space`);
  }
  return problems;
}
