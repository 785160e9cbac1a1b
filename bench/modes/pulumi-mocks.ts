/**
 * Bench mode: the Pulumi binding's registration time under runtime mocks.
 * Args: N M. Reports the time from constructing FleetDeployment to its last
 * registered resource, and the resource count.
 */
import * as pulumi from '@pulumi/pulumi';
import { performance } from 'node:perf_hooks';
import { report } from './report';

async function main(): Promise<void> {
  const [n, m] = [Number(process.argv[2]), Number(process.argv[3])];
  let count = 0;
  let last = 0;
  await pulumi.runtime.setMocks({
    newResource(args) {
      count++;
      last = performance.now();
      const state: Record<string, unknown> = { ...args.inputs };
      if (args.type === 'aws:eks/cluster:Cluster') Object.assign(state, { endpoint: 'https://mock', certificateAuthority: { data: 'Q0E=' } });
      return { id: `${args.name}-id`, state };
    },
    call(args) {
      return args.token === 'aws:index/getAvailabilityZones:getAvailabilityZones' ? { names: ['za', 'zb', 'zc'] } : args.inputs;
    },
  }, 'bench', 'bench', false);
  const { buildBenchFleet } = await import('../fleets');
  const { AddressLock } = await import('../../lib');
  const { FleetDeployment } = await import('../../lib/pulumi');
  const draft = buildBenchFleet(n, m);
  const lock = AddressLock.of(draft.resolve().addressLock.next);
  const fleet = buildBenchFleet(n, m, undefined, lock);
  const t0 = performance.now();
  new FleetDeployment('bench', { fleet });
  let seen = -1;
  while (seen !== count) {
    seen = count;
    await new Promise((r) => setTimeout(r, 200));
  }
  report({ registrationMs: Math.round(last - t0), resources: count });
}

void main();
