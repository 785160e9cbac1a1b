/** Every TypeScript snippet of the README compiles against the package's own entry points. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');

/** The ```ts blocks of a markdown file, in order. */
function snippets(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describe('README', () => {
  it('has TypeScript snippets that compile, importing from fleetform as a user would', { timeout: 180_000 }, () => {
    const blocks = snippets(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const dir = mkdtempSync(join(tmpdir(), 'fleetform-readme-'));
    try {
      const files = blocks.map((code, i) => {
        const file = join(dir, `snippet-${i}.ts`);
        writeFileSync(file, `${code}\nexport {};\n`);
        return file;
      });
      const program = ts.createProgram(files, {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        esModuleInterop: true,
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules', '@types')],
        baseUrl: ROOT,
        paths: {
          fleetform: ['lib/index.ts'],
          'fleetform/pulumi': ['lib/pulumi/index.ts'],
          'fleetform/pulumi/testing': ['lib/pulumi/testing/index.ts'],
          'fleetform/testing': ['lib/testing/index.ts'],
          // A user installs the Pulumi peers beside fleetform.
          '@pulumi/*': ['node_modules/@pulumi/*'],
        },
      });
      // Only the snippets are checked; fleetform's own sources are checked by npm run typecheck.
      const diagnostics = [...program.getOptionsDiagnostics(), ...files.flatMap((f) => {
        const source = program.getSourceFile(f)!;
        return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
      })];
      const errors = diagnostics.map((d) => {
        const where = d.file ? `${d.file.fileName.replace(dir, 'README')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
        return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
      expect(errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
