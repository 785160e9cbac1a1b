import * as pulumi from '@pulumi/pulumi';
import { FleetDeployment } from 'fleetform/pulumi';
import { MockCloud, mockCloud, planFleet } from 'fleetform/pulumi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFleet } from './fleet';

const SUPPORT_DATE = '2026-12-04';

/** The value of an Output, once the mocks have answered. */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe('the shop deployment under fleetform\'s mocks', () => {
  let cloud: MockCloud;
  let deployment: FleetDeployment;

  beforeAll(async () => {
    // Instead of pulumi.runtime.setMocks: fleetform's mocks answer what the cloud would.
    cloud = await mockCloud({ pulumi });
    deployment = new FleetDeployment('shop', {
      fleet: buildFleet({ supportDate: SUPPORT_DATE }),
      deployer: 'arn:aws:iam::111122223333:role/pulumi-deployer',
    });
  });
  // Registrations go on after a test has read what it needs: let them finish before other mocks are installed.
  afterAll(() => cloud.settle());

  it('exports each cluster with its name and endpoint', async () => {
    const clusters = deployment.outputs();
    expect(Object.keys(clusters)).toEqual(['production-eu-west-1', 'production-us-east-1']);
    expect(await valueOf(clusters['production-eu-west-1'].name)).toBe('shop-production-eu-west-1');
    expect(await valueOf(clusters['production-eu-west-1'].endpoint)).toBe('https://shop-production-eu-west-1.eks.example');
  });
});

describe('the shop deployment\'s plan', () => {
  it('has one EKS cluster per region, each in its own region\'s provider', async () => {
    const plan = await planFleet(buildFleet({ supportDate: SUPPORT_DATE }));
    const clusters = plan.resources.filter((r) => r.type === 'aws:eks/cluster:Cluster');
    expect(clusters.map((r) => r.inputs.name)).toEqual(['shop-production-eu-west-1', 'shop-production-us-east-1']);
    const regions = plan.resources.filter((r) => r.type === 'pulumi:providers:aws').map((r) => r.inputs.region);
    expect(regions.sort()).toEqual(['eu-west-1', 'us-east-1']);
  });
});
