/**
 * Pinned images: every container, init container and ephemeral container
 * names its image by a tag other than `latest` or by a digest, so that every
 * cluster, and every node of a cluster, runs the same build. The same check
 * as an app's `image` (lib/checks/image-reference.ts).
 */
import { checkImageReference } from '../checks/image-reference';
import { PolicyFinding } from './findings';
import { containersOf, podSpecsOf } from './pod-specs';

/** The findings of the pinned-images rule in every pod spec of `o`. */
export function imageFindings(o: Record<string, unknown>, object: string): PolicyFinding[] {
  const out: PolicyFinding[] = [];
  for (const pod of podSpecsOf(o)) {
    for (const c of containersOf(pod)) {
      const problem = checkImageReference(c.container.image, `(container "${c.name}")`);
      if (problem === undefined) continue;
      const [what, fix] = splitFix(problem);
      out.push({ rule: 'pinned-images', object, field: `${c.path}.image`, problem: what, fix });
    }
  }
  return out;
}

/** Splits "what is wrong; the fix" at its last "; " (the image checks' shape). */
function splitFix(message: string): [string, string] {
  const at = message.lastIndexOf('; ');
  return at < 0 ? [message, 'pin a version such as "ghcr.io/acme/api:1.4.2" or a digest'] : [message.slice(0, at), message.slice(at + 2)];
}
