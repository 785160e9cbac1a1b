/** The binding's tests use fleetform's own runtime mocks (`fleetform/pulumi/testing`). */
import * as pulumi from '@pulumi/pulumi';
import { beforeAll } from 'vitest';
import { MockCloud, mockCloud, PlannedResource } from '../../lib/pulumi/testing';

export { ALB_ZONE_IDS, eksDefaultAddonVersion } from '../../lib/pulumi/testing';

/** The resource options the engine acts on, as the guard tests read them. */
export interface RecordedOptions {
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly ignoreChanges: readonly string[];
}

/** One resource registered under the mocks. */
export type Recorded = Omit<PlannedResource, 'inputs'> & {
  readonly inputs: Record<string, any>;
  readonly dependencies: readonly string[];
  readonly options: RecordedOptions;
};

/** The stack the mocks run the program in. */
export const MOCK_STACK = { organization: 'organization', project: 'fleet', stack: 'test' } as const;

/** Who the mocked STS answers as the caller: a session of a role that has a path. */
export const MOCK_CALLER = { session: 'arn:aws:sts::111122223333:assumed-role/deployer/pulumi', role: 'arn:aws:iam::111122223333:role/ci/deployer' } as const;

const clouds = new WeakMap<readonly Recorded[], MockCloud>();
let current: MockCloud | undefined;

/** Answers the stack's own StackReference with these outputs from now on (`{}`: a stack never deployed). */
export function setPreviousOutputs(outputs: Record<string, unknown>): void {
  current?.setPreviousOutputs(outputs);
}

/** Answers a StackReference to another stack (`organization/fleet/<stack>`) with these outputs from now on. */
export function setStackOutputs(stack: string, outputs: Record<string, unknown>): void {
  current?.setStackOutputs(stack, outputs);
}

/** Installs fleetform's mocks; returns the resources registered from then on, a list that grows as they are. */
export async function recordResources(): Promise<Recorded[]> {
  const recorded: Recorded[] = [];
  const cloud = await mockCloud({
    pulumi, ...MOCK_STACK, deployerRoleArn: MOCK_CALLER.role,
    onResource: (r) => recorded.push({
      ...r,
      inputs: r.inputs as Record<string, any>,
      dependencies: r.dependencies ?? [],
      options: { protect: r.protect ?? false, retainOnDelete: r.retainOnDelete ?? false, ignoreChanges: r.ignoreChanges ?? [] },
    }),
  });
  clouds.set(recorded, cloud);
  current = cloud;
  return recorded;
}

/** Waits until every registration has been answered (registrations are asynchronous). */
export async function settle(recorded: readonly Recorded[]): Promise<void> {
  await clouds.get(recorded)!.settle();
}

/** Resolves an Output's value under mocks. */
export function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => { resolve(v); return v; }));
}

/**
 * Runs `body` and returns the errors the program would die of: rejections no
 * one handles, which the Node language host reports (each error once) before
 * it exits non-zero, so the engine deletes nothing. They are collected here
 * instead of failing the test run.
 */
export async function programFailures(recorded: Recorded[], body: () => Promise<unknown> | unknown): Promise<unknown[]> {
  const others = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const failures = new Set<unknown>();
  const collect = (e: unknown) => {
    failures.add(e);
  };
  process.on('unhandledRejection', collect);
  try {
    await body();
    await settle(recorded);
  } finally {
    process.off('unhandledRejection', collect);
    for (const l of others) process.on('unhandledRejection', l);
  }
  return [...failures];
}

/** The model and the binding, loaded once the mocks are installed, and the record of registrations. */
export interface MockedBinding {
  readonly recorded: Recorded[];
  readonly lib: typeof import('../../lib');
  readonly binding: typeof import('../../lib/pulumi');
}

/** Installs the mocks in a `beforeAll`, then loads the model and the binding (they must load after the mocks). */
export function mockedBinding(): MockedBinding {
  const loaded = {} as { -readonly [K in keyof MockedBinding]: MockedBinding[K] };
  beforeAll(async () => {
    loaded.recorded = await recordResources();
    loaded.lib = await import('../../lib');
    loaded.binding = await import('../../lib/pulumi');
  });
  return loaded;
}

type DeploymentArgs = ConstructorParameters<typeof import('../../lib/pulumi').FleetDeployment>[1];

/** Registers a deployment and returns what it added. */
export async function deployOn(m: MockedBinding, name: string, args: DeploymentArgs): Promise<Recorded[]> {
  const before = m.recorded.length;
  new m.binding.FleetDeployment(name, args);
  await settle(m.recorded);
  return m.recorded.slice(before);
}

/** The problems a deployment is refused with, and how many resources were registered meanwhile; fails when it is not refused. */
export function refusalOf(m: MockedBinding, name: string, args: DeploymentArgs): { problems: readonly { path: string; message: string }[]; registered: number } {
  const before = m.recorded.length;
  try {
    new m.binding.FleetDeployment(name, args);
  } catch (e) {
    return { problems: (e as InstanceType<typeof m.lib.FleetValidationError>).problems, registered: m.recorded.length - before };
  }
  throw new Error('the deployment was not refused');
}
