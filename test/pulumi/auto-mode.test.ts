/**
 * An EKS Auto Mode cluster under Pulumi mocks, beside a cluster on managed
 * node groups: Auto Mode's compute, storage and load balancing on the control
 * plane, its roles, and nothing of what AWS runs itself (node groups, add-ons,
 * the Load Balancer Controller, the Cluster Autoscaler).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recorded } from './mocks';
import { mockedBinding, settle } from './mocks';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

const m = mockedBinding();

/** `auto` on EKS Auto Mode and `groups` on managed node groups, every block recorded in an in-memory lock. */
function fleetOf() {
  const build = (addressLock: ReturnType<typeof m.lib.AddressLock.none>) => {
    const { ApiEndpoint, ComputeMode, Fleet, FleetApp, Placement, RegionalCluster } = m.lib;
    const fleet = new Fleet('plat', { addressLock, supportDate: TEST_SUPPORT_DATE, apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24') });
    new RegionalCluster(fleet, 'auto', { region: 'eu-west-1', computeMode: ComputeMode.AUTO_MODE });
    new RegionalCluster(fleet, 'groups', { region: 'us-east-1' });
    new FleetApp(fleet, 'web', { image: 'ghcr.io/plat/web:1.0.0', port: 8080, placement: Placement.all(), ingress: { host: 'web.plat.example' } });
    return fleet;
  };
  return build(m.lib.AddressLock.of(build(m.lib.AddressLock.none()).resolve().addressLock.next));
}

const CLUSTER = 'aws:eks/cluster:Cluster';
const NODE_GROUP = 'aws:eks/nodeGroup:NodeGroup';
const ADDON = 'aws:eks/addon:Addon';
const RELEASE = 'kubernetes:helm.sh/v3:Release';

describe('an EKS Auto Mode cluster under mocks', () => {
  let mine: Recorded[];
  const ofCluster = (id: string, type: string) => mine.filter((r) => r.type === type && r.name.startsWith(`${id}-`));
  const attachedTo = (role: string) => mine.filter((r) => r.type === 'aws:iam/rolePolicyAttachment:RolePolicyAttachment' && r.inputs.role === role)
    .map((a) => a.inputs.policyArn).sort();

  beforeAll(async () => {
    const deployment = new m.binding.FleetDeployment('plat', { fleet: fleetOf() });
    expect(Object.keys(deployment.clusters).sort()).toEqual(['auto', 'groups']);
    await settle(m.recorded);
    mine = [...m.recorded];
  });

  it('enables Auto Mode\'s compute (built-in node pools, its node role), block storage and load balancing, without self-managed add-ons', () => {
    const [auto] = ofCluster('auto', CLUSTER);
    expect(auto!.inputs.computeConfig).toEqual({ enabled: true, nodePools: ['general-purpose', 'system'], nodeRoleArn: 'arn:aws:mock:::auto-node-role' });
    expect(auto!.inputs.storageConfig).toEqual({ blockStorage: { enabled: true } });
    expect(auto!.inputs.kubernetesNetworkConfig).toEqual({ serviceIpv4Cidr: expect.any(String), elasticLoadBalancing: { enabled: true } });
    expect(auto!.inputs.bootstrapSelfManagedAddons).toBe(false);
    const [groups] = ofCluster('groups', CLUSTER);
    expect(groups!.inputs.computeConfig).toBeUndefined();
    expect(groups!.inputs.storageConfig).toBeUndefined();
    expect(groups!.inputs.kubernetesNetworkConfig.elasticLoadBalancing).toBeUndefined();
    expect(groups!.inputs.bootstrapSelfManagedAddons).toBeUndefined();
  });

  it('gives the cluster role Auto Mode\'s policies and sts:TagSession, the node role the minimal node policies', () => {
    expect(attachedTo('auto-cluster-role')).toEqual([
      'arn:aws:iam::aws:policy/AmazonEKSBlockStoragePolicy',
      'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
      'arn:aws:iam::aws:policy/AmazonEKSComputePolicy',
      'arn:aws:iam::aws:policy/AmazonEKSLoadBalancingPolicy',
      'arn:aws:iam::aws:policy/AmazonEKSNetworkingPolicy',
    ]);
    const role = mine.find((r) => r.type === 'aws:iam/role:Role' && r.name === 'auto-cluster-role')!;
    expect(JSON.parse(role.inputs.assumeRolePolicy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
    ]);
    expect(attachedTo('auto-node-role')).toEqual([
      'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly',
      'arn:aws:iam::aws:policy/AmazonEKSWorkerNodeMinimalPolicy',
    ]);
    expect(attachedTo('groups-cluster-role')).toEqual(['arn:aws:iam::aws:policy/AmazonEKSClusterPolicy']);
  });

  it('registers no node group, no add-on (EBS CSI among them), no controller role and only the metrics-server release', () => {
    expect(ofCluster('auto', NODE_GROUP)).toEqual([]);
    expect(ofCluster('auto', ADDON)).toEqual([]);
    expect(ofCluster('auto', 'aws:eks/podIdentityAssociation:PodIdentityAssociation')).toEqual([]);
    expect(ofCluster('auto', RELEASE).map((r) => r.inputs.name)).toEqual(['metrics-server']);
    // The cluster on node groups keeps all of it.
    expect(ofCluster('groups', NODE_GROUP)).toHaveLength(1);
    expect(ofCluster('groups', ADDON).map((r) => r.inputs.addonName).sort()).toEqual(['aws-ebs-csi-driver', 'coredns', 'eks-pod-identity-agent', 'kube-proxy', 'vpc-cni']);
    expect(ofCluster('groups', RELEASE).map((r) => r.inputs.name).sort()).toEqual(['aws-load-balancer-controller', 'cluster-autoscaler', 'metrics-server']);
  });

  it('applies the IngressClassParams, IngressClasses, StorageClass and network-policy ConfigMap, and the app\'s Ingress of class eks-alb', () => {
    const platform = mine.filter((r) => r.name.startsWith('auto-') && r.parent?.endsWith('::auto-auto-mode'));
    expect(platform.map((r) => r.type).sort()).toEqual([
      'kubernetes:core/v1:ConfigMap',
      'kubernetes:eks.amazonaws.com/v1:IngressClassParams', 'kubernetes:eks.amazonaws.com/v1:IngressClassParams',
      'kubernetes:networking.k8s.io/v1:IngressClass', 'kubernetes:networking.k8s.io/v1:IngressClass',
      'kubernetes:storage.k8s.io/v1:StorageClass',
    ]);
    const ingress = (id: string) => mine.find((r) => r.type === 'kubernetes:networking.k8s.io/v1:Ingress' && r.name.startsWith(`${id}-`))!;
    expect(ingress('auto').inputs.spec.ingressClassName).toBe('eks-alb');
    expect(ingress('groups').inputs.spec.ingressClassName).toBe('alb');
  });
});
