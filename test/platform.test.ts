import { describe, expect, it } from 'vitest';
import {
  CapacityType, DEFAULT_KUBERNETES_VERSION, EnvironmentFleet, findCluster, FleetApp, KUBERNETES_VERSIONS, Placement, RegionalCluster,
} from '../lib';
import { addonVersions } from '../lib/catalog/eks-addons';
import { newFleet, problemsOf, validationError } from './helpers/fleets';

const IMAGE = 'ghcr.io/acme/api:1.4.2';

describe('Kubernetes versions AWS still runs', () => {
  it('offers the minors EKS supports on the calendar date with pinned add-ons, and defaults to one in standard support', () => {
    expect(KUBERNETES_VERSIONS).toEqual(['1.31', '1.32', '1.33', '1.34', '1.35']);
    expect(DEFAULT_KUBERNETES_VERSION).toBe('1.35');
  });

  it('refuses a version past extended support, naming the date and the upgrade', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'old', { region: 'eu-west-1', kubernetesVersion: '1.30' });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/old',
      message: 'Kubernetes 1.30 left EKS extended support on 2026-07-23; EKS no longer creates clusters on it; upgrade to 1.35 (use one of 1.31, 1.32, 1.33, 1.34, 1.35)',
    }]);
  });

  it('refuses a version with no add-on versions in the table', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'next', { region: 'eu-west-1', kubernetesVersion: '1.36' });
    expect(problemsOf(fleet)).toEqual([{ path: 'acme/next', message: expect.stringMatching(/^no EKS add-on versions are pinned for Kubernetes 1\.36; use one of 1\.31, .*1\.35/) }]);
  });

  it('warns, with the date and the price, about clusters in extended support', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'legacy', { regions: ['eu-west-1', 'us-east-1'], kubernetesVersion: '1.31' });
    expect(fleet.resolve().warnings).toEqual([{
      path: 'acme',
      rule: 'kubernetes-support',
      message: 'legacy-eu-west-1, legacy-us-east-1: Kubernetes 1.31 is in EKS extended support until 2026-11-26 at $0.60 per cluster-hour instead of $0.10; upgrade to 1.35',
    }]);
  });
});

describe('each cluster\'s platform', () => {
  it('pins every add-on to the versions of the cluster\'s minor, with network policies on and Pod Identity roles', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    const platform = findCluster(fleet.resolve(), 'edge')!.platform!;
    const versions = addonVersions(DEFAULT_KUBERNETES_VERSION)!;
    expect(platform.addons.map((a) => [a.name, a.version])).toEqual([
      ['vpc-cni', versions['vpc-cni']],
      ['coredns', versions.coredns],
      ['kube-proxy', versions['kube-proxy']],
      ['eks-pod-identity-agent', versions['eks-pod-identity-agent']],
      ['aws-ebs-csi-driver', versions['aws-ebs-csi-driver']],
    ]);
    const cni = platform.addons.find((a) => a.name === 'vpc-cni')!;
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

  it('changes only the bumped cluster\'s add-on versions when one cluster moves to another minor', () => {
    const build = (canary: string) => {
      const fleet = newFleet();
      new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1', 'us-east-1'], kubernetesVersion: '1.34' });
      new RegionalCluster(fleet, 'canary', { region: 'us-west-2', kubernetesVersion: canary });
      return fleet.assemble().topology.clusters;
    };
    const before = build('1.34');
    const after = build('1.35');
    for (const id of ['production-eu-west-1', 'production-us-east-1']) {
      expect(after.find((c) => c.id === id)!.platform).toEqual(before.find((c) => c.id === id)!.platform);
    }
    expect(after.find((c) => c.id === 'canary')!.platform.addons).not.toEqual(before.find((c) => c.id === 'canary')!.platform.addons);
    expect(after.find((c) => c.id === 'canary')!.platform.addons.find((a) => a.name === 'kube-proxy')!.version).toBe(addonVersions('1.35')!['kube-proxy']);
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
