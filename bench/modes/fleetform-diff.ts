/**
 * Bench mode: what `fleetform diff` does, against an output folder. Args: N M outdir [changedApp].
 * Prints one JSON line: files rendered, and whether anything would change.
 */
import { diffRecordedOutput } from '../../lib/cli/commands/diff';
import { formatOutputDiff, outputChanges } from '../../lib/cli/format/output-diff';
import { styleFor } from '../../lib/cli/style';
import { readRecordedOutput } from '../../lib/io/output-read';
import { outputPlan } from '../../lib/synth/assembly';
import { buildBenchFleet } from '../fleets';
import { report } from './report';

const [n, m, outdir] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const changed = process.argv[5] === undefined ? undefined : Number(process.argv[5]);
const fleet = buildBenchFleet(n, m, changed);
const assembly = fleet.assemble({ renderOnDemand: true });
const recorded = readRecordedOutput(outdir, fleet.fleetName);
const { diff, rendered } = diffRecordedOutput(recorded, outputPlan(assembly));
const text = formatOutputDiff(diff, outdir, styleFor(process.stdout, { NO_COLOR: '1' }));
report({ rendered, changes: outputChanges(diff), lines: text.split('\n').length });
