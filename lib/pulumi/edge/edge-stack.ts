/**
 * The edge in a stack of its own. A stack that deploys clusters with the edge
 * elsewhere exports, per cluster, the DNS name of the ALB that serves each
 * load balancer (the status of the cluster's Ingress); the edge-only stack
 * reads those exports through one `pulumi.StackReference` per cluster stack
 * and builds its Route 53 records on them. The canonical hosted zone of a
 * region's ALBs is AWS's lookup, in either stack.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { FleetValidationError } from '../../errors';
import type { ResolvedCluster, ResolvedFleet, ResolvedLoadBalancer } from '../../model/resolved';
import { answered, isText } from '../cloud-answers';
import type { ClusterManifests } from '../cluster-manifests';
import { optionsPath } from '../deployment-options';
import { ownStackName } from '../deployment-record';
import type { FleetProviders } from '../providers';
import { ClusterStacks, givenStackName, qualifiedStackName, waveOf } from './cluster-stacks';
import type { ClusterAlb } from './record-tree';

/** The stack output where a stack whose edge is elsewhere exports its ALBs: cluster id → load balancer name → ALB DNS name. */
export const ALBS_OUTPUT = 'fleetformAlbs';

/** Cluster id → load balancer name → the DNS name of the cluster's ALB that serves it. */
export type ClusterAlbExports = Record<string, Record<string, pulumi.Output<string>>>;

/** The tree of `lb` that cluster `id` serves in, and the Ingress that puts it on the cluster's ALB. */
function ingressOf(lb: ResolvedLoadBalancer, c: ResolvedCluster): { chart: string; namespace: string; name: string } | undefined {
  const tree = lb.trees.find((t) => t.clusters.includes(c.id));
  if (!tree) return undefined;
  // Every Ingress of a cluster joins the fleet's ALB group, so any tree's Ingress names the cluster's one ALB.
  return { chart: `edge-${lb.name}`, namespace: c.apps.find((a) => a.name === tree.app)!.spec.namespace, name: `${lb.name}-${tree.slug || 'main'}` };
}

/** The DNS name of the ALB that serves `lb` on cluster `c`, from the status of its Ingress; undefined when `c` serves no tree of it. */
export function ingressAlb(lb: ResolvedLoadBalancer, c: ResolvedCluster, manifests: ClusterManifests): pulumi.Output<string> | undefined {
  const ingress = ingressOf(lb, c);
  return ingress ? manifests.ingressHostname(ingress.chart, ingress.namespace, ingress.name) : undefined;
}

/** What a stack whose edge is elsewhere exports: per deployed cluster, the ALB of each load balancer it serves. */
export function clusterAlbExports(fleet: ResolvedFleet, deployed: readonly ResolvedCluster[], manifests: Readonly<Record<string, ClusterManifests>>): ClusterAlbExports {
  const exports: ClusterAlbExports = {};
  for (const c of deployed) {
    const albs: Record<string, pulumi.Output<string>> = {};
    for (const lb of fleet.loadBalancers.filter((x) => x.targets.includes(c.id))) {
      const alb = manifests[c.id] ? ingressAlb(lb, c, manifests[c.id]) : undefined;
      if (alb) albs[lb.name] = alb;
    }
    if (Object.keys(albs).length > 0) exports[c.id] = albs;
  }
  return exports;
}

/** The canonical hosted zone of application load balancers in the cluster's region, from AWS, never copied by hand. */
export function albZoneId(c: ResolvedCluster, providers: FleetProviders, parent: pulumi.Resource): pulumi.Output<string> {
  return aws.lb.getHostedZoneIdOutput({ loadBalancerType: 'application', region: c.region }, { parent, provider: providers.region(c.region) }).id
    .apply((id) => answered(id, c.path, `aws.lb.getHostedZoneId(${c.region})`, 'hosted zone id of application load balancers', isText));
}

/** The stack that deploys cluster `id`, fully qualified (`<organization>/<project>/<stack>`); undefined when `stacks` names none. */
export function clusterStackName(stacks: ClusterStacks, fleet: ResolvedFleet, id: string): string | undefined {
  const name = givenStackName(stacks, id, waveOf(fleet, id));
  return name === undefined ? undefined : qualifiedStackName(name, ownStackName());
}

/**
 * Reads the ALBs of the load balancers' targets from the stacks that deploy them: one StackReference
 * per stack, named after the deployment and the stack. A stack that does not export a target's ALB
 * fails the program with the stack, the cluster and the fix.
 */
export class ClusterStackAlbs {
  readonly #references = new Map<string, pulumi.StackReference>();

  constructor(private readonly deployment: string, private readonly fleet: ResolvedFleet, private readonly stacks: ClusterStacks,
    private readonly providers: FleetProviders, private readonly parent: pulumi.Resource) {}

  /** Target cluster id → its ALB, for each cluster that serves a tree of `lb`. */
  albsOf(lb: ResolvedLoadBalancer): Map<string, ClusterAlb> {
    const albs = new Map<string, ClusterAlb>();
    for (const id of lb.targets) {
      const c = this.fleet.clusters.find((x) => x.id === id)!;
      if (!ingressOf(lb, c)) continue;
      const stack = clusterStackName(this.stacks, this.fleet, id)!;
      const reference = this.reference(stack);
      albs.set(id, {
        stem: c.names.resource,
        dnsName: reference.outputs.apply((outputs) => exportedAlb(outputs, stack, this.deployment, c, lb)),
        zoneId: albZoneId(c, this.providers, this.parent),
      });
    }
    return albs;
  }

  /** The stacks read, by name. */
  get references(): ReadonlyMap<string, pulumi.StackReference> {
    return this.#references;
  }

  private reference(stack: string): pulumi.StackReference {
    let r = this.#references.get(stack);
    if (!r) {
      r = new pulumi.StackReference(`${this.deployment}-stack-${stack.replaceAll('/', '-')}`, { name: stack }, { parent: this.parent });
      this.#references.set(stack, r);
    }
    return r;
  }
}

/** The ALB DNS name stack `stack` exports for cluster `c` and load balancer `lb`; a FleetValidationError when it exports none. */
function exportedAlb(outputs: Record<string, unknown> | undefined, stack: string, deployment: string, c: ResolvedCluster, lb: ResolvedLoadBalancer): string {
  const exported = (outputs?.[ALBS_OUTPUT] as Record<string, Record<string, unknown> | undefined> | undefined)?.[c.id]?.[lb.name];
  if (isText(exported)) return exported;
  const why = outputs === undefined || Object.keys(outputs).length === 0
    ? `stack ${stack} has no outputs (it was never deployed, or does not exist)`
    : outputs[ALBS_OUTPUT] === undefined
      ? `stack ${stack} does not export ${ALBS_OUTPUT}`
      : `stack ${stack} exports no ALB of cluster "${c.id}" for load balancer ${lb.name} (${ALBS_OUTPUT}.${c.id}.${lb.name})`;
  throw new FleetValidationError([{
    path: optionsPath(deployment),
    message: `the edge of load balancer ${lb.name} needs the ALB of its target "${c.id}", but ${why}; deploy the cluster's stack first with `
      + `edge: 'elsewhere' and export ${ALBS_OUTPUT}: deployment.albs, or point clusterStacks at the stack that deploys "${c.id}"`,
  }]);
}
