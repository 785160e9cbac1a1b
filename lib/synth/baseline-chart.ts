import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../model/resolved';
import { SYSTEM_NAMESPACE } from '../reserved';
import { ClusterValues, LABEL_PREFIX, restrictedPodSecurity } from './labels';
import type { ChartContribution } from './phases';

/** Facts about a cluster recorded on the cluster itself. */
export interface BaselineProps {
  readonly identity: ClusterValues;
  readonly kubernetesVersion: string;
  readonly labels: Record<string, string>;
  readonly vpcCidr: string;
  readonly serviceCidr: string;
  readonly tenancy: string;
}

/**
 * The objects every cluster gets before any app: fleetform's namespace, under
 * the restricted pod security standard, and a ConfigMap that tells workloads
 * and operators which fleet, cluster, region and environment they are on.
 */
export class BaselineChart extends Chart {
  constructor(scope: Construct, id: string, props: BaselineProps) {
    super(scope, id, { labels: props.labels, disableResourceNameHashes: true });
    new kplus.Namespace(this, 'namespace', {
      metadata: { name: SYSTEM_NAMESPACE, labels: restrictedPodSecurity(props.kubernetesVersion) },
    });
    const i = props.identity;
    new kplus.ConfigMap(this, 'identity', {
      metadata: { name: 'fleet-identity', namespace: SYSTEM_NAMESPACE },
      immutable: false,
      data: {
        [`${LABEL_PREFIX}.fleet`]: i.fleet,
        [`${LABEL_PREFIX}.cluster`]: i.clusterId,
        [`${LABEL_PREFIX}.region`]: i.region,
        [`${LABEL_PREFIX}.environment`]: i.environment,
        [`${LABEL_PREFIX}.kubernetes-version`]: props.kubernetesVersion,
        [`${LABEL_PREFIX}.vpc-cidr`]: props.vpcCidr,
        [`${LABEL_PREFIX}.service-cidr`]: props.serviceCidr,
        [`${LABEL_PREFIX}.tenancy`]: props.tenancy,
      },
    });
  }
}

/** The baseline chart of a cluster (rendered for each cluster: it holds the cluster's own ranges). */
export function baselineCharts(cluster: ResolvedCluster): ChartContribution[] {
  const network = cluster.network!;
  return [{
    phase: 'baseline',
    name: 'baseline',
    inputKey: JSON.stringify([cluster.kubernetesVersion, network.vpcCidr, network.serviceCidr, cluster.tenancy]),
    build: (app, labels, identity) => new BaselineChart(app, 'baseline', {
      identity, labels, kubernetesVersion: cluster.kubernetesVersion,
      vpcCidr: network.vpcCidr, serviceCidr: network.serviceCidr, tenancy: cluster.tenancy,
    }),
  }];
}
