/**
 * The Pulumi program of the example fleet, as a function: `index.ts` exports it
 * for `pulumi up`, and tests run it under mocks with the README's stack config.
 *
 * Stack config (namespace `fleetform`):
 *   clusters                   JSON list of cluster ids to deploy (default: all)
 *   wave                       one wave of the fleet's rollout plan to deploy, by name or position (instead of clusters)
 *   publicAccessCidrs          JSON list of CIDRs allowed to the API endpoints, such as the runner's (default: none, private only)
 *   privateEndpointsReachable  true when pulumi runs inside the VPCs or a peered network (default: false)
 *   applyManifests             false to provision the clusters without applying manifests
 *   manageAddons               false to leave the EKS add-ons and controllers to you (the fleet's load balancers need them on)
 *   edge                       where the load balancers' edge is built: here (default), elsewhere (a stack of its own), only (this is that stack)
 *   clusterStacks              with edge only: the stack of each cluster, {cluster} and {wave} replaced, such as acme-{wave}
 *   argoCdCapabilityRole       ARN of the managed Argo CD's capability role: an access entry for it on each cluster (default: none)
 */
import * as pulumi from '@pulumi/pulumi';
import { ApiEndpoint } from '../../lib';
import { deployerFromCallerIdentity, FleetDeployment } from '../../lib/pulumi';
import { buildAcmeFleet } from './fleet';

/** Deploys the example fleet as the stack's config says; the result is the stack's outputs. */
export async function deployAcme() {
  const config = new pulumi.Config('fleetform');
  const publicAccessCidrs = config.getObject<string[]>('publicAccessCidrs') ?? [];
  const deployment = new FleetDeployment('acme', {
    fleet: buildAcmeFleet({ apiEndpoint: publicAccessCidrs.length > 0 ? ApiEndpoint.publicFrom(...publicAccessCidrs) : ApiEndpoint.private() }),
    clusters: config.getObject<string[]>('clusters'),
    wave: config.get('wave'),
    applyManifests: config.getBoolean('applyManifests') ?? true,
    privateEndpointsReachable: config.getBoolean('privateEndpointsReachable') ?? false,
    manageAddons: config.getBoolean('manageAddons') ?? true,
    edge: config.get<'here' | 'elsewhere' | 'only'>('edge'),
    clusterStacks: config.get('clusterStacks'),
    // Whoever runs pulumi: an assumed-role session counts as its role.
    deployer: await deployerFromCallerIdentity(),
    argoCdCapabilityRole: config.get('argoCdCapabilityRole'),
  });
  return {
    clusters: deployment.outputs(),
    loadBalancers: deployment.loadBalancerOutputs(),
    deployer: deployment.deployer,
    // What this stack deploys: the next deploy refuses to drop any of it unless fleet.decommissioned(...) says so.
    fleetform: deployment.record,
    // With the edge in a stack of its own: each cluster's ALB, which the edge stack reads.
    ...(Object.keys(deployment.albs).length > 0 ? { fleetformAlbs: deployment.albs } : {}),
  };
}
