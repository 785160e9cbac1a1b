import { describe, expect, it } from 'vitest';
import { Cidr, complement, contains, formatCidr, isPrivate, mask, overlaps, parseCidr, publicInternet, size, subnet } from '../../lib/net/ipv4';

function cidr(text: string): Cidr {
  const c = parseCidr(text);
  if (typeof c === 'string') throw new Error(c);
  return c;
}

describe('parseCidr / formatCidr', () => {
  it('parses a CIDR into base and prefix', () => {
    expect(parseCidr('10.64.0.0/10')).toEqual({ base: 0x0a400000, prefix: 10 });
    expect(parseCidr('255.255.255.255/32')).toEqual({ base: 0xffffffff, prefix: 32 });
    expect(parseCidr('0.0.0.0/0')).toEqual({ base: 0, prefix: 0 });
  });

  it('round-trips through formatCidr', () => {
    for (const text of ['10.64.0.0/10', '172.16.0.0/12', '192.168.1.0/24', '203.0.113.128/25', '0.0.0.0/0', '255.255.255.255/32']) {
      expect(formatCidr(cidr(text))).toBe(text);
    }
  });

  it('refuses host bits and names the network address', () => {
    expect(parseCidr('10.64.1.0/16')).toBe('"10.64.1.0/16" has host bits set; the network address is 10.64.0.0/16');
    expect(parseCidr('10.0.0.1/31')).toBe('"10.0.0.1/31" has host bits set; the network address is 10.0.0.0/31');
  });

  it('refuses malformed text, octets above 255 and prefixes above 32', () => {
    expect(parseCidr('10.0.0.0')).toBe('"10.0.0.0" is not an IPv4 CIDR such as 10.64.0.0/16');
    expect(parseCidr('10.0.0/8')).toMatch(/is not an IPv4 CIDR/);
    expect(parseCidr(' 10.0.0.0/8')).toMatch(/is not an IPv4 CIDR/);
    expect(parseCidr('10.256.0.0/16')).toBe('"10.256.0.0/16" has an octet above 255');
    expect(parseCidr('10.0.0.0/33')).toBe('"10.0.0.0/33" has a prefix longer than /32');
  });
});

describe('mask and size', () => {
  it('computes masks and block sizes', () => {
    expect(mask(0)).toBe(0);
    expect(mask(8)).toBe(0xff000000);
    expect(mask(32)).toBe(0xffffffff);
    expect(size(cidr('10.0.0.0/16'))).toBe(65536);
    expect(size(cidr('10.0.0.0/32'))).toBe(1);
  });
});

describe('overlaps and contains', () => {
  it('detects overlap in both directions, and its absence for neighbours', () => {
    expect(overlaps(cidr('10.64.0.0/16'), cidr('10.64.128.0/17'))).toBe(true);
    expect(overlaps(cidr('10.64.128.0/17'), cidr('10.64.0.0/16'))).toBe(true);
    expect(overlaps(cidr('10.64.0.0/16'), cidr('10.64.0.0/16'))).toBe(true);
    expect(overlaps(cidr('10.64.0.0/16'), cidr('10.65.0.0/16'))).toBe(false);
    expect(overlaps(cidr('10.64.0.0/17'), cidr('10.64.128.0/17'))).toBe(false);
    expect(overlaps(cidr('0.0.0.0/0'), cidr('192.168.0.0/16'))).toBe(true);
  });

  it('contains only blocks entirely inside', () => {
    expect(contains(cidr('10.64.0.0/10'), cidr('10.127.255.0/24'))).toBe(true);
    expect(contains(cidr('10.64.0.0/10'), cidr('10.128.0.0/16'))).toBe(false);
    expect(contains(cidr('10.64.0.0/16'), cidr('10.64.0.0/10'))).toBe(false);
    expect(contains(cidr('10.64.0.0/16'), cidr('10.64.0.0/16'))).toBe(true);
  });

  it('knows the RFC 1918 ranges', () => {
    expect(isPrivate(cidr('10.64.0.0/10'))).toBe(true);
    expect(isPrivate(cidr('172.31.0.0/16'))).toBe(true);
    expect(isPrivate(cidr('172.32.0.0/16'))).toBe(false);
    expect(isPrivate(cidr('192.168.10.0/24'))).toBe(true);
    expect(isPrivate(cidr('8.0.0.0/8'))).toBe(false);
    expect(isPrivate(cidr('10.0.0.0/7'))).toBe(false);
  });
});

describe('subnet', () => {
  it('takes the index-th sub-block', () => {
    const space = cidr('10.64.0.0/10');
    expect(formatCidr(subnet(space, 16, 0))).toBe('10.64.0.0/16');
    expect(formatCidr(subnet(space, 16, 63))).toBe('10.127.0.0/16');
    expect(formatCidr(subnet(cidr('10.64.0.0/16'), 17, 1))).toBe('10.64.128.0/17');
    expect(formatCidr(subnet(space, 10, 0))).toBe('10.64.0.0/10');
  });

  it('keeps bases unsigned at the top of the address range', () => {
    expect(formatCidr(subnet(cidr('255.0.0.0/8'), 16, 255))).toBe('255.255.0.0/16');
  });

  it('refuses indexes outside the block and prefixes shorter than it', () => {
    expect(() => subnet(cidr('10.64.0.0/10'), 16, 64)).toThrow('10.64.0.0/10 holds 64 /16 blocks, not 65');
    expect(() => subnet(cidr('10.64.0.0/10'), 16, -1)).toThrow(RangeError);
    expect(() => subnet(cidr('10.64.0.0/16'), 12, 0)).toThrow('cannot take a /12 from 10.64.0.0/16');
  });
});

describe('complement and the public internet', () => {
  it('covers exactly the addresses outside the excluded ranges', () => {
    const within = parseCidr('10.0.0.0/8') as Cidr;
    const excluded = [parseCidr('10.64.0.0/10') as Cidr, parseCidr('10.0.0.0/16') as Cidr];
    const parts = complement(within, excluded);
    expect(parts.map(formatCidr)).toEqual([
      '10.1.0.0/16', '10.2.0.0/15', '10.4.0.0/14', '10.8.0.0/13', '10.16.0.0/12', '10.32.0.0/11', '10.128.0.0/9',
    ]);
    const covered = parts.reduce((n, c) => n + size(c), 0);
    expect(covered).toBe(size(within) - size(excluded[0]) - size(excluded[1]));
  });

  it('lists the public internet without private, link-local, shared or multicast addresses', () => {
    const cidrs = publicInternet().map((t) => parseCidr(t) as Cidr);
    for (const r of ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10', '224.0.0.0/4']) {
      expect(cidrs.some((c) => overlaps(c, parseCidr(r) as Cidr)), r).toBe(false);
    }
    for (const ip of ['8.8.8.8/32', '52.95.110.1/32', '203.0.113.9/32', '172.32.0.1/32', '100.128.0.1/32']) {
      expect(cidrs.some((c) => contains(c, parseCidr(ip) as Cidr)), ip).toBe(true);
    }
  });
});
