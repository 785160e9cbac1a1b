/**
 * Synth in real, separate processes: two at once into one folder, and a synth
 * killed midway. Threads of one process would share the module state and the
 * lock's pid, so only processes show what users meet.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fleetform from '../../lib';
import { FleetValidationError } from '../../lib';
import { readTree, tempDir } from '../helpers/fleets';
import { childEnv, transpileLib } from '../helpers/transpiled-lib';

const REGIONS = ['eu-west-1', 'us-east-1', 'eu-central-1', 'ap-southeast-1', 'us-west-2', 'eu-north-1'];

/** The fleet of a variant: its clusters and image differ, so two variants never share an output. */
function buildFleet(lib: typeof import('../../lib'), name: string, variant: number): import('../../lib').Fleet {
  const fleet = new lib.Fleet(name, { addressLock: lib.AddressLock.none() });
  const count = 6 + variant * 2;
  for (let i = 0; i < count; i++) new lib.RegionalCluster(fleet, `v${variant}-c${i}`, { region: REGIONS[i % REGIONS.length] });
  new lib.FleetApp(fleet, 'web', { image: `ghcr.io/acme/web:${variant}.0.0`, port: 8080, placement: lib.Placement.all() });
  new lib.FleetApp(fleet, 'api', { image: `ghcr.io/acme/api:${variant}.1.0`, port: 8080, placement: lib.Placement.all() });
  return fleet;
}

/** The fleet of a variant, built in this process. */
const fleetOf = (name: string, variant: number) => buildFleet(fleetform, name, variant);

const CHILD = `
const lib = require(process.env.FLEETFORM_LIB + '/lib/index.js');
const faults = require(process.env.FLEETFORM_LIB + '/lib/io/fault-points.js');
const [name, variant, outdir, startAt, killAt] = process.argv.slice(2);
const REGIONS = ${JSON.stringify(REGIONS)};
${buildFleet.toString().replace(/: typeof import\('..\/..\/lib'\)|: import\('..\/..\/lib'\).Fleet|: string|: number/g, '')}
if (killAt) faults.setFaultHook((point, n) => { if (point + '#' + n === killAt) process.kill(process.pid, 'SIGKILL'); });
const fleet = buildFleet(lib, name, Number(variant));
while (Date.now() < Number(startAt)) { /* both processes start writing in the same millisecond */ }
try {
  const result = fleet.synth({ outdir, log: () => {} });
  process.stdout.write(JSON.stringify(result.report.written.length));
} catch (e) {
  if (!(e instanceof lib.FleetValidationError)) throw e;
  process.stdout.write(e.message);
  process.exit(3);
}
`;

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
}

let lib: { root: string; remove: () => void };
let script: string;

function runChild(args: (string | number)[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, ...args.map(String)], { env: { ...childEnv(), FLEETFORM_LIB: lib.root } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, out }));
  });
}

/** What a fleet writes into an empty folder. */
function expectedTree(name: string, variant: number): Record<string, string> {
  const dir = tempDir();
  fleetOf(name, variant).synth({ outdir: dir, log: () => {} });
  return readTree(dir);
}

const leftovers = (outdir: string) => readdirSync(join(outdir, '..')).filter((n) => n.includes('.fleetform-'));

beforeAll(() => {
  lib = transpileLib();
  script = join(lib.root, 'child.cjs');
  writeFileSync(script, CHILD);
});
afterAll(() => lib.remove());

describe('two synths at once into one folder', () => {
  it('of one fleet (ten pairs): each ends with one whole output, the other waits, never a mix', async () => {
    const trees = [0, 1].map((v) => JSON.stringify(expectedTree('acme', v)));
    for (let pair = 0; pair < 10; pair++) {
      const outdir = join(tempDir(), 'dist');
      fleetOf('acme', 2).synth({ outdir, log: () => {} });
      const startAt = Date.now() + 1500;
      const [a, b] = await Promise.all([runChild(['acme', 0, outdir, startAt]), runChild(['acme', 1, outdir, startAt])]);
      expect([a.code, b.code], `${a.out}\n${b.out}`).toEqual([0, 0]);
      const final = readTree(outdir);
      expect(Object.keys(final).length).toBeGreaterThan(10);
      expect(trees, `pair ${pair}: the folder holds neither fleet's whole output`).toContain(JSON.stringify(final));
      expect(leftovers(outdir)).toEqual([]);
    }
  }, 180_000);

  it('of two fleets (three pairs): one whole output, the other refused by name', async () => {
    const trees = { acme: expectedTree('acme', 0), globex: expectedTree('globex', 1) };
    for (let pair = 0; pair < 3; pair++) {
      const outdir = join(tempDir(), 'dist');
      const startAt = Date.now() + 1500;
      const [a, b] = await Promise.all([runChild(['acme', 0, outdir, startAt]), runChild(['globex', 1, outdir, startAt])]);
      expect([a.code, b.code].sort(), `${a.out}\n${b.out}`).toEqual([0, 3]);
      const [winner, loser] = a.code === 0 ? (['acme', b] as const) : (['globex', a] as const);
      expect(readTree(outdir)).toEqual(trees[winner]);
      expect(loser.out).toContain(`holds the output of the fleet "${winner}"`);
      expect(leftovers(outdir)).toEqual([]);
    }
  }, 120_000);
});

/** The output of fleet variant 0, then a synth of variant 1 into it killed at `point`. */
async function killedWriter(point: string): Promise<{ outdir: string; before: Record<string, string> }> {
  const outdir = join(tempDir(), 'dist');
  fleetOf('acme', 0).synth({ outdir, log: () => {} });
  const before = readTree(outdir);
  const killed = await runChild(['acme', 1, outdir, 0, point]);
  expect(killed.signal).toBe('SIGKILL');
  return { outdir, before };
}

describe('a synth killed midway', () => {
  it('while staging: the previous output stays byte-identical, and the next synth cleans up without waiting', async () => {
    const { outdir, before } = await killedWriter('stage-file#3');
    expect(readTree(outdir)).toEqual(before);
    expect(leftovers(outdir).some((n) => n.includes('fleetform-stage-'))).toBe(true);
    expect(leftovers(outdir).some((n) => n.endsWith('fleetform-lock'))).toBe(true);

    // The dead writer's lock is taken over at once: a 1 s wait would fail otherwise.
    const again = fleetOf('acme', 1).synth({ outdir, log: () => {}, outputLockTimeoutMs: 1000 });
    expect(again.report.written.length).toBeGreaterThan(0);
    expect(readTree(outdir)).toEqual(expectedTree('acme', 1));
    expect(leftovers(outdir)).toEqual([]);
  }, 60_000);

  it('between the two renames: the next synth puts the previous output back first', async () => {
    const { outdir, before } = await killedWriter('between-renames#1');
    expect(existsSync(outdir)).toBe(false);
    expect(leftovers(outdir).some((n) => n.includes('fleetform-old-'))).toBe(true);

    const same = fleetOf('acme', 0).synth({ outdir, log: () => {}, outputLockTimeoutMs: 1000 });
    expect(same.report.written).toEqual([]);
    expect(readTree(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  }, 60_000);

  it('a live synth holding the folder: the next one waits, then names it', async () => {
    const outdir = join(tempDir(), 'dist');
    const lockFile = join(outdir, '..', '.dist.fleetform-lock');
    writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), since: '2026-12-04T00:00:00.000Z' }));
    const error = (() => {
      try {
        fleetOf('acme', 0).synth({ outdir, log: () => {}, outputLockTimeoutMs: 300 });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(FleetValidationError);
    expect((error as Error).message).toContain(`another synth (pid ${process.pid} on`);
    expect((error as Error).message).toContain(`waited 0.3 s. Run one synth at a time into a folder; if no synth is running, delete ${lockFile}`);
    expect(existsSync(outdir)).toBe(false);
  });
});
