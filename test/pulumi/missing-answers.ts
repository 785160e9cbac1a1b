/** Helpers of the tests of what fleetform does when the (mocked) cloud leaves an answer out. */
import * as pulumi from '@pulumi/pulumi';
import { mockCall, mockId, mockState } from '../../lib/pulumi/testing';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

export { MOCKS_HINT } from '../../lib/pulumi/cloud-answers';

/** The cluster whose answers are left out where the others' must be there for their Ingresses to be reached. */
export const STAGING = 'staging-eu-west-3';

/** Data sources left out for every caller. */
const LEFT_OUT_CALLS = [
  'aws:lb/getHostedZoneId:getHostedZoneId',
  'aws:cloudfront/getCachePolicy:getCachePolicy',
  'aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy',
];

/**
 * Installs mocks that answer as fleetform's do, but for what `leaveOut` names: `ingressStatus`,
 * the load balancer of every Ingress (an Ingress depends on most else, so it is left out alone);
 * `others`, the data sources above, the `www` load balancer's certificates' validation options,
 * and staging's EKS endpoint, launch template version and add-on default versions.
 */
export async function installMocksLeavingOut(leaveOut: 'ingressStatus' | 'others'): Promise<void> {
  const others = leaveOut === 'others';
  await pulumi.runtime.setMocks({
    newResource: (args) => {
      const state = mockState(args.type, args.name, args.inputs);
      // An Ingress whose load balancer the controller has not written.
      if (!others && args.type === 'kubernetes:networking.k8s.io/v1:Ingress') state.status = { loadBalancer: {} };
      if (others && args.type === 'aws:acm/certificate:Certificate' && args.name.startsWith('www-')) delete state.domainValidationOptions;
      if (others && args.type === 'aws:eks/cluster:Cluster' && args.name.includes(STAGING)) delete state.endpoint;
      if (others && args.type === 'aws:ec2/launchTemplate:LaunchTemplate' && args.name.startsWith(STAGING)) delete state.latestVersion;
      return { id: mockId(args.name), state };
    },
    call: (args) => {
      if (others && LEFT_OUT_CALLS.includes(args.token)) return args.inputs;
      // Only staging runs 1.34: its add-ons' default versions are left out.
      if (others && args.token === 'aws:eks/getAddonVersion:getAddonVersion' && args.inputs.kubernetesVersion === '1.34') return args.inputs;
      return mockCall(args.token, args.inputs, undefined, { accountId: '111122223333', deployerRoleArn: 'arn:aws:iam::111122223333:role/deployer' }) ?? args.inputs;
    },
  }, 'shop', 'test', false, 'organization');
}

/** Production in us-east-1 behind two global load balancers (one path-routed, through CloudFront), staging on 1.34 in eu-west-3. */
export function shopFleet(lib: typeof import('../../lib')): import('../../lib').Fleet {
  const build = (addressLock: import('../../lib').AddressLock) => {
    const { ApiEndpoint, EnvironmentFleet, EnvironmentProfile, Fleet, FleetApp, GlobalLoadBalancer, HostedZone, Placement } = lib;
    const fleet = new Fleet('shop', { addressLock, supportDate: TEST_SUPPORT_DATE, kubernetesVersion: '1.35', apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24') });
    const production = new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1'] });
    // 1.34 is past standard support on the test's day: it stays only in extended support.
    new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'], kubernetesVersion: '1.34', profile: EnvironmentProfile.production({ extendedSupport: true }) });
    const api = new FleetApp(fleet, 'api', { image: 'ghcr.io/shop/api:1.0.0', port: 8080, placement: Placement.all() });
    const web = new FleetApp(fleet, 'web', { image: 'ghcr.io/shop/web:1.0.0', port: 3000, placement: Placement.all() });
    const zone = HostedZone.existing('Z0123456789ABC', 'shop.example');
    new GlobalLoadBalancer(fleet, 'www', { hostname: 'www.shop.example', hostedZone: zone, targets: production, routes: [{ path: '/api/*', app: api }, { path: '/*', app: web }], originProtection: false });
    new GlobalLoadBalancer(fleet, 'public-api', { hostname: 'api.shop.example', hostedZone: zone, targets: production, app: api });
    return fleet;
  };
  return build(lib.AddressLock.of(build(lib.AddressLock.none()).resolve().addressLock.next));
}

/** Messages of the errors collected so far; an error that is not an Error is kept as its string. */
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Runs `program` and collects the rejections no one handles (what the Node language host would
 * fail the program with) until each text of `expected` has come in one of their messages (Pulumi
 * wraps an error of an input in `error serializing property ...: `); returns them, each message once.
 * The test's own timeout bounds the wait. Once per test file: its collector replaces the other
 * handlers for the rest of the file's process, since what waited on a failed answer fails later too.
 */
export async function failuresUntil(program: () => unknown, expected: readonly string[]): Promise<unknown[]> {
  process.removeAllListeners('unhandledRejection');
  const failures = new Map<string, unknown>();
  let done: () => void = () => {};
  const complete = new Promise<void>((resolve) => {
    done = resolve;
  });
  const collect = (e: unknown) => {
    failures.set(messageOf(e), e);
    if (expected.every((text) => [...failures.keys()].some((m) => m.includes(text)))) done();
  };
  process.on('unhandledRejection', collect);
  program();
  await complete;
  return [...failures.values()];
}
