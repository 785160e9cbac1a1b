/**
 * The example's Pulumi program under mocks, with the stack config the README's
 * "Deploying with Pulumi" section sets: the first `pulumi up` as written.
 */
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recorded } from './mocks';
import { MOCK_CALLER, programFailures, recordResources, valueOf } from './mocks';

let recorded: Recorded[];
let program: typeof import('../../examples/acme/program');

beforeAll(async () => {
  recorded = await recordResources();
  program = await import('../../examples/acme/program');
});

/**
 * Runs the program in a stack, as the language host does, with this stack config (as `pulumi config
 * set --path` stores it: lists as JSON); it must not fail.
 */
async function run(config: Record<string, string>): Promise<{ outputs: Awaited<ReturnType<typeof program.deployAcme>>; added: Recorded[] }> {
  pulumi.runtime.setAllConfig(config);
  const before = recorded.length;
  let outputs: Awaited<ReturnType<typeof program.deployAcme>> | undefined;
  const failures = await programFailures(recorded, () => pulumi.runtime.runInPulumiStack(async () => {
    outputs = await program.deployAcme();
    return outputs;
  }));
  expect(failures).toEqual([]);
  return { outputs: outputs!, added: recorded.slice(before) };
}

describe('the example program with the README\'s stack config', () => {
  it('deploys every cluster, the load balancer and the deployer\'s identity when the endpoints are open to the runner', async () => {
    const { outputs, added } = await run({ 'fleetform:publicAccessCidrs': '["203.0.113.0/24"]' });
    expect(outputs.deployer).toBe(MOCK_CALLER.role);
    expect(Object.keys(outputs.clusters)).toHaveLength(7);
    expect(Object.keys(outputs.loadBalancers)).toEqual(['shop']);
    expect(outputs.fleetform.acme.clusters).toHaveLength(7);
    for (const c of added.filter((r) => r.type === 'aws:eks/cluster:Cluster')) expect(c.inputs.vpcConfig.publicAccessCidrs).toEqual(['203.0.113.0/24']);
    expect(await valueOf(outputs.clusters['staging-eu-west-3'].endpoint)).toBe('https://acme-staging-eu-west-3.eks.example');
  });

  it('deploys the optional subset alone, leaving the load balancer to the stack of its targets', async () => {
    const { outputs, added } = await run({ 'fleetform:publicAccessCidrs': '["203.0.113.0/24"]', 'fleetform:clusters': '["staging-eu-west-3"]' });
    expect(Object.keys(outputs.clusters)).toEqual(['staging-eu-west-3']);
    expect(outputs.loadBalancers).toEqual({});
    expect(outputs.fleetform).toEqual({ acme: { clusters: ['staging-eu-west-3'], loadBalancers: [] } });
    expect(added.filter((r) => r.type === 'aws:eks/cluster:Cluster').map((r) => r.inputs.name)).toEqual(['acme-staging-eu-west-3']);
  });

  it('deploys one wave of the example\'s rollout plan, as the README\'s wave loop does', async () => {
    const { outputs } = await run({ 'fleetform:publicAccessCidrs': '["203.0.113.0/24"]', 'fleetform:wave': 'pre-production' });
    expect(Object.keys(outputs.clusters).sort()).toEqual(['qa-eu-west-3', 'staging-eu-west-3']);
    expect(outputs.loadBalancers).toEqual({});
  });

  it('deploys a production wave with the edge elsewhere and exports its ALB, as the README\'s edge workflow does', async () => {
    const { outputs, added } = await run({ 'fleetform:publicAccessCidrs': '["203.0.113.0/24"]', 'fleetform:wave': 'production-eu-west-1', 'fleetform:edge': 'elsewhere' });
    expect(Object.keys(outputs.clusters)).toEqual(['production-eu-west-1']);
    expect(Object.keys(outputs.fleetformAlbs ?? {})).toEqual(['production-eu-west-1']);
    expect(added.filter((r) => r.type === 'aws:route53/healthCheck:HealthCheck')).toEqual([]);
  });

  it('is refused before anything is registered when the endpoints stay private, naming the fix', async () => {
    pulumi.runtime.setAllConfig({});
    const before = recorded.length;
    await expect(program.deployAcme()).rejects.toThrow(/\[acme\/production\/us-east-1\] cluster "production-us-east-1" has a private API endpoint only.*ApiEndpoint.publicFrom\("<runner CIDR>"\)/);
    expect(recorded.length).toBe(before);
  });
});
