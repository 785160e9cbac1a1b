/**
 * Layering an app's overrides on one cluster: the settings of every override
 * that applies there, lowest precedence first, each setting given higher
 * replacing the one given lower. `env` is layered variable by variable and
 * `resources` by `cpu` / `memory`; replicas and autoscaling are one setting
 * (the scaling), so either given higher replaces both below. Two overrides of
 * equal precedence that give one setting different values conflict.
 */
import type { AppOverrideOptions, AppResources, AutoscalingOptions } from '../app-options';

/** One override that applies to the cluster. */
export interface LayeredOverride {
  /** As written, for messages, such as `environment("staging")`. */
  readonly name: string;
  /** Its precedence (higher wins). */
  readonly precedence: number;
  readonly options: AppOverrideOptions;
}

/** Two overrides of equal precedence giving one setting different values. */
export interface OverrideConflict {
  /** The setting, such as `replicas`, `image` or `env.LOG_LEVEL`. */
  readonly setting: string;
  /** The two overrides, in the order added. */
  readonly overrides: readonly [string, string];
  /** Their values, as written in messages. */
  readonly values: readonly [string, string];
}

/** What {@link layerOverrides} returns. */
export interface LayeredOptions {
  /** The settings that win, as one override over the app's own props. */
  readonly options: AppOverrideOptions;
  readonly conflicts: readonly OverrideConflict[];
}

type Scaling = { readonly replicas: number } | { readonly autoscaling: AutoscalingOptions };

/** One override's settings by key (`image`, `scaling`, `resources.cpu`, `ingressHost`, `env.NAME`). */
function settingsOf(o: AppOverrideOptions): Map<string, unknown> {
  const s = new Map<string, unknown>();
  if (o.image !== undefined) s.set('image', o.image);
  // An override giving both is refused by the app; its autoscaling stands for it here, as the spec would run it.
  if (o.autoscaling !== undefined) s.set('scaling', { autoscaling: { targetCpuUtilization: 70, ...o.autoscaling } });
  else if (o.replicas !== undefined) s.set('scaling', { replicas: o.replicas });
  if (o.resources?.cpu !== undefined) s.set('resources.cpu', o.resources.cpu);
  if (o.resources?.memory !== undefined) s.set('resources.memory', o.resources.memory);
  if (o.ingressHost !== undefined) s.set('ingressHost', o.ingressHost);
  for (const name of Object.keys(o.env ?? {}).sort()) s.set(`env.${name}`, o.env![name]);
  return s;
}

/** `v` as JSON with its keys sorted, to compare values and write them in messages. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The setting's name and the value as written, for a conflict message. */
function describeSetting(key: string, a: unknown, b: unknown): { setting: string; values: [string, string] } {
  if (key !== 'scaling') return { setting: key, values: [canonical(a), canonical(b)] };
  const [x, y] = [a as Scaling, b as Scaling];
  const kindOf = (s: Scaling): string => ('replicas' in s ? 'replicas' : 'autoscaling');
  const valueOf = (s: Scaling): string => canonical('replicas' in s ? s.replicas : s.autoscaling);
  if (kindOf(x) === kindOf(y)) return { setting: kindOf(x), values: [valueOf(x), valueOf(y)] };
  return { setting: 'replicas or autoscaling', values: [`${kindOf(x)} ${valueOf(x)}`, `${kindOf(y)} ${valueOf(y)}`] };
}

/**
 * Layers `overrides` (in the order added; any precedence order) into the
 * settings that win, and the conflicts between overrides of equal precedence.
 */
export function layerOverrides(overrides: readonly LayeredOverride[]): LayeredOptions {
  const won = new Map<string, unknown>();
  const wonAt = new Map<string, number>(); // the precedence each setting was last given at
  const found: { key: string; level: number; conflict: OverrideConflict }[] = [];
  const levels = [...new Set(overrides.map((o) => o.precedence))].sort((a, b) => a - b);
  for (const level of levels) {
    const given = new Map<string, { name: string; value: unknown }>(); // the first override at this level to give each setting
    for (const o of overrides.filter((x) => x.precedence === level)) {
      for (const [key, value] of settingsOf(o.options)) {
        const first = given.get(key);
        if (first === undefined) {
          given.set(key, { name: o.name, value });
          won.set(key, value);
          wonAt.set(key, level);
        } else if (canonical(first.value) !== canonical(value) && first.name !== o.name) {
          const d = describeSetting(key, first.value, value);
          found.push({ key, level, conflict: { setting: d.setting, overrides: [first.name, o.name], values: d.values } });
        }
      }
    }
  }
  // A conflict settled higher up (by a cluster override, say) decides nothing and is no conflict.
  const conflicts = found.filter((f) => wonAt.get(f.key) === f.level).map((f) => f.conflict);
  return { options: optionsOf(won), conflicts };
}

/** The settings that won, as override options. */
function optionsOf(won: ReadonlyMap<string, unknown>): AppOverrideOptions {
  const env: Record<string, string> = {};
  const resources: { -readonly [K in keyof AppResources]: AppResources[K] } = {};
  const o: { -readonly [K in keyof AppOverrideOptions]: AppOverrideOptions[K] } = {};
  for (const [key, value] of won) {
    if (key === 'image') o.image = value as string;
    else if (key === 'ingressHost') o.ingressHost = value as string;
    else if (key === 'scaling') Object.assign(o, value as Scaling);
    else if (key === 'resources.cpu') resources.cpu = value as AppResources['cpu'];
    else if (key === 'resources.memory') resources.memory = value as AppResources['memory'];
    else env[key.slice('env.'.length)] = value as string;
  }
  if (Object.keys(resources).length > 0) o.resources = resources;
  if (Object.keys(env).length > 0) o.env = env;
  return o;
}
