/** Rules on apps' overrides by environment, region, GDPR zone and labels. */
import { closest } from '../input';
import type { FleetModel, ResolvedOverride } from '../model/resolved';
import { byCodeUnit } from '../naming';
import { FleetRule, problem, RuleFinding, warning } from './rule';

/** The names an override of `kind` may target in `model`, sorted; undefined for labels (free-form). */
function known(model: FleetModel, o: ResolvedOverride): string[] | undefined {
  switch (o.kind) {
    case 'environment': return [...new Set(model.clusters.map((c) => c.environment))].sort(byCodeUnit);
    case 'region': return [...new Set(model.clusters.map((c) => c.region))].sort(byCodeUnit);
    case 'zone': return model.zones.map((z) => z.name).sort(byCodeUnit);
    case 'labels': return undefined;
  }
}

/**
 * An override naming an environment, region or zone the fleet does not have is
 * a mistake (refused, with a did-you-mean); one that applies to none of the
 * clusters the app runs on changes nothing, likely by a typo (a warning).
 */
export const appOverridesMatch: FleetRule = {
  id: 'app-overrides-match',
  description: 'every override by environment, region, zone or labels applies to a cluster the app runs on',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const a of model.apps) {
      for (const o of a.scopedOverrides) {
        const names = known(model, o);
        if (names !== undefined && o.target !== undefined && !names.includes(o.target)) {
          const near = closest(o.target, names);
          const fleetHas = `the fleet has ${names.join(', ') || `no ${o.kind}s`}`;
          yield problem(a.path, `override ${o.name} names ${o.kind} "${o.target}", which is not in the fleet; ${near !== undefined ? `did you mean "${near}"? (${fleetHas})` : `fix the name (${fleetHas})`}`);
        } else if (o.clusters.length === 0) {
          const runs = a.placements.map((p) => p.clusterId).join(', ') || 'none';
          yield warning(a.path, `override ${o.name} applies to none of the clusters the app runs on (${runs}), so it changes nothing; fix it (a typo?) or remove it`);
        }
      }
    }
  },
};

/** Two overrides of equal precedence giving one setting different values on a cluster: neither may silently win. */
export const appOverrideConflicts: FleetRule = {
  id: 'app-override-conflicts',
  description: 'overrides of equal precedence that apply to one cluster agree on every setting they both give',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const a of model.apps) {
      for (const c of a.overrideConflicts) {
        yield problem(a.path, `app "${a.name}" on cluster "${c.clusterId}": overrides ${c.overrides[0]} and ${c.overrides[1]} have equal precedence and set ${c.setting} to ${c.values[0]} and ${c.values[1]}; make one of them more specific, or set ${c.setting} for that cluster with addClusterOverride("${c.clusterId}", ...)`);
      }
    }
  },
};

/** The rules on overrides, in the order they run. */
export const OVERRIDE_RULES: readonly FleetRule[] = [appOverridesMatch, appOverrideConflicts];
