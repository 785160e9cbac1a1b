/** Checks of a FleetApp's props that depend on its kind: what each kind needs, and what it cannot take. */
import { AppKind, CronJobOptions, JobOptions, runsToCompletion, servesPort, StatefulVolume } from '../app-kind';
import type { AppOverrideOptions } from '../app-options';
import type { AppProbe, AppProbes } from '../app-probe';
import { checkCronSchedule } from './cron-schedule';

const QUANTITY = /^([0-9]+(\.[0-9]+)?)(k|M|G|T|Ki|Mi|Gi|Ti)?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The props of a FleetApp these checks read (FleetAppProps, without importing the construct). */
export interface KindProps {
  readonly kind?: AppKind;
  readonly port?: number;
  readonly servicePort?: number;
  readonly ingress?: unknown;
  readonly callers?: readonly unknown[];
  readonly healthCheck?: unknown;
  readonly replicas?: number;
  readonly autoscaling?: unknown;
  readonly maxUnavailable?: number;
  readonly peakReplicas?: number;
  readonly spreadAcrossZones?: boolean;
  readonly command?: readonly string[];
  readonly probes?: AppProbes;
  readonly job?: JobOptions;
  readonly cronJob?: CronJobOptions;
  readonly volumes?: readonly StatefulVolume[];
  readonly autoscalingIsSafe?: boolean;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly fsGroup?: number;
  readonly terminationGracePeriodSeconds?: number;
  readonly drainSeconds?: number;
}

function wholeAtLeast(what: string, v: number | undefined, least: number): string | undefined {
  if (v === undefined || (Number.isInteger(v) && v >= least)) return undefined;
  return `${what} ${v} must be a whole number of at least ${least}`;
}

/** Problems of the kind-dependent props of an app; `portGiven` when a port was given, even one of the wrong shape (reported as such). */
export function* checkKind(p: KindProps, portGiven = p.port !== undefined): Iterable<string | undefined> {
  const kind = p.kind ?? AppKind.SERVICE;
  const a = `a ${kind} app`;
  if (servesPort(kind)) {
    if (!portGiven) yield `${a} serves a port, and none is given; give port, such as port: 8080, or kind: AppKind.WORKER for an app that serves none`;
  } else {
    const noPort = `${a} serves no port`;
    if (p.port !== undefined) yield `${noPort}, so it takes no port (${p.port}); remove port (a probe can name its own: AppProbe.http("/healthz", { port: 9000 })), or make it kind: AppKind.SERVICE`;
    if (p.servicePort !== undefined) yield `${noPort} and has no Service, so it takes no servicePort; remove servicePort, or make it kind: AppKind.SERVICE`;
    if (p.ingress !== undefined) yield `${noPort}, so nothing can route to it: it takes no ingress; remove ingress, or make it kind: AppKind.SERVICE`;
    if ((p.callers ?? []).length > 0) yield `${noPort}, so no app can call it: it takes no callers; remove callers, or make it kind: AppKind.SERVICE`;
    if (p.healthCheck !== undefined) yield `${noPort}, so healthCheck (which probes the port) does not apply; give probes instead, such as probes: { liveness: AppProbe.exec(["/app/alive"]) }`;
    if (p.drainSeconds !== undefined) yield `${a} serves no traffic to drain, so it takes no drainSeconds; remove it`;
  }
  if (runsToCompletion(kind)) {
    for (const k of ['replicas', 'autoscaling', 'maxUnavailable', 'peakReplicas', 'spreadAcrossZones'] as const) {
      if (p[k] !== undefined) yield `${a} runs to completion, so ${k} does not apply; remove it (job.parallelism and job.completions set how many pods run)`;
    }
  } else if (p.job !== undefined) {
    yield `${a} is not a job, so it takes no job options; remove job, or make it kind: AppKind.JOB or AppKind.CRON_JOB`;
  }
  if (kind === AppKind.CRON_JOB) {
    if (p.cronJob === undefined) yield `${a} needs a schedule; give cronJob: { schedule: "0 3 * * *" }`;
    else yield* checkCronJob(p);
  } else if (p.cronJob !== undefined) {
    yield `${a} takes no cronJob options; remove cronJob, or make it kind: AppKind.CRON_JOB`;
  }
  if (kind === AppKind.STATEFUL) {
    if (p.autoscaling !== undefined && p.autoscalingIsSafe !== true) {
      yield `${a} with autoscaling would have replicas added and removed by CPU load, each with its own volume; if the app rebalances its data safely, say so with autoscalingIsSafe: true, else give fixed replicas`;
    }
    yield* checkVolumes(p.volumes ?? []);
  } else {
    if (p.volumes !== undefined) yield `${a} keeps no volumes; remove volumes, or make it kind: AppKind.STATEFUL`;
    if (p.autoscalingIsSafe !== undefined) yield `autoscalingIsSafe is for a stateful app; remove it from ${a}`;
  }
  if (p.job !== undefined) {
    const j = p.job;
    yield wholeAtLeast('job.backoffLimit', j.backoffLimit, 0);
    yield wholeAtLeast('job.activeDeadlineSeconds', j.activeDeadlineSeconds, 1);
    yield wholeAtLeast('job.ttlSecondsAfterFinished', j.ttlSecondsAfterFinished, 0);
    yield wholeAtLeast('job.completions', j.completions, 1);
    yield wholeAtLeast('job.parallelism', j.parallelism, 1);
  }
  if (p.command !== undefined && p.command.length === 0) yield 'command is empty; give the program and its arguments, such as ["/app/worker"], or leave command out for the image\'s entrypoint';
  for (const which of ['startup', 'readiness', 'liveness'] as const) {
    const probe: AppProbe | undefined = p.probes?.[which];
    if (probe === undefined) continue;
    for (const problem of probe.problems) yield `probes.${which}: ${problem}`;
    const type = probe.check?.type;
    if ((type === 'http' || type === 'tcp' || type === 'grpc') && probe.timing.port === undefined && p.port === undefined) {
      yield `probes.${which} is a ${type} probe, and ${a} has no port to probe; give the probe a port, such as { port: 9000 }, or use AppProbe.exec([...]) or AppProbe.none()`;
    }
  }
  for (const k of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) {
    const v = p[k];
    if (v !== undefined && (!Number.isInteger(v) || v < 1 || v > 2147483647)) yield `${k} ${v} must be a whole number from 1 to 2147483647: the restricted pod security standard runs no container as root (0)`;
  }
  yield wholeAtLeast('terminationGracePeriodSeconds', p.terminationGracePeriodSeconds, 1);
  yield wholeAtLeast('drainSeconds', p.drainSeconds, 1);
  const grace = p.terminationGracePeriodSeconds ?? 30;
  if (p.drainSeconds !== undefined && Number.isInteger(p.drainSeconds) && p.drainSeconds >= grace) {
    yield `drainSeconds ${p.drainSeconds} is not below terminationGracePeriodSeconds ${grace}: the pod would be killed while still draining; raise terminationGracePeriodSeconds above it`;
  }
}

function* checkCronJob(p: KindProps): Iterable<string | undefined> {
  const c = p.cronJob!;
  yield checkCronSchedule(c.schedule, 'cronJob.schedule');
  if (c.timeZone !== undefined) yield checkTimeZone(c.timeZone);
  yield wholeAtLeast('cronJob.startingDeadlineSeconds', c.startingDeadlineSeconds, 10);
  yield wholeAtLeast('cronJob.successfulJobsHistoryLimit', c.successfulJobsHistoryLimit, 0);
  yield wholeAtLeast('cronJob.failedJobsHistoryLimit', c.failedJobsHistoryLimit, 0);
}

/** A problem when `zone` is not an IANA time zone name the runtime knows. */
function checkTimeZone(zone: string): string | undefined {
  const fix = 'give an IANA time zone name such as "Europe/Paris" or "Etc/UTC"';
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return `cronJob.timeZone "${zone}" is not a time zone name; ${fix}`;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return undefined;
  } catch {
    return `cronJob.timeZone "${zone}" is not a known time zone; ${fix}`;
  }
}

function* checkVolumes(volumes: readonly { name: string; mountPath: string; size: string }[]): Iterable<string> {
  const seen = new Set<string>();
  const mounts = new Set<string>(['/tmp']);
  for (const [i, v] of volumes.entries()) {
    const at = `volumes[${i}]`;
    if (!DNS_LABEL.test(v.name)) yield `${at}.name "${v.name}" is not a DNS label; use lower-case letters, digits and '-', such as "data"`;
    else if (v.name === 'tmp') yield `${at}.name "tmp" is the app's /tmp volume; give another name`;
    else if (seen.has(v.name)) yield `${at}.name "${v.name}" is used twice; give each volume a name of its own`;
    seen.add(v.name);
    if (!v.mountPath.startsWith('/')) yield `${at}.mountPath "${v.mountPath}" must be an absolute path, such as "/var/lib/data"`;
    else if (mounts.has(v.mountPath.replace(/\/+$/, ''))) yield `${at}.mountPath "${v.mountPath}" is mounted already; give each volume a path of its own`;
    mounts.add(v.mountPath.replace(/\/+$/, ''));
    if (!QUANTITY.test(v.size) || /^0+(\.0+)?[A-Za-z]*$/.test(v.size)) yield `${at}.size "${v.size}" is not a size such as "20Gi"`;
  }
}

/** Problems of an override's options that depend on the app's kind; `at` starts each message. */
export function* checkKindOverride(at: string, o: AppOverrideOptions, app: KindProps): Iterable<string> {
  const kind = app.kind ?? AppKind.SERVICE;
  if (runsToCompletion(kind)) {
    for (const k of ['replicas', 'autoscaling'] as const) {
      if (o[k] !== undefined) yield `${at}sets ${k}, but the app is a ${kind}, which runs to completion; remove ${k} from the override`;
    }
  }
  if (kind === AppKind.STATEFUL && o.autoscaling !== undefined && app.autoscalingIsSafe !== true) {
    yield `${at}sets autoscaling on a stateful app; if adding and removing its replicas is safe for its data, say so with autoscalingIsSafe: true on the app, else give fixed replicas`;
  }
}
