/** Names: DNS-1123 checks and the names derived from construct ids. */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Checks a DNS-1123 label (lowercase letters, digits and '-', starting and
 * ending with a letter or digit, at most `max` characters). Returns a problem or undefined.
 */
export function checkDnsLabel(what: string, value: string, max = 63): string | undefined {
  if (value.length === 0) return `${what} is empty; give it a name such as "api"`;
  if (value.length > max) return `${what} "${value}" is ${value.length} characters long; DNS-1123 names allow at most ${max}`;
  if (!DNS1123_LABEL.test(value)) {
    const fixed = value.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
    return `${what} "${value}" is not a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)${fixed ? `; try "${fixed}"` : ''}`;
  }
  return undefined;
}

/** Label values: at most 63 characters of [A-Za-z0-9-_.], alphanumeric at both ends, or empty. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_KEY_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Label keys fleetform sets itself on the objects it writes; a user label with one would be overwritten or spoof an identity. */
export const FLEETFORM_LABEL_KEYS: readonly string[] = ['app.kubernetes.io/managed-by'];

/** Checks Kubernetes labels given by the user; `reserved` keys (and fleetform's own prefix) are refused. Returns problems. */
export function checkLabels(what: string, labels: Readonly<Record<string, string>> | undefined, reserved: readonly string[] = FLEETFORM_LABEL_KEYS): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (key.startsWith('fleetform.io/') || reserved.includes(key)) {
      problems.push(`${what} key "${key}" is one fleetform sets itself (${key.startsWith('fleetform.io/') ? 'the fleetform.io/ prefix' : key}); the identity it carries is decided by the fleet, so use a key of your own`);
      continue;
    }
    const slash = key.lastIndexOf('/');
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    if (name.length > 63 || !LABEL_KEY_NAME.test(name) || (prefix !== undefined && (prefix.length > 253 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(prefix)))) {
      problems.push(`${what} key "${key}" is not a valid Kubernetes label key; use [prefix/]name with a name of at most 63 characters of letters, digits, '-', '_' or '.'`);
    }
    if (value.length > 63 || !LABEL_VALUE.test(value)) {
      problems.push(`${what} "${key}" has value "${value}", which is not a valid label value; use at most 63 characters of letters, digits, '-', '_' or '.', alphanumeric at both ends`);
    }
  }
  return problems;
}

/** Sorts strings by code unit, independent of locale. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** FNV-1a, 32 bit: a small stable hash, so a choice or a name depends only on the text hashed. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Eight hex digits of {@link fnv1a}, for names derived from a value that may not fit a name (such as an ARN). */
export function shortHash(text: string): string {
  return fnv1a(text).toString(16).padStart(8, '0');
}

/**
 * Stem of the Pulumi names of a principal's EKS access entry on a cluster: named after the
 * principal, so adding or removing one never renames (and replaces) another's entry.
 */
export function accessEntryName(clusterId: string, principal: string): string {
  return `${clusterId}-access-${shortHash(principal)}`;
}

/** IAM role names: at most 64 characters. */
const IAM_ROLE_NAME_MAX = 64;
/** What Pulumi's auto-naming appends to a role's name: `-` and seven random characters. */
const AUTO_NAME_SUFFIX = 8;

/**
 * Stem of the IAM role of an app's AWS permissions, `<fleet>-<app>`: the name of its Pulumi
 * resource, to which Pulumi appends `-` and seven random characters for the role's IAM name (so the
 * roles of two stacks, or of two fleets of one name, never collide). Derived from the two names
 * alone, so it never changes; one too long for IAM's 64 characters keeps its first characters and
 * ends with a hash of the whole.
 */
export function appRoleName(fleet: string, app: string): string {
  const name = `${fleet}-${app}`;
  const max = IAM_ROLE_NAME_MAX - AUTO_NAME_SUFFIX;
  if (name.length <= max) return name;
  return `${name.slice(0, max - 9).replace(/-+$/, '')}-${shortHash(name)}`;
}

/** The env variable that carries the address of called app `app`: `ledger-api` → `LEDGER_API_URL`. */
export function callVariable(app: string): string {
  return `${app.toUpperCase().replace(/-/g, '_')}_URL`;
}

/** The fleet's private hosted zone, holding a name per app called across clusters: `<fleet>.internal` (`.internal` is reserved for private use by ICANN). */
export function privateZoneName(fleet: string): string {
  return `${fleet}.internal`;
}

/** The name of the internal load balancer Service of an app called from other clusters. */
export function internalServiceName(app: string): string {
  return `${app}-internal`;
}
