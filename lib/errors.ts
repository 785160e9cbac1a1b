import { Construct, IConstruct } from 'constructs';

/** One problem found in a fleet: where, and what is wrong with the fix. */
export interface FleetProblem {
  /** Construct path, such as `acme/production/eu-west-1`. */
  readonly path: string;
  readonly message: string;
}

/**
 * Thrown by `Fleet.synth()` (and the Pulumi binding) when the fleet is invalid.
 * Carries every problem found, so one run reports them all; nothing has been
 * written or deployed when it is thrown.
 */
export class FleetValidationError extends Error {
  readonly problems: readonly FleetProblem[];

  constructor(problems: readonly FleetProblem[]) {
    const lines = problems.map((p) => `[${p.path}] ${p.message}`);
    super(`fleet is invalid (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n  ${lines.join('\n  ')}`);
    this.name = 'FleetValidationError';
    this.problems = problems;
  }
}

/**
 * Registers checks of a construct's own props, run at synth with every other
 * check so all problems are reported together. The check must not throw.
 */
export function checkLater(scope: Construct, check: () => Iterable<string | undefined>): void {
  scope.node.addValidation({
    validate: () => [...check()].filter((p): p is string => typeof p === 'string'),
  });
}

/** Runs every validation of the tree below `root`, depth first in creation order, and returns the problems, deduplicated. */
export function collectProblems(root: IConstruct): FleetProblem[] {
  const seen = new Set<string>();
  const problems: FleetProblem[] = [];
  for (const c of root.node.findAll()) {
    for (const message of c.node.validate()) {
      const key = `${c.node.path}\u0000${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ path: c.node.path, message });
    }
  }
  return problems;
}

/** Throws a {@link FleetValidationError} if there is any problem. */
export function assertNoProblems(problems: readonly FleetProblem[]): void {
  if (problems.length > 0) throw new FleetValidationError(problems);
}
