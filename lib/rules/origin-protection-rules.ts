/**
 * Rules of origin protection: a cluster whose ALB admits only CloudFront and
 * Route 53's health checkers (a CloudFront load balancer with
 * `originProtection` targets it) must not also be reached around CloudFront —
 * by a DNS-only load balancer that resolves users to the ALB, or by an app's
 * own internet-facing ingress (its host name resolving to the ALB). Both would be refused at the
 * ALB's security group on a real cluster; here they are refused before any
 * deploy, with both ways out named.
 */
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
          + `serve it through a route of ${c.originProtection.loadBalancers.join(' or ')} instead of its own ingress, make its ingress internal (ingress: { scheme: 'internal' }), or set originProtection: false on ${c.originProtection.loadBalancers.join(' and ')}`);
      }
    }
  },
};

/** The origin protection rules, in order. */
export const ORIGIN_PROTECTION_RULES: readonly FleetRule[] = [originProtectionReach];
