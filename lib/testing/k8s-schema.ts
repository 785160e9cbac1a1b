/**
 * Validates Kubernetes objects against the Kubernetes 1.28 JSON schema shipped
 * with fleetform (`schema/kubernetes/v1.28.0/_definitions.json`), strictly like
 * `kubeconform -strict`: an object schema with `properties` and no
 * `additionalProperties` is closed, so a misspelled field is an error.
 *
 * Fields that came after 1.28 and that every Kubernetes minor fleetform
 * offers serves ({@link NEWER_FIELDS}) are added to the schema, each with the
 * release that brought it, so that fleetform may write them.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import { hasCrdSchema, validateCustomResource } from './crd-schema';

/** The Kubernetes version of the shipped schema. */
export const K8S_SCHEMA_VERSION = 'v1.28.0';

/** Where the schema sits relative to the package root. */
const SCHEMA_PATH = ['schema', 'kubernetes', K8S_SCHEMA_VERSION, '_definitions.json'];

/**
 * The places the schema may be, relative to this file: `lib/testing/` in the
 * source tree, `build/lib/testing/` in a build or an installed package.
 */
export function schemaCandidates(dir: string = __dirname): string[] {
  return [path.resolve(dir, '..', '..', ...SCHEMA_PATH), path.resolve(dir, '..', '..', '..', ...SCHEMA_PATH)];
}

/** The first candidate that exists; throws, naming every place looked at, when none does. */
export function locateDefinitions(candidates: readonly string[] = schemaCandidates(), exists: (file: string) => boolean = existsSync): string {
  const found = candidates.find((file) => exists(file));
  if (found !== undefined) return found;
  throw new Error(
    `the Kubernetes ${K8S_SCHEMA_VERSION} schema is missing; looked at:\n  ${candidates.join('\n  ')}\n` +
      'it ships with fleetform in schema/kubernetes/: reinstall the package, or in a clone restore that folder with `git checkout -- schema/kubernetes`',
  );
}

const SCHEMA_ID = `k8s-${K8S_SCHEMA_VERSION}`;

interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

type JsonSchema = Record<string, unknown>;

interface Loaded {
  readonly ajv: Ajv;
  /** `group/version/kind` (group '' for core) → definition name. */
  readonly byGvk: ReadonlyMap<string, string>;
}

let loaded: Loaded | undefined;
const validators = new Map<string, ValidateFunction>();

/** Closes every object schema that lists properties and says nothing about others. */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(closeObjects);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as JsonSchema;
  if (typeof schema.properties === 'object' && schema.properties !== null && !('additionalProperties' in schema)) {
    schema.additionalProperties = false;
  }
  for (const value of Object.values(schema)) closeObjects(value);
}

/**
 * Fields added to the 1.28 schema: newer than 1.28, served (on by default) by
 * every minor of fleetform's catalogue (1.31 and later). Definition → field → schema.
 */
export const NEWER_FIELDS: Readonly<Record<string, Readonly<Record<string, JsonSchema>>>> = {
  // The `sleep` lifecycle action (KEP-3960): beta and on by default since 1.30, GA in 1.34.
  'io.k8s.api.core.v1.LifecycleHandler': {
    sleep: {
      description: 'Sleep represents the duration that the container should sleep before being terminated (Kubernetes 1.30+).',
      type: 'object',
      required: ['seconds'],
      properties: { seconds: { type: 'integer', format: 'int64' } },
      additionalProperties: false,
    },
  },
};

function gvkKey(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

function load(): Loaded {
  if (loaded) return loaded;
  const doc = JSON.parse(readFileSync(locateDefinitions(), 'utf8')) as { definitions: Record<string, JsonSchema> };
  const byGvk = new Map<string, string>();
  for (const [name, fields] of Object.entries(NEWER_FIELDS)) {
    const props = doc.definitions[name]?.properties as Record<string, JsonSchema> | undefined;
    if (props) Object.assign(props, fields);
  }
  for (const [name, def] of Object.entries(doc.definitions)) {
    closeObjects(def);
    const gvks = (def['x-kubernetes-group-version-kind'] ?? []) as GroupVersionKind[];
    for (const g of gvks) {
      const key = gvkKey(g.group, g.version, g.kind);
      if (!byGvk.has(key)) byGvk.set(key, name);
    }
  }
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: SCHEMA_ID, definitions: doc.definitions });
  loaded = { ajv, byGvk };
  return loaded;
}

/** The definition name for an object's apiVersion and kind, such as `io.k8s.api.apps.v1.Deployment`. */
export function definitionFor(apiVersion: string, kind: string): string | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
  const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
  return load().byGvk.get(gvkKey(group, version, kind));
}

/**
 * Validates one Kubernetes object. Returns the errors, each prefixed with the
 * object's kind/name and the instance path; empty when the object is valid.
 * Custom resources whose CRD schema ships with fleetform (the External Secrets
 * Operator's ExternalSecret and ClusterSecretStore) are validated against it.
 * An object whose apiVersion/kind is in neither is an error.
 */
export function validateK8sObject(obj: unknown): string[] {
  if (typeof obj !== 'object' || obj === null) return ['object is not a JSON object'];
  const o = obj as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
  if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') return ['object has no string apiVersion and kind'];
  const what = `${o.kind}/${typeof o.metadata?.name === 'string' ? o.metadata.name : '?'}`;
  if (hasCrdSchema(o.apiVersion, o.kind)) return validateCustomResource(o, o.apiVersion, o.kind, what);
  const name = definitionFor(o.apiVersion, o.kind);
  if (name === undefined) return [`${what}: no schema for apiVersion "${o.apiVersion}" kind "${o.kind}" in Kubernetes ${K8S_SCHEMA_VERSION}`];
  let validate = validators.get(name);
  if (!validate) {
    validate = load().ajv.compile({ $ref: `${SCHEMA_ID}#/definitions/${name}` });
    validators.set(name, validate);
  }
  if (validate(obj)) return [];
  return (validate.errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : '';
    return `${what}: ${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
  });
}
