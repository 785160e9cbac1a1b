/** The resolved workload of an app on a cluster: its kind, container settings and probes. */
import type { AppKind, CronJobOptions, JobOptions, StatefulVolume } from '../app-kind';
import type { ProbeCheck } from '../app-probe';

/** The kind of an app's workload and the container settings every kind shares. */
export interface WorkloadSpec {
  readonly kind: AppKind;
  /** The container's command (its entrypoint), or the image's. */
  readonly command?: readonly string[];
  /** The container's arguments, or the image's. */
  readonly args?: readonly string[];
  readonly startupProbe?: ProbeSpec;
  readonly readinessProbe?: ProbeSpec;
  readonly livenessProbe?: ProbeSpec;
  readonly runAsUser: number;
  readonly runAsGroup: number;
  readonly fsGroup?: number;
  readonly terminationGracePeriodSeconds: number;
  /** Seconds of the preStop sleep that lets the load balancer stop sending before the pod stops; none when not load balanced. */
  readonly drainSeconds?: number;
  /** A job's (or each cron run's) settings; for job and cron-job only. */
  readonly job?: Required<Omit<JobOptions, 'activeDeadlineSeconds' | 'ttlSecondsAfterFinished'>> & Pick<JobOptions, 'activeDeadlineSeconds' | 'ttlSecondsAfterFinished'>;
  /** The schedule of a cron job. */
  readonly cronJob?: Required<Omit<CronJobOptions, 'timeZone' | 'startingDeadlineSeconds'>> & Pick<CronJobOptions, 'timeZone' | 'startingDeadlineSeconds'>;
  /** Volume claims of a stateful app, one each per replica; empty for other kinds. */
  readonly volumes: readonly StatefulVolume[];
  /** The StorageClass the claims are made on. */
  readonly storageClass?: string;
}

/** One probe of an app's container: its check and the timing given (unset fields take Kubernetes' defaults). */
export interface ProbeSpec {
  readonly check: ProbeCheck;
  readonly port?: number;
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly failureThreshold?: number;
}
