/** An app's effective spec on a cluster: defaults filled in, the overrides that apply there layered over its props. */
import type { AppOverrideOptions } from '../app-options';
import type { FleetAppProps } from '../fleet-app';
import type { NodeTaintSpec } from '../node-pool';
import { AppKind, runsToCompletion } from '../app-kind';
import { workloadSpec } from './app-workload';
import type { AppPeer, AppSpec } from './resolved';
import type { AppCallSpec } from './resolved-calls';
import { appSecretEnv, appSecretFiles } from './secret-stores';

/** What an app's spec depends on besides its props and override: where it runs and who it talks to. */
export interface AppSpecContext {
  /** The cluster's region, for the region's certificate. */
  readonly region: string;
  readonly callers: readonly AppPeer[];
  readonly callees: readonly AppPeer[];
  /** Whether a global load balancer sends users to the app on the cluster. */
  readonly loadBalanced: boolean;
  /** What calls between apps add on the cluster (addresses, remote callees, an internal load balancer). @default - nothing */
  readonly calls?: AppCallSpec;
  /** The taints of the app's node pool on the cluster (none when the app requires no pool, or the cluster lacks it). */
  readonly poolTaints?: readonly NodeTaintSpec[];
}

/** The label every object of an app with residency in a zone carries. */
export const RESIDENCY_LABEL = 'fleetform.io/residency';

/** The spec of an app with these props on a cluster where `override` (the layered overrides, or none) applies. */
export function appSpec(name: string, namespace: string, p: Partial<FleetAppProps>, ctx: AppSpecContext, override?: AppOverrideOptions): AppSpec {
  const o = override ?? {};
  const scaled = o.replicas !== undefined || o.autoscaling !== undefined ? o : p;
  const autoscaling = scaled.autoscaling ? { targetCpuUtilization: 70, ...scaled.autoscaling } : undefined;
  const certificateArn = p.ingress?.certificateArns?.[ctx.region];
  return {
    name,
    namespace,
    image: o.image ?? p.image ?? '',
    ...(p.port !== undefined ? { port: p.port } : {}),
    servicePort: p.servicePort ?? 80,
    replicas: autoscaling || runsToCompletion(p.kind ?? AppKind.SERVICE) ? undefined : scaled.replicas ?? 2,
    autoscaling,
    resources: {
      cpu: o.resources?.cpu ?? p.resources?.cpu ?? { request: '100m' },
      memory: o.resources?.memory ?? p.resources?.memory ?? { request: '128Mi', limit: '256Mi' },
    },
    healthCheck: p.healthCheck ?? {},
    maxUnavailable: p.maxUnavailable ?? 1,
    spreadAcrossZones: p.spreadAcrossZones ?? true,
    ingress: p.ingress && {
      host: o.ingressHost ?? p.ingress.host,
      path: p.ingress.path ?? '/',
      scheme: p.ingress.scheme ?? 'internet-facing',
      ...(certificateArn !== undefined ? { certificateArn } : {}),
    },
    loadBalanced: ctx.loadBalanced,
    ...(p.residency ? { residency: p.residency.zoneName } : {}),
    // The called apps' addresses come last; the app checks that no variable of its own has their names.
    env: { ...(p.env ?? {}), ...(o.env ?? {}), ...(ctx.calls?.env ?? {}) },
    labels: { ...(p.labels ?? {}), ...(p.residency ? { [RESIDENCY_LABEL]: p.residency.zoneName } : {}) },
    callers: ctx.callers,
    callees: ctx.callees,
    ...(ctx.calls?.remoteCallees ? { remoteCallees: ctx.calls.remoteCallees } : {}),
    ...(ctx.calls?.internalLoadBalancer ? { internalLoadBalancer: ctx.calls.internalLoadBalancer } : {}),
    egress: { internet: p.egress?.internet ?? true, cidrs: [...(p.egress?.cidrs ?? [])] },
    ...(p.nodePool !== undefined ? { nodePool: { name: p.nodePool, tolerates: [...(ctx.poolTaints ?? [])] } } : {}),
    ...secretEnvOf(p),
    workload: workloadSpec(p),
  };
}

/** The app's secret variables, when it has any. */
function secretEnvOf(p: Partial<FleetAppProps>): Pick<AppSpec, 'secretEnv' | 'secretFiles'> {
  const secretEnv = appSecretEnv(p.secretEnv);
  const secretFiles = appSecretFiles(p.secretFiles);
  return { ...(secretEnv ? { secretEnv } : {}), ...(secretFiles ? { secretFiles } : {}) };
}
