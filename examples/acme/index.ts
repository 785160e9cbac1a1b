/**
 * The Pulumi program of the example fleet (`pulumi up` at the repo root).
 *
 * Stack config:
 *   fleetform:clusters           JSON list of cluster ids to deploy (default: all)
 *   fleetform:publicAccessCidrs  JSON list of CIDRs allowed to the API endpoints, such as the runner's (default: none, private only)
 *   fleetform:privateEndpointsReachable  true when pulumi runs inside the VPCs or a peered network (default: false)
 *   fleetform:applyManifests     false to provision the clusters without applying manifests
 *   fleetform:manageAddons       false to leave the EKS add-ons and controllers to you (the fleet's load balancers need them on)
 */
import * as pulumi from '@pulumi/pulumi';
import { ApiEndpoint } from '../../lib';
import { FleetDeployment } from '../../lib/pulumi';
import { buildAcmeFleet } from './fleet';

const config = new pulumi.Config('fleetform');
const publicAccessCidrs = config.getObject<string[]>('publicAccessCidrs') ?? [];
const deployment = new FleetDeployment('acme', {
  fleet: buildAcmeFleet({ apiEndpoint: publicAccessCidrs.length > 0 ? ApiEndpoint.publicFrom(...publicAccessCidrs) : ApiEndpoint.private() }),
  clusters: config.getObject<string[]>('clusters'),
  applyManifests: config.getBoolean('applyManifests') ?? true,
  privateEndpointsReachable: config.getBoolean('privateEndpointsReachable') ?? false,
  manageAddons: config.getBoolean('manageAddons') ?? true,
});

export const clusters = deployment.outputs();
