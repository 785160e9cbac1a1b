/**
 * The fleet's tags never roll nodes: on the example, a change of the fleet's
 * tags changes tags in place and gives no launch template a new version; only
 * with copyFleetTagsToNodes do the nodes carry (and roll with) them.
 */
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAcmeFleet } from '../../examples/acme/fleet';
import { FleetDeployment, instanceTags } from '../../lib/pulumi';
import { classifyPlanDiff, diffPlans, PlanDiff, RecordedPlan, recordPlan } from '../../lib/pulumi/testing';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

const TEMPLATE = 'aws:ec2/launchTemplate:LaunchTemplate';
const GROUP = 'aws:eks/nodeGroup:NodeGroup';

function planOf(tags: Record<string, string>, copyFleetTagsToNodes?: boolean): Promise<RecordedPlan> {
  return recordPlan({
    pulumi, project: 'acme-fleet', stack: 'dev',
    program: () => new FleetDeployment('acme', { fleet: buildAcmeFleet({ tags, supportDate: TEST_SUPPORT_DATE }), copyFleetTagsToNodes, privateEndpointsReachable: true, deployer: 'arn:aws:iam::111122223333:role/pulumi-deployer' }),
  });
}

const ofType = (diff: PlanDiff, type: string) => diff.changes.filter((c) => c.type === type);

describe('the fleet\'s tags and the nodes, on the example', () => {
  let before: RecordedPlan;
  let beforeCopying: RecordedPlan;
  const changed = { 'cost-center': 'shop-eu', team: 'platform' };

  beforeAll(async () => {
    before = await planOf({ 'cost-center': 'shop' });
    beforeCopying = await planOf({ 'cost-center': 'shop' }, true);
  });

  it('puts only fleetform\'s own tags and the pool\'s Name on the nodes', () => {
    const template = before.resources.find((r) => r.type === TEMPLATE && r.name === 'production-eu-west-1-general-template')!;
    expect(template.inputs.tagSpecifications).toEqual([{
      resourceType: 'instance',
      tags: { 'fleetform:cluster': 'production-eu-west-1', 'fleetform:environment': 'production', 'fleetform:fleet': 'acme', 'managed-by': 'fleetform', Name: 'production-eu-west-1-general' },
    }]);
    expect(instanceTags('p', { team: 'a', 'fleetform:fleet': 'f' }, true)).toEqual({ team: 'a', 'fleetform:fleet': 'f', Name: 'p' });
  });

  it('a change of the fleet\'s tags rolls no node group: templates and groups change only their own tags, in place', async () => {
    const diff = diffPlans(before, await planOf(changed));
    const nodes = [...ofType(diff, TEMPLATE), ...ofType(diff, GROUP)];
    expect(nodes).toHaveLength(14);
    expect(nodes.map((c) => [c.kind, c.changed])).toEqual(nodes.map(() => ['update', ['tags.cost-center', 'tags.team']]));
    const notTags = diff.changes.filter((c) => c.kind !== 'same' && !(c.kind === 'update' && c.changed.every((p) => p.startsWith('tags.'))));
    expect(notTags.map((c) => `${c.kind} ${c.type} ${c.name} ${c.changed.join(',')}`)).toEqual([]);
    expect(diff.counts.update).toBeGreaterThan(200);
    expect(classifyPlanDiff(diff).class).toBe('safe');
  });

  it('with copyFleetTagsToNodes, the same change gives every template a new version and rolls every node group', async () => {
    const diff = diffPlans(beforeCopying, await planOf(changed, true));
    expect(ofType(diff, TEMPLATE).map((c) => c.changed.includes('tagSpecifications'))).toEqual(Array(7).fill(true));
    expect(ofType(diff, GROUP).map((c) => c.changed.includes('launchTemplate.version'))).toEqual(Array(7).fill(true));
    expect(classifyPlanDiff(diff).class).toBe('rolling');
  });

  it('for a fleet with tags, leaving the nodes to fleetform\'s own tags gives each node group one new template version: its nodes roll once', () => {
    const diff = diffPlans(beforeCopying, before);
    expect(ofType(diff, GROUP).map((c) => [c.kind, c.changed])).toEqual(Array(7).fill(['update', ['launchTemplate.version']]));
    expect(diff.counts).toMatchObject({ replace: 0, delete: 0, update: 14 });
  });
});
