#!/usr/bin/env node
/**
 * `npm run test:node -- <major>`: runs the test suite (vitest) on another major
 * of Node, fetched from the npm registry's `node` package by npx, with the
 * dependencies already installed here. CI runs it for 22 and 24.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const major = process.argv[2];
if (!/^\d+$/.test(major ?? '')) {
  process.stderr.write('usage: npm run test:node -- <node major, such as 24> [vitest arguments]\n');
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync('npx', ['-y', '-p', `node@${major}`, '--', 'node', vitest, 'run', ...process.argv.slice(3)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
