/**
 * What `pulumi up` would do to a stack deployed from one recorded plan when
 * it runs a second: each resource is matched by URN or by the aliases the
 * second plan declares (as the engine matches them), then classed as the
 * providers would class it — same, update (which inputs changed), replace
 * (which replacing inputs changed, or its provider), create or delete.
 */
import { forceNewOf, ForceNewInput } from './force-new';
import { AUTONAMED_TYPES, mockArn, mockId } from './mock-answers';
import { isDefaultProvider, makeUrn, parseUrn, PLAN_FORMAT, PlannedAlias, PlannedResource, providerUrn, RecordedPlan, UNKNOWN } from './plan';
import { providerReplaceReasons, show } from './provider-changes';
import { changedPaths, formatPath, hasUnknown, inputsDigest, parsePath, sameValue, valuesAt, withValueAt } from './values';

/** What the engine does to one resource. */
export type ChangeKind = 'same' | 'update' | 'replace' | 'create' | 'delete';

/** The class of one resource. */
export interface ResourceChange {
  readonly kind: ChangeKind;
  /** The URN in the second plan (in the first, for a delete). */
  readonly urn: string;
  /** The URN in the first plan, when the resource was matched through an alias. */
  readonly previousUrn?: string;
  readonly type: string;
  readonly name: string;
  /** Custom resources are cloud objects; components only group them. */
  readonly custom: boolean;
  /** The inputs that differ (update, replace); `*` for inputs the first plan kept only as a digest. */
  readonly changed: readonly string[];
  /** Why it is replaced: each replacing input with its two values, or its provider. */
  readonly replaceReasons: readonly string[];
  /** Protected where it was deployed: the engine stops before replacing or deleting it. */
  readonly protect?: boolean;
  /** Left in the cloud when deleted from the stack. */
  readonly retainOnDelete?: boolean;
}

/** The classes of every resource of two plans. */
export interface PlanDiff {
  readonly before: RecordedPlan;
  readonly after: RecordedPlan;
  /** The second plan's resources in its order, then the first plan's deleted ones. */
  readonly changes: readonly ResourceChange[];
  /** Custom resources (cloud objects) per class. */
  readonly counts: Readonly<Record<ChangeKind, number>>;
  /** Custom types of the second plan whose replacing inputs fleetform does not know (changes are classed as updates). */
  readonly unknownTypes: readonly string[];
}

/** The marker of changed inputs the first plan kept only as a digest. */
export const UNRECORDED = '*';

/**
 * Classes every resource of `after` against `before`, as `pulumi up` of
 * `after` on a stack deployed from `before` would. Both plans must be of one
 * project and stack (their URNs begin with them).
 */
export function diffPlans(before: RecordedPlan, after: RecordedPlan): PlanDiff {
  for (const [label, p] of [['first', before], ['second', after]] as const) {
    if (p.format !== PLAN_FORMAT) throw new Error(`the ${label} plan has format ${String(p.format)}; diffPlans reads format ${PLAN_FORMAT}: record it again with this version of fleetform/pulumi/testing`);
  }
  if (before.project !== after.project || before.stack !== after.stack) {
    throw new Error(`the plans are of different stacks (${before.project}/${before.stack} and ${after.project}/${after.stack}); record both with the same project and stack, since every URN begins with them`);
  }
  // What the program only reads (a StackReference) is neither created nor deleted.
  before = { ...before, resources: before.resources.filter((r) => !r.read) };
  after = { ...after, resources: after.resources.filter((r) => !r.read) };
  const olds = new Map(before.resources.map((r) => [r.urn, r]));
  const state: DiffState = { aliasUrns: new Map(), aliasedFrom: new Map(), renamed: [], newIdentity: new Set(), classes: new Map(), matched: new Set() };
  const changes: ResourceChange[] = [];
  const unknownTypes = new Set<string>();

  for (const r of after.resources) {
    const candidates = aliasCandidates(r, after, state);
    const old = olds.get(r.urn) ?? candidates.map((u) => olds.get(u)).find((o) => o && !state.matched.has(o.urn));
    if (!old) {
      changes.push(record(state, r, { kind: 'create', changed: [], replaceReasons: [] }));
      continue;
    }
    state.matched.add(old.urn);
    if (old.urn !== r.urn) {
      state.aliasedFrom.set(r.urn, old.urn);
      if (old.name !== r.name) state.renamed.push({ from: old.name, to: r.name, type: r.type });
    }
    const change = classify(old, r, state, unknownTypes);
    changes.push(record(state, r, { ...change, ...(old.urn !== r.urn ? { previousUrn: old.urn } : {}), ...guards(old) }));
  }
  for (const old of before.resources) {
    if (state.matched.has(old.urn)) continue;
    changes.push({ kind: 'delete', urn: old.urn, type: old.type, name: old.name, custom: old.custom, changed: [], replaceReasons: [], ...guards(old) });
  }
  const counts: Record<ChangeKind, number> = { same: 0, update: 0, replace: 0, create: 0, delete: 0 };
  for (const c of changes) if (c.custom) counts[c.kind]++;
  return { before, after, changes, counts, unknownTypes: [...unknownTypes].sort() };
}

interface DiffState {
  /** Second-plan URN → every URN it may have had (its aliases and those its parents' aliases imply). */
  readonly aliasUrns: Map<string, string[]>;
  /** Second-plan URN → the first-plan URN it was matched to through an alias. */
  readonly aliasedFrom: Map<string, string>;
  /** Matched resources whose logical name changed (their mocked outputs are named after it). */
  readonly renamed: { from: string; to: string; type: string }[];
  /** Second-plan URNs of resources created or replaced: their outputs are unknown until the deployment. */
  readonly newIdentity: Set<string>;
  readonly classes: Map<string, ChangeKind>;
  readonly matched: Set<string>;
}

type Classified = Pick<ResourceChange, 'kind' | 'changed' | 'replaceReasons'>;

function record(state: DiffState, r: PlannedResource, c: Classified & Partial<ResourceChange>): ResourceChange {
  state.classes.set(r.urn, c.kind);
  if (c.kind === 'create' || c.kind === 'replace') state.newIdentity.add(r.urn);
  return { urn: r.urn, type: r.type, name: r.name, custom: r.custom, ...c };
}

function guards(old: PlannedResource): Partial<ResourceChange> {
  return { ...(old.protect ? { protect: true } : {}), ...(old.retainOnDelete ? { retainOnDelete: true } : {}) };
}

/**
 * The URNs a resource may have had, as the engine computes them: each alias it
 * declares (an alias's parent, when it is a resource matched through an alias,
 * stands for that resource's old URN), then, for each alias of its parent, its
 * own name under that parent (a name that began with the parent's name begins
 * with the parent's old name).
 */
function aliasCandidates(r: PlannedResource, plan: RecordedPlan, state: DiffState): string[] {
  const own = (r.aliases ?? []).map((a) => collapseAlias(a, r, plan, state));
  const result = [...own];
  if (r.parent) {
    const parentName = parseUrn(r.parent).name;
    for (const parentAlias of state.aliasUrns.get(r.parent) ?? []) {
      result.push(inheritedAlias(r.type, r.name, parentName, parentAlias));
      for (const u of own) {
        const p = parseUrn(u);
        result.push(inheritedAlias(p.type, p.name, parentName, parentAlias));
      }
    }
  }
  const unique = [...new Set(result)];
  state.aliasUrns.set(r.urn, unique);
  return unique;
}

function collapseAlias(alias: PlannedAlias, r: PlannedResource, plan: RecordedPlan, state: DiffState): string {
  if ('urn' in alias) return alias.urn;
  let parent = alias.noParent ? undefined : alias.parent ?? r.parent;
  if (parent && alias.parent !== undefined) parent = state.aliasedFrom.get(parent) ?? parent;
  return makeUrn(alias.stack ?? plan.stack, alias.project ?? plan.project, alias.type ?? r.type, alias.name ?? r.name, parent);
}

function inheritedAlias(childType: string, childName: string, parentName: string, parentAlias: string): string {
  const p = parseUrn(parentAlias);
  const name = childName.startsWith(parentName) ? p.name + childName.slice(parentName.length) : childName;
  return `urn:pulumi:${p.stack}::${p.project}::${p.qualifiedType}$${childType}::${name}`;
}

function classify(old: PlannedResource, r: PlannedResource, state: DiffState, unknownTypes: Set<string>): Classified {
  if (old.custom !== r.custom) return { kind: 'replace', changed: [], replaceReasons: [`it was a ${old.custom ? 'custom resource' : 'component'} and is now a ${r.custom ? 'custom resource' : 'component'}`] };
  if (!r.custom) return { kind: 'same', changed: [], replaceReasons: [] };
  const reasons = providerReasons(old, r, state);
  const afterInputs = resolvedInputs(r, state);
  const beforeInputs = renamedInputs(old.inputs, state) as Record<string, unknown>;
  const ignored = withIgnoredChanges(beforeInputs, afterInputs, r.ignoreChanges ?? []);
  const digested = old.inputsDigest !== undefined || r.inputsDigest !== undefined;
  const changed = digested
    ? [...new Set([...changedPaths(pickLike(beforeInputs, ignored), pickLike(ignored, beforeInputs)), ...(digestChanged(old, r, state) ? [UNRECORDED] : [])])]
    : changedPaths(beforeInputs, ignored);
  if (r.type.startsWith('pulumi:providers:')) {
    reasons.push(...providerReplaceReasons(r.type, beforeInputs, ignored));
  } else {
    const entry = forceNewOf(r.type);
    if (!entry) unknownTypes.add(r.type);
    const inputs = [...(entry?.inputs ?? []), ...(r.replaceOnChanges ?? []).map((path) => ({ path }))];
    reasons.push(...forceNewReasons(inputs, beforeInputs, ignored));
  }
  if (reasons.length > 0) return { kind: 'replace', changed, replaceReasons: reasons };
  return { kind: changed.length > 0 ? 'update' : 'same', changed, replaceReasons: [] };
}

/** The provider reasons: another provider instance (not aliased), or a provider that is itself replaced. */
function providerReasons(old: PlannedResource, r: PlannedResource, state: DiffState): string[] {
  const before = old.provider ? providerUrn(old.provider) : '';
  const after = r.provider ? providerUrn(r.provider) : '';
  if (before === '' && after === '') return [];
  if (before === '' || after === '') return [`its provider changed from ${before ? parseUrn(before).name : 'the default'} to ${after ? parseUrn(after).name : 'the default'}`];
  const same = before === after || state.aliasedFrom.get(after) === before || (isDefaultProvider(before) && isDefaultProvider(after));
  if (!same) return [`its provider changed from ${parseUrn(before).name} to ${parseUrn(after).name}, which is not an alias of it`];
  return state.classes.get(after) === 'replace' || state.classes.get(after) === 'create' ? [`its provider ${parseUrn(after).name} is replaced`] : [];
}

/** The second plan's inputs, with those that depend on a created or replaced resource unknown. */
function resolvedInputs(r: PlannedResource, state: DiffState): Record<string, unknown> {
  const inputs = { ...r.inputs };
  for (const [prop, urns] of Object.entries(r.propertyDependencies ?? {})) {
    if (urns.some((u) => state.newIdentity.has(u)) && inputs[prop] !== undefined) inputs[prop] = UNKNOWN;
  }
  return inputs;
}

/** The first plan's inputs with the mocked outputs of renamed (aliased) resources named as in the second plan. */
function renamedInputs(value: unknown, state: DiffState, inverse = false): unknown {
  if (state.renamed.length === 0) return value;
  if (typeof value === 'string') {
    let s = value;
    for (const { from, to, type } of state.renamed) {
      const [a, b] = inverse ? [to, from] : [from, to];
      if (AUTONAMED_TYPES.includes(type) && s === a) s = b;
      s = replaceToken(s, mockArn(a), mockArn(b));
      s = replaceToken(s, mockId(a), mockId(b));
    }
    return s;
  }
  if (Array.isArray(value)) return value.map((v) => renamedInputs(v, state, inverse));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renamedInputs(v, state, inverse)]));
  return value;
}

/** Replaces whole-word occurrences of a mocked output (not part of a longer name). */
function replaceToken(s: string, token: string, replacement: string): string {
  if (!s.includes(token)) return s;
  const name = /[A-Za-z0-9_./-]/;
  let out = '';
  let i = 0;
  for (let at = s.indexOf(token); at >= 0; at = s.indexOf(token, at + token.length)) {
    const before = at > 0 ? s[at - 1] : '';
    const after = s[at + token.length] ?? '';
    if ((before === '' || !name.test(before)) && (after === '' || !name.test(after))) {
      out += s.slice(i, at) + replacement;
      i = at + token.length;
    }
  }
  return out + s.slice(i);
}

/** The engine's `ignoreChanges`: each ignored path keeps the first plan's value, or stays unset. */
function withIgnoredChanges(before: Record<string, unknown>, after: Record<string, unknown>, ignore: readonly string[]): Record<string, unknown> {
  let result: unknown = after;
  for (const p of ignore) {
    const segments = parsePath(p);
    for (const hit of valuesAt(result, segments)) if (hit.value !== undefined) result = withValueAt(result, hit.path, undefined);
    for (const hit of valuesAt(before, segments)) if (hit.value !== undefined) result = withValueAt(result, hit.path, hit.value);
  }
  return (result ?? {}) as Record<string, unknown>;
}

/** `value` restricted to the keys `shape` has, level by level (what a plan that keeps only some inputs kept). */
function pickLike(value: Record<string, unknown>, shape: Record<string, unknown>): Record<string, unknown> {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  const walk = (v: unknown, k: unknown): unknown => (isObject(v) && isObject(k)
    ? Object.fromEntries(Object.keys(k).map((key) => [key, walk(v[key], k[key])]))
    : v);
  return walk(value, shape) as Record<string, unknown>;
}

/** Whether the inputs differ where one of the plans kept them only as a digest. */
function digestChanged(old: PlannedResource, r: PlannedResource, state: DiffState): boolean {
  if (old.inputsDigest && r.inputsDigest) return old.inputsDigest !== r.inputsDigest;
  const ignore = [...new Set([...(old.ignoreChanges ?? []), ...(r.ignoreChanges ?? [])])];
  if (old.inputsDigest) return inputsDigest(renamedInputs(resolvedInputs(r, state), state, true) as Record<string, unknown>, ignore) !== old.inputsDigest;
  return inputsDigest(renamedInputs(old.inputs, state) as Record<string, unknown>, ignore) !== r.inputsDigest;
}

/** Each replacing input whose value changed, with both values. */
function forceNewReasons(inputs: readonly ForceNewInput[], before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const reasons: string[] = [];
  for (const input of inputs) {
    const segments = parsePath(input.path);
    const b = valuesAt(before, segments);
    const a = valuesAt(after, segments);
    const paths = new Set([...b, ...a].map((x) => formatPath(x.path)));
    for (const path of paths) {
      const bv = b.find((x) => formatPath(x.path) === path)?.value ?? input.default;
      const av = a.find((x) => formatPath(x.path) === path)?.value ?? input.default;
      if (input.onRemoval ? bv !== undefined && av === undefined : input.computed && av === undefined ? false : !sameValue(bv, av, input.unordered)) {
        reasons.push(`${path}: ${show(bv)} → ${hasUnknown(av) ? '(unknown until the deployment)' : show(av)}`);
      }
    }
  }
  return reasons;
}
