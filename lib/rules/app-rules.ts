/** Rules across apps and the clusters they land on. */
import type { FleetModel, ResolvedApp } from '../model/resolved';
import { FleetRule, problem, RuleFinding } from './rule';

/** Two apps with one name would write the same objects. */
export const appNamesUnique: FleetRule = {
  id: 'app-names-unique',
  description: 'every app name is used once',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const first = new Map<string, string>();
    for (const a of model.apps) {
      const seen = first.get(a.name);
      if (seen === undefined) first.set(a.name, a.path);
      else yield problem(a.path, `app name "${a.name}" is also used by ${seen}; give one of them another id`);
    }
  },
};

/** Two apps in one namespace on one cluster would write each other's network policies and quotas. */
export const appNamespacesDisjoint: FleetRule = {
  id: 'app-namespaces-disjoint',
  description: 'apps that share a cluster do not share a namespace',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const byNamespace = new Map<string, ResolvedApp[]>();
    for (const a of model.apps) byNamespace.set(a.namespace, [...(byNamespace.get(a.namespace) ?? []), a]);
    for (const [namespace, apps] of byNamespace) {
      for (let j = 1; j < apps.length; j++) {
        for (let i = 0; i < j; i++) {
          const [a, b] = [apps[i], apps[j]];
          if (a.name === b.name) continue; // reported by app-names-unique
          const onA = new Set(a.placements.map((p) => p.clusterId));
          const shared = b.placements.map((p) => p.clusterId).filter((id) => onA.has(id));
          if (shared.length > 0) {
            yield problem(b.path, `apps ${a.path} and ${b.path} both use namespace "${namespace}" on ${shared.join(', ')}; give one of them a namespace of its own`);
          }
        }
      }
    }
  },
};

/** A placement that names what is not in the fleet, or selects nothing, is a mistake, not an empty app. */
export const appPlacement: FleetRule = {
  id: 'app-placement',
  description: 'every app is placed on at least one cluster, by names that exist',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const clusterIds = [...new Set(model.clusters.map((c) => c.id))];
    const environments = [...new Set(model.clusters.map((c) => c.environment))].sort();
    for (const a of model.apps) {
      if (a.criteria === undefined) continue; // a missing or malformed placement is reported by the app itself
      for (const id of a.criteria.clusters ?? []) {
        if (!clusterIds.includes(id)) yield problem(a.path, `placement names cluster "${id}", which is not in the fleet; fix the id (the fleet has ${clusterIds.join(', ') || 'no clusters'})`);
      }
      for (const env of a.criteria.environments ?? []) {
        if (!environments.includes(env)) yield problem(a.path, `placement names environment "${env}", which is not in the fleet; fix the name (the fleet has ${environments.join(', ') || 'no environments'})`);
      }
      if (a.placements.length === 0) {
        yield problem(a.path, `the app is placed on no cluster (placement: ${a.placement}); widen the placement or add a cluster it selects`);
      }
    }
  },
};

/** An override for a cluster the app does not run on would silently do nothing. */
export const appOverridesPlaced: FleetRule = {
  id: 'app-overrides-placed',
  description: 'overrides name clusters the app is placed on',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const a of model.apps) {
      const placed = new Set(a.placements.map((p) => p.clusterId));
      for (const id of [...a.overrides].sort()) {
        if (!placed.has(id)) yield problem(a.path, `override for cluster "${id}" names a cluster the app is not placed on (${[...placed].join(', ') || 'none'}); fix the id or the placement`);
      }
    }
  },
};

/** A caller that is not an app of the fleet would open nothing, silently. */
export const appCallersKnown: FleetRule = {
  id: 'app-callers-known',
  description: 'the callers an app admits are apps of the fleet',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const names = new Set(model.apps.map((a) => a.name));
    for (const a of model.apps) {
      for (const c of a.callers) {
        if (c === a.name) yield problem(a.path, `callers lists the app itself; pods of its own namespace may always call it, so remove "${c}"`);
        else if (!names.has(c)) yield problem(a.path, `callers names "${c}", which is not an app of the fleet; fix the name (the fleet has ${[...names].join(', ')})`);
      }
    }
  },
};

/** An HTTPS ingress needs a certificate in every region it serves from: ALB certificates are regional. */
export const appCertificatesCover: FleetRule = {
  id: 'app-certificates-cover-regions',
  description: 'an app that serves HTTPS has a certificate for every region it lands in',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const regionOf = new Map(model.clusters.map((c) => [c.id, c.region]));
    for (const a of model.apps) {
      if (a.certificateRegions.length === 0) continue;
      const landed = [...new Set(a.placements.map((p) => regionOf.get(p.clusterId)!))].sort();
      const missing = landed.filter((r) => !a.certificateRegions.includes(r));
      if (missing.length > 0) {
        yield problem(a.path, `ingress.certificateArns has no certificate for ${missing.join(', ')}, where the app also runs; add an ACM certificate of each of those regions (ALB certificates are regional)`);
      }
    }
  },
};

/** The rules across apps, in the order they run. */
export const APP_RULES: readonly FleetRule[] = [appNamesUnique, appNamespacesDisjoint, appPlacement, appOverridesPlaced, appCallersKnown, appCertificatesCover];
