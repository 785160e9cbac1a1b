/**
 * The metadata cache that spares a synth from reading back every file it kept:
 * kept outside the output, believed only while a file's metadata is exactly
 * what fleetform left, and never a way for an edit to go unnoticed.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError } from '../../lib/io/output-error';
import { RECORD_FILE } from '../../lib/io/output-record';
import { cachePath } from '../../lib/io/output-stat-cache';
import { writeOutput } from '../../lib/io/output-writer';
import { readTree, tempDir, thrownBy } from '../helpers/fleets';

const owner = 'acme';
const write = (outdir: string, files: Record<string, string>) => writeOutput(outdir, new Map(Object.entries(files)), { owner });

/** Waits long enough for the file system clock to tick (coarse clocks tick every 1–10 ms). */
function nextTick(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30);
}

describe('the stat cache', () => {
  it('lives in node_modules/.cache/fleetform, never in the output, which stays byte-identical', () => {
    const outdir = tempDir();
    write(outdir, { 'c0/a.yaml': 'a: 1\n', 'fleet.json': '{}\n' });
    const path = cachePath(outdir)!;
    expect(path.startsWith(resolve('node_modules', '.cache', 'fleetform') + sep)).toBe(true);
    const cache = JSON.parse(readFileSync(path, 'utf8')) as { files: Record<string, string> };
    expect(Object.keys(cache.files)).toEqual(['c0/a.yaml', 'fleet.json']);
    expect(Object.keys(readTree(outdir))).toEqual([RECORD_FILE, 'c0/a.yaml', 'fleet.json']);
  });

  it('is believed while a file is as fleetform left it: a planted entry keeps a file unread', () => {
    const outdir = tempDir();
    write(outdir, { 'a.yaml': 'a: 1\n' });
    writeFileSync(join(outdir, 'a.yaml'), 'a: 2\n');
    // Only a cache that describes the file as it is now (which fleetform never writes for an edited file) hides the edit.
    nextTick();
    const path = cachePath(outdir)!;
    const cache = JSON.parse(readFileSync(path, 'utf8')) as { files: Record<string, string> };
    const st = lstatSync(join(outdir, 'a.yaml'), { bigint: true });
    cache.files['a.yaml'] = `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.dev}:0`;
    writeFileSync(path, JSON.stringify(cache));
    expect(write(outdir, { 'a.yaml': 'a: 1\n' }).unchanged).toEqual(['a.yaml']);
  });

  it('finds an edit that keeps the size and puts the modification time back', () => {
    const outdir = tempDir();
    write(outdir, { 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' });
    nextTick();
    const file = join(outdir, 'a.yaml');
    const before = lstatSync(file, { bigint: true });
    const reference = join(tempDir(), 'reference');
    writeFileSync(reference, '');
    execFileSync('touch', ['-r', file, reference]); // nanosecond timestamps, which Node's utimes cannot set
    writeFileSync(file, 'a: 9\n');
    execFileSync('touch', ['-r', reference, file]);
    expect(lstatSync(file, { bigint: true }).mtimeNs).toBe(before.mtimeNs);
    const nexts: Record<string, string>[] = [{ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 2\n' }, { 'a.yaml': 'a: 2\n', 'b.yaml': 'b: 1\n' }, { 'b.yaml': 'b: 1\n' }];
    for (const next of nexts) {
      const error = thrownBy(OutputError, () => write(outdir, next));
      expect(error.problems).toEqual([`${file} was changed after fleetform wrote it, and fleetform does not overwrite edits: put the change in the fleet's code (addManifest for raw objects), then delete the file`]);
    }
    expect(readFileSync(file, 'utf8')).toBe('a: 9\n');
  });

  it('is ignored when damaged, for another record, or missing: every file is read', () => {
    for (const damage of ['not json', JSON.stringify({ fleetformStatCache: 1, record: '0'.repeat(64), files: {} }), undefined]) {
      const outdir = tempDir();
      write(outdir, { 'a.yaml': 'a: 1\n' });
      const path = cachePath(outdir)!;
      if (damage === undefined) writeFileSync(path, '');
      else writeFileSync(path, damage);
      writeFileSync(join(outdir, 'a.yaml'), 'a: 2\n');
      expect(thrownBy(OutputError, () => write(outdir, { 'a.yaml': 'a: 3\n' })).problems[0]).toMatch(/a\.yaml was changed after fleetform wrote it/);
    }
  });
});
