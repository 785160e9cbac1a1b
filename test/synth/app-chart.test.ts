import { describe, expect, it } from 'vitest';
import { EnvironmentFleet, EnvironmentProfile, Fleet, FleetApp, FleetAppProps, Placement } from '../../lib';
import { newFleet } from '../helpers/fleets';
import { validateK8sObject } from '../helpers/k8s-schema';

type K8sObject = Record<string, any>;

function fleetWithApp(props: Partial<FleetAppProps> = {}, configure?: (app: FleetApp) => void): Fleet {
  const fleet = newFleet();
  new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1'] });
  new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'], profile: EnvironmentProfile.economy() });
  const app = new FleetApp(fleet, 'api', {
    image: 'ghcr.io/acme/api:1.4.2', port: 8080, placement: Placement.all(), labels: { tier: 'backend' }, ...props,
  });
  configure?.(app);
  return fleet;
}

/** The objects of app "api" on each cluster. */
function appObjects(fleet: Fleet): Record<string, K8sObject[]> {
  return Object.fromEntries(fleet.assemble().clusters.map((c) => [
    c.clusterId,
    [...(c.files.find((f) => f.name.endsWith('-app-api.k8s.yaml'))?.objects ?? [])] as K8sObject[],
  ]));
}

function one(objects: K8sObject[], kind: string): K8sObject {
  const found = objects.filter((o) => o.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0];
}

function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

describe('AppChart', () => {
  const objects = appObjects(fleetWithApp())['production-us-east-1'];
  const deployment = one(objects, 'Deployment');
  const pod = deployment.spec.template;

  it('renders the namespace, service account, deployment, service, budget and network policies, valid for Kubernetes 1.28', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/api', 'ServiceAccount/api', 'Deployment/api', 'Service/api', 'PodDisruptionBudget/api',
      'NetworkPolicy/default-deny-ingress', 'NetworkPolicy/api-allow-app-port',
    ]);
    for (const o of objects) expect(validateK8sObject(o)).toEqual([]);
    for (const o of objects.slice(1)) expect(o.metadata.namespace).toBe('api');
  });

  it('puts the namespace under the restricted pod security standard', () => {
    expect(one(objects, 'Namespace').metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
  });

  it('runs the pod as the restricted standard requires', () => {
    expect(pod.spec.securityContext.runAsNonRoot).toBe(true);
    expect(pod.spec.automountServiceAccountToken).toBe(false);
    expect(pod.spec.hostNetwork).toBe(false);
    expect(pod.spec.containers).toHaveLength(1);
    const c = pod.spec.containers[0];
    expect(c.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    // A writable /tmp, since the root filesystem is read-only.
    expect(c.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp' }]);
    expect(pod.spec.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }]);
  });

  it('runs the image on the port with the default resources and TCP probes', () => {
    const c = pod.spec.containers[0];
    expect(c.image).toBe('ghcr.io/acme/api:1.4.2');
    expect(c.ports).toEqual([{ containerPort: 8080 }]);
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(c.readinessProbe.tcpSocket).toEqual({ port: 8080 });
    expect(c.livenessProbe).toMatchObject({ tcpSocket: { port: 8080 }, initialDelaySeconds: 10 });
  });

  it('selects its pods with the labels they carry: deployment, service, budget and network policy', () => {
    const podLabels = pod.metadata.labels;
    expect(podLabels).toMatchObject({ 'app.kubernetes.io/name': 'api', tier: 'backend' });
    expect(matches(deployment.spec.selector.matchLabels, podLabels)).toBe(true);
    const service = one(objects, 'Service');
    expect(service.spec.selector).toEqual({ 'app.kubernetes.io/name': 'api' });
    expect(matches(service.spec.selector, podLabels)).toBe(true);
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080 }]);
    const budget = one(objects, 'PodDisruptionBudget');
    expect(budget.spec.maxUnavailable).toBe(1);
    expect(matches(budget.spec.selector.matchLabels, podLabels)).toBe(true);
    const allow = objects.find((o) => o.metadata.name === 'api-allow-app-port')!;
    expect(matches(allow.spec.podSelector.matchLabels, podLabels)).toBe(true);
    expect(allow.spec.ingress).toEqual([{ ports: [{ port: 8080, protocol: 'TCP' }] }]);
  });

  it('spreads pods across zones and nodes by default', () => {
    expect(pod.spec.topologySpreadConstraints.map((t: K8sObject) => t.topologyKey)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
    for (const t of pod.spec.topologySpreadConstraints) {
      expect(matches(t.labelSelector.matchLabels, pod.metadata.labels)).toBe(true);
      expect(t).toMatchObject({ maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' });
    }
  });

  it('does not spread with spreadAcrossZones: false', () => {
    const d = one(appObjects(fleetWithApp({ spreadAcrossZones: false }))['production-us-east-1'], 'Deployment');
    expect(d.spec.template.spec.topologySpreadConstraints).toBeUndefined();
  });

  it('has fixed replicas and no autoscaler without autoscaling', () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(objects.some((o) => o.kind === 'HorizontalPodAutoscaler')).toBe(false);
  });

  it('with autoscaling, has an autoscaler on the deployment and leaves replicas to it', () => {
    const scaled = appObjects(fleetWithApp({ autoscaling: { minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 65 } }))['production-us-east-1'];
    const d = one(scaled, 'Deployment');
    expect(d.spec).not.toHaveProperty('replicas');
    const hpa = one(scaled, 'HorizontalPodAutoscaler');
    expect(hpa.metadata).toMatchObject({ name: 'api', namespace: 'api' });
    expect(hpa.spec).toMatchObject({
      minReplicas: 3,
      maxReplicas: 12,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 65 } } }],
    });
    expect(validateK8sObject(hpa)).toEqual([]);
  });

  it('applies a cluster override on that cluster only', () => {
    const perCluster = appObjects(fleetWithApp({ autoscaling: { minReplicas: 3, maxReplicas: 12 } }, (app) => {
      app.addClusterOverride('staging-eu-west-3', { image: 'ghcr.io/acme/api:1.5.0-rc.1', replicas: 1 });
    }));
    const staging = one(perCluster['staging-eu-west-3'], 'Deployment');
    expect(staging.spec.replicas).toBe(1);
    expect(staging.spec.template.spec.containers[0].image).toBe('ghcr.io/acme/api:1.5.0-rc.1');
    expect(perCluster['staging-eu-west-3'].some((o) => o.kind === 'HorizontalPodAutoscaler')).toBe(false);
    for (const id of ['production-eu-west-1', 'production-us-east-1']) {
      const d = one(perCluster[id], 'Deployment');
      expect(d.spec).not.toHaveProperty('replicas');
      expect(d.spec.template.spec.containers[0].image).toBe('ghcr.io/acme/api:1.4.2');
      one(perCluster[id], 'HorizontalPodAutoscaler');
    }
  });

  it('renders the namespace, service port, HTTP probes, resources exactly as written and env sorted by name', () => {
    const objects = appObjects(fleetWithApp({
      healthCheck: { path: '/healthz', initialDelaySeconds: 20 },
      resources: { cpu: { request: '0.25', limit: '1' }, memory: { request: '256Mi', limit: '1Gi' } },
      env: { ZONE: 'z', APP_MODE: 'fast' },
      servicePort: 8443,
      namespace: 'backend',
    }))['production-eu-west-1'];
    expect(objects.slice(1).map((o) => o.metadata.namespace)).toEqual(Array(objects.length - 1).fill('backend'));
    expect(one(objects, 'Namespace').metadata.name).toBe('backend');
    expect(one(objects, 'Service').spec.ports).toEqual([{ name: 'http', port: 8443, targetPort: 8080 }]);
    const d = one(objects, 'Deployment');
    const c = d.spec.template.spec.containers[0];
    expect(c.readinessProbe.httpGet).toMatchObject({ path: '/healthz', port: 8080 });
    expect(c.livenessProbe).toMatchObject({ httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 20 });
    expect(c.resources).toEqual({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '0.25', memory: '256Mi' } });
    expect(c.env).toEqual([{ name: 'APP_MODE', value: 'fast' }, { name: 'ZONE', value: 'z' }]);
  });
});

describe('AppChart ingress', () => {
  it('routes the host and path to the app Service, with TLS when a secret is named', () => {
    const objects = appObjects(fleetWithApp({ ingress: { host: 'api.acme.example', path: '/v1', className: 'alb', tlsSecretName: 'api-tls' } }))['production-eu-west-1'];
    const ingress = one(objects, 'Ingress');
    const service = one(objects, 'Service');
    expect(ingress.metadata).toMatchObject({ name: 'api', namespace: 'api' });
    expect(ingress.spec.ingressClassName).toBe('alb');
    expect(ingress.spec.tls).toEqual([{ hosts: ['api.acme.example'], secretName: 'api-tls' }]);
    expect(ingress.spec.rules).toEqual([{
      host: 'api.acme.example',
      http: { paths: [{ path: '/v1', pathType: 'Prefix', backend: { service: { name: service.metadata.name, port: { number: 80 } } } }] },
    }]);
    expect(validateK8sObject(ingress)).toEqual([]);
  });

  it('has no Ingress unless asked', () => {
    expect(appObjects(fleetWithApp())['production-eu-west-1'].filter((o) => o.kind === 'Ingress')).toEqual([]);
  });

  it('refuses a host that is not a DNS name', () => {
    expect(() => fleetWithApp({ ingress: { host: 'Not A Host' } }).assemble()).toThrow(/\[acme\/api\] ingress.host "Not A Host" is not a DNS name/);
  });
});
