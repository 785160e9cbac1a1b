/**
 * The record fleetform keeps inside its output folder: which fleet wrote the
 * folder, and every file it wrote with the SHA-256 of its content. Only what
 * the record lists, with its recorded hash, is ever replaced or deleted.
 *
 * It may also remember, per file, a digest of everything the file's content
 * was made from (`inputs`), and which renderer made it (`renderer`): a later
 * synth by the same renderer keeps a file whose inputs have the same digest
 * and which still holds its recorded content, without rendering it again.
 * Those two fields are a cache: when they are missing or malformed the record
 * still says who owns what, and every file is rendered.
 */
import { createHash } from 'node:crypto';

/** The record's file name at the root of the output folder. */
export const RECORD_FILE = '.fleetform-output.json';
const FORMAT = 1;
const SHA256 = /^[0-9a-f]{64}$/;

export interface OutputRecord {
  /** The fleet whose synth owns the folder. */
  readonly owner: string;
  /** Relative POSIX path → SHA-256 (hex) of the content fleetform wrote. */
  readonly files: ReadonlyMap<string, string>;
  /** What rendered the files (fleetform's code and the libraries it renders with); inputs of another renderer are not trusted. */
  readonly renderer?: string;
  /** Relative POSIX path → SHA-256 (hex) of everything the file was rendered from; only with a renderer. */
  readonly inputs?: ReadonlyMap<string, string>;
}

/** SHA-256 of a file's content, in hex. */
export function contentHash(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The record as written: sorted, so the same output gives the same bytes. */
export function formatRecord(record: OutputRecord): string {
  const files: Record<string, string> = {};
  for (const path of [...record.files.keys()].sort()) files[path] = record.files.get(path)!;
  if (record.renderer === undefined) return `${JSON.stringify({ fleetformOutput: FORMAT, owner: record.owner, files }, null, 2)}\n`;
  const inputs: Record<string, string> = {};
  for (const path of [...(record.inputs?.keys() ?? [])].sort()) if (record.files.has(path)) inputs[path] = record.inputs!.get(path)!;
  return `${JSON.stringify({ fleetformOutput: FORMAT, owner: record.owner, files, renderer: record.renderer, inputs }, null, 2)}\n`;
}

/** Reads a record's text; a string says why it cannot be trusted. */
export function parseRecord(text: string): OutputRecord | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'it is not valid JSON';
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'it is not a JSON object';
  const { fleetformOutput, owner, files } = data as Record<string, unknown>;
  if (fleetformOutput !== FORMAT) return `its format ${JSON.stringify(fleetformOutput)} is not ${FORMAT} (written by another fleetform version?)`;
  if (typeof owner !== 'string' || owner === '') return 'it names no owner';
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return 'it lists no files';
  const map = new Map<string, string>();
  for (const [path, hash] of Object.entries(files)) {
    if (!isSafeRelativePath(path) || typeof hash !== 'string' || !SHA256.test(hash)) return `its entry ${JSON.stringify(path)} is not a relative path with a SHA-256`;
    map.set(path, hash);
  }
  return { owner, files: map, ...readInputs(data as Record<string, unknown>, map) };
}

/** The record's cache of input digests, when it is well formed and names a renderer; otherwise none (every file is rendered). */
function readInputs(data: Record<string, unknown>, files: ReadonlyMap<string, string>): Pick<OutputRecord, 'renderer' | 'inputs'> {
  const { renderer, inputs } = data;
  if (typeof renderer !== 'string' || renderer === '' || typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) return {};
  const map = new Map<string, string>();
  for (const [path, digest] of Object.entries(inputs)) {
    if (!files.has(path) || typeof digest !== 'string' || !SHA256.test(digest)) return {};
    map.set(path, digest);
  }
  return { renderer, inputs: map };
}

/** A backslash or NUL anywhere, a leading or trailing slash, an empty part (`//`), or a part `.` or `..`. */
const UNSAFE_PATH = /[\\\0]|^\/|\/$|\/\/|(?:^|\/)\.\.?(?:\/|$)/;

/** A relative POSIX path that stays inside its folder: no `..`, no `.`, no empty or absolute part. */
export function isSafeRelativePath(path: string): boolean {
  return path !== '' && !UNSAFE_PATH.test(path);
}

