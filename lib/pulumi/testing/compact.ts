/**
 * A plan made small enough to commit: only what `diffPlans` reads. Each
 * custom resource keeps its replacing inputs in full and the rest as a
 * digest; components keep no inputs (they have none in the cloud); the
 * dependencies go.
 */
import { forceNewOf } from './force-new';
import { makeUrn, PLAN_FORMAT, PlannedResource, providerUrn, RecordedPlan } from './plan';
import { inputsDigest, pick } from './values';

/** The paths a compacted plan keeps beside the replacing inputs: what places a resource in a cluster. */
const PLACEMENT_PATHS = ['tags["fleetform:cluster"]', 'metadata.labels["fleetform.io/cluster"]'];

/** The inputs of each provider type that decide whether the provider is replaced. */
const PROVIDER_PATHS: Readonly<Record<string, readonly string[]>> = {
  'pulumi:providers:aws': ['region'],
  'pulumi:providers:kubernetes': ['kubeconfig', 'clusterIdentifier'],
};

/** What {@link compactPlan} keeps. */
export interface CompactOptions {
  /**
   * `all` keeps every input; `replacing` keeps the replacing inputs (and what places a resource
   * in a cluster) and a digest of the rest, which still tells an update from no change.
   * @default 'replacing'
   */
  readonly inputs?: 'all' | 'replacing';
}

/** The plan without what `diffPlans` does not read, keys sorted so a committed plan changes only where the program did. */
export function compactPlan(plan: RecordedPlan, options: CompactOptions = {}): RecordedPlan {
  const all = options.inputs === 'all';
  return {
    ...plan,
    resources: plan.resources.map((r) => {
      const { inputs, inputsDigest: digest, propertyDependencies } = r;
      const rest = without(r, ['dependencies', 'inputs', 'inputsDigest', 'propertyDependencies']);
      if (!r.custom) return sortKeys({ ...rest, inputs: {} }) as PlannedResource;
      if (all || digest) return sortKeys({ ...rest, inputs, ...(digest ? { inputsDigest: digest } : {}), ...(propertyDependencies ? { propertyDependencies } : {}) }) as PlannedResource;
      const kept = pick(inputs, [...keptPaths(r.type), ...PLACEMENT_PATHS]);
      const keptDependencies = Object.fromEntries(Object.entries(propertyDependencies ?? {}).filter(([k]) => k in kept));
      return sortKeys({
        ...rest,
        inputs: kept,
        inputsDigest: inputsDigest(inputs, r.ignoreChanges ?? []),
        ...(Object.keys(keptDependencies).length > 0 ? { propertyDependencies: keptDependencies } : {}),
      }) as PlannedResource;
    }),
  };
}

/** A copy of an object without the given keys. */
function without<T extends object>(o: T, keys: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k))) as Partial<T>;
}

function keptPaths(type: string): string[] {
  return [...(PROVIDER_PATHS[type] ?? []), ...(forceNewOf(type)?.inputs.map((i) => i.path) ?? [])];
}

/** A copy of a JSON value with every object's keys in order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/**
 * A plan as committed text: one resource per line, and every reference to
 * another resource of the plan (parent, provider, dependencies) by its index
 * in the list instead of its URN, which {@link readPlan} derives again.
 */
export function formatPlan(plan: RecordedPlan): string {
  const index = new Map(plan.resources.map((r, i) => [r.urn, i]));
  const ref = (urn: string): number | string => index.get(urn) ?? urn;
  const lines = plan.resources.map((r) => {
    const { parent, provider, propertyDependencies, dependencies } = r;
    const rest = without(r, ['urn', 'parent', 'provider', 'propertyDependencies', 'dependencies']);
    const line = {
      ...rest,
      ...(parent !== undefined ? { parent: ref(parent) } : {}),
      ...(provider !== undefined ? { provider: [ref(providerUrn(provider)), provider.slice(providerUrn(provider).length + 2)] } : {}),
      ...(propertyDependencies ? { propertyDependencies: Object.fromEntries(Object.entries(propertyDependencies).map(([k, v]) => [k, v.map(ref)])) } : {}),
      ...(dependencies ? { dependencies: dependencies.map(ref) } : {}),
    };
    return `    ${JSON.stringify(sortKeys(line))}`;
  });
  const head = without(plan, ['resources']);
  const headText = JSON.stringify(sortKeys(head), null, 2).replace(/\n}$/, '');
  return `${headText},\n  "resources": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

/** A plan from its committed text ({@link formatPlan}) or from plain JSON of a {@link RecordedPlan}. */
export function readPlan(text: string): RecordedPlan {
  const plan = JSON.parse(text) as RecordedPlan & { resources: Record<string, unknown>[] };
  if (plan.format !== PLAN_FORMAT) throw new Error(`the plan has format ${String(plan.format)}; this version of fleetform/pulumi/testing reads format ${PLAN_FORMAT}: record it again`);
  const urns: string[] = [];
  const urnOf = (ref: unknown, what: string, at: number): string => {
    if (typeof ref === 'string') return ref;
    if (typeof ref === 'number' && urns[ref] !== undefined) return urns[ref];
    throw new Error(`resource ${at} of the plan refers to ${what} ${JSON.stringify(ref)}, which is not an earlier resource of the plan`);
  };
  const resources = plan.resources.map((raw, i): PlannedResource => {
    const r = raw as Record<string, any>;
    const parent = r.parent === undefined ? undefined : urnOf(r.parent, 'its parent', i);
    const urn = typeof r.urn === 'string' ? r.urn : makeUrn(plan.stack, plan.project, r.type, r.name, parent);
    urns.push(urn);
    const provider = Array.isArray(r.provider) ? `${urnOf(r.provider[0], 'its provider', i)}::${r.provider[1]}` : r.provider;
    const refs = (list: unknown[], what: string) => list.map((x) => urnOf(x, what, i));
    return {
      ...r,
      urn,
      ...(parent !== undefined ? { parent } : {}),
      ...(provider !== undefined ? { provider } : {}),
      ...(r.propertyDependencies ? { propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies as Record<string, unknown[]>).map(([k, v]) => [k, refs(v, 'a dependency')])) } : {}),
      ...(r.dependencies ? { dependencies: refs(r.dependencies, 'a dependency') } : {}),
    } as PlannedResource;
  });
  return { ...plan, resources };
}
