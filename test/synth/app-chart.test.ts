import { describe, expect, it } from 'vitest';
import { DEFAULT_KUBERNETES_VERSION, EnvironmentFleet, EnvironmentProfile, findCluster, Fleet, FleetApp, FleetAppProps, Placement } from '../../lib';
import { Cidr, contains, overlaps, parseCidr } from '../../lib/net/ipv4';
import { newFleet, problemsOf } from '../helpers/fleets';
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
      'NetworkPolicy/default-deny', 'NetworkPolicy/api-ingress', 'NetworkPolicy/api-egress',
    ]);
    for (const o of objects) expect(validateK8sObject(o)).toEqual([]);
    for (const o of objects.slice(1)) expect(o.metadata.namespace).toBe('api');
  });

  it('puts the namespace under the restricted pod security standard of the cluster\'s own minor', () => {
    expect(one(objects, 'Namespace').metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': `v${DEFAULT_KUBERNETES_VERSION}`,
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    const fleet = fleetWithApp();
    new EnvironmentFleet(fleet, 'canary', { regions: ['us-west-2'], kubernetesVersion: '1.33', profile: EnvironmentProfile.sandbox({ extendedSupport: true }) });
    expect(one(appObjects(fleet)['canary-us-west-2'], 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce-version']).toBe('v1.33');
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
      runAsGroup: 65532,
      runAsNonRoot: true,
      runAsUser: 65532,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.spec.securityContext).toEqual({ runAsGroup: 65532, runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } });
    // A writable /tmp, since the root filesystem is read-only.
    expect(c.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp' }]);
    expect(pod.spec.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }]);
  });

  it('runs the image on the port with the default resources and TCP probes', () => {
    const c = pod.spec.containers[0];
    expect(c.image).toBe('ghcr.io/acme/api:1.4.2');
    expect(c.ports).toEqual([{ containerPort: 8080 }]);
    // No CPU limit by default: it would throttle the app while the node has CPU to spare.
    expect(c.resources).toEqual({ limits: { memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(c.imagePullPolicy).toBe('IfNotPresent');
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
    for (const name of ['api-ingress', 'api-egress']) {
      const policy = objects.find((o) => o.metadata.name === name)!;
      expect(matches(policy.spec.podSelector.matchLabels, podLabels), name).toBe(true);
    }
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

describe('AppChart network policies', () => {
  const policies = (objects: K8sObject[]) => Object.fromEntries(objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => [o.metadata.name, o.spec]));

  it('deny everything in and out of the namespace, then admit the app\'s port from its own namespace only', () => {
    const p = policies(appObjects(fleetWithApp())['production-us-east-1']);
    expect(p['default-deny']).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(p['api-ingress'].ingress).toEqual([{ from: [{ podSelector: {} }], ports: [{ port: 8080, protocol: 'TCP' }] }]);
  });

  it('admit the cluster\'s load balancer range (its public subnets, not its pods) when the app has an ingress', () => {
    const fleet = fleetWithApp({ ingress: { host: 'api.acme.example' } });
    const resolved = fleet.resolve();
    for (const [clusterId, objects] of Object.entries(appObjects(fleet))) {
      const network = findCluster(resolved, clusterId)!.network!;
      expect(policies(objects)['api-ingress'].ingress[0].from).toEqual([{ podSelector: {} }, { ipBlock: { cidr: network.publicRange } }]);
    }
  });

  it('allow DNS to kube-dns, the Pod Identity agent, the namespace and the public internet, never the VPC or the metadata service', () => {
    const egress = policies(appObjects(fleetWithApp())['production-us-east-1'])['api-egress'].egress as K8sObject[];
    expect(egress[0]).toEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
    });
    expect(egress[1]).toEqual({ to: [{ ipBlock: { cidr: '169.254.170.23/32' } }], ports: [{ port: 80, protocol: 'TCP' }] });
    expect(egress[2]).toEqual({ to: [{ podSelector: {} }] });
    const internet = (egress[3].to as K8sObject[]).map((t) => parseCidr(t.ipBlock.cidr) as Cidr);
    for (const inside of ['10.64.0.0/10', '169.254.169.254/32', '172.16.0.0/12', '192.168.0.0/16']) {
      expect(internet.some((c) => overlaps(c, parseCidr(inside) as Cidr)), inside).toBe(false);
    }
    expect(internet.some((c) => contains(c, parseCidr('52.94.0.1/32') as Cidr))).toBe(true);
    expect(egress).toHaveLength(4);
  });

  it('open the way between an app and the apps it admits as callers, both ends', () => {
    const fleet = fleetWithApp({ callers: ['web'] });
    new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 3000, placement: Placement.all(), egress: { internet: false, cidrs: ['10.64.200.0/24'] } });
    const cluster = fleet.assemble().clusters.find((c) => c.clusterId === 'production-eu-west-1')!;
    const objects = (name: string) => [...cluster.files.find((f) => f.name.endsWith(`-app-${name}.k8s.yaml`))!.objects] as K8sObject[];
    const webPeer = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } };
    expect(policies(objects('api'))['api-ingress'].ingress[1]).toEqual({ from: [webPeer], ports: [{ port: 8080, protocol: 'TCP' }] });
    const webEgress = policies(objects('web'))['web-egress'].egress as K8sObject[];
    expect(webEgress.slice(3)).toEqual([
      { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'api' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } }], ports: [{ port: 8080, protocol: 'TCP' }] },
      { to: [{ ipBlock: { cidr: '10.64.200.0/24' } }] },
    ]);
    for (const o of [...objects('api'), ...objects('web')]) expect(validateK8sObject(o)).toEqual([]);
  });

  it('refuse a caller that is not an app, and an egress CIDR that is not one', () => {
    expect(problemsOf(fleetWithApp({ callers: ['nope'], egress: { cidrs: ['10.1.2.3/8'] } }))).toEqual([
      { path: 'acme/api', message: 'egress.cidrs: "10.1.2.3/8" has host bits set; the network address is 10.0.0.0/8' },
      { path: 'acme/api', message: 'callers names "nope", which is not an app of the fleet; fix the name (the fleet has api)' },
    ]);
  });
});

describe('AppChart ingress', () => {
  it('routes the host and path to the app Service through the cluster\'s shared ALB, with IP targets', () => {
    const objects = appObjects(fleetWithApp({ healthCheck: { path: '/healthz' }, ingress: { host: 'api.acme.example', path: '/v1' } }))['production-eu-west-1'];
    const ingress = one(objects, 'Ingress');
    const service = one(objects, 'Service');
    expect(ingress.metadata).toMatchObject({ name: 'api', namespace: 'api' });
    expect(ingress.metadata.annotations).toEqual({
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      'alb.ingress.kubernetes.io/target-type': 'ip',
      'alb.ingress.kubernetes.io/group.name': 'acme',
      'alb.ingress.kubernetes.io/healthcheck-path': '/healthz',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP": 80}]',
    });
    expect(ingress.spec.ingressClassName).toBe('alb');
    expect(ingress.spec.tls).toBeUndefined();
    expect(ingress.spec.rules).toEqual([{
      host: 'api.acme.example',
      http: { paths: [{ path: '/v1', pathType: 'Prefix', backend: { service: { name: service.metadata.name, port: { number: 80 } } } }] },
    }]);
    expect(validateK8sObject(ingress)).toEqual([]);
  });

  it('serves HTTPS on 443 with the certificate of each cluster\'s region, redirecting HTTP', () => {
    const arn = (region: string) => `arn:aws:acm:${region}:111122223333:certificate/0a1b2c3d-0000-4000-8000-00000000000${region.length % 10}`;
    const certificateArns = Object.fromEntries(['us-east-1', 'eu-west-1', 'eu-west-3'].map((r) => [r, arn(r)]));
    const perCluster = appObjects(fleetWithApp({ ingress: { host: 'api.acme.example', certificateArns } }));
    for (const [clusterId, region] of [['production-us-east-1', 'us-east-1'], ['production-eu-west-1', 'eu-west-1'], ['staging-eu-west-3', 'eu-west-3']]) {
      expect(one(perCluster[clusterId], 'Ingress').metadata.annotations).toMatchObject({
        'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP": 80}, {"HTTPS": 443}]',
        'alb.ingress.kubernetes.io/ssl-redirect': '443',
        'alb.ingress.kubernetes.io/certificate-arn': arn(region),
      });
    }
  });

  it('refuses certificates that miss a region the app runs in, or belong to another region', () => {
    const wrong = 'arn:aws:acm:us-west-2:111122223333:certificate/0a1b2c3d-0000-4000-8000-000000000000';
    expect(problemsOf(fleetWithApp({ ingress: { host: 'api.acme.example', certificateArns: { 'us-east-1': wrong } } }))).toEqual([
      { path: 'acme/api', message: 'ingress.certificateArns.us-east-1 is a certificate of us-west-2; an ALB takes certificates of its own region only, so give one issued in us-east-1' },
      { path: 'acme/api', message: 'ingress.certificateArns has no certificate for eu-west-1, eu-west-3, where the app also runs; add an ACM certificate of each of those regions (ALB certificates are regional)' },
    ]);
  });

  it('has no Ingress unless asked', () => {
    expect(appObjects(fleetWithApp())['production-eu-west-1'].filter((o) => o.kind === 'Ingress')).toEqual([]);
  });

  it('refuses a host that is not a DNS name', () => {
    expect(() => fleetWithApp({ ingress: { host: 'Not A Host' } }).assemble()).toThrow(/\[acme\/api\] ingress.host "Not A Host" is not a DNS name/);
  });
});
