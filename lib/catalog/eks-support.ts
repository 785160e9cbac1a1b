/**
 * The Amazon EKS Kubernetes version calendar, kept as data, and the support
 * phase of a version on a given day.
 *
 * Nothing here reads the clock: every judgement takes the day to judge on.
 * `Fleet` passes the day of the synth (today, unless a `supportDate` fixes it),
 * and only problems and warnings depend on it, never what is written.
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
import { daysBetween, IsoDate, isIsoDate } from './iso-date';

export type { IsoDate } from './iso-date';

/** How a calendar row's dates are confirmed. */
export type CalendarSourceKind =
  /** The release calendar table of the EKS user guide. */
  | 'aws-calendar'
  /** Secondary sources only (the AWS calendar row was not seen in a stored copy); treat as provisional. */
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
  /** Where the row was read: a key of {@link EKS_CALENDAR_SOURCES}. */
  readonly source: keyof typeof EKS_CALENDAR_SOURCES;
  /** The day the row was read. */
  readonly readOn: IsoDate;
}

/** The day the calendar below was last read; a synth long after it warns that the catalogue may be out of date. */
export const EKS_CALENDAR_READ_ON: IsoDate = '2026-12-04';

/** Days before the end of standard support from which a cluster on the version gets a warning. */
export const STANDARD_SUPPORT_WARNING_DAYS = 60;

const CALENDAR_URL = 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar';

/** Sources of {@link EKS_VERSION_CALENDAR}: the page, and the stored copy that was actually read. */
export const EKS_CALENDAR_SOURCES = {
  'user-guide-1.35': {
    url: CALENDAR_URL,
    copy: 'awsdocs/amazon-eks-user-guide@0e7fca3762579493a98cb32ab54b137ab194a2d7 latest/ug/versioning/kubernetes-versions.adoc (rows 1.29–1.35; the newest stored copy of the calendar, from after the 1.35 release)',
  },
  'user-guide-1.33': {
    url: CALENDAR_URL,
    copy: 'awsdocs/amazon-eks-user-guide@8596db85c9ea47d3c692d8c7c0498f616187d44d latest/ug/versioning/kubernetes-versions.adoc (rows 1.27–1.33; the newest stored copy that still lists 1.28)',
  },
  'secondary-1.36': {
    url: 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions-standard.html#kubernetes-1-36',
    copy: 'No stored copy of the AWS calendar has a 1.36 row. That 1.36 is on EKS is first-hand: an EKS release-notes item of 2026-06-02 mirrors the user guide\'s "Kubernetes 1.36 is now available in Amazon EKS". The dates are secondary: a third-party EKS version table that says it was verified against kubernetes-versions.html on 2026-08-06 gives standard support until August 2, 2027 and extended until August 2, 2028; both agree with the 14 + 12 month rule from the 2026-06-02 release. Check them with `npm run catalog:refresh` (scripts/catalog-refresh.mjs).',
  },
} as const;

/**
 * The EKS release calendar, oldest first. Dates are UTC days.
 * @see EKS_CALENDAR_SOURCES
 */
export const EKS_VERSION_CALENDAR: readonly EksVersionRow[] = [
  { minor: '1.28', upstreamRelease: '2023-08-15', eksRelease: '2023-09-26', endOfStandardSupport: '2024-11-26', endOfExtendedSupport: '2025-11-26', sourceKind: 'aws-calendar', source: 'user-guide-1.33', readOn: '2026-12-04' },
  { minor: '1.29', upstreamRelease: '2023-12-13', eksRelease: '2024-01-23', endOfStandardSupport: '2025-03-23', endOfExtendedSupport: '2026-03-23', sourceKind: 'aws-calendar', source: 'user-guide-1.35', readOn: '2026-12-04' },
  { minor: '1.30', upstreamRelease: '2024-04-17', eksRelease: '2024-05-23', endOfStandardSupport: '2025-07-23', endOfExtendedSupport: '2026-07-23', sourceKind: 'aws-calendar', source: 'user-guide-1.35', readOn: '2026-12-04' },
  { minor: '1.31', upstreamRelease: '2024-08-13', eksRelease: '2024-09-26', endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26', sourceKind: 'aws-calendar', source: 'user-guide-1.35', readOn: '2026-12-04' },
  { minor: '1.32', upstreamRelease: '2024-12-11', eksRelease: '2025-01-23', endOfStandardSupport: '2026-03-23', endOfExtendedSupport: '2027-03-23', sourceKind: 'aws-calendar', source: 'user-guide-1.35', readOn: '2026-12-04' },
  { minor: '1.33', upstreamRelease: '2025-04-23', eksRelease: '2025-05-29', endOfStandardSupport: '2026-07-29', endOfExtendedSupport: '2027-07-29', sourceKind: 'aws-calendar', source: 'user-guide-1.35', readOn: '2026-12-04' },
  { minor: '1.34', upstreamRelease: '2025-08-27', eksRelease: '2025-10-02', endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02', sourceKind: 'aws-calendar', source: 'user-guide-1.35', readOn: '2026-12-04' },
  { minor: '1.35', upstreamRelease: '2025-12-17', eksRelease: '2026-01-27', endOfStandardSupport: '2027-03-27', endOfExtendedSupport: '2028-03-27', sourceKind: 'aws-calendar', source: 'user-guide-1.35', readOn: '2026-12-04' },
  { minor: '1.36', eksRelease: '2026-06-02', endOfStandardSupport: '2027-08-02', endOfExtendedSupport: '2028-08-02', sourceKind: 'secondary', source: 'secondary-1.36', readOn: '2026-12-04' },
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

/**
 * An EKS cluster's upgrade policy: what happens when its version leaves standard support.
 * `STANDARD`: AWS upgrades the control plane to the next minor by itself. `EXTENDED`: the cluster
 * stays on its minor in extended support, at the extended price, until extended support ends.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/view-upgrade-policy.html
 */
export type EksSupportType = 'STANDARD' | 'EXTENDED';

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
  /** The first day of the next phase (EKS release, end of standard or of extended support), when there is one. */
  readonly nextPhaseOn?: IsoDate;
}

/** The calendar row of a minor version, or undefined when the calendar here does not list it. */
export function eksVersion(minor: string): EksVersionRow | undefined {
  return EKS_VERSION_CALENDAR.find((row) => row.minor === minor);
}

/**
 * The support phase of `minor` on `onDate`.
 * Throws when `onDate` is not a real `YYYY-MM-DD` day: callers check dates they are given first.
 */
export function supportStatus(minor: string, onDate: IsoDate): SupportStatus {
  if (!isIsoDate(onDate)) {
    throw new Error(`supportStatus: "${String(onDate)}" is not a calendar day; pass an ISO date such as "${EKS_CALENDAR_READ_ON}"`);
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

/** Minors of the calendar in the given phase on a day, oldest first. */
export function minorsIn(phase: Exclude<SupportPhase, 'unknown'>, onDate: IsoDate): string[] {
  return EKS_VERSION_CALENDAR.filter((row) => supportStatus(row.minor, onDate).status === phase).map((row) => row.minor);
}

function usd(n: number): string {
  return `$${n.toFixed(2)}`;
}

/**
 * Judges a cluster version on `onDate`: a problem when EKS no longer runs it
 * (or does not yet, or never did), a warning when it costs extended-support
 * prices or leaves standard support within {@link STANDARD_SUPPORT_WARNING_DAYS}
 * days, nothing otherwise. `upgradeTo` is the version to suggest.
 *
 * With `supportType` `STANDARD` (the cluster's upgrade policy), a version past
 * standard support is a problem: AWS would upgrade the control plane by itself,
 * outside the fleet's version channels and rollout plan; and the warning before
 * the end of standard support says so.
 */
export function judgeSupport(minor: string, onDate: IsoDate, upgradeTo?: string, supportType: EksSupportType = 'EXTENDED'): { problem?: string; warning?: string } {
  const s = supportStatus(minor, onDate);
  const upgrade = upgradeTo && upgradeTo !== minor ? `; upgrade to ${upgradeTo}` : '';
  const { standardUsdPerClusterHour: standard, extendedUsdPerClusterHour: extended } = EKS_CONTROL_PLANE_PRICING;
  switch (s.status) {
    case 'unknown':
      return s.row
        ? { problem: `Kubernetes ${minor} is not available on EKS until ${s.row.eksRelease} (judged on ${onDate})${upgrade}` }
        : { problem: `Kubernetes ${minor} is not in the EKS calendar${upgrade}` };
    case 'ended':
      return { problem: `Kubernetes ${minor} left EKS extended support on ${s.row!.endOfExtendedSupport} (judged on ${onDate}); EKS no longer creates clusters on it${upgrade}` };
    case 'extended':
      if (supportType === 'STANDARD') {
        return { problem: `Kubernetes ${minor} left EKS standard support on ${s.row!.endOfStandardSupport} (judged on ${onDate}), and with the upgrade policy STANDARD AWS upgrades the control plane by itself, outside the fleet's version channels and rollout${upgrade || '; upgrade the cluster'}, or opt into extended support with extendedSupport: true on the cluster or its profile (${usd(extended)} per cluster-hour instead of ${usd(standard)}, until ${s.nextPhaseOn})` };
      }
      return { warning: `Kubernetes ${minor} is in EKS extended support until ${s.nextPhaseOn} (judged on ${onDate}), at ${usd(extended)} per cluster-hour instead of ${usd(standard)}${upgrade}` };
    default: {
      const left = daysBetween(onDate, s.nextPhaseOn!);
      if (left > STANDARD_SUPPORT_WARNING_DAYS) return {};
      if (supportType === 'STANDARD') {
        return { warning: `Kubernetes ${minor} leaves EKS standard support on ${s.nextPhaseOn}, in ${left} day${left === 1 ? '' : 's'} (judged on ${onDate}); with the upgrade policy STANDARD AWS then upgrades the control plane by itself${upgrade}, or opt into extended support with extendedSupport: true on the cluster or its profile (${usd(extended)} per cluster-hour instead of ${usd(standard)})` };
      }
      return { warning: `Kubernetes ${minor} leaves EKS standard support on ${s.nextPhaseOn}, in ${left} day${left === 1 ? '' : 's'} (judged on ${onDate}); from then its control plane costs ${usd(extended)} per cluster-hour instead of ${usd(standard)}${upgrade}` };
    }
  }
}
