/**
 * Resolving calls (`FleetApp.calls`): for each caller cluster, the address its
 * variable carries (the callee's Service when the callee runs there, else the
 * callee's name in the fleet's private hosted zone) and, for a call across
 * clusters, the VPC peerings, internal load balancers and admitted ranges.
 * Pure: the same apps and clusters give the same result, sorted.
 *
 * A call across clusters reaches every cluster of the callee (the private name
 * answers by latency among them), so each caller cluster is peered with each.
 * Unknown callees, callees without a port and callees placed nowhere add
 * nothing here: the call rules report them.
 */
import { servesPort } from '../app-kind';
import type { FleetApp } from '../fleet-app';
import { byCodeUnit, callVariable, privateZoneName } from '../naming';
import type { AppCallSpec, RemoteCallee, ResolvedCall, ResolvedCalls, ResolvedExposure } from './resolved-calls';
import type { ResolvedCluster } from './resolved';

/** The address of `app` (namespace `namespace`) through its own Service, from a pod of the same cluster. */
export function serviceAddress(app: string, namespace: string, servicePort: number): string {
  return `http://${app}.${namespace}.svc.cluster.local:${servicePort}`;
}

/** The address of `app` across clusters: its name in the fleet's private hosted zone. */
export function privateAddress(fleet: string, app: string, servicePort: number): string {
  return `http://${app}.${privateZoneName(fleet)}:${servicePort}`;
}

/** The name of `app` in the fleet's private hosted zone. */
export function privateName(fleet: string, app: string): string {
  return `${app}.${privateZoneName(fleet)}`;
}

/** Resolves the calls of `apps` (sorted by name), placed as `placements` says on `clusters`. */
export function resolveCalls(fleet: string, apps: readonly FleetApp[], placements: ReadonlyMap<FleetApp, readonly string[]>,
  clusters: ReadonlyMap<string, ResolvedCluster>): ResolvedCalls {
  const byName = new Map(apps.map((a) => [a.appName, a]));
  const calls: ResolvedCall[] = [];
  const links = new Map<string, { a: string; b: string; calls: Set<string> }>();
  const exposures = new Map<string, { callee: FleetApp; clusterId: string; callers: Set<string> }>();
  for (const caller of apps) {
    for (const name of [...new Set(caller.calls)].sort(byCodeUnit)) {
      const callee = byName.get(name);
      if (!callee || callee === caller || !servesPort(callee.kind) || callee.props.port === undefined) continue;
      const on = placements.get(callee) ?? [];
      if (on.length === 0) continue;
      const servicePort = callee.props.servicePort ?? 80;
      const sources = [...(placements.get(caller) ?? [])].sort(byCodeUnit).map((clusterId) => {
        if (on.includes(clusterId)) return { clusterId, address: serviceAddress(callee.appName, callee.namespace, servicePort), remote: [] };
        const remote = [...on].sort(byCodeUnit);
        for (const target of remote) {
          const [a, b] = [clusterId, target].sort(byCodeUnit);
          const link = links.get(`${a}\u0000${b}`) ?? { a, b, calls: new Set<string>() };
          link.calls.add(`${caller.appName}→${callee.appName}`);
          links.set(`${a}\u0000${b}`, link);
          const key = `${callee.appName}\u0000${target}`;
          const exposure = exposures.get(key) ?? { callee, clusterId: target, callers: new Set<string>() };
          exposure.callers.add(clusterId);
          exposures.set(key, exposure);
        }
        return { clusterId, address: privateAddress(fleet, callee.appName, servicePort), remote };
      });
      calls.push({ caller: caller.appName, callee: callee.appName, path: caller.node.path, variable: callVariable(callee.appName), calleeClusters: [...on].sort(byCodeUnit), sources });
    }
  }
  const rangesOf = (ids: Iterable<string>, pick: (c: ResolvedCluster) => readonly string[]) =>
    [...new Set([...ids].flatMap((id) => { const c = clusters.get(id); return c ? pick(c) : []; }))].sort(byCodeUnit);
  return {
    ...(exposures.size > 0 ? { zone: privateZoneName(fleet) } : {}),
    calls,
    links: [...links.values()].map((l) => ({ a: l.a, b: l.b, calls: [...l.calls].sort(byCodeUnit) }))
      .sort((x, y) => byCodeUnit(x.a, y.a) || byCodeUnit(x.b, y.b)),
    exposures: [...exposures.values()].map((e): ResolvedExposure => {
      const callerClusters = [...e.callers].sort(byCodeUnit);
      return {
        app: e.callee.appName,
        namespace: e.callee.namespace,
        clusterId: e.clusterId,
        port: e.callee.props.port!,
        servicePort: e.callee.props.servicePort ?? 80,
        callerClusters,
        sourceRanges: rangesOf(callerClusters, (c) => c.network?.privateSubnets ?? []),
      };
    }).sort((x, y) => byCodeUnit(x.app, y.app) || byCodeUnit(x.clusterId, y.clusterId)),
  };
}

/** What the calls add to app `app`'s spec on cluster `clusterId`: nothing for an app that neither calls nor is called across clusters. */
export function callSpecOf(resolved: ResolvedCalls, app: string, clusterId: string, clusters: ReadonlyMap<string, ResolvedCluster>): AppCallSpec {
  const env: Record<string, string> = {};
  const remoteCallees: RemoteCallee[] = [];
  for (const call of resolved.calls) {
    if (call.caller !== app) continue;
    const source = call.sources.find((s) => s.clusterId === clusterId);
    if (!source) continue;
    env[call.variable] = source.address;
    if (source.remote.length > 0) {
      const exposure = resolved.exposures.find((e) => e.app === call.callee)!;
      const ranges = [...new Set(source.remote.flatMap((id) => { const r = clusters.get(id)?.network?.publicRange; return r ? [r] : []; }))].sort(byCodeUnit);
      remoteCallees.push({ name: call.callee, port: exposure.servicePort, ranges });
    }
  }
  const exposure = resolved.exposures.find((e) => e.app === app && e.clusterId === clusterId);
  const cluster = clusters.get(clusterId);
  return {
    ...(Object.keys(env).length > 0 ? { env } : {}),
    ...(remoteCallees.length > 0 ? { remoteCallees } : {}),
    ...(exposure && cluster ? {
      internalLoadBalancer: {
        sourceRanges: exposure.sourceRanges,
        subnets: (cluster.network?.publicSubnets ?? []).map((_, i) => `${cluster.names.eksCluster}-public-${i}`),
      },
    } : {}),
  };
}
