import { Construct } from 'constructs';
import {
  AUTOSCALING_SHAPE, AppEgress, AppIngress, AppOverrideOptions, AppResources, AutoscalingOptions, ClusterOverrideOptions, EGRESS_SHAPE, ENV_SHAPE,
  HEALTH_CHECK_SHAPE, HealthCheck, INGRESS_SHAPE, OVERRIDE_FIELDS, RESOURCES_SHAPE, ResourceRange,
} from './app-options';
import { AppAwsPermissions, AWS_PERMISSIONS_SHAPE } from './app-aws-permissions';
import { AppKind, CRON_JOB_SHAPE, CronJobOptions, JOB_SHAPE, JobOptions, KIND_SHAPE, StatefulVolume, VOLUMES_SHAPE } from './app-kind';
import { AppProbes, PROBES_SHAPE } from './app-probe';
import { checkKind, checkKindOverride } from './checks/app-kind';
import { claimId, enterTree } from './construct-ids';
import { checkEnvValues } from './checks/env';
import { checkPlaintextSecrets, checkSecretEnv, checkSecretFiles } from './checks/secret-env';
import { checkAwsPermissions } from './checks/iam-statements';
import { otherFleetReferences } from './checks/same-fleet';
import { checkImageReference } from './checks/image-reference';
import { checkLater } from './errors';
import { GdprZone } from './gdpr-zone';
import { Fields, ReadProps, describeValue, isPlainObject, readProps, shapes } from './input';
import { isKind } from './markers';
import { checkDnsLabel, checkLabels, FLEETFORM_LABEL_KEYS } from './naming';
import { checkCallVariables } from './checks/call-variables';
import { parseCidr } from './net/ipv4';
import { Override } from './override';
import { Placement } from './placement';
import { RESERVED_NAMESPACES } from './reserved';
import type { SecretReference } from './secret-reference';

/** Props of a {@link FleetApp}. */
export interface FleetAppProps {
  /** Container image, pinned by tag or digest, such as `ghcr.io/acme/api:1.4.2`. */
  readonly image: string;
  /**
   * Port the container listens on; required for a service or stateful app,
   * refused for a worker, job or cron job (which serve none).
   * @default - none
   */
  readonly port?: number;
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
  /** @default - 100m CPU with no limit, 128Mi/256Mi memory */
  readonly resources?: AppResources;
  /**
   * Readiness and liveness on the port (a service or stateful app); `probes` sets each probe on its own.
   * @default - TCP probes on the port
   */
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
  /**
   * Other apps allowed to call this one on its port, on the clusters both run
   * on (by app or app name). Their egress to it is opened with it.
   * @default - none: only the load balancer (with an ingress) and pods of its own namespace
   */
  readonly callers?: readonly (FleetApp | string)[];
  /**
   * Apps this one calls (by app or app name), wherever they run. The app gets each one's
   * address as the env variable `<NAME>_URL` (the name upper-cased, `-` as `_`), and the
   * called app admits it: on a cluster both run on, through the called app's Service; from
   * a cluster the called app does not run on, through an internal Network Load Balancer in
   * each of the called app's clusters, a name in the fleet's private hosted zone
   * (`<app>.<fleet>.internal`) and VPC peering between the clusters (see the README,
   * "Services across clusters").
   * @default - none
   */
  readonly calls?: readonly (FleetApp | string)[];
  /**
   * Where the app's pods may connect, besides DNS, the Pod Identity agent, its
   * own namespace and the apps that admit it as a caller.
   * @default - the public internet only
   */
  readonly egress?: AppEgress;
  /**
   * The GDPR zone the app's data must stay in: it may run only on the zone's
   * clusters, and every route to it answers from the zone.
   * @default - none
   */
  readonly residency?: GdprZone;
  /**
   * Replicas the app needs across all its clusters at peak, which the clusters
   * left after losing one region must still be able to run.
   * @default - the sum of its replicas (or minimum replicas) on its clusters
   */
  readonly peakReplicas?: number;
  /**
   * The node pool (by name) the app's pods must run on: they get the pool's node
   * selector and tolerate its taints. Every cluster the app lands on must have a
   * pool of that name.
   * @default - any untainted pool
   */
  readonly nodePool?: string;
  /**
   * Environment variables read from AWS Secrets Manager by the External
   * Secrets Operator into a Secret of the app's namespace; the manifests and
   * the Pulumi inputs carry only the reference, never the value.
   * @default - none
   * @see https://github.com/external-secrets/external-secrets/blob/v2.9.0/docs/provider/aws-secrets-manager.md
   */
  readonly secretEnv?: Readonly<Record<string, SecretReference>>;
  /**
   * Names of plaintext env variables (of `env` or an override's `env`) that look
   * like secrets (`*_PASSWORD`, `*_TOKEN`, `*_KEY`, `*SECRET*`) but are not, such
   * as `PUBLIC_KEY`; any other such name is refused.
   * @default - none
   */
  readonly notSecret?: readonly string[];
  /**
   * Files read from AWS Secrets Manager by the External Secrets Operator, by absolute path
   * in the container (such as `/etc/ledger/tls/ca.pem`): each folder is mounted read-only
   * from the app's Secret, and a rotated value reaches the file without a restart.
   * @default - none
   */
  readonly secretFiles?: Readonly<Record<string, SecretReference>>;
  /**
   * What the app may do in AWS: IAM statements and managed policies on one IAM role for the app,
   * which EKS Pod Identity gives the app's service account on every cluster it lands on (one
   * association per cluster). Each session carries the cluster and namespace as tags, for
   * statements to scope by.
   * @default - none: no role, no association
   */
  readonly awsPermissions?: AppAwsPermissions;
  /**
   * The kind of workload: a service, a worker, a job, a cron job or a stateful service.
   * @default AppKind.SERVICE
   */
  readonly kind?: AppKind;
  /** The container's command, replacing the image's entrypoint. @default - the image's entrypoint */
  readonly command?: readonly string[];
  /** The container's arguments, replacing the image's command. @default - the image's command */
  readonly args?: readonly string[];
  /**
   * Startup, readiness and liveness probes, each HTTP, TCP, gRPC, exec or none on its own.
   * A probe given here replaces the one `healthCheck` makes.
   * @default - a service or stateful app: `healthCheck`'s probes; a worker, job or cron job: none
   */
  readonly probes?: AppProbes;
  /** How a `job` runs, or each run of a `cron-job`. @default - 3 retries, no deadline, kept when finished, one pod */
  readonly job?: JobOptions;
  /** The schedule of a `cron-job` app; required for that kind only. @default - none */
  readonly cronJob?: CronJobOptions;
  /**
   * Persistent volumes of a `stateful` app: one claim each per replica, on encrypted gp3 EBS.
   * @default - one 10Gi volume "data" mounted at /data
   */
  readonly volumes?: readonly StatefulVolume[];
  /**
   * Says that autoscaling a `stateful` app is safe: that a replica added or removed
   * by the autoscaler (its volume kept, ready for the next one) does not lose or
   * split its data. Without it a stateful app with autoscaling is refused.
   * @default false
   */
  readonly autoscalingIsSafe?: boolean;
  /** User id the container runs as, not 0. @default 65532 */
  readonly runAsUser?: number;
  /** Group id the container runs as, not 0. @default 65532 */
  readonly runAsGroup?: number;
  /**
   * Group that owns the pod's volumes.
   * @default - runAsGroup for a stateful app (its volumes must be writable), none otherwise
   */
  readonly fsGroup?: number;
  /**
   * Seconds a pod has to stop after SIGTERM, the drain included.
   * @default 30
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * Seconds a stopping pod of a service or stateful app keeps serving, while it
   * is taken out of its Service's endpoints and its load balancer's targets (an
   * ingress, a global load balancer route): a `preStop` sleep, on every such app
   * so that adding a route does not restart its pods. Below terminationGracePeriodSeconds.
   * @default 10
   */
  readonly drainSeconds?: number;
}

const FIELDS: Fields = {
  image: { shape: shapes.string, example: '"ghcr.io/acme/api:1.4.2"', required: true },
  port: { shape: shapes.number, example: '8080' },
  placement: { shape: shapes.instance('a Placement', Placement.isPlacement), example: 'Placement.all()', required: true },
  namespace: { shape: shapes.string, example: '"shop"' },
  replicas: { shape: shapes.number, example: '2' },
  autoscaling: { shape: AUTOSCALING_SHAPE, example: '{ minReplicas: 2, maxReplicas: 10 }' },
  resources: { shape: RESOURCES_SHAPE, example: '{ cpu: { request: "250m", limit: "1" } }' },
  healthCheck: { shape: HEALTH_CHECK_SHAPE, example: '{ path: "/healthz" }' },
  maxUnavailable: { shape: shapes.number, example: '1' },
  spreadAcrossZones: { shape: shapes.boolean, example: 'true' },
  servicePort: { shape: shapes.number, example: '80' },
  ingress: { shape: INGRESS_SHAPE, example: '{ host: "shop.acme.example" }' },
  env: { shape: ENV_SHAPE, example: '{ LOG_LEVEL: "info" }' },
  labels: { shape: shapes.record(shapes.string, 'an object of label names to string values'), example: '{ team: "shop" }' },
  callers: { shape: shapes.list(shapes.either('an app or an app name', shapes.string, shapes.instance('a FleetApp', (x) => isKind(x, 'app')))), example: '["storefront"]' },
  calls: { shape: shapes.list(shapes.either('an app or an app name', shapes.string, shapes.instance('a FleetApp', (x) => isKind(x, 'app')))), example: '[ledger]' },
  egress: { shape: EGRESS_SHAPE, example: '{ internet: false, cidrs: ["10.64.32.0/24"] }' },
  residency: { shape: shapes.instance('a GdprZone', GdprZone.isGdprZone), example: 'eu' },
  peakReplicas: { shape: shapes.number, example: '12' },
  nodePool: { shape: shapes.string, example: '"batch"' },
  secretEnv: { shape: shapes.instance('an object of variable names to SecretReference values', isPlainObject), example: '{ DB_PASSWORD: SecretReference.fromSecretsManager("acme/shop/db", { key: "password" }) }' },
  notSecret: { shape: shapes.list(shapes.string), example: '["PUBLIC_KEY"]' },
  secretFiles: { shape: shapes.instance('an object of file paths to SecretReference values', isPlainObject), example: '{ "/etc/app/tls/ca.pem": SecretReference.fromSecretsManager("acme/app/ca") }' },
  awsPermissions: { shape: AWS_PERMISSIONS_SHAPE, example: '{ statements: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-assets/*" }] }' },
  kind: { shape: KIND_SHAPE, example: 'AppKind.WORKER' },
  command: { shape: shapes.list(shapes.string), example: '["/app/worker"]' },
  args: { shape: shapes.list(shapes.string), example: '["--queue", "orders"]' },
  probes: { shape: PROBES_SHAPE, example: '{ readiness: AppProbe.http("/ready") }' },
  job: { shape: JOB_SHAPE, example: '{ backoffLimit: 3 }' },
  cronJob: { shape: CRON_JOB_SHAPE, example: '{ schedule: "0 3 * * *" }' },
  volumes: { shape: VOLUMES_SHAPE, example: '[{ name: "data", mountPath: "/data", size: "20Gi" }]' },
  autoscalingIsSafe: { shape: shapes.boolean, example: 'true' },
  runAsUser: { shape: shapes.number, example: '10001' },
  runAsGroup: { shape: shapes.number, example: '10001' },
  fsGroup: { shape: shapes.number, example: '10001' },
  terminationGracePeriodSeconds: { shape: shapes.number, example: '30' },
  drainSeconds: { shape: shapes.number, example: '10' },
};

/** An override added with {@link FleetApp.addOverride}: where it applies and what it changes. */
export interface AppOverride {
  readonly override: Override;
  readonly options: AppOverrideOptions;
}

const QUANTITY = /^([0-9]+(\.[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;

/**
 * A workload deployed to the clusters its placement selects, in a Namespace
 * of its own with a ServiceAccount and NetworkPolicies. By `kind`: a service
 * (the default: Deployment, Service, PodDisruptionBudget and, when
 * autoscaling, a HorizontalPodAutoscaler), a worker (the same without port or
 * Service), a job (Job), a cron job (CronJob) or a stateful service
 * (StatefulSet with volume claims, a headless and a normal Service).
 */
export class FleetApp extends Construct {
  /** Whether `x` is a FleetApp (also one made by another copy of fleetform). */
  static isFleetApp(x: unknown): x is FleetApp {
    return isKind(x, 'app');
  }

  /** The app's name: its construct id, the name of its Deployment and Service. */
  readonly appName: string;
  /** The props as given, without fields of the wrong shape; the effective spec per cluster is in `fleet.resolve()`. */
  readonly props: Readonly<Partial<FleetAppProps>>;
  readonly #overrides = new Map<string, ClusterOverrideOptions>();
  readonly #scoped = new Map<string, AppOverride>();

  constructor(scope: Construct, id: string, props: FleetAppProps) {
    super(scope, claimId(scope, id, 'app'));
    enterTree(this, id, 'app');
    const read = readProps<FleetAppProps>(props, FIELDS);
    this.appName = this.node.id;
    this.props = read.props;
    checkLater(this, () => [
      ...read.problems,
      ...checkApp(this.appName, read.props),
      ...checkAppSecrets(this.node.root.node.id, read.props),
      // A port of the wrong shape is reported as such, not as missing.
      ...checkKind(read.props, (props as { port?: unknown } | undefined)?.port !== undefined),
      ...otherFleetReferences(this, [
        { what: 'residency', ref: read.props.residency },
        ...(read.props.placement?.references ?? []).map((ref) => ({ what: 'placement', ref })),
        ...(read.props.callers ?? []).map((ref) => ({ what: 'callers', ref })),
        ...(read.props.calls ?? []).map((ref) => ({ what: 'calls', ref })),
      ]),
      ...checkCallVariables(this.calls, read.props, [...this.#overrides.values(), ...[...this.#scoped.values()].map((o) => o.options)]),
    ]);
  }

  /** Clusters the app lands on; `Placement.clusters()` (none) when none was given. */
  get placement(): Placement {
    return this.props.placement ?? Placement.clusters();
  }

  /** The kind of workload the app runs. */
  get kind(): AppKind {
    return this.props.kind ?? AppKind.SERVICE;
  }

  /** The app's namespace. */
  get namespace(): string {
    return this.props.namespace ?? this.appName;
  }

  /** Names of the apps allowed to call this one. */
  get callers(): readonly string[] {
    return (this.props.callers ?? []).map((c) => (typeof c === 'string' ? c : c.appName));
  }

  /** Names of the apps this one calls, as given. */
  get calls(): readonly string[] {
    return (this.props.calls ?? []).map((c) => (typeof c === 'string' ? c : c.appName));
  }

  /** Overrides by cluster id, in the order added. */
  get overrides(): ReadonlyMap<string, ClusterOverrideOptions> {
    return this.#overrides;
  }

  /** Overrides added with {@link addOverride}, in the order first added; the same selector added twice is one override. */
  get scopedOverrides(): readonly AppOverride[] {
    return [...this.#scoped.values()];
  }

  /**
   * Changes the app on one cluster, such as replicas or image in one region.
   * The highest precedence: it wins over every {@link addOverride}. Given twice for
   * one cluster, the settings are merged (`env` variable by variable).
   */
  addClusterOverride(cluster: { readonly clusterId: string } | string, options: ClusterOverrideOptions): void {
    const id = typeof cluster === 'string' ? cluster : (cluster as { clusterId?: unknown } | undefined)?.clusterId;
    const read = readProps<ClusterOverrideOptions>(options, OVERRIDE_FIELDS, 'override options');
    if (typeof id !== 'string') {
      checkLater(this, () => [`addClusterOverride was given ${describeValue(cluster)}; give a RegionalCluster or a cluster id such as "production-eu-west-1"`]);
      return;
    }
    checkLater(this, () => [
      ...otherFleetReferences(this, [{ what: 'addClusterOverride', ref: cluster }]),
      ...checkOverride(`override "${id}" `, read, this.props),
    ]);
    this.#overrides.set(id, mergeOverride(this.#overrides.get(id), read.props));
  }

  /**
   * Changes the app on the clusters of an environment, a region, a GDPR zone or
   * with given labels, such as `app.addOverride(Override.environment('staging'), { replicas: 1 })`.
   *
   * Precedence, lowest first: the app's props < `Override.environment` <
   * `Override.region` / `Override.zone` / `Override.labels` < `addClusterOverride`.
   * Each setting given higher replaces the one below; `env` is merged variable by
   * variable and `resources` by `cpu` / `memory`. Two overrides of equal precedence
   * that both apply to a cluster and give one setting different values are a problem.
   * The same selector given twice is one override, its settings merged.
   */
  addOverride(override: Override, options: AppOverrideOptions): void {
    const read = readProps<AppOverrideOptions>(options, OVERRIDE_FIELDS, 'override options');
    if (!Override.isOverride(override)) {
      checkLater(this, () => [`addOverride was given ${describeValue(override)}; give an Override, such as Override.environment("staging") or Override.region("eu-west-1")`]);
      return;
    }
    if (override.problems.length > 0) {
      checkLater(this, () => [...override.problems]);
      return;
    }
    const name = override.describe();
    checkLater(this, () => [
      ...otherFleetReferences(this, [{ what: `Override.${override.kind}`, ref: override.reference }]),
      ...checkOverride(`override ${name} `, read, this.props),
    ]);
    this.#scoped.set(name, { override, options: mergeOverride(this.#scoped.get(name)?.options, read.props) });
  }
}

/** `later` laid over `earlier`, one override given twice: env by variable, resources by kind, scaling as one setting. */
function mergeOverride(earlier: AppOverrideOptions | undefined, later: Partial<AppOverrideOptions>): AppOverrideOptions {
  if (earlier === undefined) return later;
  const merged: { -readonly [K in keyof AppOverrideOptions]: AppOverrideOptions[K] } = { ...earlier, ...later };
  if (later.replicas !== undefined && later.autoscaling === undefined) delete merged.autoscaling;
  if (later.autoscaling !== undefined && later.replicas === undefined) delete merged.replicas;
  if (earlier.env && later.env) merged.env = { ...earlier.env, ...later.env };
  if (earlier.resources && later.resources) merged.resources = { ...earlier.resources, ...later.resources };
  return merged;
}

/** Problems of one override's options (read with `readProps`); `at` starts each message. */
function checkOverride(at: string, read: ReadProps<AppOverrideOptions>, app: Partial<FleetAppProps>): string[] {
  const o = read.props;
  return [
    ...read.problems.map((p) => `${at}${p}`),
    ...(o.image !== undefined ? [checkImageReference(o.image, `${at}image`)] : []),
    ...checkScaling(at, o),
    ...checkKindOverride(at, o, app),
    ...(o.env !== undefined ? checkEnvValues(o.env, `${at}env`) : []),
    ...checkPlaintextSecrets(o.env, app.notSecret, `${at}env`),
    ...checkResources(at, o.resources),
    ...(o.ingressHost !== undefined ? [checkHost(`${at}ingressHost`, o.ingressHost)] : []),
    ...(o.ingressHost !== undefined && app.ingress === undefined
      ? [`${at}sets ingressHost, but the app has no ingress; give the app an ingress, or remove ingressHost`] : []),
  ].filter((p): p is string => p !== undefined);
}

/** Checks of an app's own props that need no other construct. */
function* checkApp(name: string, p: Partial<FleetAppProps>): Iterable<string | undefined> {
  yield checkDnsLabel('app name', name, 50);
  if (/^[0-9]/.test(name)) yield `app name "${name}" starts with a digit; it names the app's Service, which must start with a letter (DNS-1035), so rename it, such as "app-${name}"`;
  if (p.namespace !== undefined) yield checkDnsLabel('namespace', p.namespace);
  const namespace = p.namespace ?? name;
  if (RESERVED_NAMESPACES.includes(namespace)) yield `namespace "${namespace}" is reserved for Kubernetes or fleetform; give the app a namespace of its own`;
  if (p.image !== undefined) yield checkImageReference(p.image, 'image');
  if (p.port !== undefined && (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535)) yield `port ${p.port} is not a TCP port; use 1 to 65535`;
  if (p.servicePort !== undefined && (!Number.isInteger(p.servicePort) || p.servicePort < 1 || p.servicePort > 65535)) yield `servicePort ${p.servicePort} is not a TCP port; use 1 to 65535`;
  yield* checkScaling('', p);
  yield* checkResources('', p.resources);
  if (p.healthCheck?.path !== undefined && !p.healthCheck.path.startsWith('/')) yield `healthCheck.path "${p.healthCheck.path}" must start with '/'`;
  const delay = p.healthCheck?.initialDelaySeconds;
  if (delay !== undefined && (!Number.isInteger(delay) || delay < 0)) yield `healthCheck.initialDelaySeconds ${delay} must be a whole number of seconds, 0 or more`;
  if (p.maxUnavailable !== undefined && (!Number.isInteger(p.maxUnavailable) || p.maxUnavailable < 1)) yield `maxUnavailable ${p.maxUnavailable} must be a whole number of at least 1; 0 would block every node drain`;
  if (p.peakReplicas !== undefined && (!Number.isInteger(p.peakReplicas) || p.peakReplicas < 1)) yield `peakReplicas ${p.peakReplicas} must be a whole number of at least 1`;
  if (p.nodePool !== undefined) yield checkDnsLabel('nodePool', p.nodePool, 36);
  if (p.ingress) yield* checkIngress(p.ingress);
  if (p.egress) yield* checkEgress(p.egress);
  if (p.env !== undefined) yield* checkEnvValues(p.env, 'env');
  yield* checkLabels('label', p.labels, [...FLEETFORM_LABEL_KEYS, 'app.kubernetes.io/name']);
  yield* p.placement?.problems ?? [];
  if (p.awsPermissions !== undefined) yield* checkAwsPermissions(p.awsPermissions);
}


/** Checks of an app's secrets: no secret-looking plaintext, well-formed references within the fleet's secrets and the residency zone. */
function checkAppSecrets(fleet: string, p: Partial<FleetAppProps>): string[] {
  return [
    ...checkPlaintextSecrets(p.env, p.notSecret, 'env'),
    ...checkSecretEnv(p.secretEnv, p.notSecret, { fleet, env: p.env, residency: p.residency }),
    ...checkSecretFiles(p.secretFiles, { fleet, residency: p.residency, mounts: ['/tmp', ...(p.volumes ?? []).map((v) => v?.mountPath).filter((m): m is string => typeof m === 'string')] }),
  ];
}

function* checkResources(at: string, resources: AppResources | undefined): Iterable<string> {
  for (const [kind, r] of Object.entries(resources ?? {})) {
    for (const [k, q] of Object.entries(r as ResourceRange)) {
      if (!QUANTITY.test(q)) yield `${at}resources.${kind}.${k} "${q}" is not a Kubernetes quantity such as "250m" or "256Mi"`;
    }
  }
}

/** A problem when `host` (given as `what`) is not a DNS name an ingress can serve. */
function checkHost(what: string, host: string): string | undefined {
  if (/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/.test(host)) return undefined;
  return `${what} "${host}" is not a DNS name such as "shop.acme.example"`;
}

function* checkIngress(i: AppIngress): Iterable<string | undefined> {
  yield checkHost('ingress.host', i.host);
  if (i.path !== undefined && !i.path.startsWith('/')) yield `ingress.path "${i.path}" must start with '/'`;
  for (const [region, arn] of Object.entries(i.certificateArns ?? {})) {
    const m = /^arn:aws:acm:([a-z]{2}(-[a-z]+)+-\d):\d{12}:certificate\/[0-9a-f-]+$/.exec(arn);
    if (!m) yield `ingress.certificateArns.${region} "${arn}" is not an ACM certificate ARN such as arn:aws:acm:${region}:123456789012:certificate/0123abcd-...`;
    else if (m[1] !== region) yield `ingress.certificateArns.${region} is a certificate of ${m[1]}; an ALB takes certificates of its own region only, so give one issued in ${region}`;
  }
}

function* checkEgress(e: AppEgress): Iterable<string> {
  for (const cidr of e.cidrs ?? []) {
    const c = parseCidr(cidr);
    if (typeof c === 'string') yield `egress.cidrs: ${c}`;
  }
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
