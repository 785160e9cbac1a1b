import { ApiObject, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ComputeMode } from '../environment-profile';
import { RESIDENCY_LABEL } from '../model/app-spec';
import type { AppSpec, ResolvedCluster, ResolvedNamespaceAccess } from '../model/resolved';
import { addNamespaceAccess } from './access-chart';
import { addAlbIngress } from './alb-ingress';
import { addAppNetworkPolicies } from './app-network-policies';
import { addAppSecrets } from './app-secrets';
import { ClusterValues, restrictedPodSecurity } from './labels';
import type { ChartContribution } from './phases';
import { podScheduling } from './pod-scheduling';

/** Props of an {@link AppChart}. */
export interface AppChartProps {
  readonly spec: AppSpec;
  /** Labels of every object of the chart. */
  readonly labels: Record<string, string>;
  /** The cluster's values (identity, load balancer range). */
  readonly values: ClusterValues;
  /** The cluster's Kubernetes minor, which the namespace's pod security standard is pinned to. */
  readonly kubernetesVersion: string;
  /**
   * Whether the cluster runs EKS Auto Mode, whose ALB the Ingress reaches through the class of its scheme.
   * @default false
   */
  readonly autoMode?: boolean;
  /**
   * What the fleet's access policies and teams write into the app's namespace.
   * @default - nothing
   */
  readonly namespaceAccess?: ResolvedNamespaceAccess;
}

/**
 * One app on one cluster, rendered with cdk8s-plus-28: its namespace (restricted
 * pod security, traffic denied but for the app's own allowances), service
 * account, deployment, service, disruption budget, network policies and, when
 * it has them, its ALB ingress and its HPA.
 */
export class AppChart extends Chart {
  constructor(scope: Construct, id: string, props: AppChartProps) {
    const s = props.spec;
    // Every object of a residency app carries its zone, for a policy engine in the cluster to enforce as well.
    super(scope, id, { labels: s.residency !== undefined ? { ...props.labels, [RESIDENCY_LABEL]: s.residency } : props.labels, disableResourceNameHashes: true });
    const namespace = s.namespace;
    const selector = { 'app.kubernetes.io/name': s.name };

    new kplus.Namespace(this, 'namespace', {
      metadata: { name: namespace, labels: restrictedPodSecurity(props.kubernetesVersion) },
    });

    const serviceAccount = new kplus.ServiceAccount(this, 'service-account', {
      metadata: { name: s.name, namespace },
      automountToken: false,
    });

    const deployment = new kplus.Deployment(this, 'deployment', {
      metadata: { name: s.name, namespace, labels: s.labels },
      replicas: s.replicas,
      select: false,
      podMetadata: { labels: { ...s.labels, ...selector } },
      serviceAccount,
      automountServiceAccountToken: false,
      securityContext: { ensureNonRoot: true },
      containers: [{
        name: s.name,
        image: s.image,
        portNumber: s.port,
        envVariables: { ...Object.fromEntries(Object.keys(s.env).sort().map((k) => [k, kplus.EnvValue.fromValue(s.env[k])])), ...addAppSecrets(this, s) },
        readiness: probe(s, 0),
        liveness: probe(s, s.healthCheck.initialDelaySeconds ?? 10),
        securityContext: {
          ensureNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          capabilities: { drop: [kplus.Capability.ALL] },
          seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
        },
        volumeMounts: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(this, 'tmp', 'tmp', { sizeLimit: Size.mebibytes(64) }) }],
      }],
    });
    deployment.select(kplus.LabelSelector.of({ labels: selector }));

    const service = new kplus.Service(this, 'service', {
      metadata: { name: s.name, namespace },
      ports: [{ name: 'http', port: s.servicePort, targetPort: s.port }],
    });
    service.selectLabel('app.kubernetes.io/name', s.name);

    if (s.ingress) addAlbIngress(this, s, service, props.values.fleet, props.autoMode === true);

    if (s.autoscaling) {
      new kplus.HorizontalPodAutoscaler(this, 'autoscaler', {
        metadata: { name: s.name, namespace },
        target: deployment,
        minReplicas: s.autoscaling.minReplicas,
        maxReplicas: s.autoscaling.maxReplicas,
        metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(s.autoscaling.targetCpuUtilization))],
      });
    }

    new kplus.k8s.KubePodDisruptionBudget(this, 'disruption-budget', {
      metadata: { name: s.name, namespace },
      spec: {
        maxUnavailable: kplus.k8s.IntOrString.fromNumber(s.maxUnavailable),
        selector: { matchLabels: selector },
      },
    });

    addAppNetworkPolicies(this, s, props.values);
    if (props.namespaceAccess) addNamespaceAccess(this, props.namespaceAccess);

    // Resources exactly as the user wrote them (cdk8s-plus would normalize the units).
    const q = (v: string) => kplus.k8s.Quantity.fromString(v);
    const patches = [JsonPatch.replace('/spec/template/spec/containers/0/resources', {
      limits: { cpu: q(s.resources.cpu.limit), memory: q(s.resources.memory.limit) },
      requests: { cpu: q(s.resources.cpu.request), memory: q(s.resources.memory.request) },
    })];
    if (s.spreadAcrossZones) {
      const spread = (topologyKey: string) => ({ maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector } });
      patches.push(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [
        spread('topology.kubernetes.io/zone'),
        spread('kubernetes.io/hostname'),
      ]));
    }
    const scheduling = podScheduling(s);
    if (scheduling) {
      patches.push(JsonPatch.add('/spec/template/spec/nodeSelector', scheduling.nodeSelector));
      if (scheduling.tolerations) patches.push(JsonPatch.add('/spec/template/spec/tolerations', scheduling.tolerations));
    }
    ApiObject.of(deployment).addJsonPatch(...patches);
  }
}

function probe(s: AppSpec, initialDelaySeconds: number): kplus.Probe {
  const options = { initialDelaySeconds: Duration.seconds(initialDelaySeconds), periodSeconds: Duration.seconds(10), failureThreshold: 3 };
  return s.healthCheck.path !== undefined
    ? kplus.Probe.fromHttpGet(s.healthCheck.path, { ...options, port: s.port })
    : kplus.Probe.fromTcpSocket({ ...options, port: s.port });
}

/** Template keys by spec: a spec shared by many clusters is serialized once. */
const specKeys = new WeakMap<AppSpec, string>();

/** The chart name of an app: its file on each cluster is `3000-<chart>.k8s.yaml`. */
export function appChartName(app: string): string {
  return `app-${app}`;
}

/** One chart per app placed on the cluster; clusters where an app runs the same way share one render. */
export function appCharts(cluster: ResolvedCluster): ChartContribution[] {
  const autoMode = cluster.computeMode === ComputeMode.AUTO_MODE;
  return cluster.apps.map(({ name, spec }) => {
    let key = specKeys.get(spec);
    if (key === undefined) {
      key = JSON.stringify(spec);
      specKeys.set(spec, key);
    }
    const namespaceAccess = cluster.rbac.namespaces[spec.namespace];
    return {
      phase: 'apps',
      name: appChartName(name),
      templateKey: `${key}\u0000${cluster.kubernetesVersion}${autoMode ? '\u0000auto-mode' : ''}${namespaceAccess ? `\u0000${JSON.stringify(namespaceAccess)}` : ''}`,
      build: (app, labels, values) => new AppChart(app, appChartName(name), { spec, labels, values, kubernetesVersion: cluster.kubernetesVersion, autoMode, namespaceAccess }),
    };
  });
}
