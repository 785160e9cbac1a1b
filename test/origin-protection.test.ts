/**
 * Origin protection: a cluster whose ALB is an origin of a CloudFront load
 * balancer admits HTTPS only from CloudFront and Route 53's health checkers,
 * through two security groups its Ingresses name; nothing may reach that ALB
 * around CloudFront, and leaving it open is an explicit choice.
 */
import { describe, expect, it } from 'vitest';
import { EnvironmentFleet, Fleet, FleetApp, GlobalLoadBalancer, GlobalLoadBalancerProps, HostedZone, Placement } from '../lib';
import { newFleet, problemsOf } from './helpers/fleets';


const ZONE = HostedZone.existing('Z0123456789ABCDEFGHIJ', 'acme.example');
const SECURITY_GROUPS = 'alb.ingress.kubernetes.io/security-groups';
const MANAGE_BACKEND = 'alb.ingress.kubernetes.io/manage-backend-security-group-rules';

function shop(): { fleet: Fleet; production: EnvironmentFleet; staging: EnvironmentFleet; web: FleetApp } {
  const fleet = newFleet();
  const production = new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1'] });
  const staging = new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'] });
  const web = new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:3.2.0', port: 3000, placement: Placement.all(), healthCheck: { path: '/' } });
  return { fleet, production, staging, web };
}

function lb(fleet: Fleet, id: string, props: Partial<GlobalLoadBalancerProps>): GlobalLoadBalancer {
  return new GlobalLoadBalancer(fleet, id, { hostname: `${id}.acme.example`, hostedZone: ZONE, ...props } as GlobalLoadBalancerProps);
}

/** The annotations of every Ingress of every cluster, by cluster id. */
function ingressAnnotations(fleet: Fleet): Record<string, Record<string, string>[]> {
  const out: Record<string, Record<string, string>[]> = {};
  for (const c of fleet.assemble().clusters) {
    out[c.clusterId] = c.files.flatMap((f) => f.objects as Record<string, any>[]).filter((o) => o.kind === 'Ingress').map((o) => o.metadata.annotations);
  }
  return out;
}

describe('origin protection', () => {
  it('gives the Ingresses of every origin of a CloudFront load balancer the fleet\'s two security groups, and no other cluster', () => {
    const { fleet, production, web } = shop();
    lb(fleet, 'shop', { targets: production, routes: [{ path: '/*', app: web }] });
    const byCluster = ingressAnnotations(fleet);
    for (const id of ['production-eu-west-1', 'production-us-east-1']) {
      expect(byCluster[id]).toHaveLength(1);
      expect(byCluster[id][0]).toMatchObject({
        [SECURITY_GROUPS]: 'acme-cloudfront-origin, acme-route53-health-checks',
        [MANAGE_BACKEND]: 'true',
        'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      });
    }
    expect(byCluster['staging-eu-west-3']).toEqual([]);
    const resolved = fleet.resolve();
    expect(resolved.loadBalancers[0].originProtection).toBe(true);
    expect(resolved.clusters.find((c) => c.id === 'production-us-east-1')!.originProtection).toEqual({
      cloudFrontGroup: 'acme-cloudfront-origin', healthCheckGroup: 'acme-route53-health-checks', loadBalancers: ['shop'],
    });
    expect(resolved.clusters.find((c) => c.id === 'staging-eu-west-3')!.originProtection).toBeUndefined();
  });

  it('leaves a DNS-only load balancer\'s ALBs open, as users resolve to them', () => {
    const { fleet, production, web } = shop();
    lb(fleet, 'www', { targets: production, app: web });
    for (const annotations of Object.values(ingressAnnotations(fleet)).flat()) {
      expect(annotations[SECURITY_GROUPS]).toBeUndefined();
      expect(annotations[MANAGE_BACKEND]).toBeUndefined();
    }
    expect(fleet.resolve().clusters.every((c) => c.originProtection === undefined)).toBe(true);
  });

  it('is turned off only in code, with originProtection: false', () => {
    const { fleet, production, web } = shop();
    lb(fleet, 'shop', { targets: production, routes: [{ path: '/*', app: web }], originProtection: false });
    lb(fleet, 'www', { targets: production, app: web });
    // The DNS-only load balancer on the same clusters is then accepted.
    for (const annotations of Object.values(ingressAnnotations(fleet)).flat()) expect(annotations[SECURITY_GROUPS]).toBeUndefined();
  });

  it('stays on while any CloudFront load balancer targeting the cluster keeps it', () => {
    const { fleet, production, web } = shop();
    lb(fleet, 'open', { targets: production, routes: [{ path: '/*', app: web }], originProtection: false });
    lb(fleet, 'shop', { targets: production, routes: [{ path: '/*', app: web }] });
    const annotations = ingressAnnotations(fleet)['production-eu-west-1'];
    expect(annotations).toHaveLength(2);
    for (const a of annotations) expect(a[SECURITY_GROUPS]).toBe('acme-cloudfront-origin, acme-route53-health-checks');
  });

  it('refuses a DNS-only load balancer on a protected cluster, naming both ways out', () => {
    const { fleet, production, web } = shop();
    lb(fleet, 'shop', { targets: production, routes: [{ path: '/*', app: web }] });
    lb(fleet, 'www', { targets: production, app: web });
    const problems = problemsOf(fleet).filter((p) => String(p.message).includes('admits only CloudFront'));
    expect(problems.map((p) => p.path)).toEqual(['acme/www', 'acme/www']);
    expect(problems[0].message).toBe(
      'resolves www.acme.example to the ALB of cluster production-eu-west-1, which admits only CloudFront and Route 53\'s health checkers because load balancer shop routes through CloudFront with origin protection; '
      + 'give this load balancer routes (so it goes through CloudFront too), or set originProtection: false on shop to leave that ALB open to the internet',
    );
  });

  it('refuses an app\'s own internet-facing ingress on a protected cluster', () => {
    const { fleet, production, web } = shop();
    lb(fleet, 'shop', { targets: production, routes: [{ path: '/*', app: web }] });
    new FleetApp(fleet, 'admin', { image: 'ghcr.io/acme/admin:1.0.0', port: 8080, placement: Placement.environments(production), ingress: { host: 'admin.acme.example' } });
    const problems = problemsOf(fleet).filter((p) => String(p.message).includes('admits only CloudFront'));
    expect(problems.map((p) => p.path)).toEqual(['acme/admin', 'acme/admin']);
    expect(problems[0].message).toContain('has an internet-facing ingress (admin.acme.example) on cluster production-eu-west-1');
    expect(problems[0].message).toContain('run it on clusters no CloudFront load balancer targets, or set originProtection: false on shop');
  });

  it('refuses internal and internet-facing ingresses on one cluster, which would share one ALB group', () => {
    const { fleet, production, web } = shop();
    lb(fleet, 'shop', { targets: production, routes: [{ path: '/*', app: web }] });
    new FleetApp(fleet, 'intranet', { image: 'ghcr.io/acme/intranet:1.0.0', port: 8080, placement: Placement.environments(production), ingress: { host: 'intranet.acme.internal', scheme: 'internal' } });
    const problems = problemsOf(fleet).filter((p) => String(p.message).includes('disagree on the scheme'));
    expect(problems.map((p) => p.path)).toEqual(['acme/production/eu-west-1', 'acme/production/us-east-1']);
    expect(problems[0].message).toBe('has internal ingresses (app intranet) and internet-facing ones (load balancer shop), which would share the cluster\'s one ALB (group "acme"); '
      + 'the AWS Load Balancer Controller refuses a group whose Ingresses disagree on the scheme and then serves none of them; give them one scheme, or run the internal apps on other clusters');
  });

  it('admits internal ingresses on a cluster whose ingresses are all internal', () => {
    const { fleet, staging } = shop();
    new FleetApp(fleet, 'intranet', { image: 'ghcr.io/acme/intranet:1.0.0', port: 8080, placement: Placement.environments(staging), ingress: { host: 'intranet.acme.internal', scheme: 'internal' } });
    expect(ingressAnnotations(fleet)['staging-eu-west-3'].map((a) => a['alb.ingress.kubernetes.io/scheme'])).toEqual(['internal']);
  });

  it('refuses a value that is not a boolean, from plain JavaScript', () => {
    const { fleet, production, web } = shop();
    lb(fleet, 'shop', { targets: production, routes: [{ path: '/*', app: web }], originProtection: 'yes' as unknown as boolean });
    const problems = problemsOf(fleet).filter((p) => p.path === 'acme/shop');
    expect(problems.map((p) => String(p.message)).join('\n')).toMatch(/originProtection/);
  });
});
