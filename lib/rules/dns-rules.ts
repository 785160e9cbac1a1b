/**
 * The finished Route 53 records of every load balancer, checked once more
 * before anything is written: each name belongs to one tree of one load
 * balancer and is no other load balancer's host name; every (name, set
 * identifier) is unique; a name holds one routing policy, and a simple
 * record stands alone; names and labels are within DNS limits; every alias
 * points at a name that exists. The naming scheme (model/dns-names.ts) makes
 * these hold by construction; a finding here means a host name chosen over
 * another load balancer's names, a host name too long to name anything
 * under, or a fault in fleetform itself.
 */
import { DNS_LIMITS, ROUTE53_LIMITS } from '../catalog/edge-limits';
import { labelRoom, MIN_LABEL_ROOM } from '../model/dns-names';
import type { DnsRecord } from '../model/dns-tree';
import type { FleetModel, ResolvedLoadBalancer } from '../model/resolved';
import { FleetRule, problem, RuleFinding } from './rule';

/** Who holds a name. */
interface Holder {
  readonly lb: ResolvedLoadBalancer;
  /** The tree (its path, or empty for the host name's own), or undefined for the CloudFront alias of the host name. */
  readonly tree?: string;
  readonly what: string;
}

const BUG = 'this is a fault in fleetform\'s naming, not in the fleet; please report it with the fleet that shows it';

export const dnsNames: FleetRule = {
  id: 'dns-names',
  description: 'the records of every load balancer have names of their own, unique set identifiers, one policy per name, DNS lengths and aliases that resolve',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const holders = new Map<string, Holder>();
    const byName = new Map<string, DnsRecord[]>();
    const leaves = new Set<string>();
    for (const lb of model.loadBalancers) {
      if (labelRoom(lb.hostname) < MIN_LABEL_ROOM) {
        yield problem(lb.path, `hostname "${lb.hostname}" is ${lb.hostname.length} characters long; fleetform names each cluster's and route's records one label below it, which needs ${MIN_LABEL_ROOM + 1} more characters within DNS's ${DNS_LIMITS.nameLength}, so use a host name of at most ${DNS_LIMITS.nameLength - 1 - MIN_LABEL_ROOM} characters`);
        continue;
      }
      const claims: [string, Holder][] = [];
      if (lb.edge === 'cloudfront') claims.push([lb.hostname, { lb, what: 'its CloudFront alias' }]);
      for (const t of lb.trees) {
        const tree = t.path ?? '';
        const of = t.path !== undefined ? `route "${t.path}"` : 'the host name';
        for (const name of new Set(t.records.map((r) => r.name))) claims.push([name, { lb, tree, what: name === t.name ? `the name of ${of}` : `a branch of ${of}` }]);
        for (const l of t.leaves) claims.push([l.name, { lb, tree, what: `the leaf of cluster ${l.clusterId} in ${of}` }]);
        for (const l of t.leaves) leaves.add(l.name);
      }
      for (const [name, h] of claims) {
        const had = holders.get(name);
        if (had === undefined) {
          holders.set(name, h);
          continue;
        }
        if (had.lb === h.lb && had.tree === h.tree) continue;
        if (name === h.lb.hostname && had.lb !== h.lb) {
          yield problem(h.lb.path, `hostname "${name}" is also ${had.what} of load balancer ${had.lb.path}; choose another host name`);
        } else if (name === had.lb.hostname && had.lb !== h.lb) {
          yield problem(had.lb.path, `hostname "${name}" is also ${h.what} of load balancer ${h.lb.path}; choose another host name`);
        } else {
          yield problem(h.lb.path, `generated name ${name} is both ${had.what}${had.lb !== h.lb ? ` of ${had.lb.path}` : ''} and ${h.what}; ${BUG}`);
        }
      }
      // A name's records, from the tree that holds it (a name claimed twice is reported above).
      for (const t of lb.trees) {
        for (const r of t.records) {
          const h = holders.get(r.name);
          if (h?.lb === lb && h.tree === (t.path ?? '')) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
        }
      }
    }
    for (const name of holders.keys()) {
      const h = holders.get(name)!;
      if (name.length > DNS_LIMITS.nameLength || name.split('.').some((l) => l.length === 0 || l.length > DNS_LIMITS.labelLength)) {
        yield problem(h.lb.path, `name ${name} (${h.what}) is past DNS limits (${DNS_LIMITS.nameLength} characters, labels of ${DNS_LIMITS.labelLength}); ${BUG}`);
      }
    }
    for (const [name, records] of byName) {
      const lb = holders.get(name)?.lb;
      if (!lb) continue;
      const kinds = new Set(records.map((r) => r.routing.kind));
      const ids = records.map((r) => r.setIdentifier ?? '');
      const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
      if (kinds.size > 1 || (records.length > 1 && (kinds.has('simple') || ids.some((id) => id.length === 0 || id.length > ROUTE53_LIMITS.setIdentifierLength))) || repeated.length > 0) {
        yield problem(lb.path, `the records of ${name} (${[...kinds].join(', ')}; set identifiers ${ids.join(', ')}) are not one routing policy with unique set identifiers; ${BUG}`);
      }
      for (const r of records) {
        if (!leaves.has(r.target) && !byName.has(r.target)) yield problem(lb.path, `record ${name} aliases ${r.target}, which holds no record; ${BUG}`);
      }
    }
  },
};

/** The rules of the finished records, in the order they run. */
export const DNS_RULES: readonly FleetRule[] = [dnsNames];
