/**
 * The edge in a stack of its own: wave stacks with `edge: 'elsewhere'` deploy
 * their clusters and export their ALBs, and the edge-only stack builds the
 * load balancer's records on the ALBs it reads through stack references.
 */
import * as pulumi from '@pulumi/pulumi';
import { describe, expect, it } from 'vitest';
import { AddressLock, FleetValidationError, HostedZone } from '../../lib';
import { planFleet } from '../../lib/pulumi/testing';
import type { PlannedResource, RecordedPlan } from '../../lib/pulumi/testing';
import { ALB_ZONE_IDS, programFailures, recordResources, setPreviousOutputs, setStackOutputs } from './mocks';
import { buildChannelFleet, ChannelFleetOptions } from '../helpers/channel-fleet';

/** The channel fleet with its blocks recorded, as a synth leaves it before a deploy. */
function recorded(options: ChannelFleetOptions = {}) {
  const lock = AddressLock.of(JSON.parse(buildChannelFleet(options).fleet.resolve().addressLock.text).clusters);
  return buildChannelFleet({ ...options, addressLock: lock }).fleet;
}

/** A resource's inputs, as the tests read them. */
type Inputs = Record<string, any>;
const ofType = (plan: RecordedPlan, type: string) => plan.resources.filter((r) => r.type === type).map((r) => ({ ...r, inputs: r.inputs as Inputs }));
const clustersOf = (plan: RecordedPlan) => ofType(plan, 'aws:eks/cluster:Cluster').map((r) => r.inputs.name).sort();
const valueOf = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply((v) => { resolve(v); return v; }));
const PRODUCTION = ['production-eu-central-1', 'production-eu-west-1', 'production-us-east-1'];
const EDGE_TYPES = ['aws:route53/healthCheck:HealthCheck', 'aws:cloudfront/distribution:Distribution', 'aws:route53/zone:Zone'];

/** What each production wave's stack would export: cluster → load balancer → ALB DNS name. */
function exportsOf(id: string) {
  return { fleetformAlbs: { [id]: { shop: `k8s-${id}-alb.elb.amazonaws.com` } } };
}

describe('a wave stack whose edge is elsewhere', () => {
  it('deploys a wave with part of a load balancer\'s targets, its region\'s certificate and no edge, and exports its ALB', async () => {
    const { FleetDeployment } = await import('../../lib/pulumi');
    let deployment!: InstanceType<typeof FleetDeployment>;
    const plan = await planFleet(() => {
      deployment = new FleetDeployment('acme', {
        fleet: recorded({ plan: {} }), wave: 'production-eu-west-1', edge: 'elsewhere', privateEndpointsReachable: true,
        deployer: 'arn:aws:iam::111122223333:role/pulumi-deployer',
      });
    });
    expect(clustersOf(plan)).toEqual(['acme-production-eu-west-1']);
    for (const type of EDGE_TYPES) expect(ofType(plan, type), type).toEqual([]);
    // The one Route 53 record is the certificate's validation, kept when the stack lets it go (other stacks' certificates share it).
    const records = ofType(plan, 'aws:route53/record:Record');
    expect(records.map((r) => [r.name, r.retainOnDelete])).toEqual([['shop-certificates-validation', true]]);
    expect(ofType(plan, 'aws:acm/certificate:Certificate').map((r) => r.name)).toEqual(['shop-certificates-eu-west-1']);
    expect(deployment.record).toEqual({ acme: { clusters: ['production-eu-west-1'], loadBalancers: ['shop'] } });
    expect(Object.keys(deployment.albs)).toEqual(['production-eu-west-1']);
    expect(await valueOf(deployment.albs['production-eu-west-1'].shop)).toMatch(/\.elb\.amazonaws\.com$/);
    // The manifests still wait for the region's certificate.
    const manifests = plan.resources.find((r) => r.name === 'production-eu-west-1-manifests')!;
    const validation = ofType(plan, 'aws:acm/certificateValidation:CertificateValidation')[0];
    expect(manifests.dependencies).toContain(validation.urn);
  });

  it('deploys a wave without any target of the load balancer with no certificate at all', async () => {
    const plan = await planFleet(recorded({ plan: {} }), { deployment: { wave: 'staging', edge: 'elsewhere', privateEndpointsReachable: true } });
    expect(clustersOf(plan)).toEqual(['acme-qa-eu-west-3', 'acme-staging-eu-west-3']);
    expect(ofType(plan, 'aws:acm/certificate:Certificate')).toEqual([]);
    expect(ofType(plan, 'aws:route53/record:Record')).toEqual([]);
  });

  it('keeps the all-in-one stack unchanged: with the edge here, the same resources as without the option', async () => {
    const before = await planFleet(recorded(), { deployment: { privateEndpointsReachable: true } });
    const after = await planFleet(recorded(), { deployment: { privateEndpointsReachable: true, edge: 'here' } });
    const urns = (p: RecordedPlan) => p.resources.map((r: PlannedResource) => r.urn).sort();
    expect(urns(after)).toEqual(urns(before));
  });

  it('refuses a zone the deployment would create: the cluster stacks validate their certificates in it first', async () => {
    const fleet = recorded({ hostedZone: HostedZone.create('acme.example') });
    const error = await planFleet(fleet, { deployment: { clusters: ['production-eu-west-1'], edge: 'elsewhere', privateEndpointsReachable: true } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FleetValidationError);
    expect((error as FleetValidationError).problems).toEqual([{
      path: 'acme/shop',
      message: 'the hosted zone acme.example is created by the deployment, but with the edge in a stack of its own the cluster stacks validate their certificates in it first; '
        + 'create the zone once (or keep it from an earlier deploy) and give hostedZone: HostedZone.existing(\'<zone id>\', \'acme.example\')',
    }]);
  });
});

describe('the plan of a stack whose edge is elsewhere', () => {
  it('refuses a load balancer\'s targets of one region split between stacks: each stack would issue the region\'s certificate', async () => {
    const { planDeployment } = await import('../../lib/pulumi/deployment-plan');
    const resolved = recorded().resolve();
    // customer-a shares eu-central-1 with production-eu-central-1; make it a target too.
    const fleet = { ...resolved, loadBalancers: resolved.loadBalancers.map((lb) => ({ ...lb, targets: [...lb.targets, 'customer-a'].sort() })) };
    const choices = { edge: 'elsewhere' as const, privateEndpointsReachable: true, deployer: 'arn:aws:iam::111122223333:role/pulumi-deployer' };
    const error = (() => {
      try {
        planDeployment(fleet, { ...choices, clusters: ['production-eu-central-1'] });
      } catch (e) {
        return e;
      }
    })();
    expect((error as FleetValidationError).problems).toEqual([{
      path: 'acme/shop',
      message: 'targets customer-a share a region with targets this stack deploys, whose certificate of shop.acme.example this stack issues; '
        + 'a second stack would issue another of the same name there, which the ALBs\' controller cannot choose between; deploy the load balancer\'s targets of one region in one stack (add them to clusters)',
    }]);
    expect(planDeployment(fleet, { ...choices, clusters: ['customer-a', 'production-eu-central-1'] }).loadBalancers.map((lb) => lb.name)).toEqual(['shop']);
  });
});

describe('the edge-only stack', () => {
  const stackOutputs = Object.fromEntries(PRODUCTION.map((id) => [`organization/project/acme-${id}`, exportsOf(id)]));

  it('registers only the edge, its records aliasing the ALBs the wave stacks export', async () => {
    const plan = await planFleet(recorded({ plan: {} }), { stackOutputs, deployment: { edge: 'only', clusterStacks: 'acme-{wave}' } });
    expect(clustersOf(plan)).toEqual([]);
    expect(ofType(plan, 'aws:ec2/vpc:Vpc')).toEqual([]);
    expect(ofType(plan, 'pulumi:providers:kubernetes')).toEqual([]);
    const references = ofType(plan, 'pulumi:pulumi:StackReference').map((r) => r.inputs.name).sort();
    expect(references).toEqual([...Object.keys(stackOutputs), 'organization/project/stack'].sort());
    const leaves = ofType(plan, 'aws:route53/record:Record').filter((r) => String(r.inputs.aliases?.[0]?.name).endsWith('.elb.amazonaws.com'));
    expect(leaves.map((r) => [r.name, r.inputs.aliases[0].name, r.inputs.aliases[0].zoneId]).sort()).toEqual(PRODUCTION.map((id) => {
      const region = id.slice('production-'.length);
      return [`shop-main-leaf-${id}`, `k8s-${id}-alb.elb.amazonaws.com`, ALB_ZONE_IDS[region]];
    }));
    expect(ofType(plan, 'aws:route53/healthCheck:HealthCheck')).toHaveLength(3);
    // The regional certificates belong to the cluster stacks; the load balancer has no CloudFront here.
    expect(ofType(plan, 'aws:acm/certificate:Certificate')).toEqual([]);
  });

  it('takes the stacks as a record or a function, qualified with its own organization and project when they have no /', async () => {
    const byRecord = await planFleet(recorded(), {
      stackOutputs, deployment: { edge: 'only', clusterStacks: Object.fromEntries(PRODUCTION.map((id) => [id, `acme-${id}`])) },
    });
    const byFunction = await planFleet(recorded(), { stackOutputs, deployment: { edge: 'only', clusterStacks: (id) => `organization/project/acme-${id}` } });
    const names = (p: RecordedPlan) => ofType(p, 'aws:route53/record:Record').map((r) => `${r.name} ${JSON.stringify(r.inputs.aliases)}`).sort();
    expect(names(byFunction)).toEqual(names(byRecord));
    expect(names(byRecord)).toHaveLength(ofType(byRecord, 'aws:route53/record:Record').length);
  });

  it('records every load balancer and no cluster, so dropping a load balancer is refused unless decommissioned', async () => {
    const { FleetDeployment } = await import('../../lib/pulumi');
    let deployment!: InstanceType<typeof FleetDeployment>;
    await planFleet(() => {
      deployment = new FleetDeployment('edge', { fleet: recorded({ plan: {} }), edge: 'only', clusterStacks: 'acme-{wave}' });
    }, { stackOutputs });
    expect(deployment.record).toEqual({ edge: { clusters: [], loadBalancers: ['shop'] } });
  });

  it('refuses clusters or a wave, a missing clusterStacks, and an Argo CD role it has no cluster for', async () => {
    const error = await planFleet(recorded({ plan: {} }), {
      stackOutputs, deployment: { edge: 'only', wave: 'canary', argoCdCapabilityRole: 'arn:aws:iam::111122223333:role/argocd' },
    }).catch((e: unknown) => e);
    expect((error as FleetValidationError).problems.map((p) => p.message)).toEqual([
      'an edge-only stack (edge: \'only\') deploys no cluster; leave clusters and wave out, and deploy the clusters in their own stacks with edge: \'elsewhere\'',
      'an edge-only stack reads each target cluster\'s ALB from the stack that deploys it; give clusterStacks, such as "acme-{wave}" or { "production-eu-west-1": "acme-production" }',
      'argoCdCapabilityRole gives Argo CD an access entry on the clusters a stack deploys, and an edge-only stack (edge: \'only\') deploys none; give it to the cluster stacks instead',
    ]);
    const partial = await planFleet(recorded(), { stackOutputs, deployment: { edge: 'only', clusterStacks: { 'production-eu-west-1': 'acme-eu' } } }).catch((e: unknown) => e);
    expect((partial as FleetValidationError).problems).toEqual([{
      path: 'acme/shop',
      message: 'clusterStacks names no stack for targets production-eu-central-1, production-us-east-1; give each target the stack that deploys it',
    }]);
    const misplaced = await planFleet(recorded(), { deployment: { clusterStacks: 'acme-{wave}', privateEndpointsReachable: true } }).catch((e: unknown) => e);
    expect((misplaced as FleetValidationError).problems.map((p) => p.message)).toEqual([
      'clusterStacks tells an edge-only stack where the clusters\' ALBs are exported; give it with edge: \'only\', or leave it out',
    ]);
  });

  it('refuses an edge it does not know, and clusterStacks of the wrong shape, before anything is registered', async () => {
    const error = await planFleet(recorded(), { deployment: { edge: 'somewhere', clusterStacks: 42 } as never }).catch((e: unknown) => e);
    expect((error as FleetValidationError).problems).toEqual([
      { path: 'FleetDeployment acme', message: 'option edge is the string "somewhere", not one of "here", "elsewhere", "only"; give one such as "elsewhere"' },
      { path: 'FleetDeployment acme', message: 'option clusterStacks is the number 42, not a stack name template, a record of cluster id to stack name, or a function; give one such as "acme-{wave}"' },
    ]);
  });

  it('fails the program with the stack, the cluster and the fix when a stack does not export the ALB', async () => {
    const recordedResources = await recordResources();
    for (const id of PRODUCTION) setStackOutputs(`organization/fleet/acme-${id}`, id === 'production-us-east-1' ? { clusters: {} } : exportsOf(id));
    const { FleetDeployment } = await import('../../lib/pulumi');
    const failures = await programFailures(recordedResources, () => new FleetDeployment('acme', { fleet: recorded({ plan: {} }), edge: 'only', clusterStacks: 'acme-{wave}' }));
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(FleetValidationError);
      expect(String((failure as Error).message)).toContain('[FleetDeployment acme] the edge of load balancer shop needs the ALB of its target "production-us-east-1", '
        + 'but stack organization/fleet/acme-production-us-east-1 does not export fleetformAlbs; deploy the cluster\'s stack first with edge: \'elsewhere\' and export fleetformAlbs: deployment.albs');
    }
  });

  it('keeps the decommissioning guards: a load balancer it deployed before and the code dropped fails the program', async () => {
    const recordedResources = await recordResources();
    for (const id of PRODUCTION) setStackOutputs(`organization/fleet/acme-${id}`, exportsOf(id));
    setPreviousOutputs({ fleetform: { edge: { clusters: [], loadBalancers: ['old-shop', 'shop'] } } });
    const { FleetDeployment } = await import('../../lib/pulumi');
    try {
      const failures = await programFailures(recordedResources, () => new FleetDeployment('edge', { fleet: recorded({ plan: {} }), edge: 'only', clusterStacks: 'acme-{wave}' }));
      expect(failures.map((f) => (f as FleetValidationError).problems)).toEqual([[{
        path: 'acme',
        message: 'load balancer "old-shop" was deployed by this stack and the code no longer declares it, so this deploy would delete it; put it back, '
          + 'or remove it in two deploys: call decommission() on it and deploy (its guards lift), then remove it from the code, call fleet.decommissioned(\'old-shop\') and deploy',
      }]]);
      expect(recordedResources.filter((r) => r.type.startsWith('aws:route53'))).toEqual([]);
    } finally {
      setPreviousOutputs({});
    }
  });
});
