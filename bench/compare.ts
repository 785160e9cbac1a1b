/**
 * `npm run bench:compare -- <other-checkout> [sizes...]`: fleetform synth of this
 * checkout against another checkout of fleetform (an earlier commit, built with
 * `npm ci && npx tsc -p tsconfig.bench.json` there), side by side: for each size,
 * rounds alternate between the two, each synthesizing a fresh fleet into a fresh
 * folder on tmpfs, then the same fleet again unchanged, then with one app's
 * image changed (every cluster rewrites one file). Prints medians and ratios
 * this / other. Sizes default to 300x20 and 1000x20.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median, runNode } from './measure';

const ROUNDS = 5;
const [other, ...sizeArgs] = process.argv.slice(2);
if (other === undefined) {
  process.stderr.write('usage: npm run bench:compare -- <other-checkout> [NxM ...]\n');
  process.exit(2);
}
const sides = { this: resolve(__dirname, '../..'), other: resolve(other) };
for (const [name, root] of Object.entries(sides)) {
  if (!existsSync(join(root, 'build/bench/modes/fleetform.js'))) {
    process.stderr.write(`${name} checkout ${root} has no build/bench; run npx tsc -p tsconfig.bench.json there\n`);
    process.exit(2);
  }
}
const sizes = (sizeArgs.length > 0 ? sizeArgs : ['300x20', '1000x20']).map((s) => s.split('x').map(Number) as [number, number]);
const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

process.stdout.write('| clusters × apps | run | this | other | this / other |\n| --- | --- | ---: | ---: | ---: |\n');
for (const [n, m] of sizes) {
  const runs = ['fresh', 'again', 'changed'] as const;
  const times: Record<string, Record<(typeof runs)[number], number[]>> = {
    this: { fresh: [], again: [], changed: [] },
    other: { fresh: [], again: [], changed: [] },
  };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ['this', 'other'] as const : ['other', 'this'] as const;
    for (const side of order) {
      const out = mkdtempSync(join(base, 'fleetform-compare-'));
      const script = join(sides[side], 'build/bench/modes/fleetform.js');
      try {
        times[side].fresh.push(runNode(script, [String(n), String(m), join(out, 'dist')]).wallMs);
        times[side].again.push(runNode(script, [String(n), String(m), join(out, 'dist')]).wallMs);
        times[side].changed.push(runNode(script, [String(n), String(m), join(out, 'dist'), '0']).wallMs);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }
  }
  const label = { fresh: 'into an empty folder', again: 'again, unchanged', changed: 'one app changed' };
  for (const run of runs) {
    const a = median(times.this[run]);
    const b = median(times.other[run]);
    process.stdout.write(`| ${n} × ${m} | ${label[run]} | ${secs(a)} | ${secs(b)} | ${(a / b).toFixed(2)} |\n`);
  }
}
