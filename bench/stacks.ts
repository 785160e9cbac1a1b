/**
 * The Pulumi stacks section of the benchmark, under mocks: the cost of one
 * cluster's stack (`clusters: [one id]`) taken from a small and from a large
 * fleet, and the one-program path (FleetDeployment of the whole fleet) against
 * a plain Pulumi program registering the very same resources. Modes run in
 * their own processes, interleaved round by round; medians compared.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBenchFleet } from './fleets';
import { median, Run, runNode } from './measure';

/** What the section measures; sizes are clusters × apps. */
export interface StackBenchOptions {
  readonly modesDir: string;
  readonly work: string;
  readonly rounds: number;
  /** The fleets one cluster's stack is taken from: the small one first. */
  readonly oneClusterSizes: readonly [number, number][];
  /** The fleets deployed whole, against the plain program. */
  readonly programSizes: readonly [number, number][];
  readonly nodeOptions: readonly string[];
  readonly log: (line: string) => void;
}

interface Measured {
  readonly n: number;
  readonly m: number;
  readonly runs: Run[];
}

interface Compared {
  readonly n: number;
  readonly m: number;
  readonly fleetform: Run[];
  readonly plain: Run[];
}

/** The measured figures of the section. */
export interface StackBenchResult {
  readonly oneCluster: readonly Measured[];
  readonly program: readonly Compared[];
}

const field = (runs: readonly Run[], f: (r: Record<string, any>) => number) => median(runs.map((r) => f(r.result!)));
const programMs = (runs: readonly Run[]) => field(runs, (r) => r.programMs);
const rssMb = (runs: readonly Run[]) => field(runs, (r) => r.maxRssKiB) / 1024;
const wallMs = (runs: readonly Run[]) => median(runs.map((r) => r.wallMs));

/** Writes the recorded address blocks of the n × m bench fleet, so no mode plans them first. */
function lockFile(work: string, n: number, m: number): string {
  const file = join(work, `lock-${n}x${m}.json`);
  writeFileSync(file, JSON.stringify(buildBenchFleet(n, m).resolve().addressLock.next));
  return file;
}

export function benchStacks(o: StackBenchOptions): StackBenchResult {
  const mocks = join(o.modesDir, 'pulumi-mocks.js');
  const locks = new Map([...o.oneClusterSizes, ...o.programSizes].map(([n, m]) => [`${n}x${m}`, lockFile(o.work, n, m)]));
  const oneCluster: Measured[] = o.oneClusterSizes.map(([n, m]) => ({ n, m, runs: [] }));
  const program: Compared[] = o.programSizes.map(([n, m]) => ({ n, m, fleetform: [], plain: [] }));
  const plans = new Map(o.programSizes.map(([n, m]) => {
    const file = join(o.work, `plan-${n}x${m}.json`);
    const r = spawnSync(process.execPath, [...o.nodeOptions, join(o.modesDir, 'pulumi-record.js'), String(n), String(m), locks.get(`${n}x${m}`)!, file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`recording the plan of ${n} × ${m} failed: ${r.stderr}`);
    return [`${n}x${m}`, file];
  }));
  // Every timed run loads the same provider modules before its clock starts: those of the first whole fleet.
  const modules = plans.values().next().value ?? '-';
  for (let round = 0; round < o.rounds; round++) {
    // Alternate the order each round, so neither size nor mode always runs first.
    const sizes = round % 2 === 0 ? oneCluster : [...oneCluster].reverse();
    for (const s of sizes) {
      const run = runNode(mocks, [String(s.n), String(s.m), locks.get(`${s.n}x${s.m}`)!, 'one', modules], o.nodeOptions);
      s.runs.push(run);
      o.log(`  one-cluster stack of ${s.n} × ${s.m}, round ${round + 1}/${o.rounds}: ${run.result!.programMs} ms, ${(run.result!.maxRssKiB / 1024).toFixed(0)} MB, ${run.result!.resources} resources`);
    }
    for (const p of program) {
      const modes = [
        () => p.fleetform.push(runNode(mocks, [String(p.n), String(p.m), locks.get(`${p.n}x${p.m}`)!, 'all', plans.get(`${p.n}x${p.m}`)!], o.nodeOptions)),
        () => p.plain.push(runNode(join(o.modesDir, 'pulumi-plain.js'), [plans.get(`${p.n}x${p.m}`)!], o.nodeOptions)),
      ];
      for (const run of round % 2 === 0 ? modes : [...modes].reverse()) run();
      o.log(`  whole ${p.n} × ${p.m} fleet, round ${round + 1}/${o.rounds}: FleetDeployment ${p.fleetform[round].result!.programMs} ms (${p.fleetform[round].result!.resources} resources), plain program ${p.plain[round].result!.programMs} ms (${p.plain[round].result!.resources})`);
    }
  }
  return { oneCluster, program };
}

const secs = (ms: number) => (ms / 1000).toFixed(ms < 1000 ? 3 : 2);

/** The section's Markdown: tables, then its floor lines (`check(ok, text)`). */
export function stackBenchLines(r: StackBenchResult, rounds: number, check: (ok: boolean | undefined, text: string) => string): string[] {
  const lines: string[] = [];
  lines.push('## Pulumi stacks under mocks', '');
  lines.push(`Each mode in its own process, ${rounds} rounds interleaved, medians. "Program" is the time from building the fleet's constructs to the last resource registered (fleetform's mocks answer every call; no plan is recorded), with the provider SDK's modules the deployment uses loaded before the clock starts (@pulumi/aws loads each service's module on first use, which a plain program pays too); "wall" adds process start-up and all module loading; peak RSS is the process's.`, '');
  lines.push('**One cluster\'s stack** (`new FleetDeployment(name, { fleet, clusters: [one id] })`), taken from fleets of different sizes:', '');
  const spread = (runs: readonly Run[]) => {
    const xs = runs.map((x) => x.result!.programMs as number);
    return `${secs(Math.min(...xs))}–${secs(Math.max(...xs))} s`;
  };
  lines.push('| fleet, clusters × apps | resources registered | program | min–max | wall | peak RSS |', '| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const s of r.oneCluster) lines.push(`| ${s.n} × ${s.m} | ${s.runs[0].result!.resources} | ${secs(programMs(s.runs))} s | ${spread(s.runs)} | ${secs(wallMs(s.runs))} s | ${rssMb(s.runs).toFixed(0)} MB |`);
  const [small, large] = [r.oneCluster[0], r.oneCluster[r.oneCluster.length - 1]];
  const timeRatio = small && large ? programMs(large.runs) / programMs(small.runs) : undefined;
  const wallRatio = small && large ? wallMs(large.runs) / wallMs(small.runs) : undefined;
  const memRatio = small && large ? rssMb(large.runs) / rssMb(small.runs) : undefined;
  if (timeRatio !== undefined) {
    lines.push('', `${large.n}-cluster fleet / ${small.n}-cluster fleet: program time **${timeRatio.toFixed(2)}×**, wall ${wallRatio!.toFixed(2)}×, peak RSS **${memRatio!.toFixed(2)}×**.`);
  }
  lines.push('', '**The one-program path against a plain Pulumi program**: FleetDeployment of the whole fleet, and a program that constructs the very resources it registers (same types, names, parents, providers, dependencies and input values, recorded by `bench/modes/pulumi-record.ts`) directly as `CustomResource`s, `ProviderResource`s and `ComponentResource`s, with no model, synthesis or ConfigGroup:', '');
  lines.push('| fleet, clusters × apps | resources | FleetDeployment program (min–max) | plain program (min–max) | ratio | FleetDeployment RSS | plain RSS | ratio |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const p of r.program) {
    lines.push(`| ${p.n} × ${p.m} | ${p.fleetform[0].result!.resources} | ${secs(programMs(p.fleetform))} s (${spread(p.fleetform)}) | ${secs(programMs(p.plain))} s (${spread(p.plain)}) | ${(programMs(p.fleetform) / programMs(p.plain)).toFixed(2)} | ${rssMb(p.fleetform).toFixed(0)} MB | ${rssMb(p.plain).toFixed(0)} MB | ${(rssMb(p.fleetform) / rssMb(p.plain)).toFixed(2)} |`);
  }
  lines.push('', 'What the plain program does not do, so its time is a lower bound for a hand-written one: it passes recorded values, not the Outputs that flow between resources in FleetDeployment (VPC id into subnets, kubeconfig into the Kubernetes provider, ...), and it registers each manifest object once where `k8s.yaml.ConfigGroup` first takes every object of a chart as the component\'s inputs (serialized and echoed by the mocks) and then registers it as a child. The gap besides that is the fleet model and synthesis in the same process, and the Outputs FleetDeployment keeps for its stack outputs.');
  lines.push('', '### Floors of the Pulumi stacks', '');
  lines.push(check(timeRatio === undefined || memRatio === undefined ? undefined : timeRatio <= 1.2 && memRatio <= 1.2,
    `one cluster's stack from the ${large?.n}-cluster fleet within 1.2× the time and memory of one from the ${small?.n}-cluster fleet (time ${timeRatio?.toFixed(2)}×, memory ${memRatio?.toFixed(2)}×)`));
  for (const p of r.program) {
    const ratio = programMs(p.fleetform) / programMs(p.plain);
    lines.push(check(ratio <= 1.1, `${p.n} × ${p.m}: the one-program path within 1.1× the time of a plain Pulumi program registering the same resources (${ratio.toFixed(2)}×)`));
  }
  lines.push('');
  return lines;
}
