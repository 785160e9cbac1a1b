import { describe, expect, it } from 'vitest';
import { CATALOGUE_FILES, CATALOGUE_STALE_AFTER_DAYS, staleCatalogueFiles } from '../../lib/catalog/catalogue-age';
import { EKS_CALENDAR_READ_ON, supportStatus } from '../../lib/catalog/eks-support';
import { addDays } from '../../lib/catalog/iso-date';
import {
  DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS, checkKubernetesSupport, checkKubernetesVersion, defaultKubernetesVersion,
} from '../../lib/catalog/kubernetes-versions';

describe('catalogue versions', () => {
  it('offers 1.31 to 1.36, whatever the day', () => {
    expect(KUBERNETES_VERSIONS).toEqual(['1.31', '1.32', '1.33', '1.34', '1.35', '1.36']);
  });

  it('defaults to the newest minor in standard support when the calendar was read', () => {
    expect(DEFAULT_KUBERNETES_VERSION).toBe('1.36');
    expect(supportStatus(DEFAULT_KUBERNETES_VERSION, EKS_CALENDAR_READ_ON).status).toBe('standard');
    expect(defaultKubernetesVersion('2026-03-01')).toBe('1.35');
    expect(defaultKubernetesVersion('2026-01-26')).toBe('1.34');
    expect(() => defaultKubernetesVersion('2028-08-02')).toThrow(/refresh lib\/catalog/);
  });

  it('accepts any catalogue minor without looking at the day, and explains the rest', () => {
    expect(checkKubernetesVersion('1.31')).toBeUndefined();
    expect(checkKubernetesVersion('1.36')).toBeUndefined();
    expect(checkKubernetesVersion('1.29')).toBe('Kubernetes 1.29 left EKS extended support on 2026-03-23; EKS no longer creates clusters on it and fleetform\'s catalogue has no platform for it; use one of 1.31, 1.32, 1.33, 1.34, 1.35, 1.36');
    expect(checkKubernetesVersion('1.37')).toMatch(/^Kubernetes version "1\.37" is not in fleetform's catalogue \(EKS calendar read on 2026-12-04\); use one of/);
    expect(checkKubernetesVersion('1.36.1')).toMatch(/is not a minor version; use one of .*, such as "1\.36"/);
  });

  it('judges support on the day given, suggesting the newest minor in standard support', () => {
    expect(checkKubernetesSupport('1.31', '2026-12-04').problem).toMatch(/left EKS extended support on 2026-11-26.*upgrade to 1\.36$/);
    expect(checkKubernetesSupport('1.31', '2026-11-25')).toEqual({ warning: expect.stringMatching(/extended support until 2026-11-26/) });
    expect(checkKubernetesSupport('1.34', '2026-12-04').warning).toMatch(/extended support until 2027-12-02 .*\$0\.60 per cluster-hour/);
    expect(checkKubernetesSupport('1.36', '2026-12-04')).toEqual({});
  });
});

describe('catalogue age', () => {
  it('dates every file of the catalogue', () => {
    expect(CATALOGUE_FILES.map((f) => f.file)).toEqual([
      'lib/catalog/eks-support.ts', 'lib/catalog/eks-addons.ts', 'lib/catalog/platform-releases.ts',
      'lib/catalog/iam-policies.ts', 'lib/catalog/eks-auto-mode.ts', 'lib/catalog/instance-types.ts', 'lib/catalog/aws-regions.ts',
    ]);
    // The version calendar is read last but for files read since (the Auto Mode facts, a day later); none is stale on its day.
    expect(staleCatalogueFiles(EKS_CALENDAR_READ_ON)).toEqual([]);
  });

  it(`warns for each file read more than ${CATALOGUE_STALE_AFTER_DAYS} days before the day, naming it`, () => {
    const files = [{ file: 'lib/catalog/eks-addons.ts', holds: 'the EKS add-on versions per Kubernetes minor', readOn: '2026-12-04' }];
    expect(staleCatalogueFiles(addDays('2026-12-04', 90), files)).toEqual([]);
    expect(staleCatalogueFiles('2027-03-05', files)).toEqual([
      'fleetform\'s catalogue file lib/catalog/eks-addons.ts (the EKS add-on versions per Kubernetes minor) was read on 2026-12-04, 91 days before 2027-03-05; AWS may have changed what it holds since: update fleetform, or refresh the file (in fleetform\'s repository, `npm run catalog:refresh` prints how it differs from what EKS offers today)',
    ]);
  });

  it('is quiet on the day the catalogue was read', () => {
    expect(staleCatalogueFiles(EKS_CALENDAR_READ_ON)).toEqual([]);
  });
});
