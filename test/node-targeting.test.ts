/**
 * Node pools with taints and apps that require a pool: the pods' node selector
 * and tolerations per cluster, fleet.json, the capacity a required pool gives,
 * and the refusals.
 */
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ComputeMode, Fleet, FleetApp, FleetAppProps, NodePoolProps, Placement, RegionalCluster, TaintEffect } from '../lib';
import { newFleet, problemsOf } from './helpers/fleets';

const GENERAL: NodePoolProps = { name: 'general' };
const BATCH: NodePoolProps = { name: 'batch', taints: [{ key: 'dedicated', value: 'batch' }, { key: 'acme.example/spot', effect: TaintEffect.NO_EXECUTE }] };

function app(fleet: Fleet, props: Partial<FleetAppProps> = {}, id = 'crunch'): FleetApp {
  return new FleetApp(fleet, id, { image: 'ghcr.io/acme/crunch:2.0.1', port: 8080, placement: Placement.all(), ...props });
}

/** The pod spec of an app's Deployment on a cluster. */
function podSpec(fleet: Fleet, clusterId: string, name: string): Record<string, unknown> {
  const cluster = fleet.assemble().clusters.find((c) => c.clusterId === clusterId)!;
  const file = cluster.files.find((f) => f.name === `3000-app-${name}.k8s.yaml`)!;
  const deployment = parseAllDocuments(file.content).map((d) => d.toJS()).find((o) => o.kind === 'Deployment');
  return deployment.spec.template.spec;
}

describe('an app that requires a node pool', () => {
  it('selects the pool\'s nodes and tolerates exactly its taints there', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'east', { region: 'us-east-1', nodePools: [GENERAL, BATCH] });
    app(fleet, { nodePool: 'batch' });
    app(fleet, {}, 'web');
    const spec = podSpec(fleet, 'east', 'crunch');
    expect(spec.nodeSelector).toEqual({ 'fleetform.io/node-pool': 'batch' });
    expect(spec.tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' },
      { key: 'acme.example/spot', operator: 'Exists', effect: 'NoExecute' },
    ]);
    const web = podSpec(fleet, 'east', 'web');
    expect(web.nodeSelector).toBeUndefined();
    expect(web.tolerations).toBeUndefined();
  });

  it('tolerates each cluster\'s own taints of the pool, and needs none on an untainted pool', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'east', { region: 'us-east-1', nodePools: [GENERAL, BATCH] });
    new RegionalCluster(fleet, 'west', { region: 'eu-west-1', nodePools: [GENERAL, { name: 'batch' }] });
    app(fleet, { nodePool: 'batch' });
    expect((podSpec(fleet, 'east', 'crunch').tolerations as unknown[]).length).toBe(2);
    expect(podSpec(fleet, 'west', 'crunch')).toMatchObject({ nodeSelector: { 'fleetform.io/node-pool': 'batch' } });
    expect(podSpec(fleet, 'west', 'crunch').tolerations).toBeUndefined();
  });

  it('is recorded in fleet.json, with the pools\' taints', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'east', { region: 'us-east-1', nodePools: [GENERAL, BATCH] });
    app(fleet, { nodePool: 'batch' });
    const topology = JSON.parse(fleet.assemble().topologyJson);
    expect(topology.apps[0].nodePool).toBe('batch');
    expect(topology.clusters[0].nodePools.map((p: { name: string; taints?: unknown }) => [p.name, p.taints])).toEqual([
      ['general', undefined],
      ['batch', [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }, { key: 'acme.example/spot', effect: 'NoExecute' }]],
    ]);
  });

  it('is refused where a cluster it lands on lacks the pool, naming each such cluster', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'east', { region: 'us-east-1', nodePools: [GENERAL, BATCH] });
    new RegionalCluster(fleet, 'west', { region: 'eu-west-1', nodePools: [GENERAL, BATCH] });
    new RegionalCluster(fleet, 'paris', { region: 'eu-west-3' });
    app(fleet, { nodePool: 'batch' });
    app(fleet, { nodePool: 'gpu', placement: Placement.clusters('east', 'west') }, 'render');
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/crunch', message: 'the app requires node pool "batch", which some clusters it lands on lack: paris (pools: default); add a pool named "batch" to those clusters, narrow the placement, or remove nodePool' },
      { path: 'acme/render', message: 'the app requires node pool "gpu", which no cluster it lands on has: east (pools: general, batch); west (pools: general, batch); add a pool named "gpu" to them, narrow the placement, or remove nodePool' },
    ]);
  });

  it('is refused on an EKS Auto Mode cluster, which has no pools of its own', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'auto', { region: 'us-east-1', computeMode: ComputeMode.AUTO_MODE, kubernetesVersion: '1.35' });
    app(fleet, { nodePool: 'batch' });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/crunch', message: 'the app requires node pool "batch", which no cluster it lands on has: auto (EKS Auto Mode: no node pools of its own); add a pool named "batch" to them, narrow the placement, or remove nodePool' },
    ]);
  });

  it('counts against its pool only in the capacity check', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'east', { region: 'us-east-1', nodePools: [{ name: 'general', maxSize: 20 }, { name: 'batch', minSize: 1, maxSize: 1, taints: [{ key: 'dedicated', value: 'batch' }] }] });
    app(fleet, { nodePool: 'batch', replicas: 6, resources: { cpu: { request: '500m', limit: '1' }, memory: { request: '256Mi', limit: '512Mi' } } });
    const { warnings } = fleet.assemble();
    expect(warnings.map((w) => w.message).filter((m) => m.includes('need'))).toEqual([
      'at their most the apps of east need 3 vCPU of CPU against 1.93 vCPU — crunch (at most 6 × 0.5 vCPU, 0.3 GiB); node pool batch, which they require, give batch: at most 1 × m6i.large (≈ 1.93 vCPU, 7.3 GiB each); raise a pool\'s maxSize, use larger instances or lower the apps\' maxReplicas',
    ]);
  });
});

describe('node pool taints', () => {
  it('are refused when malformed, reserved, repeated, or when every pool of a cluster is tainted', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'east', {
      region: 'us-east-1',
      nodePools: [{ name: 'general', taints: [{ key: 'bad key!' }, { key: 'node.kubernetes.io/x' }, { key: 'fleetform.io/pool' }, { key: 'd', value: 'a' }, { key: 'd', value: 'b' }] }],
    });
    new RegionalCluster(fleet, 'west', { region: 'eu-west-1', nodePools: [{ name: 'a', taints: [{ key: 'd', effect: TaintEffect.PREFER_NO_SCHEDULE }] }] });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/east', message: 'node pool "general" taint key "bad key!" is not a valid taint key; use [prefix/]name with a name of at most 63 characters of letters, digits, \'-\', \'_\' or \'.\'' },
      { path: 'acme/east', message: 'node pool "general" taint key "node.kubernetes.io/x" uses a prefix Kubernetes reserves (kubernetes.io/, k8s.io/); use a key of your own, such as "dedicated"' },
      { path: 'acme/east', message: 'node pool "general" taint key "fleetform.io/pool" is one fleetform sets itself (the fleetform.io/ prefix); the identity it carries is decided by the fleet, so use a key of your own' },
      { path: 'acme/east', message: 'node pool "general" has two taints "d" with effect NoSchedule; a node takes one value per key and effect, so keep one' },
      { path: 'acme/east', message: 'every node pool is tainted (general): the platform\'s controllers and CoreDNS tolerate no taint of yours and would find no node; leave one pool untainted, or give its taints effect TaintEffect.PREFER_NO_SCHEDULE' },
    ]);
  });

  it('are refused when the pools that admit every pod start with no node', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'east', { region: 'us-east-1', nodePools: [{ name: 'general', minSize: 0 }, { name: 'batch', minSize: 3, taints: [{ key: 'dedicated' }] }] });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/east', message: 'the node pools whose taints keep no pod away (general) start with no node (desiredSize 0): CoreDNS and the platform\'s controllers, the Cluster Autoscaler among them, would find no node and nothing would ever add one; give one of them a desiredSize (or minSize) of at least 1' },
    ]);
  });

  it('are refused with a clear message from JavaScript callers giving the wrong shape', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'east', { region: 'us-east-1', nodePools: [{ name: 'general' }, { name: 'b', taints: [{ key: 'd', effect: 'NO_SCHEDULE' }] } as unknown as NodePoolProps] });
    app(fleet, { nodePool: 7 as unknown as string });
    const problems = problemsOf(fleet).map((p) => `${p.path}: ${p.message}`);
    expect(problems.some((p) => p.startsWith('acme/east: ') && p.includes('effect') && p.includes('TaintEffect.NO_SCHEDULE'))).toBe(true);
    expect(problems.some((p) => p.startsWith('acme/crunch: ') && p.includes('nodePool'))).toBe(true);
  });

  it('for any pools and any required pool, the pods tolerate exactly the required pool\'s repelling taints and select only it', () => {
    const taint = fc.record({
      key: fc.constantFrom('dedicated', 'team', 'acme.example/gpu'),
      value: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
      effect: fc.constantFrom(TaintEffect.NO_SCHEDULE, TaintEffect.NO_EXECUTE, TaintEffect.PREFER_NO_SCHEDULE),
    });
    const pools = fc.uniqueArray(fc.record({ name: fc.constantFrom('p1', 'p2', 'p3'), taints: fc.uniqueArray(taint, { selector: (t) => `${t.key}:${t.effect}`, maxLength: 3 }) }), { selector: (p) => p.name, minLength: 1, maxLength: 3 });
    fc.assert(fc.property(pools, fc.nat(2), (given, pick) => {
      const fleet = newFleet();
      new RegionalCluster(fleet, 'east', { region: 'us-east-1', nodePools: [GENERAL, ...given] });
      const target = given[pick % given.length];
      app(fleet, { nodePool: target.name });
      const spec = podSpec(fleet, 'east', 'crunch');
      expect(spec.nodeSelector).toEqual({ 'fleetform.io/node-pool': target.name });
      const tolerated = ((spec.tolerations ?? []) as { key: string; value?: string; effect: string }[]).map((t) => `${t.key}=${t.value ?? ''}:${t.effect}`).sort();
      expect(tolerated).toEqual(target.taints.map((t) => `${t.key}=${t.value ?? ''}:${t.effect}`).sort());
    }), { numRuns: 40 });
  });
});
