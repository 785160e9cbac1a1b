/**
 * The StorageClass of a stateful app's volume claims on a cluster of managed
 * node groups: encrypted gp3 EBS volumes through the EBS CSI driver add-on
 * every such cluster runs, created in the zone of the pod that first uses them.
 * Written on the clusters that run a stateful app; an Auto Mode cluster has
 * its own class of the same name (auto-mode-chart.ts).
 * @see https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html
 * @see https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md
 */
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppKind } from '../app-kind';
import { ComputeMode } from '../environment-profile';
import { ENCRYPTED_STORAGE_CLASS } from '../model/app-workload';
import type { ResolvedCluster } from '../model/resolved';
import type { ChartContribution } from './phases';

/** The provisioner of the EBS CSI driver add-on. */
export const EBS_CSI_PROVISIONER = 'ebs.csi.aws.com';

/** The encrypted gp3 StorageClass of a managed-node-group cluster. */
export class StorageChart extends Chart {
  constructor(scope: Construct, id: string, labels: Record<string, string>) {
    super(scope, id, { labels, disableResourceNameHashes: true });
    new kplus.k8s.KubeStorageClass(this, 'storage-class', {
      metadata: { name: ENCRYPTED_STORAGE_CLASS },
      provisioner: EBS_CSI_PROVISIONER,
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      reclaimPolicy: 'Delete',
      parameters: { type: 'gp3', encrypted: 'true' },
    });
  }
}

/** The storage chart, in the platform phase, of a managed-node-group cluster that runs a stateful app; none otherwise. */
export function storageCharts(cluster: ResolvedCluster): ChartContribution[] {
  if (cluster.computeMode === ComputeMode.AUTO_MODE) return [];
  if (!cluster.apps.some((a) => a.spec.workload.kind === AppKind.STATEFUL)) return [];
  return [{
    phase: 'platform',
    name: 'storage',
    templateKey: 'storage',
    build: (app, labels) => new StorageChart(app, 'storage', labels),
  }];
}
