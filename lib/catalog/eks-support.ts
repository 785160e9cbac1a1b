/**
 * The Amazon EKS Kubernetes version calendar, kept as data.
 *
 * The model never reads the clock: every support judgement is made against
 * {@link CALENDAR_DATE}, the day this calendar was last read, so the same input
 * gives the same answer on every machine and every day. Refresh the table and
 * the date together.
 *
 * Support phases follow the EKS user guide ("Amazon EKS Kubernetes release
 * calendar"): dates are UTC days; extended-support billing "starts at the
 * beginning of the day that the version reaches end of standard support", and
 * on the end-of-extended-support date new clusters of that version can no
 * longer be created. So a version is in standard support from its EKS release
 * day up to (not including) its end of standard support, in extended support
 * from that day up to (not including) its end of extended support, and ended
 * from that day on.
 */
import { addonVersions } from './eks-addons';

/** An ISO calendar date, `YYYY-MM-DD`, read as a UTC day. */
export type IsoDate = string;

/** Where a calendar row's dates come from. */
export type CalendarSourceKind =
  /** The release calendar table of the EKS user guide. */
  | 'aws-calendar'
  /** Secondary sources only (the AWS calendar row was not seen); treat as provisional. */
  | 'secondary';

/** One Kubernetes minor version on Amazon EKS. */
export interface EksVersionRow {
  /** The minor version, such as "1.33". */
  readonly minor: string;
  /** The upstream Kubernetes release day, when the source gives it. */
  readonly upstreamRelease?: IsoDate;
  /** The day the version became available on Amazon EKS. */
  readonly eksRelease: IsoDate;
  /** The first day that is no longer in standard support (extended billing starts). */
  readonly endOfStandardSupport: IsoDate;
  /** The first day on which the version is no longer supported at all. */
  readonly endOfExtendedSupport: IsoDate;
  /** How well the row is confirmed. */
  readonly sourceKind: CalendarSourceKind;
}

/** The day the calendar below was read; the model uses it instead of the clock. */
export const CALENDAR_DATE: IsoDate = '2026-11-24';

/** Sources of {@link EKS_VERSION_CALENDAR}, with the date of the copy that was actually read. */
export const EKS_CALENDAR_SOURCES = [
  {
    url: 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar',
    copy: 'awsdocs/amazon-eks-user-guide latest/ug/versioning/kubernetes-versions.adoc @ 0e7fca3762579493a98cb32ab54b137ab194a2d7 (rows 1.29–1.35; stored copy from early 2026, after the 1.35 release)',
    readOn: '2026-11-24',
  },
  {
    url: 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar',
    copy: 'awsdocs/amazon-eks-user-guide latest/ug/versioning/kubernetes-versions.adoc @ ee606ae9c93585273d475fa1227f1af02e967785 (row 1.28; older stored copy)',
    readOn: '2026-11-24',
  },
  {
    url: 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions-standard.html',
    copy: 'EKS user guide release notes confirm "Kubernetes 1.36 is now available in Amazon EKS"; the 1.36 dates themselves come only from secondary copies of the calendar (third-party EKS calendars of 2026-07, and a 2026-08 upgrade article giving the EKS release as June 2, 2026). They agree with the 14 + 12 month rule.',
    readOn: '2026-11-24',
  },
] as const;

/**
 * The EKS release calendar, oldest first. Dates are UTC days.
 * @see EKS_CALENDAR_SOURCES
 */
export const EKS_VERSION_CALENDAR: readonly EksVersionRow[] = [
  { minor: '1.28', upstreamRelease: '2023-08-15', eksRelease: '2023-09-26', endOfStandardSupport: '2024-11-26', endOfExtendedSupport: '2025-11-26', sourceKind: 'aws-calendar' },
  { minor: '1.29', upstreamRelease: '2023-12-13', eksRelease: '2024-01-23', endOfStandardSupport: '2025-03-23', endOfExtendedSupport: '2026-03-23', sourceKind: 'aws-calendar' },
  { minor: '1.30', upstreamRelease: '2024-04-17', eksRelease: '2024-05-23', endOfStandardSupport: '2025-07-23', endOfExtendedSupport: '2026-07-23', sourceKind: 'aws-calendar' },
  { minor: '1.31', upstreamRelease: '2024-08-13', eksRelease: '2024-09-26', endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26', sourceKind: 'aws-calendar' },
  { minor: '1.32', upstreamRelease: '2024-12-11', eksRelease: '2025-01-23', endOfStandardSupport: '2026-03-23', endOfExtendedSupport: '2027-03-23', sourceKind: 'aws-calendar' },
  { minor: '1.33', upstreamRelease: '2025-04-23', eksRelease: '2025-05-29', endOfStandardSupport: '2026-07-29', endOfExtendedSupport: '2027-07-29', sourceKind: 'aws-calendar' },
  { minor: '1.34', upstreamRelease: '2025-08-27', eksRelease: '2025-10-02', endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02', sourceKind: 'aws-calendar' },
  { minor: '1.35', upstreamRelease: '2025-12-17', eksRelease: '2026-01-27', endOfStandardSupport: '2027-03-27', endOfExtendedSupport: '2028-03-27', sourceKind: 'aws-calendar' },
  { minor: '1.36', eksRelease: '2026-06-02', endOfStandardSupport: '2027-08-02', endOfExtendedSupport: '2028-08-02', sourceKind: 'secondary' },
];

/** Control-plane prices per cluster-hour, in US dollars (they cover the control plane only). */
export const EKS_CONTROL_PLANE_PRICING = {
  /** A cluster on a version in standard support. */
  standardUsdPerClusterHour: 0.1,
  /** A cluster on a version in extended support (total, not a surcharge). */
  extendedUsdPerClusterHour: 0.6,
  source: 'https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing/ ("charged a total of $0.60 per cluster per hour ... standard support is unchanged — $0.10 per cluster per hour"); https://aws.amazon.com/eks/pricing/',
  readOn: '2026-11-24',
} as const;

/** The support phase of a version on a day. */
export type SupportPhase = 'standard' | 'extended' | 'ended' | 'unknown';

/** The answer of {@link supportStatus}. */
export interface SupportStatus {
  /** The phase on the asked day. `unknown` for a minor not in the calendar or a day before its EKS release. */
  readonly status: SupportPhase;
  /** The minor that was asked about. */
  readonly minor: string;
  /** The calendar row, when the minor is known. */
  readonly row?: EksVersionRow;
  /** The control-plane price per cluster-hour in that phase, when the version runs at all. */
  readonly usdPerClusterHour?: number;
  /** The first day of the next phase (end of standard or extended support), when there is one. */
  readonly nextPhaseOn?: IsoDate;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when the text is a real calendar day in `YYYY-MM-DD` form. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The calendar row of a minor version, or undefined when EKS's calendar here does not list it. */
export function eksVersion(minor: string): EksVersionRow | undefined {
  return EKS_VERSION_CALENDAR.find((row) => row.minor === minor);
}

/**
 * The support phase of `minor` on `onDate` (an ISO day; defaults to {@link CALENDAR_DATE}).
 * Throws when `onDate` is not a real `YYYY-MM-DD` day, since that is a programming error.
 */
export function supportStatus(minor: string, onDate: IsoDate = CALENDAR_DATE): SupportStatus {
  if (!isIsoDate(onDate)) {
    throw new Error(`supportStatus: "${onDate}" is not a calendar day; pass an ISO date such as "${CALENDAR_DATE}"`);
  }
  const row = eksVersion(minor);
  if (!row || onDate < row.eksRelease) return { status: 'unknown', minor, row, nextPhaseOn: row?.eksRelease };
  if (onDate < row.endOfStandardSupport) {
    return { status: 'standard', minor, row, usdPerClusterHour: EKS_CONTROL_PLANE_PRICING.standardUsdPerClusterHour, nextPhaseOn: row.endOfStandardSupport };
  }
  if (onDate < row.endOfExtendedSupport) {
    return { status: 'extended', minor, row, usdPerClusterHour: EKS_CONTROL_PLANE_PRICING.extendedUsdPerClusterHour, nextPhaseOn: row.endOfExtendedSupport };
  }
  return { status: 'ended', minor, row };
}

/** Minors in the given phase on a day, oldest first. */
export function minorsIn(phase: Exclude<SupportPhase, 'unknown'>, onDate: IsoDate = CALENDAR_DATE): string[] {
  return EKS_VERSION_CALENDAR.filter((row) => supportStatus(row.minor, onDate).status === phase).map((row) => row.minor);
}

/**
 * The Kubernetes version a new fleet gets: the newest minor that is in standard
 * support on {@link CALENDAR_DATE} and has a pinned add-on row in the add-on
 * table. Newest rather than second newest: EKS recommends creating clusters on
 * the latest available version, and the newest minor with pinned add-ons gives
 * the longest runway before extended-support pricing; a minor without pinned
 * add-on versions (here 1.36) is skipped because fleetform never installs
 * "latest" at deploy time.
 */
export function defaultKubernetesVersion(onDate: IsoDate = CALENDAR_DATE): string {
  const candidates = minorsIn('standard', onDate).filter((minor) => addonVersions(minor) !== undefined);
  const newest = candidates[candidates.length - 1];
  if (newest === undefined) {
    throw new Error(`no Kubernetes minor is in EKS standard support on ${onDate} with pinned add-on versions; refresh lib/catalog/eks-support.ts and lib/catalog/eks-addons.ts`);
  }
  return newest;
}

/**
 * Checks a cluster's Kubernetes version against the calendar on {@link CALENDAR_DATE}.
 * Returns a problem (an error: EKS cannot run it), a warning (it costs extended-support
 * prices), or nothing.
 */
export function checkSupport(minor: string, onDate: IsoDate = CALENDAR_DATE): { problem?: string; warning?: string } {
  const s = supportStatus(minor, onDate);
  const newest = minorsIn('standard', onDate).filter((m) => addonVersions(m) !== undefined).pop();
  const upgrade = newest ? `; upgrade to ${newest}` : '';
  switch (s.status) {
    case 'unknown':
      return { problem: `Kubernetes ${minor} is not in the EKS calendar as of ${onDate}; use one of ${minorsIn('standard', onDate).concat(minorsIn('extended', onDate)).join(', ')}` };
    case 'ended':
      return { problem: `Kubernetes ${minor} left EKS extended support on ${s.row?.endOfExtendedSupport}; EKS no longer creates clusters on it${upgrade}` };
    case 'extended':
      return { warning: `Kubernetes ${minor} is in EKS extended support until ${s.nextPhaseOn} at $${EKS_CONTROL_PLANE_PRICING.extendedUsdPerClusterHour.toFixed(2)} per cluster-hour instead of $${EKS_CONTROL_PLANE_PRICING.standardUsdPerClusterHour.toFixed(2)}${upgrade}` };
    default:
      return {};
  }
}
