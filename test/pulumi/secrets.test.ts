/**
 * Secrets under Pulumi mocks: the External Secrets Operator's Helm release,
 * its Pod Identity role (reading only the fleet's secrets in the stores'
 * regions) and association, only on the cluster whose app reads a secret, all
 * through that cluster's own provider; and no secret value in any input.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recorded } from './mocks';
import { deployOn, mockedBinding, refusalOf } from './mocks';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';
import { MOCK_SECRET_VALUE } from '../../lib/pulumi/testing';

const m = mockedBinding();

/** `eu` (an app reading two secrets, one from another region) and `us` (an app without), every block recorded in an in-memory lock. */
function fleetOf(extra: Record<string, unknown> = {}) {
  const build = (addressLock: ReturnType<typeof m.lib.AddressLock.none>) => {
    const { ApiEndpoint, ComputeMode, Fleet, FleetApp, Placement, RegionalCluster, SecretReference } = m.lib;
    const fleet = new Fleet('sec', { addressLock, supportDate: TEST_SUPPORT_DATE, apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24') });
    new RegionalCluster(fleet, 'eu', { region: 'eu-west-1' });
    new RegionalCluster(fleet, 'auto', { region: 'eu-central-1', computeMode: ComputeMode.AUTO_MODE });
    new RegionalCluster(fleet, 'us', { region: 'us-east-1' });
    new FleetApp(fleet, 'shop', {
      image: 'ghcr.io/sec/shop:1.0.0', port: 8080, placement: Placement.clusters('eu', 'auto'),
      env: { PUBLIC_KEY: 'ssh-ed25519 AAAA', LOG_LEVEL: 'info' }, notSecret: ['PUBLIC_KEY'],
      secretEnv: {
        DATABASE_PASSWORD: SecretReference.fromSecretsManager('sec/shop/db', { key: 'password' }),
        PAYMENT_TOKEN: SecretReference.fromSecretsManager('sec/shop/payments', { region: 'eu-central-1' }),
      },
      ...extra,
    });
    new FleetApp(fleet, 'web', { image: 'ghcr.io/sec/web:1.0.0', port: 8080, placement: Placement.all() });
    return fleet;
  };
  return build(m.lib.AddressLock.of(build(m.lib.AddressLock.none()).resolve().addressLock.next));
}

const RELEASE = 'kubernetes:helm.sh/v3:Release';
const ASSOCIATION = 'aws:eks/podIdentityAssociation:PodIdentityAssociation';

describe('secrets under mocks', () => {
  let mine: Recorded[];
  const ofCluster = (id: string, type: string) => mine.filter((r) => r.type === type && r.name.startsWith(`${id}-`));

  beforeAll(async () => {
    mine = await deployOn(m, 'sec', { fleet: fleetOf() });
  });

  it('installs the External Secrets Operator where an app reads a secret (Auto Mode too), through that cluster\'s provider, after its identity', () => {
    const eso = (id: string) => ofCluster(id, RELEASE).filter((r) => r.inputs.name === 'external-secrets');
    expect(eso('us')).toEqual([]);
    for (const id of ['eu', 'auto']) {
      const [release] = eso(id);
      expect(release!.inputs).toMatchObject({
        chart: 'external-secrets', version: '2.9.0', repositoryOpts: { repo: 'https://charts.external-secrets.io' },
        namespace: 'external-secrets', createNamespace: true, atomic: true,
        values: { installCRDs: true, serviceAccount: { create: true, name: 'external-secrets' } },
      });
      expect(release!.provider).toContain(`::${id}-k8s`);
      expect(release!.dependencies.some((urn) => urn.endsWith(`${ASSOCIATION}::${id}-external-secrets`))).toBe(true);
    }
  });

  it('gives it a Pod Identity role reading only the fleet\'s secrets in the regions its stores read', () => {
    const [association] = ofCluster('eu', ASSOCIATION).filter((r) => r.name === 'eu-external-secrets');
    expect(association!.inputs).toMatchObject({ namespace: 'external-secrets', serviceAccount: 'external-secrets', roleArn: expect.stringContaining('eu-eso-role') });
    const role = mine.find((r) => r.type === 'aws:iam/role:Role' && r.name === 'eu-eso-role')!;
    expect(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Principal).toEqual({ Service: 'pods.eks.amazonaws.com' });
    const policy = JSON.parse(mine.find((r) => r.type === 'aws:iam/rolePolicy:RolePolicy' && r.name === 'eu-eso-role-policy')!.inputs.policy);
    const arns = ['arn:aws:secretsmanager:eu-central-1:111122223333:secret:sec/*', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:sec/*'];
    expect(policy.Statement).toEqual([
      { Sid: 'ReadFleetSecrets', Effect: 'Allow', Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], Resource: arns },
      {
        Sid: 'DecryptFleetSecretsThroughSecretsManager', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*',
        Condition: {
          StringEquals: { 'kms:ViaService': ['secretsmanager.eu-central-1.amazonaws.com', 'secretsmanager.eu-west-1.amazonaws.com'] },
          StringLike: { 'kms:EncryptionContext:SecretARN': arns },
        },
      },
    ]);
    expect(ofCluster('us', ASSOCIATION).filter((r) => r.name === 'us-external-secrets')).toEqual([]);
    expect(mine.filter((r) => r.type === 'aws:iam/role:Role' && r.name.endsWith('-eso-role')).map((r) => r.name).sort()).toEqual(['auto-eso-role', 'eu-eso-role']);
  });

  it('applies the stores and the ExternalSecrets after the operator, and no Secret with data', () => {
    const stores = ofCluster('eu', 'kubernetes:external-secrets.io/v1:ClusterSecretStore');
    expect(stores.map((r) => r.inputs.metadata.name).sort()).toEqual(['aws-secrets-manager', 'aws-secrets-manager-eu-central-1']);
    const externalSecrets = ofCluster('eu', 'kubernetes:external-secrets.io/v1:ExternalSecret');
    expect(externalSecrets.map((r) => r.inputs.metadata.name).sort()).toEqual(['shop-secrets', 'shop-secrets-eu-central-1']);
    expect(mine.filter((r) => r.type === 'kubernetes:core/v1:Secret' && (r.inputs.data !== undefined || r.inputs.stringData !== undefined))).toEqual([]);
  });

  it('carries no secret value in any input: not what a secret read would answer, and no secret-looking plaintext env', () => {
    const text = JSON.stringify(mine.map((r) => r.inputs));
    expect(text).not.toContain(MOCK_SECRET_VALUE);
    expect(mine.filter((r) => r.type.startsWith('aws:secretsmanager/') || r.type.startsWith('aws:ssm/'))).toEqual([]);
    const env = mine.filter((r) => r.type === 'kubernetes:apps/v1:Deployment')
      .flatMap((r) => (r.inputs.spec.template.spec.containers as { env?: { name: string; value?: string }[] }[]).flatMap((c) => c.env ?? []));
    const plaintext = env.filter((e) => e.value !== undefined && /(^|[-._])(PASSWORD|PASSWD|TOKEN|KEY)$|SECRET/i.test(e.name)).map((e) => e.name);
    expect([...new Set(plaintext)]).toEqual(['PUBLIC_KEY']);
    expect(env.filter((e) => e.name === 'DATABASE_PASSWORD')).toEqual([
      { name: 'DATABASE_PASSWORD', valueFrom: { secretKeyRef: { key: 'DATABASE_PASSWORD', name: 'shop-secrets' } } },
      { name: 'DATABASE_PASSWORD', valueFrom: { secretKeyRef: { key: 'DATABASE_PASSWORD', name: 'shop-secrets' } } },
    ]);
  });

  it('refuses a secret-looking plaintext value before registering anything', () => {
    const { problems, registered } = refusalOf(m, 'refused', { fleet: fleetOf({ env: { STRIPE_API_KEY: 'sk_live_x' } }) });
    expect(registered).toBe(0);
    expect(problems).toEqual([{ path: 'sec/shop', message: expect.stringMatching(/^env "STRIPE_API_KEY" looks like a secret/) }]);
  });
});
