import { describe, expect, it } from 'vitest';
import { ClusterGraphNode, fleetGraph, graphId, RouteGraphNode } from '../../lib';
import { acmeAssembly, acmeWith, oddAssembly, reach } from './fleets';

const PRODUCTION = ['production-ap-southeast-1', 'production-eu-west-1', 'production-us-east-1'];

describe('the graph of the acme example', () => {
  const graph = fleetGraph(acmeAssembly());
  const clusters = graph.nodes.filter((n): n is ClusterGraphNode => n.kind === 'cluster');
  const routes = graph.nodes.filter((n): n is RouteGraphNode => n.kind === 'route');

  it('groups every cluster in its region', () => {
    expect(graph.regions.map((r) => [r.label, r.clusters])).toEqual([
      ['ap-southeast-1 · Singapore', ['cluster_production_ap_southeast_1']],
      ['eu-central-1 · Frankfurt', ['cluster_customer_a']],
      ['eu-west-1 · Ireland', ['cluster_production_eu_west_1']],
      ['eu-west-3 · Paris', ['cluster_canary_eu_west_3', 'cluster_qa_eu_west_3', 'cluster_staging_eu_west_3']],
      ['us-east-1 · N. Virginia', ['cluster_production_us_east_1']],
    ]);
    for (const c of clusters) expect(graph.regions.find((r) => r.clusters.includes(c.id))?.region).toBe(c.region);
  });

  it('shows each cluster\'s environment and the apps placed on it', () => {
    expect(Object.fromEntries(clusters.map((c) => [c.clusterId, [c.environment, c.tenancy, ...c.apps]]))).toEqual({
      'canary-eu-west-3': ['canary', 'shared', 'api'],
      'customer-a': ['customer', 'dedicated', 'ledger'],
      'production-ap-southeast-1': ['production', 'shared', 'api', 'orders-worker', 'search', 'storefront'],
      'production-eu-west-1': ['production', 'shared', 'api', 'nightly-report', 'orders-worker', 'search', 'storefront'],
      'production-us-east-1': ['production', 'shared', 'api', 'orders-worker', 'search', 'storefront'],
      'qa-eu-west-3': ['qa', 'shared', 'api'],
      'staging-eu-west-3': ['staging', 'shared', 'api', 'orders-worker', 'storefront'],
    });
    expect(clusters.find((c) => c.clusterId === 'customer-a')!.lines).toEqual(['customer-a', 'customer · k8s 1.36 · dedicated', 'apps: ledger']);
  });

  it('links the EU zone to its member clusters', () => {
    expect(graph.nodes.filter((n) => n.kind === 'zone').map((n) => n.id)).toEqual(['zone_eu']);
    expect(graph.edges.filter((e) => e.kind === 'member')).toEqual([
      { kind: 'member', from: 'zone_eu', to: 'cluster_customer_a' },
      { kind: 'member', from: 'zone_eu', to: 'cluster_production_eu_west_1' },
    ]);
  });

  it('draws the shop\'s path routes, each reaching the production clusters that run its app', () => {
    expect(graph.nodes.find((n) => n.kind === 'loadBalancer')).toMatchObject({ id: 'lb_shop', hostname: 'shop.acme.example', edge: 'cloudfront' });
    expect(routes.map((r) => [r.path, r.app, r.policy, r.name])).toEqual([
      ['/api/*', 'api', 'geolocation', 'api.shop.acme.example'],
      ['/*', 'storefront', 'geolocation', 'default.shop.acme.example'],
    ]);
    expect(graph.edges.filter((e) => e.kind === 'route').map((e) => [e.from, e.to])).toEqual(routes.map((r) => ['lb_shop', r.id]));
    for (const r of routes) expect(reach(graph, r.id), r.path).toEqual(PRODUCTION);
    expect(reach(graph, 'lb_shop')).toEqual(PRODUCTION);
  });

  it('sends EU users to the zone\'s cluster only, everyone else to a latency decision over all production', () => {
    for (const r of routes) {
      const out = graph.edges.filter((e) => e.from === r.id);
      expect(out.map((e) => [e.label, e.to.startsWith('cluster_') ? e.to : 'decision'])).toEqual([
        ['continent EU (zone eu)', 'cluster_production_eu_west_1'],
        ['default', 'decision'],
      ]);
      const latency = out[1].to;
      expect(graph.nodes.find((n) => n.id === latency)).toMatchObject({ kind: 'policy', policy: 'latency' });
      expect(reach(graph, latency)).toEqual(PRODUCTION);
    }
  });

  it('has an edge only between nodes it draws, and a node id only once', () => {
    const ids = graph.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of graph.edges) expect(ids, `${e.from} -> ${e.to}`).toEqual(expect.arrayContaining([e.from, e.to]));
  });
});

describe('the graph of other routing', () => {
  const graph = fleetGraph(oddAssembly());

  it('draws a DNS load balancer\'s failover between weighted groups, with the weights', () => {
    expect(graph.nodes.find((n) => n.id === 'lb_www')).toMatchObject({ kind: 'loadBalancer', edge: 'dns', policy: 'failover' });
    const groups = graph.edges.filter((e) => e.from === 'lb_www');
    expect(groups.map((e) => [e.label, e.to])).toEqual([['primary', 'dns_primary__www__acme__example'], ['secondary', 'dns_secondary__www__acme__example']]);
    const weights = (from: string) => graph.edges.filter((e) => e.from === from).map((e) => [e.label, e.to]);
    expect(weights('dns_primary__www__acme__example')).toEqual([['weight 90', 'cluster_production_us_east_1'], ['weight 10', 'cluster_production_us_west_2']]);
    expect(weights('dns_secondary__www__acme__example')).toEqual([['weight 50', 'cluster_production_eu_west_1'], ['weight 50', graphId('cluster', 'a--b')]]);
  });
});

describe('graph ids', () => {
  it('are readable for plain names', () => {
    expect(graphId('cluster', 'production-eu-west-1')).toBe('cluster_production_eu_west_1');
    expect(graphId('dns', 'api-geo-eu.shop.acme.example')).toBe('dns_api_geo_eu__shop__acme__example');
  });

  it('are safe identifiers, and different for different names', () => {
    const names = ['a-b', 'a.b', 'a--b', 'a_b', 'a__b', 'A-b', 'ab', 'a-.b', 'a.-b', 'a..b', 'end', 'a b', 'aX2DXb', 'a"b', 'é', '-a', 'a-', 'x', 'o'];
    const ids = names.map((n) => graphId('zone', n));
    expect(new Set(ids).size).toBe(names.length);
    for (const id of ids) expect(id).toMatch(/^zone_[A-Za-z0-9_]*$/);
  });
});

describe('adding a production region', () => {
  it('adds its region, its cluster and their edges, and changes nothing else', () => {
    const before = fleetGraph(acmeWith([]));
    const after = fleetGraph(acmeWith(['sa-east-1']));
    const added = 'cluster_production_sa_east_1';
    expect(after.nodes.filter((n) => !before.nodes.some((b) => b.id === n.id)).map((n) => n.id)).toEqual([added]);
    for (const n of before.nodes) expect(after.nodes.find((a) => a.id === n.id), n.id).toEqual(n);
    expect(after.regions.filter((r) => !before.regions.some((b) => b.id === r.id))).toEqual([
      { id: 'region_sa_east_1', region: 'sa-east-1', label: 'sa-east-1 · São Paulo', clusters: [added] },
    ]);
    for (const r of before.regions) expect(after.regions).toContainEqual(r);
    for (const e of before.edges) expect(after.edges).toContainEqual(e);
    const newEdges = after.edges.filter((e) => !before.edges.some((b) => JSON.stringify(b) === JSON.stringify(e)));
    expect(newEdges.length).toBeGreaterThan(0);
    for (const e of newEdges) expect(e.to).toBe(added);
    expect(reach(after, 'lb_shop')).toContain('production-sa-east-1');
  });
});
