import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { assertNoProblems } from '../errors';
import type { Fleet } from '../fleet';
import type { ResolvedCluster, ResolvedLoadBalancer } from '../model/resolved';
import type { FleetAssembly } from '../synth/assembly';
import { AppIdentity, appIdentities } from './aws/app-identities';
import { CallNetwork, checkCallLinks, PeerRoutes } from './aws/call-network';
import { EksCluster } from './aws/eks-cluster';
import { ClusterManifests } from './cluster-manifests';
import { checkDeploymentOptions, optionsPath } from './deployment-options';
import { planDeployment } from './deployment-plan';
import { checkAgainstPreviousDeploy, DeploymentRecord, requireRecordExported } from './deployment-record';
import type { ClusterStacks, EdgePlacement } from './edge/cluster-stacks';
import { ClusterAlbExports, clusterAlbExports, ClusterStackAlbs } from './edge/edge-stack';
import { existingZones, hostedZones, loadBalancerCertificates, loadBalancerEdges, targetAlbs } from './edge/fleet-edge';
import type { LoadBalancerEdge } from './edge/load-balancer-edge';
import { FleetRootCa } from './aws/fleet-root-ca';
import { ClusterTrust } from './cluster-trust';
import { PlatformCharts } from './platform-charts';
import { FleetProviders } from './providers';

/** Args of a {@link FleetDeployment}. */
export interface FleetDeploymentArgs {
  /** The fleet to provision. It is resolved, checked and synthesized before anything is registered. */
  readonly fleet: Fleet;
  /**
   * Cluster ids to deploy; the others are left out of this stack, with the load balancers none of
   * whose targets is here. A cluster or load balancer this stack deployed before may leave it only
   * once `fleet.decommissioned(...)` acknowledges it.
   * @default - every cluster of the fleet
   */
  readonly clusters?: readonly string[];
  /**
   * The wave of the fleet's rollout plan to deploy, by name or by position (`"1"` is the first):
   * its clusters, as `clusters` would list them (give one or the other). One stack per wave lets
   * `pulumi up` reach one wave at a time, in the plan's order.
   * @default - no wave: `clusters`, else every cluster
   */
  readonly wave?: string;
  /**
   * Where the global load balancers' edge is built (Route 53 records and health checks, CloudFront,
   * the certificates):
   * - `'here'`: in this stack, with the clusters; a load balancer only some of whose targets are in
   *   the stack is refused.
   * - `'elsewhere'`: in a stack of its own (`edge: 'only'`). This stack deploys its clusters and, for
   *   each load balancer one of them serves, the regional certificates of their regions, and exports
   *   each cluster's ALB in {@link FleetDeployment.albs} (export it as `fleetformAlbs`); a load
   *   balancer only some of whose targets are here is fine.
   * - `'only'`: the edge alone, every load balancer of the fleet, no cluster (`clusters` and `wave`
   *   are refused): the records point at the ALBs the cluster stacks export, read through a
   *   StackReference to each stack `clusterStacks` names. Deploy it after the cluster stacks.
   *
   * With the edge split, each load balancer's hosted zone must exist already (`HostedZone.existing`).
   * @default 'here'
   */
  readonly edge?: EdgePlacement;
  /**
   * With `edge: 'only'`, the stack that deploys each target cluster: a template where `{cluster}` is
   * the cluster id and `{wave}` its rollout wave's name (`"acme-{wave}"`), a record of cluster id to
   * stack name, or a function of both. A name without `/` is a stack of this stack's organization
   * and project.
   * @default - none; required with `edge: 'only'`
   */
  readonly clusterStacks?: ClusterStacks;
  /**
   * Apply each cluster's synthesized manifests (and install its controllers) through its own
   * Kubernetes provider, from wherever pulumi runs: that needs network access to each API endpoint,
   * so a cluster whose endpoint is private only is refused unless `privateEndpointsReachable`.
   * @default true
   */
  readonly applyManifests?: boolean;
  /**
   * Whether pulumi reaches the clusters' private API endpoints (it runs inside their VPCs or in a
   * network peered with them), so manifests may be applied to clusters whose endpoint is private only.
   * @default false
   */
  readonly privateEndpointsReachable?: boolean;
  /**
   * The IAM role or user ARN pulumi runs as (`await deployerFromCallerIdentity()` finds it). EKS
   * clusters are created without a bootstrap admin, so the deployer gets a visible cluster-admin
   * access entry on each deployed cluster, unless it is one of the cluster's cluster-admin grants,
   * whose entry then serves; clusters an earlier fleetform created with the creator as admin get none.
   * Needed to apply manifests to clusters created without a bootstrap admin.
   * @default - none
   */
  readonly deployer?: string;
  /**
   * The IAM role of the managed Argo CD capability of EKS (its capability role), for a fleet with an
   * `ArgoCdDelivery`: each deployed cluster gets an access entry for it, associated with
   * AmazonEKSClusterAdminPolicy at cluster scope, so Argo CD can deliver the manifests of `argocd/` to it
   * (unless a cluster-admin grant or the deployer's entry already names the role).
   * @default - none: register the role's access yourself
   * @see https://docs.aws.amazon.com/eks/latest/userguide/argocd-register-clusters.html
   */
  readonly argoCdCapabilityRole?: string;
  /**
   * Days control-plane logs are kept.
   * @default 90
   */
  readonly logRetentionDays?: number;
  /**
   * Install each cluster's platform: the EKS add-ons chosen for its Kubernetes minor (vpc-cni
   * enforcing network policies, coredns, kube-proxy, the Pod Identity agent, the EBS CSI driver),
   * each add-on that calls AWS with its own Pod Identity role, and, with `applyManifests`, the
   * controllers as pinned Helm releases (AWS Load Balancer Controller, Cluster Autoscaler,
   * metrics-server) with their Pod Identity roles. With `applyManifests: false` the add-ons and the
   * controllers' roles and associations are still created; install the charts listed in fleet.json
   * with the service accounts named there.
   *
   * When false, none of it is created (the node role then keeps the CNI policy, for the aws-node
   * EKS bootstraps), and the fleet's HPAs, Ingresses and NetworkPolicies do nothing until you
   * install yourself: vpc-cni with network policy enabled and its IAM role, coredns, kube-proxy, the
   * EKS Pod Identity agent, the EBS CSI driver and its role, metrics-server, the AWS Load Balancer
   * Controller with IngressClass `alb` and its role, and a node autoscaler. A stack with global
   * load balancers is refused: they need the Load Balancer Controller's ALBs.
   *
   * An EKS Auto Mode cluster (`ComputeMode.AUTO_MODE`) gets no EKS add-on, no Load Balancer
   * Controller and no Cluster Autoscaler either way: AWS runs networking, kube-proxy, CoreDNS, the
   * Pod Identity agent, block storage, node scaling and the ALB itself; only metrics-server is installed.
   * @default true
   */
  readonly manageAddons?: boolean;
  /**
   * Also put the fleet's `tags` on every node (the EC2 instances), not only on the cloud resources.
   * The instances carry fleetform's own tags (fleet, cluster, environment, managed-by, Name)
   * either way. With this on, adding, changing or removing a fleet tag makes a new launch
   * template version for every node group, which replaces every node of every cluster (a
   * rolling update, one node at a time per group); for a fleet with tags, switching it on or off does so once.
   * @default false
   */
  readonly copyFleetTagsToNodes?: boolean;
}

/** What a deployed load balancer exports. */
export interface DeployedLoadBalancerOutputs {
  readonly hostname: string;
  /** The CloudFront distribution's domain, for path-routed load balancers. */
  readonly distribution?: pulumi.Output<string>;
}

/** What a deployed cluster exports. */
export interface DeployedClusterOutputs {
  readonly name: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  /** Secret. */
  readonly kubeconfig: pulumi.Output<string>;
  /** Add-on name → its version (for an add-on left to EKS, the default EKS resolved for the minor), when the deployment manages add-ons. */
  readonly addons?: Record<string, pulumi.Output<string>>;
  /** Controller → its chart version, when the deployment installs the controllers. */
  readonly releases?: Record<string, pulumi.Output<string>>;
}

/**
 * A whole fleet on AWS, in phases: the clusters (per cluster a network, IAM,
 * a KMS key, the EKS control plane, access entries, node groups and its EKS
 * add-ons, through the provider of its region), then what runs in each cluster
 * through its own Kubernetes provider: its controllers (Helm releases, after
 * its node groups and add-ons, the Load Balancer Controller first), then its
 * manifests (after the controllers and add-ons). Each app with `awsPermissions`
 * gets one IAM role in the stack and one EKS Pod Identity association on each of
 * its clusters here, before that cluster's manifests. A fleet with an AWS Private CA
 * trust root gets its root CA first (created, or the existing one read), and on each
 * cluster, after the controllers and before the manifests, the CA's issuer and its
 * certificate's ConfigMap. What holds state is guarded
 * unless its cluster or load balancer is decommissioning.
 *
 * Reads only the resolved fleet. Refused before any resource is registered:
 * an invalid fleet, options of the wrong shape, manifests applied through
 * private endpoints pulumi is not said to reach, clusters pulumi would have no
 * access to, and a cluster the code dropped without `fleet.decommissioned`.
 * A cluster or load balancer the stack deployed before and leaves out now,
 * unacknowledged, fails the program before any provider is registered.
 */
export class FleetDeployment extends pulumi.ComponentResource {
  // Kept in private fields behind getters: Pulumi walks the enumerable fields
  // of a resource's parents whenever a child depends on another resource, and
  // walking the whole fleet from every manifest group made registration quadratic.
  readonly #providers: FleetProviders;
  readonly #clusters: Record<string, EksCluster> = {};
  readonly #manifests: Record<string, ClusterManifests> = {};
  readonly #charts: Record<string, PlatformCharts> = {};
  readonly #edges: LoadBalancerEdge[] = [];
  readonly #assembly: FleetAssembly;
  readonly #loadBalancers: readonly ResolvedLoadBalancer[];
  readonly #deployer?: string;
  readonly #record: Record<string, DeploymentRecord>;
  readonly #albs: ClusterAlbExports = {};
  readonly #appIdentities: Record<string, AppIdentity> = {};
  readonly #rootCa?: FleetRootCa;
  readonly #trust: Record<string, ClusterTrust> = {};

  /** Region → its AWS provider. */
  get regionProviders(): Readonly<Record<string, aws.Provider>> {
    return this.#providers.regions;
  }

  /** Cluster id → its EKS cluster component. */
  get clusters(): Readonly<Record<string, EksCluster>> {
    return this.#clusters;
  }

  /** Cluster id → its manifests component. */
  get manifests(): Readonly<Record<string, ClusterManifests>> {
    return this.#manifests;
  }

  /** Cluster id → its controllers' Helm releases (when the deployment installs them). */
  get charts(): Readonly<Record<string, PlatformCharts>> {
    return this.#charts;
  }

  /** The global load balancers' Route 53 trees and distributions. */
  get loadBalancers(): readonly LoadBalancerEdge[] {
    return this.#edges;
  }

  /**
   * With `edge: 'elsewhere'`, per deployed cluster the DNS name of the ALB that serves each load
   * balancer (cluster id → load balancer name → name); empty otherwise. Export it as the stack
   * output `fleetformAlbs` (`export const fleetformAlbs = deployment.albs`): the edge-only stack reads it.
   */
  get albs(): Readonly<ClusterAlbExports> {
    return this.#albs;
  }

  /**
   * App name → its AWS identity in this stack (its IAM role, and its Pod Identity association on
   * each of its clusters here), for the apps with `awsPermissions` that land on a cluster of the stack.
   */
  get appIdentities(): Readonly<Record<string, AppIdentity>> {
    return this.#appIdentities;
  }

  /** The fleet's root CA (created here, or the existing one read), when the fleet has a trust root. */
  get rootCa(): FleetRootCa | undefined {
    return this.#rootCa;
  }

  /** Cluster id → its trust issuer and CA certificate ConfigMap (when the fleet has a trust root and manifests are applied). */
  get trust(): Readonly<Record<string, ClusterTrust>> {
    return this.#trust;
  }

  /** The IAM principal that runs pulumi, as the `deployer` option gave it. */
  get deployer(): string | undefined {
    return this.#deployer;
  }

  /**
   * What this deployment deploys (cluster ids and load balancer names), by deployment name. Export it
   * as the stack output `fleetform` (`export const fleetform = deployment.record`): the next deploy
   * reads it back and refuses to drop anything in it that `fleet.decommissioned(...)` does not
   * acknowledge. A program that does not export it is refused.
   */
  get record(): Readonly<Record<string, DeploymentRecord>> {
    return this.#record;
  }

  /** The synthesized fleet that was deployed. */
  get assembly(): FleetAssembly {
    return this.#assembly;
  }

  constructor(name: string, args: FleetDeploymentArgs, opts: pulumi.ComponentResourceOptions = {}) {
    assertNoProblems(checkDeploymentOptions(name, args));
    // Only the deployed clusters' manifests are read, so only theirs are rendered: a stack of one cluster of a large fleet pays for one.
    const assembly = args.fleet.assemble({ renderOnDemand: true });
    const plan = planDeployment(assembly.fleet, args);
    const selected = plan.clusters;
    assertNoProblems(checkTrustPlacement(name, assembly.fleet, args));
    assertNoProblems(checkCallLinks(assembly.fleet, selected));
    super('fleetform:index:FleetDeployment', name, {}, opts);
    this.#assembly = assembly;
    this.#loadBalancers = plan.loadBalancers;
    this.#deployer = args.deployer;
    this.#record = { [name]: { clusters: selected.map((c) => c.id), loadBalancers: plan.loadBalancers.map((lb) => lb.name) } };
    // Nothing is registered with a provider (and so nothing is created or deleted) unless nothing this stack deployed
    // before goes missing by accident; the stack must export the record for the next deploy to tell.
    const checked = checkAgainstPreviousDeploy(name, this.#record[name], assembly.fleet, this);
    requireRecordExported(name, this.#record);
    this.#providers = new FleetProviders(assembly.fleet.fleet.name, this, checked);

    // The fleet's root CA, before the clusters: each cluster's Private CA issuer role names it.
    // A user-provided CA has no AWS side: the External Secrets Operator reads it on each cluster.
    const trust = assembly.fleet.trust;
    if (trust && trust.kind !== 'user-provided' && selected.length > 0) {
      this.#rootCa = new FleetRootCa(`${assembly.fleet.fleet.name}-root-ca`, {
        trust,
        provider: this.#providers.region(trust.region!),
        tags: { ...assembly.fleet.fleet.tags, 'fleetform:fleet': assembly.fleet.fleet.name, 'managed-by': 'fleetform' },
      }, { parent: this });
    }

    // Phase 1: the clusters, each through the provider of its region; the route tables of clusters
    // peered for calls across clusters take their peer routes once the peerings below exist.
    const peerRoutes = new PeerRoutes(assembly.fleet.calls, selected);
    for (const c of selected) {
      const routes = peerRoutes.of(c.id);
      this.#clusters[c.id] = new EksCluster(c.names.resource, {
        cluster: c,
        logRetentionDays: args.logRetentionDays ?? 90,
        manageAddons: args.manageAddons ?? true,
        ...(plan.deployerEntries.includes(c.id) ? { deployer: args.deployer } : {}),
        ...(plan.argoCdEntries.includes(c.id) ? { argoCdCapabilityRole: args.argoCdCapabilityRole } : {}),
        copyFleetTagsToNodes: args.copyFleetTagsToNodes ?? false,
        ...(this.#rootCa ? { certificateAuthorityArn: this.#rootCa.arn } : {}),
        ...(routes ? { peerRoutes: routes } : {}),
      }, { parent: this, providers: [this.#providers.region(c.region)] });
    }
    // Only a fleet whose apps call across clusters of this stack registers it.
    const hasCalls = assembly.fleet.calls.exposures.some((e) => selected.some((c) => c.id === e.clusterId))
      || assembly.fleet.calls.links.some((l) => selected.some((c) => c.id === l.a));
    const calls = hasCalls ? new CallNetwork(`${name}-calls`, {
      fleet: assembly.fleet, selected, clusters: this.#clusters, peerRoutes,
      region: (region) => this.#providers.region(region), global: this.#providers.global(),
    }, { parent: this }) : undefined;

    // The apps' AWS identities: one role per app, one Pod Identity association on each of its clusters here.
    Object.assign(this.#appIdentities, appIdentities(assembly.fleet.apps, selected, {
      clusterName: (id) => this.#clusters[id].eksCluster.name,
      region: (region) => this.#providers.region(region),
      global: () => this.#providers.global(),
    }, this));
    // EKS gives a pod its credentials when the pod is created: an app's pods start after its association.
    const associationsOn = (c: ResolvedCluster) => Object.values(this.#appIdentities).flatMap((i) => (i.associations[c.id] ? [i.associations[c.id]] : []));

    // The load balancers' certificates come before the manifests, so each cluster's controller finds its region's.
    const edge = args.edge ?? 'here';
    const fleet = { ...assembly.fleet, loadBalancers: plan.loadBalancers };
    const zones = edge === 'here' ? hostedZones(fleet, this.#providers, this) : existingZones(fleet);
    const certificates = loadBalancerCertificates(fleet, zones, this.#providers, this, edge === 'here' ? undefined
      : { regionsOf: new Set(selected.map((c) => c.id)), cloudfront: edge === 'only', retainValidation: true });
    const certificatesOf = (c: ResolvedCluster) => fleet.loadBalancers.filter((lb) => lb.targets.includes(c.id))
      .map((lb) => certificates.get(lb.name)!.regional[c.region]);

    // Phase 2: in each cluster, through its own Kubernetes provider, once its nodes are up: the
    // controllers, then the manifests (Ingresses need the Load Balancer Controller's webhook, HPAs metrics).
    if (args.applyManifests ?? true) {
      const artifacts = new Map(assembly.clusters.map((a) => [a.clusterId, a]));
      for (const c of selected) {
        const cluster = this.#clusters[c.id];
        // Every call through the provider waits for the access entries, the deployer's among them.
        const provider = this.#providers.kubernetes(c.names.resource, cluster.kubeconfig, cluster.access);
        const platform = cluster.platform;
        const before: pulumi.Resource[] = [...cluster.nodePools];
        if (platform) {
          this.#charts[c.id] = new PlatformCharts(`${c.names.resource}-platform`, {
            stem: c.names.resource,
            charts: c.platform!.charts,
            provider,
            vpcId: cluster.network.vpc.id,
            after: [...cluster.nodePools, platform.baseAddons, platform.addons, platform.controllers],
          }, { parent: this });
          before.push(platform.baseAddons, platform.addons, this.#charts[c.id]);
          const releases = this.#charts[c.id].releases;
          if (trust && this.#rootCa && releases['aws-privateca-issuer'] && releases['trust-manager']) {
            this.#trust[c.id] = new ClusterTrust(`${c.names.resource}-trust`, {
              stem: c.names.resource, trust, caArn: this.#rootCa.arn, caCertificate: this.#rootCa.certificate, provider,
              after: [releases['aws-privateca-issuer'], releases['trust-manager']],
            }, { parent: this });
            before.push(this.#trust[c.id]);
          }
        }
        this.#manifests[c.id] = new ClusterManifests(`${c.names.resource}-manifests`, {
          artifact: artifacts.get(c.id)!,
          provider,
          stem: c.names.resource,
        }, { parent: this, dependsOn: [...before, ...certificatesOf(c), ...associationsOn(c)] });
      }
    }

    // The private names of apps called across clusters, once their internal NLBs exist.
    calls?.addRecords(this.#manifests);

    // Phase 3: the edge, once every target cluster's ALB exists: here, or the ALBs exported for the edge's own stack.
    if (edge === 'here') {
      this.#edges.push(...loadBalancerEdges(fleet, zones, certificates, (lb) => targetAlbs(lb, fleet, this.#manifests, this.#providers, this), this.#providers, this));
    } else if (edge === 'only') {
      const stacks = new ClusterStackAlbs(name, fleet, args.clusterStacks!, this.#providers, this);
      this.#edges.push(...loadBalancerEdges(fleet, zones, certificates, (lb) => stacks.albsOf(lb), this.#providers, this));
    } else {
      Object.assign(this.#albs, clusterAlbExports(fleet, selected, this.#manifests));
    }
    this.registerOutputs({ clusters: this.outputs(), deployer: this.deployer, record: this.#record });
  }

  /** Per load balancer this stack deploys: its host name and, for path routes, its distribution's domain. */
  loadBalancerOutputs(): Record<string, DeployedLoadBalancerOutputs> {
    return Object.fromEntries(this.#loadBalancers.map((lb, i) => [lb.name, {
      hostname: lb.hostname,
      ...(this.#edges[i]?.cloudfront ? { distribution: this.#edges[i].cloudfront!.distribution.domainName } : {}),
    }]));
  }

  /** Per cluster id: name, endpoint, kubeconfig (secret) and the platform's versions, for stack outputs. */
  outputs(): Record<string, DeployedClusterOutputs> {
    return Object.fromEntries(Object.entries(this.clusters).map(([id, c]) => {
      const platform = c.platform;
      const charts = this.#charts[id];
      const addons = platform ? { ...platform.baseAddons.addons, ...platform.addons.addons } : undefined;
      return [id, {
        name: c.eksCluster.name,
        endpoint: c.eksCluster.endpoint,
        kubeconfig: c.kubeconfig,
        ...(addons ? { addons: Object.fromEntries(Object.entries(addons).map(([n, a]) => [n, a!.addonVersion])) } : {}),
        ...(charts ? { releases: Object.fromEntries(Object.entries(charts.releases).map(([n, r]) => [n, r!.version])) } : {}),
      }];
    }));
  }
}

/**
 * A root CA the deployment creates must be created once for the whole fleet: a stack that deploys
 * part of it (some clusters, a wave, or an edge of its own) would create a root of its own, which the
 * other stacks' clusters would not trust. Such fleets create the CA once and name it in every stack.
 */
function checkTrustPlacement(name: string, fleet: FleetAssembly['fleet'], args: FleetDeploymentArgs): { path: string; message: string }[] {
  if (fleet.trust?.kind !== 'aws-private-ca') return [];
  const split = [
    ...(args.clusters !== undefined ? ['clusters'] : []),
    ...(args.wave !== undefined ? ['wave'] : []),
    ...((args.edge ?? 'here') !== 'here' ? [`edge: '${args.edge}'`] : []),
  ];
  if (split.length === 0) return [];
  return [{
    path: optionsPath(name),
    message: `the fleet's trust is FleetTrust.awsPrivateCa(), which creates the root CA in the stack that deploys the whole fleet, but this deployment deploys part of it (${split.join(', ')}); `
      + 'every stack would create a root of its own and no cluster would trust another stack\'s: create the CA once (a stack of its own, or by hand) and give the fleet FleetTrust.existingAwsPrivateCa({ arn })',
  }];
}
