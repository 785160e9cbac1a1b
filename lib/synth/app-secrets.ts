/**
 * An app's secret variables on one cluster: per store it reads from, an
 * ExternalSecret in the app's namespace whose target Secret the External
 * Secrets Operator creates and owns (deleted with it), and the container's
 * env entries reading that Secret by key. The manifests name the secret and
 * key only; the value never passes through fleetform.
 */
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { EXTERNAL_SECRETS_OPERATOR } from '../catalog/platform-releases';
import type { AppSpec } from '../model/resolved';
import { LOCAL_SECRET_STORE } from '../model/secret-stores';

/** How often the operator reads the secrets again, so a rotated value reaches the Secret within it. */
export const SECRET_REFRESH_INTERVAL = '1h';

/** The Secret (and ExternalSecret) name of an app's variables of one store: `<app>-secrets`, `-<region>` added for a store of another region. */
export function appSecretName(app: string, store: string): string {
  return store === LOCAL_SECRET_STORE ? `${app}-secrets` : `${app}-secrets${store.slice(LOCAL_SECRET_STORE.length)}`;
}

/** The container's env entries reading an app's secret variables from their Secrets, sorted by name as the spec keeps them. */
export function secretEnvEntries(s: Pick<AppSpec, 'name' | 'secretEnv'>): { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } }[] {
  return (s.secretEnv ?? []).map((v) => ({ name: v.name, valueFrom: { secretKeyRef: { name: appSecretName(s.name, v.store), key: v.name } } }));
}

/**
 * The projected volumes and mounts of an app's secret files: one read-only volume per
 * folder, its files read from the Secret of each one's store (so a rotated value reaches
 * the file within the refresh interval and the kubelet's sync, without a restart).
 */
export function secretFileVolumes(s: Pick<AppSpec, 'name' | 'secretFiles'>): { volumes: unknown[]; mounts: unknown[] } {
  const byFolder = new Map<string, NonNullable<AppSpec['secretFiles']>[number][]>();
  for (const f of s.secretFiles ?? []) {
    const folder = f.path.slice(0, f.path.lastIndexOf('/'));
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), f]);
  }
  const volumes: unknown[] = [];
  const mounts: unknown[] = [];
  [...byFolder].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).forEach(([folder, files], i) => {
    const name = `secret-files-${i}`;
    const stores = [...new Set(files.map((f) => f.store))].sort();
    volumes.push({
      name,
      projected: {
        sources: stores.map((store) => ({
          secret: {
            name: appSecretName(s.name, store),
            items: files.filter((f) => f.store === store).map((f) => ({ key: f.secretKey, path: f.path.slice(folder.length + 1) })),
          },
        })),
      },
    });
    mounts.push({ mountPath: folder, name, readOnly: true });
  });
  return { volumes, mounts };
}

/** Adds the app's ExternalSecrets to `scope`, one per store it reads from; none when it reads no secret. */
export function addAppSecrets(scope: Construct, s: AppSpec): void {
  const byStore = new Map<string, { secretKey: string; secretName: string; key?: string }[]>();
  const entries = [
    ...(s.secretEnv ?? []).map((v) => ({ store: v.store, secretKey: v.name, secretName: v.secretName, key: v.key })),
    ...(s.secretFiles ?? []).map((f) => ({ store: f.store, secretKey: f.secretKey, secretName: f.secretName, key: f.key })),
  ];
  for (const v of entries) byStore.set(v.store, [...(byStore.get(v.store) ?? []), v]);
  for (const [store, vars] of [...byStore].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const name = appSecretName(s.name, store);
    new ApiObject(scope, `external-secret-${name}`, {
      apiVersion: EXTERNAL_SECRETS_OPERATOR.apiVersion,
      kind: 'ExternalSecret',
      metadata: { name, namespace: s.namespace },
      spec: {
        refreshInterval: SECRET_REFRESH_INTERVAL,
        secretStoreRef: { kind: 'ClusterSecretStore', name: store },
        // Owner: the operator creates the Secret and it goes with the ExternalSecret.
        target: { name, creationPolicy: 'Owner' },
        data: vars.map((v) => ({
          secretKey: v.secretKey,
          remoteRef: { key: v.secretName, ...(v.key !== undefined ? { property: v.key } : {}) },
        })),
      },
    });
  }
}
