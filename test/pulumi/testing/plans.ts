/** Small hand-made plans for the plan diff's tests. */
import { makeUrn, PLAN_FORMAT, PlannedResource, RecordedPlan } from '../../../lib/pulumi/testing';

export const STACK = 'dev';
export const PROJECT = 'shop';

/** What a hand-made resource may set besides its type and name. */
export type ResourceOptions = Partial<Omit<PlannedResource, 'urn' | 'type' | 'name' | 'parent' | 'provider'>> & {
  readonly parent?: PlannedResource;
  readonly provider?: PlannedResource;
};

/** A resource of the test stack, its URN made as the engine makes it. */
export function res(type: string, name: string, options: ResourceOptions = {}): PlannedResource {
  const { parent, provider, ...rest } = options;
  return {
    urn: makeUrn(STACK, PROJECT, type, name, parent?.urn),
    type,
    name,
    custom: !type.startsWith('fleetform:'),
    inputs: {},
    ...(parent ? { parent: parent.urn } : {}),
    ...(provider ? { provider: `${provider.urn}::${provider.name}-id` } : {}),
    ...rest,
  };
}

/** A plan of the test stack. */
export function plan(...resources: PlannedResource[]): RecordedPlan {
  return { format: PLAN_FORMAT, project: PROJECT, stack: STACK, resources };
}

/** The fleetform shape in miniature: a deployment, a region's AWS provider, one cluster's component. */
export function base() {
  const deployment = res('fleetform:index:FleetDeployment', 'acme');
  const aws = res('pulumi:providers:aws', 'acme-eu-west-1', { parent: deployment, inputs: { region: 'eu-west-1' } });
  const cluster = res('fleetform:aws:EksCluster', 'prod-eu', { parent: deployment });
  return { deployment, aws, cluster };
}

/** An EKS cluster of the miniature, with inputs merged over the defaults. */
export function eks(parent: PlannedResource, provider: PlannedResource, inputs: Record<string, unknown> = {}, more: ResourceOptions = {}): PlannedResource {
  return res('aws:eks/cluster:Cluster', 'prod-eu-eks', {
    parent, provider,
    inputs: { name: 'acme-prod-eu', roleArn: 'arn:aws:mock:::prod-eu-cluster-role', version: '1.35', tags: { 'fleetform:cluster': 'prod-eu' }, ...inputs },
    ...more,
  });
}
