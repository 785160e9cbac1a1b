/**
 * The Kubernetes minor versions fleetform can provision on EKS: those the
 * catalogue has a whole platform for (a calendar row, a choice for every EKS
 * add-on, a Cluster Autoscaler image). Whether EKS still runs one is judged at
 * synth against the synth's day ({@link checkKubernetesSupport}), never here:
 * the catalogue alone is the same on every day. Manifests are validated
 * against the 1.28 API, which every offered minor serves.
 */
import { addonMinors, checkAddonVersions } from './eks-addons';
import { EKS_CALENDAR_READ_ON, EksSupportType, eksVersion, IsoDate, judgeSupport, supportStatus } from './eks-support';
import { checkPlatformReleases } from './platform-releases';

/** The minors the catalogue has a whole platform for, oldest first; EKS support is judged at synth. */
export const KUBERNETES_VERSIONS: readonly string[] = addonMinors()
  .filter((minor) => eksVersion(minor) !== undefined && checkAddonVersions(minor) === undefined && checkPlatformReleases(minor).length === 0);

/** The minors of the catalogue in EKS standard support on a day, oldest first. */
export function standardSupportVersions(onDate: IsoDate): string[] {
  return KUBERNETES_VERSIONS.filter((minor) => supportStatus(minor, onDate).status === 'standard');
}

/**
 * The version a fleet gets when none is given: the newest minor of the catalogue
 * in EKS standard support on the day the calendar was read. It depends on the
 * catalogue only, never on the clock, so the same program gives the same output
 * on every day; a synth long after that day warns that the catalogue may be out of date.
 */
export function defaultKubernetesVersion(onDate: IsoDate = EKS_CALENDAR_READ_ON): string {
  const newest = standardSupportVersions(onDate).pop();
  if (newest === undefined) {
    throw new Error(`no Kubernetes minor of fleetform's catalogue is in EKS standard support on ${onDate}; refresh lib/catalog/eks-support.ts and lib/catalog/eks-addons.ts`);
  }
  return newest;
}

/** The version a fleet gets when none is given: the newest of the catalogue in standard support when the calendar was read. */
export const DEFAULT_KUBERNETES_VERSION: string = defaultKubernetesVersion();

/**
 * Checks a Kubernetes version given in a fleet: a minor such as "1.36" that the
 * catalogue has a platform for. Returns a problem or undefined. Whether EKS
 * still runs it on the synth's day is the kubernetes-support rule's judgement.
 */
export function checkKubernetesVersion(version: string): string | undefined {
  if (KUBERNETES_VERSIONS.includes(version)) return undefined;
  const offered = `use one of ${KUBERNETES_VERSIONS.join(', ')}`;
  if (!/^1\.\d{1,2}$/.test(version)) return `Kubernetes version "${version}" is not a minor version; ${offered}, such as "${DEFAULT_KUBERNETES_VERSION}"`;
  const row = eksVersion(version);
  if (row && row.endOfExtendedSupport <= EKS_CALENDAR_READ_ON) {
    return `Kubernetes ${version} left EKS extended support on ${row.endOfExtendedSupport}; EKS no longer creates clusters on it and fleetform's catalogue has no platform for it; ${offered}`;
  }
  const missing = checkAddonVersions(version) ?? checkPlatformReleases(version)[0];
  if (row && missing) return missing;
  return `Kubernetes version "${version}" is not in fleetform's catalogue (EKS calendar read on ${EKS_CALENDAR_READ_ON}); ${offered}`;
}

/**
 * Judges a catalogue version against EKS's calendar on `onDate`: a problem when
 * EKS no longer (or not yet) runs it, a warning in extended support or within
 * 60 days of leaving standard support; the upgrade suggested is the newest
 * catalogue minor in standard support that day. `supportType` is the clusters'
 * upgrade policy (see {@link judgeSupport}).
 */
export function checkKubernetesSupport(version: string, onDate: IsoDate, supportType: EksSupportType = 'EXTENDED'): { problem?: string; warning?: string } {
  return judgeSupport(version, onDate, standardSupportVersions(onDate).pop(), supportType);
}
