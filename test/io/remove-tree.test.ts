/**
 * Deleting the previous output once the new one is in place, without a stat
 * of every file: everything below the folder goes, links are deleted and never
 * followed, and what cannot be listed is left to Node's own recursive delete.
 */
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeTree } from '../../lib/io/remove-tree';
import { tempDir } from '../helpers/fleets';

describe('removeTree', () => {
  it('deletes nested folders and files, and only them', () => {
    const root = tempDir();
    const dir = join(root, 'old');
    for (const c of ['a', 'b/c', 'b/d/e']) mkdirSync(join(dir, c), { recursive: true });
    for (const f of ['x.yaml', 'a/0000-baseline.k8s.yaml', 'b/c/1.yaml', 'b/d/e/2.yaml']) writeFileSync(join(dir, f), f);
    writeFileSync(join(root, 'beside.yaml'), 'kept');
    removeTree(dir);
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(root)).toEqual(['beside.yaml']);
  });

  it('deletes a symbolic link without following it, to a folder or to a file', () => {
    const root = tempDir();
    const outside = join(root, 'outside');
    mkdirSync(join(outside, 'inner'), { recursive: true });
    writeFileSync(join(outside, 'inner', 'keep.yaml'), 'keep');
    const dir = join(root, 'old');
    mkdirSync(dir);
    symlinkSync(outside, join(dir, 'to-folder'));
    symlinkSync(join(outside, 'inner', 'keep.yaml'), join(dir, 'to-file'));
    removeTree(dir);
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(join(outside, 'inner'))).toEqual(['keep.yaml']);
  });

  it('is no error for a missing folder', () => {
    expect(() => removeTree(join(tempDir(), 'missing'))).not.toThrow();
  });

  it('deletes a plain file given in place of a folder', () => {
    const file = join(tempDir(), 'file.yaml');
    writeFileSync(file, 'x');
    removeTree(file);
    expect(existsSync(file)).toBe(false);
  });
});
