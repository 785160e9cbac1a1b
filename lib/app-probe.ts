/**
 * How the kubelet checks a container: one of {@link AppProbe}'s factories per
 * probe (startup, readiness, liveness), each chosen on its own.
 */
import { Fields, readProps, shapes } from './input';
import { isKind, markKind } from './markers';

/** Timing of a probe. */
export interface ProbeTiming {
  /**
   * Port probed (HTTP, TCP, gRPC).
   * @default - the app's port
   */
  readonly port?: number;
  /**
   * Seconds after the container starts before the first probe.
   * @default 0
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   * @default 10
   */
  readonly periodSeconds?: number;
  /**
   * Seconds a probe may take.
   * @default 1
   */
  readonly timeoutSeconds?: number;
  /**
   * Failures in a row before the probe counts as failed.
   * @default 3
   */
  readonly failureThreshold?: number;
}

/** The check of a probe, as resolved. */
export type ProbeCheck =
  | { readonly type: 'http'; readonly path: string }
  | { readonly type: 'tcp' }
  | { readonly type: 'grpc'; readonly service?: string }
  | { readonly type: 'exec'; readonly command: readonly string[] };

const TIMING_FIELDS: Fields = {
  port: { shape: shapes.number, example: '9000' },
  initialDelaySeconds: { shape: shapes.number, example: '10' },
  periodSeconds: { shape: shapes.number, example: '10' },
  timeoutSeconds: { shape: shapes.number, example: '1' },
  failureThreshold: { shape: shapes.number, example: '3' },
};

/**
 * One probe of an app's container: `AppProbe.http('/healthz')`, `AppProbe.tcp()`,
 * `AppProbe.grpc()`, `AppProbe.exec(['/bin/check'])`, or `AppProbe.none()` to turn it off.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 */
export class AppProbe {
  /** Whether `x` is an AppProbe (also one made by another copy of fleetform). */
  static isAppProbe(x: unknown): x is AppProbe {
    return isKind(x, 'probe');
  }

  /** An HTTP GET of `path` on the port; 200–399 is success. */
  static http(path: string, timing: ProbeTiming = {}): AppProbe {
    return new AppProbe({ type: 'http', path }, timing);
  }

  /** A TCP connection to the port. */
  static tcp(timing: ProbeTiming = {}): AppProbe {
    return new AppProbe({ type: 'tcp' }, timing);
  }

  /** The gRPC health checking protocol on the port, for `service` (or the server as a whole). */
  static grpc(options: ProbeTiming & { readonly service?: string } = {}): AppProbe {
    const { service, ...timing } = options;
    return new AppProbe(service !== undefined ? { type: 'grpc', service } : { type: 'grpc' }, timing);
  }

  /** A command run in the container (no shell unless you call one); exit 0 is success. */
  static exec(command: readonly string[], timing: ProbeTiming = {}): AppProbe {
    // Copied only when it is a list: a string (or nothing) from a JavaScript caller is reported, not spread into letters.
    return new AppProbe({ type: 'exec', command: Array.isArray(command) ? [...command] : command }, timing);
  }

  /** No probe of this kind. */
  static none(): AppProbe {
    return new AppProbe(undefined, {});
  }

  /** The check, or undefined for `none()`. */
  readonly check?: ProbeCheck;
  /** Timing as given (defaults are filled in at resolve). */
  readonly timing: ProbeTiming;
  /** Problems of the arguments given to the factory. */
  readonly problems: readonly string[];

  private constructor(check: ProbeCheck | undefined, timing: unknown) {
    markKind(this, 'probe');
    const read = readProps<ProbeTiming>(timing, TIMING_FIELDS, 'probe timing');
    const problems = [...read.problems];
    if (check?.type === 'http' && (typeof check.path !== 'string' || !check.path.startsWith('/'))) problems.push(`HTTP probe path ${JSON.stringify(check.path)} must start with '/', such as "/healthz"`);
    if (check?.type === 'exec' && (!Array.isArray(check.command) || check.command.length === 0 || !check.command.every((c) => typeof c === 'string'))) {
      problems.push('exec probe needs a command as a non-empty list of strings, such as ["/app/healthcheck"]');
    }
    if (check?.type === 'grpc' && check.service !== undefined && typeof check.service !== 'string') problems.push('gRPC probe service must be a string');
    const t = read.props;
    if (t.port !== undefined && (!Number.isInteger(t.port) || t.port < 1 || t.port > 65535)) problems.push(`probe port ${t.port} is not a TCP port; use 1 to 65535`);
    for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'failureThreshold'] as const) {
      const v = t[k];
      const least = k === 'initialDelaySeconds' ? 0 : 1;
      if (v !== undefined && (!Number.isInteger(v) || v < least)) problems.push(`probe ${k} ${v} must be a whole number of at least ${least}`);
    }
    this.check = check;
    this.timing = t;
    this.problems = problems;
  }

  /** In words, such as `http /healthz` or `none`. */
  describe(): string {
    const c = this.check;
    if (c === undefined) return 'none';
    return c.type === 'http' ? `http ${c.path}` : c.type === 'exec' ? `exec ${c.command.join(' ')}` : c.type;
  }
}

/** The probes of an app's container, each independent. */
export interface AppProbes {
  /**
   * Holds the other probes off until the app has started.
   * @default - for a service: TCP on the port, failing after 3 tries; otherwise none
   */
  readonly startup?: AppProbe;
  /**
   * Whether the pod receives traffic.
   * @default - for a service: `healthCheck`'s HTTP path, or TCP on the port; otherwise none
   */
  readonly readiness?: AppProbe;
  /**
   * Whether the container is restarted.
   * @default - for a service: as readiness, after `healthCheck.initialDelaySeconds`; otherwise none
   */
  readonly liveness?: AppProbe;
}

const PROBE = shapes.instance('an AppProbe, such as AppProbe.http("/healthz")', AppProbe.isAppProbe);

/** The shape of {@link AppProbes}. */
export const PROBES_SHAPE = shapes.object({
  startup: { shape: PROBE, example: 'AppProbe.tcp()' },
  readiness: { shape: PROBE, example: 'AppProbe.http("/ready")' },
  liveness: { shape: PROBE, example: 'AppProbe.exec(["/app/alive"])' },
}, 'probes such as { readiness: AppProbe.http("/ready") }');
