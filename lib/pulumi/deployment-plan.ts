/**
 * What one FleetDeployment deploys, decided before anything is registered:
 * the clusters chosen for the stack and the load balancers whose targets are
 * all among them, and every reason to refuse the stack, reported together.
 */
import { assertNoProblems, FleetProblem } from '../errors';
import type { ResolvedCluster, ResolvedFleet, ResolvedLoadBalancer } from '../model/resolved';
import { ClusterStacks, EdgePlacement, givenStackName, waveOf } from './edge/cluster-stacks';
import { argoCdAccess } from './gitops-access';

/** The options the plan reads. */
export interface DeploymentChoices {
  readonly clusters?: readonly string[];
  readonly wave?: string;
  readonly applyManifests?: boolean;
  readonly manageAddons?: boolean;
  readonly privateEndpointsReachable?: boolean;
  readonly deployer?: string;
  readonly edge?: EdgePlacement;
  readonly clusterStacks?: ClusterStacks;
  readonly argoCdCapabilityRole?: string;
}

/** What a stack deploys. */
export interface DeploymentPlan {
  /** The chosen clusters, sorted by id. */
  readonly clusters: readonly ResolvedCluster[];
  /**
   * The load balancers the stack deploys, sorted by name: with the edge here, those whose targets
   * are all chosen; with the edge elsewhere, those with a target chosen (their regional
   * certificates); an edge-only stack, all of them.
   */
  readonly loadBalancers: readonly ResolvedLoadBalancer[];
  /** Ids of the chosen clusters where the deployer gets an access entry of its own. */
  readonly deployerEntries: readonly string[];
  /** Ids of the chosen clusters where the Argo CD capability role gets an access entry of its own. */
  readonly argoCdEntries: readonly string[];
}

/**
 * The clusters and load balancers a stack deploys; refuses unknown ids,
 * clusters whose address block is not recorded in the lock, load balancers
 * only some of whose targets are deployed, manifests applied through
 * private endpoints pulumi is not said to reach, clusters pulumi would have no
 * access to, and clusters the code dropped without saying so.
 */
export function planDeployment(fleet: ResolvedFleet, choices: DeploymentChoices): DeploymentPlan {
  if (choices.edge === 'only') return planEdgeOnly(fleet, choices);
  const edgeHere = (choices.edge ?? 'here') === 'here';
  const all = fleet.clusters.map((c) => c.id);
  const problems: FleetProblem[] = [];
  const wave = choices.wave !== undefined ? waveClusters(fleet, choices, problems) : undefined;
  const wanted = wave ?? choices.clusters ?? all;
  for (const id of wanted) {
    if (!all.includes(id)) {
      problems.push({ path: fleet.fleet.path, message: `cluster "${id}" chosen for deployment is not in the fleet; choose among ${all.join(', ')}` });
    }
  }
  if (wanted.length === 0 && choices.wave === undefined) problems.push({ path: fleet.fleet.path, message: 'no cluster is chosen for deployment; list at least one cluster id or leave the choice out to deploy all' });
  const selected = fleet.clusters.filter((c) => wanted.includes(c.id));
  problems.push(...unrecordedBlocks(fleet, selected), ...droppedClusters(fleet));
  if (choices.clusterStacks !== undefined) {
    problems.push({ path: fleet.fleet.path, message: 'clusterStacks tells an edge-only stack where the clusters\' ALBs are exported; give it with edge: \'only\', or leave it out' });
  }
  const applyManifests = choices.applyManifests ?? true;
  if (applyManifests && choices.privateEndpointsReachable !== true) problems.push(...privateEndpoints(selected));
  const deployer = deployerAccess(selected, choices.deployer, applyManifests);
  problems.push(...deployer.problems);
  const argoCd = argoCdAccess(fleet, selected, choices.argoCdCapabilityRole, { principal: choices.deployer, clusters: deployer.entries });
  problems.push(...argoCd.problems);

  // A load balancer needs every target's ALB, which exists once the target's manifests are applied.
  const loadBalancers: ResolvedLoadBalancer[] = [];
  for (const lb of fleet.loadBalancers) {
    const missing = lb.targets.filter((id) => !wanted.includes(id));
    if (missing.length === lb.targets.length) continue; // none of its targets here: another stack deploys it
    loadBalancers.push(lb);
    if (!edgeHere) problems.push(...createdZone(lb), ...splitRegions(fleet, lb, wanted));
    if (missing.length > 0 && edgeHere) {
      problems.push({ path: lb.path, message: `targets ${missing.join(', ')} are not deployed by this stack; deploy every target of the load balancer together (add them to clusters), or build the edge in a stack of its own (edge: 'elsewhere' here, edge: 'only' there)` });
    }
    if (!applyManifests) {
      problems.push({ path: lb.path, message: 'the load balancer needs each target\'s ALB, which exists once its manifests are applied; leave applyManifests on for this stack' });
    }
    if (choices.manageAddons === false) {
      problems.push({ path: lb.path, message: 'the load balancer needs each target\'s ALB, which the AWS Load Balancer Controller builds; leave manageAddons on for this stack' });
    }
  }
  assertNoProblems(problems);
  return { clusters: selected, loadBalancers, deployerEntries: deployer.entries, argoCdEntries: argoCd.entries };
}

/**
 * An edge-only stack: no cluster, every load balancer, each target's ALB read from the stack
 * `clusterStacks` names for it.
 */
function planEdgeOnly(fleet: ResolvedFleet, choices: DeploymentChoices): DeploymentPlan {
  const at = fleet.fleet.path;
  const problems: FleetProblem[] = [];
  if (choices.clusters !== undefined || choices.wave !== undefined) {
    problems.push({ path: at, message: 'an edge-only stack (edge: \'only\') deploys no cluster; leave clusters and wave out, and deploy the clusters in their own stacks with edge: \'elsewhere\'' });
  }
  if (fleet.loadBalancers.length === 0) problems.push({ path: at, message: 'an edge-only stack (edge: \'only\') has nothing to deploy: the fleet has no global load balancer; leave edge out' });
  if (choices.clusterStacks === undefined && fleet.loadBalancers.length > 0) {
    problems.push({ path: at, message: 'an edge-only stack reads each target cluster\'s ALB from the stack that deploys it; give clusterStacks, such as "acme-{wave}" or { "production-eu-west-1": "acme-production" }' });
  }
  if (choices.argoCdCapabilityRole !== undefined) {
    problems.push({ path: at, message: 'argoCdCapabilityRole gives Argo CD an access entry on the clusters a stack deploys, and an edge-only stack (edge: \'only\') deploys none; give it to the cluster stacks instead' });
  }
  problems.push(...droppedClusters(fleet));
  for (const lb of fleet.loadBalancers) {
    problems.push(...createdZone(lb));
    if (choices.clusterStacks === undefined) continue;
    const stacks = choices.clusterStacks;
    const unnamed = lb.targets.filter((id) => givenStackName(stacks, id, waveOf(fleet, id)) === undefined);
    if (unnamed.length > 0) {
      problems.push({ path: lb.path, message: `clusterStacks names no stack for targets ${unnamed.join(', ')}; give each target the stack that deploys it` });
    }
  }
  assertNoProblems(problems);
  return { clusters: [], loadBalancers: fleet.loadBalancers, deployerEntries: [], argoCdEntries: [] };
}

/**
 * A stack whose edge is elsewhere issues the load balancer's certificate of each region its targets
 * run in, which their ALBs find by host name: a target of the same region in another stack would
 * issue a second one of the same name there, and the AWS Load Balancer Controller refuses a host
 * name that more than one certificate matches.
 */
function splitRegions(fleet: ResolvedFleet, lb: ResolvedLoadBalancer, wanted: readonly string[]): FleetProblem[] {
  const regionOf = new Map(fleet.clusters.map((c) => [c.id, c.region]));
  const here = new Set(lb.targets.filter((id) => wanted.includes(id)).map((id) => regionOf.get(id)!));
  const away = lb.targets.filter((id) => !wanted.includes(id) && here.has(regionOf.get(id)!));
  if (away.length === 0) return [];
  return [{
    path: lb.path,
    message: `targets ${away.join(', ')} share a region with targets this stack deploys, whose certificate of ${lb.hostname} this stack issues; `
      + 'a second stack would issue another of the same name there, which the ALBs\' controller cannot choose between; deploy the load balancer\'s targets of one region in one stack (add them to clusters)',
  }];
}

/**
 * Stacks that split the edge share its hosted zone: each cluster stack validates its regional
 * certificates in it before the edge stack runs, so the zone must exist before either.
 */
function createdZone(lb: ResolvedLoadBalancer): FleetProblem[] {
  if (lb.hostedZone.zoneId !== undefined) return [];
  return [{
    path: lb.path,
    message: `the hosted zone ${lb.hostedZone.name} is created by the deployment, but with the edge in a stack of its own the cluster stacks validate their certificates in it first; `
      + `create the zone once (or keep it from an earlier deploy) and give hostedZone: HostedZone.existing('<zone id>', '${lb.hostedZone.name}')`,
  }];
}

/** The clusters of the wave chosen for deployment; problems say why none can be chosen. */
function waveClusters(fleet: ResolvedFleet, choices: DeploymentChoices, problems: FleetProblem[]): string[] {
  const at = fleet.fleet.path;
  if (choices.clusters !== undefined) problems.push({ path: at, message: 'choose clusters or a wave for deployment, not both; leave clusters out to deploy the wave\'s' });
  // A fleet has at most one rollout plan (a rule refuses a second).
  const named = fleet.rolloutPlans[0];
  if (named === undefined) {
    problems.push({ path: at, message: `wave "${choices.wave}" is chosen for deployment, but the fleet has no rollout plan; add a RolloutPlan, or choose clusters` });
    return [];
  }
  const wave = named.waves.find((w) => w.name === choices.wave || String(w.index) === choices.wave);
  if (wave === undefined) {
    problems.push({ path: named.path, message: `wave "${choices.wave}" chosen for deployment is not in rollout plan ${named.name}; choose among ${named.waves.map((w) => `${w.index} (${w.name})`).join(', ')}` });
    return [];
  }
  return [...wave.clusters];
}

/**
 * Where the deployer needs an access entry of its own: on each cluster created
 * without a bootstrap admin (`creatorAdmin` false), unless one of the
 * cluster's cluster-admin grants is the deployer, whose entry then serves
 * (EKS refuses a second entry for one principal). Without a deployer such a
 * cluster's manifests cannot be applied.
 */
function deployerAccess(selected: readonly ResolvedCluster[], deployer: string | undefined, applyManifests: boolean): { entries: string[]; problems: FleetProblem[] } {
  const entries: string[] = [];
  const problems: FleetProblem[] = [];
  for (const c of selected.filter((x) => !x.creatorAdmin)) {
    if (deployer === undefined) {
      if (!applyManifests) continue;
      problems.push({
        path: c.path,
        message: `cluster "${c.id}" is created without a bootstrap admin, so pulumi can apply its manifests only through an access entry of its own; `
          + 'give FleetDeployment deployer: await deployerFromCallerIdentity() (or the ARN of the IAM role pulumi runs as, which may be one of the cluster\'s admins), '
          + 'or applyManifests: false',
      });
      continue;
    }
    const grant = c.grants.find((g) => g.principal === deployer);
    if (grant === undefined) entries.push(c.id);
    else if (grant.level !== 'cluster-admin') {
      problems.push({
        path: c.path,
        message: `the deployer ${deployer} is granted ${grant.level} on cluster "${c.id}", but pulumi needs cluster-admin there and EKS takes one access entry per principal; `
          + 'list it among the environment\'s admins, or run pulumi as another role',
      });
    }
  }
  return { entries, problems };
}

/** Only a recorded block is guaranteed never to move; a moved VPC CIDR would replace the cluster. */
function unrecordedBlocks(fleet: ResolvedFleet, selected: readonly ResolvedCluster[]): FleetProblem[] {
  const lockPath = fleet.addressLock.path;
  return selected.filter((x) => !x.network?.recorded).map((c) => ({
    path: c.path,
    message: lockPath !== undefined
      ? `the address block of cluster "${c.id}" is not recorded in ${lockPath}; run the fleet's synth and commit the lock before deploying, so its VPC range can never move`
      : `the address block of cluster "${c.id}" is not recorded in an address lock; give the fleet addressLock: AddressLock.file('fleetform.lock.json'), run its synth and commit the lock before deploying, so its VPC range can never move`,
  }));
}

/**
 * A cluster the lock records and the code no longer declares may still run:
 * deleting it is a decision (`fleet.decommissioned`), never the side effect of
 * an edit, and it takes two deploys, the first lifting its guards.
 */
function droppedClusters(fleet: ResolvedFleet): FleetProblem[] {
  const lock = fleet.addressLock;
  return lock.retired.filter((id) => !lock.decommissioned.includes(id)).map((id) => ({
    path: fleet.fleet.path,
    message: `cluster "${id}" is recorded in ${lock.path ?? 'the address lock'} but the code no longer declares it, so this deploy would delete it; `
      + `removing a cluster takes two deploys: put it back, call decommission() on it and deploy (its guards lift), then remove it from the code, call fleet.decommissioned('${id}') and deploy `
      + `(if it was never deployed, fleet.decommissioned('${id}') alone)`,
  }));
}

/**
 * Manifests and Helm releases go through each cluster's API endpoint from
 * wherever pulumi runs: a private-only endpoint is out of reach outside the
 * VPC, and a stack that applied through it cannot be destroyed from there
 * either (its Ingresses, and so its ALBs, would stay and block the VPC's deletion).
 */
function privateEndpoints(selected: readonly ResolvedCluster[]): FleetProblem[] {
  return selected.filter((c) => c.apiEndpoint.access === 'private').map((c) => ({
    path: c.path,
    message: `cluster "${c.id}" has a private API endpoint only, and this stack applies its manifests through it from wherever pulumi runs `
      + '(outside the VPC that fails, and pulumi destroy could not delete its Ingresses and their ALBs); '
      + 'open it to the runner with apiEndpoint: ApiEndpoint.publicFrom("<runner CIDR>"), '
      + 'or, when pulumi runs inside the VPC or a network peered with it, give FleetDeployment privateEndpointsReachable: true, '
      + `or give applyManifests: false and deliver dist/${c.id}/ with GitOps`,
  }));
}
