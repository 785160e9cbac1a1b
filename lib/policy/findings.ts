/**
 * What the object policy reports: the stable names of its rules, and one
 * finding per field that breaks a rule, with the object, the field path and
 * the fix. Pure data; the rules themselves are in the modules beside this one.
 */

/** The rules every object a cluster's manifests hold is checked against, by stable name. */
export const POLICY_RULE_NAMES = [
  'pod-security-restricted',
  'container-resources',
  'pinned-images',
  'no-literal-secret-data',
] as const;

/** The stable name of one rule of the object policy. */
export type PolicyRuleName = typeof POLICY_RULE_NAMES[number];

/**
 * Rules a manifest may not be exempted from, with why: a Secret written with
 * its data puts the secret in every copy of the manifests (the output folder,
 * git, the deployment's state).
 */
export const UNEXEMPTIBLE_RULES: Readonly<Partial<Record<PolicyRuleName, string>>> = {
  'no-literal-secret-data': 'a Secret written with its data puts the secret in every copy of the manifests (the output folder, git, the deployment\'s state); read it from AWS Secrets Manager with an app\'s secretEnv or secretFiles, or have an ExternalSecret write it in the cluster',
};

/** One field of one object that breaks one rule. */
export interface PolicyFinding {
  /** The rule broken. */
  readonly rule: PolicyRuleName;
  /** The object, as `Kind namespace/name` (or `Kind name` without a namespace). */
  readonly object: string;
  /** Path of the field within the object, such as `spec.template.spec.containers[0].securityContext.privileged`. */
  readonly field: string;
  /** What is wrong. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Whether `name` is the name of a rule of the object policy. */
export function isPolicyRuleName(name: unknown): name is PolicyRuleName {
  return typeof name === 'string' && (POLICY_RULE_NAMES as readonly string[]).includes(name);
}

/** A plain object, or undefined for anything else (arrays, null, scalars). */
export function asObject(x: unknown): Record<string, unknown> | undefined {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? x as Record<string, unknown> : undefined;
}

/** The elements of an array that are plain objects, each with its index; nothing for anything else. */
export function objectsIn(x: unknown): { readonly item: Record<string, unknown>; readonly index: number }[] {
  if (!Array.isArray(x)) return [];
  return x.flatMap((item: unknown, index) => {
    const o = asObject(item);
    return o ? [{ item: o, index }] : [];
  });
}

/** `Kind namespace/name` of an object, as findings name it. */
export function describeObject(o: Record<string, unknown>): string {
  const metadata = asObject(o.metadata) ?? {};
  const kind = typeof o.kind === 'string' ? o.kind : 'object';
  const name = typeof metadata.name === 'string' ? metadata.name : '(unnamed)';
  return typeof metadata.namespace === 'string' ? `${kind} ${metadata.namespace}/${name}` : `${kind} ${name}`;
}
