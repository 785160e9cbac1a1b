/** The output writer on its own: what it owns, what it refuses, and what a failure leaves behind. */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setFaultHook } from '../../lib/io/fault-points';
import { OutputError } from '../../lib/io/output-error';
import { RECORD_FILE } from '../../lib/io/output-record';
import { writeOutput } from '../../lib/io/output-writer';
import { readTree, tempDir, thrownBy } from '../helpers/fleets';

const v1 = new Map([['a/0000-baseline.k8s.yaml', 'a: 1\n'], ['b/0000-baseline.k8s.yaml', 'b: 1\n'], ['fleet.json', '{"v":1}\n']]);
const v2 = new Map([['a/0000-baseline.k8s.yaml', 'a: 2\n'], ['c/0000-baseline.k8s.yaml', 'c: 2\n'], ['fleet.json', '{"v":2}\n']]);

function write(outdir: string, files: ReadonlyMap<string, string>, owner = 'acme') {
  return writeOutput(outdir, files, { owner });
}

const refusal = (fn: () => unknown): OutputError => thrownBy(OutputError, fn);

/** Entries fleetform leaves beside the output folder while it works: none once a write has ended. */
/** The writer's own siblings of `outdir` (its lock, staging and old copies) still there; other runs' in the same folder are not this one's. */
function leftovers(outdir: string): string[] {
  return readdirSync(dirname(outdir)).filter((n) => n.startsWith(`.${basename(outdir)}.fleetform-`));
}

afterEach(() => setFaultHook(undefined));

describe('writeOutput: ownership', () => {
  it('creates the folder with the files and a record of their hashes, and leaves nothing beside it', () => {
    const outdir = join(tempDir(), 'dist');
    const report = write(outdir, v1);
    expect(report).toEqual({ outdir, written: [...v1.keys()].sort(), unchanged: [], removed: [], leftovers: [] });
    const tree = readTree(outdir);
    expect(Object.keys(tree)).toEqual([RECORD_FILE, ...[...v1.keys()].sort()]);
    expect(JSON.parse(tree[RECORD_FILE])).toEqual({
      fleetformOutput: 1,
      owner: 'acme',
      files: {
        'a/0000-baseline.k8s.yaml': expect.stringMatching(/^[0-9a-f]{64}$/),
        'b/0000-baseline.k8s.yaml': expect.stringMatching(/^[0-9a-f]{64}$/),
        'fleet.json': expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    expect(leftovers(outdir)).toEqual([]);
  });

  it('accepts an empty folder the user made', () => {
    const outdir = tempDir();
    write(outdir, v1);
    expect(readTree(outdir)['fleet.json']).toBe('{"v":1}\n');
  });

  it('touches nothing when the output is unchanged: same files, same inodes', () => {
    const outdir = tempDir();
    write(outdir, v1);
    const before = statSync(join(outdir, 'a/0000-baseline.k8s.yaml'));
    const again = write(outdir, v1);
    expect(again).toMatchObject({ written: [], unchanged: [...v1.keys()].sort(), removed: [] });
    const after = statSync(join(outdir, 'a/0000-baseline.k8s.yaml'));
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it('replaces changed files, keeps unchanged ones (the same inode), and deletes only what it recorded', () => {
    const outdir = tempDir();
    write(outdir, new Map([...v1, ['c/0000-baseline.k8s.yaml', 'c: 2\n']]));
    const keptIno = statSync(join(outdir, 'c/0000-baseline.k8s.yaml')).ino;
    const report = write(outdir, v2);
    expect(report).toMatchObject({ written: ['a/0000-baseline.k8s.yaml', 'fleet.json'], unchanged: ['c/0000-baseline.k8s.yaml'], removed: ['b/0000-baseline.k8s.yaml'] });
    expect(Object.keys(readTree(outdir))).toEqual([RECORD_FILE, 'a/0000-baseline.k8s.yaml', 'c/0000-baseline.k8s.yaml', 'fleet.json']);
    expect(existsSync(join(outdir, 'b'))).toBe(false);
    expect(statSync(join(outdir, 'c/0000-baseline.k8s.yaml')).ino).toBe(keptIno);
    expect(leftovers(outdir)).toEqual([]);
  });

  it('rewrites a recorded file the user deleted', () => {
    const outdir = tempDir();
    write(outdir, v1);
    rmSync(join(outdir, 'b/0000-baseline.k8s.yaml'));
    expect(write(outdir, v1).written).toEqual(['b/0000-baseline.k8s.yaml']);
    expect(readTree(outdir)['b/0000-baseline.k8s.yaml']).toBe('b: 1\n');
  });
});

describe('writeOutput: folders and files it did not write are refused, and left as they are', () => {
  function expectRefused(outdir: string, files: ReadonlyMap<string, string>, message: RegExp, owner = 'acme'): OutputError {
    const before = readTree(outdir);
    const error = refusal(() => write(outdir, files, owner));
    expect(error.problems.join('\n')).toMatch(message);
    expect(readTree(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
    return error;
  }

  it('a folder that is not empty and holds no record', () => {
    const outdir = tempDir();
    writeFileSync(join(outdir, 'notes.md'), 'mine');
    expectRefused(outdir, v1, /is not empty and fleetform did not write it \(no \.fleetform-output\.json\); give outdir an empty or new folder.*holds: notes\.md/);
  });

  it('output of a version before records (a fleet.json and no record): delete it once', () => {
    const outdir = tempDir();
    writeFileSync(join(outdir, 'fleet.json'), '{"clusters":[{"id":"a"}]}');
    mkdirSync(join(outdir, 'a'));
    writeFileSync(join(outdir, 'a', '0000-baseline.k8s.yaml'), 'old');
    expectRefused(outdir, v1, /holds a fleet\.json but no \.fleetform-output\.json.*delete it once and synth again/);
  });

  it("another fleet's output", () => {
    const outdir = tempDir();
    write(outdir, v1, 'globex');
    expectRefused(outdir, v1, /holds the output of the fleet "globex"; give the fleet "acme" its own outdir/);
  });

  it('a file added to the output, and an empty folder added to it', () => {
    const outdir = tempDir();
    write(outdir, v1);
    writeFileSync(join(outdir, 'a', 'custom.k8s.yaml'), 'kind: Mine');
    mkdirSync(join(outdir, 'scratch'));
    const error = expectRefused(outdir, v2, /a\/custom\.k8s\.yaml was not written by fleetform \(\.fleetform-output\.json does not list it\)/);
    expect(error.problems.join('\n')).toMatch(/scratch is a folder fleetform did not write/);
  });

  it('an edited manifest', () => {
    const outdir = tempDir();
    write(outdir, v1);
    writeFileSync(join(outdir, 'b', '0000-baseline.k8s.yaml'), 'b: edited\n');
    expectRefused(outdir, v2, /b\/0000-baseline\.k8s\.yaml was changed after fleetform wrote it, and fleetform does not overwrite edits/);
  });

  it('an edited manifest the new output would replace; one edited to exactly the new content is kept', () => {
    const outdir = tempDir();
    write(outdir, v1);
    writeFileSync(join(outdir, 'a', '0000-baseline.k8s.yaml'), 'a: mine\n');
    expectRefused(outdir, v2, /a\/0000-baseline\.k8s\.yaml was changed after fleetform wrote it/);
    writeFileSync(join(outdir, 'a', '0000-baseline.k8s.yaml'), 'a: 2\n');
    writeFileSync(join(outdir, 'b', '0000-baseline.k8s.yaml'), 'b: 1\n');
    expect(write(outdir, v2)).toMatchObject({ unchanged: ['a/0000-baseline.k8s.yaml'], removed: ['b/0000-baseline.k8s.yaml'] });
  });

  it('a symbolic link inside the output, and the file it points to stays as it is', () => {
    const root = tempDir();
    const outdir = join(root, 'dist');
    write(outdir, v1);
    mkdirSync(join(root, 'elsewhere'));
    writeFileSync(join(root, 'elsewhere', 'precious.txt'), 'keep');
    symlinkSync(join(root, 'elsewhere'), join(outdir, 'c'));
    expectRefused(outdir, v2, /c is a symbolic link fleetform did not make; it never follows links/);
    expect(readFileSync(join(root, 'elsewhere', 'precious.txt'), 'utf8')).toBe('keep');
  });

  it('an output folder that is a symbolic link, or a file', () => {
    const root = tempDir();
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'dist'));
    expect(refusal(() => write(join(root, 'dist'), v1)).problems[0]).toMatch(/dist is a symbolic link; fleetform never writes through links/);
    expect(readdirSync(join(root, 'real'))).toEqual([]);
    expect(lstatSync(join(root, 'dist')).isSymbolicLink()).toBe(true);
    writeFileSync(join(root, 'out'), 'a file');
    expect(refusal(() => write(join(root, 'out'), v1)).problems[0]).toMatch(/out is a file, not a folder/);
  });

  it('a damaged record', () => {
    const outdir = tempDir();
    write(outdir, v1);
    writeFileSync(join(outdir, RECORD_FILE), '{"fleetformOutput":1,');
    expectRefused(outdir, v2, /the output record .*\.fleetform-output\.json cannot be trusted: it is not valid JSON; if the folder holds only fleetform's output, delete the folder/);
  });

  it('lists every obstacle at once, at most ten and a count of the rest', () => {
    const outdir = tempDir();
    write(outdir, v1);
    for (let i = 0; i < 14; i++) writeFileSync(join(outdir, `extra-${String(i).padStart(2, '0')}.yaml`), 'x');
    const error = expectRefused(outdir, v1, /extra-00\.yaml was not written by fleetform/);
    expect(error.problems).toHaveLength(11);
    expect(error.problems[10]).toBe('and 4 more like these');
  });
});

describe('writeOutput: a failure at any point leaves the previous output byte-identical', () => {
  const ioError = (point: string) => Object.assign(new Error(`EIO: i/o error, write`), { code: 'EIO', syscall: 'write', path: `/fault/${point}` });

  for (const [point, count] of [['stage-file', 1], ['stage-file', 2], ['before-commit', 1], ['between-renames', 1]] as const) {
    it(`fails at ${point} #${count}: old output intact, no stage left, a clear error`, () => {
      const outdir = tempDir();
      write(outdir, v1);
      const before = readTree(outdir);
      setFaultHook((p, n) => {
        if (p === point && n === count) throw ioError(point);
      });
      const error = refusal(() => write(outdir, v2));
      expect(error.problems).toEqual([`could not write /fault/${point} (EIO); the previous output is left as it was`]);
      expect(readTree(outdir)).toEqual(before);
      expect(leftovers(outdir)).toEqual([]);
      setFaultHook(undefined);
      expect(write(outdir, v2).written).toEqual(['a/0000-baseline.k8s.yaml', 'c/0000-baseline.k8s.yaml', 'fleet.json']);
    });
  }

  it('a first write that fails leaves no output folder at all', () => {
    const outdir = join(tempDir(), 'dist');
    setFaultHook((p, n) => {
      if (p === 'stage-file' && n === 2) throw ioError(p);
    });
    refusal(() => write(outdir, v1));
    expect(existsSync(outdir)).toBe(false);
    expect(leftovers(outdir)).toEqual([]);
  });

  it('replaces nothing when beforeCommit throws, and runs it when nothing changed too', () => {
    const outdir = tempDir();
    write(outdir, v1);
    const before = readTree(outdir);
    expect(() => writeOutput(outdir, v2, { owner: 'acme', beforeCommit: () => { throw new Error('lock refused'); } })).toThrow('lock refused');
    expect(readTree(outdir)).toEqual(before);
    let calls = 0;
    writeOutput(outdir, v1, { owner: 'acme', beforeCommit: () => calls++ });
    expect(calls).toBe(1);
  });

  it('a write that failed after the swap began is finished by putting the old output back', () => {
    const outdir = tempDir();
    write(outdir, v1);
    const before = readTree(outdir);
    // The process dies between the two renames: simulated by moving the folder aside the way the writer does.
    const aside = join(dirname(outdir), `.${outdir.split('/').pop()}.fleetform-old-1-deadbeef`);
    renameSync(outdir, aside);
    const stage = join(dirname(outdir), `.${outdir.split('/').pop()}.fleetform-stage-1-deadbeef`);
    mkdirSync(stage);
    writeFileSync(join(stage, 'half.yaml'), 'half');
    expect(write(outdir, v1).written).toEqual([]);
    expect(readTree(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  });
});
