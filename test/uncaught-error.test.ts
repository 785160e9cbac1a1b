/**
 * What a user sees when a FleetValidationError goes uncaught: Node prints the
 * problem list and where the user's program called fleetform — no file or
 * line of fleetform itself (not even the source line Node shows above an
 * uncaught exception). The library runs as plain JavaScript in a child process,
 * as a user's compiled program loads it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, transpileLib } from './helpers/transpiled-lib';

let lib: ReturnType<typeof transpileLib>;
let dir: string;

beforeAll(() => {
  lib = transpileLib();
  dir = mkdtempSync(join(tmpdir(), 'fleetform-user-'));
});

afterAll(() => {
  lib?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs `body` as the user's program `name` (line 1 requires fleetform); returns its exit status and standard error. */
function runProgram(name: string, body: string): { program: string; status: number | null; stderr: string } {
  const program = join(dir, name);
  writeFileSync(program, `const ff = require(${JSON.stringify(join(lib.root, 'lib'))});\n${body}\n`);
  const run = spawnSync(process.execPath, [program], { env: childEnv(), encoding: 'utf8' });
  return { program, status: run.status, stderr: run.stderr };
}

/** Every `file:line` Node printed. */
function locations(stderr: string): string[] {
  return [...stderr.matchAll(/((?:\/|[A-Za-z]:\\)[^\s():]+\.[cm]?[jt]s):\d+/g)].map((m) => m[0]);
}

describe('an uncaught FleetValidationError', () => {
  it('prints every problem and only the line of the user\'s program that called fleetform', () => {
    const { program, status, stderr } = runProgram('synth-problems.js', [
      "const fleet = new ff.Fleet('acme', { supportDate: '2026-12-04' });",
      "new ff.EnvironmentFleet(fleet, 'production', { regions: ['eu-west-9'] });",
      "new ff.FleetApp(fleet, 'api', { image: 'ghcr.io/acme/api:1.0.0', port: 8080, placement: ff.Placement.all(), replicas: 3, autoscaling: { minReplicas: 2, maxReplicas: 4 } });",
      'fleet.assemble();',
    ].join('\n'));
    expect(status).toBe(1);
    expect(stderr).toContain('FleetValidationError: fleet is invalid (2 problems):');
    expect(stderr).toContain('  [acme/production/eu-west-9] region "eu-west-9" is not an AWS commercial region');
    expect(stderr).toContain('  [acme/api] sets both replicas');
    expect(locations(stderr)).toEqual([`${program}:5`]);
    expect(stderr).not.toContain(lib.root);
    expect(stderr).toMatch(/\n {4}at .*synth-problems\.js:5:\d+\)?\n/);
  });

  it('points at the lookup that found nothing', () => {
    const { program, status, stderr } = runProgram('lookup.js', [
      "const fleet = new ff.Fleet('acme');",
      "const production = new ff.EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'] });",
      "production.cluster('sa-east-1');",
    ].join('\n'));
    expect(status).toBe(1);
    expect(stderr).toContain('[acme/production] has no cluster "sa-east-1"');
    expect(locations(stderr)).toEqual([`${program}:4`]);
  });

  it('points at a constructor call refused at once, from inside a function of the program', () => {
    const { program, status, stderr } = runProgram('constructor.js', [
      'function build() {',
      "  return new ff.Fleet('');",
      '}',
      'build();',
    ].join('\n'));
    expect(status).toBe(1);
    expect(stderr).toContain('the fleet name is');
    expect(locations(stderr)).toEqual([`${program}:3`]);
  });

  it('prints its stack as it would uncaught when a program catches it and logs it', () => {
    const { program, stderr } = runProgram('logged.js', [
      "const fleet = new ff.Fleet('acme');",
      "new ff.EnvironmentFleet(fleet, 'production', { regions: ['eu-west-9'] });",
      'try { fleet.assemble(); } catch (e) { console.error(e.stack); }',
    ].join('\n'));
    expect(stderr).toContain('[acme/production/eu-west-9]');
    expect(locations(stderr)).toEqual([`${program}:4`]);
  });
});
