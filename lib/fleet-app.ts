import { Construct } from 'constructs';
import { checkLater } from './errors';
import { checkDnsLabel, checkLabels } from './naming';
import { Placement } from './placement';
import { findFleet, RegionalCluster } from './regional-cluster';
import { SYSTEM_NAMESPACE } from './synth/baseline-chart';

/** Namespaces no app may use: Kubernetes' own and fleetform's. */
export const RESERVED_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease', SYSTEM_NAMESPACE];

/** Pod autoscaling (a HorizontalPodAutoscaler on CPU). */
export interface AutoscalingOptions {
  /** Fewest replicas per cluster. */
  readonly minReplicas: number;
  /** Most replicas per cluster. */
  readonly maxReplicas: number;
  /**
   * Average CPU utilization, in percent of the request, the autoscaler aims for.
   * @default 70
   */
  readonly targetCpuUtilization?: number;
}

/** Requests and limits of one resource, as Kubernetes quantities. */
export interface ResourceRange {
  /** Reserved for the container, such as `250m` or `256Mi`. */
  readonly request: string;
  /** Most the container may use. */
  readonly limit: string;
}

/** Container resources. */
export interface AppResources {
  /** @default { request: '100m', limit: '500m' } */
  readonly cpu?: ResourceRange;
  /** @default { request: '128Mi', limit: '256Mi' } */
  readonly memory?: ResourceRange;
}

/** Readiness and liveness probing. */
export interface HealthCheck {
  /**
   * HTTP path probed on the app port; without it the probes open a TCP connection.
   * @default - TCP probes
   */
  readonly path?: string;
  /**
   * Seconds before the first liveness probe.
   * @default 10
   */
  readonly initialDelaySeconds?: number;
}

/** HTTP routing into the app from outside the cluster. */
export interface AppIngress {
  /** Host name served, such as `shop.acme.example`. */
  readonly host: string;
  /**
   * Path prefix routed to the app.
   * @default '/'
   */
  readonly path?: string;
  /**
   * IngressClass that serves it.
   * @default - the cluster's default class
   */
  readonly className?: string;
  /**
   * Secret in the app's namespace holding the TLS certificate for the host.
   * @default - no TLS at the ingress
   */
  readonly tlsSecretName?: string;
}

/** What may differ on one cluster. */
export interface ClusterOverrideOptions {
  /** Image on this cluster. @default - the app's image */
  readonly image?: string;
  /** Fixed replicas on this cluster; turns autoscaling off there. @default - the app's scaling */
  readonly replicas?: number;
  /** Autoscaling on this cluster; replaces fixed replicas there. @default - the app's scaling */
  readonly autoscaling?: AutoscalingOptions;
  /** Environment variables added (or replaced) on this cluster. @default - none */
  readonly env?: Readonly<Record<string, string>>;
}

/** Props of a {@link FleetApp}. */
export interface FleetAppProps {
  /** Container image, pinned by tag or digest, such as `ghcr.io/acme/api:1.4.2`. */
  readonly image: string;
  /** Port the container listens on. */
  readonly port: number;
  /** Clusters the app lands on. */
  readonly placement: Placement;
  /**
   * Namespace the app lives in, created with it.
   * @default - the app's id
   */
  readonly namespace?: string;
  /**
   * Fixed replicas per cluster. Mutually exclusive with `autoscaling`.
   * @default 2 when autoscaling is not set
   */
  readonly replicas?: number;
  /**
   * Pod autoscaling per cluster. Mutually exclusive with `replicas`.
   * @default - fixed replicas
   */
  readonly autoscaling?: AutoscalingOptions;
  /** @default - 100m/500m CPU, 128Mi/256Mi memory */
  readonly resources?: AppResources;
  /** @default - TCP probes on the port */
  readonly healthCheck?: HealthCheck;
  /**
   * Most pods a voluntary disruption (a node drain) may take down at once.
   * @default 1
   * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/
   */
  readonly maxUnavailable?: number;
  /**
   * Spread replicas across availability zones and nodes.
   * @default true
   */
  readonly spreadAcrossZones?: boolean;
  /**
   * Port of the in-cluster Service.
   * @default 80
   */
  readonly servicePort?: number;
  /**
   * An Ingress routing a host (and path) to the app's Service.
   * @default - no Ingress
   */
  readonly ingress?: AppIngress;
  /** Environment variables. @default - none */
  readonly env?: Readonly<Record<string, string>>;
  /** Labels of the app's objects. @default - none beyond fleetform's own */
  readonly labels?: Readonly<Record<string, string>>;
}

/** An app's settings on one cluster, every default filled in and overrides applied. */
export interface AppSpec {
  readonly name: string;
  readonly namespace: string;
  readonly image: string;
  readonly port: number;
  readonly servicePort: number;
  /** Fixed replicas, or undefined when autoscaling. */
  readonly replicas?: number;
  readonly autoscaling?: Required<AutoscalingOptions>;
  readonly resources: Required<AppResources>;
  readonly healthCheck: HealthCheck;
  readonly maxUnavailable: number;
  readonly spreadAcrossZones: boolean;
  readonly ingress?: AppIngress;
  readonly env: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

const QUANTITY = /^([0-9]+(\.[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * A stateless service deployed to the clusters its placement selects:
 * Namespace, ServiceAccount, Deployment, Service, PodDisruptionBudget,
 * NetworkPolicy and, when autoscaling, a HorizontalPodAutoscaler, in each.
 */
export class FleetApp extends Construct {
  static isFleetApp(x: unknown): x is FleetApp {
    return x instanceof FleetApp;
  }

  readonly appName: string;
  readonly placement: Placement;
  private readonly props: FleetAppProps;
  private readonly overrides = new Map<string, ClusterOverrideOptions>();

  constructor(scope: Construct, id: string, props: FleetAppProps) {
    super(scope, id);
    this.appName = id;
    this.props = props;
    this.placement = props.placement;
    checkLater(this, () => this.check());
  }

  /** Changes the app on one cluster, such as replicas or image in one region. */
  addClusterOverride(cluster: RegionalCluster | string, options: ClusterOverrideOptions): void {
    const id = typeof cluster === 'string' ? cluster : cluster.clusterId;
    this.overrides.set(id, { ...(this.overrides.get(id) ?? {}), ...options });
  }

  /** The app's namespace. */
  get namespace(): string {
    return this.props.namespace ?? this.appName;
  }

  /** The app's image, before per-cluster overrides. */
  get image(): string {
    return this.props.image;
  }

  /** The clusters the app lands on, sorted by cluster id. */
  get clusters(): RegionalCluster[] {
    return this.placement.select(findFleet(this).clusters);
  }

  /** The app's settings on `clusterId`. */
  specFor(clusterId: string): AppSpec {
    const p = this.props;
    const o = this.overrides.get(clusterId) ?? {};
    const scaled = o.replicas !== undefined || o.autoscaling !== undefined ? o : p;
    const autoscaling = scaled.autoscaling
      ? { targetCpuUtilization: 70, ...scaled.autoscaling }
      : undefined;
    return {
      name: this.appName,
      namespace: this.namespace,
      image: o.image ?? p.image,
      port: p.port,
      servicePort: p.servicePort ?? 80,
      replicas: autoscaling ? undefined : scaled.replicas ?? 2,
      autoscaling,
      resources: {
        cpu: p.resources?.cpu ?? { request: '100m', limit: '500m' },
        memory: p.resources?.memory ?? { request: '128Mi', limit: '256Mi' },
      },
      healthCheck: p.healthCheck ?? {},
      maxUnavailable: p.maxUnavailable ?? 1,
      spreadAcrossZones: p.spreadAcrossZones ?? true,
      ingress: p.ingress ? { path: '/', ...p.ingress } : undefined,
      env: { ...(p.env ?? {}), ...(o.env ?? {}) },
      labels: { ...(p.labels ?? {}) },
    };
  }

  private *check(): Iterable<string | undefined> {
    const p = this.props;
    yield checkDnsLabel('app name', this.appName, 50);
    if (/^[0-9]/.test(this.appName)) yield `app name "${this.appName}" starts with a digit; it names the app's Service, which must start with a letter (DNS-1035), so rename it, such as "app-${this.appName}"`;
    if (p.namespace !== undefined) yield checkDnsLabel('namespace', p.namespace);
    if (RESERVED_NAMESPACES.includes(this.namespace)) yield `namespace "${this.namespace}" is reserved for Kubernetes or fleetform; give the app a namespace of its own`;
    yield* checkImage(p.image, 'image');
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) yield `port ${p.port} is not a TCP port; use 1 to 65535`;
    if (p.servicePort !== undefined && (!Number.isInteger(p.servicePort) || p.servicePort < 1 || p.servicePort > 65535)) yield `servicePort ${p.servicePort} is not a TCP port; use 1 to 65535`;
    yield* checkScaling('', p);
    for (const [kind, r] of Object.entries(p.resources ?? {})) {
      for (const [k, q] of Object.entries(r as ResourceRange)) {
        if (!QUANTITY.test(q)) yield `resources.${kind}.${k} "${q}" is not a Kubernetes quantity such as "250m" or "256Mi"`;
      }
    }
    if (p.healthCheck?.path !== undefined && !p.healthCheck.path.startsWith('/')) yield `healthCheck.path "${p.healthCheck.path}" must start with '/'`;
    const delay = p.healthCheck?.initialDelaySeconds;
    if (delay !== undefined && (!Number.isInteger(delay) || delay < 0)) yield `healthCheck.initialDelaySeconds ${delay} must be a whole number of seconds, 0 or more`;
    if (p.maxUnavailable !== undefined && (!Number.isInteger(p.maxUnavailable) || p.maxUnavailable < 1)) yield `maxUnavailable ${p.maxUnavailable} must be a whole number of at least 1; 0 would block every node drain`;
    if (p.ingress) yield* checkIngress(p.ingress);
    for (const k of Object.keys(p.env ?? {})) if (!ENV_NAME.test(k)) yield `env name "${k}" is not a valid environment variable name`;
    yield* checkLabels('label', p.labels);

    const placed = this.clusters;
    const known = new Set(findFleet(this).clusters.map((c) => c.clusterId));
    for (const id of this.placement.clusters ?? []) {
      if (!known.has(id)) yield `placement names cluster "${id}", which is not in the fleet; fix the id (the fleet has ${[...known].join(', ') || 'no clusters'})`;
    }
    if (placed.length === 0) {
      yield `the app is placed on no cluster (placement: ${this.placement.describe()}); widen the placement or add a cluster it selects`;
    }
    const placedIds = new Set(placed.map((c) => c.clusterId));
    for (const [id, o] of [...this.overrides].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!placedIds.has(id)) yield `override for cluster "${id}" names a cluster the app is not placed on (${[...placedIds].join(', ') || 'none'}); fix the id or the placement`;
      if (o.image !== undefined) yield* checkImage(o.image, `override "${id}" image`);
      yield* checkScaling(`override "${id}" `, o);
      for (const k of Object.keys(o.env ?? {})) if (!ENV_NAME.test(k)) yield `override "${id}" env name "${k}" is not a valid environment variable name`;
    }
  }
}

function* checkIngress(i: AppIngress): Iterable<string | undefined> {
  if (!/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/.test(i.host)) {
    yield `ingress.host "${i.host}" is not a DNS name such as "shop.acme.example"`;
  }
  if (i.path !== undefined && !i.path.startsWith('/')) yield `ingress.path "${i.path}" must start with '/'`;
  if (i.className !== undefined) yield checkDnsLabel('ingress.className', i.className, 253);
  if (i.tlsSecretName !== undefined) yield checkDnsLabel('ingress.tlsSecretName', i.tlsSecretName, 253);
}

function* checkImage(image: string, what: string): Iterable<string> {
  if (!image || /\s/.test(image)) yield `${what} "${image}" is not a container image reference such as "ghcr.io/acme/api:1.4.2"`;
  else if (!/[:@]/.test(image.split('/').pop() ?? '')) yield `${what} "${image}" has no tag or digest; pin one, such as "${image}:1.0.0", so every cluster runs the same build`;
}

function* checkScaling(at: string, s: { replicas?: number; autoscaling?: AutoscalingOptions }): Iterable<string> {
  if (s.replicas !== undefined && s.autoscaling !== undefined) {
    yield `${at}sets both replicas (${s.replicas}) and autoscaling; autoscaling manages replicas, so remove one of them`;
  }
  if (s.replicas !== undefined && (!Number.isInteger(s.replicas) || s.replicas < 1)) yield `${at}replicas ${s.replicas} must be a whole number of at least 1`;
  const a = s.autoscaling;
  if (a) {
    if (!Number.isInteger(a.minReplicas) || a.minReplicas < 1) yield `${at}autoscaling.minReplicas ${a.minReplicas} must be a whole number of at least 1`;
    if (!Number.isInteger(a.maxReplicas) || a.maxReplicas < a.minReplicas) yield `${at}autoscaling.maxReplicas ${a.maxReplicas} is below minReplicas ${a.minReplicas}; raise maxReplicas`;
    const t = a.targetCpuUtilization;
    if (t !== undefined && (!Number.isInteger(t) || t < 1 || t > 100)) yield `${at}autoscaling.targetCpuUtilization ${t} must be a percentage from 1 to 100`;
  }
}
