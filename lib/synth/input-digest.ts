/**
 * Digests of what a manifest file is made from, so a later synth can keep a
 * file whose inputs did not change without rendering it (see
 * `lib/io/output-writer.ts`). A file's digest covers the chart's name, its
 * template or input key and the cluster's values and labels; the code that
 * renders it is named by the renderer the output record holds.
 */
import { createHash } from 'node:crypto';
import { FLEETFORM_VERSION } from '../version';

/**
 * Bump it with any change to fleetform that changes a file's bytes for the
 * same inputs, so outputs rendered before are rendered again (a release's
 * new version does that too).
 */
export const RENDER_FORMAT = 1;

/** Libraries whose code shapes the manifests. */
const RENDERING_LIBRARIES = ['cdk8s', 'cdk8s-plus-28', 'constructs', 'yaml'];

let renderer: string | undefined;

/** What renders the files: fleetform's version, the render format and the versions of the libraries it renders with. */
export function rendererId(): string {
  return (renderer ??= `fleetform ${FLEETFORM_VERSION} render ${RENDER_FORMAT}; ${RENDERING_LIBRARIES.map((name) => `${name} ${libraryVersion(name)}`).join(', ')}`);
}

function libraryVersion(name: string): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(`${name}/package.json`) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** SHA-256 (hex) of the parts, as a JSON list so no two lists of parts give the same text. */
export function inputDigest(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify([RENDER_FORMAT, ...parts])).digest('hex');
}
