/** `npm run synth`: writes the example fleet to dist/. */
import { FleetValidationError } from '../../lib';
import { buildAcmeFleet } from './fleet';

try {
  const assembly = buildAcmeFleet().synth({ outdir: 'dist' });
  const objects = assembly.clusters.reduce((n, c) => n + c.files.reduce((m, f) => m + f.objects.length, 0), 0);
  const r = assembly.report;
  console.log(`synthesized ${assembly.clusters.length} clusters, ${objects} objects into dist/ (${r.written.length} files written, ${r.unchanged.length} unchanged, ${r.removed.length} removed)`);
} catch (e) {
  if (e instanceof FleetValidationError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
