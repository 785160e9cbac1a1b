/** What kind of workload a FleetApp runs, and the options of each kind. */
import { Fields, shapes } from './input';

/** The kind of workload a {@link FleetApp} runs. */
export enum AppKind {
  /** A long-running service on a port: Deployment, Service, disruption budget; the default. */
  SERVICE = 'service',
  /** A long-running process with no port, such as a queue consumer: Deployment and disruption budget, no Service. */
  WORKER = 'worker',
  /** A run to completion, once per release: a Job. */
  JOB = 'job',
  /** A run to completion on a schedule: a CronJob. */
  CRON_JOB = 'cron-job',
  /**
   * A service that keeps data on its own volumes: StatefulSet with a volume claim per
   * replica (encrypted gp3 EBS), a headless Service for stable pod names and the normal Service.
   */
  STATEFUL = 'stateful',
}

/** The kinds, in the order documented. */
export const APP_KINDS: readonly AppKind[] = [AppKind.SERVICE, AppKind.WORKER, AppKind.JOB, AppKind.CRON_JOB, AppKind.STATEFUL];

/** Whether a kind serves a port (and so has a Service, callers and may be routed to). */
export function servesPort(kind: AppKind): boolean {
  return kind === AppKind.SERVICE || kind === AppKind.STATEFUL;
}

/** Whether a kind runs to completion (Job or CronJob): no replicas, no disruption budget. */
export function runsToCompletion(kind: AppKind): boolean {
  return kind === AppKind.JOB || kind === AppKind.CRON_JOB;
}

/** How a Job (of a `job` app, or each run of a `cron-job` app) runs. */
export interface JobOptions {
  /**
   * Retries before the Job is marked failed.
   * @default 3
   */
  readonly backoffLimit?: number;
  /**
   * Seconds a run may take, retries included, before it is stopped and marked failed.
   * @default - no deadline
   */
  readonly activeDeadlineSeconds?: number;
  /**
   * Seconds a finished Job (and its pods' logs) is kept before Kubernetes deletes it.
   * Leave it out for a `job` applied by a GitOps engine that re-creates what is
   * missing: the deleted Job would be created, and run, again.
   * @default - kept (a cron job's runs are pruned by its history limits)
   */
  readonly ttlSecondsAfterFinished?: number;
  /**
   * Pods that must succeed for the Job to complete.
   * @default 1
   */
  readonly completions?: number;
  /**
   * Pods run at once.
   * @default 1
   */
  readonly parallelism?: number;
}

/** How a `cron-job` app is scheduled. */
export interface CronJobOptions {
  /**
   * When runs start: five cron fields (minute hour day-of-month month day-of-week),
   * such as `"*\/15 * * * *"`, or `@hourly`, `@daily`, `@weekly`, `@monthly`, `@yearly`.
   */
  readonly schedule: string;
  /**
   * IANA time zone the schedule is read in, such as `"Europe/Paris"`.
   * @default - the time zone of the kube-controller-manager (UTC on EKS)
   */
  readonly timeZone?: string;
  /**
   * What happens when a run is due while the last one still runs.
   * @default 'Forbid' - the new run is skipped
   */
  readonly concurrencyPolicy?: 'Forbid' | 'Allow' | 'Replace';
  /**
   * Seconds after its time a missed run may still start.
   * @default - no deadline
   */
  readonly startingDeadlineSeconds?: number;
  /**
   * Finished successful Jobs kept.
   * @default 3
   */
  readonly successfulJobsHistoryLimit?: number;
  /**
   * Finished failed Jobs kept.
   * @default 1
   */
  readonly failedJobsHistoryLimit?: number;
}

/** A persistent volume of a `stateful` app: one claim per replica, on encrypted gp3 EBS. */
export interface StatefulVolume {
  /** Name of the claim template and the volume, a DNS label such as `data`. */
  readonly name: string;
  /** Where the container mounts it, such as `/var/lib/data`. */
  readonly mountPath: string;
  /** Size as a Kubernetes quantity, such as `20Gi`. */
  readonly size: string;
}

/** The shape of {@link JobOptions}. */
export const JOB_SHAPE = shapes.object({
  backoffLimit: { shape: shapes.number, example: '3' },
  activeDeadlineSeconds: { shape: shapes.number, example: '3600' },
  ttlSecondsAfterFinished: { shape: shapes.number, example: '86400' },
  completions: { shape: shapes.number, example: '1' },
  parallelism: { shape: shapes.number, example: '1' },
}, 'job options such as { backoffLimit: 3 }');

/** The shape of {@link CronJobOptions}. */
export const CRON_JOB_SHAPE = shapes.object({
  schedule: { shape: shapes.string, example: '"0 3 * * *"', required: true },
  timeZone: { shape: shapes.string, example: '"Europe/Paris"' },
  concurrencyPolicy: { shape: shapes.oneOf(['Forbid', 'Allow', 'Replace'], '"Forbid", "Allow" or "Replace"'), example: '"Forbid"' },
  startingDeadlineSeconds: { shape: shapes.number, example: '300' },
  successfulJobsHistoryLimit: { shape: shapes.number, example: '3' },
  failedJobsHistoryLimit: { shape: shapes.number, example: '1' },
}, 'cron job options such as { schedule: "0 3 * * *" }');

const VOLUME_FIELDS: Fields = {
  name: { shape: shapes.string, example: '"data"', required: true },
  mountPath: { shape: shapes.string, example: '"/var/lib/data"', required: true },
  size: { shape: shapes.string, example: '"20Gi"', required: true },
};

/** The shape of a list of {@link StatefulVolume}. */
export const VOLUMES_SHAPE = shapes.list(shapes.object(VOLUME_FIELDS, 'a volume such as { name: "data", mountPath: "/var/lib/data", size: "20Gi" }'));

/** The shape of {@link AppKind}. */
export const KIND_SHAPE = shapes.oneOf(APP_KINDS, APP_KINDS.map((k) => `"${k}"`).join(', ').replace(/, ([^,]*)$/, ' or $1'));
