/**
 * Bench helper: records, under fleetform's mocks, what FleetDeployment of the
 * N × M bench fleet registers, as the plain-program mode replays it.
 * Args: N M lockFile outFile [stack] (`stack` as in pulumi-mocks). Writes
 * `{ modules, resources }`: the @pulumi modules it loaded, and the resources.
 */
import * as pulumi from '@pulumi/pulumi';
import { readFileSync, writeFileSync } from 'node:fs';
import { BENCH_DEPLOYMENT } from './pulumi-bench-mocks';

async function main(): Promise<void> {
  const [n, m, lockFile, outFile, stack = 'all'] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4], process.argv[5], process.argv[6]];
  const { recordPlan } = await import('../../lib/pulumi/testing');
  const { buildBenchFleet } = await import('../fleets');
  const { AddressLock } = await import('../../lib');
  const fleet = buildBenchFleet(n, m, undefined, AddressLock.of(JSON.parse(readFileSync(lockFile, 'utf8')) as Parameters<typeof AddressLock.of>[0]));
  const plan = await recordPlan({
    pulumi, project: 'bench', stack: 'bench',
    program: async () => {
      const { FleetDeployment } = await import('../../lib/pulumi');
      const first = fleet.clusters.map((c) => c.clusterId).sort()[0];
      new FleetDeployment('bench', { fleet, ...BENCH_DEPLOYMENT, ...(stack === 'one' ? { clusters: [first] } : {}) });
    },
  });
  // The provider SDK's modules the deployment loaded (@pulumi/aws loads each service's module on first use):
  // every timed mode loads them before its clock starts, so no mode's time includes module loading.
  const modules = Object.keys(require.cache).filter((f) => f.includes('/node_modules/@pulumi/'));
  writeFileSync(outFile, JSON.stringify({
    modules,
    resources: plan.resources.filter((r) => !r.read).map((r) => ({
      urn: r.urn, type: r.type, name: r.name, custom: r.custom, parent: r.parent, provider: r.provider, inputs: r.inputs, dependencies: r.dependencies ?? [],
    })),
  }));
  process.stdout.write(`${JSON.stringify({ resources: plan.resources.length })}\n`);
}

void main();
