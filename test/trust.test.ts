/**
 * The fleet's trust root: off unless asked for; when on, every cluster gets
 * cert-manager, the AWS Private CA issuer and trust-manager (pinned), and a
 * trust Bundle valid against trust-manager's CRD; nothing private in the
 * output; refusals by message and path, from TypeScript and plain JavaScript.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ComputeMode, EnvironmentFleet, Fleet, FleetApp, FleetTrust, Placement, RegionalCluster, SecretReference } from '../lib';
import { AWS_PRIVATECA_ISSUER, CERT_MANAGER, TRUST_MANAGER } from '../lib/catalog/platform-releases';
import { privateCaIssuerPolicy } from '../lib/catalog/private-ca-policy';
import { validateManifests } from '../lib/testing';
import { newFleet, problemAt, problemsOf } from './helpers/fleets';

const TRUST_CHARTS = ['cert-manager', 'aws-privateca-issuer', 'trust-manager'];

function fleetOf(trust?: FleetTrust): Fleet {
  const fleet = newFleet(trust ? { trust } : {});
  new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1', 'us-east-1'] });
  new RegionalCluster(fleet, 'auto', { region: 'eu-central-1', computeMode: ComputeMode.AUTO_MODE });
  new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, placement: Placement.all() });
  return fleet;
}

const chartNames = (fleet: Fleet) => Object.fromEntries(fleet.resolve().clusters.map((c) => [c.id, c.platform!.charts.map((x) => x.name)]));

describe('fleet trust', () => {
  it('is off by default: no trust controller, no trust chart, no trust in the model', () => {
    const fleet = fleetOf();
    const resolved = fleet.resolve();
    expect(resolved.trust).toBeUndefined();
    for (const names of Object.values(chartNames(fleet))) expect(names.filter((n) => TRUST_CHARTS.includes(n))).toEqual([]);
    expect(fleet.assemble().clusters.flatMap((c) => c.files.map((f) => f.chart))).not.toContain('fleet-trust');
    expect(fleetOf(FleetTrust.none()).resolve().trust).toBeUndefined();
  });

  it('resolves a created root CA: short-lived mode and an EC P-256 key by default, in the region given', () => {
    expect(fleetOf(FleetTrust.awsPrivateCa({ region: 'eu-west-1' })).resolve().trust).toEqual({
      kind: 'aws-private-ca', region: 'eu-west-1', mode: 'short-lived',
      root: { keyAlgorithm: 'EC_prime256v1', signingAlgorithm: 'SHA256WITHECDSA', commonName: 'acme fleet root CA', organization: 'acme', validityYears: 10 },
      issuer: 'fleet-ca',
      source: { kind: 'ConfigMap', namespace: 'cert-manager', name: 'fleet-root-ca', key: 'ca.crt' },
      bundle: { name: 'fleet-ca', key: 'ca.crt' },
    });
    const general = fleetOf(FleetTrust.awsPrivateCa({ region: 'us-east-1', mode: 'general-purpose', keyAlgorithm: 'RSA_2048', validityYears: 5 })).resolve().trust!;
    expect(general).toMatchObject({ mode: 'general-purpose', root: { keyAlgorithm: 'RSA_2048', signingAlgorithm: 'SHA256WITHRSA', validityYears: 5 } });
  });

  it('resolves an existing CA from its ARN: its region, no root to create', () => {
    const arn = 'arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/0123abcd-0123-4567-89ab-0123456789ab';
    const trust = fleetOf(FleetTrust.existingAwsPrivateCa({ arn, mode: 'general-purpose' })).resolve().trust!;
    expect(trust).toMatchObject({ kind: 'existing-aws-private-ca', arn, region: 'eu-west-1', mode: 'general-purpose' });
    expect(trust.root).toBeUndefined();
  });

  it('installs cert-manager, then the AWS Private CA issuer and trust-manager, pinned, on every cluster (Auto Mode too)', () => {
    const fleet = fleetOf(FleetTrust.awsPrivateCa({ region: 'eu-west-1' }));
    const names = chartNames(fleet);
    expect(Object.keys(names).sort()).toEqual(['auto', 'production-eu-west-1', 'production-us-east-1']);
    for (const list of Object.values(names)) expect(list.slice(-3)).toEqual(TRUST_CHARTS);
    const charts = fleet.resolve().clusters[0]!.platform!.charts;
    const byName = (n: string) => charts.find((c) => c.name === n)!;
    expect(byName('cert-manager')).toMatchObject({
      repository: 'https://charts.jetstack.io', chart: 'cert-manager', version: CERT_MANAGER.chartVersion, namespace: 'cert-manager',
      createNamespace: true, values: { crds: { enabled: true } },
    });
    expect(byName('aws-privateca-issuer')).toMatchObject({
      repository: 'https://cert-manager.github.io/aws-privateca-issuer', version: AWS_PRIVATECA_ISSUER.chartVersion, namespace: 'aws-privateca-issuer',
      serviceAccount: 'aws-privateca-issuer', issuesFromFleetCa: true, after: ['cert-manager'],
      values: { approverRole: { enabled: true, serviceAccountName: 'cert-manager', namespace: 'cert-manager' } },
    });
    expect(byName('trust-manager')).toMatchObject({ version: TRUST_MANAGER.chartVersion, namespace: 'cert-manager', after: ['cert-manager'] });
    // The only controller of the three that calls AWS is the issuer.
    expect(charts.filter((c) => TRUST_CHARTS.includes(c.name) && c.serviceAccount !== undefined).map((c) => c.name)).toEqual(['aws-privateca-issuer']);
    for (const c of [CERT_MANAGER, AWS_PRIVATECA_ISSUER, TRUST_MANAGER]) expect(c.chartVersion).toMatch(/^v\d+\.\d+\.\d+$/);
  });

  it('writes one Bundle per cluster, valid against trust-manager\'s CRD, distributing only the CA certificate from the deployment\'s ConfigMap', () => {
    const assembly = fleetOf(FleetTrust.awsPrivateCa({ region: 'eu-west-1' })).assemble();
    for (const cluster of assembly.clusters) {
      const file = cluster.files.find((f) => f.chart === 'fleet-trust')!;
      expect(file.phase).toBe('platform');
      expect(file.objects).toHaveLength(1);
      expect(file.objects[0]).toMatchObject({
        apiVersion: 'trust.cert-manager.io/v1alpha1', kind: 'Bundle', metadata: { name: 'fleet-ca' },
        spec: { sources: [{ configMap: { name: 'fleet-root-ca', key: 'ca.crt' } }], target: { configMap: { key: 'ca.crt' } } },
      });
      expect(validateManifests(file.objects)).toEqual([]);
    }
    // The schema is strict: a misspelled field of the Bundle is an error, not a field the API server would prune.
    const bundle = assembly.clusters[0]!.files.find((f) => f.chart === 'fleet-trust')!.objects[0] as { spec: object };
    expect(validateManifests([{ ...bundle, spec: { ...bundle.spec, targets: {} } }]).join('\n')).toMatch(/targets/);
  });

  it('puts no key and no CA ARN into the manifests: the output is the same for a created and an existing CA of the same names', () => {
    const created = fleetOf(FleetTrust.awsPrivateCa({ region: 'eu-west-1' })).assemble();
    const existing = fleetOf(FleetTrust.existingAwsPrivateCa({ arn: 'arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/0123abcd-0123-4567-89ab-0123456789ab' })).assemble();
    const text = (a: typeof created) => a.clusters.flatMap((c) => c.files.map((f) => f.content)).join('\n');
    expect(text(created)).toBe(text(existing));
    expect(text(created)).not.toMatch(/PRIVATE KEY|acm-pca:|tls\.key/);
  });

  it('changes no other cluster\'s manifests when a cluster is added, for every fleet with a trust root', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.constantFrom('eu-west-1', 'us-east-1', 'ap-southeast-1', 'eu-central-1'), { minLength: 1, maxLength: 3 }), (regions) => {
      const build = (extra: boolean) => {
        const fleet = newFleet({ trust: FleetTrust.awsPrivateCa({ region: 'eu-west-1' }) });
        for (const r of regions) new RegionalCluster(fleet, `c-${r}`, { region: r });
        if (extra) new RegionalCluster(fleet, 'zz-extra', { region: 'sa-east-1' });
        return new Map(fleet.assemble().clusters.map((c) => [c.clusterId, c.files.map((f) => f.content).join('\n')]));
      };
      const before = build(false);
      const after = build(true);
      for (const [id, text] of before) expect(after.get(id)).toBe(text);
    }), { numRuns: 8 });
  });

  it('gives the issuer\'s role only issue, read and describe on the one CA', () => {
    const arn = 'arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/0123abcd-0123-4567-89ab-0123456789ab';
    expect(privateCaIssuerPolicy(arn).statements).toEqual([{
      sid: 'IssueFromFleetRoot', effect: 'Allow',
      actions: ['acm-pca:DescribeCertificateAuthority', 'acm-pca:GetCertificate', 'acm-pca:IssueCertificate'], resources: [arn],
    }]);
  });

  it('refuses bad options by message and path, all together', () => {
    const fleet = newFleet({ trust: FleetTrust.awsPrivateCa({ region: 'eu-wst-1', mode: 'long-lived' as never, keyAlgorithm: 'DSA' as never, validityYears: 50 }) });
    new RegionalCluster(fleet, 'eu', { region: 'eu-west-1' });
    expect(problemsOf(fleet)).toEqual(expect.arrayContaining([
      problemAt('acme', 'trust: FleetTrust.awsPrivateCa(): mode is the string "long-lived"; use \'short-lived\' or \'general-purpose\''),
      problemAt('acme', 'trust: FleetTrust.awsPrivateCa(): region "eu-wst-1" is not an AWS commercial region'),
      problemAt('acme', 'trust: FleetTrust.awsPrivateCa(): keyAlgorithm is the string "DSA"; use one of'),
      problemAt('acme', 'trust: FleetTrust.awsPrivateCa(): validityYears is the number 50; give a whole number of years from 1 to 30'),
    ]));
    const existing = newFleet({ trust: FleetTrust.existingAwsPrivateCa({ arn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' }) });
    expect(problemsOf(existing)).toEqual([problemAt('acme', 'trust: FleetTrust.existingAwsPrivateCa(): arn is "arn:aws:acm:eu-west-1:123456789012:certificate/abc", not an AWS Private CA ARN')]);
  });

  it('refuses plain-JavaScript mistakes with a clear message, not a stack trace', () => {
    const noRegion = newFleet({ trust: (FleetTrust.awsPrivateCa as (o: unknown) => FleetTrust)({}) });
    expect(problemsOf(noRegion)).toEqual([problemAt('acme', 'trust: FleetTrust.awsPrivateCa(): region is undefined; name the region of the root CA')]);
    const notAnObject = newFleet({ trust: (FleetTrust.awsPrivateCa as (o: unknown) => FleetTrust)('eu-west-1') });
    expect(problemsOf(notAnObject)).toEqual(expect.arrayContaining([problemAt('acme', 'trust: FleetTrust.awsPrivateCa() takes an object of options, not the string "eu-west-1"')]));
    const wrongType = newFleet({ trust: { kind: 'aws-private-ca', region: 'eu-west-1' } as never });
    expect(problemsOf(wrongType)).toEqual([problemAt('acme', 'trust')]);
    expect(problemsOf(wrongType)[0]!.message).toContain('FleetTrust');
  });

  describe('with a user-provided CA', () => {
    const own = (options?: { region?: string }) => FleetTrust.userProvided({ secret: SecretReference.fromSecretsManager('acme/fleet-ca', options) });

    it('resolves the secret and its store; installs cert-manager, trust-manager and the External Secrets Operator, no Private CA issuer', () => {
      const fleet = fleetOf(own());
      expect(fleet.resolve().trust).toEqual({
        kind: 'user-provided', secret: { name: 'acme/fleet-ca', store: 'aws-secrets-manager', target: 'fleet-ca-key' },
        issuer: 'fleet-ca', source: { kind: 'Secret', namespace: 'cert-manager', name: 'fleet-ca-key', key: 'tls.crt' },
        bundle: { name: 'fleet-ca', key: 'ca.crt' },
      });
      for (const c of fleet.resolve().clusters) {
        const names = c.platform!.charts.map((x) => x.name);
        expect(names).toEqual(expect.arrayContaining(['external-secrets', 'cert-manager', 'trust-manager']));
        expect(names).not.toContain('aws-privateca-issuer');
        expect(c.platform!.charts.find((x) => x.name === 'external-secrets')!.secretsAccess).toEqual({ regions: [c.region], prefix: 'acme/' });
        expect(c.secretStores).toEqual([{ name: 'aws-secrets-manager', region: c.region, namespaces: ['cert-manager'] }]);
      }
      const central = fleetOf(own({ region: 'eu-central-1' })).resolve();
      expect(central.trust).toMatchObject({ region: 'eu-central-1', secret: { store: 'aws-secrets-manager-eu-central-1' } });
      expect(central.clusters.find((c) => c.id === 'production-us-east-1')!.secretStores).toEqual([
        { name: 'aws-secrets-manager-eu-central-1', region: 'eu-central-1', namespaces: ['cert-manager'] },
      ]);
    });

    it('writes the CA\'s ExternalSecret, a CA ClusterIssuer and the Bundle from its Secret, valid against their CRDs, with no key in the output', () => {
      const assembly = fleetOf(own()).assemble();
      for (const cluster of assembly.clusters) {
        const file = cluster.files.find((f) => f.chart === 'fleet-trust')!;
        expect(file.objects.map((o) => (o as { kind: string }).kind)).toEqual(['ExternalSecret', 'ClusterIssuer', 'Bundle']);
        const [external, issuer, bundle] = file.objects as { spec: Record<string, unknown>; metadata: Record<string, unknown> }[];
        expect(external!.metadata).toMatchObject({ name: 'fleet-ca-key', namespace: 'cert-manager' });
        expect(external!.spec).toMatchObject({
          secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' },
          target: { name: 'fleet-ca-key', creationPolicy: 'Owner', template: { type: 'kubernetes.io/tls' } },
          data: [
            { secretKey: 'tls.crt', remoteRef: { key: 'acme/fleet-ca', property: 'tls.crt' } },
            { secretKey: 'tls.key', remoteRef: { key: 'acme/fleet-ca', property: 'tls.key' } },
          ],
        });
        expect(issuer).toMatchObject({ apiVersion: 'cert-manager.io/v1', metadata: { name: 'fleet-ca' }, spec: { ca: { secretName: 'fleet-ca-key' } } });
        expect(bundle!.spec.sources).toEqual([{ secret: { name: 'fleet-ca-key', key: 'tls.crt' } }]);
        expect(validateManifests(file.objects)).toEqual([]);
        const store = cluster.files.find((f) => f.chart === 'secret-stores')!.objects[0] as { spec: { conditions: unknown } };
        expect(store.spec.conditions).toEqual([{ namespaces: ['cert-manager'] }]);
      }
      const text = assembly.clusters.flatMap((c) => c.files.map((f) => f.content)).join('\n');
      expect(text).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
      expect(text.match(/kind: Secret$/gm)).toBeNull();
    });

    it('refuses a secret outside the fleet\'s prefix, a key, and a value that is not a reference, by message and path', () => {
      const outside = newFleet({ trust: FleetTrust.userProvided({ secret: SecretReference.fromSecretsManager('shared/ca') }) });
      expect(problemsOf(outside)).toEqual([problemAt('acme', 'trust: FleetTrust.userProvided(): secret "shared/ca" is outside the fleet\'s secrets')]);
      const keyed = newFleet({ trust: FleetTrust.userProvided({ secret: SecretReference.fromSecretsManager('acme/ca', { key: 'pem' }) }) });
      expect(problemsOf(keyed)).toEqual([problemAt('acme', 'trust: FleetTrust.userProvided(): secret names the key "pem", but the CA is read whole')]);
      const plain = newFleet({ trust: FleetTrust.userProvided({ secret: 'acme/ca' as never }) });
      expect(problemsOf(plain)).toEqual([problemAt('acme', 'trust: FleetTrust.userProvided(): secret is the string "acme/ca"; give SecretReference.fromSecretsManager(')]);
    });
  });
});
