import { describe, expect, it } from 'vitest';
import { checkEndpointCidrs, MAX_PUBLIC_ACCESS_CIDRS } from '../../lib/checks/endpoint-cidrs';

const WHERE = 'list the public addresses that need the API (an office or CI egress, such as "203.0.113.0/24")';
const PRIVATE = 'never the source of a request from the internet, and EKS refuses reserved addresses here; callers inside the VPC or connected to it (VPN, Direct Connect, peering) reach the API through the private endpoint: remove it and ' + WHERE;

describe('checkEndpointCidrs', () => {
  it('accepts public blocks, and an empty list (no public endpoint)', () => {
    expect(checkEndpointCidrs(['203.0.113.0/24', '198.51.100.7/32', '8.0.0.0/8', '52.94.0.0/16'], {})).toEqual({ problems: [], warnings: [] });
    expect(checkEndpointCidrs([], {})).toEqual({ problems: [], warnings: [] });
  });

  it('refuses a list that is not an array, and entries that are not strings', () => {
    expect(checkEndpointCidrs('203.0.113.0/24', {}).problems).toEqual(['public access CIDRs must be a list of IPv4 CIDRs such as ["203.0.113.0/24"], not the string "203.0.113.0/24"']);
    expect(checkEndpointCidrs([42], {}).problems).toEqual(['public access CIDR the number 42 is not a string; write it as a CIDR such as "203.0.113.0/24"']);
  });

  it('refuses malformed blocks with the reason parseCidr gives', () => {
    expect(checkEndpointCidrs(['203.0.113.0/33', 'office', '300.0.0.0/8'], {}).problems).toEqual([
      'public access CIDR "203.0.113.0/33" has a prefix longer than /32',
      'public access CIDR "office" is not an IPv4 CIDR such as 10.64.0.0/16',
      'public access CIDR "300.0.0.0/8" has an octet above 255',
    ]);
  });

  it('names the network address of a block with host bits set', () => {
    expect(checkEndpointCidrs(['203.0.113.5/24'], {}).problems).toEqual(['public access CIDR "203.0.113.5/24" has host bits set; the network address is 203.0.113.0/24']);
  });

  it('suggests /32 for a bare address', () => {
    expect(checkEndpointCidrs(['203.0.113.5'], {}).problems).toEqual(['public access CIDR "203.0.113.5" is an address, not a CIDR block; write "203.0.113.5/32" for that one address']);
  });

  it('refuses duplicates', () => {
    expect(checkEndpointCidrs(['203.0.113.0/24', '198.51.100.0/24', '203.0.113.0/24'], {}).problems).toEqual(['public access CIDR "203.0.113.0/24" is listed twice; remove one']);
  });

  it('refuses more than 40 blocks, a limit EKS does not raise', () => {
    const blocks = (n: number) => Array.from({ length: n }, (_, i) => `198.51.${i}.0/24`);
    expect(MAX_PUBLIC_ACCESS_CIDRS).toBe(40);
    expect(checkEndpointCidrs(blocks(40), {}).problems).toEqual([]);
    expect(checkEndpointCidrs(blocks(41), {}).problems).toEqual([
      '41 public access CIDRs are listed; EKS allows at most 40 per cluster, a fixed limit that cannot be raised: merge neighbouring blocks (two /25s into a /24) or reach the API through the private endpoint',
    ]);
  });

  it('refuses the whole internet and blocks wider than a /8 unless allowAnywhere is set, then warns', () => {
    expect(checkEndpointCidrs(['0.0.0.0/0', '64.0.0.0/2'], {})).toEqual({
      problems: [
        `public access CIDR "0.0.0.0/0" would open the Kubernetes API endpoint to the whole internet; ${WHERE}, or set allowAnywhere to accept this`,
        `public access CIDR "64.0.0.0/2" would open the Kubernetes API endpoint to 1,073,741,824 addresses, more than any one organisation holds; ${WHERE}, or set allowAnywhere to accept this`,
      ],
      warnings: [],
    });
    expect(checkEndpointCidrs(['0.0.0.0/0'], { allowAnywhere: true })).toEqual({
      problems: [],
      warnings: ['public access CIDR "0.0.0.0/0" opens the Kubernetes API endpoint to the whole internet (allowAnywhere is set); only authentication stands between it and any caller'],
    });
    expect(checkEndpointCidrs(['4.0.0.0/7'], {}).problems).toHaveLength(1);
  });

  it.each([
    ['10.0.0.0/8', 'is in the private (RFC 1918) range 10.0.0.0/8'],
    ['10.64.0.0/16', 'is in the private (RFC 1918) range 10.0.0.0/8'],
    ['172.16.5.0/24', 'is in the private (RFC 1918) range 172.16.0.0/12'],
    ['172.0.0.0/8', 'includes the private (RFC 1918) range 172.16.0.0/12'],
    ['192.168.1.1/32', 'is in the private (RFC 1918) range 192.168.0.0/16'],
    ['192.0.0.0/8', 'includes the private (RFC 1918) range 192.168.0.0/16'],
    ['127.0.0.1/32', 'is in the loopback range 127.0.0.0/8'],
    ['169.254.169.254/32', 'is in the link-local range 169.254.0.0/16'],
    ['100.64.0.0/10', 'is in the carrier-grade NAT (RFC 6598) range 100.64.0.0/10'],
    ['0.0.0.0/8', 'is in the "this network" (RFC 1122) range 0.0.0.0/8'],
    ['224.0.0.0/8', 'is in the multicast range 224.0.0.0/4'],
    ['255.255.255.255/32', 'is in the reserved (RFC 1112) range 240.0.0.0/4'],
  ])('refuses %s, which no request from the internet comes from', (cidr, what) => {
    expect(checkEndpointCidrs([cidr], { allowAnywhere: true }).problems).toEqual([`public access CIDR "${cidr}" ${what}, ${PRIVATE}`]);
  });

  it('accepts the documentation ranges AWS uses in its own examples', () => {
    expect(checkEndpointCidrs(['192.0.2.0/24', '198.51.100.0/24', '203.0.113.5/32'], {}).problems).toEqual([]);
  });

  it('warns about a block that lies inside another listed block', () => {
    expect(checkEndpointCidrs(['203.0.113.0/24', '203.0.113.5/32'], {})).toEqual({
      problems: [],
      warnings: ['public access CIDR "203.0.113.5/32" lies inside "203.0.113.0/24", also listed; remove the narrower one to stay further from the limit of 40'],
    });
  });
});
