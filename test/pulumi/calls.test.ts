/** Calls between apps across clusters, planned under mocks: peering, routes, security-group rules, private zone and records. */
import { beforeAll, describe, expect, it } from 'vitest';
import { deployOn, MOCK_CALLER, mockedBinding, Recorded, refusalOf } from './mocks';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

const m = mockedBinding();

/** Web in Ireland calls the ledger, which runs only in Frankfurt; the search runs beside web and is called locally. */
function callingFleet(name: string, withCall = true) {
  const { AddressLock, ApiEndpoint, Fleet, EnvironmentFleet, FleetApp, GdprZone, Placement } = m.lib;
  const build = (addressLock: ReturnType<typeof AddressLock.none>) => {
    const fleet = new Fleet(name, { addressLock, supportDate: TEST_SUPPORT_DATE, apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24') });
    const eu = GdprZone.europeanUnion(fleet, 'eu');
    const prod = new EnvironmentFleet(fleet, 'prod', { regions: ['eu-west-1', 'eu-central-1'], zones: [eu] });
    const ledger = new FleetApp(fleet, 'ledger', { image: 'ghcr.io/shop/ledger:1.0.0', port: 8080, servicePort: 8443, residency: eu, placement: Placement.clusters(prod.cluster('eu-central-1')) });
    const search = new FleetApp(fleet, 'search', { image: 'ghcr.io/shop/search:1.0.0', port: 9200, placement: Placement.clusters(prod.cluster('eu-west-1')) });
    new FleetApp(fleet, 'web', {
      image: 'ghcr.io/shop/web:1.0.0', port: 3000, residency: eu, placement: Placement.clusters(prod.cluster('eu-west-1')),
      ...(withCall ? { calls: [ledger, search] } : {}),
    });
    return fleet;
  };
  return build(AddressLock.of(build(AddressLock.none()).resolve().addressLock.next));
}

describe('a call across regions, planned', () => {
  let added: Recorded[];
  let fleet: ReturnType<typeof callingFleet>;
  const ofType = (type: string) => added.filter((r) => r.type === type);

  beforeAll(async () => {
    fleet = callingFleet('shop');
    added = await deployOn(m, 'shop', { fleet });
  });

  it('peers the caller\'s VPC with the callee\'s across regions, accepted in the callee\'s region', () => {
    const resolved = fleet.resolve();
    const [euw1, euc1] = ['prod-eu-west-1', 'prod-eu-central-1'].map((id) => m.lib.findCluster(resolved, id)!);
    const peerings = ofType('aws:ec2/vpcPeeringConnection:VpcPeeringConnection');
    expect(peerings.map((p) => p.name)).toEqual(['prod-eu-central-1-peering-prod-eu-west-1']);
    expect(peerings[0].inputs.peerRegion).toBe('eu-west-1');
    expect(peerings[0].inputs.autoAccept).toBeUndefined();
    const vpcId = (c: typeof euw1) => `${c.names.resource}-network-vpc-id`;
    expect(peerings[0].inputs.vpcId).toBe(vpcId(euc1));
    expect(peerings[0].inputs.peerVpcId).toBe(vpcId(euw1));
    const accepters = ofType('aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter');
    expect(accepters.map((a) => a.name)).toEqual(['prod-eu-west-1-accepts-prod-eu-central-1']);
    expect(accepters[0].inputs.autoAccept).toBe(true);
    expect(accepters[0].inputs.vpcPeeringConnectionId).toBe('prod-eu-central-1-peering-prod-eu-west-1-id');
  });

  it('routes each VPC\'s range to the other through the peering, in every route table, beside the default route', () => {
    const resolved = fleet.resolve();
    for (const [from, to] of [['prod-eu-west-1', 'prod-eu-central-1'], ['prod-eu-central-1', 'prod-eu-west-1']]) {
      const peer = m.lib.findCluster(resolved, to)!.network!.vpcCidr;
      const tables = ofType('aws:ec2/routeTable:RouteTable').filter((t) => t.name.startsWith(`${from}-network-`));
      expect(tables).toHaveLength(4);
      for (const t of tables) {
        expect(t.inputs.routes).toHaveLength(2);
        expect(t.inputs.routes[0].cidrBlock).toBe('0.0.0.0/0');
        expect(t.inputs.routes[1]).toEqual({ cidrBlock: peer, vpcPeeringConnectionId: 'prod-eu-west-1-accepts-prod-eu-central-1-id' });
        // Created after the peering is accepted, and updated before it is deleted.
        expect(t.dependencies.some((d) => d.endsWith('::prod-eu-west-1-accepts-prod-eu-central-1'))).toBe(true);
      }
    }
  });

  it('admits only the caller cluster\'s pod ranges on the ledger\'s port in the callee cluster\'s security group', () => {
    const resolved = fleet.resolve();
    const caller = m.lib.findCluster(resolved, 'prod-eu-west-1')!.network!;
    const rules = ofType('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule');
    expect(rules.map((r) => r.inputs.cidrIpv4).sort()).toEqual([...caller.privateSubnets].sort());
    for (const r of rules) {
      expect(r.name.startsWith('prod-eu-central-1-ledger-from-')).toBe(true);
      expect(r.inputs).toMatchObject({ ipProtocol: 'tcp', fromPort: 8080, toPort: 8080, securityGroupId: 'sg-shop-prod-eu-central-1-cluster' });
    }
  });

  it('creates the private zone in the caller\'s VPC, with a latency alias to the ledger\'s internal NLB', () => {
    const zones = ofType('aws:route53/zone:Zone');
    expect(zones.map((z) => z.inputs.name)).toEqual(['shop.internal']);
    expect(zones[0].inputs.vpcs).toEqual([{ vpcId: 'prod-eu-west-1-network-vpc-id', vpcRegion: 'eu-west-1' }]);
    const records = ofType('aws:route53/record:Record');
    expect(records).toHaveLength(1);
    expect(records[0].inputs).toMatchObject({
      name: 'ledger.shop.internal', type: 'A', setIdentifier: 'prod-eu-central-1',
      latencyRoutingPolicies: [{ region: 'eu-central-1' }],
      aliases: [{ name: 'k8s-prod-eu-central-1-ledger-ledger-internal.elb.amazonaws.com', zoneId: 'ZNLBEUCENTRAL1', evaluateTargetHealth: true }],
    });
  });

  it('gives the caller the private address and the local Service address, and applies the internal NLB Service', () => {
    const services = ofType('kubernetes:core/v1:Service').filter((s) => s.inputs.metadata.name === 'ledger-internal');
    expect(services).toHaveLength(1);
    expect(services[0].inputs.spec).toMatchObject({ type: 'LoadBalancer', loadBalancerClass: 'service.k8s.aws/nlb' });
    const web = ofType('kubernetes:apps/v1:Deployment').find((d) => d.inputs.metadata.name === 'web')!;
    expect(web.inputs.spec.template.spec.containers[0].env).toEqual(expect.arrayContaining([
      { name: 'LEDGER_URL', value: 'http://ledger.shop.internal:8443' },
      { name: 'SEARCH_URL', value: 'http://search.search.svc.cluster.local:80' },
    ]));
  });
});

describe('deploying calls', () => {
  it('registers nothing for calls in a fleet without them: no peering, zone or rule, route tables with the default route only', async () => {
    const added = await deployOn(m, 'plain', { fleet: callingFleet('plain', false) });
    const types = new Set(added.map((r) => r.type));
    for (const t of ['aws:ec2/vpcPeeringConnection:VpcPeeringConnection', 'aws:route53/zone:Zone', 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', 'fleetform:aws:CallNetwork']) {
      expect(types.has(t)).toBe(false);
    }
    for (const t of added.filter((r) => r.type === 'aws:ec2/routeTable:RouteTable')) expect(t.inputs.routes).toHaveLength(1);
  });

  it('without applying manifests, still makes the peering, rules and zone, but no record (the NLBs\' names are unknown to the stack)', async () => {
    const added = await deployOn(m, 'gitops', { fleet: callingFleet('gitops'), applyManifests: false });
    const count = (type: string) => added.filter((r) => r.type === type).length;
    expect(count('aws:ec2/vpcPeeringConnection:VpcPeeringConnection')).toBe(1);
    expect(count('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule')).toBe(3);
    expect(count('aws:route53/zone:Zone')).toBe(1);
    expect(count('aws:route53/record:Record')).toBe(0);
  });

  it('refuses a stack that holds one cluster of a call across clusters but not the other, before registering anything', () => {
    const refused = refusalOf(m, 'split', { fleet: callingFleet('split'), clusters: ['prod-eu-west-1'] });
    expect(refused.registered).toBe(0);
    expect(refused.problems).toEqual([{
      path: 'split/web',
      message: 'calls "ledger" across clusters prod-eu-central-1 and prod-eu-west-1, which need a VPC peering, but this deployment leaves out prod-eu-central-1; deploy the clusters of a call across clusters in one stack (clusters: ["prod-eu-central-1", "prod-eu-west-1", ...])',
    }]);
  });
});

describe('the fintech example\'s call from Frankfurt to the bank\'s ledger in Stockholm, planned', () => {
  let added: Recorded[];
  let resolved: ReturnType<InstanceType<typeof m.lib.Fleet>['resolve']>;
  const ofType = (type: string) => added.filter((r) => r.type === type);

  beforeAll(async () => {
    const { default: buildFintechFleet, FINTECH_LOCK_FILE } = await import('../../examples/fintech/fleet');
    const { readFileSync } = await import('node:fs');
    const lock = (JSON.parse(readFileSync(FINTECH_LOCK_FILE, 'utf8')) as { clusters: Record<string, never> }).clusters;
    const fleet = buildFintechFleet({ addressLock: m.lib.AddressLock.of(lock), supportDate: TEST_SUPPORT_DATE });
    resolved = fleet.resolve();
    added = await deployOn(m, 'ledgerly', { fleet, privateEndpointsReachable: true, deployer: MOCK_CALLER.role });
  });

  it('peers Frankfurt with Stockholm only, and routes each one\'s range to the other', () => {
    expect(ofType('aws:ec2/vpcPeeringConnection:VpcPeeringConnection').map((p) => [p.name, p.inputs.peerRegion]))
      .toEqual([['bank-nord-peering-production-eu-central-1', 'eu-central-1']]);
    const frankfurt = m.lib.findCluster(resolved, 'production-eu-central-1')!.network!;
    const bank = m.lib.findCluster(resolved, 'bank-nord')!.network!;
    const peerRoutes = (stem: string) => ofType('aws:ec2/routeTable:RouteTable').filter((t) => t.name.startsWith(`${stem}-network-`))
      .map((t) => t.inputs.routes.slice(1).map((r: { cidrBlock: string }) => r.cidrBlock));
    expect(peerRoutes('production-eu-central-1')).toEqual(Array(4).fill([bank.vpcCidr]));
    expect(peerRoutes('bank-nord')).toEqual(Array(4).fill([frankfurt.vpcCidr]));
    // No other cluster's route tables change.
    expect(peerRoutes('production-eu-west-1')).toEqual(Array(4).fill([]));
  });

  it('opens the bank cluster\'s security group to Frankfurt\'s pod ranges on the ledger\'s port, and nothing else', () => {
    const frankfurt = m.lib.findCluster(resolved, 'production-eu-central-1')!.network!;
    const rules = ofType('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule');
    expect(rules.map((r) => [r.inputs.cidrIpv4, r.inputs.fromPort, r.inputs.toPort, r.provider?.includes('eu-north-1')])).toEqual(frankfurt.privateSubnets.map((c) => [c, 8080, 8080, true]));
  });

  it('names the ledger in the private zone of Frankfurt\'s VPC, and gives statements its address and egress', () => {
    expect(ofType('aws:route53/zone:Zone').filter((z) => z.inputs.vpcs).map((z) => [z.inputs.name, z.inputs.vpcs.map((v: { vpcRegion: string }) => v.vpcRegion)]))
      .toEqual([['ledgerly.internal', ['eu-central-1']]]);
    expect(ofType('aws:route53/record:Record').filter((r) => r.inputs.name === 'ledger.ledgerly.internal').map((r) => r.inputs.setIdentifier)).toEqual(['bank-nord']);
    const statements = ofType('kubernetes:apps/v1:Deployment').find((d) => d.inputs.metadata.name === 'statements')!;
    expect(statements.inputs.spec.template.spec.containers[0].env).toContainEqual({ name: 'LEDGER_URL', value: 'http://ledger.ledgerly.internal:80' });
    const bank = m.lib.findCluster(resolved, 'bank-nord')!.network!;
    const egress = ofType('kubernetes:networking.k8s.io/v1:NetworkPolicy').find((p) => p.inputs.metadata.name === 'statements-egress')!;
    expect(egress.inputs.spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: bank.publicRange } }], ports: [{ protocol: 'TCP', port: 80 }] });
    const ingress = ofType('kubernetes:networking.k8s.io/v1:NetworkPolicy').find((p) => p.inputs.metadata.name === 'ledger-ingress')!;
    const frankfurt = m.lib.findCluster(resolved, 'production-eu-central-1')!.network!;
    expect(ingress.inputs.spec.ingress).toContainEqual({ from: frankfurt.privateSubnets.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: 8080 }] });
  });
});
