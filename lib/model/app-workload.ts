/** The kind-specific part of an app's spec: probes, user ids, draining, and the settings of jobs, cron jobs and stateful apps. */
import { AppKind, runsToCompletion, servesPort } from '../app-kind';
import type { AppProbe, ProbeCheck } from '../app-probe';
import type { FleetAppProps } from '../fleet-app';
import type { ProbeSpec, WorkloadSpec } from './resolved';

/** The StorageClass of encrypted gp3 EBS volumes that fleetform writes on a cluster running a stateful app (and on every Auto Mode cluster). */
export const ENCRYPTED_STORAGE_CLASS = 'ebs-gp3-encrypted';

/** The non-root user and group a container runs as when none is given: the `nonroot` user of distroless and Chainguard images. */
export const DEFAULT_RUN_AS = 65532;

/** Seconds a pod with a port keeps serving after it is told to stop, while it is taken out of its Service's endpoints and its load balancer's targets. */
export const DEFAULT_DRAIN_SECONDS = 10;

/** The volume a stateful app gets when it names none. */
export const DEFAULT_VOLUME = { name: 'data', mountPath: '/data', size: '10Gi' } as const;

function probe(p: AppProbe | undefined, fallback: ProbeSpec | undefined): ProbeSpec | undefined {
  if (p === undefined) return fallback;
  if (p.check === undefined) return undefined;
  return { check: p.check, ...p.timing };
}

/** The workload part of the spec of an app with props `p`. */
export function workloadSpec(p: Partial<FleetAppProps>): WorkloadSpec {
  const kind = p.kind ?? AppKind.SERVICE;
  const serving = servesPort(kind);
  // A service's probes as before kinds existed: the health check's HTTP path, or TCP, on the port.
  const check: ProbeCheck = p.healthCheck?.path !== undefined ? { type: 'http', path: p.healthCheck.path } : { type: 'tcp' };
  // Every app with a port drains, not only one behind a load balancer: a stopping pod leaves the
  // Service's endpoints (kube-proxy) and the ALB's targets only some seconds after SIGTERM, and a
  // route added or removed at the edge must not change the pod template (that would roll the pods).
  const drainSeconds = serving ? p.drainSeconds ?? DEFAULT_DRAIN_SECONDS : undefined;
  const runAsGroup = p.runAsGroup ?? DEFAULT_RUN_AS;
  const stateful = kind === AppKind.STATEFUL;
  const c = p.cronJob;
  return {
    kind,
    ...(p.command !== undefined ? { command: [...p.command] } : {}),
    ...(p.args !== undefined ? { args: [...p.args] } : {}),
    // The startup probe opens a TCP connection whatever the health check, as before.
    startupProbe: probe(p.probes?.startup, serving ? { check: { type: 'tcp' }, failureThreshold: 3 } : undefined),
    readinessProbe: probe(p.probes?.readiness, serving ? { check, initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 } : undefined),
    livenessProbe: probe(p.probes?.liveness, serving ? { check, initialDelaySeconds: p.healthCheck?.initialDelaySeconds ?? 10, periodSeconds: 10, failureThreshold: 3 } : undefined),
    runAsUser: p.runAsUser ?? DEFAULT_RUN_AS,
    runAsGroup,
    ...(p.fsGroup !== undefined || stateful ? { fsGroup: p.fsGroup ?? runAsGroup } : {}),
    terminationGracePeriodSeconds: p.terminationGracePeriodSeconds ?? 30,
    ...(drainSeconds !== undefined ? { drainSeconds } : {}),
    ...(runsToCompletion(kind) ? {
      job: {
        backoffLimit: p.job?.backoffLimit ?? 3,
        ...(p.job?.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: p.job.activeDeadlineSeconds } : {}),
        ...(p.job?.ttlSecondsAfterFinished !== undefined ? { ttlSecondsAfterFinished: p.job.ttlSecondsAfterFinished } : {}),
        completions: p.job?.completions ?? 1,
        parallelism: p.job?.parallelism ?? 1,
      },
    } : {}),
    ...(kind === AppKind.CRON_JOB && c ? {
      cronJob: {
        schedule: c.schedule,
        ...(c.timeZone !== undefined ? { timeZone: c.timeZone } : {}),
        concurrencyPolicy: c.concurrencyPolicy ?? 'Forbid',
        ...(c.startingDeadlineSeconds !== undefined ? { startingDeadlineSeconds: c.startingDeadlineSeconds } : {}),
        successfulJobsHistoryLimit: c.successfulJobsHistoryLimit ?? 3,
        failedJobsHistoryLimit: c.failedJobsHistoryLimit ?? 1,
      },
    } : {}),
    volumes: stateful ? (p.volumes ?? [DEFAULT_VOLUME]).map((v) => ({ name: v.name, mountPath: v.mountPath, size: v.size })) : [],
    ...(stateful ? { storageClass: ENCRYPTED_STORAGE_CLASS } : {}),
  };
}
