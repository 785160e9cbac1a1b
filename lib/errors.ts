import { Construct, IConstruct } from 'constructs';
import { sep } from 'node:path';
import { Script } from 'node:vm';

/** One problem found in a fleet: where, and what is wrong with the fix. */
export interface FleetProblem {
  /** Construct path, such as `acme/production/eu-west-1`. */
  readonly path: string;
  readonly message: string;
}

/**
 * Something that does not stop a synth but that a platform team should know
 * (like an aws-cdk warning annotation). `strict` synths refuse them as problems.
 */
export interface FleetWarning {
  /** Construct path, such as `acme/production/eu-west-1`. */
  readonly path: string;
  readonly message: string;
  /** Id of the rule that raised it, such as `regional-quotas`. */
  readonly rule: string;
}

/**
 * Thrown by `Fleet.synth()`, `Fleet.assemble()` and the Pulumi binding when
 * the fleet is invalid, and by lookups of things that do not exist. Carries
 * every problem found, so one run reports them all; nothing has been written
 * or deployed when it is thrown.
 *
 * It is a mistake in the fleet's description, not in fleetform: its stack is
 * cut to the message and the first caller outside fleetform, so an uncaught
 * one prints the problem list and where the call was made, not fleetform's internals.
 */
export class FleetValidationError extends Error {
  declare readonly problems: readonly FleetProblem[];

  constructor(problems: readonly FleetProblem[]) {
    const lines = problems.map((p) => `[${p.path}] ${p.message}`);
    super(`fleet is invalid (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n  ${lines.join('\n  ')}`);
    this.name = 'FleetValidationError';
    // Not enumerable, so Node's printing of an uncaught error does not repeat the list.
    Object.defineProperty(this, 'problems', { value: Object.freeze([...problems]), enumerable: false });
    Object.defineProperty(this, 'stack', { value: `${this.name}: ${this.message}\n    at ${callerOutsideFleetform()}`, writable: true, configurable: true });
    hideThrowSite(this);
  }
}

/** The first stack frame of the user's code (the caller of fleetform), or a placeholder when there is none. */
function callerOutsideFleetform(): string {
  const ownRoot = `${__dirname}${sep}`; // lib/ (source) or build/lib/ (compiled)
  const probe: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 200; // fleetform's own frames may be many: look past them
    Error.captureStackTrace(probe, callerOutsideFleetform);
  } catch {
    // No structured stack here: the placeholder below.
  } finally {
    Error.stackTraceLimit = limit;
  }
  for (const line of (probe.stack ?? '').split('\n')) {
    if (!line.startsWith('    at ')) continue; // the header, not a frame
    const frame = line.slice('    at '.length);
    if (frame.includes(ownRoot) || frame.includes('node:internal') || frame.includes(`${sep}node_modules${sep}`)) continue;
    return frame;
  }
  return '<fleetform>';
}

/** Throws the error in `globalThis[THROWN]`: a script of no file, so Node marks what it throws as already located. */
let thrower: Script | undefined;
const THROWN = Symbol.for('fleetform.FleetValidationError.thrown');

/**
 * Keeps Node from printing fleetform's own `throw` line above an uncaught error. For an uncaught
 * exception Node prints the source line of the throw site (always inside fleetform here) unless
 * the error is marked as already decorated, which Node does, once, to an error thrown out of a
 * `vm` script; the stack the script's run prepends is put back, so only the mark remains.
 * Best effort: without it, the error is the same, with one more line printed.
 */
function hideThrowSite(error: FleetValidationError): void {
  const stack = Object.getOwnPropertyDescriptor(error, 'stack');
  const global = globalThis as Record<symbol, unknown>;
  try {
    thrower ??= new Script(`throw globalThis[Symbol.for(${JSON.stringify(THROWN.description)})]`, { filename: 'fleetform' });
    global[THROWN] = error;
    thrower.runInThisContext();
  } catch {
    // Thrown on purpose.
  } finally {
    delete global[THROWN];
    if (stack) Object.defineProperty(error, 'stack', stack);
  }
}

/** Throws a {@link FleetValidationError} for one problem: for lookups that cannot wait for synth. */
export function refuse(path: string, message: string): never {
  throw new FleetValidationError([{ path, message }]);
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

/** Runs the validations of `constructs`, in the order given, and returns their problems, deduplicated. */
export function collectProblems(constructs: Iterable<IConstruct>): FleetProblem[] {
  const seen = new Set<string>();
  const problems: FleetProblem[] = [];
  for (const c of constructs) {
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
