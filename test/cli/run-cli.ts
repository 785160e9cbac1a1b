/**
 * Runs the `fleetform` command line as a user does, in a child process
 * (bin/fleetform.js, which runs lib/cli from source in this checkout), with
 * the test day for EKS support and no colours.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

export const REPO = resolve(__dirname, '../..');
export const BIN = join(REPO, 'bin', 'fleetform.js');
export const ACME_PROGRAM = join(REPO, 'examples', 'acme', 'fleet.ts');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `fleetform ...args` in `cwd`; resolves when it exits. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string | undefined>; nodeArgs?: readonly string[] } = {}): Promise<CliRun> {
  const env: Record<string, string | undefined> = { ...process.env, FLEETFORM_SUPPORT_DATE: TEST_SUPPORT_DATE, ...options.env };
  for (const key of ['FORCE_COLOR', 'NO_COLOR']) if (!(options.env && key in options.env)) delete env[key];
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], { cwd: options.cwd ?? REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** A fresh temporary folder and its removal. */
export function tempFolder(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `fleetform-cli-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A program path as a TypeScript import specifier (POSIX separators). */
export function importPath(path: string): string {
  return path.split('\\').join('/');
}
