/** Line arithmetic and what the binding creates per cluster, shared by the estimate and the comparison. Pure. */
import type { PriceSourceKey } from '../catalog/aws-prices';
import { NatGateways } from '../environment-profile';
import type { ResolvedCluster, ResolvedLoadBalancer } from '../model/resolved';
import type { CostKind, CostLine } from './report';
import type { UsageAssumptions } from './usage';

/** Cents, so sums are exact. */
export const cents = (usd: number): number => Math.round(usd * 100);
/** Dollars of cents. */
export const dollars = (c: number): number => c / 100;
/** The sum of the lines' monthly amounts. */
export const sumLines = (lines: readonly { monthly: number }[]): number => dollars(lines.reduce((s, l) => s + cents(l.monthly), 0));

/** A line, its monthly amount rounded to the cent. */
export function line(kind: CostKind, service: string, item: string, quantity: number, unit: string, unitPrice: number, source: PriceSourceKey, assumption?: keyof UsageAssumptions): CostLine {
  return { kind, service, item, quantity, unit, unitPrice, monthly: dollars(cents(quantity * unitPrice)), source, ...(assumption ? { assumption } : {}) };
}

/** `n word`, with an s when n is not 1. */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** Availability zones of a cluster's network (three unless the address plan failed). */
export function zonesOf(c: ResolvedCluster): number {
  return c.network?.publicSubnets.length ?? 3;
}

/** NAT gateways the binding creates for a cluster: one, or one per zone. */
export function natGatewaysOf(c: ResolvedCluster): number {
  return c.network?.natGateways === NatGateways.SINGLE ? 1 : zonesOf(c);
}

/** Whether the cluster gets an ALB (any Ingress: an app's own, or a load balancer's), and whether it faces the internet. */
export function albOf(c: ResolvedCluster, loadBalancers: readonly ResolvedLoadBalancer[]): { alb: boolean; internetFacing: boolean } {
  const edge = loadBalancers.some((lb) => lb.trees.some((t) => t.clusters.includes(c.id)));
  const ingresses = c.apps.filter((a) => a.spec.ingress !== undefined);
  return { alb: edge || ingresses.length > 0, internetFacing: edge || ingresses.some((a) => a.spec.ingress!.scheme === 'internet-facing') };
}

