import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { assertNoProblems, FleetProblem } from '../errors';
import type { Fleet } from '../fleet';
import type { FleetAssembly } from '../synth/assembly';
import { EksCluster } from './aws/eks-cluster';
import { ClusterManifests } from './cluster-manifests';

/** Args of a {@link FleetDeployment}. */
export interface FleetDeploymentArgs {
  /** The fleet to provision. It is validated and synthesized before anything is registered. */
  readonly fleet: Fleet;
  /**
   * Cluster ids to deploy; the others are left out of this stack.
   * @default - every cluster of the fleet
   */
  readonly clusters?: readonly string[];
  /**
   * CIDRs allowed to reach each cluster's public API endpoint (for example the
   * egress range of the machine running `pulumi up`). Empty keeps the endpoint private.
   * @default [] (private endpoint only)
   */
  readonly publicAccessCidrs?: readonly string[];
  /**
   * Apply each cluster's synthesized manifests through its own Kubernetes provider.
   * Needs network access to the API endpoint.
   * @default true
   */
  readonly applyManifests?: boolean;
  /**
   * Days control-plane logs are kept.
   * @default 90
   */
  readonly logRetentionDays?: number;
  /** Tags added to every AWS resource. @default - fleetform's own */
  readonly tags?: Readonly<Record<string, string>>;
}

/** What a deployed cluster exports. */
export interface DeployedClusterOutputs {
  readonly name: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  /** Secret. */
  readonly kubeconfig: pulumi.Output<string>;
}

/**
 * A whole fleet on AWS: one `aws.Provider` per region, one {@link EksCluster}
 * per cluster and, per cluster, its manifests applied through its own
 * Kubernetes provider. Invalid fleets are refused before any resource is registered.
 */
export class FleetDeployment extends pulumi.ComponentResource {
  // Kept in private fields behind getters: Pulumi walks the enumerable fields
  // of a resource's parents whenever a child depends on another resource, and
  // walking the whole fleet from every manifest group made registration quadratic.
  readonly #regionProviders: Record<string, aws.Provider> = {};
  readonly #clusters: Record<string, EksCluster> = {};
  readonly #manifests: Record<string, ClusterManifests> = {};
  readonly #assembly: FleetAssembly;

  /** Region → its AWS provider. */
  get regionProviders(): Readonly<Record<string, aws.Provider>> {
    return this.#regionProviders;
  }

  /** Cluster id → its EKS cluster component. */
  get clusters(): Readonly<Record<string, EksCluster>> {
    return this.#clusters;
  }

  /** Cluster id → its manifests component. */
  get manifests(): Readonly<Record<string, ClusterManifests>> {
    return this.#manifests;
  }

  /** The synthesized fleet that was deployed. */
  get assembly(): FleetAssembly {
    return this.#assembly;
  }

  constructor(name: string, args: FleetDeploymentArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const assembly = args.fleet.assemble();
    const selected = selectClusters(args);
    super('fleetform:index:FleetDeployment', name, {}, opts);
    this.#assembly = assembly;
    const fleet = args.fleet;

    for (const c of fleet.clusters.filter((x) => selected.has(x.clusterId))) {
      const tags = {
        ...(args.tags ?? {}),
        'fleetform:fleet': fleet.fleetName,
        'fleetform:cluster': c.clusterId,
        'fleetform:environment': c.environment,
        'managed-by': 'fleetform',
      };
      const provider = this.#regionProviders[c.region] ??= new aws.Provider(`${fleet.fleetName}-${c.region}`, { region: c.region as aws.Region }, { parent: this });
      const cluster = new EksCluster(c.clusterId, {
        cluster: c,
        clusterName: `${fleet.fleetName}-${c.clusterId}`,
        publicAccessCidrs: args.publicAccessCidrs ?? [],
        logRetentionDays: args.logRetentionDays ?? 90,
        tags,
      }, { parent: this, providers: [provider] });
      this.#clusters[c.clusterId] = cluster;
      if (args.applyManifests ?? true) {
        const artifact = assembly.clusters.find((a) => a.clusterId === c.clusterId)!;
        this.#manifests[c.clusterId] = new ClusterManifests(`${c.clusterId}-manifests`, {
          artifact,
          kubeconfig: cluster.kubeconfig,
        }, { parent: this, dependsOn: cluster.nodePools });
      }
    }
    this.registerOutputs({ clusters: this.outputs() });
  }

  /** Per cluster id: name, endpoint and kubeconfig (secret), for stack outputs. */
  outputs(): Record<string, DeployedClusterOutputs> {
    return Object.fromEntries(Object.entries(this.clusters).map(([id, c]) => [id, {
      name: c.eksCluster.name,
      endpoint: c.eksCluster.endpoint,
      kubeconfig: c.kubeconfig,
    }]));
  }
}

/** Retention periods CloudWatch Logs accepts, in days. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** The cluster ids to deploy; refuses unknown ids and clusters whose address block is not recorded in a file lock. */
function selectClusters(args: FleetDeploymentArgs): Set<string> {
  const fleet = args.fleet;
  const all = fleet.clusters.map((c) => c.clusterId);
  const problems: FleetProblem[] = [];
  const wanted = args.clusters ?? all;
  for (const id of wanted) {
    if (!all.includes(id)) {
      problems.push({ path: fleet.node.path, message: `cluster "${id}" chosen for deployment is not in the fleet; choose among ${all.join(', ')}` });
    }
  }
  if (wanted.length === 0) problems.push({ path: fleet.node.path, message: 'no cluster is chosen for deployment; list at least one cluster id or leave the choice out to deploy all' });
  // Only a recorded block is guaranteed never to move; a moved VPC CIDR would replace the cluster.
  const lock = fleet.addressLock;
  for (const c of fleet.clusters.filter((x) => wanted.includes(x.clusterId))) {
    if (lock.clusterBlocks[c.clusterId] === undefined) {
      problems.push({
        path: c.node.path,
        message: lock.path !== undefined
          ? `the address block of cluster "${c.clusterId}" is not recorded in ${lock.path}; run the fleet's synth and commit the lock before deploying, so its VPC range can never move`
          : `the address block of cluster "${c.clusterId}" is not recorded in an address lock; give the fleet addressLock: AddressLock.file('fleetform.lock.json'), run its synth and commit the lock before deploying, so its VPC range can never move`,
      });
    }
  }
  const days = args.logRetentionDays;
  if (days !== undefined && !LOG_RETENTION_DAYS.includes(days)) {
    problems.push({ path: fleet.node.path, message: `logRetentionDays ${days} is not a retention CloudWatch offers; use one of ${LOG_RETENTION_DAYS.join(', ')}` });
  }
  assertNoProblems(problems);
  return new Set(wanted);
}
