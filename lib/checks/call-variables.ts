/** The check of the variables that carry the addresses of the apps an app calls. */
import type { AppOverrideOptions } from '../app-options';
import { isPlainObject } from '../input';
import { callVariable } from '../naming';

/** What of an app's props can hold a variable (FleetAppProps, kept apart to avoid an import circle). */
export interface CallerVariables {
  readonly env?: Readonly<Record<string, string>>;
  readonly secretEnv?: unknown;
}

/**
 * The variable of each called app's address must be fleetform's alone: a variable of
 * that name in `env`, `secretEnv` or an override's `env` would hide the address.
 */
export function checkCallVariables(calls: readonly string[], p: CallerVariables, overrides: readonly AppOverrideOptions[]): string[] {
  const problems: string[] = [];
  for (const name of new Set(calls)) {
    const variable = callVariable(name);
    const where = [
      ...(p.env?.[variable] !== undefined ? ['env'] : []),
      ...(p.secretEnv !== undefined && isPlainObject(p.secretEnv) && variable in p.secretEnv ? ['secretEnv'] : []),
      ...(overrides.some((o) => o.env?.[variable] !== undefined) ? ['an override\'s env'] : []),
    ];
    if (where.length > 0) problems.push(`calls "${name}", whose address fleetform gives as ${variable}, but ${where.join(' and ')} also set${where.length === 1 ? 's' : ''} ${variable}; remove that variable (the call's address is computed) or rename it`);
  }
  return problems;
}
