/**
 * Validates Kubernetes objects against the Kubernetes 1.28 JSON schema in
 * `../shared/k8s-schemas/v1.28.0/_definitions.json`, strictly like
 * `kubeconform -strict`: an object schema with `properties` and no
 * `additionalProperties` is closed, so a misspelled field is an error.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';

/** The definitions file, resolved from this file's location (test/helpers → repo root → ../shared). */
export const K8S_DEFINITIONS_FILE = path.resolve(__dirname, '../../../shared/k8s-schemas/v1.28.0/_definitions.json');

const SCHEMA_ID = 'k8s-v1.28.0';

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

function gvkKey(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

function load(): Loaded {
  if (loaded) return loaded;
  const doc = JSON.parse(readFileSync(K8S_DEFINITIONS_FILE, 'utf8')) as { definitions: Record<string, JsonSchema> };
  const byGvk = new Map<string, string>();
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
 * An object whose apiVersion/kind is not in the schema is an error.
 */
export function validateK8sObject(obj: unknown): string[] {
  if (typeof obj !== 'object' || obj === null) return ['object is not a JSON object'];
  const o = obj as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
  if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') return ['object has no string apiVersion and kind'];
  const what = `${o.kind}/${typeof o.metadata?.name === 'string' ? o.metadata.name : '?'}`;
  const name = definitionFor(o.apiVersion, o.kind);
  if (name === undefined) return [`${what}: no schema for apiVersion "${o.apiVersion}" kind "${o.kind}" in Kubernetes v1.28.0`];
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
