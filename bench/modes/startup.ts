/** Bench mode: the start-up floor, a 1-cluster 1-app synth. Args: outdir. Reports whether any @pulumi module was loaded. */
import { buildBenchFleet } from '../fleets';
import { report } from './report';

buildBenchFleet(1, 1).synth({ outdir: process.argv[2] });
report({ pulumiModulesLoaded: Object.keys(require.cache).filter((k) => k.includes('/node_modules/@pulumi/')).length });
