/**
 * What an Argo CD installation needs to deliver the fleet from its Git
 * repository: per cluster a cluster Secret (the managed Argo CD capability of
 * EKS takes the EKS cluster ARN as `server`, and no credentials) and an
 * AppProject that admits only that cluster and the repository; per app an
 * ApplicationSet whose clusters generator selects the clusters the app is
 * placed on; and one ApplicationSet for every cluster's other manifests
 * (baseline, access, platform, edge, raw). Each generated Application reads
 * the cluster's folder of the output, narrowed by file name: an app's
 * Application takes only its own chart's file (`3000-app-<name>.k8s.yaml`),
 * the cluster's platform Application every file but the apps' (`3000-*`).
 * With a rollout plan, each ApplicationSet goes out wave by wave: a
 * RollingSync step per wave selects the Applications whose cluster carries
 * the wave's label. Pure and deterministic: one cluster's file depends on that
 * cluster alone (and its wave).
 */
import type { ResolvedArgoCd, ResolvedCluster, ResolvedFleet, ResolvedWave } from '../model/resolved';
import { shortHash } from '../naming';
import { appChartName } from './app-chart';
import { identityLabels, LABEL_PREFIX } from './labels';
import { fileNumber } from './phases';
import { toYaml } from './yaml';

/** The folder of the output that holds the Argo CD objects; no cluster may take its name as id (see reserved.ts). */
export const ARGOCD_FOLDER = 'argocd';

/** The label of a cluster Secret (and of each Application generated for the cluster) that names its wave. */
export const WAVE_LABEL = `${LABEL_PREFIX}/wave`;
const CLUSTER_LABEL = `${LABEL_PREFIX}/cluster`;
const FLEET_LABEL = `${LABEL_PREFIX}/fleet`;

/** One file of the Argo CD folder. */
export interface GitOpsFile {
  /** File name inside the folder. */
  readonly name: string;
  readonly objects: readonly Record<string, unknown>[];
  /** The YAML written. */
  readonly content: string;
}

/** The files of a folder of GitOps objects, beside the clusters' folders. */
export interface GitOpsOutput {
  /** Folder name in the output, such as `argocd`. */
  readonly folder: string;
  /** Sorted by name. */
  readonly files: readonly GitOpsFile[];
}

/** The ARN of a cluster's EKS cluster, from its deterministic name: what the managed Argo CD takes as a cluster's `server`. */
export function eksClusterArn(delivery: Pick<ResolvedArgoCd, 'accountId'>, cluster: Pick<ResolvedCluster, 'region' | 'names'>): string {
  return `arn:aws:eks:${cluster.region}:${delivery.accountId}:cluster/${cluster.names.eksCluster}`;
}

/**
 * A wave's name as a label value: `+` (joining regions) becomes `_`, which no
 * wave name holds otherwise; a value too long for a label keeps its start and
 * a hash of the whole name.
 */
export function waveLabelValue(wave: string): string {
  const value = wave.replace(/\+/g, '_');
  if (value.length <= 63 && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(value)) return value;
  return `${value.slice(0, 54).replace(/[^A-Za-z0-9]+$/, '')}-${shortHash(wave)}`;
}

/** The Argo CD objects of a fleet with an Argo CD delivery, or undefined without one. */
export function argoCdOutput(fleet: ResolvedFleet): GitOpsOutput | undefined {
  const delivery = fleet.argoCd[0];
  if (delivery === undefined) return undefined;
  const waves = fleet.rolloutPlans[0]?.waves ?? [];
  const waveOf = new Map<string, ResolvedWave>();
  for (const w of waves) for (const id of w.clusters) if (!waveOf.has(id)) waveOf.set(id, w);
  const stageOf = new Map<string, { channel: string; stage: string }>();
  for (const ch of fleet.channels) for (const s of ch.stages) for (const id of s.clusters) if (!stageOf.has(id)) stageOf.set(id, { channel: ch.name, stage: s.name });

  const files: GitOpsFile[] = [];
  const file = (name: string, objects: Record<string, unknown>[]) => files.push({ name, objects, content: toYaml(objects) });
  for (const c of fleet.clusters) {
    file(`cluster-${c.id}.yaml`, [clusterSecret(fleet, delivery, c, waveOf.get(c.id), stageOf.get(c.id)), appProject(fleet, delivery, c)]);
  }
  const all = fleet.clusters.map((c) => c.id);
  file('platform.yaml', [applicationSet(fleet, delivery, {
    name: `${fleet.fleet.name}-platform`, suffix: 'platform', clusters: all, component: 'platform',
    directory: { exclude: `${fileNumber({ phase: 'apps' })}-*` }, waves: wavesOf(waves, all),
  })]);
  for (const app of fleet.apps) {
    const clusters = app.placements.map((p) => p.clusterId);
    file(`app-${app.name}.yaml`, [applicationSet(fleet, delivery, {
      name: `${fleet.fleet.name}-app-${app.name}`, suffix: `app-${app.name}`, clusters, component: app.name,
      directory: { include: `${fileNumber({ phase: 'apps' })}-${appChartName(app.name)}.k8s.yaml` }, waves: wavesOf(waves, clusters),
    })]);
  }
  return { folder: ARGOCD_FOLDER, files: files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
}

/** The waves holding any of `clusters`, in plan order (none without a plan). */
function wavesOf(waves: readonly ResolvedWave[], clusters: readonly string[]): ResolvedWave[] {
  return waves.filter((w) => w.clusters.some((id) => clusters.includes(id)));
}

function managedLabels(fleet: ResolvedFleet): Record<string, string> {
  return { 'app.kubernetes.io/managed-by': 'fleetform', [FLEET_LABEL]: fleet.fleet.name };
}

/** The keys of an Argo CD cluster Secret fleetform writes: names and an ARN, no credential. */
export const ARGOCD_CLUSTER_SECRET_KEYS: readonly string[] = ['name', 'project', 'server'];

/**
 * The object-policy rules the Argo CD output is exempt from, with why. It is
 * applied to the managed Argo CD, not to a fleet cluster.
 */
export const ARGOCD_POLICY_EXEMPTIONS: Readonly<Record<string, string>> = {
  'no-literal-secret-data': 'Argo CD learns of a cluster only from a Secret labelled argocd.argoproj.io/secret-type: cluster; '
    + `fleetform's hold only ${ARGOCD_CLUSTER_SECRET_KEYS.join(', ')} (names and the EKS cluster ARN): the managed Argo CD reaches the cluster through its capability role's access entry, so no credential is written`,
};

function clusterSecret(
  fleet: ResolvedFleet, delivery: ResolvedArgoCd, c: ResolvedCluster, wave: ResolvedWave | undefined, stage: { channel: string; stage: string } | undefined,
): Record<string, unknown> {
  const labels: Record<string, string> = {
    'argocd.argoproj.io/secret-type': 'cluster',
    ...identityLabels({ fleet: fleet.fleet.name, clusterId: c.id, region: c.region, environment: c.environment, loadBalancerRange: '' }, c.labels),
    [`${LABEL_PREFIX}/kubernetes-version`]: c.kubernetesVersion,
    ...(c.profile !== null ? { [`${LABEL_PREFIX}/profile`]: c.profile } : {}),
    ...(stage ? { [`${LABEL_PREFIX}/channel`]: stage.channel, [`${LABEL_PREFIX}/channel-stage`]: stage.stage } : {}),
    ...(wave ? { [WAVE_LABEL]: waveLabelValue(wave.name) } : {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: c.names.eksCluster,
      namespace: delivery.namespace,
      labels,
      annotations: {
        [`${LABEL_PREFIX}/construct-path`]: c.path,
        // The wave's name as written in fleet.json; not its position, which a wave added before it would change.
        ...(wave ? { [`${LABEL_PREFIX}/wave-name`]: wave.name } : {}),
      },
    },
    type: 'Opaque',
    // The managed Argo CD reaches the cluster through its capability role's access entry: no credentials here.
    stringData: { name: c.names.eksCluster, server: eksClusterArn(delivery, c), project: c.names.eksCluster },
  };
}

function appProject(fleet: ResolvedFleet, delivery: ResolvedArgoCd, c: ResolvedCluster): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: c.names.eksCluster, namespace: delivery.namespace, labels: { ...managedLabels(fleet), [CLUSTER_LABEL]: c.id } },
    spec: {
      description: `fleetform cluster ${c.path}: its manifests from ${delivery.outputPath}/${c.id}`,
      sourceRepos: [delivery.repoUrl],
      destinations: [{ server: eksClusterArn(delivery, c), namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    },
  };
}

interface AppSetSpec {
  readonly name: string;
  /** Appended to the cluster's name to name each Application. */
  readonly suffix: string;
  readonly clusters: readonly string[];
  /** The app's name, or `platform`. */
  readonly component: string;
  readonly directory: { readonly include?: string; readonly exclude?: string };
  readonly waves: readonly ResolvedWave[];
}

/** Go templates reading the cluster Secret's labels. */
const label = (key: string) => `{{index .metadata.labels "${key}"}}`;

function applicationSet(fleet: ResolvedFleet, delivery: ResolvedArgoCd, s: AppSetSpec): Record<string, unknown> {
  const rolling = s.waves.length > 0;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: s.name, namespace: delivery.namespace, labels: { ...managedLabels(fleet), [`${LABEL_PREFIX}/component`]: s.component } },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [{
        clusters: {
          selector: {
            matchLabels: { [FLEET_LABEL]: fleet.fleet.name },
            matchExpressions: [{ key: CLUSTER_LABEL, operator: 'In', values: [...s.clusters] }],
          },
        },
      }],
      ...(rolling ? {
        strategy: {
          type: 'RollingSync',
          rollingSync: { steps: s.waves.map((w) => ({ matchExpressions: [{ key: WAVE_LABEL, operator: 'In', values: [waveLabelValue(w.name)] }] })) },
        },
      } : {}),
      template: {
        metadata: {
          name: `{{.name}}-${s.suffix}`,
          labels: {
            ...managedLabels(fleet),
            [`${LABEL_PREFIX}/component`]: s.component,
            [CLUSTER_LABEL]: label(CLUSTER_LABEL),
            ...(rolling ? { [WAVE_LABEL]: label(WAVE_LABEL) } : {}),
          },
        },
        spec: {
          project: '{{.name}}',
          source: {
            repoURL: delivery.repoUrl,
            targetRevision: delivery.targetRevision,
            path: `${delivery.outputPath}/${label(CLUSTER_LABEL)}`,
            directory: { ...s.directory },
          },
          destination: { server: '{{.server}}' },
          syncPolicy: {
            // RollingSync syncs each step's Applications itself and turns automated sync off; without it, Argo CD syncs on every change.
            ...(rolling ? {} : { automated: { prune: true, selfHeal: true } }),
            retry: { limit: 5, backoff: { duration: '30s', factor: 2, maxDuration: '10m' } },
          },
        },
      },
    },
  };
}
