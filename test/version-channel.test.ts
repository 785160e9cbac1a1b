/**
 * Version channels: stages take a new Kubernetes minor in order, a cluster is
 * in one stage of one channel, no stage is empty, a channel names only its own
 * fleet's constructs; fleet.json records each cluster's channel and stage, and
 * a canary's version bump changes only the canary's output.
 */
import { describe, expect, it } from 'vitest';
import { RegionalCluster, VersionChannel } from '../lib';
import { buildChannelFleet } from './helpers/channel-fleet';
import { newFleet, problemsOf, TEST_SUPPORT_DATE } from './helpers/fleets';

describe('a version channel', () => {
  it('is recorded in fleet.json: each cluster\'s version, channel and stage, and the channel\'s stages in order', () => {
    const { topology } = buildChannelFleet({ canaryVersion: '1.36' }).fleet.assemble();
    expect(topology.clusters.map((c) => [c.id, c.kubernetesVersion, c.channel])).toEqual([
      ['canary', '1.36', { channel: 'kubernetes', stage: 'canary' }],
      ['customer-a', '1.35', { channel: 'kubernetes', stage: 'production' }],
      ['production-eu-central-1', '1.35', { channel: 'kubernetes', stage: 'production' }],
      ['production-eu-west-1', '1.35', { channel: 'kubernetes', stage: 'production' }],
      ['production-us-east-1', '1.35', { channel: 'kubernetes', stage: 'production' }],
      ['qa-eu-west-3', '1.35', { channel: 'kubernetes', stage: 'staging' }],
      ['staging-eu-west-3', '1.35', { channel: 'kubernetes', stage: 'staging' }],
    ]);
    expect(topology.channels).toEqual([{
      name: 'kubernetes',
      path: 'acme/kubernetes',
      stages: [
        { name: 'canary', clusters: ['canary'] },
        { name: 'staging', clusters: ['qa-eu-west-3', 'staging-eu-west-3'] },
        { name: 'production', clusters: ['customer-a', 'production-eu-central-1', 'production-eu-west-1', 'production-us-east-1'] },
      ],
    }]);
  });

  it('records null for a cluster in no channel', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'solo', { region: 'eu-west-1' });
    const { topology } = fleet.assemble();
    expect(topology.clusters[0].channel).toBeNull();
    expect(topology.channels).toEqual([]);
  });

  it('refuses a stage newer than every cluster of the stage before it: production on 1.36 while the canary runs 1.35', () => {
    const { fleet } = buildChannelFleet({ canaryVersion: '1.35', productionVersion: '1.36' });
    const fix = (id: string) => ({
      path: 'acme/kubernetes',
      message: `stage "production": cluster ${id} runs Kubernetes 1.36, newer than every cluster of stage "staging" (newest 1.35); a minor reaches a stage only after the stage before it, so move a cluster of "staging" to 1.36 first, or keep ${id} on 1.35`,
    });
    expect(problemsOf(fleet)).toEqual(['customer-a', 'production-eu-central-1', 'production-eu-west-1', 'production-us-east-1'].map(fix));
  });

  it('lets a canary run a newer minor than the stages after it', () => {
    expect(() => buildChannelFleet({ canaryVersion: '1.36' }).fleet.assemble()).not.toThrow();
  });

  it('compares with the newest cluster of the stage before: one canary on the new minor is enough', () => {
    const fleet = newFleet({ kubernetesVersion: '1.35' });
    const a = new RegionalCluster(fleet, 'canary-a', { region: 'eu-west-3', kubernetesVersion: '1.36' });
    const b = new RegionalCluster(fleet, 'canary-b', { region: 'eu-west-1' });
    const prod = new RegionalCluster(fleet, 'prod', { region: 'us-east-1', kubernetesVersion: '1.36' });
    new VersionChannel(fleet, 'kubernetes', { stages: [{ name: 'canary', clusters: [a, b] }, { name: 'production', clusters: [prod] }] });
    expect(fleet.assemble().topology.clusters.map((c) => c.kubernetesVersion)).toEqual(['1.36', '1.35', '1.36']);
  });

  it('refuses a cluster in two stages, or in two channels', () => {
    const { fleet, canary, production } = buildChannelFleet();
    new VersionChannel(fleet, 'other', { stages: [{ name: 'first', clusters: [canary, production.cluster('us-east-1')] }, { name: 'again', clusters: [canary] }] });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/other', message: 'cluster canary is in stage "first" and in stage "canary" of channel acme/kubernetes; a cluster follows one channel, so put it in one of them' },
      { path: 'acme/other', message: 'cluster production-us-east-1 is in stage "first" and in stage "production" of channel acme/kubernetes; a cluster follows one channel, so put it in one of them' },
      { path: 'acme/other', message: 'cluster canary is in stage "again" and in stage "canary" of channel acme/kubernetes; a cluster follows one channel, so put it in one of them' },
    ]);
  });

  it('refuses a cluster named in two stages of one channel (directly and through its environment)', () => {
    const fleet = newFleet();
    const canary = new RegionalCluster(fleet, 'canary', { region: 'eu-west-3' });
    new VersionChannel(fleet, 'kubernetes', { stages: [{ name: 'canary', clusters: [canary] }, { name: 'production', clusters: [canary] }] });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/kubernetes', message: 'cluster canary is in stage "canary" and in stage "production"; a cluster takes a new minor once, so put it (or its environment) in one stage' },
    ]);
  });

  it('refuses an empty stage, a channel without stages, and a stage name used twice', () => {
    const fleet = newFleet();
    const canary = new RegionalCluster(fleet, 'canary', { region: 'eu-west-3' });
    new VersionChannel(fleet, 'kubernetes', { stages: [{ name: 'canary', clusters: [canary] }, { name: 'production', clusters: [] }, { name: 'canary' }] });
    new VersionChannel(fleet, 'none', { stages: [] });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/kubernetes', message: 'stage name "canary" is used twice; give each stage its own name' },
      { path: 'acme/none', message: 'the channel has no stages; list them in order, such as [{ name: "canary", clusters: [canary] }, { name: "production", environments: [production] }]' },
      { path: 'acme/kubernetes', message: 'stage "production" has no clusters; give it environments or clusters that have some, or remove the stage' },
      { path: 'acme/kubernetes', message: 'stage "canary" has no clusters; give it environments or clusters that have some, or remove the stage' },
    ]);
  });

  it('refuses a cluster or an environment of another fleet, and leaves it out of the stage', () => {
    const { canary, staging } = buildChannelFleet();
    const fleet = newFleet({}, 'shop');
    const own = new RegionalCluster(fleet, 'own', { region: 'eu-west-1' });
    new VersionChannel(fleet, 'kubernetes', { stages: [{ name: 'canary', clusters: [canary, own] }, { name: 'staging', environments: [staging] }] });
    expect(problemsOf(fleet)).toEqual([
      { path: 'shop/kubernetes', message: 'stage "canary" clusters names cluster acme/canary of fleet acme, not of fleet shop; a fleet\'s constructs can refer only to its own, so use a cluster of fleet shop' },
      { path: 'shop/kubernetes', message: 'stage "staging" environments names environment acme/staging of fleet acme, not of fleet shop; a fleet\'s constructs can refer only to its own, so use a environment of fleet shop' },
      { path: 'shop/kubernetes', message: 'stage "staging" has no clusters; give it environments or clusters that have some, or remove the stage' },
    ]);
  });

  it('refuses stages of the wrong shape, naming the field', () => {
    const fleet = newFleet();
    new VersionChannel(fleet, 'kubernetes', { stages: [{ name: 'canary', clusters: ['canary'] }] } as never);
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/kubernetes', message: 'stages[0].clusters[0] is the string "canary", not a RegionalCluster; give one such as [canary]' },
    ]);
  });
});

describe('a canary version bump', () => {
  it('changes only the canary\'s manifests: every other cluster\'s files are byte-identical', () => {
    const before = buildChannelFleet({ canaryVersion: '1.35' }).fleet.assemble({ supportDate: TEST_SUPPORT_DATE });
    const after = buildChannelFleet({ canaryVersion: '1.36' }).fleet.assemble({ supportDate: TEST_SUPPORT_DATE });
    const files = (a: typeof before) => new Map(a.clusters.map((c) => [c.clusterId, c.files.map((f) => `${f.name}\n${f.content}`).join('\n')]));
    const [was, now] = [files(before), files(after)];
    expect([...now.keys()]).toEqual([...was.keys()]);
    const changed = [...now.keys()].filter((id) => now.get(id) !== was.get(id));
    expect(changed).toEqual(['canary']);
    const versions = (a: typeof before) => a.topology.clusters.map((c) => `${c.id} ${c.kubernetesVersion}`);
    expect(versions(after).filter((v, i) => v !== versions(before)[i])).toEqual(['canary 1.36']);
  });
});
