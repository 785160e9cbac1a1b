import { describe, expect, it } from 'vitest';
import {
  ADDON_IDENTITIES, ADDON_VERSION_SOURCES, ADDON_VERSIONS, CORE_ADDON_NAMES, VPC_CNI_NETWORK_POLICY, addonMinors, addonVersions,
  addonsNeedingRoles, checkAddonPins, checkAddonVersions, compareAddonVersions, parseAddonVersion, supportsNetworkPolicy, vpcCniConfigurationValues,
} from '../../lib/catalog/eks-addons';
import { eksVersion } from '../../lib/catalog/eks-support';
import { isIsoDate } from '../../lib/catalog/iso-date';

/** The pinned version of an add-on for a minor, or undefined. */
function pinned(minor: string, name: (typeof CORE_ADDON_NAMES)[number]): string | undefined {
  const choice = addonVersions(minor)?.[name];
  return choice?.kind === 'pinned' ? choice.version : undefined;
}

describe('add-on versions per minor', () => {
  it.each(ADDON_VERSIONS.map((r) => [r.minor, r] as const))('%s chooses every core add-on, each with its source and the day it was read', (minor, row) => {
    expect(eksVersion(minor), minor).toBeDefined();
    for (const name of CORE_ADDON_NAMES) {
      const choice = row.addons[name];
      expect(isIsoDate(choice.readOn), `${name} for ${minor}`).toBe(true);
      if (choice.kind === 'pinned') {
        expect(parseAddonVersion(choice.version), `${name} ${choice.version}`).toBeDefined();
        expect(ADDON_VERSION_SOURCES[choice.source].url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/eks\/latest\/userguide\//);
        expect(ADDON_VERSION_SOURCES[choice.source].url).toContain(name === 'vpc-cni' ? 'vpc-cni' : name);
      } else {
        expect(choice.reason.length, `${name} for ${minor}`).toBeGreaterThan(20);
      }
    }
    expect(checkAddonVersions(minor)).toBeUndefined();
  });

  it('pins kube-proxy to the cluster minor', () => {
    for (const row of ADDON_VERSIONS) expect(pinned(row.minor, 'kube-proxy')?.startsWith(`v${row.minor}.`)).toBe(true);
  });

  it('pins the builds the EKS user guide lists as latest', () => {
    expect(pinned('1.31', 'kube-proxy')).toBe('v1.31.14-eksbuild.20');
    expect(pinned('1.34', 'kube-proxy')).toBe('v1.34.6-eksbuild.13');
    expect(pinned('1.36', 'kube-proxy')).toBe('v1.36.0-eksbuild.14');
    expect(pinned('1.33', 'coredns')).toBe('v1.12.4-eksbuild.18');
    expect(pinned('1.36', 'coredns')).toBe('v1.14.3-eksbuild.3');
    expect(pinned('1.35', 'vpc-cni')).toBe('v1.21.1-eksbuild.7');
  });

  it('leaves to EKS at deploy what no first-hand source pins, and says why', () => {
    expect(addonVersions('1.36')?.['vpc-cni']).toMatchObject({ kind: 'eks-default', reason: expect.stringMatching(/no stored copy .* 1\.36 row/) });
    for (const row of ADDON_VERSIONS) {
      expect(row.addons['aws-ebs-csi-driver'].kind).toBe('eks-default');
      expect(row.addons['eks-pod-identity-agent'].kind).toBe('eks-default');
    }
  });

  it('never moves a pinned add-on backwards from one minor to the next', () => {
    for (let i = 1; i < ADDON_VERSIONS.length; i++) {
      const [older, newer] = [ADDON_VERSIONS[i - 1]!, ADDON_VERSIONS[i]!];
      for (const name of CORE_ADDON_NAMES) {
        const [a, b] = [pinned(older.minor, name), pinned(newer.minor, name)];
        if (a && b) expect(compareAddonVersions(a, b), `${name} ${older.minor} → ${newer.minor}`).toBeLessThanOrEqual(0);
      }
    }
  });

  it('returns undefined for a minor without a row', () => {
    expect(addonVersions('1.37')).toBeUndefined();
    expect(addonVersions('1.30')).toBeUndefined();
    expect(addonMinors()).toEqual(['1.31', '1.32', '1.33', '1.34', '1.35', '1.36']);
  });
});

describe('checkAddonVersions', () => {
  it('names the minor and how to fix a missing row', () => {
    const problem = checkAddonVersions('1.37');
    expect(problem).toContain('Kubernetes 1.37');
    expect(problem).toContain('use one of 1.31, 1.32, 1.33, 1.34, 1.35, 1.36');
    expect(problem).toContain('npm run catalog:refresh');
  });
});

describe('checkAddonPins', () => {
  it('accepts well-formed pins of known add-ons', () => {
    expect(checkAddonPins({ 'aws-ebs-csi-driver': 'v1.57.1-eksbuild.1', 'vpc-cni': 'v1.21.1-eksbuild.7' })).toEqual([]);
  });

  it('refuses unknown add-ons, malformed versions and a vpc-cni that cannot enforce network policies', () => {
    expect(checkAddonPins({ 'metrics-server': 'v0.8.1-eksbuild.1' })[0]).toMatch(/"metrics-server" is not an add-on fleetform installs as an EKS add-on/);
    expect(checkAddonPins({ coredns: 'latest' })[0]).toMatch(/coredns version "latest" is not of the form vX\.Y\.Z-eksbuild\.N/);
    expect(checkAddonPins({ 'vpc-cni': 'v1.13.4-eksbuild.1' })[0]).toMatch(/cannot enforce network policies; pin v1\.14\.0-eksbuild\.3 or later/);
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
    for (const row of ADDON_VERSIONS) {
      const cni = pinned(row.minor, 'vpc-cni');
      if (cni) expect(supportsNetworkPolicy(cni)).toBe(true);
    }
  });

  it('compares versions numerically, not as text', () => {
    expect(compareAddonVersions('v1.9.0-eksbuild.1', 'v1.10.0-eksbuild.1')).toBeLessThan(0);
    expect(compareAddonVersions('v1.11.4-eksbuild.22', 'v1.11.4-eksbuild.3')).toBeGreaterThan(0);
    expect(() => compareAddonVersions('latest', 'v1.0.0-eksbuild.1')).toThrow(/vX\.Y\.Z-eksbuild\.N/);
  });
});
