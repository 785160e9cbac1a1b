/**
 * The ids fleetform's constructs take in the tree. The constructs library
 * throws a bare Error for an id used twice and a TypeError for an id that is
 * not a string; fleetform reports both with the other problems at synth: the
 * construct takes a unique stand-in id, is marked ignored (with everything
 * below it) and the resolve step leaves it out.
 */
import { Construct, IConstruct } from 'constructs';
import { FleetValidationError, checkLater } from './errors';
import { describeValue } from './input';
import { ConstructKind, isKind, markKind } from './markers';

const IGNORED = Symbol.for('fleetform.ignored');

/**
 * The id a new construct of kind `what` ("cluster", "app", ...) takes under
 * `scope`. Throws a FleetValidationError at once when `scope` is not a
 * construct inside a Fleet: such a construct cannot be reported at synth.
 */
export function claimId(scope: unknown, id: unknown, what: string): string {
  if (!Construct.isConstruct(scope)) {
    throw new FleetValidationError([{ path: typeof id === 'string' ? id : '?', message: `the ${what} is created in ${describeValue(scope)}, not in a construct; pass the Fleet (or an EnvironmentFleet) as the first argument` }]);
  }
  if (!isKind(scope.node.root, 'fleet')) {
    throw new FleetValidationError([{ path: `${scope.node.path}/${String(id)}`, message: `the ${what} is not inside a Fleet; create it under a Fleet (new Fleet('name', {...}))` }]);
  }
  if (typeof id === 'string' && id.length > 0 && !id.includes('/') && !scope.node.tryFindChild(id)) return id;
  const standIn = standInId(scope, typeof id === 'string' && id.length > 0 ? id : 'invalid-id');
  const at = scope.node.path ? `${scope.node.path}/` : '';
  const problem = typeof id !== 'string' || id.length === 0
    ? `the ${what} id is ${describeValue(id)}; give each ${what} a non-empty string id, such as "api"`
    : id.includes('/')
      ? `the ${what} id "${id}" contains '/', which separates construct paths; use '-' instead, such as "${id.split('/').join('-')}"`
      : `${at}${id} is declared twice; give each ${what} its own id`;
  checkLater(scope, () => [problem]);
  return standIn;
}

function standInId(scope: Construct, base: string): string {
  for (let n = 2; ; n++) {
    const candidate = `${base.split('/').join('-')}~${n}`;
    if (!scope.node.tryFindChild(candidate)) return candidate;
  }
}

/**
 * Finishes a construct's entry in the tree: marks it as a construct of `kind`,
 * and as ignored when it took a stand-in for the id `requested`, so the
 * resolve step leaves it and its children out.
 */
export function enterTree(c: Construct, requested: unknown, kind: ConstructKind): void {
  markKind(c, kind);
  if (c.node.id !== requested) Object.defineProperty(c, IGNORED, { value: true });
}

/** Whether `c`, or a construct above it, was created under a stand-in id. */
export function isIgnored(c: IConstruct): boolean {
  for (const s of c.node.scopes) if ((s as unknown as Record<symbol, unknown>)[IGNORED] === true) return true;
  return false;
}
