/**
 * Global routing is sound for every fleet fleetform accepts, not only the
 * shapes of the examples: random fleets with random routing trees (see
 * helpers/routing-arbitraries.ts) are resolved, and for each one accepted the
 * records the binding would register are checked (helpers/dns-soundness.ts):
 * unique names and set identifiers, one policy per name, DNS limits, aliases
 * that resolve, and residency kept under every combination of failed health
 * checks (all of them up to eight clusters, a sample beyond).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { soundnessViolations } from '../helpers/dns-soundness';
import { buildFleet, fleetArb, FleetSpec } from '../helpers/routing-arbitraries';

const RUNS = Number(process.env.FLEETFORM_PROPERTY_RUNS ?? 1000);

describe('global routing for random fleets', () => {
  it('registers sound records and keeps residency for every accepted fleet', () => {
    let accepted = 0;
    fc.assert(fc.property(fleetArb({ subdivisions: true }), (spec: FleetSpec) => {
      const resolved = buildFleet(spec).resolve();
      if (resolved.problems.length > 0) return;
      accepted++;
      expect(soundnessViolations(resolved)).toEqual([]);
    }), { numRuns: RUNS, seed: 20261204 });
    // The property must not hold vacuously: a good share of the random fleets is accepted.
    expect(accepted).toBeGreaterThan(RUNS / 2);
  });
});
