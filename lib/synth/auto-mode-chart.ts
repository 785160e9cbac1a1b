/**
 * What an EKS Auto Mode cluster needs in its manifests that AWS does not create
 * itself: an IngressClass per ALB scheme, configured by an IngressClassParams
 * (scheme, and the group that shares one ALB among the cluster's Ingresses), a
 * default StorageClass of encrypted gp3 volumes for Auto Mode's block storage,
 * and the ConfigMap that turns on network-policy enforcement (fleetform's apps
 * come with NetworkPolicies).
 * @see https://docs.aws.amazon.com/eks/latest/userguide/auto-configure-alb.html
 * @see https://docs.aws.amazon.com/eks/latest/userguide/create-storage-class.html
 * @see https://docs.aws.amazon.com/eks/latest/userguide/auto-net-pol.html
 */
import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { EKS_AUTO_MODE } from '../catalog/eks-auto-mode';
import { ComputeMode } from '../environment-profile';
import { ENCRYPTED_STORAGE_CLASS } from '../model/app-workload';
import type { AppIngressSpec, ResolvedCluster } from '../model/resolved';
import type { ClusterValues } from './labels';
import type { ChartContribution } from './phases';

/** An ALB scheme. */
export type AlbScheme = AppIngressSpec['scheme'];

/** The IngressClass (and IngressClassParams) of each scheme on an Auto Mode cluster. */
export const AUTO_MODE_INGRESS_CLASSES: Readonly<Record<AlbScheme, string>> = {
  'internet-facing': 'eks-alb',
  'internal': 'eks-alb-internal',
};

/** The default StorageClass fleetform writes on an Auto Mode cluster. */
export const AUTO_MODE_STORAGE_CLASS = ENCRYPTED_STORAGE_CLASS;

/** The ALB group of a scheme: every Ingress of the class shares one ALB, as `group.name` does under the controller. */
export function autoModeAlbGroup(fleet: string, scheme: AlbScheme): string {
  return scheme === 'internet-facing' ? fleet : `${fleet}-internal`;
}

/** The platform objects of an Auto Mode cluster. */
export class AutoModeChart extends Chart {
  constructor(scope: Construct, id: string, labels: Record<string, string>, values: ClusterValues) {
    super(scope, id, { labels, disableResourceNameHashes: true });
    const alb = EKS_AUTO_MODE.alb;
    for (const scheme of Object.keys(AUTO_MODE_INGRESS_CLASSES) as AlbScheme[]) {
      const name = AUTO_MODE_INGRESS_CLASSES[scheme];
      new ApiObject(this, `ingress-class-params-${scheme}`, {
        apiVersion: alb.paramsApiVersion,
        kind: 'IngressClassParams',
        metadata: { name },
        spec: { scheme, group: { name: autoModeAlbGroup(values.fleet, scheme) } },
      });
      new kplus.k8s.KubeIngressClass(this, `ingress-class-${scheme}`, {
        metadata: { name },
        spec: {
          controller: alb.controller,
          parameters: { apiGroup: alb.paramsApiVersion.split('/')[0]!, kind: 'IngressClassParams', name },
        },
      });
    }
    new kplus.k8s.KubeStorageClass(this, 'storage-class', {
      metadata: { name: AUTO_MODE_STORAGE_CLASS, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: EKS_AUTO_MODE.storage.provisioner,
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      reclaimPolicy: 'Delete',
      parameters: { type: 'gp3', encrypted: 'true' },
    });
    const policy = EKS_AUTO_MODE.networkPolicy.configMap;
    new kplus.k8s.KubeConfigMap(this, 'network-policy', {
      metadata: { name: policy.name, namespace: policy.namespace },
      data: { ...policy.data },
    });
  }
}

/** The Auto Mode chart of an Auto Mode cluster, in the platform phase; none for other clusters. */
export function autoModeCharts(cluster: ResolvedCluster): ChartContribution[] {
  if (cluster.computeMode !== ComputeMode.AUTO_MODE) return [];
  return [{
    phase: 'platform',
    name: 'auto-mode',
    templateKey: 'auto-mode',
    build: (app, labels, values) => new AutoModeChart(app, 'auto-mode', labels, values),
  }];
}
