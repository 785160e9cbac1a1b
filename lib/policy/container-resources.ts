/**
 * Requests and limits, held to what fleetform writes for its own apps: every
 * container and init container requests CPU and memory and has a memory
 * limit. A CPU limit is not required, on purpose: fleetform sets none unless
 * an app asks for one, so an app is never throttled while its node has CPU to
 * spare (a memory limit is what keeps one pod from taking its node down).
 * Ephemeral (debug) containers cannot set resources and are not checked.
 */
import { asObject, PolicyFinding } from './findings';
import { containersOf, podSpecsOf } from './pod-specs';

function given(x: unknown): boolean {
  return (typeof x === 'string' && x.trim() !== '') || (typeof x === 'number' && Number.isFinite(x));
}

/** The findings of the container-resources rule in every pod spec of `o`. */
export function resourceFindings(o: Record<string, unknown>, object: string): PolicyFinding[] {
  const out: PolicyFinding[] = [];
  for (const pod of podSpecsOf(o)) {
    for (const c of containersOf(pod)) {
      if (c.list === 'ephemeralContainers') continue;
      const resources = asObject(c.container.resources) ?? {};
      const requests = asObject(resources.requests) ?? {};
      const limits = asObject(resources.limits) ?? {};
      const who = `container "${c.name}"`;
      const missing = [
        ...(given(requests.cpu) ? [] : ['requests.cpu']),
        ...(given(requests.memory) ? [] : ['requests.memory']),
        ...(given(limits.memory) ? [] : ['limits.memory']),
      ];
      for (const field of missing) {
        const fix = field === 'limits.memory'
          ? 'give a memory limit, such as limits: { memory: "256Mi" } (a CPU limit is not needed)'
          : `give ${field}, such as requests: { cpu: "100m", memory: "128Mi" }`;
        out.push({ rule: 'container-resources', object, field: `${c.path}.resources.${field}`, problem: `is not set on ${who}`, fix });
      }
    }
  }
  return out;
}
