#!/usr/bin/env node
// The package as a user gets it: `npm pack` (which builds through `prepare`),
// install the tarball into a fresh project in a temp folder and use it there.
//
//  (a) without any @pulumi/* package: synthesize a small fleet through
//      require('fleetform') and through import, check no @pulumi module was
//      loaded, validate the output with fleetform/testing, type-check a user
//      program under moduleResolution node10, node16, nodenext and bundler,
//      check that fleetform/pulumi fails with the install command, and that
//      fleetform/pulumi/testing diffs plans but asks for @pulumi/pulumi to mock;
//      and the fleetform command: npx fleetform --help, list of a TypeScript
//      fleet program found as fleet.ts, and plan naming the install command;
//  (b) with the three Pulumi peers installed: fleetform/pulumi loads and
//      exports FleetDeployment, for require and import callers,
//      fleetform/pulumi/testing records the plan of a FleetDeployment, and
//      npx fleetform plan records and writes it.
//
// Usage: node scripts/pack-check.mjs [--keep]   (--keep leaves the temp folder)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const PEERS = ['@pulumi/pulumi', '@pulumi/aws', '@pulumi/kubernetes'];
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const INSTALL_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund'];

let failures = 0;
let passes = 0;

/** Records one check. */
function check(ok, what, detail = '') {
  if (ok) {
    passes++;
    console.log(`  ok    ${what}`);
  } else {
    failures++;
    console.log(`  FAIL  ${what}${detail ? `\n        ${detail.split('\n').join('\n        ')}` : ''}`);
  }
}

/** Runs a command, returning status and output; never throws. */
function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** Runs a command that must succeed; stops the check with its output when it does not. */
function must(cmd, args, cwd) {
  const r = run(cmd, args, cwd);
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} (in ${cwd}) exited with ${r.status}:\n${r.output}`);
    throw new Error(`pack check stopped: ${cmd} ${args[0]} failed`);
  }
  return r;
}

/** Apparent size of all files below `dir` (bytes). */
function bytesBelow(dir) {
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) bytes += bytesBelow(p);
    else if (e.isFile()) bytes += statSync(p).size;
  }
  return bytes;
}

/** The package folders (with a package.json) in a node_modules tree, nested node_modules included. */
function packagesBelow(nodeModules) {
  let count = 0;
  for (const e of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const dirs = e.name.startsWith('@') ? readdirSync(join(nodeModules, e.name)).map((n) => join(nodeModules, e.name, n)) : [join(nodeModules, e.name)];
    for (const d of dirs) {
      if (existsSync(join(d, 'package.json'))) count++;
      if (existsSync(join(d, 'node_modules'))) count += packagesBelow(join(d, 'node_modules'));
    }
  }
  return count;
}

function writeProgramFiles(app) {
  const fleetProgram = (imports) => `${imports}
const outdir = process.argv[2];
const fleet = new Fleet('shop', {});
new EnvironmentFleet(fleet, 'prod', { regions: ['us-east-1', 'eu-west-1'] });
new FleetApp(fleet, 'web', { image: 'nginx:1.25', port: 8080, placement: Placement.all() });
const assembly = fleet.synth({ outdir });
const objects = assembly.clusters.flatMap((c) => c.files.flatMap((f) => f.objects));
const pulumi = Object.keys(require.cache).filter((f) => /[\\\\/]node_modules[\\\\/]@pulumi[\\\\/]/.test(f));
const cdk8s = Object.keys(require.cache).filter((f) => /[\\\\/]node_modules[\\\\/]cdk8s[\\\\/]/.test(f));
console.log(JSON.stringify({ clusters: assembly.clusters.map((c) => c.clusterId), objects: objects.length, errors: validateManifests(objects), pulumi, cdk8s: cdk8s.length }));
`;
  writeFileSync(join(app, 'fleet.cjs'), fleetProgram(`const { EnvironmentFleet, Fleet, FleetApp, Placement } = require('fleetform');
const { validateManifests } = require('fleetform/testing');`));
  writeFileSync(join(app, 'fleet.mjs'), fleetProgram(`import { createRequire } from 'node:module';
import { EnvironmentFleet, Fleet, FleetApp, Placement } from 'fleetform';
import { validateManifests } from 'fleetform/testing';
const require = createRequire(import.meta.url);`));

  // The user program type-checked under each module resolution: ES imports
  // (.ts, and .mts for node16/nodenext) and require (.cts).
  const typed = `import { EnvironmentFleet, Fleet, FleetApp, Placement } from 'fleetform';
import type { FleetAssembly } from 'fleetform';
import type { FleetDeployment } from 'fleetform/pulumi';
import { diffPlans, PLAN_FORMAT } from 'fleetform/pulumi/testing';
import type { PlanDiff, RecordedPlan } from 'fleetform/pulumi/testing';
import { validateManifests, validateK8sObject } from 'fleetform/testing';

export function build(): FleetAssembly {
  const fleet = new Fleet('shop', {});
  new EnvironmentFleet(fleet, 'prod', { regions: ['us-east-1'] });
  new FleetApp(fleet, 'web', { image: 'nginx:1.25', port: 8080, placement: Placement.all() });
  return fleet.assemble();
}
export const errors: string[] = validateManifests(build().clusters.flatMap((c) => c.files.flatMap((f) => f.objects)));
export const one: string[] = validateK8sObject({ apiVersion: 'v1', kind: 'Namespace' });
export type Deployment = FleetDeployment;
const empty: RecordedPlan = { format: PLAN_FORMAT, project: 'p', stack: 's', resources: [] };
export const nothing: PlanDiff = diffPlans(empty, empty);
// @ts-expect-error: a wrong argument type is caught, so the types really resolved
export const wrong: string[] = validateManifests(42);
`;
  const required = `import fleetform = require('fleetform');
import testing = require('fleetform/testing');
import type pulumi = require('fleetform/pulumi');
import plans = require('fleetform/pulumi/testing');

export const fleet: fleetform.Fleet = new fleetform.Fleet('shop', {});
export const errors: string[] = testing.validateManifests([]);
export type Deployment = pulumi.FleetDeployment;
export const format: number = plans.PLAN_FORMAT;
// @ts-expect-error: a wrong argument type is caught, so the types really resolved
export const wrong: string[] = testing.validateManifests(42);
`;
  mkdirSync(join(app, 'src'), { recursive: true });
  writeFileSync(join(app, 'src', 'user-import.ts'), typed);
  writeFileSync(join(app, 'src', 'user-import.mts'), typed);
  writeFileSync(join(app, 'src', 'user-require.cts'), required);
}

/** tsconfig per moduleResolution: the module setting that goes with it, and the files it checks. */
const TS_MODES = {
  node10: { module: 'commonjs', files: ['src/user-import.ts', 'src/user-require.cts'] },
  node16: { module: 'node16', files: ['src/user-import.mts', 'src/user-require.cts'] },
  nodenext: { module: 'nodenext', files: ['src/user-import.mts', 'src/user-require.cts'] },
  bundler: { module: 'preserve', files: ['src/user-import.ts', 'src/user-require.cts'] },
};

function typeCheck(app, label) {
  const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const [resolution, { module, files }] of Object.entries(TS_MODES)) {
    const config = `tsconfig.${resolution}.json`;
    writeFileSync(join(app, config), JSON.stringify({
      compilerOptions: { target: 'es2022', module, moduleResolution: resolution, strict: true, noEmit: true, skipLibCheck: true, types: [] },
      files,
    }, null, 2));
    const r = run(process.execPath, [tsc, '-p', config], app);
    check(r.status === 0, `tsc, moduleResolution ${resolution} (module ${module}), ${label}: ${files.join(', ')}`, r.output.trim());
  }
}

function synthesizeBothWays(app, scratch) {
  for (const file of ['fleet.cjs', 'fleet.mjs']) {
    const outdir = join(scratch, `out-${file.replace('.', '-')}`);
    const r = run(process.execPath, [file, outdir], app);
    let result;
    try {
      result = JSON.parse(r.stdout.trim().split('\n').pop());
    } catch {
      check(false, `${file}: synthesizes a small fleet`, r.output.trim());
      continue;
    }
    const written = result.clusters.every((id) => readdirSync(join(outdir, id)).some((f) => f.endsWith('.k8s.yaml')));
    check(r.status === 0 && result.clusters.length === 2 && written && existsSync(join(outdir, 'fleet.json')),
      `${file}: synthesizes ${result.clusters.join(', ')} (${result.objects} objects) to ${outdir}`, r.output.trim());
    check(result.errors.length === 0 && result.objects > 0, `${file}: fleetform/testing finds every object valid`, result.errors.join('\n'));
    check(result.cdk8s > 0 && result.pulumi.length === 0, `${file}: loaded cdk8s and no @pulumi module`, result.pulumi.join('\n'));
  }
}

/** The fleetform command as an installed package's bin, without the Pulumi peers. */
function commandLineWithoutPeers(app) {
  const help = run(NPX, ['fleetform', '--help'], app);
  check(help.status === 0 && help.stdout.includes('Usage: fleetform') && help.stdout.includes('synth [options] [program]'), 'npx fleetform --help', help.output.trim());
  // A TypeScript fleet program, found as fleet.ts in the working folder.
  writeFileSync(join(app, 'fleet.ts'), `import { AddressLock, EnvironmentFleet, Fleet, FleetApp, Placement } from 'fleetform';
export default async function build(): Promise<Fleet> {
  const fleet = new Fleet('shop', { addressLock: AddressLock.file('fleetform.lock.json') });
  new EnvironmentFleet(fleet, 'prod', { regions: ['us-east-1', 'eu-west-1'] });
  new FleetApp(fleet, 'web', { image: 'nginx:1.25', port: 8080, placement: Placement.all() });
  return fleet;
}
`);
  const list = run(NPX, ['fleetform', 'list'], app);
  check(list.status === 0 && list.stdout.startsWith('fleet shop: 2 clusters, 1 app') && list.stdout.includes('prod-eu-west-1'),
    'npx fleetform list: lists the clusters of fleet.ts (TypeScript, loaded without a build; no @pulumi installed)', list.output.trim());
  const synth = run(NPX, ['fleetform', 'synth', '--out', 'cli-dist'], app);
  check(synth.status === 0 && synth.stdout.startsWith('synthesized 2 clusters') && existsSync(join(app, 'cli-dist', 'fleet.json')) && existsSync(join(app, 'fleetform.lock.json')),
    'npx fleetform synth: writes the output and the address lock', synth.output.trim());
  const diff = run(NPX, ['fleetform', 'diff', '--out', 'cli-dist'], app);
  check(diff.status === 0 && diff.stdout.includes('no change'), 'npx fleetform diff right after the synth: no change, exit 0', diff.output.trim());
  const plan = run(NPX, ['fleetform', 'plan'], app);
  check(plan.status === 1 && plan.stderr.includes('npm install @pulumi/pulumi @pulumi/aws @pulumi/kubernetes'),
    'npx fleetform plan without the peers exits 1 with the install command', plan.output.trim());
}

function main() {
  const scratch = mkdtempSync(join(tmpdir(), 'fleetform-pack-check-'));
  console.log(`pack check in ${scratch}`);
  try {
    // Pack: `prepare` builds first.
    const started = process.hrtime.bigint();
    const packed = JSON.parse(must(NPM, ['pack', '--json', '--pack-destination', scratch], repo).stdout.replace(/^[^[]*/, ''))[0];
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const paths = packed.files.map((f) => f.path);
    console.log(`packed ${packed.filename}: ${paths.length} files, ${(packed.size / 1e6).toFixed(2)} MB (${(packed.unpackedSize / 1e6).toFixed(2)} MB unpacked), build and pack ${seconds.toFixed(1)} s`);
    const needed = ['package.json', 'README.md', 'LICENSE', 'bin/fleetform.js', 'build/lib/cli/main.js', 'build/lib/index.js', 'build/lib/index.d.ts', 'build/lib/pulumi/index.js',
      'build/lib/pulumi/index.d.ts', 'build/lib/pulumi/peers.js', 'build/lib/pulumi/testing/index.js', 'build/lib/pulumi/testing/index.d.ts',
      'build/lib/testing/index.js', 'build/lib/testing/index.d.ts',
      'schema/fleet.schema.json', 'schema/kubernetes/v1.28.0/_definitions.json', 'schema/kubernetes/LICENSE', 'schema/kubernetes/NOTICE'];
    const absent = needed.filter((p) => !paths.includes(p));
    check(absent.length === 0, 'the tarball holds the built lib, its types, the schemas, README and licence notices', `missing: ${absent.join(', ')}`);
    const stray = paths.filter((p) => /^(test|examples|bench|scripts|build\/examples|build\/bench|node_modules)\//.test(p));
    check(stray.length === 0, 'the tarball holds no tests, examples, benchmarks or scripts', stray.join('\n'));

    // (a) A user who only synthesizes manifests.
    const app = join(scratch, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'fleetform-pack-check-app', version: '0.0.0', private: true }, null, 2));
    must(NPM, ['install', ...INSTALL_FLAGS, join(scratch, packed.filename)], app);
    const nodeModules = join(app, 'node_modules');
    console.log(`installed without peers: ${packagesBelow(nodeModules)} packages, ${(bytesBelow(nodeModules) / 1e6).toFixed(1)} MB of files in node_modules`);
    check(PEERS.every((p) => !existsSync(join(app, 'node_modules', p))), 'no @pulumi package is installed with fleetform');

    writeProgramFiles(app);
    synthesizeBothWays(app, scratch);
    typeCheck(app, 'without @pulumi installed');
    commandLineWithoutPeers(app);

    for (const [how, code] of [['require', "require('fleetform/pulumi')"], ['import', "import('fleetform/pulumi').catch((e) => { console.error(e.message); process.exit(1); })"]]) {
      const r = run(process.execPath, ['-e', code], app);
      const clear = r.status !== 0 && r.stderr.includes('fleetform/pulumi needs @pulumi/pulumi, @pulumi/aws, @pulumi/kubernetes')
        && r.stderr.includes('npm install @pulumi/pulumi @pulumi/aws @pulumi/kubernetes');
      check(clear, `${how} of fleetform/pulumi without the peers fails, naming them and the install command`, r.output.trim());
    }

    const plansWithout = run(process.execPath, ['-e', `
const t = require('fleetform/pulumi/testing');
const p = { format: t.PLAN_FORMAT, project: 'p', stack: 's', resources: [] };
if (t.diffPlans(p, p).changes.length !== 0) process.exit(2);
t.mockCloud().then(() => process.exit(3), (e) => { console.error(e.message); process.exit(1); });`], app);
    check(plansWithout.status === 1 && plansWithout.stderr.includes('mockCloud needs @pulumi/pulumi') && plansWithout.stderr.includes('npm install @pulumi/pulumi'),
      'without the peers, fleetform/pulumi/testing diffs plans, and mockCloud() names @pulumi/pulumi and the install command', plansWithout.output.trim());

    // (b) The Pulumi binding: the peers at the versions this repository tests with.
    const peerSpecs = PEERS.map((p) => `${p}@${JSON.parse(readFileSync(join(repo, 'node_modules', p, 'package.json'), 'utf8')).version}`);
    must(NPM, ['install', ...INSTALL_FLAGS, ...peerSpecs], app);
    const loads = run(process.execPath, ['-e', "const p = require('fleetform/pulumi'); if (typeof p.FleetDeployment !== 'function') process.exit(2);"], app);
    check(loads.status === 0, `with ${peerSpecs.join(' ')}: require('fleetform/pulumi') exports FleetDeployment`, loads.output.trim());
    const imports = run(process.execPath, ['--input-type=module', '-e', "import { FleetDeployment } from 'fleetform/pulumi'; if (typeof FleetDeployment !== 'function') process.exit(2);"], app);
    check(imports.status === 0, 'with the peers: import { FleetDeployment } from fleetform/pulumi works', imports.output.trim());
    const recorded = run(process.execPath, ['-e', `
const { recordPlan } = require('fleetform/pulumi/testing');
const { AddressLock, EnvironmentFleet, Fleet } = require('fleetform');
const build = (addressLock) => { const f = new Fleet('shop', { addressLock }); new EnvironmentFleet(f, 'prod', { regions: ['eu-west-1'] }); return f; };
recordPlan({ program: () => {
  const { FleetDeployment } = require('fleetform/pulumi');
  new FleetDeployment('shop', { fleet: build(AddressLock.of(build(AddressLock.none()).resolve().addressLock.next)), applyManifests: false });
} }).then((plan) => {
  const clusters = plan.resources.filter((r) => r.type === 'aws:eks/cluster:Cluster').map((r) => r.inputs.name);
  console.log(JSON.stringify({ resources: plan.resources.length, clusters }));
}, (e) => { console.error(e.stack); process.exit(1); });`], app);
    let plan;
    try {
      plan = JSON.parse(recorded.stdout.trim().split('\n').pop());
    } catch {
      plan = undefined;
    }
    check(recorded.status === 0 && plan?.clusters.join() === 'shop-prod-eu-west-1',
      `with the peers: fleetform/pulumi/testing records the plan of a FleetDeployment (${plan?.resources ?? 0} resources)`, recorded.output.trim());
    // fleetform's declarations and the user's own @pulumi/pulumi are one and the same types.
    writeFileSync(join(app, 'src', 'user-pulumi.mts'), `import * as pulumi from '@pulumi/pulumi';
import type { FleetDeployment } from 'fleetform/pulumi';
export function urnOf(deployment: FleetDeployment): pulumi.Output<string> {
  return deployment.urn;
}
`);
    writeFileSync(join(app, 'tsconfig.peers.json'), JSON.stringify({
      compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
      files: ['src/user-pulumi.mts'],
    }, null, 2));
    const typed = run(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.peers.json'], app);
    check(typed.status === 0, 'with the peers: tsc (nodenext) accepts FleetDeployment as a @pulumi/pulumi resource', typed.output.trim());
    const planned = run(NPX, ['fleetform', 'plan', '--no-apply-manifests', '--out', 'plans/shop.plan.json'], app);
    check(planned.status === 0 && planned.stdout.includes('plan of shop/dev:') && existsSync(join(app, 'plans', 'shop.plan.json')),
      'with the peers: npx fleetform plan records the plan of the fleet program and writes it', planned.output.trim());
  } finally {
    if (keep) console.log(`kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`\npack-check: ${passes} passed, ${failures} failed`);
  if (failures > 0) process.exit(1);
}

try {
  main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  console.log(`\npack-check: ${passes} passed, ${failures + 1} failed`);
  process.exit(1);
}
