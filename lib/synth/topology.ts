import type { RecordRouting } from '../model/dns-tree';
import type { ResolvedFleet } from '../model/resolved';
import type { ClusterArtifact } from './cluster-synth';
import { FleetTopology, TOPOLOGY_SCHEMA_VERSION } from './fleet-topology';

/**
 * The fleet's topology, written to `fleet.json`: clusters with their network,
 * node pools and manifests, and apps with how they run on each cluster.
 * Keys are in a fixed order and lists sorted, so the text is deterministic.
 */
export function buildTopology(fleet: ResolvedFleet, artifacts: readonly ClusterArtifact[]): FleetTopology {
  const files = new Map(artifacts.map((a) => [a.clusterId, a.files.map((f) => f.name)]));
  const stageOf = new Map<string, { channel: string; stage: string }>();
  for (const ch of fleet.channels) for (const s of ch.stages) for (const id of s.clusters) if (!stageOf.has(id)) stageOf.set(id, { channel: ch.name, stage: s.name });
  return {
    schemaVersion: TOPOLOGY_SCHEMA_VERSION,
    fleet: {
      name: fleet.fleet.name,
      path: fleet.fleet.path,
      addressSpace: fleet.fleet.addressSpace,
      clusterBlockPrefix: fleet.fleet.clusterBlockPrefix,
      kubernetesVersion: fleet.fleet.kubernetesVersion,
    },
    clusters: fleet.clusters.map((c) => {
      const n = c.network!;
      return {
        id: c.id,
        numericId: c.numericId!,
        path: c.path,
        region: c.region,
        environment: c.environment,
        profile: c.profile,
        kubernetesVersion: c.kubernetesVersion,
        supportType: c.supportType,
        channel: stageOf.get(c.id) ?? null,
        tenancy: c.tenancy,
        computeMode: c.computeMode,
        apiEndpoint: { access: c.apiEndpoint.access, publicCidrs: c.apiEndpoint.publicCidrs },
        labels: c.labels,
        zones: c.zones,
        network: {
          block: n.block,
          vpcCidr: n.vpcCidr,
          serviceCidr: n.serviceCidr,
          privateSubnets: n.privateSubnets,
          publicSubnets: n.publicSubnets,
          natGateways: n.natGateways,
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
          ...(p.taints.length > 0 ? { taints: p.taints } : {}),
        })),
        access: {
          admins: c.grants.filter((g) => g.level === 'cluster-admin' && g.namespaces === undefined).map((g) => g.principal),
          viewers: c.grants.filter((g) => g.level === 'view' && g.namespaces === undefined).map((g) => g.principal),
        },
        cloud: { eksClusterName: c.names.eksCluster, logGroup: c.names.logGroup, secretsKeyAlias: c.names.secretsKeyAlias, logsKeyAlias: c.names.logsKeyAlias },
        platform: {
          addons: (c.platform?.addons ?? []).map((a) => ({ name: a.name, version: a.version ?? null, chosenBy: a.chosenBy })),
          charts: (c.platform?.charts ?? []).map((h) => ({ name: h.name, chart: h.chart, version: h.version, repository: h.repository })),
        },
        manifests: files.get(c.id) ?? [],
      };
    }),
    apps: fleet.apps.map((app) => ({
      name: app.name,
      kind: app.kind,
      path: app.path,
      namespace: app.namespace,
      placement: app.placement,
      residency: app.residency ?? null,
      nodePool: app.nodePool ?? null,
      clusters: app.placements.map(({ clusterId, spec }) => ({
        id: clusterId,
        image: spec.image,
        replicas: spec.replicas ?? null,
        autoscaling: spec.autoscaling ?? null,
      })),
      awsRole: app.awsPermissions ? {
        namePrefix: app.awsPermissions.roleName,
        serviceAccount: app.awsPermissions.serviceAccount,
        policy: app.awsPermissions.policy ?? null,
        managedPolicyArns: app.awsPermissions.managedPolicyArns,
      } : null,
    })),
    zones: fleet.zones.map((z) => ({ ...z })),
    loadBalancers: fleet.loadBalancers.map((lb) => ({
      name: lb.name,
      path: lb.path,
      hostname: lb.hostname,
      hostedZone: { name: lb.hostedZone.name, zoneId: lb.hostedZone.zoneId ?? null },
      edge: lb.edge,
      targets: lb.targets,
      routing: lb.routing,
      healthCheck: lb.healthCheck,
      ttlSeconds: lb.ttlSeconds,
      failoverSeconds: lb.failoverSeconds,
      trees: lb.trees.map((t) => ({
        name: t.name,
        app: t.app,
        path: t.path ?? null,
        clusters: t.clusters,
        residency: t.residency ?? null,
        healthCheckPath: t.healthCheckPath,
        records: t.records.map((r) => ({
          name: r.name,
          setIdentifier: r.setIdentifier ?? null,
          routing: describeRecordRouting(r.routing),
          target: r.target,
          evaluateTargetHealth: r.evaluateTargetHealth,
          healthCheck: r.healthCheckOf ?? null,
        })),
        leaves: t.leaves,
      })),
    })),
    accessPolicies: fleet.access.map((a) => ({ ...a })),
    channels: fleet.channels.map((ch) => ({ name: ch.name, path: ch.path, stages: ch.stages.map((s) => ({ name: s.name, clusters: s.clusters })) })),
    waves: (fleet.rolloutPlans[0]?.waves ?? []).map((w) => ({ index: w.index, name: w.name, clusters: w.clusters, bakeMinutes: w.bakeMinutes })),
  };
}

function describeRecordRouting(r: RecordRouting): string {
  switch (r.kind) {
    case 'simple': return 'simple';
    case 'latency': return `latency ${r.region}`;
    case 'weighted': return `weighted ${r.weight}`;
    case 'failover': return `failover ${r.role}`;
    case 'geolocation':
      if (r.continent) return `geolocation continent ${r.continent}`;
      return r.subdivision ? `geolocation subdivision ${r.country}-${r.subdivision}` : `geolocation country ${r.country}`;
  }
}

function sortKeys(o: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}
