import { describe, expect, it } from 'vitest';
import { AppKind, AppProbe, ComputeMode, EnvironmentFleet, EnvironmentProfile, Fleet, FleetApp, FleetAppProps, GlobalLoadBalancer, HostedZone, Placement } from '../lib';
import { newFleet } from './helpers/fleets';
import { definitionFor, validateK8sObject } from './helpers/k8s-schema';
import { podSpecOf, restrictedViolations } from './helpers/pod-security';

type K8sObject = Record<string, any>;

const IMAGE = 'ghcr.io/acme/app:1.0.0';

/** The props of each kind with only what it needs. */
const KINDS: Readonly<Record<AppKind, Partial<FleetAppProps>>> = {
  [AppKind.SERVICE]: { port: 8080 },
  [AppKind.WORKER]: { kind: AppKind.WORKER },
  [AppKind.JOB]: { kind: AppKind.JOB },
  [AppKind.CRON_JOB]: { kind: AppKind.CRON_JOB, cronJob: { schedule: '0 3 * * *' } },
  [AppKind.STATEFUL]: { kind: AppKind.STATEFUL, port: 5432 },
};

function fleetWith(props: Partial<FleetAppProps>, configure?: (fleet: Fleet, app: FleetApp) => void, profile?: EnvironmentProfile): Fleet {
  const fleet = newFleet();
  new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'], ...(profile ? { profile } : {}) });
  const app = new FleetApp(fleet, 'app', { image: IMAGE, placement: Placement.all(), ...props } as FleetAppProps);
  configure?.(fleet, app);
  return fleet;
}

function files(fleet: Fleet): { name: string; content: string; objects: K8sObject[] }[] {
  return fleet.assemble().clusters[0].files.map((f) => ({ name: f.name, content: f.content, objects: [...f.objects] as K8sObject[] }));
}

function appObjects(fleet: Fleet): K8sObject[] {
  return files(fleet).find((f) => f.name.endsWith('-app-app.k8s.yaml'))!.objects;
}

const kinds = Object.values(AppKind);

describe('FleetApp kinds', () => {
  it.each(kinds)('%s: synthesizes these objects by default', (kind) => {
    const file = files(fleetWith(KINDS[kind])).find((f) => f.name.endsWith('-app-app.k8s.yaml'))!;
    expect(file.content).toMatchSnapshot();
  });

  it.each(kinds)('%s: every object is valid Kubernetes and the pods pass the restricted pod security standard', (kind) => {
    for (const profile of [undefined, EnvironmentProfile.production({ computeMode: ComputeMode.AUTO_MODE })]) {
      const all = files(fleetWith(KINDS[kind], undefined, profile)).flatMap((f) => f.objects);
      // Custom resources (Auto Mode's IngressClassParams) are not in the Kubernetes schema.
      for (const o of all.filter((x) => definitionFor(x.apiVersion, x.kind) !== undefined)) expect(validateK8sObject(o), `${o.kind}/${o.metadata?.name}`).toEqual([]);
      const workloads = all.filter((o) => podSpecOf(o) !== undefined && o.metadata.namespace === 'app');
      expect(workloads).toHaveLength(1);
      for (const o of workloads) expect(restrictedViolations(o)).toEqual([]);
    }
  });

  it('renders each kind as its workload object, with a Service only for the kinds that serve a port', () => {
    const shape = (kind: AppKind) => appObjects(fleetWith(KINDS[kind])).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(shape(AppKind.WORKER)).toEqual(['Namespace/app', 'ServiceAccount/app', 'Deployment/app', 'PodDisruptionBudget/app', 'NetworkPolicy/default-deny', 'NetworkPolicy/app-egress']);
    expect(shape(AppKind.JOB)).toEqual(['Namespace/app', 'ServiceAccount/app', 'Job/app', 'NetworkPolicy/default-deny', 'NetworkPolicy/app-egress']);
    expect(shape(AppKind.CRON_JOB)).toEqual(['Namespace/app', 'ServiceAccount/app', 'CronJob/app', 'NetworkPolicy/default-deny', 'NetworkPolicy/app-egress']);
    expect(shape(AppKind.STATEFUL)).toEqual([
      'Namespace/app', 'ServiceAccount/app', 'StatefulSet/app', 'Service/app', 'Service/app-headless', 'PodDisruptionBudget/app',
      'NetworkPolicy/default-deny', 'NetworkPolicy/app-ingress', 'NetworkPolicy/app-egress',
    ]);
  });

  it('gives a worker no port and no probes unless asked, and exec probes when asked', () => {
    const c = (o: K8sObject[]) => o.find((x) => x.kind === 'Deployment')!.spec.template.spec.containers[0];
    const plain = c(appObjects(fleetWith(KINDS[AppKind.WORKER])));
    expect(plain.ports).toBeUndefined();
    expect([plain.startupProbe, plain.readinessProbe, plain.livenessProbe]).toEqual([undefined, undefined, undefined]);
    const probed = c(appObjects(fleetWith({ ...KINDS[AppKind.WORKER], command: ['/app/worker'], args: ['--queue', 'orders'], probes: { liveness: AppProbe.exec(['/app/alive'], { periodSeconds: 30 }) } })));
    expect(probed.command).toEqual(['/app/worker']);
    expect(probed.args).toEqual(['--queue', 'orders']);
    expect(probed.livenessProbe).toEqual({ exec: { command: ['/app/alive'] }, periodSeconds: 30 });
  });

  it('sets every probe on its own: HTTP, TCP, gRPC, exec or none, over the health check defaults', () => {
    const objects = appObjects(fleetWith({
      port: 8080,
      healthCheck: { path: '/healthz' },
      probes: { startup: AppProbe.none(), readiness: AppProbe.grpc({ service: 'api', port: 9090 }), liveness: AppProbe.tcp({ failureThreshold: 5 }) },
    }));
    const c = objects.find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0];
    expect(c.startupProbe).toBeUndefined();
    expect(c.readinessProbe).toEqual({ grpc: { port: 9090, service: 'api' } });
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 8080 }, failureThreshold: 5 });
    for (const o of objects) expect(validateK8sObject(o)).toEqual([]);
  });

  it('keeps the health check\'s HTTP probes for a service', () => {
    const c = appObjects(fleetWith({ port: 8080, healthCheck: { path: '/healthz', initialDelaySeconds: 20 } })).find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0];
    expect(c.startupProbe).toEqual({ tcpSocket: { port: 8080 }, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 });
    expect(c.livenessProbe).toEqual({ httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 20, periodSeconds: 10, failureThreshold: 3 });
  });

  it('runs a job to completion with its retries, deadline and parallelism, its pods never restarted in place', () => {
    const job = appObjects(fleetWith({ kind: AppKind.JOB, job: { backoffLimit: 1, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 3600, completions: 4, parallelism: 2 } }))
      .find((o) => o.kind === 'Job')!;
    expect(job.spec).toMatchObject({ backoffLimit: 1, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 3600, completions: 4, parallelism: 2 });
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(job.spec.selector).toBeUndefined();
  });

  it('schedules a cron job, skipping a run while the last one still runs by default', () => {
    const cron = (cronJob: FleetAppProps['cronJob']) => appObjects(fleetWith({ kind: AppKind.CRON_JOB, cronJob })).find((o) => o.kind === 'CronJob')!.spec;
    expect(cron({ schedule: '@hourly' })).toMatchObject({ schedule: '@hourly', concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    const set = cron({ schedule: '*/15 8-18 * * MON-FRI', timeZone: 'Europe/Paris', concurrencyPolicy: 'Replace', startingDeadlineSeconds: 300, successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 5 });
    expect(set).toMatchObject({ schedule: '*/15 8-18 * * MON-FRI', timeZone: 'Europe/Paris', concurrencyPolicy: 'Replace', startingDeadlineSeconds: 300, successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 5 });
    expect(set.jobTemplate.spec.backoffLimit).toBe(3);
  });

  it('gives a stateful app ordered rollout, a claim per volume on the encrypted gp3 class, a headless Service and a group owning its volumes', () => {
    const fleet = fleetWith({ kind: AppKind.STATEFUL, port: 5432, volumes: [{ name: 'data', mountPath: '/var/lib/postgresql', size: '50Gi' }] });
    const all = files(fleet);
    const set = all.flatMap((f) => f.objects).find((o) => o.kind === 'StatefulSet')!;
    expect(set.spec).toMatchObject({ podManagementPolicy: 'OrderedReady', serviceName: 'app-headless', updateStrategy: { type: 'RollingUpdate' } });
    expect(set.spec.volumeClaimTemplates).toEqual([{
      metadata: { name: 'data', labels: { 'app.kubernetes.io/name': 'app' } },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '50Gi' } }, storageClassName: 'ebs-gp3-encrypted' },
    }]);
    const pod = set.spec.template.spec;
    expect(pod.containers[0].volumeMounts).toContainEqual({ mountPath: '/var/lib/postgresql', name: 'data' });
    expect(pod.securityContext).toMatchObject({ fsGroup: 65532, fsGroupChangePolicy: 'OnRootMismatch' });
    // Every pod of the set counts in its spread: no matchLabelKeys on a StatefulSet.
    for (const t of pod.topologySpreadConstraints) expect(t.matchLabelKeys).toBeUndefined();
    const headless = all.flatMap((f) => f.objects).find((o) => o.metadata.name === 'app-headless')!;
    expect(headless.spec).toMatchObject({ clusterIP: 'None', selector: { 'app.kubernetes.io/name': 'app' } });
    // The storage class, on a managed-node-group cluster, in the platform phase.
    const storage = all.find((f) => f.name.endsWith('-storage.k8s.yaml'))!;
    expect(storage.objects).toEqual([expect.objectContaining({
      kind: 'StorageClass', metadata: expect.objectContaining({ name: 'ebs-gp3-encrypted' }), provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3', encrypted: 'true' }, volumeBindingMode: 'WaitForFirstConsumer',
    })]);
    expect(files(fleetWith(KINDS[AppKind.SERVICE])).some((f) => f.name.endsWith('-storage.k8s.yaml'))).toBe(false);
  });

  it('lets a stateful app autoscale when it says it is safe, targeting the StatefulSet', () => {
    const hpa = appObjects(fleetWith({ kind: AppKind.STATEFUL, port: 5432, autoscaling: { minReplicas: 3, maxReplicas: 6 }, autoscalingIsSafe: true })).find((o) => o.kind === 'HorizontalPodAutoscaler')!;
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'app' });
  });
});

describe('FleetApp pods', () => {
  const deployment = appObjects(fleetWith({ port: 8080, labels: { team: 'shop' } })).find((o) => o.kind === 'Deployment')!;

  it('keep the selector of the first release: the app name alone (a selector is immutable)', () => {
    expect(deployment.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'app' } });
    for (const kind of [AppKind.WORKER, AppKind.STATEFUL]) {
      const w = appObjects(fleetWith(KINDS[kind])).find((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet')!;
      expect(w.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'app' } });
    }
  });

  it('carry the fleet\'s identity labels, the app\'s own and its name, never cdk8s\'s address label', () => {
    expect(deployment.spec.template.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'fleetform',
      'app.kubernetes.io/name': 'app',
      'fleetform.io/cluster': 'production-eu-west-1',
      'fleetform.io/environment': 'production',
      'fleetform.io/fleet': 'acme',
      'fleetform.io/region': 'eu-west-1',
      'team': 'shop',
    });
  });

  it('pull a pinned image only when the node lacks it, and run as the user and group given', () => {
    const pod = appObjects(fleetWith({ port: 8080, runAsUser: 10001, runAsGroup: 10002, fsGroup: 10003 })).find((o) => o.kind === 'Deployment')!.spec.template.spec;
    expect(pod.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(pod.securityContext).toMatchObject({ runAsUser: 10001, runAsGroup: 10002, fsGroup: 10003 });
    expect(pod.containers[0].securityContext).toMatchObject({ runAsUser: 10001, runAsGroup: 10002 });
  });

  it('have a CPU limit only when one is given; the memory limit stays', () => {
    const c = (props: Partial<FleetAppProps>) => appObjects(fleetWith({ port: 8080, ...props })).find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0];
    expect(c({}).resources).toEqual({ limits: { memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(c({ resources: { cpu: { request: '250m', limit: '1' } } }).resources).toEqual({ limits: { cpu: '1', memory: '256Mi' }, requests: { cpu: '250m', memory: '128Mi' } });
  });

  it('spread a Deployment by ReplicaSet (pod-template-hash)', () => {
    for (const t of deployment.spec.template.spec.topologySpreadConstraints) expect(t.matchLabelKeys).toEqual(['pod-template-hash']);
  });

  it('drain with the kubelet\'s preStop sleep, inside the grace period, whether or not behind a load balancer', () => {
    const lifecycle = (props: Partial<FleetAppProps>, balanced = false) => appObjects(fleetWith({ port: 8080, ...props }, (fleet, app) => {
      if (balanced) new GlobalLoadBalancer(fleet, 'www', { hostname: 'www.acme.example', hostedZone: HostedZone.existing('Z0123456789ABC', 'acme.example'), app, targets: fleet.node.findChild('production') as EnvironmentFleet });
    })).find((o) => o.kind === 'Deployment')!.spec.template.spec;
    expect(lifecycle({}).containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 10 } } });
    const ingress = lifecycle({ ingress: { host: 'shop.acme.example' } });
    expect(ingress.containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 10 } } });
    expect(ingress.terminationGracePeriodSeconds).toBe(30);
    expect(lifecycle({ drainSeconds: 40, terminationGracePeriodSeconds: 60 }, true).containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 40 } } });
    expect(lifecycle({ drainSeconds: 5 }).containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
  });
});
