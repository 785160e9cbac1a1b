/**
 * The Pod Security Standards' `restricted` profile (which includes `baseline`),
 * checked on the pod specs of an object as the admission controller of a
 * namespace labelled `pod-security.kubernetes.io/enforce: restricted` checks
 * them, control by control:
 *
 * - baseline: HostProcess, host namespaces, privileged containers, capabilities,
 *   hostPath volumes, host ports, AppArmor, SELinux, `/proc` mount type,
 *   seccomp, sysctls;
 * - restricted: volume types, privilege escalation, running as non-root (and
 *   not as user 0), seccomp `RuntimeDefault` or `Localhost`, capabilities
 *   (drop `ALL`, add only `NET_BIND_SERVICE`).
 *
 * A Windows pod (`spec.os.name: windows`) is exempt from the privilege
 * escalation, seccomp and capabilities controls, as in the standard.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
import { asObject, objectsIn, PolicyFinding } from './findings';
import { containersOf, PodSpecAt, podSpecsOf } from './pod-specs';

/** Volume types the restricted profile allows. */
export const RESTRICTED_VOLUME_TYPES: readonly string[] = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

/** The sysctls the baseline profile allows (the namespaced, safe set, as of Kubernetes 1.29). */
export const SAFE_SYSCTLS: readonly string[] = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ping_group_range', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_syncookies',
];

/** SELinux types the baseline profile allows (besides none). */
const SELINUX_TYPES = ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

type Report = (field: string, problem: string, fix: string) => void;

/** The findings of the restricted profile in every pod spec of `o`. */
export function podSecurityFindings(o: Record<string, unknown>, object: string): PolicyFinding[] {
  const out: PolicyFinding[] = [];
  for (const pod of podSpecsOf(o)) {
    checkPod(pod, (field, problem, fix) => out.push({ rule: 'pod-security-restricted', object, field, problem, fix }));
  }
  return out;
}

function checkPod(pod: PodSpecAt, report: Report): void {
  const { spec, path } = pod;
  const podContext = asObject(spec.securityContext) ?? {};
  const windows = asObject(spec.os)?.name === 'windows';
  for (const [field, namespace] of [['hostNetwork', 'network'], ['hostPID', 'process (PID)'], ['hostIPC', 'IPC']] as const) {
    if (spec[field] === true) report(`${path}.${field}`, `is true, which shares the node's ${namespace} namespace with the pod (host namespaces)`, `remove ${field} or set it to false`);
  }
  checkContextCommon(podContext, `${path}.securityContext`, report);
  for (const { item: sysctl, index } of objectsIn(podContext.sysctls)) {
    if (!SAFE_SYSCTLS.includes(String(sysctl.name))) {
      report(`${path}.securityContext.sysctls[${index}]`, `sets the sysctl ${JSON.stringify(sysctl.name)}, which is not in the safe set (sysctls)`, `set only ${SAFE_SYSCTLS.join(', ')}`);
    }
  }
  const profile = asObject(podContext.appArmorProfile)?.type;
  checkAppArmor(profile, `${path}.securityContext.appArmorProfile.type`, report);
  const annotations = asObject(pod.metadata.annotations) ?? {};
  for (const key of Object.keys(annotations).sort()) {
    const value = annotations[key];
    if (key.startsWith(APPARMOR_ANNOTATION) && value !== 'runtime/default' && !(typeof value === 'string' && value.startsWith('localhost/'))) {
      report(`${pod.metadataPath}.annotations["${key}"]`, `is ${JSON.stringify(value)}, which overrides the default AppArmor profile (AppArmor)`, 'use "runtime/default" or a "localhost/<profile>", or remove the annotation');
    }
  }
  for (const { item: volume, index } of objectsIn(spec.volumes)) {
    const type = Object.keys(volume).filter((k) => k !== 'name').sort()[0];
    if (type !== undefined && !RESTRICTED_VOLUME_TYPES.includes(type)) {
      report(`${path}.volumes[${index}].${type}`, `is a ${type} volume${type === 'hostPath' ? ', which mounts the node\'s file system (hostPath volumes)' : ', a type the restricted profile does not allow (volume types)'}`, `use one of ${RESTRICTED_VOLUME_TYPES.join(', ')} (a PersistentVolumeClaim for other storage)`);
    }
  }
  checkPodLevelUser(pod, podContext, windows, report);
}

/** What holds of the pod's and each container's security context alike. */
function checkContextCommon(context: Record<string, unknown>, at: string, report: Report): void {
  if (asObject(context.windowsOptions)?.hostProcess === true) {
    report(`${at}.windowsOptions.hostProcess`, 'is true, which runs a Windows host process (HostProcess)', 'remove hostProcess or set it to false');
  }
  const seLinux = asObject(context.seLinuxOptions);
  if (seLinux) {
    const type = seLinux.type;
    if (type !== undefined && type !== '' && !SELINUX_TYPES.includes(String(type))) {
      report(`${at}.seLinuxOptions.type`, `is ${JSON.stringify(type)}, an SELinux type the baseline profile does not allow (SELinux)`, `use one of ${SELINUX_TYPES.join(', ')}, or leave it out`);
    }
    for (const field of ['user', 'role'] as const) {
      if (seLinux[field] !== undefined && seLinux[field] !== '') report(`${at}.seLinuxOptions.${field}`, `is set, which the baseline profile does not allow (SELinux)`, `remove seLinuxOptions.${field}`);
    }
  }
  if (context.runAsUser === 0) report(`${at}.runAsUser`, 'is 0, which runs as root (running as non-root user)', 'run as a user other than 0, such as 65532');
}

function checkAppArmor(type: unknown, at: string, report: Report): void {
  if (type !== undefined && type !== 'RuntimeDefault' && type !== 'Localhost') {
    report(at, `is ${JSON.stringify(type)}, which turns off the default AppArmor profile (AppArmor)`, 'use RuntimeDefault or Localhost, or leave it out');
  }
}

function checkPodLevelUser(pod: PodSpecAt, podContext: Record<string, unknown>, windows: boolean, report: Report): void {
  const podSeccomp = asObject(podContext.seccompProfile)?.type;
  const podNonRoot = podContext.runAsNonRoot;
  const at = `${pod.path}.securityContext`;
  if (podNonRoot === false) report(`${at}.runAsNonRoot`, 'is false, which lets the pod run as root (running as non-root)', 'set runAsNonRoot: true');
  if (!windows && podSeccomp !== undefined && podSeccomp !== 'RuntimeDefault' && podSeccomp !== 'Localhost') {
    report(`${at}.seccompProfile.type`, `is ${JSON.stringify(podSeccomp)}; the restricted profile needs RuntimeDefault or Localhost (seccomp)`, 'set seccompProfile: { type: RuntimeDefault }');
  }
  for (const c of containersOf(pod)) {
    const sc = asObject(c.container.securityContext) ?? {};
    const scAt = `${c.path}.securityContext`;
    const who = `container "${c.name}"`;
    if (sc.privileged === true) report(`${scAt}.privileged`, `is true: ${who} runs privileged (privileged containers)`, 'remove privileged or set it to false');
    checkContextCommon(sc, scAt, report);
    checkAppArmor(asObject(sc.appArmorProfile)?.type, `${scAt}.appArmorProfile.type`, report);
    if (sc.procMount !== undefined && sc.procMount !== 'Default') {
      report(`${scAt}.procMount`, `is ${JSON.stringify(sc.procMount)}, which unmasks /proc (/proc mount type)`, 'remove procMount or set it to Default');
    }
    objectsIn(c.container.ports).forEach(({ item: port, index }) => {
      if (port.hostPort !== undefined && port.hostPort !== 0) {
        report(`${c.path}.ports[${index}].hostPort`, `is ${JSON.stringify(port.hostPort)}: ${who} takes a port of the node (host ports)`, 'remove hostPort; reach the pod through a Service');
      }
    });
    const nonRoot = sc.runAsNonRoot ?? podNonRoot;
    if (sc.runAsNonRoot === false) report(`${scAt}.runAsNonRoot`, `is false: ${who} may run as root (running as non-root)`, 'set runAsNonRoot: true');
    else if (nonRoot !== true) report(`${scAt}.runAsNonRoot`, `is not set on ${who} nor on the pod (running as non-root)`, `set runAsNonRoot: true on the pod's securityContext (${at})`);
    if (windows) continue;
    if (sc.allowPrivilegeEscalation !== false) {
      report(`${scAt}.allowPrivilegeEscalation`, `is ${sc.allowPrivilegeEscalation === undefined ? 'not set' : JSON.stringify(sc.allowPrivilegeEscalation)} on ${who}; the restricted profile needs false (privilege escalation)`, 'set allowPrivilegeEscalation: false');
    }
    const seccomp = asObject(sc.seccompProfile)?.type;
    if (seccomp !== undefined && seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
      report(`${scAt}.seccompProfile.type`, `is ${JSON.stringify(seccomp)} on ${who}; the restricted profile needs RuntimeDefault or Localhost (seccomp)`, 'set seccompProfile: { type: RuntimeDefault }');
    } else if (seccomp === undefined && podSeccomp === undefined) {
      report(`${scAt}.seccompProfile`, `is not set on ${who} nor on the pod (seccomp)`, `set seccompProfile: { type: RuntimeDefault } on the pod's securityContext (${at})`);
    }
    const capabilities = asObject(sc.capabilities) ?? {};
    const drop = Array.isArray(capabilities.drop) ? capabilities.drop : [];
    if (!drop.includes('ALL')) report(`${scAt}.capabilities.drop`, `does not drop ALL capabilities of ${who} (capabilities)`, 'set capabilities: { drop: ["ALL"] }');
    const add = Array.isArray(capabilities.add) ? capabilities.add : [];
    add.forEach((cap: unknown, index) => {
      if (cap !== 'NET_BIND_SERVICE') report(`${scAt}.capabilities.add[${index}]`, `adds ${JSON.stringify(cap)} to ${who}; only NET_BIND_SERVICE may be added (capabilities)`, `remove ${JSON.stringify(cap)}`);
    });
  }
}
