/** Rules of GDPR zones: members inside the zone's regions, on the hardware it requires, and residency apps on members only. */
import type { FleetModel } from '../model/resolved';
import { Tenancy } from '../tenancy';
import { FleetRule, problem, RuleFinding } from './rule';

/** A member of a zone runs in one of its regions; a zone that requires dedicated hardware gets it. */
export const zoneMembers: FleetRule = {
  id: 'zone-members',
  description: 'the clusters of a zone run in its regions, on dedicated hardware where it requires it',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const zones = new Map(model.zones.map((z) => [z.name, z]));
    for (const c of model.clusters) {
      for (const name of c.zones) {
        const z = zones.get(name);
        if (!z) continue;
        if (!z.regions.includes(c.region)) {
          yield problem(c.path, `cluster ${c.id} joins zone ${z.name} but runs in ${c.region}, outside the zone's regions (${z.regions.join(', ')}); move it to one of them or leave the zone`);
        }
        if (z.requireDedicatedTenancy && c.tenancy !== Tenancy.DEDICATED) {
          yield problem(c.path, `cluster ${c.id} is in zone ${z.name}, which requires dedicated hardware, but its node pools would run on shared hardware; give the cluster tenancy: Tenancy.DEDICATED`);
        }
      }
    }
  },
};

/** An app whose data must stay in a zone runs only on the zone's clusters. */
export const residencyPlacement: FleetRule = {
  id: 'residency-placement',
  description: 'apps with residency in a zone are placed only on the zone\'s clusters',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const zones = new Map(model.zones.map((z) => [z.name, z]));
    for (const a of model.apps) {
      if (a.residency === undefined) continue;
      const z = zones.get(a.residency);
      if (!z) continue;
      const outside = a.placements.map((p) => p.clusterId).filter((id) => !z.clusters.includes(id));
      for (const id of outside) {
        yield problem(a.path, `app ${a.name} keeps its data in zone ${z.name} but is placed on cluster ${id}, which is not in the zone (members: ${z.clusters.join(', ') || 'none'}); narrow its placement to the zone's clusters`);
      }
    }
  },
};

/** Decommissioning a zone cluster names the zone: removing a zone's capacity is a decision about the zone. */
export const zoneDecommission: FleetRule = {
  id: 'zone-decommission',
  description: 'a cluster of a GDPR zone is decommissioned only with its zones named',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const c of model.clusters) {
      if (c.lifecycle !== 'decommissioning' || c.zones.length === 0) continue;
      const named = c.decommissionZones ?? [];
      const missing = c.zones.filter((z) => !named.includes(z));
      if (missing.length > 0) {
        yield problem(c.path, `cluster ${c.id} is in zone ${missing.join(', ')}; decommissioning it lifts its guards and takes its capacity out of the zone, so name the zone to confirm: decommission({ zones: [${missing.join(', ')}] })`);
      }
    }
  },
};

/** The rules of zones, in the order they run. */
export const ZONE_RULES: readonly FleetRule[] = [zoneMembers, residencyPlacement, zoneDecommission];
