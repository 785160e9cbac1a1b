import { describe, expect, it } from 'vitest';
import { treeNaming } from '../../lib/model/dns-names';
import { buildDnsTree, reachableLeaves, TreeInput, TreeRouting } from '../../lib/model/dns-tree';

const clusters = [
  { id: 'prod-us-east-1', region: 'us-east-1' },
  { id: 'prod-eu-west-1', region: 'eu-west-1' },
  { id: 'prod-eu-central-1', region: 'eu-central-1' },
  { id: 'prod-ap-southeast-1', region: 'ap-southeast-1' },
];
const input = (routing: TreeRouting, ids = clusters.map((c) => c.id), path?: string): TreeInput => ({
  naming: treeNaming('shop.acme.example', path), clusters: clusters.filter((c) => ids.includes(c.id)), routing,
});
const latency: TreeRouting = { kind: 'latency' };
const EU = ['prod-eu-west-1', 'prod-eu-central-1'];
const geoWithZone: TreeRouting = {
  kind: 'geolocation',
  rules: [
    { location: { kind: 'continent', code: 'EU' }, zone: 'eu', clusters: EU, inner: latency },
    { location: { kind: 'default', code: '*' }, clusters: clusters.map((c) => c.id), inner: latency },
  ],
};

describe('Route 53 record trees', () => {
  it('latency: one record per cluster with a unique set identifier, its region and its leaf\'s health check', () => {
    const tree = buildDnsTree(input(latency));
    expect(tree.records).toHaveLength(4);
    for (const r of tree.records) {
      expect(r).toMatchObject({ name: 'shop.acme.example', evaluateTargetHealth: true, routing: { kind: 'latency' } });
      expect(r.healthCheckOf).toBe(r.target);
    }
    expect(new Set(tree.records.map((r) => r.setIdentifier)).size).toBe(4);
    expect(tree.leaves.map((l) => l.name)).toContain('prod-eu-west-1.shop.acme.example');
  });

  it('geolocation over latency: the continent rule aliases a subtree of latency records over its clusters', () => {
    const tree = buildDnsTree(input(geoWithZone));
    const top = tree.records.filter((r) => r.name === 'shop.acme.example');
    expect(top.map((r) => [r.setIdentifier, r.routing, r.target, r.evaluateTargetHealth])).toEqual([
      ['geo-eu', { kind: 'geolocation', continent: 'EU' }, 'geo-eu.shop.acme.example', false],
      ['geo-default', { kind: 'geolocation', country: '*' }, 'geo-default.shop.acme.example', true],
    ]);
    expect(tree.records.filter((r) => r.name === 'geo-eu.shop.acme.example').map((r) => r.target).sort())
      .toEqual(['prod-eu-central-1.shop.acme.example', 'prod-eu-west-1.shop.acme.example']);
  });

  it('keeps an EU user inside the zone even when every zone cluster is unhealthy', () => {
    const tree = buildDnsTree(input(geoWithZone));
    for (const country of ['DE', 'FR', 'IE']) {
      const leaves = reachableLeaves(tree, 'shop.acme.example', { country, continent: 'EU' });
      expect([...leaves].sort()).toEqual(['prod-eu-central-1.shop.acme.example', 'prod-eu-west-1.shop.acme.example']);
    }
    // Without the zone, the EU rule may fall back to the default tree when its clusters are unhealthy.
    const unbound: TreeRouting = { kind: 'geolocation', rules: geoWithZone.rules.map((r) => ({ ...r, zone: undefined })) };
    const leaky = reachableLeaves(buildDnsTree(input(unbound)), 'shop.acme.example', { country: 'DE', continent: 'EU' });
    expect(leaky.has('prod-us-east-1.shop.acme.example')).toBe(true);
  });

  it('failover: a primary and a secondary record, a group of several clusters through a latency subtree', () => {
    const tree = buildDnsTree(input({ kind: 'failover', primary: EU, secondary: ['prod-us-east-1'], inner: latency }, [...EU, 'prod-us-east-1']));
    const top = tree.records.filter((r) => r.name === 'shop.acme.example');
    expect(top.map((r) => [r.routing, r.target, r.healthCheckOf])).toEqual([
      [{ kind: 'failover', role: 'PRIMARY' }, 'primary.shop.acme.example', undefined],
      [{ kind: 'failover', role: 'SECONDARY' }, 'prod-us-east-1.shop.acme.example', 'prod-us-east-1.shop.acme.example'],
    ]);
  });

  it('weighted: the given weights, and route trees named after their route', () => {
    const tree = buildDnsTree(input({ kind: 'weighted', weights: [{ clusterId: 'prod-us-east-1', weight: 90 }, { clusterId: 'prod-eu-west-1', weight: 10 }] }, ['prod-us-east-1', 'prod-eu-west-1'], '/api/*'));
    expect(tree.records.map((r) => [r.name, r.routing, r.target])).toEqual([
      ['api.shop.acme.example', { kind: 'weighted', weight: 90 }, 'prod-us-east-1-api.shop.acme.example'],
      ['api.shop.acme.example', { kind: 'weighted', weight: 10 }, 'prod-eu-west-1-api.shop.acme.example'],
    ]);
  });
});
