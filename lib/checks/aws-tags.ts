/**
 * AWS resource tags, checked against the rules AWS applies across services
 * (AWS "Tagging best practices" and the `Tag` type of the service APIs, whose
 * pattern is `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`):
 * - at most 50 user tags per resource (tags AWS adds under `aws:` do not
 *   count; the tags fleetform adds itself do);
 * - keys of 1 to 128 Unicode characters, values of 0 to 256;
 * - letters and digits of any script, spaces, and `_ . : / = + - @`;
 * - no key starting with `aws:` in any case, which AWS reserves.
 */
import { codePointLength, describeValue, isPlainObject, quote } from './describe';

/** Most tags on one resource, counting the ones fleetform adds. */
export const MAX_TAGS_PER_RESOURCE = 50;
/** Longest tag key, in Unicode characters. */
export const MAX_TAG_KEY_LENGTH = 128;
/** Longest tag value, in Unicode characters. */
export const MAX_TAG_VALUE_LENGTH = 256;
/** The prefix AWS reserves for its own tag keys (compared without regard to case). */
export const RESERVED_TAG_PREFIX = 'aws:';

/** Options of `checkAwsTags`. */
export interface AwsTagOptions {
  /** Tag keys fleetform itself puts on the resource: they count towards the limit, and a user tag may not reuse them. */
  readonly reservedKeys?: readonly string[];
  /** Key prefixes fleetform (or Kubernetes on AWS) uses for its own tags; a user tag may not start with them. */
  readonly reservedPrefixes?: readonly string[];
  /**
   * The most tags fleetform adds to one resource, when more than `reservedKeys`
   * (some of its keys, such as `kubernetes.io/cluster/<name>`, depend on the resource).
   * @default reservedKeys.length
   */
  readonly addedTagCount?: number;
}

const TAG_CHARACTER = /[\p{L}\p{Z}\p{N}_.:/=+\-@]/u;
const ALLOWED = 'letters, digits, spaces and _ . : / = + - @';

/** The characters of `text` AWS does not allow in a tag, each quoted once, in order. */
function badCharacters(text: string): string[] {
  const bad = new Set<string>();
  for (const ch of text) if (!TAG_CHARACTER.test(ch)) bad.add(ch);
  return [...bad].map(quote);
}

/** Checks user tags for an AWS resource; returns problems, each starting with `what`. */
export function checkAwsTags(tags: unknown, what: string, options: AwsTagOptions = {}): string[] {
  if (!isPlainObject(tags)) return [`${what} must be an object of tag keys to string values, such as { team: "payments" }, not ${describeValue(tags)}`];
  const reserved = new Set(options.reservedKeys ?? []);
  const problems: string[] = [];
  for (const [key, value] of Object.entries(tags)) {
    const k = quote(key);
    const keyLength = codePointLength(key);
    if (key === '') problems.push(`${what} has a tag with an empty key; give it a key of 1 to ${MAX_TAG_KEY_LENGTH} characters`);
    else if (keyLength > MAX_TAG_KEY_LENGTH) problems.push(`${what} key ${k} is ${keyLength} characters long; AWS allows at most ${MAX_TAG_KEY_LENGTH}, so shorten it`);
    const keyBad = badCharacters(key);
    if (keyBad.length > 0) problems.push(`${what} key ${k} has ${keyBad.join(', ')}, which AWS does not allow in tags; use only ${ALLOWED}`);
    if (key.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) {
      problems.push(`${what} key ${k} starts with "${key.slice(0, RESERVED_TAG_PREFIX.length)}", which AWS reserves for its own tags; drop the prefix, such as ${quote(key.slice(RESERVED_TAG_PREFIX.length) || 'name')}`);
    }
    if (reserved.has(key)) problems.push(`${what} key ${k} is a tag fleetform sets itself on every resource; use another key`);
    const prefix = (options.reservedPrefixes ?? []).find((x) => key.startsWith(x));
    if (prefix !== undefined && !reserved.has(key)) problems.push(`${what} key ${k} starts with "${prefix}", which fleetform keeps for its own tags; use another key`);

    if (typeof value !== 'string') {
      const asText = typeof value === 'number' || typeof value === 'boolean' ? `; write it as a string: ${quote(String(value))}` : '; give a string, or "" for an empty value';
      problems.push(`${what} ${k} has ${describeValue(value)} as its value; tag values are strings${asText}`);
      continue;
    }
    const valueLength = codePointLength(value);
    if (valueLength > MAX_TAG_VALUE_LENGTH) problems.push(`${what} ${k} has a value of ${valueLength} characters; AWS allows at most ${MAX_TAG_VALUE_LENGTH}, so shorten it`);
    const valueBad = badCharacters(value);
    if (valueBad.length > 0) problems.push(`${what} ${k} has the value ${quote(value)}, with ${valueBad.join(', ')}, which AWS does not allow in tags; use only ${ALLOWED}`);
  }
  const added = Math.max(options.addedTagCount ?? 0, reserved.size);
  const userOnly = Object.keys(tags).filter((key) => !reserved.has(key)).length;
  const total = userOnly + added;
  if (total > MAX_TAGS_PER_RESOURCE) {
    const own = added === 0 ? ''
      : added === reserved.size ? ` with the ${added} fleetform adds (${[...reserved].map(quote).join(', ')})`
        : ` with the up to ${added} fleetform adds`;
    problems.push(`${what} puts ${total} tags on ${added === reserved.size ? 'each' : 'a'} resource${own}; AWS allows at most ${MAX_TAGS_PER_RESOURCE}, so remove ${total - MAX_TAGS_PER_RESOURCE}`);
  }
  return problems;
}
