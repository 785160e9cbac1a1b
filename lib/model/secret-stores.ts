/**
 * Secrets in the resolved fleet, decided once: which store each secret
 * variable of an app reads from, the ClusterSecretStores a cluster needs (one
 * for its own region, named the same on every cluster, and one per other region
 * a reference names) and the External Secrets Operator in the platform of the
 * clusters where an app reads a secret, and only there. Pure.
 */
import { EXTERNAL_SECRETS_OPERATOR } from '../catalog/platform-releases';
import { SecretReference } from '../secret-reference';
import type { PlatformChart } from './platform';
import type { ResolvedCluster } from './resolved';
import type { AppSecretEnv, AppSecretFile, ResolvedSecretStore } from './secret-specs';

/** The store of the cluster's own region: the same name on every cluster. */
export const LOCAL_SECRET_STORE = 'aws-secrets-manager';

/** The store of another region a reference names. */
export function regionalSecretStore(region: string): string {
  return `${LOCAL_SECRET_STORE}-${region}`;
}

/** The store that reads a reference: the cluster's own region's, or the region it names. */
export function secretStoreOf(ref: Pick<SecretReference, 'region'>): string {
  return ref.region === undefined ? LOCAL_SECRET_STORE : regionalSecretStore(ref.region);
}

/** The Secret key of a secret file: `file.` and its path without the leading `/`, each `/` a `.`. */
export function secretFileKey(path: string): string {
  return `file.${path.slice(1).split('/').join('.')}`;
}

/** An app's secret files as its spec carries them, sorted by path; references already checked. */
export function appSecretFiles(secretFiles: Readonly<Record<string, SecretReference>> | undefined): AppSecretFile[] | undefined {
  // A value that is not a reference is the app's problem to report, not the resolve step's to trip over.
  const paths = Object.keys(secretFiles ?? {}).filter((path) => SecretReference.isSecretReference(secretFiles![path])).sort();
  if (paths.length === 0) return undefined;
  return paths.map((path) => {
    const ref = secretFiles![path]!;
    return { path, secretKey: secretFileKey(path), store: secretStoreOf(ref), secretName: ref.secretName, ...(ref.key !== undefined ? { key: ref.key } : {}) };
  });
}

/** An app's secret variables as its spec carries them, sorted by name; references already checked. */
export function appSecretEnv(secretEnv: Readonly<Record<string, SecretReference>> | undefined): AppSecretEnv[] | undefined {
  const names = Object.keys(secretEnv ?? {}).filter((name) => SecretReference.isSecretReference(secretEnv![name])).sort();
  if (names.length === 0) return undefined;
  return names.map((name) => {
    const ref = secretEnv![name]!;
    return {
      name,
      store: secretStoreOf(ref),
      secretName: ref.secretName,
      ...(ref.key !== undefined ? { key: ref.key } : {}),
    };
  });
}

/** The External Secrets Operator as a platform controller; `regions` are those its stores read. */
function externalSecretsChart(regions: readonly string[], fleet: string): PlatformChart {
  const eso = EXTERNAL_SECRETS_OPERATOR;
  return {
    name: 'external-secrets',
    repository: eso.repository,
    chart: eso.chart,
    version: eso.chartVersion,
    namespace: eso.serviceAccount.namespace,
    createNamespace: true,
    serviceAccount: eso.serviceAccount.name,
    secretsAccess: { regions, prefix: `${fleet}/` },
    values: {
      installCRDs: true,
      serviceAccount: { create: true, name: eso.serviceAccount.name },
      // ExternalSecrets are fleetform's to write: the chart would otherwise let every holder of the
      // built-in edit or admin role (a team) create one that reads any of the fleet's secrets.
      rbac: { aggregateToEdit: false, aggregateToAdmin: false },
    },
  };
}

/** The region of a store name of `cluster`. */
function storeRegion(store: string, cluster: ResolvedCluster): string {
  return store === LOCAL_SECRET_STORE ? cluster.region : store.slice(LOCAL_SECRET_STORE.length + 1);
}

/**
 * `cluster` with its secret stores and, when any app placed on it (or its
 * platform: `platformReads`) reads a secret, the External Secrets Operator in its platform, with an IAM scope of
 * the stores' regions and the fleet's secret prefix.
 */
export function withSecretStores(cluster: ResolvedCluster, fleet: string, platformReads: readonly { store: string; namespace: string }[] = []): ResolvedCluster {
  const byStore = new Map<string, Set<string>>();
  // Reads of the platform itself (a user-provided CA, read into cert-manager's namespace), where the cluster has a platform.
  for (const r of cluster.platform ? platformReads : []) byStore.set(r.store, new Set([...(byStore.get(r.store) ?? []), r.namespace]));
  for (const { spec } of cluster.apps) {
    for (const s of [...(spec.secretEnv ?? []), ...(spec.secretFiles ?? [])]) {
      const namespaces = byStore.get(s.store) ?? new Set<string>();
      namespaces.add(spec.namespace);
      byStore.set(s.store, namespaces);
    }
  }
  if (byStore.size === 0) return cluster;
  const secretStores = [...byStore.keys()].sort().map((name): ResolvedSecretStore => ({
    name,
    region: storeRegion(name, cluster),
    namespaces: [...byStore.get(name)!].sort(),
  }));
  const regions = [...new Set(secretStores.map((s) => s.region))].sort();
  const platform = cluster.platform && { ...cluster.platform, charts: [...cluster.platform.charts, externalSecretsChart(regions, fleet)] };
  return { ...cluster, secretStores, ...(platform ? { platform } : {}) };
}
