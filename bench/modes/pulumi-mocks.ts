/**
 * Bench mode: the Pulumi binding's registration under runtime mocks.
 * Args: N M [lockFile] [stack] [planFile]. `lockFile` holds the fleet's recorded address
 * blocks (JSON, cluster id → block), so the program does not plan them first;
 * `stack` is `all` (every cluster, the default) or `one` (only the first
 * cluster, `clusters: [id]`, as one stack of a fleet split per cluster);
 * `planFile`, a plan pulumi-record wrote, lists the modules to load before the clock starts.
 * Reports the time from constructing FleetDeployment to its last registered
 * resource, the time from building the fleet to it (the program's own work),
 * and the resource count.
 */
import * as pulumi from '@pulumi/pulumi';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { BENCH_DEPLOYMENT, installBenchMocks, preloadModules, untilQuiet } from './pulumi-bench-mocks';
import { report } from './report';

async function main(): Promise<void> {
  const [n, m, lockFile, stack = 'all', planFile] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4], process.argv[5], process.argv[6]];
  const mocks = await installBenchMocks(pulumi);
  const { buildBenchFleet } = await import('../fleets');
  const { AddressLock } = await import('../../lib');
  const { FleetDeployment } = await import('../../lib/pulumi');
  const blocks = lockFile && lockFile !== '-' ? JSON.parse(readFileSync(lockFile, 'utf8')) as Parameters<typeof AddressLock.of>[0] : buildBenchFleet(n, m).resolve().addressLock.next;
  preloadModules(planFile);
  const t0 = performance.now();
  const fleet = buildBenchFleet(n, m, undefined, AddressLock.of(blocks));
  const t1 = performance.now();
  const first = fleet.clusters.map((c) => c.clusterId).sort()[0];
  new FleetDeployment('bench', { fleet, ...BENCH_DEPLOYMENT, ...(stack === 'one' ? { clusters: [first] } : {}) });
  await untilQuiet(mocks);
  report({ registrationMs: Math.round(mocks.last - t1), programMs: Math.round(mocks.last - t0), resources: mocks.count });
}

void main();
