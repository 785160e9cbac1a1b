import { describe, expect, it } from 'vitest';
import {
  AWS_LOAD_BALANCER_CONTROLLER, CLUSTER_AUTOSCALER_CHART, CLUSTER_AUTOSCALER_IMAGE_TAGS, checkPlatformReleases, clusterAutoscalerRelease,
} from '../../lib/catalog/platform-releases';
import { addonMinors } from '../../lib/catalog/eks-addons';

describe('Cluster Autoscaler releases', () => {
  it('pins an image whose minor matches the cluster minor', () => {
    for (const [minor, row] of Object.entries(CLUSTER_AUTOSCALER_IMAGE_TAGS)) {
      expect(row.tag).toMatch(new RegExp(`^v${minor.replace('.', '\\.')}\\.\\d+$`));
      expect(row.source).toContain('kubernetes/autoscaler');
      expect(row.readOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('covers every minor that has pinned add-ons', () => {
    for (const minor of addonMinors()) {
      expect(clusterAutoscalerRelease(minor), minor).toBeDefined();
      expect(checkPlatformReleases(minor)).toEqual([]);
    }
  });

  it('gives the full image reference on the chart\'s registry', () => {
    expect(clusterAutoscalerRelease('1.34')).toMatchObject({
      imageTag: 'v1.34.5',
      image: 'registry.k8s.io/autoscaling/cluster-autoscaler:v1.34.5',
      chart: { repository: 'https://kubernetes.github.io/autoscaler', chart: 'cluster-autoscaler' },
    });
    expect(CLUSTER_AUTOSCALER_CHART.chartVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('reports a minor without a pinned autoscaler and how to add one', () => {
    expect(clusterAutoscalerRelease('1.30')).toBeUndefined();
    expect(checkPlatformReleases('1.30')[0]).toMatch(/Kubernetes 1\.30.*cluster-autoscaler:v1\.30\.x.*CLUSTER_AUTOSCALER_IMAGE_TAGS/);
    expect(checkPlatformReleases('1.x')[0]).toMatch(/write it as "1\.N"/);
  });
});

describe('AWS Load Balancer Controller release', () => {
  it('is a pinned chart from the eks-charts repository', () => {
    expect(AWS_LOAD_BALANCER_CONTROLLER).toMatchObject({ repository: 'https://aws.github.io/eks-charts', chart: 'aws-load-balancer-controller' });
    expect(AWS_LOAD_BALANCER_CONTROLLER.chartVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(AWS_LOAD_BALANCER_CONTROLLER.appVersion).toBe(`v${AWS_LOAD_BALANCER_CONTROLLER.chartVersion}`);
  });

  it('refuses clusters older than its minimum Kubernetes version', () => {
    expect(checkPlatformReleases('1.21').some((p) => /needs Kubernetes 1\.22 or later/.test(p))).toBe(true);
  });
});
