/**
 * What the catalogue says against what EKS says: the comparison behind
 * `scripts/catalog-refresh.mjs`, which feeds it the JSON of
 * `aws eks describe-cluster-versions` and `aws eks describe-addon-versions`.
 * Pure, so it is tested on recorded output; nothing here calls AWS.
 */
import { ADDON_VERSIONS, AddonVersionRow, compareAddonVersions, CORE_ADDON_NAMES, CoreAddonName, parseAddonVersion } from './eks-addons';
import { EKS_VERSION_CALENDAR, EksVersionRow } from './eks-support';
import { IsoDate, utcDayOf } from './iso-date';

/** The parts of `aws eks describe-cluster-versions --output json` the comparison reads. */
export interface DescribeClusterVersionsOutput {
  readonly clusterVersions: readonly {
    readonly clusterVersion: string;
    readonly clusterType?: string;
    readonly releaseDate?: string;
    readonly endOfStandardSupportDate?: string;
    readonly endOfExtendedSupportDate?: string;
    readonly status?: string;
  }[];
}

/** The parts of `aws eks describe-addon-versions --kubernetes-version <minor> --addon-name <name> --output json` the comparison reads. */
export interface DescribeAddonVersionsOutput {
  readonly addons: readonly {
    readonly addonName: string;
    readonly addonVersions: readonly {
      readonly addonVersion: string;
      readonly compatibilities?: readonly { readonly clusterVersion: string; readonly defaultVersion?: boolean }[];
    }[];
  }[];
}

/** What EKS answered: the cluster versions, and per minor and add-on the add-on versions. */
export interface EksAnswers {
  readonly clusterVersions: DescribeClusterVersionsOutput;
  /** Minor → add-on name → the add-on's versions for that minor. */
  readonly addonVersions: Readonly<Record<string, Partial<Record<CoreAddonName, DescribeAddonVersionsOutput>>>>;
}

/** One difference between the catalogue and EKS. */
export interface CatalogueDifference {
  /** The catalogue file to change. */
  readonly file: 'lib/catalog/eks-support.ts' | 'lib/catalog/eks-addons.ts';
  /** The minor it concerns. */
  readonly minor: string;
  /** What differs: a calendar field, or an add-on name. */
  readonly subject: string;
  /** What the catalogue says. */
  readonly catalogue: string;
  /** What EKS says. */
  readonly eks: string;
  /** Whether the catalogue is wrong (`fix`), behind (`update`), or leaves a choice to EKS that could now be pinned (`pin`). */
  readonly action: 'fix' | 'update' | 'pin';
}

/** What the catalogue holds, to compare (the real one by default). */
export interface CatalogueTables {
  readonly calendar: readonly EksVersionRow[];
  readonly addons: readonly AddonVersionRow[];
}

const CALENDAR_FIELDS = [
  ['eksRelease', 'releaseDate'],
  ['endOfStandardSupport', 'endOfStandardSupportDate'],
  ['endOfExtendedSupport', 'endOfExtendedSupportDate'],
] as const;

/** The minors to ask EKS about add-ons for: the catalogue's, and any newer minor EKS lists. */
export function minorsToAsk(clusterVersions: DescribeClusterVersionsOutput, tables: CatalogueTables = { calendar: EKS_VERSION_CALENDAR, addons: ADDON_VERSIONS }): string[] {
  const known = tables.addons.map((r) => r.minor);
  const listed = clusterVersions.clusterVersions.filter((v) => (v.clusterType ?? 'eks') === 'eks').map((v) => v.clusterVersion);
  return [...new Set([...known, ...listed])].sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
}

function calendarDifferences(answers: EksAnswers, tables: CatalogueTables, today: IsoDate): CatalogueDifference[] {
  const file = 'lib/catalog/eks-support.ts' as const;
  const out: CatalogueDifference[] = [];
  const listed = answers.clusterVersions.clusterVersions.filter((v) => (v.clusterType ?? 'eks') === 'eks');
  for (const v of listed) {
    const row = tables.calendar.find((r) => r.minor === v.clusterVersion);
    if (!row) {
      out.push({ file, minor: v.clusterVersion, subject: 'calendar row', catalogue: 'none', eks: `on EKS since ${utcDayOf(v.releaseDate ?? '') ?? '?'} (${v.status ?? 'status unknown'})`, action: 'update' });
      continue;
    }
    for (const [field, eksField] of CALENDAR_FIELDS) {
      const day = utcDayOf(v[eksField] ?? '');
      if (day !== undefined && day !== row[field]) out.push({ file, minor: row.minor, subject: field, catalogue: row[field], eks: day, action: 'fix' });
    }
  }
  for (const row of tables.calendar) {
    if (row.endOfExtendedSupport > today && !listed.some((v) => v.clusterVersion === row.minor)) {
      out.push({ file, minor: row.minor, subject: 'calendar row', catalogue: `supported until ${row.endOfExtendedSupport}`, eks: 'not listed', action: 'fix' });
    }
  }
  return out;
}

/** The versions EKS offers for `minor` in one answer: all of them, its default, and the newest. */
export function offered(answer: DescribeAddonVersionsOutput | undefined, name: CoreAddonName, minor: string): { all: string[]; default?: string; newest?: string } {
  const versions = (answer?.addons ?? []).filter((a) => a.addonName === name).flatMap((a) => a.addonVersions)
    .filter((v) => (v.compatibilities ?? []).some((c) => c.clusterVersion === minor));
  const all = versions.map((v) => v.addonVersion);
  const dflt = versions.find((v) => (v.compatibilities ?? []).some((c) => c.clusterVersion === minor && c.defaultVersion))?.addonVersion;
  const newest = all.filter((v) => parseAddonVersion(v)).sort(compareAddonVersions).pop();
  return { all, default: dflt, newest };
}

function addonDifferences(answers: EksAnswers, tables: CatalogueTables): CatalogueDifference[] {
  const file = 'lib/catalog/eks-addons.ts' as const;
  const out: CatalogueDifference[] = [];
  for (const minor of Object.keys(answers.addonVersions).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]))) {
    const row = tables.addons.find((r) => r.minor === minor);
    for (const name of CORE_ADDON_NAMES) {
      const answer = answers.addonVersions[minor]?.[name];
      if (!answer) continue;
      const eks = offered(answer, name, minor);
      const said = `default ${eks.default ?? 'none'}, newest ${eks.newest ?? 'none'}`;
      const choice = row?.addons[name];
      if (!choice) {
        if (eks.all.length > 0) out.push({ file, minor, subject: name, catalogue: 'no row', eks: said, action: 'update' });
      } else if (choice.kind === 'pinned') {
        if (!eks.all.includes(choice.version)) out.push({ file, minor, subject: name, catalogue: `pinned ${choice.version}`, eks: `not offered for ${minor}; ${said}`, action: 'fix' });
        else if (eks.newest !== undefined && eks.newest !== choice.version) out.push({ file, minor, subject: name, catalogue: `pinned ${choice.version}`, eks: said, action: 'update' });
      } else if (eks.default !== undefined) {
        out.push({ file, minor, subject: name, catalogue: 'EKS default at deploy', eks: said, action: 'pin' });
      }
    }
  }
  return out;
}

/**
 * Every difference between the catalogue and EKS's answers, calendar first,
 * then add-ons by minor; `today` decides which calendar rows EKS should still list.
 */
export function diffCatalogue(answers: EksAnswers, today: IsoDate, tables: CatalogueTables = { calendar: EKS_VERSION_CALENDAR, addons: ADDON_VERSIONS }): CatalogueDifference[] {
  return [...calendarDifferences(answers, tables, today), ...addonDifferences(answers, tables)];
}

/** The differences as lines to print, with what to do about them. */
export function formatDifferences(differences: readonly CatalogueDifference[], today: IsoDate): string[] {
  if (differences.length === 0) return [`The catalogue matches what EKS answered on ${today}.`];
  const verb = { fix: 'FIX', update: 'UPDATE', pin: 'CAN PIN' } as const;
  return [
    `${differences.length} difference${differences.length === 1 ? '' : 's'} between the catalogue and what EKS answered on ${today}:`,
    ...differences.map((d) => `  ${verb[d.action]} ${d.file} ${d.minor} ${d.subject}: catalogue ${d.catalogue}; EKS ${d.eks}`),
    `Update each row with its source ("aws eks describe-..." read on ${today}) and readOn, then run the tests and \`npx vitest run -u\`.`,
  ];
}
