/**
 * The ClusterSecretStores of a cluster whose apps read secrets, in the
 * platform phase (after the External Secrets Operator's release, which
 * installs their CRDs): Secrets Manager of one region each, with no `auth`
 * block, so the operator uses its own service account's EKS Pod Identity
 * role, and usable only from the namespaces of the apps that read through it.
 */
import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { EXTERNAL_SECRETS_OPERATOR } from '../catalog/platform-releases';
import type { ResolvedCluster } from '../model/resolved';
import type { ResolvedSecretStore } from '../model/secret-specs';
import type { ChartContribution } from './phases';

/** The chart's name: its file on each cluster is `2000-secret-stores.k8s.yaml`. */
export const SECRET_STORES_CHART = 'secret-stores';

/** A cluster's ClusterSecretStores. */
export class SecretStoreChart extends Chart {
  constructor(scope: Construct, id: string, labels: Record<string, string>, stores: readonly ResolvedSecretStore[]) {
    super(scope, id, { labels, disableResourceNameHashes: true });
    for (const store of stores) {
      new ApiObject(this, store.name, {
        apiVersion: EXTERNAL_SECRETS_OPERATOR.apiVersion,
        kind: 'ClusterSecretStore',
        metadata: { name: store.name },
        spec: {
          conditions: [{ namespaces: [...store.namespaces] }],
          provider: { aws: { service: 'SecretsManager', region: store.region } },
        },
      });
    }
  }
}

/** The secret stores chart of a cluster whose apps read secrets; none for other clusters. */
export function secretStoreCharts(cluster: ResolvedCluster): ChartContribution[] {
  const stores = cluster.secretStores ?? [];
  if (stores.length === 0) return [];
  return [{
    phase: 'platform',
    name: SECRET_STORES_CHART,
    inputKey: JSON.stringify(stores),
    build: (app, labels) => new SecretStoreChart(app, SECRET_STORES_CHART, labels, stores),
  }];
}
