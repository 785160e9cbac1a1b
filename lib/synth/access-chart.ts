import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { ResolvedCluster, ResolvedNamespaceAccess, ResolvedRbac, ResolvedRbacBinding } from '../model/resolved';
import type { ChartContribution } from './phases';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** The subjects of a binding: its Kubernetes groups. */
function subjects(b: ResolvedRbacBinding) {
  return b.groups.map((name) => ({ kind: 'Group', apiGroup: RBAC_GROUP, name }));
}

/** Props of an {@link AccessChart}. */
export interface AccessChartProps {
  readonly rbac: Pick<ResolvedRbac, 'roles' | 'clusterBindings'>;
  readonly labels: Record<string, string>;
}

/**
 * The cluster-wide RBAC of the fleet's access policies, applied before the
 * platform and the apps: the custom ClusterRoles, and a ClusterRoleBinding of
 * each grant that is not scoped to namespaces (to its Kubernetes groups, and
 * for a custom role to the group its IAM principals' access entries carry).
 */
export class AccessChart extends Chart {
  constructor(scope: Construct, id: string, props: AccessChartProps) {
    super(scope, id, { labels: props.labels, disableResourceNameHashes: true });
    for (const role of props.rbac.roles) {
      new kplus.k8s.KubeClusterRole(this, `role-${role.name}`, {
        metadata: { name: role.name },
        rules: role.rules.map((r) => ({
          apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs],
          ...(r.resourceNames !== undefined ? { resourceNames: [...r.resourceNames] } : {}),
        })),
      });
    }
    for (const b of props.rbac.clusterBindings) {
      new kplus.k8s.KubeClusterRoleBinding(this, `binding-${b.name}`, {
        metadata: { name: b.name },
        roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: b.clusterRole },
        subjects: subjects(b),
      });
    }
  }
}

/** The access chart of a cluster, when its access policies write any cluster-wide RBAC. */
export function accessCharts(cluster: ResolvedCluster): ChartContribution[] {
  const { roles, clusterBindings } = cluster.rbac;
  if (roles.length === 0 && clusterBindings.length === 0) return [];
  const rbac = { roles, clusterBindings };
  return [{
    phase: 'access',
    name: 'access',
    templateKey: JSON.stringify(rbac),
    build: (app, labels) => new AccessChart(app, 'access', { rbac, labels }),
  }];
}

/** Container defaults of a team namespace's LimitRange: the requests a container that gives none gets. */
export const TEAM_CONTAINER_DEFAULTS = { cpuRequest: '100m', memoryRequest: '128Mi' } as const;

/**
 * What the fleet's access writes into one app namespace, inside the app's own
 * chart (after the namespace): a RoleBinding per grant scoped to it, and for a
 * team's namespace its ResourceQuota and a LimitRange.
 */
export function addNamespaceAccess(scope: Construct, access: ResolvedNamespaceAccess): void {
  const namespace = access.namespace;
  for (const b of access.bindings) {
    new kplus.k8s.KubeRoleBinding(scope, `binding-${b.name}`, {
      metadata: { name: b.name, namespace },
      roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: b.clusterRole },
      subjects: subjects(b),
    });
  }
  if (access.quota === undefined) return;
  const q = (v: string) => kplus.k8s.Quantity.fromString(v);
  new kplus.k8s.KubeResourceQuota(scope, 'quota', {
    metadata: { name: 'team-quota', namespace },
    spec: {
      hard: {
        'requests.cpu': q(access.quota.cpu),
        'requests.memory': q(access.quota.memory),
        ...(access.quota.pods !== undefined ? { pods: q(String(access.quota.pods)) } : {}),
      },
    },
  });
  new kplus.k8s.KubeLimitRange(scope, 'limits', {
    metadata: { name: 'team-defaults', namespace },
    spec: {
      limits: [{
        type: 'Container',
        // Requests only: a default limit would be below the request of a container that gives a larger
        // request and no limit, which the API server then refuses.
        defaultRequest: { cpu: q(TEAM_CONTAINER_DEFAULTS.cpuRequest), memory: q(TEAM_CONTAINER_DEFAULTS.memoryRequest) },
      }],
    },
  });
}
