/** Where an app's pods may run: the node selector and tolerations of the node pool it requires. */
import type { AppSpec } from '../model/resolved';
import { NODE_POOL_LABEL } from '../node-pool';

/** A pod toleration, as the Kubernetes API writes it. */
export interface Toleration {
  readonly key: string;
  readonly operator: 'Equal' | 'Exists';
  readonly value?: string;
  readonly effect: string;
}

/** The pod spec fields that pin an app to its node pool, or none when it requires no pool. */
export function podScheduling(spec: Pick<AppSpec, 'nodePool'>): { nodeSelector: Record<string, string>; tolerations?: Toleration[] } | undefined {
  if (spec.nodePool === undefined) return undefined;
  const tolerations = spec.nodePool.tolerates.map((t): Toleration => (t.value !== undefined
    ? { key: t.key, operator: 'Equal', value: t.value, effect: t.effect }
    : { key: t.key, operator: 'Exists', effect: t.effect }));
  return { nodeSelector: { [NODE_POOL_LABEL]: spec.nodePool.name }, ...(tolerations.length > 0 ? { tolerations } : {}) };
}
