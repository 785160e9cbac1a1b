import { describe, expect, it } from 'vitest';
import {
  ADDON_IDENTITIES, ADDON_VERSIONS, CORE_ADDON_NAMES, EKS_ADDON_NAMES, VPC_CNI_NETWORK_POLICY, addonMinors, addonVersions,
  addonsNeedingRoles, checkAddonVersions, compareAddonVersions, parseAddonVersion, supportsNetworkPolicy, vpcCniConfigurationValues,
} from '../../lib/catalog/eks-addons';
import { CALENDAR_DATE, supportStatus } from '../../lib/catalog/eks-support';

describe('pinned add-on versions', () => {
  it.each(ADDON_VERSIONS.map((r) => [r.minor, r] as const))('%s has a complete, well-formed row', (minor, row) => {
    for (const name of CORE_ADDON_NAMES) {
      const v = row.versions[name];
      expect(v, `${name} for ${minor}`).toBeDefined();
      expect(parseAddonVersion(v), `${name} ${v}`).toBeDefined();
    }
    expect(checkAddonVersions(minor)).toBeUndefined();
  });

  it('pins kube-proxy to the cluster minor', () => {
    for (const row of ADDON_VERSIONS) expect(row.versions['kube-proxy'].startsWith(`v${row.minor}.`)).toBe(true);
  });

  it('offers only minors EKS still runs on the calendar date', () => {
    for (const minor of addonMinors()) expect(['standard', 'extended']).toContain(supportStatus(minor, CALENDAR_DATE).status);
  });

  it('never moves an add-on backwards from one minor to the next', () => {
    for (let i = 1; i < ADDON_VERSIONS.length; i++) {
      const [older, newer] = [ADDON_VERSIONS[i - 1]!, ADDON_VERSIONS[i]!];
      for (const name of CORE_ADDON_NAMES) expect(compareAddonVersions(older.versions[name], newer.versions[name])).toBeLessThanOrEqual(0);
    }
  });

  it('returns undefined for a minor without a row', () => {
    expect(addonVersions('1.36')).toBeUndefined();
    expect(addonVersions('1.28')).toBeUndefined();
    expect(addonVersions('1.34')?.['vpc-cni']).toMatch(/^v1\.\d+\.\d+-eksbuild\.\d+$/);
  });
});

describe('checkAddonVersions', () => {
  it('names the minor and how to fix a missing row', () => {
    const problem = checkAddonVersions('1.36');
    expect(problem).toContain('Kubernetes 1.36');
    expect(problem).toContain('use one of 1.31, 1.32, 1.33, 1.34, 1.35');
    expect(problem).toContain('aws eks describe-addon-versions --kubernetes-version 1.36');
  });

  it('names an add-on that has no pin when it is wanted', () => {
    const problem = checkAddonVersions('1.34', EKS_ADDON_NAMES);
    expect(problem).toMatch(/1\.34 has no pinned version of metrics-server/);
  });
});

describe('add-on identities', () => {
  it('gives a service account and a managed policy to every add-on that needs a role', () => {
    const needing = addonsNeedingRoles().map((a) => a.addon).sort();
    expect(needing).toEqual(['aws-ebs-csi-driver', 'vpc-cni']);
    for (const a of addonsNeedingRoles()) {
      expect(a.serviceAccount).toBeTruthy();
      expect(a.managedPolicyArn).toMatch(/^arn:aws:iam::aws:policy\//);
    }
    expect(ADDON_IDENTITIES['vpc-cni']).toMatchObject({ namespace: 'kube-system', serviceAccount: 'aws-node', managedPolicyArn: 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy' });
    expect(ADDON_IDENTITIES['aws-ebs-csi-driver']).toMatchObject({ serviceAccount: 'ebs-csi-controller-sa', managedPolicyArn: 'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy' });
  });

  it('needs no IAM for metrics-server', () => {
    expect(ADDON_IDENTITIES['metrics-server'].iam).toBe('none');
    expect(ADDON_IDENTITIES['metrics-server'].managedPolicyArn).toBeUndefined();
  });
});

describe('VPC CNI network policy', () => {
  it('writes the configuration value as the string "true"', () => {
    expect(JSON.parse(vpcCniConfigurationValues({ networkPolicy: true }))).toEqual({ enableNetworkPolicy: 'true' });
    expect(JSON.parse(vpcCniConfigurationValues({ networkPolicy: false }))).toEqual({});
  });

  it('knows which versions can enforce policies', () => {
    expect(supportsNetworkPolicy(VPC_CNI_NETWORK_POLICY.minAddonVersion)).toBe(true);
    expect(supportsNetworkPolicy('v1.14.0-eksbuild.2')).toBe(false);
    expect(supportsNetworkPolicy('v1.13.4-eksbuild.1')).toBe(false);
    expect(supportsNetworkPolicy('v1.20.4-eksbuild.2')).toBe(true);
    for (const row of ADDON_VERSIONS) expect(supportsNetworkPolicy(row.versions['vpc-cni'])).toBe(true);
  });

  it('compares versions numerically, not as text', () => {
    expect(compareAddonVersions('v1.9.0-eksbuild.1', 'v1.10.0-eksbuild.1')).toBeLessThan(0);
    expect(compareAddonVersions('v1.11.4-eksbuild.22', 'v1.11.4-eksbuild.3')).toBeGreaterThan(0);
    expect(() => compareAddonVersions('latest', 'v1.0.0-eksbuild.1')).toThrow(/vX\.Y\.Z-eksbuild\.N/);
  });
});
