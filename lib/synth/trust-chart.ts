/**
 * The fleet trust root's objects in a cluster's manifests, in the platform
 * phase (after trust-manager's release, which installs the Bundle CRD): one
 * trust-manager `Bundle` that copies the fleet CA's certificate from the
 * ConfigMap the deployment writes into trust-manager's trust namespace into a
 * ConfigMap of every namespace. Only the CA's public certificate travels; the
 * CA's key never leaves AWS Private CA, and nothing here holds a key.
 *
 * For a user-provided CA, also: an `ExternalSecret` that has the External
 * Secrets Operator copy the CA (certificate and key) from Secrets Manager into
 * a TLS Secret of cert-manager's namespace, and a cert-manager `ClusterIssuer`
 * of type CA signing with it; the Bundle then reads the certificate from that
 * Secret. The manifests name the secret only, never its value.
 */
import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { CERT_MANAGER, EXTERNAL_SECRETS_OPERATOR, TRUST_MANAGER } from '../catalog/platform-releases';
import type { ResolvedCluster, ResolvedFleet } from '../model/resolved';
import type { ResolvedTrust } from '../model/trust';
import { SECRET_REFRESH_INTERVAL } from './app-secrets';
import type { ChartContribution } from './phases';

/** The chart's name: its file on each cluster is `2000-fleet-trust.k8s.yaml`. */
export const TRUST_CHART = 'fleet-trust';

/** A cluster's trust Bundle. */
export class TrustChart extends Chart {
  constructor(scope: Construct, id: string, labels: Record<string, string>, trust: ResolvedTrust) {
    super(scope, id, { labels, disableResourceNameHashes: true });
    if (trust.secret) {
      const { namespace } = trust.source;
      new ApiObject(this, 'ca-key', {
        apiVersion: EXTERNAL_SECRETS_OPERATOR.apiVersion,
        kind: 'ExternalSecret',
        metadata: { name: trust.secret.target, namespace },
        spec: {
          refreshInterval: SECRET_REFRESH_INTERVAL,
          secretStoreRef: { kind: 'ClusterSecretStore', name: trust.secret.store },
          target: { name: trust.secret.target, creationPolicy: 'Owner', template: { type: 'kubernetes.io/tls' } },
          data: ['tls.crt', 'tls.key'].map((key) => ({ secretKey: key, remoteRef: { key: trust.secret!.name, property: key } })),
        },
      });
      new ApiObject(this, 'issuer', {
        apiVersion: CERT_MANAGER.apiVersion,
        kind: 'ClusterIssuer',
        metadata: { name: trust.issuer },
        spec: { ca: { secretName: trust.secret.target } },
      });
    }
    new ApiObject(this, 'bundle', {
      apiVersion: TRUST_MANAGER.apiVersion,
      kind: 'Bundle',
      metadata: { name: trust.bundle.name },
      spec: {
        sources: [{ [trust.source.kind === 'Secret' ? 'secret' : 'configMap']: { name: trust.source.name, key: trust.source.key } }],
        target: { configMap: { key: trust.bundle.key } },
      },
    });
  }
}

/** The trust chart of every cluster with a platform, in a fleet with a trust root; none otherwise. */
export function trustCharts(cluster: ResolvedCluster, fleet: ResolvedFleet): ChartContribution[] {
  const trust = fleet.trust;
  if (!trust || !cluster.platform) return [];
  return [{
    phase: 'platform',
    name: TRUST_CHART,
    templateKey: JSON.stringify({ chart: TRUST_CHART, bundle: trust.bundle, source: trust.source, issuer: trust.issuer, secret: trust.secret ?? null }),
    build: (app, labels) => new TrustChart(app, TRUST_CHART, labels, trust),
  }];
}
