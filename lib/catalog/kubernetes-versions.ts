/**
 * The Kubernetes minor versions fleetform provisions on EKS: those the EKS
 * calendar still supports on the calendar's own date (never the clock, so a
 * synth gives the same answer every day) and for which every add-on has a
 * pinned version. Manifests are validated against the 1.28 API, which every
 * offered minor serves.
 */
import { addonMinors, checkAddonVersions } from './eks-addons';
import { CALENDAR_DATE, checkSupport, defaultKubernetesVersion, supportStatus } from './eks-support';
import { checkPlatformReleases } from './platform-releases';

/** The minors a cluster may run: supported by EKS on the calendar date, with pinned add-ons and controllers. */
export const KUBERNETES_VERSIONS: readonly string[] = addonMinors().filter((minor) => {
  const phase = supportStatus(minor).status;
  return (phase === 'standard' || phase === 'extended') && checkAddonVersions(minor) === undefined && checkPlatformReleases(minor).length === 0;
});

/** The version a fleet gets when none is given: the newest minor in standard support with pinned add-ons. */
export const DEFAULT_KUBERNETES_VERSION: string = defaultKubernetesVersion();

/**
 * Checks a Kubernetes version given in a fleet: a minor such as "1.35" that EKS
 * still runs on the calendar date and fleetform has pinned add-ons for.
 * Returns a problem or undefined; extended support is a warning of the
 * kubernetes-support rule, not a problem.
 */
export function checkKubernetesVersion(version: string): string | undefined {
  if (KUBERNETES_VERSIONS.includes(version)) return undefined;
  const offered = `use one of ${KUBERNETES_VERSIONS.join(', ')}`;
  if (!/^1\.\d{1,2}$/.test(version)) return `Kubernetes version "${version}" is not a minor version; ${offered}, such as "${DEFAULT_KUBERNETES_VERSION}"`;
  if (supportStatus(version).status === 'ended') return `${checkSupport(version).problem} (${offered})`;
  const pinned = supportStatus(version).status === 'unknown' ? undefined : checkAddonVersions(version) ?? checkPlatformReleases(version)[0];
  return pinned ?? `Kubernetes version "${version}" is not one EKS offers as of ${CALENDAR_DATE}; ${offered}`;
}
