/**
 * A recorded plan: every resource a Pulumi program registers, as the engine
 * would receive it (URN, inputs, provider and the options that decide what a
 * change does), written as plain JSON so that plans of two versions can be
 * compared offline. Recorded by `recordPlan` under `mockCloud`; compared by
 * `diffPlans`.
 */

/** The version of the plan format; a plan of another version is refused by `diffPlans`. */
export const PLAN_FORMAT = 1;

/** Pulumi's marker of a value not known until the deployment (an output of a resource not yet created). */
export const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

/** How a resource alias was declared: a full URN, or the parts that differ from the resource's own. */
export type PlannedAlias =
  | { readonly urn: string }
  | {
      readonly name?: string;
      readonly type?: string;
      /** URN of the parent the resource had; absent means its current parent. */
      readonly parent?: string;
      /** The resource had no parent. */
      readonly noParent?: boolean;
      readonly stack?: string;
      readonly project?: string;
    };

/** One registered resource. */
export interface PlannedResource {
  /** The URN the Pulumi engine gives it (its parents' types, its type and name). */
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Custom resources have a provider and a cloud object; components only group others. */
  readonly custom: boolean;
  /** URN of the parent, when the resource has one. */
  readonly parent?: string;
  /** `<provider URN>::<provider id>` for a custom resource with an explicit provider. */
  readonly provider?: string;
  /**
   * The inputs as the provider receives them; secrets in clear, unknown values as {@link UNKNOWN}.
   * A compacted plan keeps only the replacing ones (see `inputsDigest`).
   */
  readonly inputs: Record<string, unknown>;
  /** Digest of all the inputs (but those `ignoreChanges` names), when `inputs` keeps only some of them. */
  readonly inputsDigest?: string;
  /** Top-level input → URNs of the resources whose outputs flowed into it. */
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  /** URNs the resource waits for (`dependsOn` and its inputs' resources). */
  readonly dependencies?: readonly string[];
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
  readonly deleteBeforeReplace?: boolean;
  readonly ignoreChanges?: readonly string[];
  readonly replaceOnChanges?: readonly string[];
  readonly aliases?: readonly PlannedAlias[];
  /** URN of the resource whose deletion deletes this one. */
  readonly deletedWith?: string;
  /** A resource the program reads (a StackReference, a `get`): the engine neither creates nor deletes it. */
  readonly read?: boolean;
}

/** Everything one program registered. */
export interface RecordedPlan {
  readonly format: typeof PLAN_FORMAT;
  readonly project: string;
  readonly stack: string;
  /** Free text on where the plan came from (a commit, a package version). */
  readonly source?: string;
  /** The stack configuration the program ran with. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** The resources in the order they were registered (a parent before its children). */
  readonly resources: readonly PlannedResource[];
}

/** The parts of a URN: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`. */
export interface UrnParts {
  readonly stack: string;
  readonly project: string;
  /** The parents' types and the resource's type, joined by `$`. */
  readonly qualifiedType: string;
  /** The resource's own type: the last part of the qualified type. */
  readonly type: string;
  readonly name: string;
}

const ROOT_STACK_TYPE = 'pulumi:pulumi:Stack';

/** Splits a URN into its parts; throws on a string that is not one. */
export function parseUrn(urn: string): UrnParts {
  const m = /^urn:pulumi:([^:]*)::([^:]*)::(.+?)::(.*)$/s.exec(urn);
  if (!m) throw new Error(`"${urn}" is not a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>)`);
  const qualifiedType = m[3];
  return { stack: m[1], project: m[2], qualifiedType, type: qualifiedType.slice(qualifiedType.lastIndexOf('$') + 1), name: m[4] };
}

/**
 * The URN the engine gives a resource: its parent's qualified type (none for
 * the root stack or no parent), then its own type and its name.
 */
export function makeUrn(stack: string, project: string, type: string, name: string, parentUrn?: string): string {
  const parent = parentUrn ? parseUrn(parentUrn).qualifiedType : '';
  const qualified = parent && parent !== ROOT_STACK_TYPE ? `${parent}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** The provider URN of a provider reference `<urn>::<id>` (the id is everything after the URN's name). */
export function providerUrn(reference: string): string {
  const parts = parseUrn(reference);
  const cut = parts.name.indexOf('::');
  return cut < 0 ? reference : reference.slice(0, reference.length - (parts.name.length - cut));
}

/** Whether a provider URN is one of the engine's default providers (named `default` or `default_<version>`). */
export function isDefaultProvider(urn: string): boolean {
  return /^default(_|$)/.test(parseUrn(urn).name);
}
