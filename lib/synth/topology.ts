import type { Fleet } from '../fleet';
import { NatGateways } from '../environment-profile';
import type { ClusterArtifact } from './cluster-synth';

/** Version of the `fleet.json` shape; see schema/fleet.schema.json. */
export const TOPOLOGY_SCHEMA_VERSION = 1;

/**
 * The fleet's topology, written to `fleet.json`: clusters with their network,
 * node pools and manifests, and apps with the clusters they landed on.
 * Keys are in a fixed order and lists sorted, so the text is deterministic.
 */
export function buildTopology(fleet: Fleet, artifacts: ReadonlyMap<string, ClusterArtifact>): Record<string, unknown> {
  return {
    schemaVersion: TOPOLOGY_SCHEMA_VERSION,
    fleet: {
      name: fleet.fleetName,
      addressSpace: fleet.addressSpace,
      clusterBlockPrefix: fleet.clusterBlockPrefix,
      kubernetesVersion: fleet.kubernetesVersion,
    },
    clusters: fleet.clusters.map((c) => {
      const a = c.addresses!;
      return {
        id: c.clusterId,
        path: c.node.path,
        region: c.region,
        environment: c.environment,
        profile: c.profile?.name ?? null,
        kubernetesVersion: c.kubernetesVersion,
        tenancy: c.tenancy,
        labels: sortKeys(c.labels),
        network: {
          block: a.block,
          vpcCidr: a.vpcCidr,
          serviceCidr: a.serviceCidr,
          privateSubnets: a.privateSubnets,
          publicSubnets: a.publicSubnets,
          natGateways: c.profile?.natGateways ?? NatGateways.PER_ZONE,
        },
        nodePools: c.nodePools.map((p) => ({
          name: p.name,
          instanceTypes: p.instanceTypes,
          minSize: p.minSize,
          desiredSize: p.desiredSize,
          maxSize: p.maxSize,
          capacityType: p.capacityType,
          diskSizeGiB: p.diskSizeGiB,
          labels: sortKeys(p.labels),
        })),
        access: { admins: [...c.access.admins].sort(), viewers: [...c.access.viewers].sort() },
        manifests: artifacts.get(c.clusterId)?.files.map((f) => f.name) ?? [],
      };
    }),
    apps: fleet.apps.map((app) => ({
      name: app.appName,
      path: app.node.path,
      namespace: app.namespace,
      image: app.image,
      placement: app.placement.describe(),
      clusters: app.clusters.map((c) => c.clusterId),
    })),
  };
}

function sortKeys(o: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}
