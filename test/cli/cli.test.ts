import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAcmeFleet } from '../../examples/acme/fleet';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';
import { ACME_PROGRAM, importPath, REPO, runCli, tempFolder } from './run-cli';

const temp = tempFolder('commands');
afterAll(() => temp.remove());

describe('fleetform --help and the command line', () => {
  it('lists every command and the exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.status).toBe(0);
    for (const command of ['synth', 'list', 'diff', 'plan', 'diagram', 'cost']) expect(r.stdout).toMatch(new RegExp(`^  ${command} \\[options\\] \\[program\\]`, 'm'));
    expect(r.stdout).toContain('Exit codes: 0 done, 1 the fleet is invalid');
  });

  it('has help for every command, with its options and examples', async () => {
    const runs = await Promise.all(['synth', 'list', 'diff', 'plan', 'diagram', 'cost'].map((c) => runCli([c, '--help'])));
    const [synth, list, diff, plan, diagram, cost] = runs;
    for (const r of runs) {
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Examples:');
    }
    expect(synth.stdout).toContain('--strict');
    expect(list.stdout).toContain('--json');
    expect(diff.stdout).toContain('Exit code 1 when something would change');
    expect(plan.stdout).toContain('--against <file|ref>');
    expect(diagram.stdout).toContain('--print <form>');
    expect(cost.stdout).toContain('--node-count <basis>');
    expect(plan.stdout.replace(/\s+/g, ' ')).toContain('a preview of what the program registers under fleetform\'s mocks, not of the cloud\'s state');
  });

  it('refuses an unknown command or option with exit code 2, suggesting the right one', async () => {
    const [command, option, none] = await Promise.all([runCli(['lsit']), runCli(['list', '--jsno']), runCli([])]);
    expect(command.status).toBe(2);
    expect(command.stderr).toContain("error: unknown command 'lsit'");
    expect(command.stderr).toContain('Did you mean list?');
    expect(option.status).toBe(2);
    expect(option.stderr).toContain("error: unknown option '--jsno'");
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('Usage: fleetform');
  });

  it('refuses a support date that is not a day, with exit code 2', async () => {
    const r = await runCli(['list', ACME_PROGRAM, '--support-date', '4 Dec 2026']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--support-date is "4 Dec 2026"; give a calendar day as YYYY-MM-DD');
  });
});

describe('what the commands load', () => {
  it('synth, list and diff never load an @pulumi module', async () => {
    // Preloaded into the command's process: on exit, prints the @pulumi modules it loaded.
    const hook = join(temp.dir, 'loaded-pulumi.cjs');
    writeFileSync(hook, "process.on('exit', () => process.stderr.write('@pulumi modules: ' + Object.keys(require.cache).filter((f) => /[\\\\/]@pulumi[\\\\/]/.test(f)).length + '\\n'));\n");
    const preload = { nodeArgs: ['--require', hook] };
    const list = await runCli(['list', ACME_PROGRAM], preload);
    const synth = await runCli(['synth', ACME_PROGRAM, '--out', join(temp.dir, 'no-pulumi'), '--address-lock', 'read-only'], preload);
    const diff = await runCli(['diff', ACME_PROGRAM, '--out', join(temp.dir, 'no-pulumi')], preload);
    for (const r of [list, synth, diff]) expect(r.stderr).toBe('@pulumi modules: 0\n');
    // The hook does see them when they are loaded.
    const loaded = spawnSync(process.execPath, ['--require', hook, '-e', "require('@pulumi/pulumi')"], { cwd: REPO, encoding: 'utf8' });
    expect(loaded.stderr).toMatch(/^@pulumi modules: [1-9]\d*\n$/);
  });
});

describe('fleetform list', () => {
  it('lists the clusters, apps, GDPR zones and load balancers of the example', async () => {
    const r = await runCli(['list', ACME_PROGRAM]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatchSnapshot();
  });

  it('--json prints exactly the fleet.json a synth writes', async () => {
    const r = await runCli(['list', ACME_PROGRAM, '--json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(buildAcmeFleet({ supportDate: TEST_SUPPORT_DATE }).assemble().topologyJson);
  });

  it('finds the program package.json names, else fleet.ts, in the working folder', async () => {
    const named = join(temp.dir, 'named');
    const plain = join(temp.dir, 'plain');
    const program = (name: string) => `import { EnvironmentFleet, Fleet } from '${importPath(join(REPO, 'lib'))}';\n`
      + `export const fleet = async () => { const f = new Fleet('${name}'); new EnvironmentFleet(f, 'prod', { regions: ['eu-west-1'] }); return f; };\n`;
    for (const [dir, files] of [
      [named, { 'package.json': JSON.stringify({ name: 'x', fleetform: { program: 'infra/main.ts' } }), 'infra/main.ts': program('named'), 'fleet.ts': program('ignored') }],
      [plain, { 'fleet.ts': program('plain') }],
    ] as const) {
      for (const [file, text] of Object.entries(files)) {
        const path = join(dir, file);
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, text);
      }
    }
    const [a, b, none] = await Promise.all([runCli(['list'], { cwd: named }), runCli(['list'], { cwd: plain }), runCli(['list'], { cwd: temp.dir })]);
    expect(a.stdout).toMatch(/^fleet named: 1 cluster/);
    expect(b.stdout).toMatch(/^fleet plain: 1 cluster/);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no fleet program found in');
  });
});

describe('a broken fleet program', () => {
  const write = (name: string, text: string) => {
    const path = join(temp.dir, name);
    writeFileSync(path, text);
    return path;
  };
  const lib = importPath(join(REPO, 'lib'));

  it('prints an invalid fleet as [construct path] message lines, without a stack, and exits 1', async () => {
    const program = write('invalid.ts', `import { EnvironmentFleet, Fleet, FleetApp, Placement } from '${lib}';
const fleet = new Fleet('acme');
new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-9'] });
new FleetApp(fleet, 'api', { image: 'ghcr.io/acme/api:1.4.2', port: 8080, placement: Placement.all(), replicas: 3, autoscaling: { minReplicas: 3, maxReplicas: 6 } });
export default fleet;
`);
    for (const command of ['synth', 'list', 'diff']) {
      const r = await runCli([command, program, ...(command === 'list' ? [] : ['--out', join(temp.dir, 'never')])], { cwd: temp.dir });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe([
        'fleet is invalid (2 problems):',
        '  [acme/production/eu-west-9] region "eu-west-9" is not an AWS commercial region; did you mean "eu-west-1", "eu-west-2", "eu-west-3"?',
        '  [acme/api] sets both replicas (3) and autoscaling; autoscaling manages replicas, so remove one of them',
        '',
      ].join('\n'));
    }
    expect(existsSync(join(temp.dir, 'never'))).toBe(false);
  });

  it('prints an error the program throws with its stack, and exits 1', async () => {
    const program = write('throws.ts', `import { Fleet } from '${lib}';
function regions(): string[] {
  throw new Error('the regions file is missing');
}
export default function build(): Fleet {
  regions();
  return new Fleet('acme');
}
`);
    const r = await runCli(['list', program], { cwd: temp.dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error: throws.ts failed:\nError: the regions file is missing\n    at regions (');
    expect(r.stderr).toContain(`${program}:3:9`);
  });

  it('prints a syntax error with its place, and exits 1', async () => {
    const program = write('syntax.ts', 'export default const fleet = ;\n');
    const r = await runCli(['list', program], { cwd: temp.dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error: syntax.ts failed:');
    expect(r.stderr).toContain(`${program}:1:15`);
  });

  it('says what a program exports when it is no fleet', async () => {
    const program = write('no-fleet.js', 'exports.regions = ["eu-west-1"];\n');
    const r = await runCli(['list', program], { cwd: temp.dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('error: no-fleet.js exports no fleet: it exports regions. A fleet program\'s default export (or named export fleet) is a Fleet, '
      + 'or a function (sync or async) returning one: export default buildFleet;\n');
  });
});

describe('fleetform synth and diff', () => {
  const out = join(temp.dir, 'dist');
  const bigger = join(temp.dir, 'bigger.ts');
  writeFileSync(bigger, `import { buildAcmeFleet } from '${importPath(join(REPO, 'examples', 'acme', 'fleet'))}';
import { FleetApp, Placement } from '${importPath(join(REPO, 'lib'))}';
export default function build() {
  const fleet = buildAcmeFleet();
  new FleetApp(fleet, 'reviews', { image: 'ghcr.io/acme/reviews:0.9.0', port: 9000, placement: Placement.clusters('qa-eu-west-3'), replicas: 1 });
  return fleet;
}
`);

  it('synth writes the example and prints its summary', async () => {
    const r = await runCli(['synth', ACME_PROGRAM, '--out', 'dist', '--address-lock', 'read-only'], { cwd: temp.dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('synthesized 7 clusters, 221 objects into dist (55 files written, 0 unchanged, 0 removed)\n');
    expect(readFileSync(join(out, 'fleet.json'), 'utf8')).toBe(buildAcmeFleet({ supportDate: TEST_SUPPORT_DATE }).assemble().topologyJson);
  });

  it('diff finds nothing to change right after a synth, and exits 0', async () => {
    const r = await runCli(['diff', ACME_PROGRAM, '--out', 'dist'], { cwd: temp.dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('dist: no change; a synth would write nothing new\n');
  });

  it('diff names each object added, removed or changed per cluster, with a diff, and exits 1', async () => {
    // The output of a fleet with one more app, then an edit and a file fleetform did not write.
    const wrote = await runCli(['synth', bigger, '--out', 'dist', '--address-lock', 'read-only'], { cwd: temp.dir });
    expect(wrote.stdout).toBe('synthesized 7 clusters, 229 objects into dist (3 files written, 54 unchanged, 0 removed)\n');
    const api = join(out, 'production-us-east-1', '3000-app-api.k8s.yaml');
    writeFileSync(api, readFileSync(api, 'utf8').replace('value: info', 'value: warn'));
    writeFileSync(join(out, 'notes.txt'), 'mine\n');

    const r = await runCli(['diff', ACME_PROGRAM, '--out', 'dist'], { cwd: temp.dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatchSnapshot();
    expect(r.stdout).not.toContain('notes.txt');
    expect(r.stderr).toContain('note: a synth would refuse this folder as it is:');
  });

  it('synth --strict refuses a fleet with warnings; synth prints each warning with its rule', async () => {
    const day = '2027-07-01'; // within 60 days of the end of 1.36's standard support: a warning
    const [plain, strict] = await Promise.all([
      runCli(['list', ACME_PROGRAM, '--support-date', day]),
      runCli(['synth', ACME_PROGRAM, '--out', join(temp.dir, 'strict'), '--strict', '--support-date', day]),
    ]);
    expect(plain.status).toBe(0);
    expect(plain.stderr).toMatch(/^warning: \[acme[^\]]*\] .+ \(kubernetes-support\)$/m);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/^fleet is invalid \(\d+ problems?\):\n {2}\[acme/);
    expect(strict.stderr).toContain('refused by strict synth');
  });
});
