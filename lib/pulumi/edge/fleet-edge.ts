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
import { answered, isText } from '../cloud-answers';
import { protection } from '../guards';
import type { FleetProviders } from '../providers';
import { LoadBalancerCertificates } from './load-balancer-certificates';
import { LoadBalancerEdge } from './load-balancer-edge';
import type { ClusterAlb } from './record-tree';

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

/** The certificates of each load balancer, by its name. */
export function loadBalancerCertificates(fleet: ResolvedFleet, zones: ReadonlyMap<string, pulumi.Input<string>>, providers: FleetProviders, parent: pulumi.Resource): Map<string, LoadBalancerCertificates> {
  const region = new Map(fleet.clusters.map((c) => [c.id, c.region]));
  return new Map(fleet.loadBalancers.map((lb) => {
    const regions = new Map([...new Set(lb.targets.map((id) => region.get(id)!))].map((r) => [r, providers.region(r)]));
    return [lb.name, new LoadBalancerCertificates(`${lb.name}-certificates`, {
      hostname: lb.hostname,
      zoneId: zones.get(lb.hostedZone.name)!,
      regions,
      global: providers.global(),
      cloudfront: lb.edge === 'cloudfront',
      tags: tagsOf(fleet, lb),
      lifecycle: lb.lifecycle,
    }, { parent })];
  }));
}

/** Each target cluster's ALB, found through the Ingress the load balancer put on it. */
export function targetAlbs(lb: ResolvedLoadBalancer, fleet: ResolvedFleet, manifests: Readonly<Record<string, ClusterManifests>>, providers: FleetProviders, parent: pulumi.Resource): Map<string, ClusterAlb> {
  const clusters = new Map(fleet.clusters.map((c) => [c.id, c]));
  const albs = new Map<string, ClusterAlb>();
  for (const id of lb.targets) {
    const tree = lb.trees.find((t) => t.clusters.includes(id));
    if (!tree) continue;
    const c = clusters.get(id)!;
    const namespace = c.apps.find((a) => a.name === tree.app)!.spec.namespace;
    albs.set(id, {
      stem: c.names.resource,
      dnsName: manifests[id].ingressHostname(`edge-${lb.name}`, namespace, `${lb.name}-${tree.slug || 'main'}`),
      // The canonical zone of ALBs in the region, from AWS, never copied by hand.
      zoneId: aws.lb.getHostedZoneIdOutput({ loadBalancerType: 'application', region: c.region }, { parent, provider: providers.region(c.region) }).id
        .apply((id) => answered(id, c.path, `aws.lb.getHostedZoneId(${c.region})`, 'hosted zone id of application load balancers', isText)),
    });
  }
  return albs;
}

/** The Route 53 trees and CloudFront distribution of every load balancer. */
export function loadBalancerEdges(fleet: ResolvedFleet, zones: ReadonlyMap<string, pulumi.Input<string>>, certificates: ReadonlyMap<string, LoadBalancerCertificates>, manifests: Readonly<Record<string, ClusterManifests>>, providers: FleetProviders, parent: pulumi.Resource): LoadBalancerEdge[] {
  return fleet.loadBalancers.map((lb) => new LoadBalancerEdge(lb.name, {
    loadBalancer: lb,
    zoneId: zones.get(lb.hostedZone.name)!,
    albs: targetAlbs(lb, fleet, manifests, providers, parent),
    cloudfrontCertificateArn: certificates.get(lb.name)!.cloudfront?.certificateArn,
    provider: providers.global(),
    tags: tagsOf(fleet, lb),
  }, { parent }));
}

function tagsOf(fleet: ResolvedFleet, lb: ResolvedLoadBalancer): Record<string, string> {
  return { ...fleet.fleet.tags, 'fleetform:fleet': fleet.fleet.name, 'fleetform:load-balancer': lb.name, 'managed-by': 'fleetform' };
}
