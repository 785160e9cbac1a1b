/**
 * The options of `RegionalCluster.addManifest`, given before the objects:
 * which rules of the object policy the manifest is exempt from, and why.
 */
import { closest, describeValue, isPlainObject } from './input';
import { isPolicyRuleName, POLICY_RULE_NAMES, PolicyRuleName, UNEXEMPTIBLE_RULES } from './policy/findings';

/** Options of `RegionalCluster.addManifest`, given as the argument after the id. */
export interface ManifestOptions {
  /**
   * Rules of the object policy the manifest's objects are exempt from, each
   * with the reason, written in your code for reviewers to read, such as
   * `{ 'pod-security-restricted': 'node exporter reads the node through hostNetwork and hostPID' }`.
   * The rules are `pod-security-restricted`, `container-resources` and
   * `pinned-images`; `no-literal-secret-data` cannot be exempted.
   * @default - none: every object is held to every rule
   */
  readonly exempt?: Readonly<Partial<Record<PolicyRuleName, string>>>;
}

/** Shortest reason an exemption takes: a word or two is not a reason. */
export const MIN_REASON_LENGTH = 10;

/** Whether the first argument after an `addManifest` id is its options rather than an object: a plain object with `exempt` and no `apiVersion` or `kind`. */
export function isManifestOptions(x: unknown): x is ManifestOptions {
  return isPlainObject(x) && 'exempt' in x && !('apiVersion' in x) && !('kind' in x);
}

/** The exemptions of `options`, sorted by rule, and the problems of the ones that are not right. */
export function readExemptions(id: string, options: ManifestOptions): { exempt: Record<string, string>; problems: string[] } {
  const problems: string[] = [];
  const exempt: Record<string, string> = {};
  const example = `{ exempt: { "pod-security-restricted": "node exporter reads the node through hostNetwork" } }`;
  const unknown = Object.keys(options).filter((k) => k !== 'exempt');
  for (const k of unknown) problems.push(`manifest "${id}" options have the unknown field "${k}"; the options take only exempt, such as ${example}`);
  const given = options.exempt as unknown;
  if (!isPlainObject(given)) {
    problems.push(`manifest "${id}" exempt is ${describeValue(given)}; give the rules to exempt, each with its reason, such as ${example}`);
    return { exempt, problems };
  }
  for (const rule of Object.keys(given).sort()) {
    const reason = given[rule];
    if (!isPolicyRuleName(rule)) {
      const near = closest(rule, POLICY_RULE_NAMES);
      problems.push(`manifest "${id}" exempts "${rule}", which is not a rule of the object policy${near ? ` (did you mean "${near}"?)` : ''}; the rules are ${POLICY_RULE_NAMES.join(', ')}`);
    } else if (UNEXEMPTIBLE_RULES[rule] !== undefined) {
      problems.push(`manifest "${id}" exempts "${rule}", which cannot be exempted: ${UNEXEMPTIBLE_RULES[rule]}`);
    } else if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
      problems.push(`manifest "${id}" exempts "${rule}" with ${describeValue(reason)} as its reason; say why the objects need the exemption in at least ${MIN_REASON_LENGTH} characters, such as "node exporter reads the node through hostNetwork"`);
    } else {
      exempt[rule] = reason.trim();
    }
  }
  return { exempt, problems };
}
