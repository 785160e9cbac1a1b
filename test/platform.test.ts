import { describe, expect, it } from 'vitest';
import {
  CapacityType, DEFAULT_KUBERNETES_VERSION, EnvironmentFleet, EnvironmentProfile, findCluster, FleetApp, KUBERNETES_VERSIONS, Placement, RegionalCluster,
} from '../lib';
import { addonVersions, CoreAddonName } from '../lib/catalog/eks-addons';
import { newFleet, problemsOf, validationError } from './helpers/fleets';

const IMAGE = 'ghcr.io/acme/api:1.4.2';

describe('Kubernetes versions AWS still runs, judged on the synth\'s day', () => {
  it('offers the catalogue\'s minors, and defaults to the newest in standard support when the catalogue was read', () => {
    expect(KUBERNETES_VERSIONS).toEqual(['1.31', '1.32', '1.33', '1.34', '1.35', '1.36']);
    expect(DEFAULT_KUBERNETES_VERSION).toBe('1.36');
  });

  it('refuses 1.31 today, naming the date and the upgrade, and accepts it with the date fixed before 2026-11-26', () => {
    const today = newFleet({ supportDate: '2026-12-04' });
    new EnvironmentFleet(today, 'legacy', { regions: ['eu-west-1', 'us-east-1'], kubernetesVersion: '1.31' });
    expect(problemsOf(today)).toEqual([{
      path: 'acme',
      message: 'legacy-eu-west-1, legacy-us-east-1: Kubernetes 1.31 left EKS extended support on 2026-11-26 (judged on 2026-12-04); EKS no longer creates clusters on it; upgrade to 1.36; or fix the fleet\'s supportDate to a day EKS still ran 1.31 (to rebuild an earlier release)',
    }]);

    const before = newFleet({ supportDate: '2026-11-25' });
    new EnvironmentFleet(before, 'legacy', { regions: ['eu-west-1', 'us-east-1'], kubernetesVersion: '1.31', profile: EnvironmentProfile.production({ extendedSupport: true }) });
    expect(before.assemble().warnings).toEqual([{
      path: 'acme',
      rule: 'kubernetes-support',
      message: 'legacy-eu-west-1, legacy-us-east-1: Kubernetes 1.31 is in EKS extended support until 2026-11-26 (judged on 2026-11-25), at $0.60 per cluster-hour instead of $0.10; upgrade to 1.36',
    }]);
  });

  it('refuses 1.34 past standard support under the default upgrade policy STANDARD, as AWS would upgrade it, naming both fixes', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1', kubernetesVersion: '1.34' });
    new RegionalCluster(fleet, 'core', { region: 'us-east-1', kubernetesVersion: '1.34', extendedSupport: true });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme',
      message: 'edge: Kubernetes 1.34 left EKS standard support on 2026-12-02 (judged on 2026-12-04), and with the upgrade policy STANDARD AWS upgrades the control plane by itself, '
        + 'outside the fleet\'s version channels and rollout; upgrade to 1.36, or opt into extended support with extendedSupport: true on the cluster or its profile '
        + '($0.60 per cluster-hour instead of $0.10, until 2027-12-02); or fix the fleet\'s supportDate to a day 1.34 was still in standard support (to rebuild an earlier release)',
    }]);
  });

  it('warns about 1.34 opted into extended support since 2026-12-02, with the date and the hourly price', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1', kubernetesVersion: '1.34', extendedSupport: true });
    expect(fleet.resolve().warnings).toEqual([{
      path: 'acme',
      rule: 'kubernetes-support',
      message: 'edge: Kubernetes 1.34 is in EKS extended support until 2027-12-02 (judged on 2026-12-04), at $0.60 per cluster-hour instead of $0.10; upgrade to 1.36',
    }]);
  });

  it('warns within 60 days of leaving standard support: of the automatic upgrade under STANDARD, of the price under EXTENDED', () => {
    const fleet = newFleet({ supportDate: '2027-02-01' });
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1', kubernetesVersion: '1.35' });
    new RegionalCluster(fleet, 'core', { region: 'us-east-1', kubernetesVersion: '1.35', profile: EnvironmentProfile.production({ extendedSupport: true }) });
    expect(fleet.resolve().warnings.map((w) => w.message)).toEqual([
      'core: Kubernetes 1.35 leaves EKS standard support on 2027-03-27, in 54 days (judged on 2027-02-01); from then its control plane costs $0.60 per cluster-hour instead of $0.10; upgrade to 1.36',
      'edge: Kubernetes 1.35 leaves EKS standard support on 2027-03-27, in 54 days (judged on 2027-02-01); with the upgrade policy STANDARD AWS then upgrades the control plane by itself; '
        + 'upgrade to 1.36, or opt into extended support with extendedSupport: true on the cluster or its profile ($0.60 per cluster-hour instead of $0.10)',
    ]);
  });

  it('synthesizes 1.36 with its add-ons, without a warning today', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'next', { region: 'eu-west-1', kubernetesVersion: '1.36' });
    const assembly = fleet.assemble();
    expect(assembly.warnings).toEqual([]);
    expect(assembly.topology.clusters[0]!.platform.addons).toEqual([
      { name: 'vpc-cni', version: null, chosenBy: 'eks-default' },
      { name: 'coredns', version: 'v1.14.3-eksbuild.3', chosenBy: 'catalogue' },
      { name: 'kube-proxy', version: 'v1.36.0-eksbuild.14', chosenBy: 'catalogue' },
      { name: 'eks-pod-identity-agent', version: null, chosenBy: 'eks-default' },
      { name: 'aws-ebs-csi-driver', version: null, chosenBy: 'eks-default' },
    ]);
  });

  it('warns when the catalogue was read more than 90 days before the day, naming each file to refresh', () => {
    const fleet = newFleet({ supportDate: '2027-03-05' });
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    const stale = fleet.resolve().warnings.filter((w) => w.rule === 'catalogue-age').map((w) => w.message);
    expect(stale).toContain('fleetform\'s catalogue file lib/catalog/eks-support.ts (the EKS version calendar and control-plane prices) was read on 2026-11-24, 101 days before 2027-03-05; AWS may have changed what it holds since: update fleetform, or refresh the file (in fleetform\'s repository, `npm run catalog:refresh` prints how it differs from what EKS offers today)');
    expect(stale.map((m) => /file (\S+)/.exec(m)![1])).toEqual([
      'lib/catalog/eks-support.ts', 'lib/catalog/eks-addons.ts', 'lib/catalog/platform-releases.ts',
      'lib/catalog/iam-policies.ts', 'lib/catalog/instance-types.ts', 'lib/catalog/aws-regions.ts',
    ]);
    expect(newFleet({ supportDate: '2026-12-04' }).resolve().warnings).toEqual([]);
  });

  it('lets a synth, resolve or assemble option fix the day over the fleet\'s', () => {
    const fleet = newFleet({ supportDate: '2026-12-04' });
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1', kubernetesVersion: '1.31', extendedSupport: true });
    expect(problemsOf(fleet).map((p) => p.message)).toEqual([expect.stringMatching(/left EKS extended support on 2026-11-26/)]);
    expect(fleet.resolve({ supportDate: '2026-11-20' }).problems).toEqual([]);
    expect(fleet.assemble({ supportDate: '2026-11-20' }).fleet.supportDate).toBe('2026-11-20');
  });

  it('writes the same manifests and fleet.json whatever the day: only problems and warnings depend on it', () => {
    const build = () => {
      const fleet = newFleet();
      new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1', 'us-east-1'], kubernetesVersion: '1.34', profile: EnvironmentProfile.production({ extendedSupport: true }) });
      new FleetApp(fleet, 'api', { image: IMAGE, port: 8080, placement: Placement.all() });
      return fleet;
    };
    const early = build().assemble({ supportDate: '2026-06-01' });
    const late = build().assemble({ supportDate: '2027-06-01' });
    expect(early.warnings).toEqual([]);
    expect(late.warnings.length).toBeGreaterThan(0);
    expect(late.topologyJson).toBe(early.topologyJson);
    expect(late.clusters.map((c) => c.files.map((f) => f.content))).toEqual(early.clusters.map((c) => c.files.map((f) => f.content)));
  });

  it('refuses a version the catalogue has no platform for where it is set, whatever the day', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'old', { region: 'eu-west-1', kubernetesVersion: '1.30' });
    expect(problemsOf(fleet, { supportDate: '2026-01-01' })).toEqual([{
      path: 'acme/old',
      message: 'Kubernetes 1.30 left EKS extended support on 2026-07-23; EKS no longer creates clusters on it and fleetform\'s catalogue has no platform for it; use one of 1.31, 1.32, 1.33, 1.34, 1.35, 1.36',
    }]);
  });

  it('refuses a support date that is not a real day, with the fix', () => {
    const fleet = newFleet({ supportDate: '2026-02-30' });
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    expect(problemsOf(fleet)).toEqual([{ path: 'acme', message: 'supportDate is the string "2026-02-30"; give a calendar day as "YYYY-MM-DD", such as "2026-11-20", or leave it out to judge EKS support on today' }]);
    const good = newFleet();
    expect(good.resolve({ supportDate: '20261120' }).problems).toEqual([{ path: 'acme', message: 'option supportDate is the string "20261120"; give a calendar day as "YYYY-MM-DD", such as "2026-11-20", or leave it out to judge EKS support on today' }]);
  });
});

describe('each cluster\'s platform', () => {
  it('gives every add-on the choice of the cluster\'s minor, with network policies on and Pod Identity roles', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1', kubernetesVersion: '1.35' });
    const platform = findCluster(fleet.resolve(), 'edge')!.platform!;
    const choices = addonVersions('1.35')!;
    const expected = (name: keyof typeof choices) => {
      const c = choices[name];
      return c.kind === 'pinned' ? [name, c.version, 'catalogue'] : [name, undefined, 'eks-default'];
    };
    expect(platform.addons.map((a) => [a.name, a.version, a.chosenBy])).toEqual([
      expected('vpc-cni'), expected('coredns'), expected('kube-proxy'), expected('eks-pod-identity-agent'), expected('aws-ebs-csi-driver'),
    ]);
    const cni = platform.addons.find((a) => a.name === 'vpc-cni')!;
    expect(cni.version).toBe('v1.21.1-eksbuild.7');
    expect(JSON.parse(cni.configurationValues!)).toEqual({ enableNetworkPolicy: 'true' });
    expect(cni.role).toEqual({ namespace: 'kube-system', serviceAccount: 'aws-node', managedPolicyArn: 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy' });
    expect(platform.addons.filter((a) => a.beforeNodes).map((a) => a.name)).toEqual(['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent']);
    expect(platform.charts.map((c) => [c.name, c.chart])).toEqual([
      ['aws-load-balancer-controller', 'aws-load-balancer-controller'],
      ['cluster-autoscaler', 'cluster-autoscaler'],
      ['metrics-server', 'metrics-server'],
    ]);
    const autoscaler = platform.charts.find((c) => c.name === 'cluster-autoscaler')!;
    expect(autoscaler.values).toMatchObject({ autoDiscovery: { clusterName: 'acme-edge' }, awsRegion: 'eu-west-1', image: { tag: expect.stringMatching(/^v1\.35\./) } });
  });

  it('moves every add-on of a cluster whose minor is bumped to that minor\'s choice, and changes no other cluster', () => {
    const build = (canary: string) => {
      const fleet = newFleet();
      new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1', 'us-east-1'], kubernetesVersion: '1.35' });
      new RegionalCluster(fleet, 'canary', { region: 'us-west-2', kubernetesVersion: canary, extendedSupport: true });
      return fleet.assemble().topology.clusters;
    };
    for (const [from, to] of [['1.33', '1.34'], ['1.34', '1.35'], ['1.35', '1.36']] as const) {
      const before = build(from);
      const after = build(to);
      for (const id of ['production-eu-west-1', 'production-us-east-1']) expect(after.find((c) => c.id === id)).toEqual(before.find((c) => c.id === id));
      const addons = after.find((c) => c.id === 'canary')!.platform.addons;
      for (const a of addons) {
        const choice = addonVersions(to)![a.name as CoreAddonName];
        expect([a.name, a.version], `${a.name} after ${from} → ${to}`).toEqual([a.name, choice.kind === 'pinned' ? choice.version : null]);
      }
      // kube-proxy follows the minor itself.
      expect(addons.find((a) => a.name === 'kube-proxy')!.version).toMatch(new RegExp(`^v${to.replace('.', '\\.')}\\.`));
    }
  });

  it('keeps a cluster\'s own add-on pins over the catalogue\'s, and checks them', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1', kubernetesVersion: '1.36', addonVersions: { 'aws-ebs-csi-driver': 'v1.57.1-eksbuild.1', coredns: 'v1.14.3-eksbuild.1' } });
    const addons = fleet.assemble().topology.clusters[0]!.platform.addons;
    expect(addons.find((a) => a.name === 'aws-ebs-csi-driver')).toEqual({ name: 'aws-ebs-csi-driver', version: 'v1.57.1-eksbuild.1', chosenBy: 'cluster' });
    expect(addons.find((a) => a.name === 'coredns')).toEqual({ name: 'coredns', version: 'v1.14.3-eksbuild.1', chosenBy: 'cluster' });

    const bad = newFleet();
    new RegionalCluster(bad, 'edge', { region: 'eu-west-1', addonVersions: { 'vpc-cni': 'v1.13.0-eksbuild.1', 'kube-dns': 'v1.0.0-eksbuild.1' } as Record<string, string> });
    expect(problemsOf(bad)).toEqual([
      { path: 'acme/edge', message: 'addonVersions: vpc-cni v1.13.0-eksbuild.1 cannot enforce network policies; pin v1.14.0-eksbuild.3 or later' },
      { path: 'acme/edge', message: 'addonVersions: "kube-dns" is not an add-on fleetform installs as an EKS add-on; pin one of vpc-cni, coredns, kube-proxy, eks-pod-identity-agent, aws-ebs-csi-driver' },
    ]);
  });
});

describe('capacity at synth', () => {
  it('warns when the apps at their most need more than the pools give, naming the apps and the numbers', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'small', { region: 'eu-west-1', nodePools: [{ name: 'general', instanceTypes: ['m6i.large'], minSize: 1, maxSize: 3 }] });
    new FleetApp(fleet, 'api', {
      image: IMAGE, port: 8080, placement: Placement.all(), autoscaling: { minReplicas: 2, maxReplicas: 20 },
      resources: { cpu: { request: '500m', limit: '1' }, memory: { request: '256Mi', limit: '512Mi' } },
    });
    expect(fleet.resolve().warnings).toEqual([{
      path: 'acme/small',
      rule: 'cluster-capacity',
      message: 'at their most the apps of small need 10 vCPU of CPU against 5.79 vCPU — api (at most 20 × 0.5 vCPU, 0.3 GiB); its node pools give general: at most 3 × m6i.large (≈ 1.93 vCPU, 7.3 GiB each); raise a pool\'s maxSize, use larger instances or lower the apps\' maxReplicas',
    }]);
    // Strict synths refuse it.
    expect(validationError(fleet, { strict: true }).problems[0].message).toContain('(warning cluster-capacity, refused by strict synth)');
  });

  it('refuses an app one replica of which fits no node of its cluster', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'small', { region: 'eu-west-1', nodePools: [{ name: 'general', instanceTypes: ['t3.medium'], capacityType: CapacityType.SPOT }] });
    new FleetApp(fleet, 'big', { image: IMAGE, port: 8080, placement: Placement.all(), resources: { cpu: { request: '4', limit: '4' }, memory: { request: '1Gi', limit: '1Gi' } } });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/small',
      message: 'one replica of big requests 4 vCPU and 1 GiB, more than any node of small gives pods (at most 1.93 vCPU and 3.5 GiB on t3.medium); lower its requests or add a pool of larger instances',
    }]);
  });

  it('says capacity was not checked when a pool uses an instance type outside the catalogue', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'exotic', { region: 'eu-west-1', nodePools: [{ name: 'gpu', instanceTypes: ['p5.48xlarge'] }] });
    expect(fleet.resolve().warnings.map((w) => [w.rule, w.message])).toEqual([[
      'cluster-capacity',
      expect.stringMatching(/^capacity was not checked: instance type "p5\.48xlarge" is not in fleetform's instance catalogue/),
    ]]);
  });
});
