/**
 * Every object fleetform writes passes the same object policy it holds raw
 * manifests to: the four examples, the channel fleet, a fleet of every app
 * kind with secrets and an Auto Mode cluster, and generated apps. The only
 * exemption is in code (ARGOCD_POLICY_EXEMPTIONS): the Argo CD cluster
 * Secrets, which hold names and an ARN and are applied to Argo CD, not to a cluster.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AddressLock, AppKind, AppProbe, checkObjectPolicy, ComputeMode, EnvironmentFleet, EnvironmentProfile, Fleet, FleetApp, FleetAppProps, FleetAssembly,
  Placement, PolicyFinding, RegionalCluster, SecretReference, Team,
} from '../../lib';
import { ARGOCD_CLUSTER_SECRET_KEYS, ARGOCD_POLICY_EXEMPTIONS } from '../../lib/synth/argocd';
import { buildAcmeFleet, ACME_LOCK_FILE } from '../../examples/acme/fleet';
import buildFintechFleet, { FINTECH_LOCK_FILE } from '../../examples/fintech/fleet';
import buildGlobalSaasFleet, { GLOBAL_SAAS_LOCK_FILE } from '../../examples/global-saas/fleet';
import buildSmallTeamFleet, { SMALL_TEAM_LOCK_FILE } from '../../examples/small-team/fleet';
import { buildChannelFleet } from '../helpers/channel-fleet';
import { newFleet, TEST_SUPPORT_DATE } from '../helpers/fleets';

function lockOf(file: string): AddressLock {
  return AddressLock.of((JSON.parse(readFileSync(file, 'utf8')) as { clusters: never }).clusters);
}

/** Every finding in every cluster file, as `cluster/file: rule object field`. */
function clusterFindings(assembly: FleetAssembly): string[] {
  return assembly.clusters.flatMap((c) => c.files.flatMap((f) => f.objects.flatMap((o) => checkObjectPolicy(o).map((x) => `${c.clusterId}/${f.name}: ${x.rule} ${x.object} ${x.field}`))));
}

function podBearing(assembly: FleetAssembly): string[] {
  const kinds = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'];
  return [...new Set(assembly.clusters.flatMap((c) => c.files.flatMap((f) => f.objects.filter((o) => kinds.includes(o.kind as string)).map((o) => o.kind as string))))].sort();
}

/** Every app kind, secrets as variables and files, probes, volumes, a team, on managed node groups and on Auto Mode. */
function richFleet(): Fleet {
  const fleet = newFleet({ kubernetesVersion: '1.35' });
  const production = new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1', 'us-east-1'], profile: EnvironmentProfile.production() });
  new RegionalCluster(fleet, 'auto', { region: 'eu-central-1', environment: 'batch', computeMode: ComputeMode.AUTO_MODE });
  const everywhere = Placement.all();
  const api = new FleetApp(fleet, 'api', {
    image: 'ghcr.io/acme/api:1.4.2', port: 8080, placement: Placement.environments(production), healthCheck: { path: '/healthz' }, drainSeconds: 5,
    ingress: { host: 'api.acme.example' }, autoscaling: { minReplicas: 2, maxReplicas: 6 },
    secretEnv: { TOKEN: SecretReference.fromSecretsManager('acme/api/token') },
    secretFiles: { '/etc/api/ca.pem': SecretReference.fromSecretsManager('acme/api/ca') },
  });
  new FleetApp(fleet, 'worker', { kind: AppKind.WORKER, image: 'ghcr.io/acme/worker@sha256:' + 'a'.repeat(64), placement: everywhere, probes: { liveness: AppProbe.exec(['/alive']) } });
  new FleetApp(fleet, 'migrate', { kind: AppKind.JOB, image: 'ghcr.io/acme/migrate:3.0.0', placement: everywhere, runAsUser: 1000, runAsGroup: 1000 });
  new FleetApp(fleet, 'report', { kind: AppKind.CRON_JOB, image: 'ghcr.io/acme/report:1.0.0', placement: everywhere, cronJob: { schedule: '0 3 * * *' } });
  new FleetApp(fleet, 'db', {
    kind: AppKind.STATEFUL, image: 'ghcr.io/acme/db:16.4', port: 5432, placement: Placement.environments(production),
    volumes: [{ name: 'data', mountPath: '/var/lib/db', size: '20Gi' }], resources: { cpu: { request: '500m', limit: '2' }, memory: { request: '1Gi', limit: '2Gi' } },
  });
  new Team(fleet, 'shop', { groups: ['acme:shop'], apps: [api] });
  return fleet;
}

describe('the objects fleetform writes', () => {
  const fleets: [string, () => FleetAssembly][] = [
    ['acme', () => buildAcmeFleet({ addressLock: lockOf(ACME_LOCK_FILE), supportDate: TEST_SUPPORT_DATE }).assemble()],
    ['global-saas', () => buildGlobalSaasFleet({ addressLock: lockOf(GLOBAL_SAAS_LOCK_FILE), supportDate: TEST_SUPPORT_DATE }).assemble()],
    ['fintech', () => buildFintechFleet({ addressLock: lockOf(FINTECH_LOCK_FILE), supportDate: TEST_SUPPORT_DATE }).assemble()],
    ['small-team', () => buildSmallTeamFleet({ addressLock: lockOf(SMALL_TEAM_LOCK_FILE), supportDate: TEST_SUPPORT_DATE }).assemble()],
    ['channel', () => buildChannelFleet().fleet.assemble()],
    ['rich', () => richFleet().assemble()],
  ];

  it.each(fleets)('pass the object policy in every cluster file of the %s fleet', (_, assemble) => {
    const assembly = assemble();
    expect(podBearing(assembly).length).toBeGreaterThan(0);
    expect(clusterFindings(assembly)).toEqual([]);
  });

  it('include every kind of workload fleetform writes, on managed node groups and Auto Mode', () => {
    const assembly = richFleet().assemble();
    expect(podBearing(assembly)).toEqual(['CronJob', 'Deployment', 'Job', 'StatefulSet']);
    expect(assembly.clusters.map((c) => c.clusterId)).toContain('auto');
  });

  it('in the Argo CD folder break only the exemption written in code: cluster Secrets of names and an ARN', () => {
    const assembly = buildAcmeFleet({ addressLock: lockOf(ACME_LOCK_FILE), supportDate: TEST_SUPPORT_DATE }).assemble();
    const objects = assembly.argoCd!.files.flatMap((f) => f.objects);
    const findings: PolicyFinding[] = objects.flatMap((o) => checkObjectPolicy(o));
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(Object.keys(ARGOCD_POLICY_EXEMPTIONS)).toContain(f.rule);
    const secrets = objects.filter((o) => o.kind === 'Secret');
    for (const s of secrets) {
      expect((s.metadata as { labels: Record<string, string> }).labels['argocd.argoproj.io/secret-type']).toBe('cluster');
      expect(Object.keys(s.stringData as object).sort()).toEqual(ARGOCD_CLUSTER_SECRET_KEYS);
      expect(s.data).toBeUndefined();
    }
  });

  const appProps: fc.Arbitrary<Partial<FleetAppProps>> = fc.record({
    kind: fc.constantFrom(AppKind.SERVICE, AppKind.WORKER, AppKind.JOB, AppKind.CRON_JOB, AppKind.STATEFUL),
    cpu: fc.option(fc.record({ request: fc.constantFrom('50m', '250m', '1'), limit: fc.constantFrom('1', '2') }, { requiredKeys: ['request'] }), { nil: undefined }),
    memory: fc.option(fc.constantFrom('64Mi', '512Mi', '2Gi'), { nil: undefined }),
    user: fc.option(fc.integer({ min: 1, max: 2147483647 }), { nil: undefined }),
    secret: fc.boolean(),
    liveness: fc.boolean(),
  }).map(({ kind, cpu, memory, user, secret, liveness }): Partial<FleetAppProps> => ({
    kind,
    ...(kind === AppKind.SERVICE || kind === AppKind.STATEFUL ? { port: 8080 } : {}),
    ...(kind === AppKind.CRON_JOB ? { cronJob: { schedule: '*/5 * * * *' } } : {}),
    ...(kind === AppKind.STATEFUL ? { volumes: [{ name: 'data', mountPath: '/data', size: '10Gi' }] } : {}),
    ...(cpu || memory ? { resources: { ...(cpu ? { cpu } : {}), ...(memory ? { memory: { request: memory, limit: memory } } : {}) } } : {}),
    ...(user !== undefined ? { runAsUser: user, runAsGroup: user } : {}),
    ...(secret ? { secretEnv: { TOKEN: SecretReference.fromSecretsManager('acme/app/token') } } : {}),
    ...(liveness && kind !== AppKind.JOB && kind !== AppKind.CRON_JOB ? { probes: { liveness: AppProbe.exec(['/alive']) } } : {}),
  }));

  it('pass the object policy for any app fleetform accepts', () => {
    fc.assert(fc.property(appProps, (props) => {
      const fleet = newFleet();
      new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
      new FleetApp(fleet, 'app', { image: 'ghcr.io/acme/app:1.0.0', placement: Placement.all(), ...props } as FleetAppProps);
      const assembly = fleet.assemble();
      expect(podBearing(assembly).length).toBe(1);
      expect(clusterFindings(assembly)).toEqual([]);
    }), { numRuns: 40 });
  });
});
