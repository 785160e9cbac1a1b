import { describe, expect, it } from 'vitest';
import {
  CALENDAR_DATE, EKS_CONTROL_PLANE_PRICING, EKS_VERSION_CALENDAR, checkSupport, defaultKubernetesVersion, eksVersion, isIsoDate,
  minorsIn, supportStatus,
} from '../../lib/catalog/eks-support';
import { addonVersions } from '../../lib/catalog/eks-addons';

/** The UTC day after an ISO day. */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
/** The UTC day before an ISO day. */
function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

describe('EKS version calendar', () => {
  it('covers at least 1.28 to 1.34, once each, in ascending order', () => {
    const minors = EKS_VERSION_CALENDAR.map((r) => r.minor);
    for (const m of ['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34']) expect(minors).toContain(m);
    expect(new Set(minors).size).toBe(minors.length);
    const numbers = minors.map((m) => Number(m.split('.')[1]));
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
  });

  it.each(EKS_VERSION_CALENDAR.map((r) => [r.minor, r] as const))('%s has real, ordered dates', (_minor, row) => {
    for (const d of [row.eksRelease, row.endOfStandardSupport, row.endOfExtendedSupport]) expect(isIsoDate(d)).toBe(true);
    if (row.upstreamRelease) {
      expect(isIsoDate(row.upstreamRelease)).toBe(true);
      expect(row.upstreamRelease < row.eksRelease).toBe(true);
    }
    expect(row.eksRelease < row.endOfStandardSupport).toBe(true);
    expect(row.endOfStandardSupport < row.endOfExtendedSupport).toBe(true);
  });

  it('gives each version 14 months of standard and 12 of extended support', () => {
    const months = (a: string, b: string) =>
      (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
    for (const row of EKS_VERSION_CALENDAR) {
      expect(months(row.eksRelease, row.endOfStandardSupport)).toBe(14);
      expect(months(row.endOfStandardSupport, row.endOfExtendedSupport)).toBe(12);
    }
  });

  it('matches the design card for the end-of-support dates it states', () => {
    expect(eksVersion('1.31')).toMatchObject({ endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26' });
    expect(eksVersion('1.34')).toMatchObject({ endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02' });
  });

  it('rejects days that do not exist', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-1-5')).toBe(false);
  });
});

describe('supportStatus', () => {
  it.each(EKS_VERSION_CALENDAR.map((r) => [r.minor, r] as const))('%s changes phase exactly on the calendar days', (minor, row) => {
    expect(supportStatus(minor, dayBefore(row.eksRelease)).status).toBe('unknown');
    expect(supportStatus(minor, row.eksRelease).status).toBe('standard');
    expect(supportStatus(minor, dayBefore(row.endOfStandardSupport)).status).toBe('standard');
    expect(supportStatus(minor, row.endOfStandardSupport).status).toBe('extended');
    expect(supportStatus(minor, dayBefore(row.endOfExtendedSupport)).status).toBe('extended');
    expect(supportStatus(minor, row.endOfExtendedSupport).status).toBe('ended');
    expect(supportStatus(minor, nextDay(row.endOfExtendedSupport)).status).toBe('ended');
  });

  it('prices the phases per cluster-hour', () => {
    expect(supportStatus('1.35', '2026-11-24')).toMatchObject({ status: 'standard', usdPerClusterHour: 0.1, nextPhaseOn: '2027-03-27' });
    expect(supportStatus('1.31', '2026-11-24')).toMatchObject({ status: 'extended', usdPerClusterHour: 0.6, nextPhaseOn: '2026-11-26' });
    expect(supportStatus('1.28', '2026-11-24').usdPerClusterHour).toBeUndefined();
    expect(EKS_CONTROL_PLANE_PRICING.extendedUsdPerClusterHour).toBeGreaterThan(EKS_CONTROL_PLANE_PRICING.standardUsdPerClusterHour);
  });

  it('answers unknown for a minor the calendar does not have', () => {
    expect(supportStatus('1.99', '2026-11-24')).toEqual({ status: 'unknown', minor: '1.99', row: undefined, nextPhaseOn: undefined });
  });

  it('defaults to the calendar date, not the clock', () => {
    expect(supportStatus('1.34')).toEqual(supportStatus('1.34', CALENDAR_DATE));
  });

  it('refuses a malformed day', () => {
    expect(() => supportStatus('1.34', '24/11/2026')).toThrow(/not a calendar day/);
  });
});

describe('defaultKubernetesVersion', () => {
  it('is in standard support on the calendar date and has pinned add-ons', () => {
    const v = defaultKubernetesVersion();
    expect(supportStatus(v).status).toBe('standard');
    expect(addonVersions(v)).toBeDefined();
  });

  it('is the newest such minor', () => {
    const v = defaultKubernetesVersion();
    const newer = minorsIn('standard').filter((m) => Number(m.split('.')[1]) > Number(v.split('.')[1]));
    for (const m of newer) expect(addonVersions(m)).toBeUndefined();
  });

  it('moves on when the calendar date moves past standard support', () => {
    // From the day 1.35 leaves standard support only 1.36 is in it, and 1.36 has no pinned add-ons.
    expect(defaultKubernetesVersion('2027-03-26')).toBe('1.35');
    expect(() => defaultKubernetesVersion('2027-03-27')).toThrow(/refresh lib\/catalog/);
    expect(defaultKubernetesVersion('2026-03-01')).toBe('1.35');
    expect(defaultKubernetesVersion('2026-01-26')).toBe('1.34');
  });
});

describe('checkSupport', () => {
  it('refuses an ended version and names the upgrade', () => {
    const { problem } = checkSupport('1.29', '2026-11-24');
    expect(problem).toMatch(/1\.29 left EKS extended support on 2026-03-23/);
    expect(problem).toMatch(/upgrade to 1\.\d+/);
  });

  it('warns about extended-support prices', () => {
    expect(checkSupport('1.32', '2026-11-24').warning).toMatch(/extended support until 2027-03-23 at \$0\.60 per cluster-hour instead of \$0\.10/);
  });

  it('says nothing for a version in standard support', () => {
    expect(checkSupport('1.35', '2026-11-24')).toEqual({});
  });

  it('refuses a minor EKS does not list and says which to use', () => {
    expect(checkSupport('1.27', '2026-11-24').problem).toMatch(/not in the EKS calendar.*use one of .*1\.35/);
  });
});
