/**
 * The object policy (lib/policy/) applied at synth: every object a program
 * adds with `addManifest` is held to it, less the rules its manifest is
 * exempt from with a reason; and an app's own settings may not make fleetform
 * write an object that breaks it. fleetform's own objects are held to it by
 * the tests (test/policy/fleetform-objects.test.ts).
 */
import type { FleetModel } from '../model/resolved';
import { checkObjectPolicy, PolicyFinding, UNEXEMPTIBLE_RULES } from '../policy';
import { FleetRule, problem, RuleFinding, warning } from './rule';

function exemptHint(manifest: string, f: PolicyFinding): string {
  if (UNEXEMPTIBLE_RULES[f.rule] !== undefined) return ` (${f.rule} cannot be exempted)`;
  return `; or, if the objects need it, exempt the manifest with the reason: addManifest("${manifest}", { exempt: { "${f.rule}": "<why>" } }, ...)`;
}

/** Every raw object passes the object policy, or its manifest is exempt from the rule it breaks. */
export const rawManifestPolicy: FleetRule = {
  id: 'raw-manifest-policy',
  description: 'every object added with addManifest passes the object policy, or its manifest is exempt from the rule with a reason',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const cluster of model.clusters) {
      for (const manifest of cluster.rawManifests) {
        const exempt = manifest.exempt ?? {};
        const used = new Set<string>();
        for (const [i, o] of manifest.objects.entries()) {
          for (const f of checkObjectPolicy(o)) {
            if (exempt[f.rule] !== undefined && UNEXEMPTIBLE_RULES[f.rule] === undefined) {
              used.add(f.rule);
              continue;
            }
            yield problem(cluster.path, `manifest "${manifest.id}" object ${i} (${f.object}) breaks ${f.rule}: ${f.field} ${f.problem}; ${f.fix}${exemptHint(manifest.id, f)}`);
          }
        }
        for (const rule of Object.keys(exempt).sort()) {
          if (!used.has(rule)) {
            yield warning(cluster.path, `manifest "${manifest.id}" is exempt from ${rule}, which none of its objects breaks; remove the exemption, so the rule holds again`);
          }
        }
      }
    }
  },
};

/**
 * An app's memory has a limit wherever it runs: the container-resources rule
 * holds every container to one. Its default has one; a `resources.memory`
 * given without a limit (in the app's props or an override) is refused.
 */
export const appMemoryLimit: FleetRule = {
  id: 'app-memory-limit',
  description: 'every app container has a memory limit on every cluster it runs on',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const app of model.apps) {
      const without = app.placements.filter((p) => p.spec.resources?.memory !== undefined && p.spec.resources.memory.limit === undefined).map((p) => p.clusterId);
      if (without.length === 0) continue;
      const request = app.placements.find((p) => without.includes(p.clusterId))!.spec.resources.memory.request;
      yield problem(app.path, `resources.memory has no limit on ${without.join(', ')}; the container-resources rule holds every container to a memory limit (a CPU limit is not needed), so give one, such as memory: { request: "${request}", limit: "${request}" }`);
    }
  },
};

/** The rules of the object policy. */
export const OBJECT_POLICY_RULES: readonly FleetRule[] = [rawManifestPolicy, appMemoryLimit];
