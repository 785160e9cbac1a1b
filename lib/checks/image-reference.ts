/**
 * Container image references, checked as kubelet and containerd will read
 * them: the grammar of the distribution reference (OCI / Docker):
 *
 *   reference  := name [ ":" tag ] [ "@" digest ]
 *   name       := [ registry "/" ] path-component [ "/" path-component ]*
 *   registry   := host [ ":" port ]       host: DNS name, IPv4 or [IPv6]
 *   path-component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 *   tag        := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
 *   digest     := algorithm ":" hex       sha256: 64, sha384: 96, sha512: 128
 *                                         lower-case hex digits
 *
 * The first component is the registry when it holds a '.' or a ':' or is
 * `localhost` (Docker's rule); otherwise the image is on Docker Hub. The path
 * is at most 255 characters.
 *
 * On top of the grammar, fleetform's policy: an image must be pinned, by a
 * tag other than `latest` or by a digest, so that every cluster, and every
 * node of a cluster, runs the same build.
 */
import { describeValue, quote } from './describe';

/** A parsed image reference. */
export interface ImageReference {
  /** Registry host and optional port, as written (`ghcr.io`, `localhost:5000`); absent for Docker Hub's short names. */
  readonly registry?: string;
  /** Repository path within the registry (`acme/api`, `nginx`). */
  readonly repository: string;
  /** Tag after ':' (`1.4.2`). */
  readonly tag?: string;
  /** Digest after '@' (`sha256:` and 64 hex digits). */
  readonly digest?: string;
}

/** Longest repository path registries accept. */
export const MAX_REPOSITORY_LENGTH = 255;
/** Longest tag. */
export const MAX_TAG_LENGTH = 128;
/** Hex digits of the digest of each algorithm container runtimes verify. */
export const DIGEST_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

const EXAMPLE = '"ghcr.io/acme/api:1.4.2"';
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST_LABEL = '(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])';
const REGISTRY = new RegExp(`^(?:${HOST_LABEL}(?:\\.${HOST_LABEL})*|\\[[0-9A-Fa-f:]+\\])(?::[0-9]+)?$`);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const DIGEST = /^([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*):([0-9A-Za-z=_-]*)$/;
const IMAGE_ID = /^[a-f0-9]{64}$/;

/**
 * Parses `ref` by the reference grammar. Returns the parts, or a problem
 * that starts with the quoted reference (`"shop:" has an empty tag ...`).
 */
export function parseImageReference(ref: string): ImageReference | string {
  const q = quote(ref);
  if (ref === '') return `"" is empty; name an image such as ${EXAMPLE}`;
  if (/\s/.test(ref)) return `${q} contains whitespace; remove it (an image is written as one word, such as ${EXAMPLE})`;

  const at = ref.indexOf('@');
  const rest = at >= 0 ? ref.slice(0, at) : ref;
  let digest: string | undefined;
  if (at >= 0) {
    digest = ref.slice(at + 1);
    const problem = digestProblem(digest, rest);
    if (problem) return `${q} ${problem}`;
  }

  const colon = rest.lastIndexOf(':');
  const hasTag = colon > rest.lastIndexOf('/');
  const name = hasTag ? rest.slice(0, colon) : rest;
  const tag = hasTag ? rest.slice(colon + 1) : undefined;
  if (tag !== undefined) {
    if (tag === '') return `${q} has an empty tag after ':'; pin a version such as "${name}:1.0.0", or remove the ':'`;
    if (!TAG.test(tag)) {
      return `${q} has the tag ${quote(tag)}, which is not a tag (letters, digits, '_', '.' and '-', not starting with '.' or '-'); fix the tag, such as "${name}:1.0.0"`;
    }
    if (tag.length > MAX_TAG_LENGTH) return `${q} has a tag of ${tag.length} characters; tags are at most ${MAX_TAG_LENGTH}`;
  }

  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first === 'localhost' || /[.:]/.test(first));
  const registry = hasRegistry ? first : undefined;
  const repository = hasRegistry ? name.slice(slash + 1) : name;
  if (registry !== undefined && !REGISTRY.test(registry)) {
    return `${q} names the registry ${quote(registry)}, which is not a host name or IP address with an optional port (such as "registry.example:5000"); fix the registry`;
  }
  const problem = repositoryProblem(repository, ref, name);
  if (problem) return `${q} ${problem}`;
  return { ...(registry !== undefined ? { registry } : {}), repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

function digestProblem(digest: string, rest: string): string | undefined {
  const fix = `copy the full digest the registry reports, such as "${rest || 'shop'}@sha256:" followed by 64 hex digits`;
  if (digest === '') return `has an empty digest after '@'; ${fix}, or remove the '@'`;
  const m = DIGEST.exec(digest);
  if (!m) return `has the digest ${quote(digest)}, which is not an algorithm and hex digits; ${fix}`;
  const [, algorithm, hex] = m;
  const length = DIGEST_LENGTHS[algorithm];
  if (length === undefined) {
    return `has a digest of algorithm ${quote(algorithm)}, which container runtimes do not verify (${Object.keys(DIGEST_LENGTHS).join(', ')}); use the sha256 digest the registry reports`;
  }
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length !== length) {
    return `has the digest ${quote(digest)}, which is not ${length} hex digits after "${algorithm}:"; ${fix}`;
  }
  if (hex !== hex.toLowerCase()) return `has a digest in upper-case hex, which runtimes refuse; write it in lower case: "${algorithm}:${hex.toLowerCase()}"`;
  return undefined;
}

function repositoryProblem(repository: string, ref: string, name: string): string | undefined {
  if (repository.length > MAX_REPOSITORY_LENGTH) {
    return `has a repository path of ${repository.length} characters; registries allow at most ${MAX_REPOSITORY_LENGTH}`;
  }
  if (IMAGE_ID.test(repository) && name === repository) {
    return `is a 64-digit hex string, which runtimes take for an image id, not a repository; name the repository, such as ${EXAMPLE}`;
  }
  const components = repository.split('/');
  if (components.every((c) => PATH_COMPONENT.test(c.toLowerCase())) && repository !== repository.toLowerCase()) {
    const lower = name.slice(0, name.length - repository.length) + repository.toLowerCase() + ref.slice(name.length);
    return `has upper-case letters in its repository path ${quote(repository)}, which registries refuse; use ${quote(lower)}`;
  }
  const bad = components.find((c) => !PATH_COMPONENT.test(c));
  if (bad !== undefined) {
    return bad === ''
      ? `has an empty path component (a leading, trailing or doubled '/'); remove the extra '/'`
      : `has the path component ${quote(bad)}, which is not lower-case letters and digits separated by '.', '_', '__' or '-'; fix the repository path`;
  }
  return undefined;
}

/**
 * Checks an image reference as kubelet will read it, and that it is pinned.
 * Returns a problem that starts with `what` (`image "shop" has no tag ...`), or undefined.
 */
export function checkImageReference(ref: unknown, what: string): string | undefined {
  if (typeof ref !== 'string') return `${what} must be a string such as ${EXAMPLE}, not ${describeValue(ref)}`;
  if (ref === '') return `${what} is empty; name an image such as ${EXAMPLE}`;
  const parsed = parseImageReference(ref);
  if (typeof parsed === 'string') return `${what} ${parsed}`;
  if (parsed.digest !== undefined) return undefined;
  const name = ref.slice(0, ref.length - (parsed.tag !== undefined ? parsed.tag.length + 1 : 0));
  if (parsed.tag === undefined) {
    return `${what} ${quote(ref)} has no tag or digest, so it means ":latest"; pin a version such as "${name}:1.0.0" or a digest ("${name}@sha256:..."), so every cluster runs the same build`;
  }
  if (parsed.tag === 'latest') {
    return `${what} ${quote(ref)} uses the tag "latest", which moves with every push: clusters and nodes pulling at different times would run different builds; pin a version such as "${name}:1.0.0" or a digest ("${name}@sha256:...")`;
  }
  return undefined;
}
