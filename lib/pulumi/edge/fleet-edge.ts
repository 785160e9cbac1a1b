/**
 * The edge phase of a deployment: hosted zones, the load balancers'
 * certificates (issued before the manifests, so each cluster's controller
 * finds them when it builds its ALB) and, once the ALBs exist, the Route 53
 * trees and CloudFront distributions.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedFleet, ResolvedLoadBalancer } from '../../model/resolved';
import type { ClusterManifests } from '../cluster-manifests';
import { protection } from '../guards';
import type { FleetProviders } from '../providers';
import { LoadBalancerCertificates } from './load-balancer-certificates';
import { LoadBalancerEdge } from './load-balancer-edge';
import type { ClusterAlb } from './record-tree';
import { albZoneId, ingressAlb } from './edge-stack';

/**
 * The hosted zone of every load balancer, by zone name: the id given, or a zone created once for all
 * that use it, protected unless every load balancer that uses it is decommissioning.
 */
export function hostedZones(fleet: ResolvedFleet, providers: FleetProviders, parent: pulumi.Resource): Map<string, pulumi.Input<string>> {
  const zones = new Map<string, pulumi.Input<string>>();
  for (const lb of fleet.loadBalancers) {
    const z = lb.hostedZone;
    if (zones.has(z.name)) continue;
    const users = fleet.loadBalancers.filter((x) => x.hostedZone.name === z.name);
    zones.set(z.name, z.zoneId ?? new aws.route53.Zone(`${fleet.fleet.name}-${z.name}`, {
      name: z.name,
      comment: `created by fleetform for ${fleet.fleet.path}`,
      tags: { ...fleet.fleet.tags, 'fleetform:fleet': fleet.fleet.name, 'managed-by': 'fleetform' },
    }, { parent, provider: providers.global(), ...protection(users.every((x) => x.lifecycle === 'decommissioning') ? 'decommissioning' : 'active') }).zoneId);
  }
  return zones;
}

/** The hosted zone of every load balancer, by zone name, when every zone exists already (the deployment plan refuses the others). */
export function existingZones(fleet: ResolvedFleet): Map<string, pulumi.Input<string>> {
  return new Map(fleet.loadBalancers.map((lb) => [lb.hostedZone.name, lb.hostedZone.zoneId!]));
}

/** Which certificates a stack issues: all of them, or the regional ones of its clusters' regions, or CloudFront's only. */
export interface CertificateChoice {
  /** The clusters whose regions get the load balancers' regional certificates. */
  readonly regionsOf: ReadonlySet<string>;
  /** Whether the stack issues the us-east-1 certificates of CloudFront. */
  readonly cloudfront: boolean;
  /**
   * Keep the DNS validation record when the stack lets it go: ACM asks every certificate of one name
   * in the account for the same record, which stacks of a split edge share.
   */
  readonly retainValidation: boolean;
}

/** The certificates of each load balancer, by its name; a load balancer with none to issue here has none. */
export function loadBalancerCertificates(fleet: ResolvedFleet, zones: ReadonlyMap<string, pulumi.Input<string>>, providers: FleetProviders, parent: pulumi.Resource,
  choice?: CertificateChoice): Map<string, LoadBalancerCertificates> {
  const region = new Map(fleet.clusters.map((c) => [c.id, c.region]));
  const certificates = new Map<string, LoadBalancerCertificates>();
  for (const lb of fleet.loadBalancers) {
    const targets = choice ? lb.targets.filter((id) => choice.regionsOf.has(id)) : lb.targets;
    const regions = new Map([...new Set(targets.map((id) => region.get(id)!))].map((r) => [r, providers.region(r)]));
    const cloudfront = lb.edge === 'cloudfront' && (choice?.cloudfront ?? true);
    if (regions.size === 0 && !cloudfront) continue;
    certificates.set(lb.name, new LoadBalancerCertificates(`${lb.name}-certificates`, {
      hostname: lb.hostname,
      zoneId: zones.get(lb.hostedZone.name)!,
      regions,
      global: providers.global(),
      cloudfront,
      tags: tagsOf(fleet, lb),
      lifecycle: lb.lifecycle,
      ...(choice?.retainValidation ? { retainValidation: true } : {}),
    }, { parent }));
  }
  return certificates;
}

/** Each target cluster's ALB, found through the Ingress the load balancer put on it. */
export function targetAlbs(lb: ResolvedLoadBalancer, fleet: ResolvedFleet, manifests: Readonly<Record<string, ClusterManifests>>, providers: FleetProviders, parent: pulumi.Resource): Map<string, ClusterAlb> {
  const albs = new Map<string, ClusterAlb>();
  for (const id of lb.targets) {
    const c = fleet.clusters.find((x) => x.id === id)!;
    const dnsName = ingressAlb(lb, c, manifests[id]);
    if (dnsName) albs.set(id, { stem: c.names.resource, dnsName, zoneId: albZoneId(c, providers, parent) });
  }
  return albs;
}

/** The Route 53 trees and CloudFront distribution of every load balancer, on the ALBs `albsOf` gives. */
export function loadBalancerEdges(fleet: ResolvedFleet, zones: ReadonlyMap<string, pulumi.Input<string>>, certificates: ReadonlyMap<string, LoadBalancerCertificates>,
  albsOf: (lb: ResolvedLoadBalancer) => ReadonlyMap<string, ClusterAlb>, providers: FleetProviders, parent: pulumi.Resource): LoadBalancerEdge[] {
  return fleet.loadBalancers.map((lb) => new LoadBalancerEdge(lb.name, {
    loadBalancer: lb,
    zoneId: zones.get(lb.hostedZone.name)!,
    albs: albsOf(lb),
    cloudfrontCertificateArn: certificates.get(lb.name)?.cloudfront?.certificateArn,
    provider: providers.global(),
    tags: tagsOf(fleet, lb),
  }, { parent }));
}

function tagsOf(fleet: ResolvedFleet, lb: ResolvedLoadBalancer): Record<string, string> {
  return { ...fleet.fleet.tags, 'fleetform:fleet': fleet.fleet.name, 'fleetform:load-balancer': lb.name, 'managed-by': 'fleetform' };
}
