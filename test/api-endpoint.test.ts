import { describe, expect, it } from 'vitest';
import { ApiEndpoint, EnvironmentFleet, findCluster, RegionalCluster } from '../lib';
import { newFleet, problemsOf } from './helpers/fleets';

describe('ApiEndpoint', () => {
  it('is private by default, and an environment or cluster may choose otherwise', () => {
    const fleet = newFleet({ apiEndpoint: ApiEndpoint.publicFrom('198.51.100.0/24') });
    new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'], apiEndpoint: ApiEndpoint.private() });
    new RegionalCluster(fleet, 'ops', { region: 'eu-west-1' });
    new RegionalCluster(fleet, 'canary', { region: 'eu-west-1', apiEndpoint: ApiEndpoint.publicFrom('203.0.113.7/32', '192.0.2.0/24') });
    const r = fleet.resolve();
    expect(findCluster(r, 'staging-eu-west-3')!.apiEndpoint).toEqual({ access: 'private', publicCidrs: [], warnings: [] });
    expect(findCluster(r, 'ops')!.apiEndpoint).toEqual({ access: 'public', publicCidrs: ['198.51.100.0/24'], warnings: [] });
    expect(findCluster(r, 'canary')!.apiEndpoint).toEqual({ access: 'public', publicCidrs: ['203.0.113.7/32', '192.0.2.0/24'], warnings: [] });
    expect(newFleet().apiEndpoint.access).toBe('private');
  });

  it('refuses what EKS refuses at deploy: a bad CIDR, more than 40, and the whole internet unless asked by name', () => {
    const fleet = newFleet();
    const ranges = Array.from({ length: 41 }, (_, i) => `198.51.${i}.0/24`);
    new RegionalCluster(fleet, 'a', { region: 'eu-west-1', apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/33', '0.0.0.0/0') });
    new RegionalCluster(fleet, 'b', { region: 'eu-west-1', apiEndpoint: ApiEndpoint.publicFrom(...ranges) });
    new RegionalCluster(fleet, 'c', { region: 'eu-west-1', apiEndpoint: ApiEndpoint.publicFrom('10.0.0.0/8', '203.0.113.5/24') });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/a', message: 'ApiEndpoint.publicFrom(): public access CIDR "203.0.113.0/33" has a prefix longer than /32' },
      { path: 'acme/a', message: 'ApiEndpoint.publicFrom(): public access CIDR "0.0.0.0/0" would open the Kubernetes API endpoint to the whole internet; list the public addresses that need the API (an office or CI egress, such as "203.0.113.0/24"), or say so explicitly with ApiEndpoint.openToTheInternet()' },
      { path: 'acme/b', message: 'ApiEndpoint.publicFrom(): 41 public access CIDRs are listed; EKS allows at most 40 per cluster, a fixed limit that cannot be raised: merge neighbouring blocks (two /25s into a /24) or reach the API through the private endpoint' },
      { path: 'acme/c', message: expect.stringMatching(/^ApiEndpoint\.publicFrom\(\): public access CIDR "10\.0\.0\.0\/8" is in the private \(RFC 1918\) range 10\.0\.0\.0\/8, never the source of a request from the internet, and EKS refuses reserved addresses here/) },
      { path: 'acme/c', message: 'ApiEndpoint.publicFrom(): public access CIDR "203.0.113.5/24" has host bits set; the network address is 203.0.113.0/24' },
    ]);
  });

  it('opens the API to the internet only by name, and every synth warns about it', () => {
    const fleet = newFleet({ apiEndpoint: ApiEndpoint.openToTheInternet() });
    new RegionalCluster(fleet, 'lab', { region: 'eu-west-1' });
    const r = fleet.resolve();
    expect(r.problems).toEqual([]);
    expect(findCluster(r, 'lab')!.apiEndpoint).toEqual({ access: 'internet', publicCidrs: ['0.0.0.0/0'], warnings: [] });
    expect(r.warnings).toEqual([{
      path: 'acme',
      rule: 'api-endpoint-open',
      message: 'the Kubernetes API of lab is open to the whole internet (ApiEndpoint.openToTheInternet()); anyone can probe it, so list your own source ranges with ApiEndpoint.publicFrom() instead',
    }]);
  });
});
