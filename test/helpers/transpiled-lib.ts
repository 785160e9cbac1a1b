/**
 * lib/ transpiled to CommonJS in a temporary folder, so tests can run the
 * library in real child processes (Node 20 cannot load .ts files itself).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const REPO = resolve(__dirname, '../..');

/** Transpiles every lib/**\/*.ts into `<tmp>/lib/**\/*.js`; returns the temporary folder and its removal. */
export function transpileLib(): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'fleetform-lib-'));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const out = join(root, relative(REPO, path)).replace(/\.ts$/, '.js');
        mkdirSync(dirname(out), { recursive: true });
        const js = ts.transpileModule(readFileSync(path, 'utf8'), {
          fileName: path,
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        }).outputText;
        writeFileSync(out, js);
      }
    }
  };
  walk(join(REPO, 'lib'));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Environment for a child process that requires the transpiled lib: dependencies from this repository. */
export function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, NODE_PATH: join(REPO, 'node_modules') };
}
