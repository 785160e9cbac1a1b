import * as pulumi from '@pulumi/pulumi';
import { beforeAll } from 'vitest';

/** One resource registered under the mocks. */
export interface Recorded {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
  /** `urn::id` of the provider instance that manages it, for custom resources. */
  readonly provider?: string;
  readonly custom: boolean;
  /** URNs the resource waits for: its explicit `dependsOn` (components expanded to their resources) and its inputs' resources. */
  readonly dependencies: readonly string[];
  /** Its resource options the engine acts on: `protect`, `retainOnDelete` and `ignoreChanges`. */
  readonly options: RecordedOptions;
}

/** The resource options of a registration that guard or keep state. */
export interface RecordedOptions {
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly ignoreChanges: readonly string[];
}

/** The parts of a RegisterResourceRequest the recorder reads. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getDependenciesList(): string[];
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getIgnorechangesList(): string[];
}

/** The stack the mocks run the program in. */
export const MOCK_STACK = { organization: 'organization', project: 'fleet', stack: 'test' } as const;

/** The outputs the stack's previous deploy left, as a StackReference to the stack reads them; empty (a first deploy) unless a test sets them. */
let previousOutputs: Record<string, unknown> = {};

/** Answers the stack's own StackReference with these outputs from now on (`{}`: a stack never deployed). */
export function setPreviousOutputs(outputs: Record<string, unknown>): void {
  previousOutputs = outputs;
}

/** What the mocked STS answers as the caller: a session of a role that has a path. */
export const MOCK_CALLER = { session: 'arn:aws:sts::111122223333:assumed-role/deployer/ci-run-42', role: 'arn:aws:iam::111122223333:role/ci/deployer' } as const;

/** What the mocked lookup answers for the canonical hosted zone of ALBs per region. */
export const ALB_ZONE_IDS: Readonly<Record<string, string>> = {
  'us-east-1': 'ZALBUSEAST1', 'eu-west-1': 'ZALBEUWEST1', 'eu-central-1': 'ZALBEUCENTRAL1', 'ap-southeast-1': 'ZALBAPSOUTHEAST1', 'eu-west-3': 'ZALBEUWEST3',
};

/** What the mocked `aws.eks.getAddonVersion` answers: EKS's default version of `addon` for `minor`. */
export function eksDefaultAddonVersion(addon: string, minor: string): string {
  return `v0.0.0-eksbuild.mock-default-of-${addon}-for-${minor}`;
}

/**
 * Installs Pulumi runtime mocks that record every resource and answer the
 * calls the binding makes. Returns the record.
 */
export async function recordResources(): Promise<Recorded[]> {
  const recorded: Recorded[] = [];
  // The mocks' newResource does not see a registration's dependencies and options; the request does.
  const requests = new Map<string, { dependencies: string[]; options: RecordedOptions }>();
  await pulumi.runtime.setMocks({
    newResource(args) {
      recorded.push({
        type: args.type, name: args.name, inputs: args.inputs, provider: args.provider, custom: args.custom ?? true,
        dependencies: requests.get(`${args.type}::${args.name}`)?.dependencies ?? [],
        options: requests.get(`${args.type}::${args.name}`)?.options ?? { protect: false, retainOnDelete: false, ignoreChanges: [] },
      });
      const state: Record<string, unknown> = { ...args.inputs, arn: `arn:aws:mock:::${args.name}` };
      if (args.type === 'aws:eks/cluster:Cluster') {
        Object.assign(state, { endpoint: `https://${args.inputs.name}.eks.example`, certificateAuthority: { data: 'Q0E=' } });
      }
      if (args.type === 'aws:ec2/launchTemplate:LaunchTemplate') state.latestVersion = 1;
      // A StackReference is read, never created: the engine answers with the referenced stack's last outputs.
      if (args.type === 'pulumi:pulumi:StackReference') {
        const self = `${MOCK_STACK.organization}/${MOCK_STACK.project}/${MOCK_STACK.stack}`;
        if (args.inputs.name !== self) throw new Error(`the mocks know only the stack ${self}, not ${String(args.inputs.name)}`);
        Object.assign(state, { outputs: previousOutputs, secretOutputNames: [] });
      }
      // An autonamed role's name, as AWS would report it (without the random suffix).
      if (args.type === 'aws:iam/role:Role') state.name = args.inputs.name ?? args.name;
      if (args.type === 'kubernetes:networking.k8s.io/v1:Ingress') {
        // What the AWS Load Balancer Controller writes once it has built the ALB.
        state.status = { loadBalancer: { ingress: [{ hostname: `k8s-${args.name.replace(/[^a-z0-9-]/g, '-')}.elb.amazonaws.com` }] } };
      }
      if (args.type === 'aws:acm/certificate:Certificate') {
        state.domainValidationOptions = [args.inputs.domainName, ...(args.inputs.subjectAlternativeNames ?? [])].map((domainName: string) => ({
          domainName, resourceRecordName: `_v.${domainName.replace(/^\*\./, '')}.`, resourceRecordType: 'CNAME', resourceRecordValue: '_t.acm-validations.aws.',
        }));
      }
      if (args.type === 'aws:route53/record:Record') state.fqdn = args.inputs.name;
      if (args.type === 'aws:route53/zone:Zone') state.zoneId = `ZCREATED${args.inputs.name.length}`;
      if (args.type === 'aws:cloudfront/distribution:Distribution') Object.assign(state, { domainName: 'd111111abcdef8.cloudfront.net', hostedZoneId: 'ZCLOUDFRONTMOCK' });
      return { id: `${args.name}-id`, state };
    },
    call(args) {
      if (args.token === 'aws:lb/getHostedZoneId:getHostedZoneId') return { id: ALB_ZONE_IDS[args.inputs.region as string] ?? 'ZUNKNOWN', region: args.inputs.region };
      if (args.token === 'aws:cloudfront/getCachePolicy:getCachePolicy') return { id: `cache-policy-${args.inputs.name}` };
      if (args.token === 'aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy') return { id: `origin-policy-${args.inputs.name}` };
      // EKS's default version of an add-on for a Kubernetes minor, marked so tests can tell it from a pin.
      if (args.token === 'aws:eks/getAddonVersion:getAddonVersion') {
        return { ...args.inputs, version: eksDefaultAddonVersion(args.inputs.addonName as string, args.inputs.kubernetesVersion as string) };
      }
      if (args.token === 'aws:index/getCallerIdentity:getCallerIdentity') return { accountId: '111122223333', arn: MOCK_CALLER.session, id: '111122223333', userId: 'AROAEXAMPLE:ci-run-42' };
      // IAM's answer for the session's role, whose path only IAM knows (the session ARN leaves it out).
      if (args.token === 'aws:iam/getSessionContext:getSessionContext') {
        const arn = args.inputs.arn as string;
        return arn === MOCK_CALLER.session
          ? { arn, issuerArn: MOCK_CALLER.role, issuerName: 'deployer', sessionName: 'ci-run-42', issuerId: 'AROAEXAMPLE', id: arn }
          : { arn, issuerArn: arn, issuerName: '', sessionName: '', issuerId: '', id: arn };
      }
      if (args.token === 'aws:index/getAvailabilityZones:getAvailabilityZones') {
        const region = /::([a-z]+-[a-z]+-\d)?[^:]*$/.exec(args.provider ?? '')?.[0].match(/[a-z]{2}-[a-z]+-\d/)?.[0] ?? 'mock-1';
        return { names: [`${region}c`, `${region}a`, `${region}b`], zoneIds: ['z1', 'z2', 'z3'] };
      }
      return args.inputs;
    },
  }, MOCK_STACK.project, MOCK_STACK.stack, false, MOCK_STACK.organization);
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: RegisterRequest, callback: unknown) => unknown };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    requests.set(`${req.getType()}::${req.getName()}`, {
      dependencies: req.getDependenciesList(),
      options: { protect: req.getProtect() ?? false, retainOnDelete: req.getRetainondelete() ?? false, ignoreChanges: req.getIgnorechangesList() },
    });
    return register(req, callback);
  };
  return recorded;
}

/** Waits until no new resource has been registered for a while (registrations are asynchronous). */
export async function settle(recorded: Recorded[]): Promise<void> {
  let last = -1;
  let quiet = 0;
  for (let i = 0; i < 2000 && quiet < 20; i++) {
    await new Promise((r) => setTimeout(r, 5));
    quiet = recorded.length === last ? quiet + 1 : 0;
    last = recorded.length;
  }
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
