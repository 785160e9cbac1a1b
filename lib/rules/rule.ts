/**
 * Rules across constructs: small pure functions over the resolved fleet that
 * return problems (the fleet is refused) and warnings (reported; refused in
 * strict mode), each at the construct path it concerns, with the fix.
 * A new construct adds its rules to the registry without touching the others.
 */
import type { FleetProblem, FleetWarning } from '../errors';
import type { FleetModel } from '../model/resolved';

/** What a rule found at one construct. */
export interface RuleFinding {
  /** Construct path, such as `acme/production/eu-west-1`. */
  readonly path: string;
  /** What is wrong, then `; ` and the fix. */
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** A rule across constructs. */
export interface FleetRule {
  /** Stable id, such as `cluster-ids-unique`; warnings carry it. */
  readonly id: string;
  /** What the rule guards, in one line. */
  readonly description: string;
  /** The findings in `model`; must not throw, and must tolerate what other problems left incomplete (a cluster without network). */
  check(model: FleetModel): Iterable<RuleFinding>;
}

/** A finding that refuses the fleet. */
export function problem(path: string, message: string): RuleFinding {
  return { path, message, severity: 'error' };
}

/** A finding reported as a warning. */
export function warning(path: string, message: string): RuleFinding {
  return { path, message, severity: 'warning' };
}

/** Runs `rules` in order over `model` and sorts their findings into problems and warnings. */
export function runRules(model: FleetModel, rules: readonly FleetRule[]): { problems: FleetProblem[]; warnings: FleetWarning[] } {
  const problems: FleetProblem[] = [];
  const warnings: FleetWarning[] = [];
  for (const rule of rules) {
    for (const f of rule.check(model)) {
      if (f.severity === 'error') problems.push({ path: f.path, message: f.message });
      else warnings.push({ path: f.path, message: f.message, rule: rule.id });
    }
  }
  return { problems, warnings };
}
