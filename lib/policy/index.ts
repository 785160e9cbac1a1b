/**
 * The object policy: the rules every Kubernetes object on a cluster is held
 * to, whether fleetform writes it or a program adds it with `addManifest`.
 * Pure functions over plain objects, one module per concern:
 *
 * - `pod-security-restricted` (pod-security.ts): the restricted Pod Security Standard;
 * - `container-resources` (container-resources.ts): CPU and memory requests, a memory limit;
 * - `pinned-images` (pinned-images.ts): images by tag (not `latest`) or digest;
 * - `no-literal-secret-data` (secret-data.ts): no Secret with `data` or `stringData`.
 */
import { describeObject, PolicyFinding } from './findings';
import { resourceFindings } from './container-resources';
import { imageFindings } from './pinned-images';
import { podSecurityFindings } from './pod-security';
import { secretFindings } from './secret-data';

export * from './findings';
export { containersOf, podSpecsOf, POD_BEARING_KINDS } from './pod-specs';
export { RESTRICTED_VOLUME_TYPES, SAFE_SYSCTLS } from './pod-security';

/** Every finding of every rule of the object policy in `o`, rule by rule, in field order within a rule. */
export function checkObjectPolicy(o: Record<string, unknown>): PolicyFinding[] {
  const object = describeObject(o);
  return [
    ...podSecurityFindings(o, object),
    ...resourceFindings(o, object),
    ...imageFindings(o, object),
    ...secretFindings(o, object),
  ];
}
