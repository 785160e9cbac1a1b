import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { describe, expect, it } from 'vitest';
import { compactPlan, diffPlans, formatPlan, readPlan, RecordedPlan, recordPlan } from '../../../lib/pulumi/testing';

class Outer extends pulumi.ComponentResource {
  constructor(name: string, opts: pulumi.ComponentResourceOptions = {}) {
    super('test:index:Outer', name, {}, opts);
  }
}

/** A small program: a provider, nested components and resources with options the recorder keeps. */
function program(tags: Record<string, string> = {}) {
  return () => {
    const config = new pulumi.Config('fleetform');
    const provider = new aws.Provider('eu', { region: 'eu-west-1' });
    const outer = new Outer('outer');
    const inner = new Outer('outer-inner', { parent: outer });
    const zones = aws.getAvailabilityZonesOutput({}, { provider, parent: inner });
    const caller = aws.getCallerIdentityOutput({}, { provider, parent: inner });
    const role = new aws.iam.Role('outer-inner-role', {
      assumeRolePolicy: '{}',
      tags: { zone: zones.names[0], account: caller.accountId, cidrs: config.requireObject<string[]>('cidrs').join(','), ...tags },
    }, { parent: inner, provider, protect: true, retainOnDelete: true, ignoreChanges: ['description'], aliases: [{ name: 'old-role' }] });
    new aws.iam.RolePolicyAttachment('outer-inner-attach', { role: role.name, policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, { parent: inner, provider });
  };
}

const record = (tags?: Record<string, string>) => recordPlan({
  pulumi, project: 'shop', stack: 'dev', config: { 'fleetform:cidrs': ['203.0.113.0/24'] }, deployerRoleArn: 'arn:aws:iam::444455556666:role/deployer', accountId: '444455556666', program: program(tags),
});

describe('recordPlan under mockCloud', () => {
  let plan: RecordedPlan;
  const one = (name: string) => plan.resources.find((r) => r.name === name)!;

  it('records URNs as the engine makes them, with every parent\'s type', async () => {
    plan = await record();
    expect(one('outer-inner-role').urn).toBe('urn:pulumi:dev::shop::test:index:Outer$test:index:Outer$aws:iam/role:Role::outer-inner-role');
    expect(one('outer-inner-role').parent).toBe('urn:pulumi:dev::shop::test:index:Outer$test:index:Outer::outer-inner');
    expect(one('outer-inner-role').provider).toBe('urn:pulumi:dev::shop::pulumi:providers:aws::eu::eu-id');
  });

  it('keeps the options that decide what a change does, and which resources each input came from', () => {
    const role = one('outer-inner-role');
    expect(role).toMatchObject({ protect: true, retainOnDelete: true, ignoreChanges: ['description'] });
    expect(role.aliases).toEqual([{ name: 'old-role', parent: one('outer-inner').urn }]);
    expect(one('outer-inner-attach').propertyDependencies).toEqual({ role: [role.urn] });
  });

  it('answers configuration, caller identity and the zones of the provider\'s region', () => {
    expect(one('outer-inner-role').inputs.tags).toEqual({ zone: 'eu-west-1c', account: '444455556666', cidrs: '203.0.113.0/24' });
    expect(plan.config).toEqual({ 'fleetform:cidrs': ['203.0.113.0/24'] });
  });

  it('round-trips through its committed text, references by index', () => {
    const text = formatPlan(compactPlan(plan, { inputs: 'all' }));
    expect(text).not.toContain('"urn"');
    const back = readPlan(text);
    expect(back.resources.map((r) => [r.urn, r.parent, r.provider, r.propertyDependencies, r.inputs]))
      .toEqual(plan.resources.map((r) => [r.urn, r.parent, r.provider, r.propertyDependencies, r.custom ? r.inputs : {}]));
  });

  it('keeps only replacing inputs and a digest, which still tells an update from no change', async () => {
    const compact = readPlan(formatPlan(compactPlan(plan)));
    expect(compact.resources.find((r) => r.name === 'outer-inner-role')!.inputs).toEqual({});
    expect(compact.resources.find((r) => r.name === 'outer-inner-attach')!.inputs).toEqual({ role: 'outer-inner-role', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    expect(diffPlans(compact, plan).counts).toMatchObject({ update: 0, replace: 0 });
    const tagged = await record({ team: 'a' });
    const d = diffPlans(compact, tagged);
    expect(d.changes.filter((c) => c.kind !== 'same').map((c) => [c.kind, c.name, c.changed])).toEqual([['update', 'outer-inner-role', ['*']]]);
  });

  it('refuses a plan text of another format, naming the fix', () => {
    expect(() => readPlan('{"format":2,"project":"p","stack":"s","resources":[]}')).toThrow(/the plan has format 2; this version of fleetform\/pulumi\/testing reads format 1: record it again/);
  });
});
