/**
 * fleetform's Pulumi runtime mocks and plan recorder: everything the binding
 * reads from the cloud is answered (see `mock-answers.ts`), and every
 * registration is recorded as the engine would receive it. Installed on a
 * given `@pulumi/pulumi` module, so the same recorder records a program of
 * another checkout of fleetform, with that checkout's own Pulumi SDK.
 */
import type * as PulumiSdk from '@pulumi/pulumi';
import { mockCall, MockIdentity, mockId, mockState } from './mock-answers';
import { makeUrn, PLAN_FORMAT, PlannedAlias, PlannedResource, RecordedPlan, UNKNOWN } from './plan';

/** The `@pulumi/pulumi` module the mocks are installed on. */
export type PulumiModule = typeof PulumiSdk;

/** Options of {@link mockCloud}. */
export interface MockCloudOptions {
  /**
   * The `@pulumi/pulumi` module the program under test loads; the mocks are installed on it.
   * @default - the copy `fleetform/pulumi` loads
   */
  readonly pulumi?: PulumiModule;
  /**
   * The Pulumi project, the second part of every URN.
   * @default 'project'
   */
  readonly project?: string;
  /**
   * The stack, the first part of every URN.
   * @default 'stack'
   */
  readonly stack?: string;
  /**
   * The organization the stack belongs to (`pulumi.getOrganization()`).
   * @default 'organization'
   */
  readonly organization?: string;
  /**
   * The outputs the stack's last deployment left: what a StackReference to the
   * stack itself reads (a FleetDeployment reads what it deployed before).
   * @default {} (a stack never deployed)
   */
  readonly previousOutputs?: Readonly<Record<string, unknown>>;
  /**
   * The outputs of other stacks, by fully qualified name (`<organization>/<project>/<stack>`): what a
   * StackReference to each reads (an edge-only FleetDeployment reads its cluster stacks' ALBs).
   * @default {} (a reference to any other stack fails)
   */
  readonly stackOutputs?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /**
   * Stack configuration, `<namespace>:<key>` → value; a value that is not a string is stored as
   * JSON, as `pulumi config set --path` would (so `config.getObject` reads it back).
   * @default {} (no configuration)
   */
  readonly config?: Readonly<Record<string, unknown>>;
  /**
   * The AWS account `aws.getCallerIdentity` answers.
   * @default '111122223333'
   */
  readonly accountId?: string;
  /**
   * The IAM role the deployment runs as: the caller identity is a session of it.
   * @default 'arn:aws:iam::<accountId>:role/pulumi-deployer'
   */
  readonly deployerRoleArn?: string;
  /**
   * Called with each resource as it is registered.
   * @default - none
   */
  readonly onResource?: (resource: PlannedResource) => void;
}

/** Installed mocks: the resources registered so far and the plan they make. */
export interface MockCloud {
  /** Every resource registered so far, in registration order. */
  readonly resources: readonly PlannedResource[];
  /** Waits until every registration has been answered and no new one follows. */
  settle(): Promise<void>;
  /**
   * Waits (see `settle`) and returns the plan; throws when a registration failed.
   * @param source free text naming what was recorded (a commit, a version)
   */
  plan(source?: string): Promise<RecordedPlan>;
  /** Answers the stack's StackReference to itself with these outputs from now on. */
  setPreviousOutputs(outputs: Readonly<Record<string, unknown>>): void;
  /** Answers a StackReference to another stack (`<organization>/<project>/<stack>`) with these outputs from now on. */
  setStackOutputs(stack: string, outputs: Readonly<Record<string, unknown>>): void;
}

/** The parts of a RegisterResourceRequest the recorder reads; optional where older SDKs lack them. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getProvider(): string;
  getDependenciesList(): string[];
  getProtect?(): boolean | undefined;
  getRetainondelete?(): boolean | undefined;
  getDeletebeforereplace?(): boolean;
  getIgnorechangesList?(): string[];
  getReplaceonchangesList?(): string[];
  getDeletedwith?(): string;
  getAliasurnsList?(): string[];
  getAliasesList?(): { getUrn(): string; getSpec(): AliasSpecMessage | undefined }[];
  getPropertydependenciesMap?(): { forEach(f: (value: { getUrnsList(): string[] }, key: string) => void): void };
}

interface AliasSpecMessage {
  getName(): string;
  getType(): string;
  getStack(): string;
  getProject(): string;
  getParenturn(): string;
  getNoparent(): boolean;
}

interface RegisterResponse {
  getUrn(): string;
  getId(): string;
}

type Callback = (err: unknown, response?: RegisterResponse) => void;

/** The parts of a ReadResourceRequest the recorder reads. */
interface ReadRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProperties(): { toJavaScript(): Record<string, unknown> } | undefined;
  getDependenciesList(): string[];
}

interface Monitor {
  registerResource(req: RegisterRequest, callback: Callback): unknown;
  readResource(req: ReadRequest, callback: Callback): unknown;
}

const SIG_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';
const RESOURCE_SIG = '5cf8f73096256a8f31e491e813e4eb8e';
const OUTPUT_SIG = 'd0e6a833031e9bbcd3f4e8bde6ca49a4';

/** The AWS account the mocks answer for when not told another. */
export const DEFAULT_MOCK_ACCOUNT = '111122223333';

/**
 * Installs fleetform's runtime mocks on a `@pulumi/pulumi` module and records
 * every resource registered from then on. Install before the program's first
 * resource; a second call replaces the first.
 */
export async function mockCloud(options: MockCloudOptions = {}): Promise<MockCloud> {
  const pulumi = options.pulumi ?? await loadPulumi();
  const project = options.project ?? 'project';
  const stack = options.stack ?? 'stack';
  const organization = options.organization ?? 'organization';
  let previousOutputs: Readonly<Record<string, unknown>> = options.previousOutputs ?? {};
  const stackOutputs = new Map(Object.entries(options.stackOutputs ?? {}));
  const accountId = options.accountId ?? DEFAULT_MOCK_ACCOUNT;
  const identity: MockIdentity = { accountId, deployerRoleArn: options.deployerRoleArn ?? `arn:aws:iam::${accountId}:role/pulumi-deployer` };
  const resources: PlannedResource[] = [];
  const failures: string[] = [];
  /** URN as the mock monitor makes it → URN as the engine makes it. */
  const realUrn = new Map<string, string>();
  /** Provider reference `<mock URN>::<id>` → the provider's region (AWS providers). */
  const regions = new Map<string, string>();
  let pending = 0;

  pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(options.config ?? {})
    .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])));
  await pulumi.runtime.setMocks({
    newResource: (args) => {
      if (args.type === 'pulumi:pulumi:StackReference') {
        // A StackReference is read, never created: the engine answers with the stack's last outputs.
        const self = `${organization}/${project}/${stack}`;
        const name = String(args.inputs.name);
        const outputs = name === self ? previousOutputs : stackOutputs.get(name);
        if (outputs === undefined) {
          throw new Error(`the mocks know only the stack ${self}${[...stackOutputs.keys()].map((k) => `, ${k}`).join('')}, not ${name}; give its outputs in mockCloud's stackOutputs`);
        }
        return { id: mockId(args.name), state: { name, outputs, secretOutputNames: [] } };
      }
      return { id: mockId(args.name), state: mockState(args.type, args.name, args.inputs) };
    },
    call: (args) => mockCall(args.token, args.inputs, args.provider ? regions.get(args.provider) : undefined, identity) ?? args.inputs,
  }, project, stack, false, organization);

  const translate = (urn: string) => realUrn.get(urn) ?? urn;
  const translateRef = (ref: string) => {
    const cut = ref.lastIndexOf('::');
    return cut < 0 ? ref : `${translate(ref.slice(0, cut))}${ref.slice(cut)}`;
  };
  const plain = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(plain);
    if (value === null || typeof value !== 'object') return value;
    const o = value as Record<string, unknown>;
    switch (o[SIG_KEY]) {
      case SECRET_SIG: return plain(o.value);
      case RESOURCE_SIG: return typeof o.id === 'string' && o.id !== '' ? o.id : translate(String(o.urn));
      case OUTPUT_SIG: return 'value' in o ? plain(o.value) : UNKNOWN;
      default: return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, plain(v)]));
    }
  };

  const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    const resource = recordOf(req, stack, project, translate, translateRef, plain);
    resources.push(resource);
    options.onResource?.(resource);
    pending++;
    return register(req, (err, response) => {
      pending--;
      if (err || !response) {
        failures.push(`${resource.urn}: ${err instanceof Error ? err.message : String(err)}`);
      } else {
        realUrn.set(response.getUrn(), resource.urn);
        if (resource.type === 'pulumi:providers:aws' && typeof resource.inputs.region === 'string') {
          regions.set(`${response.getUrn()}::${response.getId()}`, resource.inputs.region);
        }
      }
      callback(err, response);
    });
  };

  const read = monitor.readResource.bind(monitor);
  monitor.readResource = (req, callback) => {
    const parent = req.getParent() ? translate(req.getParent()) : undefined;
    const resource: PlannedResource = {
      urn: makeUrn(stack, project, req.getType(), req.getName(), parent),
      type: req.getType(),
      name: req.getName(),
      custom: true,
      ...(parent ? { parent } : {}),
      inputs: plain(req.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
      dependencies: req.getDependenciesList().map(translate),
      read: true,
    };
    resources.push(resource);
    options.onResource?.(resource);
    pending++;
    return read(req, (err, response) => {
      pending--;
      if (err || !response) failures.push(`${resource.urn}: ${err instanceof Error ? err.message : String(err)}`);
      else realUrn.set(response.getUrn(), resource.urn);
      callback(err, response);
    });
  };

  const waitForRPCs = (pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> }).waitForRPCs;
  // Quiet once nothing new is registered or answered for a while. A program that failed leaves
  // registrations waiting forever on what failed, so outstanding RPCs are awaited only briefly.
  const settle = async () => {
    let quiet = 0;
    let last = '';
    for (let i = 0; i < 3000 && quiet < 5; i++) {
      if (waitForRPCs) await Promise.race([waitForRPCs(), new Promise((r) => setTimeout(r, 20))]);
      await new Promise((r) => setTimeout(r, 2));
      const now = `${resources.length}/${pending}`;
      quiet = now === last ? quiet + (pending === 0 ? 1 : 0.25) : 0;
      last = now;
    }
  };
  return {
    resources,
    settle,
    setPreviousOutputs(outputs) {
      previousOutputs = outputs;
    },
    setStackOutputs(stack, outputs) {
      stackOutputs.set(stack, outputs);
    },
    async plan(source?: string): Promise<RecordedPlan> {
      await settle();
      if (failures.length > 0) throw new Error(`${failures.length} registrations failed under the mocks:\n  ${failures.join('\n  ')}`);
      return { format: PLAN_FORMAT, project, stack, ...(source !== undefined ? { source } : {}), ...(options.config ? { config: options.config } : {}), resources: [...resources] };
    },
  };
}

/** Options of {@link recordPlan}: the mocks, and the program to run under them. */
export interface RecordPlanOptions extends MockCloudOptions {
  /** Runs the Pulumi program: requires or imports it, or builds its resources. */
  readonly program: () => unknown;
  /**
   * Free text naming what was recorded (a commit, a version).
   * @default - none
   */
  readonly source?: string;
}

/**
 * Installs the mocks, runs a Pulumi program under them and returns the plan of
 * everything it registered; no Pulumi CLI, engine or cloud account is involved.
 */
export async function recordPlan(options: RecordPlanOptions): Promise<RecordedPlan> {
  const cloud = await mockCloud(options);
  await options.program();
  return cloud.plan(options.source);
}

/** The recorded form of one registration. */
function recordOf(
  req: RegisterRequest, stack: string, project: string,
  translate: (urn: string) => string, translateRef: (ref: string) => string, plain: (v: unknown) => unknown,
): PlannedResource {
  const type = req.getType();
  const name = req.getName();
  const parent = req.getParent() ? translate(req.getParent()) : undefined;
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap?.().forEach((v, k) => {
    const urns = v.getUrnsList().map(translate);
    if (urns.length > 0) propertyDependencies[k] = urns;
  });
  const aliases: PlannedAlias[] = [
    ...(req.getAliasesList?.() ?? []).map((a): PlannedAlias => {
      const spec = a.getSpec();
      if (a.getUrn() || !spec) return { urn: a.getUrn() };
      return {
        ...(spec.getName() ? { name: spec.getName() } : {}),
        ...(spec.getType() ? { type: spec.getType() } : {}),
        ...(spec.getParenturn() ? { parent: translate(spec.getParenturn()) } : {}),
        ...(spec.getNoparent() ? { noParent: true } : {}),
        ...(spec.getStack() ? { stack: spec.getStack() } : {}),
        ...(spec.getProject() ? { project: spec.getProject() } : {}),
      };
    }),
    ...(req.getAliasurnsList?.() ?? []).map((urn) => ({ urn })),
  ];
  const ignoreChanges = req.getIgnorechangesList?.() ?? [];
  const replaceOnChanges = req.getReplaceonchangesList?.() ?? [];
  const deletedWith = req.getDeletedwith?.() ?? '';
  return {
    urn: makeUrn(stack, project, type, name, parent),
    type,
    name,
    custom: req.getCustom(),
    ...(parent ? { parent } : {}),
    ...(req.getProvider() ? { provider: translateRef(req.getProvider()) } : {}),
    inputs: plain(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
    ...(Object.keys(propertyDependencies).length > 0 ? { propertyDependencies } : {}),
    dependencies: req.getDependenciesList().map(translate),
    ...(req.getProtect?.() ? { protect: true } : {}),
    ...(req.getRetainondelete?.() ? { retainOnDelete: true } : {}),
    ...(req.getDeletebeforereplace?.() ? { deleteBeforeReplace: true } : {}),
    ...(ignoreChanges.length > 0 ? { ignoreChanges } : {}),
    ...(replaceOnChanges.length > 0 ? { replaceOnChanges } : {}),
    ...(aliases.length > 0 ? { aliases } : {}),
    ...(deletedWith ? { deletedWith: translate(deletedWith) } : {}),
  };
}

/** fleetform's own `@pulumi/pulumi`, with the install command when it is missing. */
async function loadPulumi(): Promise<PulumiModule> {
  try {
    return await import('@pulumi/pulumi');
  } catch (e) {
    throw new Error(`mockCloud needs @pulumi/pulumi, which could not be loaded (${e instanceof Error ? e.message : String(e)}); install it with: npm install @pulumi/pulumi, or pass the module as mockCloud({ pulumi })`);
  }
}
