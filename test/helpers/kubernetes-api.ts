/**
 * Validates Kubernetes objects against the API of the newest minor fleetform
 * offers, as the official JavaScript client (@kubernetes/client-node, a
 * development dependency) models it: its models are generated from the
 * Kubernetes OpenAPI spec of one release branch, which each model file names
 * ("OpenAPI spec version: release-1.36").
 *
 * What is checked, like `kubeconform -strict`: the apiVersion and kind are
 * served by that release (a create endpoint exists for them), every field is
 * known (a misspelled or removed field is an error), every required field is
 * present, and each value has its field's type. Models come from the client's
 * files as data (each model's `attributeTypeMap`, and which properties its
 * declaration marks optional); none of the client's code runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface Field {
  readonly type: string;
  readonly required: boolean;
}

export interface KubernetesApi {
  /** The release branch the client's models are generated from, such as `1.36`. */
  readonly version: string;
  /** `apiVersion kind` → model name, for every kind the release serves. */
  readonly kinds: ReadonlyMap<string, string>;
  /** Model name → its fields. */
  readonly models: ReadonlyMap<string, ReadonlyMap<string, Field>>;
}

let loaded: KubernetesApi | undefined;

/** Reads the client's models and endpoints once. */
export function kubernetesApi(): KubernetesApi {
  if (loaded) return loaded;
  const root = join(dirname(require.resolve('@kubernetes/client-node/package.json')), 'dist', 'gen');
  const models = new Map<string, ReadonlyMap<string, Field>>();
  let version: string | undefined;
  for (const file of readdirSync(join(root, 'models'))) {
    if (!file.endsWith('.js') || file === 'all.js' || file === 'ObjectSerializer.js') continue;
    const name = file.slice(0, -3);
    const js = readFileSync(join(root, 'models', file), 'utf8');
    const map = /\.attributeTypeMap = (\[[\s\S]*?\n\]);/.exec(js);
    if (!map) continue;
    version ??= /OpenAPI spec version: release-(\d+\.\d+)/.exec(js)?.[1];
    const dts = readFileSync(join(root, 'models', `${name}.d.ts`), 'utf8');
    const fields = new Map<string, Field>();
    for (const a of JSON.parse(map[1]) as { name: string; baseName: string; type: string }[]) {
      const optional = new RegExp(`^\\s+'${a.name}'\\?:`, 'm').test(dts);
      fields.set(a.baseName, { type: a.type, required: !optional });
    }
    models.set(name, fields);
  }
  if (version === undefined) throw new Error('@kubernetes/client-node names no OpenAPI spec version in its models');
  const kinds = new Map<string, string>();
  for (const file of readdirSync(join(root, 'apis'))) {
    if (!/^[A-Za-z0-9]+V\d+(?:(?:alpha|beta)\d+)?Api\.js$/.test(file)) continue;
    const js = readFileSync(join(root, 'apis', file), 'utf8');
    const dts = readFileSync(join(root, 'apis', file.replace(/\.js$/, '.d.ts')), 'utf8');
    for (const m of js.matchAll(/async create(?:Namespaced)?(\w+)\([^)]*\) \{[\s\S]*?const localVarPath = '([^']+)'/g)) {
      const [, kind, path] = m;
      const body = new RegExp(`create(?:Namespaced)?${kind}\\([^)]*body: (\\w+)`).exec(dts)?.[1];
      // Subresources (a pod's eviction, a token request) are created through another kind's path.
      if (body === undefined || !body.endsWith(kind) || !models.has(body)) continue;
      const groupVersion = /^\/api\/(v1)\//.exec(path)?.[1] ?? /^\/apis\/([^/]+\/[^/]+)\//.exec(path)?.[1];
      if (groupVersion !== undefined && !/\{name\}\/\w+$/.test(path)) kinds.set(`${groupVersion} ${kind}`, body);
    }
  }
  loaded = { version, kinds, models };
  return loaded;
}

/** The errors of one object, each with the object's kind/name and a JSON path; empty when valid. */
export function validateAgainstApi(obj: unknown, api: KubernetesApi = kubernetesApi()): string[] {
  if (typeof obj !== 'object' || obj === null) return ['object is not a JSON object'];
  const o = obj as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
  const what = `${String(o.kind)}/${typeof o.metadata?.name === 'string' ? o.metadata.name : '?'}`;
  const model = api.kinds.get(`${String(o.apiVersion)} ${String(o.kind)}`);
  if (model === undefined) return [`${what}: apiVersion "${String(o.apiVersion)}" kind "${String(o.kind)}" is not served by Kubernetes ${api.version}`];
  const errors: string[] = [];
  check(obj, model, '', api, (path, message) => errors.push(`${what}: ${path || '/'} ${message}`));
  return errors;
}

type Report = (path: string, message: string) => void;

function check(value: unknown, type: string, path: string, api: KubernetesApi, report: Report): void {
  if (value === null) return; // The API server reads null as "not set".
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (!Array.isArray(value)) return report(path, `must be a list of ${array[1]}`);
    value.forEach((v, i) => check(v, array[1], `${path}/${i}`, api, report));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (typeof value !== 'object' || Array.isArray(value)) return report(path, `must be a map of ${map[1]}`);
    for (const [k, v] of Object.entries(value)) check(v, map[1], `${path}/${k}`, api, report);
    return;
  }
  switch (type) {
    case 'any':
    case 'object':
      return;
    case 'string':
    case 'Date':
      if (typeof value !== 'string') report(path, `must be a string, not ${JSON.stringify(value)}`);
      return;
    case 'number':
      if (typeof value !== 'number') report(path, `must be a number, not ${JSON.stringify(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') report(path, `must be a boolean, not ${JSON.stringify(value)}`);
      return;
    case 'IntOrString':
      if (typeof value !== 'number' && typeof value !== 'string') report(path, `must be a number or a string, not ${JSON.stringify(value)}`);
      return;
  }
  const fields = api.models.get(type);
  if (fields === undefined) return report(path, `has type ${type}, which the client does not model`);
  if (typeof value !== 'object' || Array.isArray(value)) return report(path, `must be an object (${type})`);
  const given = value as Record<string, unknown>;
  for (const [name, field] of fields) if (field.required && given[name] === undefined) report(path, `is missing the required field ${name} (${type})`);
  for (const [name, v] of Object.entries(given)) {
    const field = fields.get(name);
    if (field === undefined) report(`${path}/${name}`, `is not a field of ${type} in Kubernetes ${api.version}`);
    else check(v, field.type, `${path}/${name}`, api, report);
  }
}
