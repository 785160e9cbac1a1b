#!/usr/bin/env node
// Records the plan of another checkout's Pulumi program with THIS checkout's
// recorder (fleetform/pulumi/testing), installed on the other checkout's own
// @pulumi/pulumi, under fleetform's mocks and a fixed configuration: no Pulumi
// CLI and no cloud account. For maintainers, not CI: the upgrade test compares
// this checkout's plan with one recorded here from the previous release.
//
//   git archive 764bb32 | (mkdir -p /tmp/prev && tar -x -C /tmp/prev)    # or: git worktree add /tmp/prev 764bb32
//   (cd /tmp/prev && npm ci && npm run build)
//   npm run build
//   node scripts/record-plan.mjs --checkout /tmp/prev --source 764bb32 \
//     --out test/fixtures/releases/764bb32/acme.plan.json --copy-project test/fixtures/releases/764bb32/project
//
// Options:
//   --checkout <dir>       the other checkout, installed and built (default: this one)
//   --program <path>       its program, relative to the checkout (default: build/examples/acme/index.js)
//   --out <file>           where the plan goes (default: stdout)
//   --source <text>        what was recorded, kept in the plan (default: the checkout's git commit)
//   --stack <name>         the stack of every URN (default: dev); the project is the checkout's Pulumi.yaml name
//   --config <key>=<json>  stack configuration, repeatable (default: fleetform:publicAccessCidrs=["203.0.113.0/24"])
//   --inputs all|replacing keep every input, or the replacing ones and a digest of the rest (default: replacing)
//   --copy-project <dir>   also copy the checkout's user files (Pulumi.yaml and the program's folder, as
//                          TypeScript) there, with lib/ shims that re-export THIS checkout's library, so a
//                          test can run the same user code against this release
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_CONFIG = { 'fleetform:publicAccessCidrs': ['203.0.113.0/24'] };

function fail(message) {
  console.error(`record-plan: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { config: {} };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (!flag.startsWith('--') || value === undefined) fail(`expected --<option> <value>, got "${flag}"; see the options at the top of scripts/record-plan.mjs`);
    i++;
    if (flag === '--config') {
      const eq = value.indexOf('=');
      if (eq < 0) fail(`--config takes <key>=<json>, such as fleetform:clusters='["staging-eu-west-3"]'; got "${value}"`);
      const raw = value.slice(eq + 1);
      try {
        args.config[value.slice(0, eq)] = JSON.parse(raw);
      } catch {
        args.config[value.slice(0, eq)] = raw;
      }
    } else {
      args[flag.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = value;
    }
  }
  return args;
}

/** The project name in a checkout's Pulumi.yaml. */
function projectOf(checkout) {
  const file = join(checkout, 'Pulumi.yaml');
  if (!existsSync(file)) fail(`${checkout} has no Pulumi.yaml; give --checkout the root of a fleetform checkout`);
  const name = /^name:\s*(\S+)/m.exec(readFileSync(file, 'utf8'))?.[1];
  if (!name) fail(`${file} names no project (a line "name: <project>")`);
  return name;
}

function commitOf(checkout) {
  const r = spawnSync('git', ['-C', checkout, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Copies the user files of a checkout: Pulumi.yaml and the program's source folder, with lib/ shims. */
function copyProject(checkout, programSourceDir, target) {
  const source = join(checkout, programSourceDir);
  if (!existsSync(source)) fail(`${source} does not exist; --copy-project copies the program's TypeScript folder`);
  const dest = join(target, programSourceDir);
  mkdirSync(dest, { recursive: true });
  copyFileSync(join(checkout, 'Pulumi.yaml'), join(target, 'Pulumi.yaml'));
  const copied = [];
  for (const f of readdirSync(source)) {
    if (!/\.(ts|json)$/.test(f) || f.endsWith('.d.ts')) continue;
    copyFileSync(join(source, f), join(dest, f));
    copied.push(join(programSourceDir, f));
  }
  const shim = (dir, lib) => {
    mkdirSync(join(target, dir), { recursive: true });
    const path = relative(join(target, dir), join(repo, lib)).split('\\').join('/');
    writeFileSync(join(target, dir, 'index.ts'), `// The library under test: this checkout's ${lib}, where the copied program imports '../../${dir}'.\nexport * from '${path}';\n`);
  };
  shim('lib', 'lib');
  shim('lib/pulumi', 'lib/pulumi');
  return copied;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const checkout = resolve(args.checkout ?? repo);
  const program = join(checkout, args.program ?? 'build/examples/acme/index.js');
  if (!existsSync(program)) fail(`${program} does not exist; install and build that checkout first (cd ${checkout} && npm ci && npm run build)`);
  const recorderPath = join(repo, 'build', 'lib', 'pulumi', 'testing', 'index.js');
  if (!existsSync(recorderPath)) fail(`${recorderPath} does not exist; run npm run build in ${repo} first`);
  const inputs = args.inputs ?? 'replacing';
  if (!['all', 'replacing'].includes(inputs)) fail(`--inputs is all or replacing, not "${inputs}"`);

  const otherRequire = createRequire(join(checkout, 'package.json'));
  const pulumi = otherRequire('@pulumi/pulumi');
  const { recordPlan, compactPlan, formatPlan } = createRequire(import.meta.url)(recorderPath);
  const source = args.source ?? commitOf(checkout) ?? checkout;
  const config = Object.keys(args.config).length > 0 ? args.config : DEFAULT_CONFIG;
  const plan = await recordPlan({
    pulumi,
    project: projectOf(checkout),
    stack: args.stack ?? 'dev',
    config,
    source,
    // A program module may run at import, or export the function Pulumi runs (export = async () => ...).
    program: async () => {
      const loaded = otherRequire(program);
      const run = typeof loaded === 'function' ? loaded : typeof loaded?.default === 'function' ? loaded.default : undefined;
      if (run) await run();
    },
  });
  const text = formatPlan(compactPlan(plan, { inputs }));
  if (args.out) {
    mkdirSync(dirname(resolve(args.out)), { recursive: true });
    writeFileSync(args.out, text);
    console.error(`recorded ${plan.resources.length} resources of ${relative(checkout, program)} at ${source} into ${args.out} (${(text.length / 1024).toFixed(0)} KiB)`);
  } else {
    process.stdout.write(text);
  }
  if (args.copyProject) {
    const copied = copyProject(checkout, dirname(relative(join(checkout, 'build'), program)), resolve(args.copyProject));
    console.error(`copied Pulumi.yaml and ${copied.join(', ')} into ${args.copyProject}, with lib/ shims to this checkout`);
  }
}

main().catch((e) => fail(e instanceof Error ? e.stack ?? e.message : String(e)));
