/**
 * Validates custom resources fleetform writes against the openAPIV3Schema of
 * their CRDs, vendored in `schema/<project>/<version>/<Kind>.json` (see the
 * README beside them), as strictly as the Kubernetes schema: an object schema
 * with `properties` and no `additionalProperties` (nor
 * `x-kubernetes-preserve-unknown-fields`) is closed, so a misspelled field is
 * an error rather than a field the API server would silently prune.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';

/** The CRD schemas shipped, by `apiVersion/kind`: the folder under `schema/` and the file. */
const CRD_SCHEMAS: Readonly<Record<string, readonly string[]>> = {
  'external-secrets.io/v1/ExternalSecret': ['external-secrets', 'v2.9.0', 'ExternalSecret.json'],
  'external-secrets.io/v1/ClusterSecretStore': ['external-secrets', 'v2.9.0', 'ClusterSecretStore.json'],
  'awspca.cert-manager.io/v1beta1/AWSPCAClusterIssuer': ['aws-privateca-issuer', 'v1.9.0', 'AWSPCAClusterIssuer.json'],
  'trust.cert-manager.io/v1alpha1/Bundle': ['trust-manager', 'v0.24.0', 'Bundle.json'],
  'cert-manager.io/v1/ClusterIssuer': ['cert-manager', 'v1.21.1', 'ClusterIssuer.json'],
};

type JsonSchema = Record<string, unknown>;

const validators = new Map<string, ValidateFunction>();
let ajv: Ajv | undefined;

/** Closes every object schema that lists properties and says nothing about others. */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(closeObjects);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as JsonSchema;
  if (typeof schema.properties === 'object' && schema.properties !== null && !('additionalProperties' in schema) && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
    schema.additionalProperties = false;
  }
  for (const value of Object.values(schema)) closeObjects(value);
}

/** The schema file for `parts`, in the source tree (`lib/testing/`) or a build (`build/lib/testing/`). */
function locate(parts: readonly string[]): string {
  const candidates = [path.resolve(__dirname, '..', '..', 'schema', ...parts), path.resolve(__dirname, '..', '..', '..', 'schema', ...parts)];
  const found = candidates.find((file) => existsSync(file));
  if (found === undefined) throw new Error(`the CRD schema ${parts.join('/')} is missing; looked at:\n  ${candidates.join('\n  ')}\nit ships with fleetform in schema/`);
  return found;
}

/** Whether a CRD schema ships for this apiVersion and kind. */
export function hasCrdSchema(apiVersion: string, kind: string): boolean {
  return Object.hasOwn(CRD_SCHEMAS, `${apiVersion}/${kind}`);
}

/**
 * Validates one custom resource against its CRD's schema; returns errors
 * prefixed with `what` and the instance path, empty when valid. The caller
 * checks {@link hasCrdSchema} first.
 */
export function validateCustomResource(obj: object, apiVersion: string, kind: string, what: string): string[] {
  const key = `${apiVersion}/${kind}`;
  let validate = validators.get(key);
  if (!validate) {
    const doc = JSON.parse(readFileSync(locate(CRD_SCHEMAS[key]!), 'utf8')) as { openAPIV3Schema: JsonSchema };
    closeObjects(doc.openAPIV3Schema);
    ajv ??= new Ajv({ strict: false, allErrors: true, validateFormats: false });
    validate = ajv.compile(doc.openAPIV3Schema);
    validators.set(key, validate);
  }
  if (validate(obj)) return [];
  return (validate.errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : '';
    return `${what}: ${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
  });
}
