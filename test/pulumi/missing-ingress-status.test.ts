/**
 * An Ingress whose status holds no load balancer (mocks that write none, as
 * Pulumi's generic ones): the global load balancer's records refuse it by name,
 * naming fleetform's mocks. Its own file: an Ingress comes after nearly every
 * other answer, which missing-answers.test.ts leaves out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { failuresUntil, installMocksLeavingOut, MOCKS_HINT, shopFleet } from './missing-answers';

let lib: typeof import('../../lib');
let binding: typeof import('../../lib/pulumi');

beforeAll(async () => {
  await installMocksLeavingOut('ingressStatus');
  lib = await import('../../lib');
  binding = await import('../../lib/pulumi');
});

describe('an Ingress without its load balancer', () => {
  it('is refused where its host name is read, naming fleetform\'s mocks', async () => {
    const fleet = shopFleet(lib);
    const failures = await failuresUntil(() => new binding.FleetDeployment('shop', { fleet, deployer: 'arn:aws:iam::111122223333:role/deployer' }), [
      `[production-us-east-1-api/public-api-main] the Ingress returned no load balancer host name in its status (the AWS Load Balancer Controller writes it); ${MOCKS_HINT}`,
      `[production-us-east-1-api/www-api] the Ingress returned no load balancer host name in its status (the AWS Load Balancer Controller writes it); ${MOCKS_HINT}`,
    ]);
    expect(failures.filter((e) => !(e instanceof Error && e.message.endsWith(MOCKS_HINT)))).toEqual([]);
  });
});
