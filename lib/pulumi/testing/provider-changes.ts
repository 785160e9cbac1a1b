/**
 * When a change of a provider's own inputs replaces the provider, and with it
 * every resource it manages (the engine replaces every resource whose
 * provider is not the same instance as before).
 */
import { UNKNOWN } from './plan';
import { hasUnknown, sameValue } from './values';

/**
 * Why a provider's new inputs replace it; empty when they update it in place.
 * - Kubernetes (pulumi-kubernetes `DiffConfig`, its testdata `change-kubeconfig` and
 *   `computed-kubeconfig`): a changed `clusterIdentifier`; without one, a kubeconfig that is
 *   unknown until the deployment (its cluster is being replaced) or that points its current
 *   context at another cluster (server, certificate authority, ...). Credentials alone update it.
 * - AWS: a changed `region`, fleetform's own reading: a resource lives in one region, which
 *   no update moves.
 */
export function providerReplaceReasons(type: string, before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  if (type === 'pulumi:providers:kubernetes') return kubernetesProviderReasons(before, after);
  if (type === 'pulumi:providers:aws' && !sameValue(before.region ?? null, after.region ?? null)) {
    return [`region: ${show(before.region)} → ${show(after.region)}`];
  }
  return [];
}

function kubernetesProviderReasons(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  if (before.clusterIdentifier !== undefined || after.clusterIdentifier !== undefined) {
    return sameValue(before.clusterIdentifier, after.clusterIdentifier)
      ? []
      : [`clusterIdentifier: ${show(before.clusterIdentifier)} → ${show(after.clusterIdentifier)}`];
  }
  if (before.kubeconfig === undefined && after.kubeconfig === undefined) return [];
  if (hasUnknown(after.kubeconfig)) return ['kubeconfig: unknown until the deployment (the cluster it points at is replaced)'];
  const b = activeCluster(before.kubeconfig);
  const a = activeCluster(after.kubeconfig);
  if (b === undefined || a === undefined) {
    return sameValue(before.kubeconfig, after.kubeconfig) ? [] : ['kubeconfig: changed, and not readable as JSON to tell whether it points at another cluster'];
  }
  return sameValue(b, a) ? [] : [`kubeconfig: points at another cluster (${show(b)} → ${show(a)})`];
}

/** The `cluster` entry the current context of a JSON kubeconfig uses, or undefined when it cannot be read. */
function activeCluster(kubeconfig: unknown): unknown {
  if (typeof kubeconfig !== 'string' || kubeconfig === UNKNOWN) return undefined;
  try {
    const config = JSON.parse(kubeconfig) as { 'current-context'?: string; contexts?: { name: string; context: { cluster: string } }[]; clusters?: { name: string; cluster: unknown }[] };
    const context = config.contexts?.find((x) => x.name === config['current-context'])?.context;
    return config.clusters?.find((x) => x.name === context?.cluster)?.cluster ?? null;
  } catch {
    return undefined;
  }
}

/** A value as a change reason prints it: JSON, cut at 120 characters. */
export function show(value: unknown): string {
  if (value === undefined) return '(none)';
  if (value === UNKNOWN) return '(unknown)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
