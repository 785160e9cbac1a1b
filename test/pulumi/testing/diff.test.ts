import { describe, expect, it } from 'vitest';
import { diffPlans, formatPlanSummary, PlanDiff, summarizePlanDiff, UNKNOWN } from '../../../lib/pulumi/testing';
import { base, eks, plan, res } from './plans';

const kinds = (d: PlanDiff) => Object.fromEntries(d.changes.map((c) => [c.name, c.kind]));
const change = (d: PlanDiff, name: string) => d.changes.find((c) => c.name === name)!;

describe('diffPlans', () => {
  it('classes an unchanged plan as unchanged', () => {
    const { deployment, aws, cluster } = base();
    const p = plan(deployment, aws, cluster, eks(cluster, aws));
    const d = diffPlans(p, p);
    expect(d.counts).toEqual({ same: 2, update: 0, replace: 0, create: 0, delete: 0 });
  });

  it('classes a change of inputs that the provider updates in place as an update, naming the inputs', () => {
    const { deployment, aws, cluster } = base();
    const before = plan(deployment, aws, cluster, eks(cluster, aws));
    const after = plan(deployment, aws, cluster, eks(cluster, aws, { version: '1.36', tags: { 'fleetform:cluster': 'prod-eu', team: 'a' } }));
    const c = change(diffPlans(before, after), 'prod-eu-eks');
    expect(c.kind).toBe('update');
    expect(c.changed).toEqual(['tags.team', 'version']);
    expect(c.replaceReasons).toEqual([]);
  });

  it('classes a change of a replacing input as a replace, with both values', () => {
    const { deployment, aws, cluster } = base();
    const before = plan(deployment, aws, cluster, eks(cluster, aws, { kubernetesNetworkConfig: { serviceIpv4Cidr: '10.65.128.0/20' } }));
    const after = plan(deployment, aws, cluster, eks(cluster, aws, { kubernetesNetworkConfig: { serviceIpv4Cidr: '10.66.128.0/20' } }));
    const c = change(diffPlans(before, after), 'prod-eu-eks');
    expect(c.kind).toBe('replace');
    expect(c.replaceReasons).toEqual(['kubernetesNetworkConfig.serviceIpv4Cidr: "10.65.128.0/20" → "10.66.128.0/20"']);
  });

  it('reads an input left out as the provider\'s default: turning the creator\'s admin off replaces the cluster', () => {
    const { deployment, aws, cluster } = base();
    const before = plan(deployment, aws, cluster, eks(cluster, aws, { accessConfig: { authenticationMode: 'API' } }));
    const off = plan(deployment, aws, cluster, eks(cluster, aws, { accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false } }));
    const on = plan(deployment, aws, cluster, eks(cluster, aws, { accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: true } }));
    expect(change(diffPlans(before, off), 'prod-eu-eks').replaceReasons).toEqual(['accessConfig.bootstrapClusterCreatorAdminPermissions: true → false']);
    expect(change(diffPlans(before, on), 'prod-eu-eks').kind).toBe('update');
  });

  it('keeps a computed replacing input that is left out as it is', () => {
    const { deployment, aws, cluster } = base();
    const group = (inputs: Record<string, unknown>) => res('aws:eks/nodeGroup:NodeGroup', 'prod-eu-general', { parent: cluster, provider: aws, inputs: { clusterName: 'acme-prod-eu', ...inputs } });
    const before = plan(deployment, aws, cluster, group({ capacityType: 'ON_DEMAND', instanceTypes: ['m6i.large'] }));
    expect(kinds(diffPlans(before, plan(deployment, aws, cluster, group({ instanceTypes: ['m6i.large'] }))))['prod-eu-general']).toBe('update');
    expect(change(diffPlans(before, plan(deployment, aws, cluster, group({ capacityType: 'ON_DEMAND', instanceTypes: ['m7i.large'] }))), 'prod-eu-general').replaceReasons)
      .toEqual(['instanceTypes: ["m6i.large"] → ["m7i.large"]']);
  });

  it('applies the second plan\'s ignoreChanges: an ignored input keeps its deployed value, even a replacing one', () => {
    const { deployment, aws, cluster } = base();
    const group = (desired: number, types: string[], ignoreChanges: string[]) => res('aws:eks/nodeGroup:NodeGroup', 'prod-eu-general', {
      parent: cluster, provider: aws, inputs: { clusterName: 'acme-prod-eu', instanceTypes: types, scalingConfig: { minSize: 3, desiredSize: desired, maxSize: 9 } }, ignoreChanges,
    });
    const before = plan(deployment, aws, cluster, group(3, ['m6i.large'], ['scalingConfig.desiredSize']));
    expect(kinds(diffPlans(before, plan(deployment, aws, cluster, group(5, ['m6i.large'], ['scalingConfig.desiredSize']))))['prod-eu-general']).toBe('same');
    expect(kinds(diffPlans(before, plan(deployment, aws, cluster, group(5, ['m6i.large'], []))))['prod-eu-general']).toBe('update');
    expect(kinds(diffPlans(before, plan(deployment, aws, cluster, group(3, ['m7i.large'], ['instanceTypes']))))['prod-eu-general']).toBe('same');
  });

  it('matches a renamed resource through the alias the second plan declares; without one it is a create and a delete', () => {
    const { deployment, aws, cluster } = base();
    const key = (name: string, aliases?: { name: string }[]) => res('aws:kms/key:Key', name, { parent: cluster, provider: aws, inputs: { description: 'secrets' }, ...(aliases ? { aliases } : {}) });
    const before = plan(deployment, aws, cluster, key('prod-eu-secrets'));
    const aliased = diffPlans(before, plan(deployment, aws, cluster, key('prod-eu-secret-key', [{ name: 'prod-eu-secrets' }])));
    expect(change(aliased, 'prod-eu-secret-key')).toMatchObject({ kind: 'same', previousUrn: before.resources[3].urn });
    expect(aliased.counts.delete).toBe(0);
    const renamed = diffPlans(before, plan(deployment, aws, cluster, key('prod-eu-secret-key')));
    expect(renamed.changes.filter((c) => c.custom && c.kind !== 'same').map((c) => `${c.kind} ${c.name}`)).toEqual(['create prod-eu-secret-key', 'delete prod-eu-secrets']);
  });

  it('carries a parent\'s alias to its children, renaming the part of their names that was the parent\'s', () => {
    const { deployment, aws } = base();
    const oldParent = res('fleetform:aws:EksCluster', 'prod-eu', { parent: deployment });
    const newParent = res('fleetform:aws:EksCluster', 'production-eu', { parent: deployment, aliases: [{ name: 'prod-eu' }] });
    const before = plan(deployment, aws, oldParent, res('aws:ec2/vpc:Vpc', 'prod-eu-vpc', { parent: oldParent, provider: aws, inputs: { cidrBlock: '10.64.0.0/17' } }));
    const after = plan(deployment, aws, newParent, res('aws:ec2/vpc:Vpc', 'production-eu-vpc', { parent: newParent, provider: aws, inputs: { cidrBlock: '10.64.0.0/17' } }));
    expect(kinds(diffPlans(before, after))).toMatchObject({ 'production-eu': 'same', 'production-eu-vpc': 'same' });
  });

  it('replaces every resource whose provider is renamed without an alias, and none with one', () => {
    const { deployment, cluster } = base();
    const k8s = (name: string, parent = deployment, aliases?: { name: string; parent: string }[]) => res('pulumi:providers:kubernetes', name, {
      parent, inputs: { kubeconfig: '{}' }, ...(aliases ? { aliases } : {}),
    });
    const manifests = res('fleetform:kubernetes:ClusterManifests', 'prod-eu-manifests', { parent: deployment });
    const ns = (provider: ReturnType<typeof res>) => res('kubernetes:core/v1:Namespace', 'prod-eu-api', { parent: manifests, provider, inputs: { metadata: { name: 'api' } } });
    const oldProvider = k8s('prod-eu-manifests-provider', manifests);
    const before = plan(deployment, cluster, manifests, oldProvider, ns(oldProvider));
    const renamed = k8s('prod-eu-k8s');
    expect(change(diffPlans(before, plan(deployment, cluster, renamed, manifests, ns(renamed))), 'prod-eu-api').replaceReasons)
      .toEqual(['its provider changed from prod-eu-manifests-provider to prod-eu-k8s, which is not an alias of it']);
    const aliased = k8s('prod-eu-k8s', deployment, [{ name: 'prod-eu-manifests-provider', parent: manifests.urn }]);
    const d = diffPlans(before, plan(deployment, cluster, aliased, manifests, ns(aliased)));
    expect(kinds(d)).toMatchObject({ 'prod-eu-k8s': 'same', 'prod-eu-api': 'same' });
    expect(d.counts.delete).toBe(0);
  });

  it('replaces the resources of a provider that is itself replaced: a kubeconfig that points at another cluster', () => {
    const { deployment } = base();
    const kubeconfig = (server: string) => JSON.stringify({ 'current-context': 'c', contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }], clusters: [{ name: 'c', cluster: { server } }], users: [{ name: 'u', user: { exec: { args: ['a'] } } }] });
    const provider = (server: string, extra: Record<string, unknown> = {}) => res('pulumi:providers:kubernetes', 'prod-eu-k8s', { parent: deployment, inputs: { kubeconfig: kubeconfig(server), ...extra } });
    const ns = (p: ReturnType<typeof res>) => res('kubernetes:core/v1:Namespace', 'prod-eu-api', { parent: deployment, provider: p, inputs: { metadata: { name: 'api' } } });
    const a = provider('https://a');
    const moved = provider('https://b');
    const d = diffPlans(plan(deployment, a, ns(a)), plan(deployment, moved, ns(moved)));
    expect(change(d, 'prod-eu-k8s').replaceReasons).toEqual(['kubeconfig: points at another cluster ({"server":"https://a"} → {"server":"https://b"})']);
    expect(change(d, 'prod-eu-api').replaceReasons).toEqual(['its provider prod-eu-k8s is replaced']);
    const unknown = res('pulumi:providers:kubernetes', 'prod-eu-k8s', { parent: deployment, inputs: { kubeconfig: UNKNOWN } });
    expect(change(diffPlans(plan(deployment, a), plan(deployment, unknown)), 'prod-eu-k8s').kind).toBe('replace');
  });

  it('treats an input that depends on a replaced resource as unknown: replacing where that input replaces', () => {
    const { deployment, aws, cluster } = base();
    const vpc = (cidr: string) => res('aws:ec2/vpc:Vpc', 'prod-eu-vpc', { parent: cluster, provider: aws, inputs: { cidrBlock: cidr } });
    const subnet = res('aws:ec2/subnet:Subnet', 'prod-eu-private-0', {
      parent: cluster, provider: aws, inputs: { vpcId: 'prod-eu-vpc-id', cidrBlock: '10.64.0.0/19' },
      propertyDependencies: { vpcId: [vpc('x').urn] },
    });
    const d = diffPlans(plan(deployment, aws, cluster, vpc('10.64.0.0/17'), subnet), plan(deployment, aws, cluster, vpc('10.65.0.0/17'), subnet));
    expect(change(d, 'prod-eu-vpc').kind).toBe('replace');
    expect(change(d, 'prod-eu-private-0').replaceReasons).toEqual(['vpcId: "prod-eu-vpc-id" → (unknown until the deployment)']);
  });

  it('names aliased resources\' mocked outputs as in the second plan, so their dependents do not change', () => {
    const { deployment, aws, cluster } = base();
    const role = (name: string, aliases?: { name: string }[]) => res('aws:iam/role:Role', name, { parent: cluster, provider: aws, inputs: { assumeRolePolicy: '{}' }, ...(aliases ? { aliases } : {}) });
    const attachment = (roleName: string) => res('aws:iam/rolePolicyAttachment:RolePolicyAttachment', 'prod-eu-node-worker', {
      parent: cluster, provider: aws, inputs: { role: roleName, policyArn: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy' },
    });
    const group = (roleName: string) => res('aws:eks/nodeGroup:NodeGroup', 'prod-eu-general', { parent: cluster, provider: aws, inputs: { nodeRoleArn: `arn:aws:mock:::${roleName}` } });
    const before = plan(deployment, aws, cluster, role('prod-eu-node-role'), attachment('prod-eu-node-role'), group('prod-eu-node-role'));
    const after = plan(deployment, aws, cluster, role('prod-eu-nodes', [{ name: 'prod-eu-node-role' }]), attachment('prod-eu-nodes'), group('prod-eu-nodes'));
    expect(diffPlans(before, after).counts).toEqual({ same: 4, update: 0, replace: 0, create: 0, delete: 0 });
  });

  it('marks a protected resource that would be replaced or deleted', () => {
    const { deployment, aws, cluster } = base();
    const before = plan(deployment, aws, cluster, eks(cluster, aws, {}, { protect: true }));
    const d = diffPlans(before, plan(deployment, aws));
    expect(d.changes.find((c) => c.kind === 'delete' && c.custom)).toMatchObject({ name: 'prod-eu-eks', protect: true });
    expect(formatPlanSummary(d)).toContain('delete aws:eks/cluster:Cluster prod-eu-eks [stateful] [protected: the apply stops here]');
  });

  it('replaces Kubernetes objects on their immutable fields and updates them on the rest', () => {
    const { deployment } = base();
    const p = res('pulumi:providers:kubernetes', 'prod-eu-k8s', { parent: deployment, inputs: { kubeconfig: '{}' } });
    const deploy = (selector: string, image: string) => res('kubernetes:apps/v1:Deployment', 'prod-eu-api/api', {
      parent: deployment, provider: p, inputs: { metadata: { name: 'api', namespace: 'api' }, spec: { selector: { matchLabels: { app: selector } }, template: { spec: { containers: [{ image }] } } } },
    });
    const config = (data: Record<string, string>) => res('kubernetes:core/v1:ConfigMap', 'prod-eu-api/settings', { parent: deployment, provider: p, inputs: { metadata: { name: 'settings' }, data } });
    const d = diffPlans(plan(deployment, p, deploy('api', 'a:1'), config({ a: '1' })), plan(deployment, p, deploy('api', 'a:2'), config({ a: '2' })));
    expect(kinds(d)).toMatchObject({ 'prod-eu-api/api': 'update', 'prod-eu-api/settings': 'replace' });
    expect(change(diffPlans(plan(deployment, p, deploy('api', 'a:1')), plan(deployment, p, deploy('web', 'a:1'))), 'prod-eu-api/api').replaceReasons)
      .toEqual(['spec.selector: {"matchLabels":{"app":"api"}} → {"matchLabels":{"app":"web"}}']);
  });

  it('lists custom types whose replacing inputs it does not know, and classes their changes as updates', () => {
    const { deployment, aws } = base();
    const bucket = (v: string) => res('aws:s3/bucket:Bucket', 'logs', { parent: deployment, provider: aws, inputs: { bucket: v } });
    const d = diffPlans(plan(deployment, aws, bucket('a')), plan(deployment, aws, bucket('b')));
    expect(d.unknownTypes).toEqual(['aws:s3/bucket:Bucket']);
    expect(change(d, 'logs').kind).toBe('update');
  });

  it('refuses plans of different stacks or formats, saying how to record them', () => {
    const p = plan();
    expect(() => diffPlans(p, { ...p, stack: 'prod' })).toThrow(/the plans are of different stacks \(shop\/dev and shop\/prod\); record both with the same project and stack/);
    expect(() => diffPlans({ ...p, format: 0 as 1 }, p)).toThrow(/the first plan has format 0; diffPlans reads format 1: record it again/);
  });
});

describe('summarizePlanDiff', () => {
  it('counts per cluster and region, and names each stateful resource replaced or deleted', () => {
    const { deployment, aws, cluster } = base();
    const global = res('pulumi:providers:aws', 'acme-global', { parent: deployment, inputs: { region: 'us-east-1' } });
    const zone = res('aws:route53/zone:Zone', 'acme-acme.example', { parent: deployment, provider: global, inputs: { name: 'acme.example' } });
    const vpc = (cidr: string) => res('aws:ec2/vpc:Vpc', 'prod-eu-network-vpc', { parent: cluster, provider: aws, inputs: { cidrBlock: cidr } });
    const before = plan(deployment, aws, global, cluster, eks(cluster, aws), vpc('10.64.0.0/17'), zone);
    const after = plan(deployment, aws, global, cluster, eks(cluster, aws, { version: '1.36' }), vpc('10.65.0.0/17'));
    const s = summarizePlanDiff(diffPlans(before, after));
    expect(s.clusters.map((c) => [c.cluster, c.region, c.counts, c.statefulLosses])).toEqual([
      ['prod-eu', 'eu-west-1', { create: 0, update: 1, replace: 1, delete: 0 }, ['aws:ec2/vpc:Vpc prod-eu-network-vpc']],
      [undefined, 'global', { create: 0, update: 0, replace: 0, delete: 1 }, ['aws:route53/zone:Zone acme-acme.example']],
    ]);
    expect(s.regions).toEqual({ 'eu-west-1': { create: 0, update: 1, replace: 1, delete: 0 }, global: { create: 0, update: 0, replace: 0, delete: 1 } });
    expect(formatPlanSummary(diffPlans(before, after))).toBe([
      'shop/dev: 0 create, 1 update, 1 replace, 1 delete, 2 unchanged',
      'cluster prod-eu (eu-west-1): 0 create, 1 update, 1 replace, 0 delete; stateful replaced or deleted: aws:ec2/vpc:Vpc prod-eu-network-vpc',
      '  replace aws:ec2/vpc:Vpc prod-eu-network-vpc [stateful]',
      '    - cidrBlock: "10.64.0.0/17" → "10.65.0.0/17"',
      'no cluster, global: 0 create, 0 update, 0 replace, 1 delete; stateful replaced or deleted: aws:route53/zone:Zone acme-acme.example',
      '  delete aws:route53/zone:Zone acme-acme.example [stateful]',
      'per region: eu-west-1 0 create, 1 update, 1 replace, 0 delete; global 0 create, 0 update, 0 replace, 1 delete',
    ].join('\n'));
  });
});
