/**
 * The Kubernetes Pod Security Standards' restricted profile (as of 1.31), checked on
 * the pod spec of a workload object: what the admission controller of a
 * namespace labelled `enforce: restricted` would refuse.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
type Obj = Record<string, any>;

const ALLOWED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

/** The pod spec of a Pod, Deployment, StatefulSet, Job or CronJob; undefined for other kinds. */
export function podSpecOf(o: Obj): Obj | undefined {
  switch (o.kind) {
    case 'Pod': return o.spec;
    case 'Deployment': case 'StatefulSet': case 'DaemonSet': case 'ReplicaSet': case 'Job': return o.spec.template.spec;
    case 'CronJob': return o.spec.jobTemplate.spec.template.spec;
    default: return undefined;
  }
}

/** Violations of the restricted profile by the pod spec of `o` (empty when it passes or has none). */
export function restrictedViolations(o: Obj): string[] {
  const spec = podSpecOf(o);
  if (spec === undefined) return [];
  const out: string[] = [];
  const pod = spec.securityContext ?? {};
  if (spec.hostNetwork || spec.hostPID || spec.hostIPC) out.push('host namespaces');
  for (const v of spec.volumes ?? []) {
    const type = Object.keys(v).find((k) => k !== 'name');
    if (!ALLOWED_VOLUMES.includes(type!)) out.push(`volume type ${type}`);
  }
  if (pod.runAsUser === 0) out.push('pod runAsUser 0');
  const podSeccomp = pod.seccompProfile?.type;
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    const sc = c.securityContext ?? {};
    const at = `container ${c.name}`;
    if (sc.privileged) out.push(`${at}: privileged`);
    if (sc.allowPrivilegeEscalation !== false) out.push(`${at}: allowPrivilegeEscalation != false`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) out.push(`${at}: capabilities not dropping ALL`);
    for (const cap of sc.capabilities?.add ?? []) if (cap !== 'NET_BIND_SERVICE') out.push(`${at}: adds capability ${cap}`);
    if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true) out.push(`${at}: runAsNonRoot != true`);
    if (sc.runAsUser === 0) out.push(`${at}: runAsUser 0`);
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') out.push(`${at}: seccompProfile ${seccomp}`);
    for (const p of c.ports ?? []) if (p.hostPort) out.push(`${at}: hostPort`);
    if (sc.procMount !== undefined && sc.procMount !== 'Default') out.push(`${at}: procMount`);
  }
  return out;
}
