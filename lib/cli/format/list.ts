/** `fleetform list`: the fleet's topology as text, from fleet.json's content. */
import type { FleetTopology } from '../../synth/fleet-topology';
import { plural, table } from './table';

/** The clusters, apps, GDPR zones, load balancers and (when there are any) waves of a fleet. */
export function formatList(t: FleetTopology): string {
  const lines: string[] = [
    `fleet ${t.fleet.name}: ${plural(t.clusters.length, 'cluster')}, ${plural(t.apps.length, 'app')}, ${plural(t.zones.length, 'GDPR zone')}, `
      + `${plural(t.loadBalancers.length, 'load balancer')} (address space ${t.fleet.addressSpace}, Kubernetes ${t.fleet.kubernetesVersion} by default)`,
  ];
  lines.push('', 'clusters');
  lines.push(...table([
    ['id', 'environment', 'region', 'version', 'tenancy', 'zones'],
    ...t.clusters.map((c) => [c.id, c.environment, c.region, c.kubernetesVersion, c.tenancy, c.zones.join(', ') || '-']),
  ]));
  lines.push('', 'apps');
  lines.push(...(t.apps.length === 0 ? ['  none'] : table([
    ['name', 'namespace', 'residency', 'clusters'],
    ...t.apps.map((a) => [a.name, a.namespace, a.residency ?? '-', a.clusters.map((c) => c.id).join(', ') || '-']),
  ])));
  lines.push('', 'GDPR zones');
  lines.push(...(t.zones.length === 0 ? ['  none'] : table([
    ['name', 'regions', 'clusters'],
    ...t.zones.map((z) => [z.name, z.regions.join(', '), z.clusters.join(', ') || '-']),
  ])));
  lines.push('', 'load balancers');
  lines.push(...(t.loadBalancers.length === 0 ? ['  none'] : table([
    ['name', 'hostname', 'edge', 'routing', 'targets'],
    ...t.loadBalancers.map((lb) => [lb.name, lb.hostname, lb.edge, lb.routing, lb.targets.join(', ')]),
  ])));
  if (t.waves.length > 0) {
    lines.push('', 'waves');
    lines.push(...table([
      ['#', 'name', 'bake', 'clusters'],
      ...t.waves.map((w) => [String(w.index), w.name, `${w.bakeMinutes} min`, w.clusters.join(', ')]),
    ]));
  }
  return `${lines.join('\n')}\n`;
}
