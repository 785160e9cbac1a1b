/**
 * Fleet.synth and the output folder, as users met it: the folders and files
 * synth must never touch, and what a failed write leaves behind.
 */
import { mkdirSync, openSync, readFileSync, readSync, closeSync, symlinkSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AddressLock, FleetApp, FleetValidationError, Placement, RECORD_FILE, RegionalCluster } from '../../lib';
import { writeFileAtomic } from '../../lib/io/atomic-file';
import { setFaultHook } from '../../lib/io/fault-points';
import { newFleet, readTree, tempDir, thrownBy } from '../helpers/fleets';

function fleetOf(ids: readonly string[], lock: AddressLock = AddressLock.none(), image = 'ghcr.io/acme/web:1.0.0') {
  const fleet = newFleet({ addressLock: lock });
  for (const id of ids) new RegionalCluster(fleet, id, { region: 'eu-west-1' });
  new FleetApp(fleet, 'web', { image, port: 8080, placement: Placement.all() });
  return fleet;
}

const synthRefusal = (fn: () => unknown): FleetValidationError => thrownBy(FleetValidationError, fn);

afterEach(() => setFaultHook(undefined));

describe('synth never deletes or writes into what it did not write', () => {
  it('keeps src/, docs/ and node-modules/ that a stale or foreign fleet.json names as clusters', () => {
    const outdir = tempDir();
    for (const dir of ['src', 'docs', 'node-modules']) {
      mkdirSync(join(outdir, dir));
      writeFileSync(join(outdir, dir, 'mine.ts'), `// ${dir}`);
    }
    writeFileSync(join(outdir, 'fleet.json'), JSON.stringify({ clusters: [{ id: 'src' }, { id: 'docs' }, { id: 'node-modules' }] }));
    const before = readTree(outdir);
    const error = synthRefusal(() => fleetOf(['core']).synth({ outdir, log: () => {} }));
    expect(error.problems).toEqual([{ path: 'acme', message: expect.stringMatching(/holds a fleet\.json but no \.fleetform-output\.json/) }]);
    expect(readTree(outdir)).toEqual(before);
  });

  it("refuses the project root as outdir: a cluster named like a source folder never writes into it or deletes it", () => {
    const project = tempDir();
    writeFileSync(join(project, 'package.json'), '{}');
    mkdirSync(join(project, 'lib'));
    writeFileSync(join(project, 'lib', 'util.ts'), 'export {}');
    writeFileSync(join(project, 'fleet.json'), '{"mine":true}');
    const before = readTree(project);
    const error = synthRefusal(() => fleetOf(['lib']).synth({ outdir: project, log: () => {} }));
    expect(error.message).toMatch(/holds a fleet\.json but no \.fleetform-output\.json/);
    expect(readTree(project)).toEqual(before);
  });

  it('keeps a dist/edge/ the user filled before the first synth', () => {
    const outdir = tempDir();
    mkdirSync(join(outdir, 'edge'));
    writeFileSync(join(outdir, 'edge', 'custom.k8s.yaml'), 'kind: Custom');
    writeFileSync(join(outdir, 'edge', 'kustomization.yaml'), 'resources: []');
    const before = readTree(outdir);
    synthRefusal(() => fleetOf(['edge']).synth({ outdir, log: () => {} }));
    expect(readTree(outdir)).toEqual(before);
  });

  it('refuses a file added to a cluster folder after synth, and keeps it when the cluster is removed', () => {
    const outdir = tempDir();
    fleetOf(['edge', 'core']).synth({ outdir, log: () => {} });
    writeFileSync(join(outdir, 'edge', 'kustomization.yaml'), 'resources: []');
    const before = readTree(outdir);
    const error = synthRefusal(() => fleetOf(['core']).synth({ outdir, log: () => {} }));
    expect(error.message).toContain(`${join(outdir, 'edge', 'kustomization.yaml')} was not written by fleetform`);
    expect(readTree(outdir)).toEqual(before);
  });

  it('never writes through a cluster folder that is a symbolic link', () => {
    const root = tempDir();
    const outdir = join(root, 'dist');
    fleetOf(['core']).synth({ outdir, log: () => {} });
    mkdirSync(join(root, 'outside'));
    writeFileSync(join(root, 'outside', '0000-baseline.k8s.yaml'), 'precious');
    symlinkSync(join(root, 'outside'), join(outdir, 'edge'));
    synthRefusal(() => fleetOf(['core', 'edge']).synth({ outdir, log: () => {} }));
    expect(readdirSync(join(root, 'outside'))).toEqual(['0000-baseline.k8s.yaml']);
    expect(readFileSync(join(root, 'outside', '0000-baseline.k8s.yaml'), 'utf8')).toBe('precious');
  });

  it('removes a cluster it wrote, and only its files, when the cluster leaves the fleet', () => {
    const outdir = tempDir();
    fleetOf(['edge', 'core']).synth({ outdir, log: () => {} });
    const result = fleetOf(['core']).synth({ outdir, log: () => {} });
    expect(result.report.removed).toEqual(['edge/0000-baseline.k8s.yaml', 'edge/3000-app-web.k8s.yaml']);
    expect(readdirSync(outdir).sort()).toEqual([RECORD_FILE, 'core', 'fleet.json']);
  });
});

describe('a failed synth leaves the previous output and the address lock as they were', () => {
  it('a new cluster whose folder path is taken by a file: refused before anything changes', () => {
    const outdir = tempDir();
    fleetOf(['a', 'b']).synth({ outdir, log: () => {} });
    writeFileSync(join(outdir, 'c'), 'a plain file');
    const before = readTree(outdir);
    synthRefusal(() => fleetOf(['b', 'c'], AddressLock.none(), 'ghcr.io/acme/web:2.0.0').synth({ outdir, log: () => {} }));
    expect(readTree(outdir)).toEqual(before);
  });

  it('a write failing midway: every cluster still on the old image, the lock not written, a clear error', () => {
    const dir = tempDir();
    const outdir = join(dir, 'dist');
    const lockFile = join(dir, 'fleetform.lock.json');
    fleetOf(['a', 'b', 'c'], AddressLock.file(lockFile)).synth({ outdir, log: () => {} });
    const before = readTree(outdir);
    const lockBefore = readFileSync(lockFile, 'utf8');
    setFaultHook((point, n) => {
      if (point === 'stage-file' && n === 4) throw Object.assign(new Error('EACCES'), { code: 'EACCES', syscall: 'open', path: join(outdir, 'b') });
    });
    const error = synthRefusal(() => fleetOf(['a', 'b', 'c', 'd'], AddressLock.file(lockFile), 'ghcr.io/acme/web:2.0.0').synth({ outdir, log: () => {} }));
    expect(error.problems).toEqual([{ path: 'acme', message: `could not open ${join(outdir, 'b')} (EACCES); make it writable; the previous output is left as it was` }]);
    expect(readTree(outdir)).toEqual(before);
    expect(readFileSync(lockFile, 'utf8')).toBe(lockBefore);
  });

  it('an old output that cannot be deleted once the new one is in: a successful synth with a warning naming it, cleaned up by the next', () => {
    const dir = tempDir();
    const outdir = join(dir, 'dist');
    const lockFile = join(dir, 'fleetform.lock.json');
    fleetOf(['a', 'b'], AddressLock.file(lockFile)).synth({ outdir, log: () => {} });
    setFaultHook((point) => {
      if (point === 'remove-old') throw Object.assign(new Error('EACCES: permission denied, rmdir'), { code: 'EACCES' });
    });
    const lines: string[] = [];
    const result = fleetOf(['a', 'b', 'c'], AddressLock.file(lockFile), 'ghcr.io/acme/web:2.0.0').synth({ outdir, log: (l) => lines.push(l) });
    expect(result.report.leftovers).toHaveLength(1);
    const aside = readdirSync(dir).filter((n) => n.startsWith('.dist.fleetform-old-'));
    expect(aside).toHaveLength(1);
    expect(lines).toContain(`warning: [acme] the new output is in place, but ${join(dir, aside[0])} (EACCES: permission denied, rmdir) beside it could not be deleted; delete it yourself (the next synth tries again)`);
    // The new output and the lock are in place.
    expect(Object.keys(readTree(outdir))).toContain('c/0000-baseline.k8s.yaml');
    expect(Object.keys(JSON.parse(readFileSync(lockFile, 'utf8')).clusters)).toEqual(['a', 'b', 'c']);
    setFaultHook(undefined);
    const again = fleetOf(['a', 'b', 'c'], AddressLock.file(lockFile), 'ghcr.io/acme/web:2.0.0').synth({ outdir, log: () => {} });
    expect(again.report.leftovers).toEqual([]);
    expect(readdirSync(dir).filter((n) => n.startsWith('.dist.fleetform-old-'))).toEqual([]);
  });

  it('a lock that cannot be written: the output is not replaced either', () => {
    const dir = tempDir();
    const outdir = join(dir, 'dist');
    const lockFile = join(dir, 'fleetform.lock.json');
    fleetOf(['a'], AddressLock.file(lockFile)).synth({ outdir, log: () => {} });
    const before = readTree(outdir);
    // The lock's folder does not exist, so writing the lock's temporary file fails.
    const lockInMissingFolder = join(dir, 'gone', 'fleetform.lock.json');
    const error = synthRefusal(() => fleetOf(['a', 'b'], AddressLock.file(lockInMissingFolder)).synth({ outdir, log: () => {} }));
    expect(error.message).toMatch(/could not open .*gone\/fleetform\.lock\.json.*\(ENOENT\); the previous output is left as it was/);
    expect(readTree(outdir)).toEqual(before);
    expect(existsSync(join(dir, 'gone'))).toBe(false);
  });
});

describe('single files are replaced atomically', () => {
  it('a reader holding the old lock or fleet.json reads it whole; a new reader reads the new one whole', () => {
    const path = join(tempDir(), 'fleet.json');
    writeFileAtomic(path, 'old content\n');
    const fd = openSync(path, 'r');
    try {
      writeFileAtomic(path, 'new content, longer than the old\n');
      const buffer = Buffer.alloc(64);
      const n = readSync(fd, buffer, 0, 64, 0);
      expect(buffer.subarray(0, n).toString()).toBe('old content\n');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(path, 'utf8')).toBe('new content, longer than the old\n');
    expect(readdirSync(join(path, '..'))).toEqual(['fleet.json']);
  });
});
