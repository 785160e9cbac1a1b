/**
 * `npm run bench:compare -- <other-checkout> [sizes...] [--rounds N]`: fleetform
 * synth of this checkout against another checkout of fleetform (an earlier
 * commit, built with `npx tsc -p tsconfig.bench.json` there), side by side: for
 * each size, rounds alternate between the two, each synthesizing a fresh fleet
 * into a fresh folder on tmpfs, then the same fleet again unchanged, then with
 * one app's image changed (every cluster rewrites one file). Prints medians and
 * ratios this / other, of the wall time and, when GNU time is installed, of the
 * CPU time (user + system), which other load on the machine moves far less; and
 * each side's one-app change against its own fresh synth. Sizes default to
 * 300x20 and 1000x20; rounds to 5.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median, Run, runNode } from './measure';

const USAGE = 'usage: npm run bench:compare -- <other-checkout> [NxM ...] [--rounds N]\n';
const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const roundsAt = argv.indexOf('--rounds');
const ROUNDS = roundsAt >= 0 ? Number(argv[roundsAt + 1]) : 5;
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) {
  process.stderr.write(`--rounds takes a whole number of rounds, at least 1\n${USAGE}`);
  process.exit(2);
}
const [other, ...sizeArgs] = argv.filter((_, i) => i !== roundsAt && i !== roundsAt + 1);
if (other === undefined) {
  process.stderr.write(USAGE);
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
const runs = ['fresh', 'again', 'changed'] as const;
type Kind = (typeof runs)[number];
const label: Record<Kind, string> = { fresh: 'into an empty folder', again: 'again, unchanged', changed: 'one app changed' };

const lines = [`${ROUNDS} rounds, alternating, medians.`, '',
  '| clusters × apps | run | this (wall) | other (wall) | this / other (wall) | this (CPU) | other (CPU) | this / other (CPU) |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
const own: string[] = ['', '| clusters × apps | side | one app changed / fresh (wall) | (CPU) |', '| --- | --- | ---: | ---: |'];
for (const [n, m] of sizes) {
  const times: Record<'this' | 'other', Record<Kind, Run[]>> = {
    this: { fresh: [], again: [], changed: [] },
    other: { fresh: [], again: [], changed: [] },
  };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ['this', 'other'] as const : ['other', 'this'] as const;
    for (const side of order) {
      const out = mkdtempSync(join(base, 'fleetform-compare-'));
      const script = join(sides[side], 'build/bench/modes/fleetform.js');
      try {
        times[side].fresh.push(runNode(script, [String(n), String(m), join(out, 'dist')]));
        times[side].again.push(runNode(script, [String(n), String(m), join(out, 'dist')]));
        times[side].changed.push(runNode(script, [String(n), String(m), join(out, 'dist'), '0']));
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }
    process.stderr.write(`  ${n}x${m} round ${round + 1}/${ROUNDS}\n`);
  }
  const wall = (side: 'this' | 'other', kind: Kind) => median(times[side][kind].map((r) => r.wallMs));
  const cpu = (side: 'this' | 'other', kind: Kind) => {
    const ms = times[side][kind].map((r) => r.cpuMs);
    return ms.every((x): x is number => x !== undefined) ? median(ms) : undefined;
  };
  const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? 'n/a' : (a / b).toFixed(2));
  const shown = (ms: number | undefined) => (ms === undefined ? 'n/a' : secs(ms));
  for (const kind of runs) {
    const [a, b, ca, cb] = [wall('this', kind), wall('other', kind), cpu('this', kind), cpu('other', kind)];
    lines.push(`| ${n} × ${m} | ${label[kind]} | ${secs(a)} | ${secs(b)} | ${ratio(a, b)} | ${shown(ca)} | ${shown(cb)} | ${ratio(ca, cb)} |`);
  }
  for (const side of ['this', 'other'] as const) {
    own.push(`| ${n} × ${m} | ${side} | ${ratio(wall(side, 'changed'), wall(side, 'fresh'))} | ${ratio(cpu(side, 'changed'), cpu(side, 'fresh'))} |`);
  }
}
process.stdout.write(`${[...lines, ...own].join('\n')}\n`);
