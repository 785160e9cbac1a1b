/**
 * Checks of what the cloud answers, where fleetform computes with it: a data
 * source's result or a resource's output. The cloud always answers these; a
 * missing one means the program runs under Pulumi mocks that echo inputs
 * (Pulumi's generic `call: args => args.inputs`), so the error says so and
 * names fleetform's own mocks instead of failing later as a TypeError.
 */

/** What to do when a value is missing under mocks. */
export const MOCKS_HINT = "under Pulumi mocks install fleetform's with mockCloud() from fleetform/pulumi/testing";

/** An error about a missing answer of the cloud: its message only, no stack into fleetform. */
export class CloudAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloudAnswerError';
    Object.defineProperty(this, 'stack', { value: `${this.name}: ${this.message}`, writable: true, configurable: true });
  }
}

/**
 * `value` when it is there (and passes `valid`), else a {@link CloudAnswerError}:
 * `[where] <source> returned no <what>; under Pulumi mocks install fleetform's with mockCloud() ...`.
 */
export function answered<T>(value: T | null | undefined, where: string, source: string, what: string, valid: (v: T) => boolean = () => true): T {
  if (value === undefined || value === null || !valid(value)) throw new CloudAnswerError(`[${where}] ${source} returned no ${what}; ${MOCKS_HINT}`);
  return value;
}

/** Whether `v` is a non-empty string. */
export function isText(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}
