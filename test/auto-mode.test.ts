/**
 * EKS Auto Mode in the model and the manifests: the compute mode through the
 * profile and per cluster, the platform it leaves to AWS, fleet.json, the
 * IngressClass / IngressClassParams / StorageClass / network-policy objects,
 * the apps' Ingresses, and each refusal by message and path.
 */
import { describe, expect, it } from 'vitest';
import {
  AddressLock, CapacityType, ComputeMode, EnvironmentFleet, EnvironmentProfile, findCluster, FleetApp, GlobalLoadBalancer, HostedZone, LockedCluster, Placement, RegionalCluster, Tenancy,
} from '../lib';
import { checkAutoModeVersion } from '../lib/catalog/eks-auto-mode';
import { estimateCost } from '../lib/cost';
import { validateK8sObject } from '../lib/testing/k8s-schema';
import { newFleet, problemsOf } from './helpers/fleets';

const IMAGE = 'ghcr.io/acme/api:1.4.2';

/** A fleet with an Auto Mode environment (two regions), one cluster of it back on node groups, and a node-group cluster. */
function mixedFleet() {
  const fleet = newFleet();
  const auto = new EnvironmentFleet(fleet, 'production', {
    regions: ['eu-west-1', 'us-east-1'],
    profile: EnvironmentProfile.production({ computeMode: ComputeMode.AUTO_MODE }),
  });
  auto.addCluster('ap-southeast-1', { computeMode: ComputeMode.MANAGED_NODE_GROUPS });
  new RegionalCluster(fleet, 'tools', { region: 'eu-west-3' });
  new FleetApp(fleet, 'api', {
    image: IMAGE, port: 8080, placement: Placement.all(),
    ingress: { host: 'api.acme.example', scheme: 'internet-facing' },
  });
  // Internal beside internet-facing only on the Auto Mode clusters, which have a class and group per scheme
  // (on a managed cluster the two would share one ALB group, which the controller refuses).
  new FleetApp(fleet, 'admin', {
    image: IMAGE, port: 8080, placement: Placement.clusters('production-eu-west-1', 'production-us-east-1'),
    ingress: { host: 'admin.acme.internal', scheme: 'internal' },
  });
  return fleet;
}

/** The objects of a cluster's chart, by kind/name. */
function objectsOf(assembly: ReturnType<ReturnType<typeof newFleet>['assemble']>, clusterId: string, chart: string): Record<string, Record<string, any>> {
  const file = assembly.clusters.find((c) => c.clusterId === clusterId)!.files.find((f) => f.chart === chart);
  if (!file) return {};
  return Object.fromEntries(file.objects.map((o: any) => [`${o.kind}/${o.metadata.name}`, o]));
}

describe('EKS Auto Mode in the model', () => {
  it('comes from the profile, a cluster may override it, and an Auto Mode cluster has no node pools', () => {
    const model = mixedFleet().resolve();
    const mode = (id: string) => findCluster(model, id)!.computeMode;
    expect(mode('production-eu-west-1')).toBe(ComputeMode.AUTO_MODE);
    expect(mode('production-us-east-1')).toBe(ComputeMode.AUTO_MODE);
    expect(mode('production-ap-southeast-1')).toBe(ComputeMode.MANAGED_NODE_GROUPS);
    expect(mode('tools')).toBe(ComputeMode.MANAGED_NODE_GROUPS);
    expect(findCluster(model, 'production-eu-west-1')!.nodePools).toEqual([]);
    expect(findCluster(model, 'production-ap-southeast-1')!.nodePools.map((p) => p.name)).toEqual(['general']);
    expect(model.problems).toEqual([]);
  });

  it('leaves networking, DNS, Pod Identity, storage, scaling and the ALB to AWS: no add-on, only metrics-server', () => {
    const model = mixedFleet().resolve();
    const auto = findCluster(model, 'production-eu-west-1')!.platform!;
    expect(auto.addons).toEqual([]);
    expect(auto.charts.map((c) => c.name)).toEqual(['metrics-server']);
    const groups = findCluster(model, 'production-ap-southeast-1')!.platform!;
    expect(groups.addons.map((a) => a.name)).toEqual(['vpc-cni', 'coredns', 'kube-proxy', 'eks-pod-identity-agent', 'aws-ebs-csi-driver']);
    expect(groups.charts.map((c) => c.name)).toEqual(['aws-load-balancer-controller', 'cluster-autoscaler', 'metrics-server']);
  });

  it('shows the compute mode in fleet.json, with no node pools and no add-ons for an Auto Mode cluster', () => {
    const topology = JSON.parse(mixedFleet().assemble().topologyJson);
    const cluster = (id: string) => topology.clusters.find((c: { id: string }) => c.id === id);
    expect(cluster('production-eu-west-1')).toMatchObject({
      computeMode: 'auto-mode',
      nodePools: [],
      platform: { addons: [], charts: [{ name: 'metrics-server' }] },
    });
    expect(cluster('tools')).toMatchObject({ computeMode: 'managed-node-groups', nodePools: [{ name: 'default' }] });
    expect(cluster('production-eu-west-1').manifests).toContain('2000-auto-mode.k8s.yaml');
    expect(cluster('tools').manifests).not.toContain('2000-auto-mode.k8s.yaml');
  });
});

describe('EKS Auto Mode manifests', () => {
  it('give an Auto Mode cluster an IngressClass per scheme with its IngressClassParams, an encrypted default StorageClass and network-policy enforcement', () => {
    const assembly = mixedFleet().assemble();
    const objects = objectsOf(assembly, 'production-eu-west-1', 'auto-mode');
    expect(Object.keys(objects).sort()).toEqual([
      'ConfigMap/amazon-vpc-cni',
      'IngressClass/eks-alb', 'IngressClass/eks-alb-internal',
      'IngressClassParams/eks-alb', 'IngressClassParams/eks-alb-internal',
      'StorageClass/ebs-gp3-encrypted',
    ]);
    expect(objects['IngressClassParams/eks-alb']).toMatchObject({
      apiVersion: 'eks.amazonaws.com/v1', spec: { scheme: 'internet-facing', group: { name: 'acme' } },
    });
    expect(objects['IngressClassParams/eks-alb-internal'].spec).toEqual({ scheme: 'internal', group: { name: 'acme-internal' } });
    expect(objects['IngressClass/eks-alb'].spec).toEqual({
      controller: 'eks.amazonaws.com/alb',
      parameters: { apiGroup: 'eks.amazonaws.com', kind: 'IngressClassParams', name: 'eks-alb' },
    });
    expect(objects['StorageClass/ebs-gp3-encrypted']).toMatchObject({
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'ebs.csi.eks.amazonaws.com',
      volumeBindingMode: 'WaitForFirstConsumer',
      parameters: { type: 'gp3', encrypted: 'true' },
    });
    expect(objects['ConfigMap/amazon-vpc-cni']).toMatchObject({ metadata: { namespace: 'kube-system' }, data: { 'enable-network-policy-controller': 'true' } });
    // The Kubernetes objects are valid; IngressClassParams is Auto Mode's own resource, outside the Kubernetes schema.
    for (const [key, o] of Object.entries(objects)) if (!key.startsWith('IngressClassParams/')) expect(validateK8sObject(o)).toEqual([]);
    expect(objectsOf(assembly, 'tools', 'auto-mode')).toEqual({});
  });

  it('route an Auto Mode cluster\'s Ingresses through the class of their scheme, without the annotations only the controller reads', () => {
    const assembly = mixedFleet().assemble();
    const api = objectsOf(assembly, 'production-eu-west-1', 'app-api')['Ingress/api'];
    const admin = objectsOf(assembly, 'production-eu-west-1', 'app-admin')['Ingress/admin'];
    expect(api.spec.ingressClassName).toBe('eks-alb');
    expect(admin.spec.ingressClassName).toBe('eks-alb-internal');
    for (const ingress of [api, admin]) {
      expect(Object.keys(ingress.metadata.annotations).sort()).toEqual([
        'alb.ingress.kubernetes.io/healthcheck-path', 'alb.ingress.kubernetes.io/listen-ports', 'alb.ingress.kubernetes.io/target-type',
      ]);
      expect(validateK8sObject(ingress)).toEqual([]);
    }
    // A node-group cluster keeps the controller's class, scheme and group.
    const groups = objectsOf(assembly, 'production-ap-southeast-1', 'app-api')['Ingress/api'];
    expect(groups.spec.ingressClassName).toBe('alb');
    expect(groups.metadata.annotations).toMatchObject({ 'alb.ingress.kubernetes.io/scheme': 'internet-facing', 'alb.ingress.kubernetes.io/group.name': 'acme' });
  });
});

describe('EKS Auto Mode refusals', () => {
  it('refuses node pools on an Auto Mode cluster, naming the cluster and the fix', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', {
      region: 'eu-west-1', computeMode: ComputeMode.AUTO_MODE,
      nodePools: [{ name: 'big', instanceTypes: ['m6i.2xlarge'] }, { name: 'spot', capacityType: CapacityType.SPOT }],
    });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/edge',
      message: 'node pools (big, spot) do not apply to EKS Auto Mode cluster edge, where AWS chooses, scales and replaces the nodes; leave nodePools out, or set computeMode: ComputeMode.MANAGED_NODE_GROUPS on the cluster',
    }]);
  });

  it('refuses a node pool in an Auto Mode profile, at the environment that uses it', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'staging', {
      regions: ['eu-west-3'],
      profile: EnvironmentProfile.economy({ computeMode: ComputeMode.AUTO_MODE, nodePool: { name: 'small' } }),
    });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/staging',
      message: 'profile economy() nodePool does not apply with ComputeMode.AUTO_MODE, where EKS Auto Mode chooses and scales the nodes; leave nodePool out, or use ComputeMode.MANAGED_NODE_GROUPS',
    }]);
  });

  it('refuses dedicated tenancy and a global load balancer in front of an Auto Mode cluster, all together', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'vault', { region: 'eu-west-1', computeMode: ComputeMode.AUTO_MODE, tenancy: Tenancy.DEDICATED });
    new RegionalCluster(fleet, 'shop', { region: 'us-east-1', computeMode: ComputeMode.AUTO_MODE });
    const app = new FleetApp(fleet, 'web', { image: IMAGE, port: 8080, placement: Placement.all() });
    new GlobalLoadBalancer(fleet, 'www', { hostname: 'www.acme.example', hostedZone: HostedZone.existing('Z0123456789ABC', 'acme.example'), app, targets: ['shop', 'vault'] });
    expect(problemsOf(fleet)).toEqual([
      {
        path: 'acme/vault',
        message: 'EKS Auto Mode cluster vault cannot run on dedicated hardware: EKS Auto Mode does not run containers on dedicated EC2 hosts (EKS user guide, auto-mng.html); use ComputeMode.MANAGED_NODE_GROUPS for a cluster with Tenancy.DEDICATED',
      },
      {
        path: 'acme/www',
        message: 'targets EKS Auto Mode clusters shop, vault, whose ALB fleetform cannot yet give the load balancer\'s certificate (its Ingresses rely on the AWS Load Balancer Controller finding it from their TLS hosts, which AWS does not document for Auto Mode); target clusters on ComputeMode.MANAGED_NODE_GROUPS',
      },
    ]);
  });

  it('refuses a compute mode that is not one, in the profile and on the cluster', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', {
      region: 'eu-west-1', computeMode: 'fargate' as ComputeMode,
      profile: EnvironmentProfile.sandbox({ computeMode: 'auto' as ComputeMode }),
    });
    const problems = problemsOf(fleet);
    expect(problems.map((p) => p.path)).toEqual(['acme/edge', 'acme/edge']);
    expect(problems.map((p) => p.message).join('\n')).toContain('computeMode');
    expect(problems[1]!.message).toBe('profile sandbox() computeMode must be ComputeMode.MANAGED_NODE_GROUPS or ComputeMode.AUTO_MODE, got "auto"');
  });

  it('knows Auto Mode needs Kubernetes 1.29 or later', () => {
    expect(checkAutoModeVersion('1.28')).toBe('EKS Auto Mode needs Kubernetes 1.29 or later, and the cluster runs 1.28; upgrade it, or use ComputeMode.MANAGED_NODE_GROUPS');
    expect(checkAutoModeVersion('1.29')).toBeUndefined();
    expect(checkAutoModeVersion('1.36')).toBeUndefined();
  });
});

describe('EKS Auto Mode in the cost estimate', () => {
  it('counts no nodes of an Auto Mode cluster and says its nodes and management fee are not included', () => {
    const report = estimateCost(mixedFleet().assemble());
    const cluster = (id: string) => report.clusters.find((c) => c.id === id)!;
    expect(cluster('production-eu-west-1').lines.filter((l) => l.kind === 'nodes' || l.kind === 'node-volumes')).toEqual([]);
    expect(cluster('production-ap-southeast-1').lines.some((l) => l.kind === 'nodes')).toBe(true);
    expect(report.notes).toContain('production-eu-west-1: EKS Auto Mode launches the nodes the apps need, so their EC2 instances, root volumes and Auto Mode\'s management fee '
      + '(charged per instance-hour on top of EC2, varying by instance type and region; fleetform\'s price table has no figure for it) are not included');
  });
});

describe('EKS Auto Mode and the address lock', () => {
  /** What a format-3 lock records of a cluster synthesized earlier. */
  const entry = (id: string, more: Partial<LockedCluster> = {}): LockedCluster => ({
    block: '10.64.0.0/16', region: 'eu-west-1', environment: 'default', kubernetesVersion: '1.35', vpcCidr: '10.64.0.0/17', serviceCidr: '10.64.128.0/20',
    tenancy: 'shared', names: { eksCluster: `acme-${id}`, resource: id }, creatorAdmin: false, ...more,
  });

  it('records an Auto Mode cluster\'s compute mode, and nothing for one on node groups', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'auto', { region: 'eu-west-1', computeMode: ComputeMode.AUTO_MODE });
    new RegionalCluster(fleet, 'groups', { region: 'us-east-1' });
    const lock = JSON.parse(fleet.resolve().addressLock.text);
    expect(lock.clusters.auto.computeMode).toBe('auto-mode');
    expect(lock.clusters.auto.nodePools).toEqual({});
    expect('computeMode' in lock.clusters.groups).toBe(false);
  });

  it('refuses to switch a recorded cluster\'s compute mode either way: the EKS cluster would be replaced', () => {
    const lock = AddressLock.of({
      a: entry('a'),
      b: entry('b', { block: '10.65.0.0/16', vpcCidr: '10.65.0.0/17', serviceCidr: '10.65.128.0/20', computeMode: 'auto-mode' }),
    });
    const fleet = newFleet({ addressLock: lock });
    new RegionalCluster(fleet, 'a', { region: 'eu-west-1', kubernetesVersion: '1.35', computeMode: ComputeMode.AUTO_MODE });
    new RegionalCluster(fleet, 'b', { region: 'eu-west-1', kubernetesVersion: '1.35' });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/a', message: 'cluster a would change its compute mode from managed-node-groups to auto-mode, which replaces its EKS cluster (acme-a) and everything in it; keep managed-node-groups, or add a cluster under a new id and decommission this one' },
      { path: 'acme/b', message: 'cluster b would change its compute mode from auto-mode to managed-node-groups, which replaces its EKS cluster (acme-b) and everything in it; keep auto-mode, or add a cluster under a new id and decommission this one' },
    ]);
  });
});
