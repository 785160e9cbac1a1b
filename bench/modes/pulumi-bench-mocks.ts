/**
 * The runtime mocks every Pulumi bench mode installs: fleetform's answers
 * (`mock-answers`: each resource's state, each call's result), without the
 * plan recorder, so that what is measured is the program's own work; the
 * count and time of the last registration are kept.
 */
import type * as PulumiSdk from '@pulumi/pulumi';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { mockCall, mockId, mockState } from '../../lib/pulumi/testing/mock-answers';

const IDENTITY = { accountId: '111122223333', deployerRoleArn: 'arn:aws:iam::111122223333:role/bench' };

/** The deployment's options in every Pulumi bench mode: the bench fleet's endpoints are private, its clusters have no bootstrap admin. */
export const BENCH_DEPLOYMENT = { privateEndpointsReachable: true, deployer: IDENTITY.deployerRoleArn } as const;

/** What the mocks saw. */
export interface BenchMocks {
  count: number;
  /** performance.now() of the last registration. */
  last: number;
}

export async function installBenchMocks(pulumi: typeof PulumiSdk): Promise<BenchMocks> {
  const seen: BenchMocks = { count: 0, last: 0 };
  await pulumi.runtime.setMocks({
    newResource(args) {
      seen.count++;
      seen.last = performance.now();
      if (args.type === 'pulumi:pulumi:StackReference') return { id: mockId(args.name), state: { name: args.inputs.name, outputs: {}, secretOutputNames: [] } };
      return { id: mockId(args.name), state: mockState(args.type, args.name, args.inputs) };
    },
    call(args) {
      return mockCall(args.token, args.inputs, undefined, IDENTITY) ?? args.inputs;
    },
  }, 'bench', 'bench', false);
  return seen;
}

/** Resolves once no resource has been registered for 200 ms. */
export async function untilQuiet(seen: BenchMocks): Promise<void> {
  let count = -1;
  while (count !== seen.count) {
    count = seen.count;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Loads the modules a recorded plan lists (see pulumi-record), so that the timed part loads none. */
export function preloadModules(planFile: string | undefined): void {
  if (planFile === undefined || planFile === '-') return;
  const { modules } = JSON.parse(readFileSync(planFile, 'utf8')) as { modules: string[] };
  const load = createRequire(__filename);
  for (const m of modules) load(m);
}
