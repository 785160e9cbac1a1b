import { describe, expect, it } from 'vitest';
import { AppKind, AppProbe, EnvironmentFleet, Fleet, FleetApp, FleetAppProps, GlobalLoadBalancer, HostedZone, Override, Placement } from '../lib';
import { newFleet, problemAt, problemsOf } from './helpers/fleets';

function fleetWith(props: Partial<FleetAppProps>, configure?: (fleet: Fleet, app: FleetApp, production: EnvironmentFleet) => void): Fleet {
  const fleet = newFleet();
  const production = new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'] });
  const app = new FleetApp(fleet, 'app', { image: 'ghcr.io/acme/app:1.0.0', placement: Placement.all(), ...props } as FleetAppProps);
  configure?.(fleet, app, production);
  return fleet;
}

const at = (message: string) => ({ path: 'acme/app', message });

describe('FleetApp kinds refuse', () => {
  it('a worker given a port, a service port, an ingress, callers or a health check', () => {
    expect(problemsOf(fleetWith({
      kind: AppKind.WORKER, port: 8080, servicePort: 80, ingress: { host: 'shop.acme.example' }, callers: ['storefront'], healthCheck: { path: '/healthz' },
    }))).toEqual(expect.arrayContaining([
      at('a worker app serves no port, so it takes no port (8080); remove port (a probe can name its own: AppProbe.http("/healthz", { port: 9000 })), or make it kind: AppKind.SERVICE'),
      at('a worker app serves no port and has no Service, so it takes no servicePort; remove servicePort, or make it kind: AppKind.SERVICE'),
      at('a worker app serves no port, so nothing can route to it: it takes no ingress; remove ingress, or make it kind: AppKind.SERVICE'),
      at('a worker app serves no port, so no app can call it: it takes no callers; remove callers, or make it kind: AppKind.SERVICE'),
      at('a worker app serves no port, so healthCheck (which probes the port) does not apply; give probes instead, such as probes: { liveness: AppProbe.exec(["/app/alive"]) }'),
    ]));
  });

  it('a job or cron job given an ingress, or the settings of long-running apps', () => {
    expect(problemsOf(fleetWith({ kind: AppKind.JOB, ingress: { host: 'shop.acme.example' }, replicas: 2, maxUnavailable: 1 }))).toEqual(expect.arrayContaining([
      at('a job app serves no port, so nothing can route to it: it takes no ingress; remove ingress, or make it kind: AppKind.SERVICE'),
      at('a job app runs to completion, so replicas does not apply; remove it (job.parallelism and job.completions set how many pods run)'),
      at('a job app runs to completion, so maxUnavailable does not apply; remove it (job.parallelism and job.completions set how many pods run)'),
    ]));
    expect(problemsOf(fleetWith({ kind: AppKind.CRON_JOB, cronJob: { schedule: '@daily' }, servicePort: 80 }))).toEqual([
      at('a cron-job app serves no port and has no Service, so it takes no servicePort; remove servicePort, or make it kind: AppKind.SERVICE'),
    ]);
  });

  it('a worker, job or cron job a global load balancer routes to, naming the load balancer and the app', () => {
    const fleet = fleetWith({ kind: AppKind.WORKER }, (f, app, production) => {
      new GlobalLoadBalancer(f, 'www', { hostname: 'www.acme.example', hostedZone: HostedZone.existing('Z0123456789ABC', 'acme.example'), app, targets: production });
    });
    expect(problemsOf(fleet)).toContainEqual({
      path: 'acme/www',
      message: 'the load balancer sends users to app app (acme/app), a worker that serves no port; route to a service or stateful app instead, or make app kind: AppKind.SERVICE with a port',
    });
  });

  it('a service or stateful app without a port', () => {
    expect(problemsOf(fleetWith({}))).toEqual([at('a service app serves a port, and none is given; give port, such as port: 8080, or kind: AppKind.WORKER for an app that serves none')]);
    expect(problemsOf(fleetWith({ kind: AppKind.STATEFUL }))).toEqual([at('a stateful app serves a port, and none is given; give port, such as port: 8080, or kind: AppKind.WORKER for an app that serves none')]);
  });

  it('a cron job without a schedule, or with one that does not parse, or a time zone that is not one', () => {
    expect(problemsOf(fleetWith({ kind: AppKind.CRON_JOB }))).toEqual([at('a cron-job app needs a schedule; give cronJob: { schedule: "0 3 * * *" }')]);
    expect(problemsOf(fleetWith({ kind: AppKind.CRON_JOB, cronJob: { schedule: '0 25 * * *', timeZone: 'Mars/Olympus' } }))).toEqual([
      at('cronJob.schedule "0 25 * * *": hour 25 is outside 0–23; give five fields such as "0 3 * * *" (03:00 daily) or a descriptor such as "@hourly"'),
      at('cronJob.timeZone "Mars/Olympus" is not a known time zone; give an IANA time zone name such as "Europe/Paris" or "Etc/UTC"'),
    ]);
  });

  it('a stateful app with autoscaling unless it says it is safe, on the app and in an override', () => {
    const autoscaling = { minReplicas: 3, maxReplicas: 6 };
    expect(problemsOf(fleetWith({ kind: AppKind.STATEFUL, port: 5432, autoscaling }))).toEqual([
      at('a stateful app with autoscaling would have replicas added and removed by CPU load, each with its own volume; if the app rebalances its data safely, say so with autoscalingIsSafe: true, else give fixed replicas'),
    ]);
    expect(fleetWith({ kind: AppKind.STATEFUL, port: 5432, autoscaling, autoscalingIsSafe: true }).resolve().problems).toEqual([]);
    expect(problemsOf(fleetWith({ kind: AppKind.STATEFUL, port: 5432 }, (_f, app) => app.addOverride(Override.environment('production'), { autoscaling })))).toEqual([
      at('override environment("production") sets autoscaling on a stateful app; if adding and removing its replicas is safe for its data, say so with autoscalingIsSafe: true on the app, else give fixed replicas'),
    ]);
  });

  it('replicas or autoscaling in an override of a job or cron job', () => {
    expect(problemsOf(fleetWith({ kind: AppKind.JOB }, (_f, app) => app.addClusterOverride('production-eu-west-1', { replicas: 3 })))).toEqual([
      at('override "production-eu-west-1" sets replicas, but the app is a job, which runs to completion; remove replicas from the override'),
    ]);
  });

  it('options of another kind, and bad volumes', () => {
    expect(problemsOf(fleetWith({ port: 8080, job: { backoffLimit: 1 }, cronJob: { schedule: '@daily' }, volumes: [], autoscalingIsSafe: true }))).toEqual([
      at('a service app is not a job, so it takes no job options; remove job, or make it kind: AppKind.JOB or AppKind.CRON_JOB'),
      at('a service app takes no cronJob options; remove cronJob, or make it kind: AppKind.CRON_JOB'),
      at('a service app keeps no volumes; remove volumes, or make it kind: AppKind.STATEFUL'),
      at('autoscalingIsSafe is for a stateful app; remove it from a service app'),
    ]);
    expect(problemsOf(fleetWith({ kind: AppKind.STATEFUL, port: 5432, volumes: [{ name: 'Data', mountPath: 'data', size: 'big' }, { name: 'logs', mountPath: '/tmp', size: '1Gi' }] }))).toEqual([
      at('volumes[0].name "Data" is not a DNS label; use lower-case letters, digits and \'-\', such as "data"'),
      at('volumes[0].mountPath "data" must be an absolute path, such as "/var/lib/data"'),
      at('volumes[0].size "big" is not a size such as "20Gi"'),
      at('volumes[1].mountPath "/tmp" is mounted already; give each volume a path of its own'),
    ]);
  });

  it('a probe on a port the app does not have, bad probe settings, root ids and a drain longer than the grace period', () => {
    expect(problemsOf(fleetWith({
      kind: AppKind.WORKER,
      probes: { readiness: AppProbe.http('/ready'), liveness: AppProbe.exec([], { periodSeconds: 0 }) },
      runAsUser: 0,
    }))).toEqual([
      at('probes.readiness is a http probe, and a worker app has no port to probe; give the probe a port, such as { port: 9000 }, or use AppProbe.exec([...]) or AppProbe.none()'),
      at('probes.liveness: exec probe needs a command as a non-empty list of strings, such as ["/app/healthcheck"]'),
      at('probes.liveness: probe periodSeconds 0 must be a whole number of at least 1'),
      at('runAsUser 0 must be a whole number from 1 to 2147483647: the restricted pod security standard runs no container as root (0)'),
    ]);
    expect(problemsOf(fleetWith({ port: 8080, drainSeconds: 30 }))).toEqual([
      at('drainSeconds 30 is not below terminationGracePeriodSeconds 30: the pod would be killed while still draining; raise terminationGracePeriodSeconds above it'),
    ]);
  });

  it('a kind that is not one, and a probe that is not an AppProbe, from JavaScript', () => {
    expect(problemsOf(fleetWith({ kind: 'daemon' as AppKind, port: 8080 }))).toEqual([
      problemAt('acme/app', 'kind is the string "daemon", not "service", "worker", "job", "cron-job" or "stateful"'),
    ]);
    expect(problemsOf(fleetWith({ port: 8080, probes: { readiness: { path: '/ready' } as unknown as AppProbe } }))).toEqual([
      problemAt('acme/app', 'probes.readiness is an object, not an AppProbe, such as AppProbe.http("/healthz")'),
    ]);
  });
});
