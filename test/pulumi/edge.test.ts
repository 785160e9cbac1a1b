/**
 * The acme example's global load balancer and EU zone under Pulumi mocks:
 * records, health checks, certificates, the distribution, and the residency
 * guarantee checked on the records actually registered.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DnsLeaf, DnsRecord, DnsTree, RecordRouting } from '../../lib';
import { ALB_ZONE_IDS, Recorded, recordResources, settle } from './mocks';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

let recorded: Recorded[];
let lib: typeof import('../../lib');
let binding: typeof import('../../lib/pulumi');
let example: typeof import('../../examples/acme/fleet');

beforeAll(async () => {
  recorded = await recordResources();
  lib = await import('../../lib');
  binding = await import('../../lib/pulumi');
  example = await import('../../examples/acme/fleet');
});

describe('the example\'s edge under mocks', () => {
  let mine: Recorded[];
  let deployment: InstanceType<typeof binding.FleetDeployment>;
  const ofType = (type: string) => mine.filter((r) => r.type === type);
  const providerRegion = () => new Map(ofType('pulumi:providers:aws').map((p) => [p.name, p.inputs.region as string]));
  const regionOf = (r: Recorded) => providerRegion().get(/::([^:]+)::[^:]*$/.exec(r.provider!)![1]);

  beforeAll(async () => {
    const lock = JSON.parse(readFileSync(example.ACME_LOCK_FILE, 'utf8')) as { clusters: Record<string, string> };
    const fleet = example.buildAcmeFleet({ addressLock: lib.AddressLock.of(lock.clusters), supportDate: TEST_SUPPORT_DATE, apiEndpoint: lib.ApiEndpoint.publicFrom('203.0.113.0/24') });
    deployment = new binding.FleetDeployment('acme', { fleet, deployer: 'arn:aws:iam::111122223333:role/pulumi-deployer' });
    await settle(recorded);
    mine = [...recorded];
  });

  it('gives each served name its tree: one record per target per policy, unique set identifiers', () => {
    const records = ofType('aws:route53/record:Record');
    const byName = new Map<string, Recorded[]>();
    for (const r of records) byName.set(r.inputs.name, [...(byName.get(r.inputs.name) ?? []), r]);
    for (const [name, rs] of byName) {
      if (rs.length > 1) {
        const ids = rs.map((r) => r.inputs.setIdentifier);
        expect(ids.every((id) => typeof id === 'string'), name).toBe(true);
        expect(new Set(ids).size, name).toBe(ids.length);
      }
    }
    // The api route: EU users to the zone's one production cluster; the default by latency over the three.
    const api = byName.get('api.shop.acme.example')!;
    expect(api.map((r) => [r.inputs.setIdentifier, r.inputs.geolocationRoutingPolicies[0], r.inputs.aliases[0].evaluateTargetHealth])).toEqual([
      ['geo-eu', { continent: 'EU' }, false],
      ['geo-default', { country: '*' }, true],
    ]);
    const latency = byName.get('api-geo-default.shop.acme.example')!;
    expect(latency.map((r) => r.inputs.latencyRoutingPolicies[0].region).sort()).toEqual(['ap-southeast-1', 'eu-west-1', 'us-east-1']);
    for (const r of latency) expect(r.inputs.healthCheckId).toBeDefined();
  });

  it('creates each record after the records of the name it aliases (Route 53 refuses an alias of a name that holds none)', () => {
    const records = ofType('aws:route53/record:Record');
    const byName = new Map<string, Recorded[]>();
    for (const r of records) byName.set(r.inputs.name, [...(byName.get(r.inputs.name) ?? []), r]);
    let checked = 0;
    for (const r of records) {
      const target = String(r.inputs.aliases?.[0]?.name ?? '');
      const aliased = byName.get(target);
      if (!aliased) continue; // an ALB or the distribution
      for (const a of aliased) expect(r.dependencies.some((urn) => urn.endsWith(`::${a.name}`)), `${r.name} waits for ${a.name}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(6);
  });

  it('aliases each leaf to its cluster\'s ALB with the canonical zone AWS answers for that region', () => {
    const leaves = ofType('aws:route53/record:Record').filter((r) => String(r.inputs.aliases?.[0]?.name).endsWith('.elb.amazonaws.com'));
    expect(leaves).toHaveLength(6); // two trees (api, default) × three production clusters
    for (const leaf of leaves) {
      const clusterId = /^(production-[a-z]+-[a-z]+-\d)/.exec(leaf.inputs.name)![1];
      const region = clusterId.replace('production-', '');
      expect(leaf.inputs.aliases[0]).toMatchObject({ zoneId: ALB_ZONE_IDS[region], evaluateTargetHealth: true });
      expect(leaf.inputs.aliases[0].name).toContain(clusterId);
    }
  });

  it('health-checks every leaf over HTTPS from at least three regions, every 10 s, 3 failures', () => {
    const checks = ofType('aws:route53/healthCheck:HealthCheck');
    expect(checks).toHaveLength(6);
    for (const c of checks) {
      expect(c.inputs).toMatchObject({ type: 'HTTPS', port: 443, enableSni: true, requestInterval: 10, failureThreshold: 3 });
      expect(c.inputs.regions.length).toBeGreaterThanOrEqual(3);
    }
    expect(checks.filter((c) => c.inputs.fqdn.endsWith('-api.shop.acme.example')).map((c) => c.inputs.resourcePath)).toEqual(['/healthz', '/healthz', '/healthz']);
  });

  it('puts one CloudFront origin per route, caches nothing, and aliases the host name to the distribution', () => {
    const [d] = ofType('aws:cloudfront/distribution:Distribution');
    expect(d.inputs.aliases).toEqual(['shop.acme.example']);
    expect(d.inputs.origins.map((o: any) => [o.originId, o.domainName])).toEqual([['api', 'api.shop.acme.example'], ['default', 'default.shop.acme.example']]);
    expect(d.inputs.orderedCacheBehaviors.map((b: any) => [b.pathPattern, b.targetOriginId])).toEqual([['/api/*', 'api']]);
    expect(d.inputs.defaultCacheBehavior.targetOriginId).toBe('default');
    for (const b of [d.inputs.defaultCacheBehavior, ...d.inputs.orderedCacheBehaviors]) expect(b.cachePolicyId).toBe('cache-policy-Managed-CachingDisabled');
    const alias = ofType('aws:route53/record:Record').find((r) => r.inputs.name === 'shop.acme.example')!;
    expect(alias.inputs.aliases[0]).toMatchObject({ name: 'd111111abcdef8.cloudfront.net', zoneId: 'ZCLOUDFRONTMOCK' });
  });

  it('issues a certificate in each target region for the ALBs and one in us-east-1 for CloudFront', () => {
    const certs = ofType('aws:acm/certificate:Certificate');
    for (const c of certs) expect(c.inputs).toMatchObject({ domainName: 'shop.acme.example', subjectAlternativeNames: ['*.shop.acme.example'], validationMethod: 'DNS' });
    expect(certs.map((c) => [c.name, regionOf(c)]).sort()).toEqual([
      ['shop-certificates-ap-southeast-1', 'ap-southeast-1'],
      ['shop-certificates-cloudfront', 'us-east-1'],
      ['shop-certificates-eu-west-1', 'eu-west-1'],
      ['shop-certificates-us-east-1', 'us-east-1'],
    ]);
    expect(ofType('aws:acm/certificateValidation:CertificateValidation')).toHaveLength(4);
    expect(ofType('pulumi:providers:aws').find((p) => p.name === 'acme-global')!.inputs.region).toBe('us-east-1');
  });

  it('never walks an EU user out of the EU zone on the registered records, whatever the clusters\' health', () => {
    const tree = registeredTree(ofType('aws:route53/record:Record'));
    for (const name of ['api.shop.acme.example', 'default.shop.acme.example']) {
      for (const country of ['DE', 'FR', 'IE', 'IT', 'ES', 'PL']) {
        const leaves = [...lib.reachableLeaves(tree, name, { country, continent: 'EU' })];
        expect(leaves.length, `${name} ${country}`).toBeGreaterThan(0);
        for (const leaf of leaves) expect(leaf, `${name} ${country}`).toMatch(/^production-eu-west-1/);
      }
      const us = [...lib.reachableLeaves(tree, name, { country: 'US', continent: 'NA' })];
      expect(us.length).toBe(3);
    }
  });

  it('keeps the EU zone\'s customer cluster\'s keys and logs in its own region', () => {
    const kms = ofType('aws:kms/key:Key').find((k) => k.name === 'customer-a-secrets')!;
    const logs = ofType('aws:cloudwatch/logGroup:LogGroup').find((l) => l.name === 'customer-a-logs')!;
    expect(regionOf(kms)).toBe('eu-central-1');
    expect(regionOf(logs)).toBe('eu-central-1');
    const template = ofType('aws:ec2/launchTemplate:LaunchTemplate').find((t) => t.name.startsWith('customer-a-'))!;
    expect(template.inputs.placement).toEqual({ tenancy: 'dedicated' });
  });

  it('registers no two resources with the same type and name', () => {
    const keys = mine.map((r) => `${r.type}::${r.name}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('exports the host name and the distribution', async () => {
    const out = deployment.loadBalancerOutputs();
    expect(Object.keys(out)).toEqual(['shop']);
    expect(out.shop.hostname).toBe('shop.acme.example');
  });
});

describe('the example\'s load balancer in a stack of a subset', () => {
  const acme = () => {
    const lock = JSON.parse(readFileSync(example.ACME_LOCK_FILE, 'utf8')) as { clusters: Record<string, string> };
    return example.buildAcmeFleet({ addressLock: lib.AddressLock.of(lock.clusters), supportDate: TEST_SUPPORT_DATE, apiEndpoint: lib.ApiEndpoint.publicFrom('203.0.113.0/24') });
  };

  it('is left to another stack when none of its targets is here', async () => {
    const before = recorded.length;
    const d = new binding.FleetDeployment('acme-staging', { fleet: acme(), clusters: ['staging-eu-west-3'] });
    await settle(recorded);
    const added = recorded.slice(before);
    expect(added.filter((r) => r.type === 'aws:eks/cluster:Cluster').map((r) => r.inputs.name)).toEqual(['acme-staging-eu-west-3']);
    expect(added.filter((r) => r.type.startsWith('aws:route53/') || r.type.startsWith('aws:acm/') || r.type.startsWith('aws:cloudfront/'))).toEqual([]);
    expect(d.loadBalancerOutputs()).toEqual({});
  });

  it('is refused when only some of its targets are here, before anything is registered', () => {
    const before = recorded.length;
    expect(() => new binding.FleetDeployment('acme-us', { fleet: acme(), clusters: ['production-us-east-1', 'staging-eu-west-3'] })).toThrow(
      /\[acme\/shop\] targets production-ap-southeast-1, production-eu-west-1 are not deployed by this stack; deploy every target of the load balancer together/,
    );
    expect(recorded.length).toBe(before);
  });
});

/** The record tree as registered with Route 53: routing from each record's policy block, leaves where it aliases an ALB. */
function registeredTree(records: Recorded[]): DnsTree {
  const leaves: DnsLeaf[] = [];
  const tree: DnsRecord[] = [];
  for (const r of records) {
    const alias = r.inputs.aliases?.[0];
    if (!alias) continue;
    if (String(alias.name).endsWith('.elb.amazonaws.com')) {
      leaves.push({ name: r.inputs.name, clusterId: r.inputs.name.split('.')[0], region: '' });
      continue;
    }
    const i = r.inputs;
    const routing: RecordRouting = i.geolocationRoutingPolicies ? { kind: 'geolocation', ...i.geolocationRoutingPolicies[0] }
      : i.latencyRoutingPolicies ? { kind: 'latency', region: i.latencyRoutingPolicies[0].region }
        : i.weightedRoutingPolicies ? { kind: 'weighted', weight: i.weightedRoutingPolicies[0].weight }
          : i.failoverRoutingPolicies ? { kind: 'failover', role: i.failoverRoutingPolicies[0].type }
            : { kind: 'simple' };
    tree.push({ name: i.name, setIdentifier: i.setIdentifier, routing, target: alias.name, evaluateTargetHealth: alias.evaluateTargetHealth });
  }
  return { name: 'registered', records: tree, leaves };
}
