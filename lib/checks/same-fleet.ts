/**
 * Every construct a construct names (a zone, a cluster, an app, an
 * environment) must belong to the same fleet: a reference into another fleet
 * would label a cluster a member of a zone it is not in, or route users by a
 * zone whose clusters are elsewhere.
 */
import { Construct, IConstruct } from 'constructs';
import { isKind } from '../markers';

const KIND_NAMES = [['zone', 'zone'], ['cluster', 'cluster'], ['app', 'app'], ['environment', 'environment'], ['loadBalancer', 'load balancer'], ['channel', 'version channel']] as const;

/** A referenced construct's kind, for messages. */
function kindOf(c: IConstruct): string {
  return KIND_NAMES.find(([k]) => isKind(c, k))?.[1] ?? 'construct';
}

/** The fleet a construct belongs to: the name of its root. */
function fleetOf(c: IConstruct): string {
  return c.node.root.node.id || c.node.root.node.path || '(unnamed)';
}

/**
 * A problem for each construct among `refs` whose fleet is not `owner`'s,
 * naming both fleets; `what` says where the reference was given, such as
 * `residency`. Values that are not constructs are left to the shape checks.
 */
export function otherFleetReferences(owner: IConstruct, refs: Iterable<{ readonly what: string; readonly ref: unknown }>): string[] {
  const problems: string[] = [];
  const seen = new Set<unknown>();
  for (const { what, ref } of refs) {
    if (!Construct.isConstruct(ref) || ref.node.root === owner.node.root || seen.has(ref)) continue;
    seen.add(ref);
    const own = fleetOf(owner);
    problems.push(`${what} names ${kindOf(ref)} ${ref.node.path} of fleet ${fleetOf(ref)}, not of fleet ${own}; a fleet's constructs can refer only to its own, so use a ${kindOf(ref)} of fleet ${own}`);
  }
  return problems;
}
