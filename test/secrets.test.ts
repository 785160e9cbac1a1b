/**
 * Secrets read from AWS Secrets Manager through the External Secrets Operator:
 * the operator and a store only on clusters whose apps read secrets, the app's
 * ExternalSecret and env entries, and every refusal by message and path.
 */
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EnvironmentFleet, Fleet, FleetApp, FleetAppProps, GdprZone, Override, Placement, SecretReference } from '../lib';
import { validateManifests } from '../lib/testing';
import { newFleet, problemsOf } from './helpers/fleets';

const DB = SecretReference.fromSecretsManager('acme/shop/db', { key: 'password' });

function fleetOf(props: Partial<FleetAppProps> = {}): Fleet {
  const fleet = newFleet();
  new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1', 'us-east-1'] });
  new FleetApp(fleet, 'shop', {
    image: 'ghcr.io/acme/shop:1.0.0', port: 8080, placement: Placement.regions('eu-west-1'),
    secretEnv: { DATABASE_PASSWORD: DB }, env: { LOG_LEVEL: 'info' }, ...props,
  });
  new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, placement: Placement.all() });
  return fleet;
}

function filesOf(fleet: Fleet, cluster: string) {
  return fleet.assemble().clusters.find((c) => c.clusterId === cluster)!.files;
}

describe('secrets from AWS Secrets Manager', () => {
  it('installs the External Secrets Operator only on clusters where an app reads a secret', () => {
    const resolved = fleetOf().resolve();
    const charts = (id: string) => resolved.clusters.find((c) => c.id === id)!.platform!.charts.map((c) => c.name);
    expect(charts('production-eu-west-1')).toContain('external-secrets');
    expect(charts('production-us-east-1')).not.toContain('external-secrets');
    const eso = resolved.clusters.find((c) => c.id === 'production-eu-west-1')!.platform!.charts.find((c) => c.name === 'external-secrets')!;
    expect(eso).toMatchObject({
      chart: 'external-secrets', version: '2.9.0', repository: 'https://charts.external-secrets.io', namespace: 'external-secrets',
      createNamespace: true, serviceAccount: 'external-secrets', secretsAccess: { regions: ['eu-west-1'], prefix: 'acme/' },
    });
    // Only fleetform writes ExternalSecrets: holders of edit or admin (a team) do not get to read the fleet's other secrets.
    expect(eso.values).toMatchObject({ rbac: { aggregateToEdit: false, aggregateToAdmin: false } });
    expect(resolved.clusters.find((c) => c.id === 'production-eu-west-1')!.secretStores).toEqual([
      { name: 'aws-secrets-manager', region: 'eu-west-1', namespaces: ['shop'] },
    ]);
    expect(resolved.clusters.find((c) => c.id === 'production-us-east-1')!.secretStores).toBeUndefined();
  });

  it('also installs it on an EKS Auto Mode cluster, which AWS does not run it on', async () => {
    const { ComputeMode, RegionalCluster } = await import('../lib');
    const fleet = newFleet();
    new RegionalCluster(fleet, 'auto', { region: 'eu-west-1', computeMode: ComputeMode.AUTO_MODE });
    new FleetApp(fleet, 'shop', { image: 'ghcr.io/acme/shop:1.0.0', port: 8080, placement: Placement.all(), secretEnv: { DATABASE_PASSWORD: DB } });
    expect(fleet.resolve().clusters[0]!.platform!.charts.map((c) => c.name)).toEqual(['metrics-server', 'external-secrets']);
  });

  it('writes a ClusterSecretStore per region read and the app\'s ExternalSecret, and the container reads the Secret by key', () => {
    const fleet = fleetOf({
      secretEnv: { DATABASE_PASSWORD: DB, API_TOKEN: SecretReference.fromSecretsManager('acme/shop/api', { region: 'eu-central-1' }) },
    });
    const files = filesOf(fleet, 'production-eu-west-1');
    expect(files.map((f) => f.name)).toEqual(['0000-baseline.k8s.yaml', '2000-secret-stores.k8s.yaml', '3000-app-shop.k8s.yaml', '3000-app-web.k8s.yaml']);
    const stores = files.find((f) => f.name === '2000-secret-stores.k8s.yaml')!;
    expect(stores.content).toMatchSnapshot();
    const app = files.find((f) => f.name === '3000-app-shop.k8s.yaml')!;
    const externalSecrets = app.objects.filter((o) => (o as { kind: string }).kind === 'ExternalSecret');
    expect(externalSecrets).toMatchSnapshot();
    const deployment = app.objects.find((o) => (o as { kind: string }).kind === 'Deployment') as { spec: { template: { spec: { containers: { env: unknown[] }[] } } } };
    expect(deployment.spec.template.spec.containers[0]!.env).toEqual([
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'API_TOKEN', valueFrom: { secretKeyRef: { key: 'API_TOKEN', name: 'shop-secrets-eu-central-1' } } },
      { name: 'DATABASE_PASSWORD', valueFrom: { secretKeyRef: { key: 'DATABASE_PASSWORD', name: 'shop-secrets' } } },
    ]);
    expect(validateManifests([...stores.objects, ...app.objects])).toEqual([]);
    const resolved = fleet.resolve().clusters.find((c) => c.id === 'production-eu-west-1')!;
    expect(resolved.platform!.charts.find((c) => c.name === 'external-secrets')!.secretsAccess!.regions).toEqual(['eu-central-1', 'eu-west-1']);
  });

  it('leaves the output of an app without secrets as it was', () => {
    const files = filesOf(fleetOf(), 'production-us-east-1');
    expect(files.map((f) => f.name)).toEqual(['0000-baseline.k8s.yaml', '3000-app-web.k8s.yaml']);
  });
});

describe('secret files', () => {
  const CA = SecretReference.fromSecretsManager('acme/shop/ca');
  const KEY = SecretReference.fromSecretsManager('acme/shop/tls', { key: 'key', region: 'us-east-1' });

  it('mounts each folder read-only from the Secrets of its files\' stores, through the ExternalSecrets, and installs the operator for files alone', () => {
    const fleet = fleetOf({ secretEnv: undefined, secretFiles: { '/etc/shop/tls/ca.pem': CA, '/etc/shop/tls/key.pem': KEY, '/etc/shop/db/ca.pem': CA } });
    const resolved = fleet.resolve();
    expect(resolved.clusters.find((c) => c.id === 'production-eu-west-1')!.secretStores!.map((s) => s.name)).toEqual(['aws-secrets-manager', 'aws-secrets-manager-us-east-1']);
    const objects = parseAllDocuments(filesOf(fleet, 'production-eu-west-1').find((f) => f.name === '3000-app-shop.k8s.yaml')!.content).map((d) => d.toJS());
    expect(validateManifests(objects)).toEqual([]);
    const externals = objects.filter((o) => o.kind === 'ExternalSecret');
    expect(externals.map((o) => [o.metadata.name, o.spec.data])).toEqual([
      ['shop-secrets', [
        { secretKey: 'file.etc.shop.db.ca.pem', remoteRef: { key: 'acme/shop/ca' } },
        { secretKey: 'file.etc.shop.tls.ca.pem', remoteRef: { key: 'acme/shop/ca' } },
      ]],
      ['shop-secrets-us-east-1', [{ secretKey: 'file.etc.shop.tls.key.pem', remoteRef: { key: 'acme/shop/tls', property: 'key' } }]],
    ]);
    const pod = objects.find((o) => o.kind === 'Deployment').spec.template.spec;
    expect(pod.containers[0].volumeMounts.slice(1)).toEqual([
      { mountPath: '/etc/shop/db', name: 'secret-files-0', readOnly: true },
      { mountPath: '/etc/shop/tls', name: 'secret-files-1', readOnly: true },
    ]);
    expect(pod.volumes.slice(1)).toEqual([
      { name: 'secret-files-0', projected: { sources: [{ secret: { name: 'shop-secrets', items: [{ key: 'file.etc.shop.db.ca.pem', path: 'ca.pem' }] } }] } },
      { name: 'secret-files-1', projected: { sources: [
        { secret: { name: 'shop-secrets', items: [{ key: 'file.etc.shop.tls.ca.pem', path: 'ca.pem' }] } },
        { secret: { name: 'shop-secrets-us-east-1', items: [{ key: 'file.etc.shop.tls.key.pem', path: 'key.pem' }] } },
      ] } },
    ]);
  });

  it('refuses a missing reference from a JavaScript caller instead of failing on it', () => {
    const fleet = fleetOf({ secretEnv: { DATABASE_PASSWORD: null } as unknown as FleetAppProps['secretEnv'], secretFiles: { '/etc/shop/ca.pem': undefined } as unknown as FleetAppProps['secretFiles'] });
    expect(problemsOf(fleet).map((p) => p.message)).toEqual([
      'secretEnv "DATABASE_PASSWORD" is null; give a SecretReference, such as SecretReference.fromSecretsManager("acme/app/db", { key: "password" })',
      'secretFiles "/etc/shop/ca.pem" is undefined; give a SecretReference, such as SecretReference.fromSecretsManager("acme/app/db", { key: "password" })',
    ]);
  });

  it('refuses a path that is not a file in a folder, one over /tmp or a volume, and a bad reference', () => {
    const fleet = fleetOf({ secretFiles: { 'ca.pem': CA, '/ca.pem': CA, '/tmp/x/ca.pem': CA, '/etc/../ca.pem': CA, '/etc/shop/ca.pem': 'acme/shop/ca' as unknown as SecretReference } });
    expect(problemsOf(fleet).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'acme/shop: secretFiles "ca.pem" is not a file path to mount a secret at; give an absolute path of a folder and a file name, such as "/etc/app/tls/ca.pem"',
      'acme/shop: secretFiles "/ca.pem" is not a file path to mount a secret at; give an absolute path of a folder and a file name, such as "/etc/app/tls/ca.pem"',
      'acme/shop: secretFiles "/tmp/x/ca.pem" would mount folder /tmp/x over or under /tmp, which the app already mounts; put the file in a folder of its own, such as "/etc/secrets/ca.pem"',
      'acme/shop: secretFiles "/etc/../ca.pem" is not a file path to mount a secret at; give an absolute path of a folder and a file name, such as "/etc/app/tls/ca.pem"',
      'acme/shop: secretFiles "/etc/shop/ca.pem" is the string "acme/shop/ca"; give a SecretReference, such as SecretReference.fromSecretsManager("acme/app/db", { key: "password" })',
    ]);
  });
});

describe('secret refusals', () => {
  it('refuses a plaintext value whose name looks like a secret, in the app\'s env and an override\'s', () => {
    const fleet = fleetOf({ env: { DB_PASSWORD: 'hunter2', 'api.token': 't', SIGNING_KEY: 'k', ClientSecretValue: 'x', PUBLIC_KEY: 'pk', LOG_LEVEL: 'info' }, notSecret: ['PUBLIC_KEY'] });
    const app = fleet.node.findChild('shop') as FleetApp;
    app.addOverride(Override.environment('production'), { env: { SESSION_SECRET: 's', PUBLIC_KEY: 'pk2' } });
    const messages = problemsOf(fleet).filter((p) => p.path === 'acme/shop').map((p) => p.message);
    const names = messages.map((m) => /^(.*?) "([^"]+)" looks like a secret/.exec(m)?.slice(1, 3).join(' '));
    expect(names).toEqual(['env DB_PASSWORD', 'env api.token', 'env SIGNING_KEY', 'env ClientSecretValue', 'override environment("production") env SESSION_SECRET']);
    expect(messages[0]).toBe('env "DB_PASSWORD" looks like a secret and would be written in plaintext into dist/ and the Pulumi inputs; ' +
      'read it from AWS Secrets Manager with secretEnv: { DB_PASSWORD: SecretReference.fromSecretsManager("<fleet>/...") }, ' +
      'or, if the value is not secret, list the name in the app\'s notSecret: ["DB_PASSWORD"]');
  });

  it('refuses a reference to a region outside the app\'s residency zone, naming the zone and the fix', () => {
    const fleet = newFleet();
    const eu = GdprZone.europeanUnion(fleet, 'eu');
    new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'] });
    new FleetApp(fleet, 'shop', {
      image: 'ghcr.io/acme/shop:1.0.0', port: 8080, placement: Placement.all(), residency: eu,
      secretEnv: { DATABASE_PASSWORD: SecretReference.fromSecretsManager('acme/shop/db', { region: 'us-east-1' }) },
    });
    expect(problemsOf(fleet)).toContainEqual({
      path: 'acme/shop',
      message: expect.stringMatching(/^secretEnv "DATABASE_PASSWORD" reads from us-east-1, outside the app's residency zone eu \(eu-central-1, .*\); keep the secret in a zone region/),
    });
  });

  it('refuses malformed references: no name, a name outside the fleet\'s prefix or an ARN, a bad key, an unknown region, a plain string', () => {
    const fleet = fleetOf({
      secretEnv: {
        A: SecretReference.fromSecretsManager(''),
        B: SecretReference.fromSecretsManager('shop/db'),
        C: SecretReference.fromSecretsManager('arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/db'),
        D: SecretReference.fromSecretsManager('acme/db', { key: '' }),
        E: SecretReference.fromSecretsManager('acme/db', { region: 'eu-west-9' }),
        F: 'hunter2' as unknown as SecretReference,
        LOG_LEVEL: DB,
      },
    });
    const messages = problemsOf(fleet).filter((p) => p.path === 'acme/shop').map((p) => p.message);
    expect(messages).toEqual([
      'secretEnv "A" names no secret (the string ""); give the Secrets Manager secret\'s name, such as "acme/app/db"',
      'secretEnv "B" secret "shop/db" is outside the fleet\'s secrets: the External Secrets Operator may read only secrets named "acme/..."; store it as "acme/shop/db"',
      'secretEnv "C" secret name "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/db" is not a Secrets Manager name (1 to 512 letters, digits and /_+=.@-; a name, not an ARN); rename it',
      'secretEnv "D" key "" is not a JSON key fleetform can read (letters, digits and -._/, starting with a letter or digit); fix it, or leave key out to read the whole secret',
      expect.stringMatching(/^secretEnv "E" region "eu-west-9" is not an AWS commercial region/),
      'secretEnv "F" is the string "hunter2"; give a SecretReference, such as SecretReference.fromSecretsManager("acme/app/db", { key: "password" })',
      'secretEnv "LOG_LEVEL" is also a plaintext env variable; give each variable once: remove it from env',
    ]);
  });
});

describe('the External Secrets Operator CRD schemas', () => {
  it('refuse an ExternalSecret or ClusterSecretStore with a misspelled field or a wrong enum', () => {
    const meta = { name: 'x', namespace: 'x' };
    expect(validateManifests([{
      apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: meta,
      spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 's' }, target: { name: 'x', creationPolicy: 'Owned' }, data: [{ secretKey: 'A', remoteRef: { key: 'acme/a', propertee: 'p' } }] },
    }, {
      apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore', metadata: { name: 's' },
      spec: { provider: { aws: { service: 'SecretManager', region: 'eu-west-1' } } },
    }])).toEqual([
      'ExternalSecret/x: /spec/data/0/remoteRef must NOT have additional properties (propertee)',
      'ExternalSecret/x: /spec/target/creationPolicy must be equal to one of the allowed values',
      'ClusterSecretStore/s: /spec/provider/aws/service must be equal to one of the allowed values',
    ]);
  });
});
