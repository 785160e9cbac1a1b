/**
 * The Pulumi program of the example fleet (`pulumi up` at the repo root): see
 * `program.ts` for the stack config it reads. A Pulumi program may export an
 * async function; its result is the stack's outputs.
 */
import { deployAcme } from './program';

export = deployAcme;
