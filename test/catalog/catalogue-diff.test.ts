import { describe, expect, it } from 'vitest';
import {
  DescribeAddonVersionsOutput, DescribeClusterVersionsOutput, diffCatalogue, formatDifferences, minorsToAsk, offered,
} from '../../lib/catalog/catalogue-diff';
import { ADDON_VERSIONS, CORE_ADDON_NAMES, CoreAddonName } from '../../lib/catalog/eks-addons';
import { EKS_VERSION_CALENDAR } from '../../lib/catalog/eks-support';

/** A describe-cluster-versions entry as the CLI prints it (timestamps in US Pacific time, as in the user guide's example). */
const clusterVersion = (minor: string, release: string, standard: string, extended: string, status = 'STANDARD_SUPPORT') => ({
  clusterVersion: minor, clusterType: 'eks', defaultPlatformVersion: 'eks.1', defaultVersion: false, status, kubernetesPatchVersion: `${minor}.1`,
  releaseDate: `${release}T17:00:00-07:00`, endOfStandardSupportDate: `${standard}T16:00:00-08:00`, endOfExtendedSupportDate: `${extended}T16:00:00-08:00`,
});

/** The day before, as the Pacific-time timestamps put it. */
const before = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** What describe-cluster-versions would print for the catalogue's own calendar (1.32–1.36, those still supported). */
function clusterVersionsOfCalendar(): DescribeClusterVersionsOutput {
  return {
    clusterVersions: EKS_VERSION_CALENDAR.filter((r) => r.endOfExtendedSupport > '2026-12-04')
      .map((r) => clusterVersion(r.minor, before(r.eksRelease), before(r.endOfStandardSupport), before(r.endOfExtendedSupport))),
  };
}

/** A describe-addon-versions answer listing `versions` for `minor`, the first marked default. */
function addonAnswer(name: string, minor: string, versions: string[]): DescribeAddonVersionsOutput {
  return {
    addons: [{
      addonName: name,
      addonVersions: versions.map((v, i) => ({
        addonVersion: v, architecture: ['amd64', 'arm64'], requiresConfiguration: false,
        compatibilities: [{ clusterVersion: minor, platformVersions: ['*'], defaultVersion: i === 0 }],
      })),
    }],
  } as DescribeAddonVersionsOutput;
}

/** EKS answers that agree with the catalogue: each pin offered (and newest, and default); for add-ons left to EKS, nothing offered. */
function agreeingAddons(): Record<string, Partial<Record<CoreAddonName, DescribeAddonVersionsOutput>>> {
  return Object.fromEntries(ADDON_VERSIONS.map((row) => [row.minor, Object.fromEntries(CORE_ADDON_NAMES.map((name) => {
    const c = row.addons[name];
    return [name, addonAnswer(name, row.minor, c.kind === 'pinned' ? [c.version] : [])];
  }))]));
}

describe('diffCatalogue', () => {
  it('finds nothing when EKS answers what the catalogue says, reading timestamps as UTC days', () => {
    const diffs = diffCatalogue({ clusterVersions: clusterVersionsOfCalendar(), addonVersions: agreeingAddons() }, '2026-12-04');
    expect(diffs).toEqual([]);
    expect(formatDifferences(diffs, '2026-12-04')).toEqual(['The catalogue matches what EKS answered on 2026-12-04.']);
  });

  it('reports a calendar date that moved, a new minor, and a supported row EKS no longer lists', () => {
    const versions = clusterVersionsOfCalendar().clusterVersions
      .filter((v) => v.clusterVersion !== '1.32')
      .map((v) => (v.clusterVersion === '1.36' ? { ...v, endOfStandardSupportDate: '2027-08-09T16:00:00-07:00' } : v));
    const answers = { clusterVersions: { clusterVersions: [...versions, clusterVersion('1.37', '2026-10-01', '2027-12-01', '2028-12-01')] }, addonVersions: {} };
    expect(diffCatalogue(answers, '2026-12-04')).toEqual([
      { file: 'lib/catalog/eks-support.ts', minor: '1.36', subject: 'endOfStandardSupport', catalogue: '2027-08-02', eks: '2027-08-09', action: 'fix' },
      { file: 'lib/catalog/eks-support.ts', minor: '1.37', subject: 'calendar row', catalogue: 'none', eks: 'on EKS since 2026-10-02 (STANDARD_SUPPORT)', action: 'update' },
      { file: 'lib/catalog/eks-support.ts', minor: '1.32', subject: 'calendar row', catalogue: 'supported until 2027-03-23', eks: 'not listed', action: 'fix' },
    ]);
    expect(minorsToAsk(answers.clusterVersions)).toEqual(['1.31', '1.32', '1.33', '1.34', '1.35', '1.36', '1.37']);
  });

  it('reports a pin EKS does not offer, a pin behind the newest build, and what EKS would default to where nothing is pinned', () => {
    const addons = agreeingAddons();
    addons['1.35']!['kube-proxy'] = addonAnswer('kube-proxy', '1.35', ['v1.35.3-eksbuild.20', 'v1.35.3-eksbuild.13', 'v1.35.4-eksbuild.2']);
    addons['1.34']!.coredns = addonAnswer('coredns', '1.34', ['v1.13.2-eksbuild.12']);
    addons['1.36']!['aws-ebs-csi-driver'] = addonAnswer('aws-ebs-csi-driver', '1.36', ['v1.58.0-eksbuild.1', 'v1.59.0-eksbuild.1']);
    const diffs = diffCatalogue({ clusterVersions: clusterVersionsOfCalendar(), addonVersions: addons }, '2026-12-04');
    expect(diffs).toEqual([
      { file: 'lib/catalog/eks-addons.ts', minor: '1.34', subject: 'coredns', catalogue: 'pinned v1.13.2-eksbuild.11', eks: 'not offered for 1.34; default v1.13.2-eksbuild.12, newest v1.13.2-eksbuild.12', action: 'fix' },
      { file: 'lib/catalog/eks-addons.ts', minor: '1.35', subject: 'kube-proxy', catalogue: 'pinned v1.35.3-eksbuild.13', eks: 'default v1.35.3-eksbuild.20, newest v1.35.4-eksbuild.2', action: 'update' },
      { file: 'lib/catalog/eks-addons.ts', minor: '1.36', subject: 'aws-ebs-csi-driver', catalogue: 'EKS default at deploy', eks: 'default v1.58.0-eksbuild.1, newest v1.59.0-eksbuild.1', action: 'pin' },
    ]);
    expect(formatDifferences(diffs, '2026-12-04')).toEqual([
      '3 differences between the catalogue and what EKS answered on 2026-12-04:',
      '  FIX lib/catalog/eks-addons.ts 1.34 coredns: catalogue pinned v1.13.2-eksbuild.11; EKS not offered for 1.34; default v1.13.2-eksbuild.12, newest v1.13.2-eksbuild.12',
      '  UPDATE lib/catalog/eks-addons.ts 1.35 kube-proxy: catalogue pinned v1.35.3-eksbuild.13; EKS default v1.35.3-eksbuild.20, newest v1.35.4-eksbuild.2',
      '  CAN PIN lib/catalog/eks-addons.ts 1.36 aws-ebs-csi-driver: catalogue EKS default at deploy; EKS default v1.58.0-eksbuild.1, newest v1.59.0-eksbuild.1',
      'Update each row with its source ("aws eks describe-..." read on 2026-12-04) and readOn, then run the tests and `npx vitest run -u`.',
    ]);
  });

  it('reads only the versions compatible with the asked minor', () => {
    const answer = addonAnswer('vpc-cni', '1.35', ['v1.21.1-eksbuild.7']);
    const other = { addonVersion: 'v1.22.0-eksbuild.1', compatibilities: [{ clusterVersion: '1.36', defaultVersion: true }] };
    const mixed = { addons: [{ ...answer.addons[0]!, addonVersions: [...answer.addons[0]!.addonVersions, other] }] };
    expect(offered(mixed, 'vpc-cni', '1.35')).toEqual({ all: ['v1.21.1-eksbuild.7'], default: 'v1.21.1-eksbuild.7', newest: 'v1.21.1-eksbuild.7' });
    expect(offered(undefined, 'vpc-cni', '1.35')).toEqual({ all: [], default: undefined, newest: undefined });
  });
});
