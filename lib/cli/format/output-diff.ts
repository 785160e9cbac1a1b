/**
 * `fleetform diff`: what a new synth would change in the output folder, per
 * cluster and per Kubernetes object, from the files fleetform wrote there
 * and the files a synth would write now. Pure: no file is read here.
 */
import { createTwoFilesPatch } from 'diff';
import { RESERVED_OUTPUT_FOLDERS } from '../../reserved';
import type { Style } from '../style';
import { objectIdentity } from './object-identity';
import { plural } from './table';

/** One Kubernetes object (or one whole file that holds none) in a cluster's output. */
interface Piece {
  readonly key: string;
  /** `Kind namespace/name`, or the file name for a file of no object. */
  readonly label: string;
  readonly file: string;
  readonly text: string;
}

/** What changes for one object or file. */
export interface PieceChange {
  readonly change: 'added' | 'removed' | 'changed';
  readonly label: string;
  /** The file it is in after the synth (before, when removed). */
  readonly file: string;
  /** The file it was in, when it moves to another one. */
  readonly movedFrom?: string;
  /** A unified diff of its text, for a changed one. */
  readonly patch?: string;
}

/** The changes in one cluster's folder, or in `fleet.json`. */
export interface GroupChanges {
  /** A cluster id, a folder of GitOps files (`argocd`), or a top-level file's name (`fleet.json`). */
  readonly name: string;
  readonly kind: 'cluster' | 'folder' | 'file';
  /** Whether the whole group is new, or goes. */
  readonly status: 'added' | 'removed' | 'changed';
  readonly changes: readonly PieceChange[];
  /** Files whose bytes change though no object does (objects reordered within the file). */
  readonly reordered: readonly string[];
}

export interface OutputDiff {
  readonly groups: readonly GroupChanges[];
  readonly counts: { readonly added: number; readonly removed: number; readonly changed: number };
}

/**
 * Compares the recorded output (`before`) with the files a synth writes now
 * (`after`): relative POSIX path → content. `same` names files left out of
 * both maps because their content is the same on both sides: they make their
 * cluster present on both sides, and hold no change.
 */
export function diffOutput(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, same: ReadonlySet<string> = new Set()): OutputDiff {
  const groupOf = (path: string) => {
    const slash = path.indexOf('/');
    return slash < 0 ? { group: path, file: path } : { group: path.slice(0, slash), file: path.slice(slash + 1) };
  };
  const groupsOf = (files: ReadonlyMap<string, string>) => {
    const groups = new Map<string, Map<string, string>>();
    for (const [path, content] of files) {
      const { group, file } = groupOf(path);
      const inGroup = groups.get(group) ?? new Map<string, string>();
      inGroup.set(file, content);
      groups.set(group, inGroup);
    }
    return groups;
  };
  const old = groupsOf(before);
  const now = groupsOf(after);
  const kept = new Set([...same].map((path) => groupOf(path).group));
  // Clusters first, then the folders of GitOps files (argocd/), then the top-level files (fleet.json).
  const isTopFile = (name: string) => before.has(name) || after.has(name) || same.has(name);
  const rank = (name: string) => (isTopFile(name) ? 2 : RESERVED_OUTPUT_FOLDERS.includes(name) ? 1 : 0);
  const names = [...new Set([...old.keys(), ...now.keys()])].sort((x, y) => rank(x) - rank(y) || byCodeUnit(x, y));
  const groups: GroupChanges[] = [];
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const name of names) {
    const a = old.get(name) ?? new Map<string, string>();
    const b = now.get(name) ?? new Map<string, string>();
    const isFile = isTopFile(name);
    // A file with the same bytes on both sides holds the same objects: only the others are read.
    const differs = (f: string) => a.get(f) !== b.get(f);
    const changes = diffPieces(piecesOf(only(a, differs)), piecesOf(only(b, differs)), isFile ? '' : `${name}/`);
    const reordered = [...b.keys()].filter((f) => a.has(f) && a.get(f) !== b.get(f)
      && !changes.some((c) => c.file === f || c.movedFrom === f)).sort(byCodeUnit);
    if (changes.length === 0 && reordered.length === 0) continue;
    for (const c of changes) counts[c.change]++;
    const status = a.size === 0 && !kept.has(name) ? 'added' : b.size === 0 && !kept.has(name) ? 'removed' : 'changed';
    groups.push({ name, kind: isFile ? 'file' : RESERVED_OUTPUT_FOLDERS.includes(name) ? 'folder' : 'cluster', status, changes, reordered });
  }
  return { groups, counts };
}

/**
 * Diffs made of separate groups (one `diffOutput` per cluster's files, say)
 * joined into the diff of them all, in the order `diffOutput` gives: clusters,
 * then folders of GitOps files, then top-level files, each by name.
 */
export function mergeOutputDiffs(diffs: readonly OutputDiff[]): OutputDiff {
  const rank = { cluster: 0, folder: 1, file: 2 } as const;
  const groups = diffs.flatMap((d) => d.groups).sort((x, y) => rank[x.kind] - rank[y.kind] || byCodeUnit(x.name, y.name));
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const d of diffs) for (const k of ['added', 'removed', 'changed'] as const) counts[k] += d.counts[k];
  return { groups, counts };
}

function only(files: ReadonlyMap<string, string>, keep: (file: string) => boolean): Map<string, string> {
  return new Map([...files].filter(([file]) => keep(file)));
}

/** Whether anything changes. */
export function outputChanges(d: OutputDiff): boolean {
  return d.groups.length > 0;
}

function diffPieces(before: Map<string, Piece>, after: Map<string, Piece>, folder: string): PieceChange[] {
  const out: PieceChange[] = [];
  for (const [key, b] of after) {
    const a = before.get(key);
    if (!a) out.push({ change: 'added', label: b.label, file: b.file });
    else if (a.text !== b.text || a.file !== b.file) {
      out.push({
        change: 'changed', label: b.label, file: b.file, ...(a.file !== b.file ? { movedFrom: a.file } : {}),
        ...(a.text !== b.text ? { patch: unifiedDiff(a, b, folder) } : {}),
      });
    }
  }
  for (const [key, a] of before) if (!after.has(key)) out.push({ change: 'removed', label: a.label, file: a.file });
  return out.sort((x, y) => byCodeUnit(x.file, y.file) || byCodeUnit(x.label, y.label) || byCodeUnit(x.change, y.change));
}

/** A unified diff of one piece's text, without the file header line of `diff`. */
function unifiedDiff(a: Piece, b: Piece, folder: string): string {
  const patch = createTwoFilesPatch(`a/${folder}${a.file}`, `b/${folder}${b.file}`, a.text, b.text, '', '', { context: 3 });
  return patch.split('\n').filter((l) => !/^={3,}$/.test(l) && l !== '\\ No newline at end of file').join('\n').trimEnd()
    .replace(/^(---|\+\+\+) (\S+)\t$/gm, '$1 $2');
}

/** The objects of a cluster's files (each YAML document one), keyed by kind, namespace and name. */
function piecesOf(files: ReadonlyMap<string, string>): Map<string, Piece> {
  const pieces = new Map<string, Piece>();
  for (const file of [...files.keys()].sort(byCodeUnit)) {
    const content = files.get(file)!;
    const entries = file.endsWith('.json') ? jsonEntries(content) : undefined;
    if (entries) {
      for (const e of entries) pieces.set(`entry ${file} ${e.key}`, { key: `entry ${file} ${e.key}`, label: e.key, file, text: e.text });
      continue;
    }
    const docs = file.endsWith('.yaml') ? splitDocuments(content) : [];
    const objects = docs.map((text) => ({ text, id: objectIdentity(text) }));
    if (objects.length === 0 || objects.some((o) => o.id === undefined)) {
      pieces.set(`file ${file}`, { key: `file ${file}`, label: file, file, text: content });
      continue;
    }
    for (const o of objects) {
      let key = o.id!.key;
      for (let n = 2; pieces.has(key); n++) key = `${o.id!.key} #${n}`;
      pieces.set(key, { key, label: o.id!.label, file, text: o.text });
    }
  }
  return pieces;
}

/**
 * The entries of a JSON object file (such as `fleet.json`), each compared on
 * its own: a top-level key, or one element of a top-level list of objects
 * with a distinct `id` or `name` (`clusters › prod-eu-west-1`). A large file
 * changed in many places is then shown as the entries that change, each
 * with a small diff. Undefined when the file is not a JSON object.
 */
function jsonEntries(content: string): { key: string; text: string }[] | undefined {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const entries: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(data)) {
    const ids = Array.isArray(value) ? value.map(elementId) : [];
    if (ids.length > 0 && ids.every((id) => id !== undefined) && new Set(ids).size === ids.length) {
      (value as unknown[]).forEach((v, i) => entries.push({ key: `${key} › ${ids[i]!}`, text: `${JSON.stringify(v, null, 2)}\n` }));
    } else entries.push({ key, text: `${JSON.stringify(value, null, 2)}\n` });
  }
  return entries;
}

function elementId(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const { id, name } = v as { id?: unknown; name?: unknown };
  return typeof id === 'string' ? id : typeof name === 'string' ? name : undefined;
}

/** The documents of a YAML stream, each ending in a newline, empty ones left out. */
function splitDocuments(content: string): string[] {
  const docs: string[] = [];
  let current: string[] = [];
  for (const line of content.split('\n')) {
    if (line === '---' || line.startsWith('--- ')) {
      docs.push(current.join('\n'));
      current = [];
    } else current.push(line);
  }
  docs.push(current.join('\n'));
  return docs.map((d) => `${d.replace(/\n+$/, '')}\n`).filter((d) => d.trim() !== '');
}

/** The diff as text: a summary line, then per cluster each object added, removed or changed, with the changed ones' diffs. */
export function formatOutputDiff(d: OutputDiff, outdir: string, style: Style): string {
  if (!outputChanges(d)) return `${outdir}: no change; a synth would write nothing new\n`;
  const clusters = d.groups.filter((g) => g.kind === 'cluster').length;
  const files = d.groups.filter((g) => g.kind !== 'cluster').map((g) => (g.kind === 'folder' ? `${g.name}/` : g.name));
  const lines = [
    `${outdir}: ${d.counts.added} added, ${d.counts.removed} removed, ${d.counts.changed} changed `
      + `in ${plural(clusters, 'cluster')}${files.length > 0 ? `; ${files.join(', ')} changed` : ''}`,
  ];
  const mark = { added: style.green('+'), removed: style.red('-'), changed: style.yellow('~') };
  for (const g of d.groups) {
    lines.push('');
    const what = g.status === 'changed' ? '' : ` (${g.status === 'added' ? 'new' : 'removed'})`;
    lines.push(style.bold(g.kind === 'cluster' ? `cluster ${g.name}${what}` : g.kind === 'folder' ? `${g.name}/${what}` : `${g.name}${what}`));
    for (const c of g.changes) {
      const where = g.kind === 'file' ? '' : c.movedFrom ? ` (${c.movedFrom} → ${c.file})` : ` (${c.file})`;
      lines.push(`  ${mark[c.change]} ${c.label}${where}`);
      if (c.patch) lines.push(...c.patch.split('\n').map((l) => `      ${colourPatchLine(l, style)}`));
    }
    for (const f of g.reordered) lines.push(`  ${mark.changed} ${f}: the same objects in another order`);
  }
  return `${lines.join('\n')}\n`;
}

function colourPatchLine(line: string, style: Style): string {
  if (line.startsWith('+++') || line.startsWith('---')) return style.bold(line);
  if (line.startsWith('+')) return style.green(line);
  if (line.startsWith('-')) return style.red(line);
  if (line.startsWith('@@')) return style.cyan(line);
  return line;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
