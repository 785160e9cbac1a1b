/**
 * The names fleetform gives the Route 53 records of a load balancer, one
 * label under its host name (so one wildcard certificate per region covers
 * every name a client or health checker connects to). Pure.
 *
 * Each name is derived from the position of its node in the routing tree,
 * never from the clusters the node happens to select, so two nodes never
 * share a name:
 *
 * - route origin (the name CloudFront connects to for a path route):
 *   `default` for `/*`; the segment for a one-segment path `/api/*`
 *   (letters and digits, not a reserved word); otherwise the path's words
 *   and a hash of the path, `api-v1-<hash>`;
 * - leaf (a cluster's alias of its ALB, probed by its health check):
 *   the cluster id in the host name's own tree, `<cluster>-<origin>` in a
 *   route's tree;
 * - branch (a geolocation rule's or failover group's subtree): the path of
 *   segments from the tree's top, `geo-eu`, `geo-eu-primary`, prefixed with
 *   the route's origin, `api-geo-eu`. Segments: `geo-<continent>`,
 *   `geo-<country>` (`geo-country-<code>` for AF, AS, NA and SA, which are
 *   continent codes too), `geo-<country>-<state>`, `geo-default`, `primary`,
 *   `secondary`.
 *
 * Readable names stay unambiguous by construction: branch paths are words of
 * that grammar; a route's own segment has no hyphen and is no reserved word;
 * a cluster whose id holds the word `geo`, `primary` or `secondary`, and a
 * route that is not one plain segment, get the hash of their full position.
 * A name longer than its room (63 characters, and 253 for the whole name)
 * keeps its start and ends in the hash. The hash is 8 characters of base32
 * of SHA-256 (40 bits); a rule checks the finished names once more.
 */
import { createHash } from 'node:crypto';
import { continentOfCountry, isRoute53Continent } from '../catalog/route53-locations';
import { DNS_LIMITS } from '../catalog/edge-limits';

/** Characters of the hash that ends a shortened or disambiguated label. */
export const NAME_HASH_LENGTH = 8;

/** The least room a host name must leave for generated labels: a letter, a hyphen and the hash. */
export const MIN_LABEL_ROOM = NAME_HASH_LENGTH + 2;

/** Words a route's own segment may not be: they start or end branch paths. */
const RESERVED_SEGMENTS = new Set(['geo', 'primary', 'secondary', 'default']);

/** Words of a cluster id that make its readable leaf name look like a branch path. */
const BRANCH_WORDS = new Set(['geo', 'primary', 'secondary']);

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Eight characters of base32 of the SHA-256 of `key`. */
export function nameHash(key: string): string {
  const digest = createHash('sha256').update(key).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < NAME_HASH_LENGTH) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === NAME_HASH_LENGTH) return out;
  }
  return out;
}

/** The longest label that fits one level below `host`. */
export function labelRoom(host: string): number {
  return Math.min(DNS_LIMITS.labelLength, DNS_LIMITS.nameLength - 1 - host.length);
}

/** `readable` when it fits `room` (and `hashed` is false); else its start and the hash of `key`. */
function fit(readable: string, key: string, room: number, hashed = false): string {
  if (!hashed && readable.length <= room) return readable;
  const keep = Math.max(0, room - NAME_HASH_LENGTH - 1);
  const start = readable.slice(0, keep).replace(/-+$/, '');
  return start ? `${start}-${nameHash(key)}` : nameHash(key);
}

/** The branch segment, and set identifier, of a geolocation rule's location. */
export function geoSegment(location: { readonly kind: string; readonly code: string; readonly subdivision?: string }): string {
  const code = location.code.toLowerCase();
  switch (location.kind) {
    case 'default': return 'geo-default';
    case 'continent': return `geo-${code}`;
    case 'subdivision': return `geo-${code}-${(location.subdivision ?? '').toLowerCase()}`;
    default:
      // A country whose code is also a continent's (AF Afghanistan, AS American Samoa, NA Namibia, SA Saudi Arabia).
      return isRoute53Continent(location.code) && continentOfCountry(location.code) ? `geo-country-${code}` : `geo-${code}`;
  }
}

/** A route path's words, for readable names: `/api/v1/*` → `api-v1`. */
function pathWords(path: string): string {
  return path.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 20).replace(/-+$/, '') || 'route';
}

/** How one tree of a load balancer names its nodes. */
export interface TreeNaming {
  readonly host: string;
  /** The route's path, for a route's tree. */
  readonly path?: string;
  /** The route's origin label, for a route's tree. */
  readonly origin?: string;
  /** Whether the origin label is one plain segment (no hyphen, no hash). */
  readonly plainOrigin: boolean;
  /** The longest label under the host. */
  readonly room: number;
}

/** The naming of the host name's own tree (`path` undefined) or of the route with `path`. */
export function treeNaming(host: string, path?: string): TreeNaming {
  const room = labelRoom(host);
  if (path === undefined) return { host, room, plainOrigin: false };
  const plain = path === '/*' ? 'default' : /^\/([a-z0-9]+)\/\*$/.exec(path)?.[1];
  const isPlain = plain !== undefined && (path === '/*' || !RESERVED_SEGMENTS.has(plain)) && plain.length <= room;
  const origin = isPlain ? plain : fit(pathWords(path), `origin\u0000${path}`, room, true);
  return { host, path, origin, plainOrigin: isPlain, room };
}

/** The name a tree is resolved at: the host name, or the route's origin. */
export function treeRootName(n: TreeNaming): string {
  return n.origin === undefined ? n.host : `${n.origin}.${n.host}`;
}

/** The name of a cluster's leaf in a tree, from the stem of its names (its id unless renamed). */
export function leafName(n: TreeNaming, stem: string): string {
  const readable = n.origin === undefined ? stem : `${stem}-${n.origin}`;
  const looksLikeBranch = stem.split('-').some((w) => BRANCH_WORDS.has(w));
  return `${fit(readable, `leaf\u0000${n.path ?? ''}\u0000${stem}`, n.room, looksLikeBranch)}.${n.host}`;
}

/** The name of the branch at `segments` from the top of a tree. */
export function branchName(n: TreeNaming, segments: readonly string[]): string {
  const path = segments.join('-');
  const readable = n.origin === undefined ? path : `${n.origin}-${path}`;
  return `${fit(readable, `branch\u0000${n.path ?? ''}\u0000${segments.join('/')}`, n.room, n.origin !== undefined && !n.plainOrigin)}.${n.host}`;
}
