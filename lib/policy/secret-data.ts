/**
 * No Secret with literal data: a Secret written into the manifests with its
 * `data` or `stringData` puts the secret in every copy of them (the output
 * folder, git, the deployment's state). A Secret without data (one a
 * controller fills, such as a service account token) passes.
 */
import { asObject, PolicyFinding } from './findings';

/** The findings of the no-literal-secret-data rule in `o`. */
export function secretFindings(o: Record<string, unknown>, object: string): PolicyFinding[] {
  if (o.kind !== 'Secret' || o.apiVersion !== 'v1') return [];
  const out: PolicyFinding[] = [];
  for (const field of ['data', 'stringData'] as const) {
    const value = o[field];
    const keys = asObject(value) ? Object.keys(value as object) : [];
    if (keys.length === 0 && (value === undefined || value === null || asObject(value))) continue;
    out.push({
      rule: 'no-literal-secret-data',
      object,
      field,
      problem: keys.length > 0 ? `holds the secret's values (${keys.sort().join(', ')}) in the manifest` : 'is given in the manifest',
      fix: 'keep the value in AWS Secrets Manager and read it with an app\'s secretEnv or secretFiles (or an ExternalSecret of your own), and remove the Secret',
    });
  }
  return out;
}
