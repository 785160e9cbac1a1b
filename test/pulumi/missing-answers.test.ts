/**
 * Each answer of the cloud fleetform computes with, left out by mocks that
 * otherwise answer as fleetform's do: each is refused with what is missing,
 * where, and which mocks answer it — never a TypeError, never a value such as
 * "undefined" passed on to another resource.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { failuresUntil, installMocksLeavingOut, MOCKS_HINT, shopFleet, STAGING } from './missing-answers';

let lib: typeof import('../../lib');
let binding: typeof import('../../lib/pulumi');

beforeAll(async () => {
  await installMocksLeavingOut('others');
  lib = await import('../../lib');
  binding = await import('../../lib/pulumi');
});

describe('an answer of the cloud left out', () => {
  it('is refused with what is missing and where, naming fleetform\'s mocks', async () => {
    const fleet = shopFleet(lib);
    const missing = (text: string) => `${text}; ${MOCKS_HINT}`;
    const failures = await failuresUntil(() => new binding.FleetDeployment('shop', { fleet, deployer: 'arn:aws:iam::111122223333:role/deployer' }), [
      missing('[shop/production/us-east-1] aws.lb.getHostedZoneId(us-east-1) returned no hosted zone id of application load balancers'),
      missing('[shop/www] aws.cloudfront.getCachePolicy(Managed-CachingDisabled) returned no id'),
      missing('[shop/www] aws.cloudfront.getOriginRequestPolicy(Managed-AllViewerExceptHostHeader) returned no id'),
      missing('[www-certificates] the ACM certificate returned no domain validation options'),
      missing(`[shop-${STAGING}] the EKS cluster returned no endpoint`),
      missing(`[${STAGING}-general] the launch template returned no latest version`),
      missing(`[${STAGING}-eks-pod-identity-agent] aws.eks.getAddonVersion(eks-pod-identity-agent, 1.34) returned no version`),
    ]);
    expect(failures.filter((e) => !(e instanceof Error && e.message.endsWith(MOCKS_HINT)))).toEqual([]);
  });
});
