import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The topology file at the root of the output folder. */
export const TOPOLOGY_FILE = 'fleet.json';

/** What a write changed on disk. */
export interface WriteReport {
  readonly written: string[];
  readonly unchanged: string[];
  readonly removed: string[];
}

/**
 * Writes `files` (path relative to `outdir` → content) so the folder matches:
 * files whose content is already there are not rewritten; manifest files and
 * cluster folders left from an earlier synth (listed in its fleet.json) are removed.
 */
export function writeOutput(outdir: string, output: ReadonlyMap<string, string>): WriteReport {
  const report: WriteReport = { written: [], unchanged: [], removed: [] };
  const clusters = new Map<string, Map<string, string>>();
  for (const [path, content] of output) {
    const slash = path.indexOf('/');
    if (slash < 0) continue;
    const id = path.slice(0, slash);
    if (!clusters.has(id)) clusters.set(id, new Map());
    clusters.get(id)!.set(path.slice(slash + 1), content);
  }
  const topology = output.get(TOPOLOGY_FILE) ?? '';
  mkdirSync(outdir, { recursive: true });
  for (const stale of previousClusters(outdir)) {
    if (clusters.has(stale) || !existsSync(join(outdir, stale))) continue;
    rmSync(join(outdir, stale), { recursive: true, force: true });
    report.removed.push(stale);
  }
  for (const [clusterId, files] of clusters) {
    const dir = join(outdir, clusterId);
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.k8s.yaml') && !files.has(name)) {
        rmSync(join(dir, name));
        report.removed.push(`${clusterId}/${name}`);
      }
    }
    for (const [name, content] of files) writeIfChanged(join(dir, name), `${clusterId}/${name}`, content, report);
  }
  writeIfChanged(join(outdir, TOPOLOGY_FILE), TOPOLOGY_FILE, topology, report);
  return report;
}

function writeIfChanged(path: string, rel: string, content: string, report: WriteReport): void {
  if (existsSync(path) && readFileSync(path, 'utf8') === content) {
    report.unchanged.push(rel);
    return;
  }
  writeFileSync(path, content);
  report.written.push(rel);
}

/** Cluster ids listed in the fleet.json of an earlier synth, if any. */
function previousClusters(outdir: string): string[] {
  const path = join(outdir, TOPOLOGY_FILE);
  if (!existsSync(path)) return [];
  try {
    const old = JSON.parse(readFileSync(path, 'utf8')) as { clusters?: { id?: unknown }[] };
    return (old.clusters ?? []).map((c) => c.id).filter((id): id is string => typeof id === 'string' && /^[a-z0-9-]+$/.test(id));
  } catch {
    return [];
  }
}
