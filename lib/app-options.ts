/** The options of a FleetApp's workload: scaling, resources, probes and ingress. */
import { Fields, isPlainObject, shapes } from './input';

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
  /**
   * Most the container may use.
   * @default - no limit
   */
  readonly limit?: string;
}

/** Container resources. */
export interface AppResources {
  /** @default { request: '100m' } - no CPU limit, so the app is never throttled while the node has CPU to spare */
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

/**
 * HTTP routing into the app from outside the cluster, through the cluster's
 * Application Load Balancer (the AWS Load Balancer Controller each cluster runs).
 */
export interface AppIngress {
  /** Host name served, such as `shop.acme.example`. */
  readonly host: string;
  /**
   * Path prefix routed to the app.
   * @default '/'
   */
  readonly path?: string;
  /**
   * ACM certificate ARN per region, for HTTPS on 443 with HTTP redirected to it.
   * ALB certificates are regional: list one for every region the app lands in.
   * @default - HTTP on port 80 only
   */
  readonly certificateArns?: Readonly<Record<string, string>>;
  /**
   * Whether the load balancer faces the internet or only the VPC.
   * @default 'internet-facing'
   */
  readonly scheme?: 'internet-facing' | 'internal';
}

/** Where the app's pods may open connections, besides DNS, the Pod Identity agent and its own namespace. */
export interface AppEgress {
  /**
   * Public internet addresses (everything outside the private, link-local and
   * shared ranges, so never another workload of the VPC or the node's metadata service).
   * @default true
   */
  readonly internet?: boolean;
  /**
   * Further destinations, such as a database subnet of the VPC: IPv4 CIDRs.
   * @default - none
   */
  readonly cidrs?: readonly string[];
}

/**
 * What an override changes: on one cluster (`addClusterOverride`), or on the
 * clusters of an environment, region, GDPR zone or label (`addOverride`).
 * Each setting given replaces the one below it in precedence; `env` and
 * `resources` are merged: a variable (or `cpu` / `memory`) given replaces
 * that one only, the others stay as below.
 */
export interface AppOverrideOptions {
  /** Image there. @default - the app's image */
  readonly image?: string;
  /** Fixed replicas there; turns autoscaling off there. @default - the app's scaling */
  readonly replicas?: number;
  /** Autoscaling there; replaces fixed replicas there. @default - the app's scaling */
  readonly autoscaling?: AutoscalingOptions;
  /** Container resources there, `cpu` and `memory` each replaced on its own. @default - the app's resources */
  readonly resources?: AppResources;
  /** Environment variables added (or replaced, name by name) there. @default - none */
  readonly env?: Readonly<Record<string, string>>;
  /** Host name the app's ingress serves there; only for an app with an `ingress`. @default - the ingress's host */
  readonly ingressHost?: string;
}

/** What may differ on one cluster: the same settings as any other override. */
export type ClusterOverrideOptions = AppOverrideOptions;

const RANGE = shapes.object({
  request: { shape: shapes.string, example: '"250m"', required: true },
  limit: { shape: shapes.string, example: '"1"' },
}, 'a range such as { request: "250m", limit: "1" }');

/** The shape of {@link AutoscalingOptions}. */
export const AUTOSCALING_SHAPE = shapes.object({
  minReplicas: { shape: shapes.number, example: '2', required: true },
  maxReplicas: { shape: shapes.number, example: '10', required: true },
  targetCpuUtilization: { shape: shapes.number, example: '70' },
}, 'autoscaling options such as { minReplicas: 2, maxReplicas: 10 }');

/** The shape of an env map: an object; its names and values are checked by `checkEnvValues`. */
export const ENV_SHAPE = shapes.instance('an object of variable names to string values', isPlainObject);

/** The shape of {@link AppResources}. */
export const RESOURCES_SHAPE = shapes.object({
  cpu: { shape: RANGE, example: '{ request: "250m", limit: "1" }' },
  memory: { shape: RANGE, example: '{ request: "256Mi", limit: "512Mi" }' },
}, 'resources such as { cpu: { request: "250m", limit: "1" } }');

/** The shape of {@link HealthCheck}. */
export const HEALTH_CHECK_SHAPE = shapes.object({
  path: { shape: shapes.string, example: '"/healthz"' },
  initialDelaySeconds: { shape: shapes.number, example: '10' },
}, 'a health check such as { path: "/healthz" }');

/** The shape of {@link AppIngress}. */
export const INGRESS_SHAPE = shapes.object({
  host: { shape: shapes.string, example: '"shop.acme.example"', required: true },
  path: { shape: shapes.string, example: '"/"' },
  certificateArns: {
    shape: shapes.record(shapes.string, 'an object of region to ACM certificate ARN'),
    example: '{ "eu-west-1": "arn:aws:acm:eu-west-1:123456789012:certificate/..." }',
  },
  scheme: { shape: shapes.oneOf(['internet-facing', 'internal'], '"internet-facing" or "internal"'), example: '"internal"' },
}, 'an ingress such as { host: "shop.acme.example" }');

/** The shape of {@link AppEgress}. */
export const EGRESS_SHAPE = shapes.object({
  internet: { shape: shapes.boolean, example: 'false' },
  cidrs: { shape: shapes.list(shapes.string), example: '["10.64.32.0/24"]' },
}, 'egress such as { internet: false, cidrs: ["10.64.32.0/24"] }');

/** The shape of {@link AppOverrideOptions}. */
export const OVERRIDE_FIELDS: Fields = {
  image: { shape: shapes.string, example: '"ghcr.io/acme/api:1.5.0"' },
  replicas: { shape: shapes.number, example: '2' },
  autoscaling: { shape: AUTOSCALING_SHAPE, example: '{ minReplicas: 2, maxReplicas: 10 }' },
  resources: { shape: RESOURCES_SHAPE, example: '{ cpu: { request: "250m", limit: "1" } }' },
  env: { shape: ENV_SHAPE, example: '{ LOG_LEVEL: "debug" }' },
  ingressHost: { shape: shapes.string, example: '"staging.shop.acme.example"' },
};
