/**
 * The pod template every kind of app runs, built in this one place: the
 * container (image, command, env, probes, resources, drain), the security
 * context the restricted pod security standard requires, the writable /tmp,
 * and the spread across zones and nodes. Written as plain Kubernetes objects,
 * so that the pod carries exactly the labels given (cdk8s-plus adds an
 * internal address label) and fields newer than cdk8s-plus-28's imports
 * (the `sleep` preStop action) survive.
 */
import { AppKind } from '../app-kind';
import type { AppSpec, ProbeSpec } from '../model/resolved';
import { secretEnvEntries, secretFileVolumes } from './app-secrets';
import { podScheduling } from './pod-scheduling';

/** A pod template as written to the manifest (undefined fields are left out). */
export interface PodTemplate {
  readonly metadata: { readonly labels: Readonly<Record<string, string>> };
  readonly spec: Readonly<Record<string, unknown>>;
}

/** The label that selects an app's pods; never changed, since a workload's selector is immutable. */
export const APP_NAME_LABEL = 'app.kubernetes.io/name';

/** The selector of an app's pods: its name only, as since the first release. */
export function appSelector(name: string): Record<string, string> {
  return { [APP_NAME_LABEL]: name };
}

function probe(p: ProbeSpec | undefined, appPort: number | undefined): Record<string, unknown> | undefined {
  if (p === undefined) return undefined;
  const port = p.port ?? appPort;
  const c = p.check;
  const check = c.type === 'http' ? { httpGet: { path: c.path, port, scheme: 'HTTP' } }
    : c.type === 'tcp' ? { tcpSocket: { port } }
      : c.type === 'grpc' ? { grpc: { port, ...(c.service !== undefined ? { service: c.service } : {}) } }
        : { exec: { command: [...c.command] } };
  return {
    ...check,
    initialDelaySeconds: p.initialDelaySeconds,
    periodSeconds: p.periodSeconds,
    timeoutSeconds: p.timeoutSeconds,
    failureThreshold: p.failureThreshold,
  };
}

/**
 * The spread of an app's pods across zones and then nodes. A Deployment's
 * constraints count only pods of the same ReplicaSet (`matchLabelKeys:
 * pod-template-hash`), so a rollout spreads the new pods instead of skewing
 * them against the old ones about to go. A StatefulSet gets no `matchLabelKeys`:
 * its pods are replaced one by one in place, each returning to the zone of its
 * EBS volume, so spreading must count every pod of the set, not one revision's
 * (its `controller-revision-hash` would split them). Jobs are not spread: a run
 * of a few pods to completion gains nothing from it.
 */
function spread(s: AppSpec): Record<string, unknown>[] | undefined {
  const kind = s.workload.kind;
  if (!s.spreadAcrossZones || kind === AppKind.JOB || kind === AppKind.CRON_JOB) return undefined;
  const byRevision = kind === AppKind.STATEFUL ? {} : { matchLabelKeys: ['pod-template-hash'] };
  const constraint = (topologyKey: string) => ({
    labelSelector: { matchLabels: appSelector(s.name) }, ...byRevision, maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway',
  });
  return [constraint('topology.kubernetes.io/zone'), constraint('kubernetes.io/hostname')];
}

/** The container's env: plaintext variables sorted by name, then those read from the app's Secrets (secretEnv). */
function envOf(s: AppSpec): unknown[] | undefined {
  const env = [...Object.keys(s.env).sort().map((name) => ({ name, value: s.env[name] })), ...secretEnvEntries(s)];
  return env.length > 0 ? env : undefined;
}

/** Resources as the user wrote them; CPU has no limit unless one is given. */
function resources(s: AppSpec): Record<string, unknown> {
  const { cpu, memory } = s.resources;
  const limits = {
    ...(cpu.limit !== undefined ? { cpu: cpu.limit } : {}),
    ...(memory.limit !== undefined ? { memory: memory.limit } : {}),
  };
  return { ...(Object.keys(limits).length > 0 ? { limits } : {}), requests: { cpu: cpu.request, memory: memory.request } };
}

/**
 * The pod template of an app: `labels` are the fleet's identity labels and the
 * app's own, to which the selector label is added.
 */
export function podTemplate(s: AppSpec, labels: Readonly<Record<string, string>>): PodTemplate {
  const w = s.workload;
  const secretFiles = secretFileVolumes(s);
  const toCompletion = w.kind === AppKind.JOB || w.kind === AppKind.CRON_JOB;
  const container: Record<string, unknown> = {
    name: s.name,
    image: s.image,
    // Every image is pinned (by tag or digest): a node that has it has the right one.
    imagePullPolicy: 'IfNotPresent',
    command: w.command,
    args: w.args,
    env: envOf(s),
    ports: s.port !== undefined ? [{ containerPort: s.port }] : undefined,
    startupProbe: probe(w.startupProbe, s.port),
    readinessProbe: probe(w.readinessProbe, s.port),
    livenessProbe: probe(w.livenessProbe, s.port),
    // The kubelet's own sleep (no `sleep` binary needed in the image), on every minor fleetform offers (beta and on by default since 1.30).
    lifecycle: w.drainSeconds !== undefined ? { preStop: { sleep: { seconds: w.drainSeconds } } } : undefined,
    resources: resources(s),
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: w.runAsGroup,
      runAsNonRoot: true,
      runAsUser: w.runAsUser,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    volumeMounts: [
      { mountPath: '/tmp', name: 'tmp' },
      ...w.volumes.map((v) => ({ mountPath: v.mountPath, name: v.name })),
      ...secretFiles.mounts,
    ],
  };
  const scheduling = podScheduling(s);
  return {
    metadata: { labels: { ...labels, ...s.labels, ...appSelector(s.name) } },
    spec: {
      ...(scheduling ? { nodeSelector: scheduling.nodeSelector, ...(scheduling.tolerations ? { tolerations: scheduling.tolerations } : {}) } : {}),
      automountServiceAccountToken: false,
      containers: [container],
      dnsPolicy: 'ClusterFirst',
      hostNetwork: false,
      restartPolicy: toCompletion ? 'Never' : 'Always',
      securityContext: {
        ...(w.fsGroup !== undefined ? { fsGroup: w.fsGroup, fsGroupChangePolicy: 'OnRootMismatch' } : {}),
        runAsGroup: w.runAsGroup,
        runAsNonRoot: true,
        runAsUser: w.runAsUser,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      serviceAccountName: s.name,
      setHostnameAsFQDN: false,
      terminationGracePeriodSeconds: w.terminationGracePeriodSeconds,
      topologySpreadConstraints: spread(s),
      volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }, ...secretFiles.volumes],
    },
  };
}
