/**
 * What one FleetDeployment deploys, decided before anything is registered:
 * the clusters chosen for the stack and the load balancers whose targets are
 * all among them, and every reason to refuse the stack, reported together.
 */
import { assertNoProblems, FleetProblem } from '../errors';
import type { ResolvedCluster, ResolvedFleet, ResolvedLoadBalancer } from '../model/resolved';
import { argoCdAccess } from './gitops-access';

/** The options the plan reads. */
export interface DeploymentChoices {
  readonly clusters?: readonly string[];
  readonly wave?: string;
  readonly applyManifests?: boolean;
  readonly manageAddons?: boolean;
  readonly privateEndpointsReachable?: boolean;
  readonly deployer?: string;
  readonly argoCdCapabilityRole?: string;
}

/** What a stack deploys. */
export interface DeploymentPlan {
  /** The chosen clusters, sorted by id. */
  readonly clusters: readonly ResolvedCluster[];
  /** The load balancers whose targets are all chosen, sorted by name. */
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
    if (missing.length > 0) {
      problems.push({ path: lb.path, message: `targets ${missing.join(', ')} are not deployed by this stack; deploy every target of the load balancer together (add them to clusters)` });
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
