/**
 * The fleet's trust root under Pulumi mocks: the root CA (mode, key
 * algorithm, self-signed and activated, protected) in one region, per cluster
 * cert-manager, the AWS Private CA issuer and trust-manager as pinned releases
 * through the cluster's own provider, the issuer's least-privilege Pod
 * Identity role, the issuer object and the CA certificate's ConfigMap; no
 * private key in any input; refusals of split stacks before anything is registered.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recorded } from './mocks';
import { deployOn, mockedBinding, refusalOf } from './mocks';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';
import { MOCK_CA_CERTIFICATE, MOCK_SECRET_VALUE } from '../../lib/pulumi/testing';
import { AWS_PRIVATECA_ISSUER, CERT_MANAGER, TRUST_MANAGER } from '../../lib/catalog/platform-releases';
import { validateCustomResource } from '../../lib/testing/crd-schema';

const m = mockedBinding();

const EXISTING = 'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0123abcd-0123-4567-89ab-0123456789ab';

/** `eu` and `us` (and an Auto Mode cluster), every block recorded in an in-memory lock; `trust` as given. */
function fleetOf(name: string, trust: (lib: typeof m.lib) => unknown) {
  const build = (addressLock: ReturnType<typeof m.lib.AddressLock.none>) => {
    const { ApiEndpoint, ComputeMode, Fleet, FleetApp, Placement, RegionalCluster } = m.lib;
    const t = trust(m.lib);
    const fleet = new Fleet(name, { addressLock, supportDate: TEST_SUPPORT_DATE, apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24'), ...(t ? { trust: t as never } : {}) });
    new RegionalCluster(fleet, 'eu', { region: 'eu-west-1' });
    new RegionalCluster(fleet, 'auto', { region: 'eu-central-1', computeMode: ComputeMode.AUTO_MODE });
    new RegionalCluster(fleet, 'us', { region: 'us-east-1' });
    new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, placement: Placement.all() });
    return fleet;
  };
  return build(m.lib.AddressLock.of(build(m.lib.AddressLock.none()).resolve().addressLock.next));
}

const RELEASE = 'kubernetes:helm.sh/v3:Release';
const CA = 'aws:acmpca/certificateAuthority:CertificateAuthority';
const CLUSTERS = ['auto', 'eu', 'us'];

describe('fleet trust under mocks', () => {
  let mine: Recorded[];
  let none: Recorded[];
  const ofCluster = (id: string, type: string) => mine.filter((r) => r.type === type && r.name.startsWith(`${id}-`));

  beforeAll(async () => {
    mine = await deployOn(m, 'trust', { fleet: fleetOf('tr', (lib) => lib.FleetTrust.awsPrivateCa({ region: 'eu-west-1' })) });
    none = await deployOn(m, 'plain', { fleet: fleetOf('pl', () => undefined) });
  });

  it('creates one root CA in the region given: short-lived, EC P-256, self-signed with the root template, activated, protected', () => {
    const [ca] = mine.filter((r) => r.type === CA);
    expect(mine.filter((r) => r.type === CA)).toHaveLength(1);
    expect(ca!.inputs).toMatchObject({
      type: 'ROOT', usageMode: 'SHORT_LIVED_CERTIFICATE', permanentDeletionTimeInDays: 30,
      certificateAuthorityConfiguration: { keyAlgorithm: 'EC_prime256v1', signingAlgorithm: 'SHA256WITHECDSA', subject: { commonName: 'tr fleet root CA', organization: 'tr' } },
      tags: { 'fleetform:fleet': 'tr', 'managed-by': 'fleetform' },
    });
    expect(ca!.provider).toContain('eu-west-1');
    const [cert] = mine.filter((r) => r.type === 'aws:acmpca/certificate:Certificate');
    expect(cert!.inputs).toMatchObject({
      templateArn: 'arn:aws:acm-pca:::template/RootCACertificate/V1', signingAlgorithm: 'SHA256WITHECDSA', validity: { type: 'YEARS', value: '10' },
      certificateSigningRequest: expect.stringContaining('BEGIN CERTIFICATE REQUEST'),
    });
    const [activation] = mine.filter((r) => r.type === 'aws:acmpca/certificateAuthorityCertificate:CertificateAuthorityCertificate');
    expect(activation!.inputs.certificate).toBe(MOCK_CA_CERTIFICATE);
    for (const r of [ca!, cert!, activation!]) expect(r.options.protect, r.type).toBe(true);
  });

  it('installs cert-manager, the issuer and trust-manager on every cluster, pinned, through its own provider, cert-manager first', () => {
    for (const id of CLUSTERS) {
      const releases = ofCluster(id, RELEASE);
      const by = (n: string) => releases.find((r) => r.inputs.name === n)!;
      expect(by('cert-manager').inputs).toMatchObject({
        chart: 'cert-manager', version: CERT_MANAGER.chartVersion, repositoryOpts: { repo: 'https://charts.jetstack.io' },
        namespace: 'cert-manager', createNamespace: true, atomic: true, values: { crds: { enabled: true } },
      });
      expect(by('aws-privateca-issuer').inputs).toMatchObject({
        chart: 'aws-privateca-issuer', version: AWS_PRIVATECA_ISSUER.chartVersion, namespace: 'aws-privateca-issuer', createNamespace: true,
        values: { serviceAccount: { create: true, name: 'aws-privateca-issuer' } },
      });
      expect(by('trust-manager').inputs).toMatchObject({ chart: 'trust-manager', version: TRUST_MANAGER.chartVersion, namespace: 'cert-manager' });
      for (const n of ['cert-manager', 'aws-privateca-issuer', 'trust-manager']) expect(by(n).provider).toContain(`::${id}-k8s`);
      for (const n of ['aws-privateca-issuer', 'trust-manager']) {
        expect(by(n).dependencies.some((urn) => urn.endsWith(`${RELEASE}::${id}-cert-manager`)), `${id} ${n}`).toBe(true);
      }
    }
  });

  it('gives each cluster\'s issuer a Pod Identity role that may only issue, read and describe on the fleet\'s CA', () => {
    const caArn = mine.find((r) => r.type === CA)!;
    for (const id of CLUSTERS) {
      const role = mine.find((r) => r.type === 'aws:iam/role:Role' && r.name === `${id}-pca-role`)!;
      expect(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Principal).toEqual({ Service: 'pods.eks.amazonaws.com' });
      const policy = JSON.parse(mine.find((r) => r.type === 'aws:iam/rolePolicy:RolePolicy' && r.name === `${id}-pca-role-policy`)!.inputs.policy);
      expect(policy.Statement).toEqual([{
        Sid: 'IssueFromFleetRoot', Effect: 'Allow',
        Action: ['acm-pca:DescribeCertificateAuthority', 'acm-pca:GetCertificate', 'acm-pca:IssueCertificate'], Resource: `arn:aws:mock:::${caArn.name}`,
      }]);
      const [association] = ofCluster(id, 'aws:eks/podIdentityAssociation:PodIdentityAssociation').filter((r) => r.name === `${id}-aws-privateca-issuer`);
      expect(association!.inputs).toMatchObject({ namespace: 'aws-privateca-issuer', serviceAccount: 'aws-privateca-issuer', roleArn: expect.stringContaining(`${id}-pca-role`) });
    }
    // cert-manager and trust-manager call no AWS API: no role, no association.
    expect(mine.filter((r) => r.type === 'aws:iam/role:Role' && /-(certmgr|trust)-role$/.test(r.name))).toEqual([]);
  });

  it('puts the issuer (valid against its CRD) and the CA certificate on each cluster after the controllers, before the manifests', () => {
    for (const id of CLUSTERS) {
      const [issuer] = ofCluster(id, 'kubernetes:awspca.cert-manager.io/v1beta1:AWSPCAClusterIssuer');
      expect(issuer!.inputs).toMatchObject({ metadata: { name: 'fleet-ca' }, spec: { arn: expect.stringContaining('root-ca'), region: 'eu-west-1' } });
      expect(validateCustomResource(issuer!.inputs, 'awspca.cert-manager.io/v1beta1', 'AWSPCAClusterIssuer', 'issuer')).toEqual([]);
      expect(issuer!.provider).toContain(`::${id}-k8s`);
      expect(issuer!.dependencies.some((urn) => urn.endsWith(`${RELEASE}::${id}-aws-privateca-issuer`))).toBe(true);
      const [source] = ofCluster(id, 'kubernetes:core/v1:ConfigMap').filter((r) => r.inputs.metadata?.name === 'fleet-root-ca');
      expect(source!.inputs).toMatchObject({ metadata: { namespace: 'cert-manager' }, data: { 'ca.crt': MOCK_CA_CERTIFICATE } });
      const [bundle] = ofCluster(id, 'kubernetes:trust.cert-manager.io/v1alpha1:Bundle');
      expect(bundle!.inputs.spec.sources).toEqual([{ configMap: { name: 'fleet-root-ca', key: 'ca.crt' } }]);
      const manifests = mine.find((r) => r.name === `${id}-manifests` && r.type === 'fleetform:kubernetes:ClusterManifests')!;
      expect(manifests.dependencies).toEqual(expect.arrayContaining([issuer!.urn, source!.urn]));
    }
  });

  it('writes no private key into any input, and no Secret', () => {
    const text = JSON.stringify(mine.map((r) => r.inputs));
    expect(text).not.toMatch(/PRIVATE KEY|privateKey|tls\.key/);
    expect(mine.filter((r) => r.type === 'kubernetes:core/v1:Secret')).toEqual([]);
  });

  it('registers nothing of it for a fleet without a trust root', () => {
    expect(none.filter((r) => r.type.startsWith('aws:acmpca/') || r.type.includes('cert-manager.io') || r.type.endsWith(':ClusterTrust'))).toEqual([]);
    expect(none.filter((r) => r.type === RELEASE && ['cert-manager', 'aws-privateca-issuer', 'trust-manager'].includes(r.inputs.name))).toEqual([]);
  });

  it('uses an existing CA without creating one: the issuer names its ARN and the certificate is read from AWS Private CA', async () => {
    const added = await deployOn(m, 'existing', { fleet: fleetOf('ex', (lib) => lib.FleetTrust.existingAwsPrivateCa({ arn: EXISTING })), clusters: ['eu'] });
    expect(added.filter((r) => r.type.startsWith('aws:acmpca/'))).toEqual([]);
    const [issuer] = added.filter((r) => r.type === 'kubernetes:awspca.cert-manager.io/v1beta1:AWSPCAClusterIssuer');
    expect(issuer!.inputs.spec).toEqual({ arn: EXISTING, region: 'eu-west-1' });
    const policy = JSON.parse(added.find((r) => r.type === 'aws:iam/rolePolicy:RolePolicy' && r.name === 'eu-pca-role-policy')!.inputs.policy);
    expect(policy.Statement[0].Resource).toBe(EXISTING);
    const [source] = added.filter((r) => r.type === 'kubernetes:core/v1:ConfigMap' && r.inputs.metadata?.name === 'fleet-root-ca');
    expect(MOCK_CA_CERTIFICATE).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(source!.inputs.data).toEqual({ 'ca.crt': MOCK_CA_CERTIFICATE });
  });

  it('refuses to create the root CA in a stack that deploys part of the fleet, before registering anything', () => {
    for (const split of [{ clusters: ['eu'] }, { edge: 'elsewhere' as const }]) {
      const { problems, registered } = refusalOf(m, 'part', { fleet: fleetOf('sp', (lib) => lib.FleetTrust.awsPrivateCa({ region: 'eu-west-1' })), ...split });
      expect(registered).toBe(0);
      expect(problems).toEqual([{ path: 'FleetDeployment part', message: expect.stringMatching(/^the fleet's trust is FleetTrust\.awsPrivateCa\(\), which creates the root CA in the stack that deploys the whole fleet.*FleetTrust\.existingAwsPrivateCa\(\{ arn \}\)$/) }]);
    }
  });

  it('for a user-provided CA creates nothing in AWS Private CA: the External Secrets Operator reads it with its fleet-scoped role', async () => {
    const added = await deployOn(m, 'own', { fleet: fleetOf('up', (lib) => lib.FleetTrust.userProvided({ secret: lib.SecretReference.fromSecretsManager('up/fleet-ca') })) });
    expect(added.filter((r) => r.type.startsWith('aws:acmpca/') || r.type.endsWith(':ClusterTrust') || r.type.includes('awspca'))).toEqual([]);
    for (const id of CLUSTERS) {
      const names = added.filter((r) => r.type === RELEASE && r.name.startsWith(`${id}-`)).map((r) => r.inputs.name).sort();
      expect(names).toEqual(expect.arrayContaining(['cert-manager', 'external-secrets', 'trust-manager']));
      expect(names).not.toContain('aws-privateca-issuer');
      const policy = JSON.parse(added.find((r) => r.type === 'aws:iam/rolePolicy:RolePolicy' && r.name === `${id}-eso-role-policy`)!.inputs.policy);
      expect(policy.Statement[0].Resource).toMatch(/^arn:aws:secretsmanager:[a-z0-9-]+:111122223333:secret:up\/\*$/);
      const [issuer] = added.filter((r) => r.type === 'kubernetes:cert-manager.io/v1:ClusterIssuer' && r.name.startsWith(`${id}-`));
      expect(issuer!.inputs.spec).toEqual({ ca: { secretName: 'fleet-ca-key' } });
    }
    const text = JSON.stringify(added.map((r) => r.inputs));
    expect(text).not.toContain(MOCK_SECRET_VALUE);
    expect(text).not.toMatch(/PRIVATE KEY/);
    expect(added.filter((r) => r.type === 'kubernetes:core/v1:Secret')).toEqual([]);
  });
});
