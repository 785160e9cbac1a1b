import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ComputeMode } from '../environment-profile';
import { RESIDENCY_LABEL } from '../model/app-spec';
import type { AppSpec, ResolvedCluster, ResolvedNamespaceAccess } from '../model/resolved';
import { addNamespaceAccess } from './access-chart';
import { addAlbIngress } from './alb-ingress';
import { addAppNetworkPolicies } from './app-network-policies';
import { addAppSecrets } from './app-secrets';
import { addInternalLoadBalancer } from './internal-load-balancer';
import { addWorkload } from './app-workload';
import { ClusterValues, restrictedPodSecurity } from './labels';
import type { ChartContribution } from './phases';

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
 * account, workload of its kind (see app-workload.ts), network policies and,
 * when it has one, its ALB ingress.
 */
export class AppChart extends Chart {
  constructor(scope: Construct, id: string, props: AppChartProps) {
    const s = props.spec;
    // Every object of a residency app carries its zone, for a policy engine in the cluster to enforce as well.
    super(scope, id, { labels: s.residency !== undefined ? { ...props.labels, [RESIDENCY_LABEL]: s.residency } : props.labels, disableResourceNameHashes: true });
    const namespace = s.namespace;

    new kplus.Namespace(this, 'namespace', {
      metadata: { name: namespace, labels: restrictedPodSecurity(props.kubernetesVersion) },
    });

    new kplus.ServiceAccount(this, 'service-account', {
      metadata: { name: s.name, namespace },
      automountToken: false,
    });

    // The pods carry the fleet's identity labels (those of every object of the chart) and the app's own.
    addWorkload(this, s, props.labels, (service) => {
      if (s.ingress) addAlbIngress(this, s, service, props.values.fleet, props.autoMode === true);
    });
    addInternalLoadBalancer(this, s, props.autoMode === true);
    addAppSecrets(this, s);
    addAppNetworkPolicies(this, s, props.values);
    if (props.namespaceAccess) addNamespaceAccess(this, props.namespaceAccess);
  }
}

/** Serialized specs: a spec shared by many clusters is serialized once. */
const specKeys = new WeakMap<AppSpec, string>();
/**
 * Template keys by spec, then by what else the chart depends on: clusters that
 * share both get the very same key string, which later lookups need not read again.
 */
const templateKeys = new WeakMap<AppSpec, Map<string, string>>();

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
    const rest = `${cluster.kubernetesVersion}${autoMode ? '\u0000auto-mode' : ''}${namespaceAccess ? `\u0000${JSON.stringify(namespaceAccess)}` : ''}`;
    let keys = templateKeys.get(spec);
    if (keys === undefined) {
      keys = new Map();
      templateKeys.set(spec, keys);
    }
    let templateKey = keys.get(rest);
    if (templateKey === undefined) {
      templateKey = `${key}\u0000${rest}`;
      keys.set(rest, templateKey);
    }
    return {
      phase: 'apps',
      name: appChartName(name),
      templateKey,
      build: (app, labels, values) => new AppChart(app, appChartName(name), { spec, labels, values, kubernetesVersion: cluster.kubernetesVersion, autoMode, namespaceAccess }),
    };
  });
}
