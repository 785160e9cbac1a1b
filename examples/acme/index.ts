/**
 * The Pulumi program of the example fleet (`pulumi up` at the repo root).
 *
 * Stack config:
 *   fleetform:clusters           JSON list of cluster ids to deploy (default: all)
 *   fleetform:publicAccessCidrs  JSON list of CIDRs allowed to the API endpoints (default: none, private only)
 *   fleetform:applyManifests     false to provision the clusters without applying manifests
 */
import * as pulumi from '@pulumi/pulumi';
import { FleetDeployment } from '../../lib/pulumi';
import { buildAcmeFleet } from './fleet';

const config = new pulumi.Config('fleetform');
const deployment = new FleetDeployment('acme', {
  fleet: buildAcmeFleet(),
  clusters: config.getObject<string[]>('clusters'),
  publicAccessCidrs: config.getObject<string[]>('publicAccessCidrs') ?? [],
  applyManifests: config.getBoolean('applyManifests') ?? true,
});

export const clusters = deployment.outputs();
