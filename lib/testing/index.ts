/**
 * Test helpers of fleetform: `import { synthSnapshot, validateManifests } from 'fleetform/testing'`.
 * A fleet's output in memory for snapshot tests, and strict validation of
 * Kubernetes objects against the Kubernetes 1.28 JSON schema shipped with the
 * package; needs no cluster and no network.
 * @module fleetform/testing
 */
import { validateK8sObject } from './k8s-schema';

export { synthSnapshot } from './snapshot';
export type { FleetSnapshot, SynthSnapshotOptions } from './snapshot';
export { definitionFor, K8S_SCHEMA_VERSION, validateK8sObject } from './k8s-schema';

/**
 * Validates many Kubernetes objects (such as every `objects` array of a
 * synthesized assembly's files) and returns all their errors, empty when all
 * are valid. Each error names the object by kind/name, or by its position
 * (`objects[3]`) when it has no apiVersion and kind to name it by.
 */
export function validateManifests(objects: Iterable<unknown>): string[] {
  const errors: string[] = [];
  let index = 0;
  for (const obj of objects) {
    const o = obj as { apiVersion?: unknown; kind?: unknown } | null;
    const named = typeof o === 'object' && o !== null && typeof o.apiVersion === 'string' && typeof o.kind === 'string';
    for (const e of validateK8sObject(obj)) errors.push(named ? e : `objects[${index}]: ${e}`);
    index++;
  }
  return errors;
}
