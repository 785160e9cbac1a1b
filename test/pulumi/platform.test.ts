/**
 * Each cluster's platform under Pulumi mocks: the pinned EKS add-ons and their
 * Pod Identity roles, the controllers' Helm releases and roles, the order they
 * are created in, and `manageAddons: false`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recorded } from './mocks';
import { eksDefaultAddonVersion, recordResources, settle, valueOf } from './mocks';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

// Mocks are installed before the binding is loaded.
let recorded: Recorded[];
let lib: typeof import('../../lib');
let binding: typeof import('../../lib/pulumi');
let addonCatalog: typeof import('../../lib/catalog/eks-addons');
let releases: typeof import('../../lib/catalog/platform-releases');
let iam: typeof import('../../lib/catalog/iam-policies');

beforeAll(async () => {
  recorded = await recordResources();
  lib = await import('../../lib');
  binding = await import('../../lib/pulumi');
  addonCatalog = await import('../../lib/catalog/eks-addons');
  releases = await import('../../lib/catalog/platform-releases');
  iam = await import('../../lib/catalog/iam-policies');
});

/**
 * Two clusters on different minors (east on the default, west on `west`), every block recorded in
 * an in-memory lock; optionally a global load balancer.
 */
function fleetOf(options: { loadBalancer?: boolean; west?: string } = {}) {
  const build = (addressLock: ReturnType<typeof lib.AddressLock.none>) => {
    const { ApiEndpoint, Fleet, FleetApp, GlobalLoadBalancer, HostedZone, Placement, RegionalCluster } = lib;
    const fleet = new Fleet('plat', { addressLock, supportDate: TEST_SUPPORT_DATE, apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24') });
    new RegionalCluster(fleet, 'east', { region: 'us-east-1' });
    // West may run 1.34, past standard support on the test's day: it opts into extended support.
    new RegionalCluster(fleet, 'west', { region: 'eu-west-1', kubernetesVersion: options.west ?? '1.35', extendedSupport: true });
    const app = new FleetApp(fleet, 'web', { image: 'ghcr.io/plat/web:1.0.0', port: 8080, placement: Placement.all() });
    if (options.loadBalancer) {
      new GlobalLoadBalancer(fleet, 'www', { hostname: 'www.plat.example', hostedZone: HostedZone.existing('Z0123456789ABC', 'plat.example'), app, targets: ['east', 'west'] });
    }
    return fleet;
  };
  return build(lib.AddressLock.of(build(lib.AddressLock.none()).resolve().addressLock.next));
}

const BEFORE_NODES = ['eks-pod-identity-agent', 'kube-proxy', 'vpc-cni'];
const AFTER_NODES = ['aws-ebs-csi-driver', 'coredns'];
const CHARTS = ['aws-load-balancer-controller', 'cluster-autoscaler', 'metrics-server'];
/** Whether a dependency list names the resource of that type and name. */
const names = (deps: readonly string[], type: string, name: string) => deps.some((urn) => urn.endsWith(`${type}::${name}`));
const ADDON = 'aws:eks/addon:Addon';
const NODE_GROUP = 'aws:eks/nodeGroup:NodeGroup';
const RELEASE = 'kubernetes:helm.sh/v3:Release';
const ASSOCIATION = 'aws:eks/podIdentityAssociation:PodIdentityAssociation';

/** Add-on name → the version a cluster on `minor` gets: the catalogue's pin, else what (the mocked) EKS answers as its default. */
function expectedAddons(minor: string): Record<string, string> {
  const choices = addonCatalog.addonVersions(minor)!;
  return Object.fromEntries(addonCatalog.CORE_ADDON_NAMES.map((n) => {
    const c = choices[n];
    return [n, c.kind === 'pinned' ? c.version : eksDefaultAddonVersion(n, minor)];
  }));
}

describe('each cluster\'s platform under mocks', () => {
  let mine: Recorded[];
  let resolved: ReturnType<ReturnType<typeof fleetOf>['resolve']>;
  let deployment: InstanceType<typeof binding.FleetDeployment>;
  const ofType = (type: string) => mine.filter((r) => r.type === type);
  const one = (type: string, name: string) => {
    const found = mine.filter((r) => r.type === type && r.name === name);
    expect(found, `${type} ${name}`).toHaveLength(1);
    return found[0];
  };
  const attachedTo = (role: string) => ofType('aws:iam/rolePolicyAttachment:RolePolicyAttachment').filter((a) => a.inputs.role === role).map((a) => a.inputs.policyArn).sort();
  const inlineOf = (role: string) => ofType('aws:iam/rolePolicy:RolePolicy').filter((p) => p.inputs.role === role).map((p) => JSON.parse(p.inputs.policy));

  beforeAll(async () => {
    const fleet = fleetOf();
    resolved = fleet.resolve();
    deployment = new binding.FleetDeployment('plat', { fleet });
    await settle(recorded);
    mine = [...recorded];
  });

  it('runs the two clusters on different minors', () => {
    expect(new Set(resolved.clusters.map((c) => c.kubernetesVersion)).size).toBe(2);
  });

  it('installs every add-on of each cluster at its minor\'s pin, or at EKS\'s default for the minor, adopting what EKS bootstrapped', () => {
    for (const c of resolved.clusters) {
      const addons = ofType(ADDON).filter((a) => a.name.startsWith(`${c.id}-`));
      expect(Object.fromEntries(addons.map((a) => [a.inputs.addonName, a.inputs.addonVersion]))).toEqual(expectedAddons(c.kubernetesVersion));
      for (const a of addons) {
        expect(a.inputs.clusterName).toBe(c.names.eksCluster);
        expect(a.inputs.resolveConflictsOnCreate).toBe('OVERWRITE');
        expect(a.inputs.resolveConflictsOnUpdate).toBe('OVERWRITE');
        expect(a.provider).toMatch(new RegExp(`::plat-${c.region}::`));
      }
    }
  });

  it('turns on network policy enforcement in vpc-cni, and configures no other add-on', () => {
    for (const a of ofType(ADDON)) {
      if (a.inputs.addonName === 'vpc-cni') expect(JSON.parse(a.inputs.configurationValues)).toEqual({ enableNetworkPolicy: 'true' });
      else expect(a.inputs.configurationValues).toBeUndefined();
    }
  });

  it('keeps the CNI policy off the node role, and gives the nodes Session Manager instead of SSH', () => {
    for (const c of resolved.clusters) {
      expect(attachedTo(`${c.id}-node-role`)).toEqual([
        'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
        'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
        'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
      ]);
    }
  });

  it('gives vpc-cni and the EBS CSI driver each a Pod Identity role carrying only its managed policy', () => {
    for (const c of resolved.clusters) {
      for (const [addon, role, serviceAccount, policy] of [
        ['vpc-cni', `${c.id}-cni-role`, 'aws-node', 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy'],
        ['aws-ebs-csi-driver', `${c.id}-ebs-csi-role`, 'ebs-csi-controller-sa', 'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy'],
      ]) {
        const a = one(ADDON, `${c.id}-${addon}`);
        expect(a.inputs.podIdentityAssociations).toEqual([{ serviceAccount, roleArn: `arn:aws:mock:::${role}` }]);
        expect(attachedTo(role)).toEqual([policy]);
        expect(inlineOf(role)).toEqual([]);
      }
      for (const addon of ['coredns', 'kube-proxy', 'eks-pod-identity-agent']) {
        expect(one(ADDON, `${c.id}-${addon}`).inputs.podIdentityAssociations).toBeUndefined();
      }
    }
  });

  it('lets only EKS Pod Identity assume the roles of add-ons and controllers, with sts:AssumeRole and sts:TagSession', () => {
    const roles = ofType('aws:iam/role:Role').filter((r) => !/-(cluster|node)-role$/.test(r.name));
    expect(roles.map((r) => r.name).sort()).toEqual(
      resolved.clusters.flatMap((c) => ['cas', 'cni', 'ebs-csi', 'lbc'].map((s) => `${c.id}-${s}-role`)).sort(),
    );
    for (const r of roles) {
      const trust = JSON.parse(r.inputs.assumeRolePolicy);
      expect(trust).toEqual(iam.toPolicyDocument(iam.POD_IDENTITY_TRUST_POLICY));
      expect(trust.Statement).toHaveLength(1);
      expect(trust.Statement[0]).toMatchObject({ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' } });
      expect([...trust.Statement[0].Action].sort()).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    }
  });

  it('binds the controllers\' service accounts to their roles; metrics-server gets none', () => {
    for (const c of resolved.clusters) {
      const associations = ofType(ASSOCIATION).filter((a) => a.name.startsWith(`${c.id}-`));
      expect(associations.map((a) => [a.inputs.clusterName, a.inputs.namespace, a.inputs.serviceAccount, a.inputs.roleArn]).sort()).toEqual([
        [c.names.eksCluster, 'kube-system', 'aws-load-balancer-controller', `arn:aws:mock:::${c.id}-lbc-role`],
        [c.names.eksCluster, 'kube-system', 'cluster-autoscaler', `arn:aws:mock:::${c.id}-cas-role`],
      ]);
    }
  });

  it('gives the Load Balancer Controller the catalog\'s policy and the autoscaler one scoped to the cluster\'s groups', () => {
    for (const c of resolved.clusters) {
      expect(inlineOf(`${c.id}-lbc-role`)).toEqual([iam.toPolicyDocument(iam.AWS_LOAD_BALANCER_CONTROLLER_POLICY)]);
      expect(attachedTo(`${c.id}-lbc-role`)).toEqual([]);
      const [autoscaler] = inlineOf(`${c.id}-cas-role`);
      expect(autoscaler).toEqual(iam.toPolicyDocument(iam.clusterAutoscalerPolicy(c.names.eksCluster)));
      expect(attachedTo(`${c.id}-cas-role`)).toEqual([]);
      const scale = autoscaler.Statement.find((s: { Action: string[] }) => s.Action.includes('autoscaling:SetDesiredCapacity'));
      expect(scale.Condition).toEqual({ Null: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${c.names.eksCluster}`]: 'false' } });
      for (const doc of [...inlineOf(`${c.id}-lbc-role`), autoscaler]) expect(iam.checkPolicyDocument(doc)).toEqual([]);
    }
  });

  it('installs the controllers from pinned charts through the cluster\'s own Kubernetes provider', () => {
    for (const c of resolved.clusters) {
      const autoscaler = releases.clusterAutoscalerRelease(c.kubernetesVersion)!;
      const expected: Record<string, [string, string, string]> = {
        'aws-load-balancer-controller': [releases.AWS_LOAD_BALANCER_CONTROLLER.repository, releases.AWS_LOAD_BALANCER_CONTROLLER.chart, releases.AWS_LOAD_BALANCER_CONTROLLER.chartVersion],
        'cluster-autoscaler': [autoscaler.chart.repository, autoscaler.chart.chart, autoscaler.chart.chartVersion],
        'metrics-server': [releases.METRICS_SERVER.repository, releases.METRICS_SERVER.chart, releases.METRICS_SERVER.chartVersion],
      };
      for (const name of CHARTS) {
        const r = one(RELEASE, `${c.id}-${name}`);
        expect([r.inputs.repositoryOpts.repo, r.inputs.chart, r.inputs.version]).toEqual(expected[name]);
        expect(r.inputs.name).toBe(name);
        expect(r.inputs.namespace).toBe('kube-system');
        expect(r.provider).toMatch(new RegExp(`::${c.id}-k8s::`));
      }
      const lbc = one(RELEASE, `${c.id}-aws-load-balancer-controller`).inputs.values;
      expect(lbc).toMatchObject({ clusterName: c.names.eksCluster, region: c.region, vpcId: `${c.id}-network-vpc-id`, ingressClass: 'alb' });
      expect(lbc.serviceAccount.name).toBe('aws-load-balancer-controller');
      const cas = one(RELEASE, `${c.id}-cluster-autoscaler`).inputs.values;
      expect(cas).toMatchObject({ autoDiscovery: { clusterName: c.names.eksCluster }, image: { tag: autoscaler.imageTag } });
      expect(cas.rbac.serviceAccount.name).toBe('cluster-autoscaler');
    }
  });

  it('creates the add-ons the nodes need before the node groups, and the others after', () => {
    for (const c of resolved.clusters) {
      for (const pool of c.nodePools) {
        const group = one(NODE_GROUP, pool.resourceName);
        for (const a of BEFORE_NODES) expect(names(group.dependencies, ADDON, `${c.id}-${a}`), `${pool.resourceName} after ${a}`).toBe(true);
        for (const a of AFTER_NODES) expect(names(group.dependencies, ADDON, `${c.id}-${a}`), `${pool.resourceName} not after ${a}`).toBe(false);
        for (const a of AFTER_NODES) expect(names(one(ADDON, `${c.id}-${a}`).dependencies, NODE_GROUP, pool.resourceName), `${a} after ${pool.resourceName}`).toBe(true);
        for (const a of BEFORE_NODES) expect(names(one(ADDON, `${c.id}-${a}`).dependencies, NODE_GROUP, pool.resourceName)).toBe(false);
      }
      // Add-ons with a role come after the agent that serves their credentials.
      expect(names(one(ADDON, `${c.id}-vpc-cni`).dependencies, ADDON, `${c.id}-eks-pod-identity-agent`)).toBe(true);
    }
  });

  it('installs the controllers once the nodes, every add-on (coredns among them) and the controllers\' associations exist', () => {
    for (const c of resolved.clusters) {
      for (const name of CHARTS) {
        const deps = one(RELEASE, `${c.id}-${name}`).dependencies;
        for (const pool of c.nodePools) expect(names(deps, NODE_GROUP, pool.resourceName)).toBe(true);
        for (const a of [...BEFORE_NODES, ...AFTER_NODES]) expect(names(deps, ADDON, `${c.id}-${a}`), `${name} after ${a}`).toBe(true);
        for (const chart of ['aws-load-balancer-controller', 'cluster-autoscaler']) expect(names(deps, ASSOCIATION, `${c.id}-${chart}`)).toBe(true);
      }
      const identities = one('fleetform:aws:ControllerIdentities', `${c.id}-controller-identities`);
      expect(names(identities.dependencies, ADDON, `${c.id}-eks-pod-identity-agent`)).toBe(true);
    }
  });

  it('installs the Load Balancer Controller first, with its Service webhook off, and the other controllers once it is ready', () => {
    for (const c of resolved.clusters) {
      const lbc = one(RELEASE, `${c.id}-aws-load-balancer-controller`);
      expect(lbc.inputs.values.enableServiceMutatorWebhook).toBe(false);
      // atomic: Helm reports the release done only once its pods are ready, so what waits for it finds the webhooks answering.
      expect(lbc.inputs.atomic).toBe(true);
      for (const name of ['cluster-autoscaler', 'metrics-server']) {
        expect(names(one(RELEASE, `${c.id}-${name}`).dependencies, RELEASE, `${c.id}-aws-load-balancer-controller`), `${name} after the controller`).toBe(true);
        expect(names(lbc.dependencies, RELEASE, `${c.id}-${name}`), `the controller not after ${name}`).toBe(false);
      }
    }
  });

  it('applies the manifests after every add-on and controller', () => {
    for (const c of resolved.clusters) {
      const deps = one('fleetform:kubernetes:ClusterManifests', `${c.id}-manifests`).dependencies;
      for (const a of [...BEFORE_NODES, ...AFTER_NODES]) expect(names(deps, ADDON, `${c.id}-${a}`), `manifests after ${a}`).toBe(true);
      for (const chart of CHARTS) expect(names(deps, RELEASE, `${c.id}-${chart}`), `manifests after ${chart}`).toBe(true);
    }
  });

  it('keeps pods off the node\'s credentials: IMDSv2 required, hop limit 1', () => {
    const templates = ofType('aws:ec2/launchTemplate:LaunchTemplate');
    expect(templates.length).toBeGreaterThan(0);
    for (const t of templates) expect(t.inputs.metadataOptions).toEqual({ httpTokens: 'required', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' });
  });

  it('leaves the Cluster Autoscaler tags to EKS and its desired size to the autoscaler', () => {
    for (const g of ofType(NODE_GROUP)) {
      expect(Object.keys(g.inputs.tags).filter((k) => k.startsWith('k8s.io/cluster-autoscaler'))).toEqual([]);
    }
  });

  it('exposes and exports the add-ons and releases of each cluster', async () => {
    const east = deployment.clusters.east.platform!;
    expect(Object.keys(east.baseAddons.addons).sort()).toEqual(BEFORE_NODES);
    expect(Object.keys(east.addons.addons).sort()).toEqual(AFTER_NODES);
    expect(Object.keys(deployment.charts.east.releases).sort()).toEqual(CHARTS);
    const out = deployment.outputs().west;
    const minor = resolved.clusters.find((c) => c.id === 'west')!.kubernetesVersion;
    expect(minor).toBe('1.35');
    expect(await valueOf(out.addons!['vpc-cni'])).toBe('v1.21.1-eksbuild.7');
    // What EKS resolved for an add-on the catalogue leaves to it is in the outputs too.
    expect(await valueOf(out.addons!['aws-ebs-csi-driver'])).toBe(eksDefaultAddonVersion('aws-ebs-csi-driver', '1.35'));
    expect(await valueOf(deployment.outputs().east.addons!['vpc-cni'])).toBe(eksDefaultAddonVersion('vpc-cni', '1.36'));
    expect(await valueOf(out.releases!['cluster-autoscaler'])).toBe(releases.clusterAutoscalerRelease(minor)!.chart.chartVersion);
  });

  it('registers no two resources with the same type and name', () => {
    const keys = mine.map((r) => `${r.type}::${r.name}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});

describe('a minor bump of one cluster, in one preview', () => {
  /** The resources one deployment of `fleet` registers, as type::name → inputs. */
  async function deploy(name: string, west: string): Promise<Map<string, Recorded>> {
    const before = recorded.length;
    new binding.FleetDeployment(name, { fleet: fleetOf({ west }) });
    await settle(recorded);
    // The deployment and its reference to the stack's previous deploy are named after the deployment.
    const own = ['fleetform:index:FleetDeployment', 'pulumi:pulumi:StackReference'];
    return new Map(recorded.slice(before).filter((r) => !own.includes(r.type)).map((r) => [`${r.type}::${r.name}`, r]));
  }

  it('moves every add-on of the bumped cluster to its new minor\'s version, and changes nothing of the other cluster', async () => {
    const before = await deploy('bump-from', '1.34');
    const after = await deploy('bump-to', '1.35');
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...after].filter(([key, r]) => JSON.stringify(r.inputs) !== JSON.stringify(before.get(key)!.inputs)).map(([key]) => key);
    // east, on the default minor, is untouched; west's add-ons all follow the bump.
    expect(changed.filter((k) => k.includes('::east'))).toEqual([]);
    const westAddons = [...after.values()].filter((r) => r.type === ADDON && r.name.startsWith('west-'));
    expect(Object.fromEntries(westAddons.map((a) => [a.inputs.addonName, a.inputs.addonVersion]))).toEqual(expectedAddons('1.35'));
    expect(Object.fromEntries([...before.values()].filter((r) => r.type === ADDON && r.name.startsWith('west-')).map((a) => [a.inputs.addonName, a.inputs.addonVersion])))
      .toEqual(expectedAddons('1.34'));
    // Every add-on whose version differs between the minors changes (the user guide lists the same vpc-cni build for 1.34 and 1.35).
    const [from, to] = [expectedAddons('1.34'), expectedAddons('1.35')];
    expect(changed.filter((k) => k.startsWith(ADDON)).sort()).toEqual(Object.keys(to).filter((n) => to[n] !== from[n]).map((n) => `${ADDON}::west-${n}`).sort());
    // What else a bump changes, all on the bumped cluster: its control plane and node groups, the autoscaler's image, and the
    // manifests that carry the minor (namespaces' pod-security version, the fleet-identity ConfigMap, the app manifests).
    const others = changed.filter((k) => !k.startsWith(ADDON));
    expect(others.every((k) => k.includes('::west'))).toBe(true);
    expect(others.map((k) => k.split('::')[0]).filter((t, i, all) => all.indexOf(t) === i).sort()).toEqual([
      'aws:eks/cluster:Cluster', 'aws:eks/nodeGroup:NodeGroup', 'kubernetes:core/v1:ConfigMap', 'kubernetes:core/v1:Namespace',
      'kubernetes:helm.sh/v3:Release', 'kubernetes:yaml:ConfigGroup',
    ]);
    expect(others.filter((k) => k.startsWith(RELEASE))).toEqual([`${RELEASE}::west-cluster-autoscaler`]);
  });
});

describe('manageAddons: false', () => {
  it('registers no add-on, release, association or add-on role, and leaves the CNI policy on the node role', async () => {
    const before = recorded.length;
    const d = new binding.FleetDeployment('bare', { fleet: fleetOf(), clusters: ['east'], manageAddons: false });
    await valueOf(d.clusters.east.kubeconfig);
    await settle(recorded);
    const added = recorded.slice(before);
    expect(added.filter((r) => r.type === 'aws:eks/cluster:Cluster')).toHaveLength(1);
    expect(added.filter((r) => [ADDON, RELEASE, ASSOCIATION, 'aws:iam/rolePolicy:RolePolicy'].includes(r.type))).toEqual([]);
    expect(added.filter((r) => r.type === 'aws:iam/role:Role').map((r) => r.name).sort()).toEqual(['east-cluster-role', 'east-node-role']);
    const nodePolicies = added.filter((r) => r.type === 'aws:iam/rolePolicyAttachment:RolePolicyAttachment' && r.inputs.role === 'east-node-role').map((r) => r.inputs.policyArn);
    expect(nodePolicies).toContain('arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy');
    expect(d.clusters.east.platform).toBeUndefined();
    expect(d.charts).toEqual({});
    // The manifests are still applied, after the node groups.
    expect(added.filter((r) => r.type === 'fleetform:kubernetes:ClusterManifests')).toHaveLength(1);
  });

  it('is refused for a stack with global load balancers, before anything is registered', () => {
    const fleet = fleetOf({ loadBalancer: true });
    const before = recorded.length;
    expect(() => new binding.FleetDeployment('no-lbc', { fleet, manageAddons: false })).toThrow(
      /\[plat\/www\] the load balancer needs each target's ALB, which the AWS Load Balancer Controller builds; leave manageAddons on/,
    );
    expect(recorded.length).toBe(before);
  });

});
