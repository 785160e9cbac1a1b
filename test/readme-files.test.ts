/**
 * The README's complete files are real files of this repository, run by the suite:
 * a fence right after `<!-- file: <path> -->` must equal that file, byte for byte.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');

/** Each `<!-- file: path -->` marker of the README with the fenced block that follows it. */
function fileSnippets(markdown: string): { path: string; code: string }[] {
  return [...markdown.matchAll(/<!-- file: (\S+) -->\n```\w*\n([\s\S]*?)```/g)].map((m) => ({ path: m[1], code: m[2] }));
}

describe('README files', () => {
  const snippets = fileSnippets(readFileSync(join(ROOT, 'README.md'), 'utf8'));

  it('shows the test files of a user\'s repository and of a Pulumi unit test', () => {
    expect(snippets.map((s) => s.path)).toEqual(expect.arrayContaining([
      'test/examples/own-repository/fleet.ts',
      'test/examples/own-repository/fleet.test.ts',
      'test/examples/own-repository/deployment.test.ts',
    ]));
  });

  it.each(fileSnippets(readFileSync(join(ROOT, 'README.md'), 'utf8')))('shows $path as it is', ({ path, code }) => {
    expect(code).toBe(readFileSync(join(ROOT, path), 'utf8'));
  });
});
