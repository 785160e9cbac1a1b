/**
 * The user's fleet program: where it is, and the Fleet it makes.
 *
 * A fleet program is a module, TypeScript or JavaScript, whose default export
 * (or named export `fleet`) is a Fleet or a function, sync or async, that
 * returns one. Without a path, the program is the one `package.json` names in
 * `"fleetform": { "program": "..." }`, else `fleet.ts`, else `fleet.js`, in the
 * working folder. TypeScript is loaded with tsx; a Fleet is recognised by its
 * mark, so one made by another copy of fleetform (the program's own) counts.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Fleet } from '../fleet';
import { isKind } from '../markers';
import { CliError, fleetProblems } from './errors';
import { isFile, readTextIfFile } from './files';
import { shown } from './paths';

/** The file names tried, in order, when no program is given. */
export const DEFAULT_PROGRAMS: readonly string[] = ['fleet.ts', 'fleet.js'];

const load = createRequire(__filename);
let registered = false;

/** Makes `require` load TypeScript (and ES modules written in it) for the rest of the process. */
export function registerTypeScript(): void {
  if (registered) return;
  (load('tsx/cjs/api') as { register(): () => void }).register();
  registered = true;
}

/** The absolute path of the fleet program: `given`, else the project's default. */
export function findProgram(cwd: string, given?: string): string {
  if (given !== undefined) {
    const path = resolve(cwd, given);
    if (!isFile(path)) throw new CliError(`no fleet program at ${given}: give the path of a file whose default export is a Fleet or a function returning one`);
    return path;
  }
  const manifest = readTextIfFile(resolve(cwd, 'package.json'));
  if (manifest !== undefined) {
    const named = programInPackageJson(manifest);
    if (typeof named === 'string') {
      const path = resolve(cwd, named);
      if (!isFile(path)) throw new CliError(`package.json names the fleet program ${JSON.stringify(named)} ("fleetform": { "program": ... }), and there is no such file`);
      return path;
    }
  }
  for (const name of DEFAULT_PROGRAMS) {
    const path = resolve(cwd, name);
    if (isFile(path)) return path;
  }
  throw new CliError(`no fleet program found in ${cwd}: give its path (such as fleetform synth fleet.ts), add a fleet.ts, or name it in package.json as "fleetform": { "program": "infra/fleet.ts" }`);
}

/** The program package.json names, if any; throws when the field is there but not a path. */
function programInPackageJson(text: string): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const field = (data as { fleetform?: unknown } | null)?.fleetform;
  if (field === undefined) return undefined;
  const program = (field as { program?: unknown } | null)?.program;
  if (typeof program === 'string' && program.trim() !== '') return program;
  throw new CliError(`package.json has "fleetform": ${JSON.stringify(field)}; give the program's path as "fleetform": { "program": "fleet.ts" }`);
}

/** Something the user's program threw while it loaded or built its fleet (not a mistake in the fleet's description). */
export class ProgramError extends Error {
  constructor(readonly program: string, readonly thrown: unknown) {
    super(`${program} failed`);
    this.name = 'ProgramError';
  }
}

/** Loads a module of the user's (TypeScript or JavaScript) with `require`, as Node would run it. */
export function loadModule(path: string, cwd: string): unknown {
  registerTypeScript();
  try {
    return load(path);
  } catch (e) {
    if (fleetProblems(e)) throw e;
    throw new ProgramError(shown(path, cwd), e);
  }
}

/** Loads the program and returns its Fleet. */
export async function loadFleet(path: string, cwd: string): Promise<Fleet> {
  const name = shown(path, cwd);
  const mod = loadModule(path, cwd);
  const exported = fleetExport(mod);
  if (exported === undefined) throw new CliError(`${name} exports no fleet: ${exportsText(mod)}. ${CONVENTION}`);
  let made: unknown = exported;
  if (typeof exported === 'function') {
    try {
      made = await (exported as () => unknown)();
    } catch (e) {
      if (fleetProblems(e)) throw e;
      throw new ProgramError(name, e);
    }
  }
  if (!isKind(made, 'fleet')) throw new CliError(`${name}: its ${typeof exported === 'function' ? 'exported function returned' : 'export is'} ${describe(made)}, not a Fleet. ${CONVENTION}`);
  return made as Fleet;
}

const CONVENTION = 'A fleet program\'s default export (or named export fleet) is a Fleet, or a function (sync or async) returning one: export default buildFleet;';

/** The export that should make the fleet: the module itself (module.exports = ...), its default, or `fleet`. */
function fleetExport(mod: unknown): unknown {
  if (typeof mod === 'function' || isKind(mod, 'fleet')) return mod;
  if (typeof mod !== 'object' || mod === null) return undefined;
  const m = mod as Record<string, unknown>;
  for (const candidate of [m.default, m.fleet]) {
    if (typeof candidate === 'function' || isKind(candidate, 'fleet')) return candidate;
    // An ES module's default export seen through CommonJS interop: { default: { default: ... } }.
    const inner = (candidate as Record<string, unknown> | undefined)?.default;
    if (typeof inner === 'function' || isKind(inner, 'fleet')) return inner;
  }
  return undefined;
}

function exportsText(mod: unknown): string {
  if (typeof mod !== 'object' || mod === null) return `its export is ${describe(mod)}`;
  const names = Object.keys(mod).filter((k) => k !== '__esModule');
  return names.length === 0 ? 'it exports nothing' : `it exports ${names.join(', ')}`;
}

function describe(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (typeof x === 'object') return `an object (${(x as object).constructor?.name ?? 'no class'})`;
  return `a ${typeof x}`;
}
