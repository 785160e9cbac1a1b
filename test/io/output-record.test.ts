/**
 * The paths an output record may name: plain relative POSIX paths that stay
 * inside the output folder. A record naming any other path is not trusted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRecord, isSafeRelativePath, parseRecord } from '../../lib/io/output-record';

/** The rule as the README states it, part by part. */
function safeByParts(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

const pathText = fc.array(fc.constantFrom('a', 'b', '.', '/', '\\', '\0', '-', 'é'), { maxLength: 12 }).map((cs) => cs.join(''));

describe('record paths', () => {
  it('are refused exactly when a part is empty, "." or "..", or the path holds a backslash or NUL', () => {
    fc.assert(fc.property(pathText, (path) => {
      expect(isSafeRelativePath(path)).toBe(safeByParts(path));
    }), { numRuns: 5000 });
    for (const path of ['', '/a', 'a/', 'a//b', '.', '..', 'a/./b', 'a/../b', '../a', 'a/..', 'a\\b', 'a\0']) expect(isSafeRelativePath(path)).toBe(false);
    for (const path of ['a', 'a/b.yaml', '.a', 'a/..b', '...', 'a/.b/c', 'fleet.json']) expect(isSafeRelativePath(path)).toBe(true);
  });

  it('make a record untrusted when one is not safe', () => {
    const hash = 'a'.repeat(64);
    const text = formatRecord({ owner: 'acme', files: new Map([['c0/0000-baseline.k8s.yaml', hash]]) });
    expect(typeof parseRecord(text)).toBe('object');
    expect(parseRecord(text.replace('c0/0000', 'c0/../0000'))).toBe('its entry "c0/../0000-baseline.k8s.yaml" is not a relative path with a SHA-256');
  });
});
