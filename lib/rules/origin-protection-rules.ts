/**
 * Rules of origin protection: a cluster whose ALB admits only CloudFront and
 * Route 53's health checkers (a CloudFront load balancer with
 * `originProtection` targets it) must not also be reached around CloudFront —
 * by a DNS-only load balancer that resolves users to the ALB, or by an app's
 * own internet-facing ingress (its host name resolving to the ALB). Both would be refused at the
 * ALB's security group on a real cluster; here they are refused before any
 * deploy, with both ways out named.
 */
import { ComputeMode } from '../environment-profile';
import type { FleetModel } from '../model/resolved';
import { byCodeUnit } from '../naming';
import { FleetRule, problem, RuleFinding } from './rule';

/** What a cluster's protection comes from, in words, with its verb. */
function askers(names: readonly string[]): string {
  return names.length === 1 ? `load balancer ${names[0]} routes` : `load balancers ${names.join(', ')} route`;
}

/** No DNS-only load balancer and no app's own internet-facing ingress on a protected cluster. */
export const originProtectionReach: FleetRule = {
  id: 'origin-protection-reach',
  description: 'nothing reaches a protected cluster\'s ALB around CloudFront: no DNS-only load balancer targets it and no app has its own internet-facing ingress on it',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const protectedBy = new Map(model.clusters.flatMap((c) => (c.originProtection ? [[c.id, c.originProtection.loadBalancers] as const] : [])));
    if (protectedBy.size === 0) return;
    for (const lb of model.loadBalancers) {
      if (lb.edge !== 'dns') continue;
      const hit = [...new Set(lb.trees.flatMap((t) => t.clusters))].filter((id) => protectedBy.has(id)).sort(byCodeUnit);
      for (const id of hit) {
        const by = protectedBy.get(id)!;
        yield problem(lb.path, `resolves ${lb.hostname} to the ALB of cluster ${id}, which admits only CloudFront and Route 53's health checkers because ${askers(by)} through CloudFront with origin protection; `
          + `give this load balancer routes (so it goes through CloudFront too), or set originProtection: false on ${by.join(' and ')} to leave that ALB open to the internet`);
      }
    }
    const apps = new Map(model.apps.map((a) => [a.name, a]));
    for (const c of model.clusters) {
      if (!c.originProtection) continue;
      for (const { name, spec } of c.apps) {
        if (spec.ingress?.scheme !== 'internet-facing') continue;
        yield problem(apps.get(name)?.path ?? c.path, `has an internet-facing ingress (${spec.ingress.host}) on cluster ${c.id}, whose ALB admits only CloudFront and Route 53's health checkers because ${askers(c.originProtection.loadBalancers)} through CloudFront with origin protection; `
          + `serve it through a route of ${c.originProtection.loadBalancers.join(' or ')} instead of its own ingress, run it on clusters no CloudFront load balancer targets, or set originProtection: false on ${c.originProtection.loadBalancers.join(' and ')}`);
      }
    }
  },
};

/**
 * All Ingresses of a cluster with managed node groups share one ALB through the
 * controller's IngressGroup (`group.name`: the fleet), and the controller
 * refuses a group whose Ingresses disagree on the scheme, serving none of them.
 * So a cluster's ingresses are all internet-facing or all internal. (On EKS
 * Auto Mode each scheme has its own class and group.)
 * @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#ingressgroup
 */
export const albGroupScheme: FleetRule = {
  id: 'alb-group-scheme',
  description: 'the ingresses of a cluster (its shared ALB) are all internet-facing or all internal',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const c of model.clusters) {
      if (c.computeMode === ComputeMode.AUTO_MODE) continue;
      const placed = new Set(c.apps.map((a) => a.name));
      const internal = c.apps.filter((a) => a.spec.ingress?.scheme === 'internal').map((a) => `app ${a.name}`);
      if (internal.length === 0) continue;
      const facing = [
        ...c.apps.filter((a) => a.spec.ingress?.scheme === 'internet-facing').map((a) => `app ${a.name}`),
        ...model.loadBalancers.filter((lb) => lb.trees.some((t) => t.clusters.includes(c.id) && placed.has(t.app))).map((lb) => `load balancer ${lb.name}`),
      ];
      if (facing.length === 0) continue;
      yield problem(c.path, `has internal ingresses (${internal.join(', ')}) and internet-facing ones (${facing.join(', ')}), which would share the cluster's one ALB (group "${model.fleet.name}"); `
        + 'the AWS Load Balancer Controller refuses a group whose Ingresses disagree on the scheme and then serves none of them; give them one scheme, or run the internal apps on other clusters');
    }
  },
};

/** The origin protection rules, in order. */
export const ORIGIN_PROTECTION_RULES: readonly FleetRule[] = [originProtectionReach, albGroupScheme];
