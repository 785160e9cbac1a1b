/** `fleetform synth`: what a synth wrote, and its warnings. */
import type { FleetWarning } from '../../errors';
import type { WriteReport } from '../../io/output-writer';
import { plural } from './table';

/** The numbers of a synth, for its summary line. */
export interface SynthCounts {
  readonly clusters: number;
  readonly objects: number;
  /** The output folder as shown to the user. */
  readonly outdir: string;
  readonly report: Pick<WriteReport, 'written' | 'unchanged' | 'removed'>;
}

export function formatSynthSummary(c: SynthCounts): string {
  const r = c.report;
  return `synthesized ${plural(c.clusters, 'cluster')}, ${plural(c.objects, 'object')} into ${c.outdir} `
    + `(${plural(r.written.length, 'file')} written, ${r.unchanged.length} unchanged, ${r.removed.length} removed)`;
}

/** A warning as the command line prints it: `[path] message (rule)`. */
export function formatWarning(w: FleetWarning): string {
  return `[${w.path}] ${w.message} (${w.rule})`;
}
