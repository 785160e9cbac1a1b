/**
 * Where the pod specs of a Kubernetes object are: a Pod's own spec, and the
 * pod template of every built-in kind that makes pods (Deployment,
 * StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob,
 * PodTemplate). Custom resources that hold pod templates (an Argo Rollout,
 * a Knative Service) are not read.
 */
import { asObject, objectsIn } from './findings';

/** One pod spec of an object, with its pod metadata and where both are. */
export interface PodSpecAt {
  readonly spec: Record<string, unknown>;
  /** Path of the spec, such as `spec.template.spec`. */
  readonly path: string;
  /** The pod's metadata (annotations), when the object gives it. */
  readonly metadata: Record<string, unknown>;
  /** Path of the pod's metadata, such as `spec.template.metadata`. */
  readonly metadataPath: string;
}

/** One container of a pod spec and where it is. */
export interface ContainerAt {
  readonly container: Record<string, unknown>;
  /** Path of the container, such as `spec.template.spec.initContainers[0]`. */
  readonly path: string;
  /** Its name, or its list and index when it has none. */
  readonly name: string;
  /** Which list it is in. */
  readonly list: 'containers' | 'initContainers' | 'ephemeralContainers';
}

/** API groups whose kinds of these names make pods: the core group, apps, batch (and the old extensions). */
const BUILT_IN_GROUPS = ['', 'apps', 'batch', 'extensions'];

/** Path from the object to its pod template, by kind. */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

/** The kinds whose pod specs are read. */
export const POD_BEARING_KINDS: readonly string[] = ['Pod', ...Object.keys(TEMPLATE_PATHS)];

function groupOf(apiVersion: unknown): string | undefined {
  if (typeof apiVersion !== 'string') return undefined;
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The pod specs of `o`: one for a pod-bearing kind that has a spec, none otherwise. */
export function podSpecsOf(o: Record<string, unknown>): PodSpecAt[] {
  const kind = o.kind;
  const group = groupOf(o.apiVersion);
  if (typeof kind !== 'string' || group === undefined || !BUILT_IN_GROUPS.includes(group)) return [];
  if (kind === 'Pod') {
    const spec = asObject(o.spec);
    return spec ? [{ spec, path: 'spec', metadata: asObject(o.metadata) ?? {}, metadataPath: 'metadata' }] : [];
  }
  const steps = TEMPLATE_PATHS[kind];
  if (steps === undefined) return [];
  let template: Record<string, unknown> | undefined = o;
  for (const step of steps) template = asObject(template?.[step]);
  const spec = asObject(template?.spec);
  if (!template || !spec) return [];
  const at = steps.join('.');
  return [{ spec, path: `${at}.spec`, metadata: asObject(template.metadata) ?? {}, metadataPath: `${at}.metadata` }];
}

/** Every container of a pod spec: init containers, containers, then ephemeral containers. */
export function containersOf(pod: PodSpecAt): ContainerAt[] {
  const lists = ['initContainers', 'containers', 'ephemeralContainers'] as const;
  return lists.flatMap((list) => objectsIn(pod.spec[list]).map(({ item, index }) => ({
    container: item,
    path: `${pod.path}.${list}[${index}]`,
    name: typeof item.name === 'string' ? item.name : `${list}[${index}]`,
    list,
  })));
}
