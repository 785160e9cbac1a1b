/**
 * The fleet's trust root, resolved once: the root CA (created by the
 * deployment, or an existing one), the names every cluster uses for it (the
 * cert-manager issuer, the ConfigMap holding the CA's certificate, the
 * trust-manager Bundle) and, on every cluster, the controllers that make it
 * work: cert-manager, the AWS Private CA issuer (with a Pod Identity role
 * allowed to issue from that CA only) and trust-manager; for a user-provided
 * CA, cert-manager and trust-manager, and the External Secrets Operator reads
 * the CA's secret into cert-manager's namespace. A fleet without a trust root
 * gets none of it. Pure.
 */
import { AWS_PRIVATECA_ISSUER, CERT_MANAGER, TRUST_MANAGER } from '../catalog/platform-releases';
import type { CaKeyAlgorithm, FleetTrust } from '../fleet-trust';
import type { PlatformChart } from './platform';
import type { ResolvedCluster } from './resolved';
import { secretStoreOf } from './secret-stores';
import type { ResolvedTrust } from './trust-spec';

export type { ResolvedTrust };

/** The `AWSPCAClusterIssuer` every cluster has, named the same on each: a Certificate's `issuerRef.name`. */
export const FLEET_ISSUER = 'fleet-ca';

/** The ConfigMap in each namespace that trust-manager fills with the fleet CA's certificate (key `ca.crt`). */
export const FLEET_CA_BUNDLE = 'fleet-ca';

/** The key of the CA certificate in the bundle's ConfigMaps and in its source. */
export const FLEET_CA_KEY = 'ca.crt';

/** The ConfigMap in trust-manager's trust namespace that the deployment writes the CA's (public) certificate into. */
export const FLEET_CA_SOURCE = 'fleet-root-ca';

/** The Secret in `cert-manager` the External Secrets Operator copies a user-provided CA into (`tls.crt`, `tls.key`). */
export const FLEET_CA_KEY_SECRET = 'fleet-ca-key';

/** The signing algorithm of the root certificate, by the key's algorithm. */
const SIGNING_ALGORITHM: Readonly<Record<CaKeyAlgorithm, string>> = {
  EC_prime256v1: 'SHA256WITHECDSA',
  EC_secp384r1: 'SHA384WITHECDSA',
  RSA_2048: 'SHA256WITHRSA',
  RSA_4096: 'SHA256WITHRSA',
};

/** The fleet's trust root, or undefined when the fleet has none (or its options are wrong: the fleet reports that). */
export function resolveTrust(trust: FleetTrust | undefined, fleet: string): ResolvedTrust | undefined {
  if (!trust || trust.kind === 'none' || trust.problemsIn(fleet).length > 0) return undefined;
  const common = { issuer: FLEET_ISSUER, bundle: { name: FLEET_CA_BUNDLE, key: FLEET_CA_KEY } };
  if (trust.kind === 'user-provided') {
    const ref = trust.secret!;
    return {
      kind: 'user-provided',
      ...(ref.region !== undefined ? { region: ref.region } : {}),
      secret: { name: ref.secretName, store: secretStoreOf(ref), target: FLEET_CA_KEY_SECRET },
      source: { kind: 'Secret', namespace: CERT_MANAGER.namespace, name: FLEET_CA_KEY_SECRET, key: 'tls.crt' },
      ...common,
    };
  }
  if (trust.region === undefined) return undefined;
  return {
    kind: trust.kind,
    region: trust.region,
    mode: trust.mode,
    ...(trust.arn !== undefined ? { arn: trust.arn } : {}),
    ...(trust.kind === 'aws-private-ca' ? {
      root: {
        keyAlgorithm: trust.keyAlgorithm,
        signingAlgorithm: SIGNING_ALGORITHM[trust.keyAlgorithm],
        commonName: `${fleet} fleet root CA`,
        organization: fleet,
        validityYears: trust.validityYears,
      },
    } : {}),
    source: { kind: 'ConfigMap', namespace: TRUST_MANAGER.trustNamespace, name: FLEET_CA_SOURCE, key: FLEET_CA_KEY },
    ...common,
  };
}

/** The platform's reads of Secrets Manager a cluster makes for the trust root: the user-provided CA's secret, from cert-manager's namespace. */
export function trustSecretReads(trust: ResolvedTrust | undefined): { store: string; namespace: string }[] {
  return trust?.secret ? [{ store: trust.secret.store, namespace: CERT_MANAGER.namespace }] : [];
}

/** The controllers of the trust root, cert-manager first: the others wait for it. No Private CA issuer for a user-provided CA. */
function trustCharts(trust: ResolvedTrust): PlatformChart[] {
  const pca = AWS_PRIVATECA_ISSUER;
  const charts: PlatformChart[] = [
    {
      name: 'cert-manager',
      repository: CERT_MANAGER.repository,
      chart: CERT_MANAGER.chart,
      version: CERT_MANAGER.chartVersion,
      namespace: CERT_MANAGER.namespace,
      createNamespace: true,
      values: { crds: { enabled: true } },
    },
    {
      name: 'aws-privateca-issuer',
      repository: pca.repository,
      chart: pca.chart,
      version: pca.chartVersion,
      namespace: pca.serviceAccount.namespace,
      createNamespace: true,
      serviceAccount: pca.serviceAccount.name,
      issuesFromFleetCa: true,
      after: ['cert-manager'],
      values: {
        serviceAccount: { create: true, name: pca.serviceAccount.name },
        // cert-manager's own service account approves the requests to the issuer (the chart's default, said here).
        approverRole: { enabled: true, serviceAccountName: 'cert-manager', namespace: CERT_MANAGER.namespace },
      },
    },
    {
      name: 'trust-manager',
      repository: TRUST_MANAGER.repository,
      chart: TRUST_MANAGER.chart,
      version: TRUST_MANAGER.chartVersion,
      namespace: TRUST_MANAGER.trustNamespace,
      after: ['cert-manager'],
      values: { crds: { enabled: true }, app: { trust: { namespace: TRUST_MANAGER.trustNamespace } } },
    },
  ];
  return trust.kind === 'user-provided' ? charts.filter((c) => c.name !== 'aws-privateca-issuer') : charts;
}

/** `cluster` with the trust root's controllers in its platform, when the fleet has a trust root and the cluster a platform. */
export function withTrust(cluster: ResolvedCluster, trust: ResolvedTrust | undefined): ResolvedCluster {
  if (!trust || !cluster.platform) return cluster;
  return { ...cluster, platform: { ...cluster.platform, charts: [...cluster.platform.charts, ...trustCharts(trust)] } };
}
