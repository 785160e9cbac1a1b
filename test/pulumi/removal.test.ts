/**
 * Removal is a decision, not a side effect, under Pulumi mocks: a cluster the
 * lock records and the code dropped, and a cluster or load balancer a stack
 * deployed before and leaves out now, are refused unless acknowledged with
 * `fleet.decommissioned(...)` — before anything is registered, or by failing
 * the program before the engine would delete anything.
 */
import * as pulumi from '@pulumi/pulumi';
import { afterEach, describe, expect, it } from 'vitest';
import type { Recorded } from './mocks';
import { mockedBinding, MOCK_STACK, programFailures, setPreviousOutputs, settle } from './mocks';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

// The mocks are installed before the model and the binding load.
const m = mockedBinding();

afterEach(() => setPreviousOutputs({}));

type Fleet = InstanceType<typeof m.lib.Fleet>;
const LOCK = { 'prod-us-east-1': '10.64.0.0/16', 'prod-eu-west-1': '10.65.0.0/16', 'staging-eu-west-3': '10.66.0.0/16' };

interface Shape {
  /** Production regions declared. */
  readonly production?: readonly string[];
  /** Whether the load balancer over production is declared. */
  readonly loadBalancer?: boolean;
  /** What `fleet.decommissioned` acknowledges. */
  readonly decommissioned?: readonly string[];
  /** Extra lock entries (clusters the code no longer declares). */
  readonly lock?: Readonly<Record<string, string>>;
}

/** Production (by default in us-east-1 and eu-west-1) behind load balancer www, and staging in eu-west-3. */
function removalFleet(shape: Shape = {}): Fleet {
  const { ApiEndpoint, EnvironmentFleet, Fleet, FleetApp, GlobalLoadBalancer, HostedZone, Placement } = m.lib;
  const fleet = new Fleet('rmv', { addressLock: m.lib.AddressLock.of({ ...LOCK, ...shape.lock }), supportDate: TEST_SUPPORT_DATE, apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24') });
  const production = new EnvironmentFleet(fleet, 'prod', { regions: [...(shape.production ?? ['us-east-1', 'eu-west-1'])] });
  new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'] });
  const web = new FleetApp(fleet, 'web', { image: 'ghcr.io/rmv/web:1.0.0', port: 8080, placement: Placement.all(), healthCheck: { path: '/' } });
  if (shape.loadBalancer ?? true) {
    new GlobalLoadBalancer(fleet, 'www', { hostname: 'www.rmv.example', hostedZone: HostedZone.existing('Z0RMV', 'rmv.example'), app: web, targets: production });
  }
  if (shape.decommissioned) fleet.decommissioned(...shape.decommissioned);
  return fleet;
}

/** The outputs a deploy of the whole fleet left. */
const EVERYTHING = { fleetform: { rmv: { clusters: ['prod-eu-west-1', 'prod-us-east-1', 'staging-eu-west-3'], loadBalancers: ['www'] } } };

/** Deploys and returns what got registered and what the program died of. */
async function deploy(name: string, args: ConstructorParameters<typeof m.binding.FleetDeployment>[1]): Promise<{ added: Recorded[]; failures: unknown[] }> {
  const before = m.recorded.length;
  const failures = await programFailures(m.recorded, () => new m.binding.FleetDeployment(name, args));
  return { added: m.recorded.slice(before), failures };
}

const problemsOf = (e: unknown) => (e as InstanceType<typeof m.lib.FleetValidationError>).problems;
/** Resources that act on AWS or Kubernetes (not components, not the stack reference). */
const acting = (rs: Recorded[]) => rs.filter((r) => r.custom && r.type !== 'pulumi:pulumi:StackReference');

describe('a cluster the lock records and the code no longer declares', () => {
  it('is refused before anything is registered, naming the two steps', () => {
    const fleet = removalFleet({ lock: { 'prod-ap-southeast-1': '10.67.0.0/16' } });
    const before = m.recorded.length;
    let error: unknown;
    try {
      new m.binding.FleetDeployment('rmv', { fleet });
    } catch (e) {
      error = e;
    }
    expect(problemsOf(error)).toEqual([{
      path: 'rmv',
      message: 'cluster "prod-ap-southeast-1" is recorded in the address lock but the code no longer declares it, so this deploy would delete it; '
        + 'removing a cluster takes two deploys: put it back, call decommission() on it and deploy (its guards lift), then remove it from the code, call fleet.decommissioned(\'prod-ap-southeast-1\') and deploy '
        + '(if it was never deployed, fleet.decommissioned(\'prod-ap-southeast-1\') alone)',
    }]);
    expect(m.recorded.length).toBe(before);
  });

  it('is deleted once fleet.decommissioned acknowledges it', async () => {
    const fleet = removalFleet({ lock: { 'prod-ap-southeast-1': '10.67.0.0/16' }, decommissioned: ['prod-ap-southeast-1'] });
    const { added, failures } = await deploy('rmv', { fleet });
    expect(failures).toEqual([]);
    expect(added.filter((r) => r.type === 'aws:eks/cluster:Cluster')).toHaveLength(3);
  });
});

describe('what a stack deployed before', () => {
  it('is recorded by the deployment for the stack to export', async () => {
    const d = new m.binding.FleetDeployment('rmv', { fleet: removalFleet(), clusters: ['prod-eu-west-1', 'prod-us-east-1'] });
    expect(d.record).toEqual({ rmv: { clusters: ['prod-eu-west-1', 'prod-us-east-1'], loadBalancers: ['www'] } });
    expect(m.binding.RECORD_OUTPUT).toBe('fleetform');
    await settle(m.recorded);
  });

  it('is read back through a reference to the stack itself, which every provider waits for', async () => {
    const { added, failures } = await deploy('rmv', { fleet: removalFleet() });
    expect(failures).toEqual([]);
    const self = added.filter((r) => r.type === 'pulumi:pulumi:StackReference');
    expect(self.map((r) => [r.name, r.inputs.name])).toEqual([['rmv-previous-deploy', `${MOCK_STACK.organization}/${MOCK_STACK.project}/${MOCK_STACK.stack}`]]);
    const providers = added.filter((r) => r.type.startsWith('pulumi:providers:'));
    expect(providers.length).toBeGreaterThan(4);
    for (const p of providers) expect(p.dependencies.some((urn) => urn.endsWith('pulumi:pulumi:StackReference::rmv-previous-deploy')), p.name).toBe(true);
  });

  it('may all stay: nothing is refused', async () => {
    setPreviousOutputs(EVERYTHING);
    const { added, failures } = await deploy('rmv', { fleet: removalFleet() });
    expect(failures).toEqual([]);
    expect(acting(added).filter((r) => r.type === 'aws:eks/cluster:Cluster')).toHaveLength(3);
  });

  it('fails the program before anything is created or deleted when a cluster is left out of the subset', async () => {
    setPreviousOutputs(EVERYTHING);
    const { added, failures } = await deploy('rmv', { fleet: removalFleet(), clusters: ['prod-eu-west-1', 'prod-us-east-1'] });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(m.lib.FleetValidationError);
    expect(problemsOf(failures[0])).toEqual([{
      path: 'rmv/staging/eu-west-3',
      message: 'cluster "staging-eu-west-3" was deployed by this stack and is not in its clusters now, so this deploy would delete it; put it back in clusters, '
        + 'or remove it in two deploys: call decommission() on it and deploy it once more (its guards lift), then leave it out, call fleet.decommissioned(\'staging-eu-west-3\') and deploy',
    }]);
    expect(acting(added)).toEqual([]);
  });

  it('may leave the subset once fleet.decommissioned acknowledges it', async () => {
    setPreviousOutputs(EVERYTHING);
    const { added, failures } = await deploy('rmv', { fleet: removalFleet({ decommissioned: ['staging-eu-west-3'] }), clusters: ['prod-eu-west-1', 'prod-us-east-1'] });
    expect(failures).toEqual([]);
    expect(acting(added).filter((r) => r.type === 'aws:eks/cluster:Cluster').map((r) => r.inputs.name).sort()).toEqual(['rmv-prod-eu-west-1', 'rmv-prod-us-east-1']);
  });

  it('fails the program for a load balancer the code dropped, or one whose targets left the stack, each with its path', async () => {
    setPreviousOutputs(EVERYTHING);
    const dropped = await deploy('rmv', { fleet: removalFleet({ loadBalancer: false }) });
    expect(dropped.failures.flatMap(problemsOf)).toEqual([{
      path: 'rmv',
      message: 'load balancer "www" was deployed by this stack and the code no longer declares it, so this deploy would delete it; put it back, '
        + 'or remove it in two deploys: call decommission() on it and deploy (its guards lift), then remove it from the code, call fleet.decommissioned(\'www\') and deploy',
    }]);
    expect(acting(dropped.added)).toEqual([]);
    const moved = await deploy('rmv', { fleet: removalFleet({ decommissioned: ['prod-eu-west-1', 'prod-us-east-1'] }), clusters: ['staging-eu-west-3'] });
    expect(moved.failures.flatMap(problemsOf)).toEqual([{
      path: 'rmv/www',
      message: 'load balancer "www" was deployed by this stack and is not now (none of its targets is in this stack\'s clusters), so this deploy would delete it; put its targets back, '
        + 'or remove it in two deploys: call decommission() on it and deploy it once more (its guards lift), then leave it out, call fleet.decommissioned(\'www\') and deploy',
    }]);
    const acknowledged = await deploy('rmv', { fleet: removalFleet({ loadBalancer: false, decommissioned: ['www'] }) });
    expect(acknowledged.failures).toEqual([]);
  });

  it('fails the program when the stack\'s record is not fleetform\'s', async () => {
    setPreviousOutputs({ fleetform: { rmv: { clusters: 'all' } } });
    const { failures } = await deploy('rmv', { fleet: removalFleet() });
    expect(failures.flatMap(problemsOf)).toEqual([{
      path: 'FleetDeployment rmv',
      message: 'the stack output fleetform.rmv is not what fleetform records, so this deploy cannot tell what the stack deployed before; export the deployment\'s own record (fleetform: deployment.record)',
    }]);
  });
});

describe('a program that does not export the record', () => {
  /** Runs a program in a stack, as the language host does, and returns what it died of. */
  const runProgram = (program: () => Promise<Record<string, unknown>>) => programFailures(m.recorded, async () => {
    await pulumi.runtime.runInPulumiStack(program);
    await settle(m.recorded);
  });

  it('is refused, saying how to export it', async () => {
    const failures = await runProgram(async () => {
      const d = new m.binding.FleetDeployment('rmv', { fleet: removalFleet() });
      return { clusters: Object.keys(d.outputs()) };
    });
    expect(failures.flatMap(problemsOf)).toEqual([{
      path: 'FleetDeployment rmv',
      message: 'the stack does not export what this deployment deploys, so the next deploy could not tell a cluster or load balancer dropped by accident from one removed on purpose; '
        + 'export it as fleetform: export const fleetform = deployment.record (or return { fleetform: deployment.record, ... } from the program\'s function)',
    }]);
  });

  it('runs once it does', async () => {
    const failures = await runProgram(async () => {
      const d = new m.binding.FleetDeployment('rmv', { fleet: removalFleet() });
      return { fleetform: d.record };
    });
    expect(failures).toEqual([]);
  });
});
