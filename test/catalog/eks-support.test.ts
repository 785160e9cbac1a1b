import { describe, expect, it } from 'vitest';
import {
  EKS_CALENDAR_READ_ON, EKS_CALENDAR_SOURCES, EKS_CONTROL_PLANE_PRICING, EKS_VERSION_CALENDAR, eksVersion, judgeSupport, minorsIn,
  STANDARD_SUPPORT_WARNING_DAYS, supportStatus,
} from '../../lib/catalog/eks-support';
import { addDays, daysBetween, isIsoDate, utcDayOf } from '../../lib/catalog/iso-date';

describe('EKS version calendar', () => {
  it('covers 1.28 to 1.36, once each, in ascending order', () => {
    const minors = EKS_VERSION_CALENDAR.map((r) => r.minor);
    for (const m of ['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36']) expect(minors).toContain(m);
    expect(new Set(minors).size).toBe(minors.length);
    const numbers = minors.map((m) => Number(m.split('.')[1]));
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
  });

  it.each(EKS_VERSION_CALENDAR.map((r) => [r.minor, r] as const))('%s has real, ordered dates, a source and the day it was read', (_minor, row) => {
    for (const d of [row.eksRelease, row.endOfStandardSupport, row.endOfExtendedSupport, row.readOn]) expect(isIsoDate(d)).toBe(true);
    if (row.upstreamRelease) {
      expect(isIsoDate(row.upstreamRelease)).toBe(true);
      expect(row.upstreamRelease < row.eksRelease).toBe(true);
    }
    expect(row.eksRelease < row.endOfStandardSupport).toBe(true);
    expect(row.endOfStandardSupport < row.endOfExtendedSupport).toBe(true);
    expect(EKS_CALENDAR_SOURCES[row.source].url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/eks\//);
    expect(row.readOn <= EKS_CALENDAR_READ_ON).toBe(true);
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

  it('marks 1.36 as secondary: no stored AWS calendar has its row', () => {
    expect(eksVersion('1.36')).toMatchObject({ eksRelease: '2026-06-02', endOfStandardSupport: '2027-08-02', endOfExtendedSupport: '2028-08-02', sourceKind: 'secondary' });
  });
});

describe('ISO days', () => {
  it('rejects days that do not exist and values that are not strings', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-1-5')).toBe(false);
    expect(isIsoDate(20261120)).toBe(false);
    expect(isIsoDate(undefined)).toBe(false);
  });

  it('counts and adds days in UTC', () => {
    expect(daysBetween('2026-11-26', '2026-12-04')).toBe(8);
    expect(daysBetween('2026-12-04', '2026-11-26')).toBe(-8);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-27', -60)).toBe('2027-01-26');
  });

  it('reads the UTC day of describe-cluster-versions timestamps', () => {
    expect(utcDayOf('2025-11-25T16:00:00-08:00')).toBe('2025-11-26');
    expect(utcDayOf('not a time')).toBeUndefined();
  });
});

describe('supportStatus', () => {
  it.each(EKS_VERSION_CALENDAR.map((r) => [r.minor, r] as const))('%s changes phase exactly on the calendar days', (minor, row) => {
    expect(supportStatus(minor, addDays(row.eksRelease, -1)).status).toBe('unknown');
    expect(supportStatus(minor, row.eksRelease).status).toBe('standard');
    expect(supportStatus(minor, addDays(row.endOfStandardSupport, -1)).status).toBe('standard');
    expect(supportStatus(minor, row.endOfStandardSupport).status).toBe('extended');
    expect(supportStatus(minor, addDays(row.endOfExtendedSupport, -1)).status).toBe('extended');
    expect(supportStatus(minor, row.endOfExtendedSupport).status).toBe('ended');
    expect(supportStatus(minor, addDays(row.endOfExtendedSupport, 1)).status).toBe('ended');
  });

  it('prices the phases per cluster-hour', () => {
    expect(supportStatus('1.35', '2026-12-04')).toMatchObject({ status: 'standard', usdPerClusterHour: 0.1, nextPhaseOn: '2027-03-27' });
    expect(supportStatus('1.34', '2026-12-04')).toMatchObject({ status: 'extended', usdPerClusterHour: 0.6, nextPhaseOn: '2027-12-02' });
    expect(supportStatus('1.31', '2026-12-04').status).toBe('ended');
    expect(supportStatus('1.31', '2026-12-04').usdPerClusterHour).toBeUndefined();
    expect(EKS_CONTROL_PLANE_PRICING.extendedUsdPerClusterHour).toBeGreaterThan(EKS_CONTROL_PLANE_PRICING.standardUsdPerClusterHour);
  });

  it('answers unknown for a minor the calendar does not have', () => {
    expect(supportStatus('1.99', '2026-12-04')).toEqual({ status: 'unknown', minor: '1.99', row: undefined, nextPhaseOn: undefined });
  });

  it('refuses a malformed day', () => {
    expect(() => supportStatus('1.34', '24/11/2026')).toThrow(/not a calendar day/);
  });

  it('lists the minors of a phase on a day', () => {
    expect(minorsIn('standard', '2026-12-04')).toEqual(['1.35', '1.36']);
    expect(minorsIn('extended', '2026-12-04')).toEqual(['1.32', '1.33', '1.34']);
  });
});

describe('judgeSupport', () => {
  it('refuses a version past extended support, with the date', () => {
    const { problem } = judgeSupport('1.31', '2026-12-04', '1.36');
    expect(problem).toBe('Kubernetes 1.31 left EKS extended support on 2026-11-26 (judged on 2026-12-04); EKS no longer creates clusters on it; upgrade to 1.36');
  });

  it('warns about extended support with the date and the hourly price', () => {
    expect(judgeSupport('1.34', '2026-12-04', '1.36').warning)
      .toBe('Kubernetes 1.34 is in EKS extended support until 2027-12-02 (judged on 2026-12-04), at $0.60 per cluster-hour instead of $0.10; upgrade to 1.36');
  });

  it(`warns within ${STANDARD_SUPPORT_WARNING_DAYS} days of the end of standard support, and not before`, () => {
    expect(judgeSupport('1.35', '2027-01-25')).toEqual({});
    expect(judgeSupport('1.35', '2027-01-26').warning).toBe('Kubernetes 1.35 leaves EKS standard support on 2027-03-27, in 60 days (judged on 2027-01-26); from then its control plane costs $0.60 per cluster-hour instead of $0.10');
    expect(judgeSupport('1.35', '2027-03-26').warning).toMatch(/in 1 day \(/);
  });

  it('says nothing for a version in standard support', () => {
    expect(judgeSupport('1.36', '2026-12-04')).toEqual({});
  });

  it('refuses a version before its EKS release, and one the calendar does not list', () => {
    expect(judgeSupport('1.36', '2026-05-01').problem).toBe('Kubernetes 1.36 is not available on EKS until 2026-06-02 (judged on 2026-05-01)');
    expect(judgeSupport('1.27', '2026-12-04', '1.36').problem).toBe('Kubernetes 1.27 is not in the EKS calendar; upgrade to 1.36');
  });
});
