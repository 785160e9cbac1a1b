/** Bench mode: fleetform synth to disk. Args: N M outdir [changedApp]. Prints one JSON line. */
import { buildBenchFleet } from '../fleets';
import { report } from './report';

const [n, m, outdir] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const changed = process.argv[5] === undefined ? undefined : Number(process.argv[5]);
const assembly = buildBenchFleet(n, m, changed).synth({ outdir });
report({ written: assembly.report.written.length, unchanged: assembly.report.unchanged.length });
