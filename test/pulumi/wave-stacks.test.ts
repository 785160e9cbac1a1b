/**
 * One stack per wave: FleetDeployment's `wave` deploys exactly the clusters of
 * that wave of the fleet's rollout plan, and refuses a wave it cannot find.
 */
import { describe, expect, it } from 'vitest';
import { AddressLock, FleetValidationError } from '../../lib';
import { planFleet } from '../../lib/pulumi/testing';
import { buildChannelFleet, ChannelFleetOptions } from '../helpers/channel-fleet';

/** The channel fleet with its blocks recorded, as a synth leaves it before a deploy. */
function recorded(options: ChannelFleetOptions = {}) {
  const lock = AddressLock.of(JSON.parse(buildChannelFleet(options).fleet.resolve().addressLock.text).clusters);
  return buildChannelFleet({ ...options, addressLock: lock }).fleet;
}

const clustersOf = (plan: Awaited<ReturnType<typeof planFleet>>) => plan.resources.filter((r) => r.type === 'aws:eks/cluster:Cluster').map((r) => r.inputs.name).sort();

describe('a stack of one wave', () => {
  it('registers exactly the clusters of the wave, named or numbered', async () => {
    const byName = await planFleet(recorded({ plan: {} }), { deployment: { wave: 'staging', privateEndpointsReachable: true } });
    expect(clustersOf(byName)).toEqual(['acme-qa-eu-west-3', 'acme-staging-eu-west-3']);
    const first = await planFleet(recorded({ plan: {} }), { deployment: { wave: '1', privateEndpointsReachable: true } });
    expect(clustersOf(first)).toEqual(['acme-canary']);
  });

  it('refuses a wave the plan does not have, naming the waves it has', async () => {
    const error = await planFleet(recorded({ plan: {} }), { deployment: { wave: 'prod', privateEndpointsReachable: true } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FleetValidationError);
    expect((error as FleetValidationError).problems).toEqual([{
      path: 'acme/rollout',
      message: 'wave "prod" chosen for deployment is not in rollout plan rollout; choose among 1 (canary), 2 (staging), 3 (production-eu-central-1), 4 (production-eu-west-1), 5 (production-us-east-1)',
    }]);
  });

  it('refuses a wave without a rollout plan, or given with clusters', async () => {
    const none = await planFleet(recorded(), { deployment: { wave: 'staging', privateEndpointsReachable: true } }).catch((e: unknown) => e);
    expect((none as FleetValidationError).problems.map((p) => p.message)).toEqual([
      'wave "staging" is chosen for deployment, but the fleet has no rollout plan; add a RolloutPlan, or choose clusters',
    ]);
    const both = await planFleet(recorded({ plan: {} }), { deployment: { wave: 'staging', clusters: ['canary'], privateEndpointsReachable: true } }).catch((e: unknown) => e);
    expect((both as FleetValidationError).problems.map((p) => p.message)).toEqual([
      'choose clusters or a wave for deployment, not both; leave clusters out to deploy the wave\'s',
    ]);
  });

  it('of production regions is refused while a load balancer spans them: its records need every target in one stack', async () => {
    const error = await planFleet(recorded({ plan: {} }), { deployment: { wave: 'production-eu-west-1', privateEndpointsReachable: true } }).catch((e: unknown) => e);
    expect((error as FleetValidationError).problems).toEqual([{
      path: 'acme/shop',
      message: 'targets production-eu-central-1, production-us-east-1 are not deployed by this stack; deploy every target of the load balancer together (add them to clusters), or build the edge in a stack of its own (edge: \'elsewhere\' here, edge: \'only\' there)',
    }]);
  });
});
