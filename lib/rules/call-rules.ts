/**
 * Rules of calls between apps (`FleetApp.calls`): a call names an app of the
 * fleet that serves a port and runs somewhere; a call across clusters never
 * carries an app's resident data out of its zone, in either direction; and no
 * cluster needs more VPC peerings than AWS allows.
 */
import { servesPort } from '../app-kind';
import type { FleetModel, ResolvedApp } from '../model/resolved';
import { FleetRule, problem, RuleFinding, warning } from './rule';

/** Active VPC peering connections per VPC: the default quota, and the most it can be raised to. */
export const PEERING_QUOTA = { default: 50, max: 125 } as const;

/** A call to an app that is not there, serves nothing or runs nowhere would leave the caller with an address that answers nothing. */
export const appCallsReachable: FleetRule = {
  id: 'app-calls-reachable',
  description: 'an app calls only apps of the fleet that serve a port and run on at least one cluster',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const byName = new Map(model.apps.map((a) => [a.name, a]));
    for (const a of model.apps) {
      for (const name of new Set(a.calls)) {
        const callee = byName.get(name);
        if (name === a.name) yield problem(a.path, `calls lists the app itself; it reaches its own pods without a call, so remove "${name}"`);
        else if (!callee) yield problem(a.path, `calls names "${name}", which is not an app of the fleet; fix the name (the fleet has ${[...byName.keys()].join(', ')})`);
        else if (!servesPort(callee.kind)) yield problem(a.path, `calls "${name}", a ${callee.kind} that serves no port, so there is nothing to call; remove the call, or make ${name} a service with a port`);
        else if (callee.placements.length === 0) yield problem(a.path, `calls "${name}", which runs on no cluster (placement: ${callee.placement}), so no address reaches it; place ${name} on a cluster or remove the call`);
      }
    }
  },
};

/**
 * A call carries data both ways: the caller's request to the callee, the callee's answer back.
 * So an app whose data must stay in a zone may be called only from the zone's clusters, and may
 * call only into them: a cluster outside the zone would receive the answer, or the request.
 */
export const appCallsResidency: FleetRule = {
  id: 'app-calls-residency',
  description: 'a call across clusters keeps each app\'s resident data in its zone, both ways',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const apps = new Map(model.apps.map((a) => [a.name, a]));
    const zones = new Map(model.zones.map((z) => [z.name, new Set(z.clusters)]));
    const outside = (app: ResolvedApp | undefined, ids: readonly string[]) => {
      const members = app?.residency !== undefined ? zones.get(app.residency) : undefined;
      return members ? ids.filter((id) => !members.has(id)) : [];
    };
    for (const call of model.calls.calls) {
      const caller = apps.get(call.caller);
      const callee = apps.get(call.callee);
      const remote = call.sources.filter((s) => s.remote.length > 0);
      const callerClusters = outside(callee, remote.map((s) => s.clusterId));
      if (callerClusters.length > 0) {
        yield problem(call.path, `calls "${call.callee}", whose data stays in zone ${callee!.residency}, from ${callerClusters.join(', ')}, outside the zone: its answers would leave the zone; place ${call.caller} only on zone ${callee!.residency}'s clusters, or remove the call`);
      }
      const calleeClusters = outside(caller, [...new Set(remote.flatMap((s) => s.remote))].sort());
      if (calleeClusters.length > 0) {
        yield problem(call.path, `keeps its data in zone ${caller!.residency} but calls "${call.callee}" on ${calleeClusters.join(', ')}, outside the zone: its requests would leave the zone; place ${call.callee} on zone ${caller!.residency}'s clusters, or remove the call`);
      }
    }
  },
};

/** Each call across clusters peers the caller's VPC with every cluster of the callee; AWS limits the peerings of a VPC. */
export const callPeeringQuota: FleetRule = {
  id: 'call-peering-quota',
  description: 'no cluster needs more VPC peerings than AWS allows (50 by default, 125 at most)',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const peers = new Map<string, Set<string>>();
    for (const l of model.calls.links) {
      peers.set(l.a, (peers.get(l.a) ?? new Set()).add(l.b));
      peers.set(l.b, (peers.get(l.b) ?? new Set()).add(l.a));
    }
    for (const c of model.clusters) {
      const n = peers.get(c.id)?.size ?? 0;
      if (n > PEERING_QUOTA.max) {
        yield problem(c.path, `calls across clusters need ${n} VPC peerings of this cluster, more than AWS allows a VPC (${PEERING_QUOTA.max}); place called apps nearer their callers, or connect the VPCs through a Transit Gateway yourself`);
      } else if (n > PEERING_QUOTA.default) {
        yield warning(c.path, `calls across clusters need ${n} VPC peerings of this cluster, more than the default quota (${PEERING_QUOTA.default}); raise "Active VPC peering connections per VPC" in Service Quotas (up to ${PEERING_QUOTA.max}) before deploying`);
      }
    }
  },
};

/**
 * A call whose caller and callee clusters are in different environments peers
 * those environments' VPCs and admits one's pods into the other's app. When
 * the caller also runs in an environment of the callee, the crossing comes from
 * a placement wider than the callee's (a `Placement.all()` caller of a
 * production-only callee) and is most likely an accident: said at every synth.
 * A caller placed only in other environments than its callee (production
 * calling a dedicated customer's cluster) chose the crossing by its placement.
 */
export const callAcrossEnvironments: FleetRule = {
  id: 'call-across-environments',
  description: 'a call that peers clusters of different environments is named at every synth',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const environment = new Map(model.clusters.map((c) => [c.id, c.environment]));
    for (const call of model.calls.calls) {
      const crossing = call.sources.flatMap((s) => s.remote.filter((t) => environment.get(t) !== environment.get(s.clusterId)).map((t) => `${s.clusterId} (${environment.get(s.clusterId)}) with ${t} (${environment.get(t)})`));
      if (crossing.length === 0) continue;
      const calleeEnvironments = new Set(call.calleeClusters.map((id) => environment.get(id)));
      if (!call.sources.some((s) => calleeEnvironments.has(environment.get(s.clusterId)))) continue;
      yield warning(call.path, `calls "${call.callee}" across environments: the deployment peers ${crossing.join(', ')} and admits the caller's pods into ${call.callee} there; if that is not meant, place ${call.callee} in the caller's environments or narrow the caller's placement`);
    }
  },
};

/** The rules of calls, in the order they run. */
export const CALL_RULES: readonly FleetRule[] = [appCallsReachable, appCallsResidency, callPeeringQuota, callAcrossEnvironments];
