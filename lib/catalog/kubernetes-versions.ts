/**
 * Kubernetes minor versions fleetform provisions on EKS (standard and extended
 * support). Manifests are written for the 1.28 API, which every listed minor
 * serves.
 */
export const KUBERNETES_VERSIONS: readonly string[] = ['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34'];

/** The version a fleet gets when none is given. */
export const DEFAULT_KUBERNETES_VERSION = '1.31';

export function checkKubernetesVersion(version: string): string | undefined {
  if (KUBERNETES_VERSIONS.includes(version)) return undefined;
  return `Kubernetes version "${version}" is not supported; use one of ${KUBERNETES_VERSIONS.join(', ')} (a minor version, such as "1.31")`;
}
