import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a } from '../../lib/naming';
import { Cidr, contains, overlaps, parseCidr } from '../../lib/net/ipv4';
import {
  AddressPlan, AddressRequest, carveSubnets, checkAddressSpace, checkExplicitCidrs, planAddresses,
} from '../../lib/net/address-plan';

const SPACE = '10.64.0.0/10';

function cidr(text: string): Cidr {
  const c = parseCidr(text);
  if (typeof c === 'string') throw new Error(c);
  return c;
}

function req(clusterId: string, extra: Partial<AddressRequest> = {}): AddressRequest {
  return { clusterId, path: `acme/${clusterId}`, ...extra };
}

function plan(ids: readonly string[], locked?: Record<string, string>, space = SPACE, blockPrefix = 16): AddressPlan {
  return planAddresses({ addressSpace: space, blockPrefix, requests: ids.map((id) => req(id)), locked });
}

function lockOf(p: AddressPlan): Record<string, string> {
  return Object.fromEntries([...p.clusters].map(([id, a]) => [id, a.block]));
}

/** Cluster ids as users write them: DNS labels starting with a letter. */
const clusterId = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);

describe('planAddresses', () => {
  it('carves a /16 block into a /17 VPC, a /20 service range and three private and three public subnets', () => {
    const p = plan(['edge']);
    expect(p.errors).toEqual([]);
    const a = p.clusters.get('edge')!;
    const block = cidr(a.block);
    expect(block.prefix).toBe(16);
    const third = a.block.split('.').slice(0, 2).join('.');
    expect(a).toEqual({
      block: a.block,
      vpcCidr: `${third}.0.0/17`,
      serviceCidr: `${third}.128.0/20`,
      privateSubnets: [`${third}.0.0/19`, `${third}.32.0/19`, `${third}.64.0/19`],
      publicSubnets: [`${third}.96.0/22`, `${third}.100.0/22`, `${third}.104.0/22`],
      publicRange: `${third}.96.0/19`,
    });
    // The public range holds the public subnets and overlaps no private one.
    for (const s of a.publicSubnets) expect(contains(cidr(a.publicRange), cidr(s))).toBe(true);
    for (const s of a.privateSubnets) expect(overlaps(cidr(a.publicRange), cidr(s))).toBe(false);
  });

  it('puts a cluster on the block its id hashes to when that block is free', () => {
    const p = plan(['edge']);
    const index = fnv1a('edge') % 64;
    expect(p.clusters.get('edge')!.block).toBe(`10.${64 + index}.0.0/16`);
  });

  it('keeps a block recorded in the lock', () => {
    const p = plan(['edge'], { edge: '10.100.0.0/16' });
    expect(p.errors).toEqual([]);
    expect(p.clusters.get('edge')!.vpcCidr).toBe('10.100.0.0/17');
  });

  it('refuses a lock entry outside the space or of the wrong length, naming the cluster and the fix', () => {
    const p = plan(['edge'], { edge: '10.200.0.0/16' });
    expect(p.errors).toEqual([{
      path: 'acme/edge',
      message: 'the address lock records block 10.200.0.0/16 for cluster "edge", which is not a /16 inside 10.64.0.0/10; remove the entry from the lock to plan the cluster anew (its VPC would be replaced)',
    }]);
    expect(p.clusters.has('edge')).toBe(false);
    expect(plan(['edge'], { edge: '10.100.0.0/17' }).errors[0].message).toMatch(/is not a \/16 inside/);
  });

  it('refuses a lock that gives one block to two clusters', () => {
    const p = plan(['a', 'b'], { a: '10.100.0.0/16', b: '10.100.0.0/16' });
    expect(p.errors).toEqual([{ path: 'acme/b', message: 'the address lock gives block 10.100.0.0/16 to both "a" and "b"; remove one entry from the lock' }]);
  });

  it('honours an explicit VPC CIDR and keeps planned clusters off the blocks it touches', () => {
    // 4 blocks; "b" hashes to block 1 (10.1.0.0/16), which a's explicit VPC covers, so b must probe on.
    const p = planAddresses({
      addressSpace: '10.0.0.0/14', // 4 blocks
      blockPrefix: 16,
      requests: [req('a', { vpcCidr: '10.1.0.0/16' }), req('b'), req('c')],
      locked: {},
    });
    expect(p.clusters.get('a')!.vpcCidr).toBe('10.1.0.0/16');
    for (const id of ['b', 'c']) expect(overlaps(cidr(p.clusters.get(id)!.vpcCidr), cidr('10.1.0.0/16'))).toBe(false);
    expect(p.errors).toEqual([]);
  });

  it('takes an explicit service CIDR as given', () => {
    const p = planAddresses({ addressSpace: SPACE, blockPrefix: 16, requests: [req('a', { serviceCidr: '172.20.0.0/16' })] });
    expect(p.errors).toEqual([]);
    expect(p.clusters.get('a')!.serviceCidr).toBe('172.20.0.0/16');
  });

  it('reports an explicit VPC CIDR overlapping another cluster, naming both paths', () => {
    const p = planAddresses({
      addressSpace: SPACE,
      blockPrefix: 16,
      requests: [req('a', { vpcCidr: '10.100.0.0/16' }), req('b', { vpcCidr: '10.100.128.0/17' })],
    });
    expect(p.errors).toEqual([{
      path: 'acme/a',
      message: 'vpc CIDR 10.100.0.0/16 overlaps acme/b (vpc CIDR 10.100.128.0/17); give one of them another CIDR',
    }]);
  });

  it('reports an explicit VPC CIDR on a block the lock gives to another cluster once, not again per range of that block', () => {
    const p = planAddresses({
      addressSpace: SPACE,
      blockPrefix: 16,
      requests: [req('a'), req('b', { vpcCidr: '10.100.0.0/17' })],
      locked: { a: '10.100.0.0/16' },
    });
    expect(p.errors).toEqual([{ path: 'acme/b', message: 'vpcCidr 10.100.0.0/17 overlaps block 10.100.0.0/16 recorded for cluster "a"; choose a vpcCidr outside it' }]);
  });

  it('reports a service CIDR inside the cluster\'s own VPC', () => {
    const p = planAddresses({ addressSpace: SPACE, blockPrefix: 16, requests: [req('a', { vpcCidr: '10.100.0.0/16', serviceCidr: '10.100.16.0/20' })] });
    expect(p.errors).toEqual([{ path: 'acme/a', message: 'vpc CIDR 10.100.0.0/16 overlaps its own service CIDR 10.100.16.0/20; give one of them another CIDR' }]);
  });

  it('reports exhaustion at the cluster left without a block, with the fix', () => {
    const p = plan(['a', 'b', 'c'], undefined, '10.0.0.0/15', 16);
    expect(p.clusters.size).toBe(2);
    expect(p.errors).toEqual([{
      path: 'acme/c',
      message: 'address space 10.0.0.0/15 has no free /16 block left for cluster "c" (2 blocks, all taken); widen the fleet\'s addressSpace or lengthen clusterBlockPrefix',
    }]);
  });

  it('reports an unparsable address space', () => {
    expect(plan(['a'], undefined, '10.64.0.0').errors).toEqual([{ path: '', message: 'addressSpace "10.64.0.0" is not an IPv4 CIDR such as 10.64.0.0/16' }]);
  });
});

describe('planAddresses properties', () => {
  const ids = fc.uniqueArray(clusterId, { minLength: 1, maxLength: 40 });

  it('never gives two clusters overlapping ranges, and keeps every range in the address space', () => {
    fc.assert(fc.property(ids, (list) => {
      const p = plan(list);
      expect(p.errors).toEqual([]);
      expect([...p.clusters.keys()].sort()).toEqual([...list].sort());
      const space = cidr(SPACE);
      const ranges = [...p.clusters.values()].flatMap((a) => [cidr(a.vpcCidr), cidr(a.serviceCidr)]);
      for (const r of ranges) expect(contains(space, r)).toBe(true);
      for (let i = 0; i < ranges.length; i++) {
        for (let j = i + 1; j < ranges.length; j++) expect(overlaps(ranges[i], ranges[j])).toBe(false);
      }
      for (const a of p.clusters.values()) {
        const vpc = cidr(a.vpcCidr);
        for (const s of [...a.privateSubnets, ...a.publicSubnets]) expect(contains(vpc, cidr(s))).toBe(true);
      }
    }));
  });

  it('with the lock, keeps every cluster\'s addresses when clusters are added', () => {
    fc.assert(fc.property(fc.uniqueArray(clusterId, { minLength: 2, maxLength: 40 }), fc.nat(), (all, cut) => {
      const k = 1 + (cut % (all.length - 1));
      const a = all.slice(0, k);
      const before = plan(a);
      const after = plan(all, lockOf(before));
      expect(after.errors).toEqual([]);
      for (const id of a) expect(after.clusters.get(id)).toEqual(before.clusters.get(id));
    }));
  });

  it('with the lock, keeps the remaining clusters\' addresses when clusters are removed', () => {
    fc.assert(fc.property(ids, fc.array(fc.boolean(), { maxLength: 40 }), (all, keep) => {
      const before = plan(all);
      const rest = all.filter((_, i) => keep[i] ?? true);
      const after = plan(rest, lockOf(before));
      expect(after.errors).toEqual([]);
      for (const id of rest) expect(after.clusters.get(id)).toEqual(before.clusters.get(id));
    }));
  });

  it('does not depend on the order of the requests', () => {
    fc.assert(fc.property(ids.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length }))), ([list, shuffled]) => {
      expect([...plan(shuffled).clusters]).toEqual([...plan(list).clusters]);
    }));
  });

  it('keeps planned clusters off an explicit VPC CIDR anywhere in the space', () => {
    fc.assert(fc.property(fc.uniqueArray(clusterId, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 127 }), (list, half) => {
      const vpcCidr = `10.${64 + (half >> 1)}.${(half & 1) * 128}.0/17`;
      const requests = [...list.map((id) => req(id)), req('0explicit', { vpcCidr })];
      const p = planAddresses({ addressSpace: SPACE, blockPrefix: 16, requests });
      expect(p.errors).toEqual([]);
      expect(p.clusters.get('0explicit')!.vpcCidr).toBe(vpcCidr);
      for (const id of list) {
        const a = p.clusters.get(id)!;
        expect(overlaps(cidr(a.vpcCidr), cidr(vpcCidr))).toBe(false);
        expect(overlaps(cidr(a.serviceCidr), cidr(vpcCidr))).toBe(false);
      }
    }));
  });

  it('fails on exhaustion, naming a cluster left out and the fix', () => {
    fc.assert(fc.property(fc.uniqueArray(clusterId, { minLength: 5, maxLength: 12 }), (list) => {
      const p = plan(list, undefined, '10.0.0.0/14', 16); // 4 blocks
      expect(p.clusters.size).toBe(4);
      expect(p.errors).toHaveLength(list.length - 4);
      for (const e of p.errors) {
        const id = e.path.slice('acme/'.length);
        expect(list).toContain(id);
        expect(p.clusters.has(id)).toBe(false);
        expect(e.message).toContain(`no free /16 block left for cluster "${id}"`);
        expect(e.message).toContain('widen the fleet\'s addressSpace or lengthen clusterBlockPrefix');
      }
    }));
  });
});

describe('carveSubnets', () => {
  it('gives a /20 VPC three /22 private and three /25 public subnets that do not overlap', () => {
    const s = carveSubnets(cidr('10.1.0.0/20'));
    expect(s.privateSubnets).toEqual(['10.1.0.0/22', '10.1.4.0/22', '10.1.8.0/22']);
    expect(s.publicSubnets).toEqual(['10.1.12.0/25', '10.1.12.128/25', '10.1.13.0/25']);
  });
});

describe('checkExplicitCidrs', () => {
  it('accepts a /16 to /20 private VPC and a /12 to /24 private service range', () => {
    expect(checkExplicitCidrs('10.1.0.0/16', '172.20.0.0/16')).toEqual([]);
    expect(checkExplicitCidrs('10.1.0.0/20', '10.2.0.0/24')).toEqual([]);
    expect(checkExplicitCidrs(undefined, undefined)).toEqual([]);
  });

  it('refuses a VPC too small or too large, with the allowed range', () => {
    expect(checkExplicitCidrs('10.1.0.0/24', undefined)).toEqual([
      'vpcCidr 10.1.0.0/24 is a /24; a cluster VPC must be a /16 to /20 (AWS allows no larger VPC, and three private and three public subnets need at least a /20)',
    ]);
    expect(checkExplicitCidrs('10.0.0.0/12', undefined)).toEqual([
      'vpcCidr 10.0.0.0/12 is a /12; a cluster VPC must be a /16 to /20 (AWS allows no larger VPC, and three private and three public subnets need at least a /20)',
    ]);
  });

  it('refuses public ranges, bad service lengths and malformed text', () => {
    expect(checkExplicitCidrs('8.8.0.0/16', undefined)[0]).toMatch(/^vpcCidr 8\.8\.0\.0\/16 is not a private \(RFC 1918\) range/);
    expect(checkExplicitCidrs(undefined, '10.0.0.0/25')).toEqual(['serviceCidr 10.0.0.0/25 is a /25; EKS takes a /12 to /24']);
    expect(checkExplicitCidrs(undefined, '100.64.0.0/16')[0]).toMatch(/^serviceCidr 100\.64\.0\.0\/16 is not a private/);
    expect(checkExplicitCidrs('10.1.0.1/16', 'x')).toEqual([
      'vpcCidr "10.1.0.1/16" has host bits set; the network address is 10.1.0.0/16',
      'serviceCidr "x" is not an IPv4 CIDR such as 10.64.0.0/16',
    ]);
  });
});

describe('checkAddressSpace', () => {
  it('accepts a private space holding at least one block', () => {
    expect(checkAddressSpace(SPACE, 16)).toEqual([]);
    expect(checkAddressSpace('10.0.0.0/16', 16)).toEqual([]);
  });

  it('refuses a public space, a block length out of range and a space smaller than one block', () => {
    expect(checkAddressSpace('11.0.0.0/8', 16)).toEqual(['addressSpace 11.0.0.0/8 is not a private (RFC 1918) range; use one inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16']);
    expect(checkAddressSpace(SPACE, 20)).toEqual(['clusterBlockPrefix 20 is out of range; use 15 to 19 (each cluster\'s VPC is half its block)']);
    expect(checkAddressSpace('10.0.0.0/18', 16)).toEqual(['addressSpace 10.0.0.0/18 is too small to hold even one /16 cluster block; use a /16 or larger space']);
  });
});
