/** Timing and peak memory of child processes. */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** GNU time, when installed, gives the peak RSS of processes that do not report it themselves. */
export const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

export interface Run {
  readonly wallMs: number;
  /**
   * CPU time (user and system) of the process, when GNU time is installed: on a
   * machine other work also loads, it moves far less than the wall time.
   */
  readonly cpuMs?: number;
  /** Peak RSS in KiB, or undefined when it could not be measured. */
  readonly maxRssKiB?: number;
  /** The JSON line a bench mode printed, if any. */
  readonly result?: Record<string, any>;
}

/** Runs a node bench mode; the mode reports its own peak RSS. */
export function runNode(script: string, args: readonly string[], nodeOptions: readonly string[] = []): Run {
  const argv = [process.execPath, ...nodeOptions, script, ...args];
  const command = GNU_TIME ? [GNU_TIME, '-f', 'FLEETFORM-BENCH-CPU %U %S', ...argv] : argv;
  const t0 = performance.now();
  const r = spawnSync(command[0], command.slice(1), { encoding: 'utf8', maxBuffer: 256 << 20 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop() ?? '{}';
  const result = JSON.parse(line) as Record<string, any>;
  const cpu = /FLEETFORM-BENCH-CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  return { wallMs, ...(cpu ? { cpuMs: (Number(cpu[1]) + Number(cpu[2])) * 1000 } : {}), maxRssKiB: result.maxRssKiB, result };
}

/** Runs a command once per item, one after another (a shell loop); wall time of the whole loop, peak RSS of the largest run. */
export function runLoop(items: readonly string[], command: (item: string) => { cmd: string; args: string[]; stdoutFile: string }): Run {
  let maxRssKiB: number | undefined;
  const t0 = performance.now();
  for (const item of items) {
    const { cmd, args, stdoutFile } = command(item);
    const argv = GNU_TIME ? [GNU_TIME, '-f', 'FLEETFORM-BENCH-RSS %M', cmd, ...args] : [cmd, ...args];
    const fd = openSync(stdoutFile, 'w');
    const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
    closeSync(fd);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    const m = /FLEETFORM-BENCH-RSS (\d+)/.exec(r.stderr ?? '');
    if (m) maxRssKiB = Math.max(maxRssKiB ?? 0, Number(m[1]));
  }
  return { wallMs: performance.now() - t0, maxRssKiB };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
