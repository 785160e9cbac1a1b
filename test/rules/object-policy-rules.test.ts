/**
 * The object policy at synth: raw objects added with addManifest are refused
 * by rule name, with the cluster's path, unless the manifest is exempt from
 * the rule with a reason; a Secret with literal data is refused whatever the
 * exemption; an app's memory without a limit is refused.
 */
import { describe, expect, it } from 'vitest';
import { FleetApp, Override, Placement, RegionalCluster } from '../../lib';
import { newFleet, problemsOf } from '../helpers/fleets';

type Obj = Record<string, any>;

/** A node exporter as its upstream manifests write it: the host's network, PIDs and file system. */
function nodeExporter(): Obj {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'node-exporter', namespace: 'monitoring' },
    spec: {
      selector: { matchLabels: { app: 'node-exporter' } },
      template: {
        metadata: { labels: { app: 'node-exporter' } },
        spec: {
          hostNetwork: true, hostPID: true,
          securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.8.2',
            resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
            volumeMounts: [{ name: 'root', mountPath: '/host/root', readOnly: true }],
          }],
          volumes: [{ name: 'root', hostPath: { path: '/' } }],
        },
      },
    },
  };
}

function cluster() {
  const fleet = newFleet();
  const edge = new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
  return { fleet, edge };
}

const HINT = (rule: string) => `; or, if the objects need it, exempt the manifest with the reason: addManifest("metrics", { exempt: { "${rule}": "<why>" } }, ...)`;

describe('raw manifests under the object policy', () => {
  it('refuses a raw object that breaks a rule, naming the rule, the object, the field and the fix, at the cluster', () => {
    const { fleet, edge } = cluster();
    edge.addManifest('metrics', nodeExporter());
    const at = 'manifest "metrics" object 0 (DaemonSet monitoring/node-exporter) breaks pod-security-restricted: spec.template.spec';
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/edge', message: `${at}.hostNetwork is true, which shares the node's network namespace with the pod (host namespaces); remove hostNetwork or set it to false${HINT('pod-security-restricted')}` },
      { path: 'acme/edge', message: `${at}.hostPID is true, which shares the node's process (PID) namespace with the pod (host namespaces); remove hostPID or set it to false${HINT('pod-security-restricted')}` },
      {
        path: 'acme/edge',
        message: `${at}.volumes[0].hostPath is a hostPath volume, which mounts the node's file system (hostPath volumes); use one of configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret (a PersistentVolumeClaim for other storage)${HINT('pod-security-restricted')}`,
      },
    ]);
  });

  it('accepts the objects when the manifest is exempt from the rule with a reason, and writes them', () => {
    const { fleet, edge } = cluster();
    edge.addManifest('metrics', { exempt: { 'pod-security-restricted': 'node exporter reads the node through hostNetwork, hostPID and /' } }, nodeExporter());
    const assembly = fleet.assemble();
    expect(assembly.warnings).toEqual([]);
    const file = assembly.clusters[0].files.find((f) => f.name === '5000-manifest-metrics.k8s.yaml')!;
    expect(file.objects.map((o) => o.kind)).toEqual(['DaemonSet']);
  });

  it('exempts only the rules named: the other rules still hold', () => {
    const { fleet, edge } = cluster();
    const o = nodeExporter();
    o.spec.template.spec.containers[0].image = 'quay.io/prometheus/node-exporter:latest';
    edge.addManifest('metrics', { exempt: { 'pod-security-restricted': 'node exporter reads the node through hostNetwork' } }, o);
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/edge',
      message: 'manifest "metrics" object 0 (DaemonSet monitoring/node-exporter) breaks pinned-images: spec.template.spec.containers[0].image (container "node-exporter") "quay.io/prometheus/node-exporter:latest" uses the tag "latest", which moves with every push: clusters and nodes pulling at different times would run different builds; '
        + `pin a version such as "quay.io/prometheus/node-exporter:1.0.0" or a digest ("quay.io/prometheus/node-exporter@sha256:...")${HINT('pinned-images')}`,
    }]);
  });

  it('refuses a raw Secret with literal data, whatever the exemption', () => {
    const { fleet, edge } = cluster();
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, stringData: { password: 'hunter2' } };
    edge.addManifest('db', secret);
    edge.addManifest('db-again', { exempt: { 'no-literal-secret-data': 'the database needs its password somewhere' } }, secret);
    const problems = problemsOf(fleet);
    expect(problems).toEqual([
      {
        path: 'acme/edge',
        message: 'manifest "db-again" exempts "no-literal-secret-data", which cannot be exempted: a Secret written with its data puts the secret in every copy of the manifests (the output folder, git, the deployment\'s state); read it from AWS Secrets Manager with an app\'s secretEnv or secretFiles, or have an ExternalSecret write it in the cluster',
      },
      ...['db', 'db-again'].map((id) => ({
        path: 'acme/edge',
        message: `manifest "${id}" object 0 (Secret web/db) breaks no-literal-secret-data: stringData holds the secret's values (password) in the manifest; keep the value in AWS Secrets Manager and read it with an app's secretEnv or secretFiles (or an ExternalSecret of your own), and remove the Secret (no-literal-secret-data cannot be exempted)`,
      })),
    ]);
    expect(problems.map((p) => p.message).join('\n')).not.toContain('hunter2');
  });

  it('keeps the signature of before: objects alone, and objects that pass are written as given', () => {
    const { fleet, edge } = cluster();
    edge.addManifest('config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'web' }, data: { a: 'b' } });
    expect(fleet.assemble().clusters[0].files.map((f) => f.name)).toContain('5000-manifest-config.k8s.yaml');
  });

  it('refuses a raw container without requests or a memory limit, and accepts it exempted', () => {
    const job = (name: string) => ({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'ops' },
      spec: { template: { spec: {
        restartPolicy: 'Never', securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'run', image: 'ghcr.io/acme/ops:2.0.0', resources: { requests: { cpu: '100m', memory: '64Mi' } }, securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
      } } },
    });
    const { fleet, edge } = cluster();
    edge.addManifest('metrics', job('backfill'));
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/edge',
      message: `manifest "metrics" object 0 (Job ops/backfill) breaks container-resources: spec.template.spec.containers[0].resources.limits.memory is not set on container "run"; give a memory limit, such as limits: { memory: "256Mi" } (a CPU limit is not needed)${HINT('container-resources')}`,
    }]);
    const exempted = cluster();
    exempted.edge.addManifest('metrics', { exempt: { 'container-resources': 'a one-off backfill sized by the node it lands on' } }, job('backfill'));
    expect(exempted.fleet.assemble().warnings).toEqual([]);
  });

  it('warns of an exemption none of the objects needs', () => {
    const { fleet, edge } = cluster();
    edge.addManifest('config', { exempt: { 'container-resources': 'a batch of config maps only, no pods here' } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    expect(fleet.assemble().warnings).toEqual([{
      path: 'acme/edge', rule: 'raw-manifest-policy',
      message: 'manifest "config" is exempt from container-resources, which none of its objects breaks; remove the exemption, so the rule holds again',
    }]);
  });

  it('refuses exemptions that are not right, also from JavaScript callers', () => {
    const { fleet, edge } = cluster();
    const add = edge.addManifest.bind(edge) as (...args: unknown[]) => void;
    add('a', { exempt: { 'pod-security-restrictd': 'node exporter needs the host network' } }, nodeExporter());
    add('b', { exempt: { 'pinned-images': 'ok' } });
    add('c', { exempt: 'all' });
    add('d', { exempt: {}, exemptions: {} });
    add('e', { metadata: undefined, exempt: { 'pinned-images': 42 } });
    add('f', { exmpt: {} });
    const problems = problemsOf(fleet).map((p) => p.message).filter((m) => !m.includes('breaks pod-security-restricted'));
    expect(problems).toEqual([
      'manifest "a" exempts "pod-security-restrictd", which is not a rule of the object policy (did you mean "pod-security-restricted"?); the rules are pod-security-restricted, container-resources, pinned-images, no-literal-secret-data',
      'manifest "b" exempts "pinned-images" with the string "ok" as its reason; say why the objects need the exemption in at least 10 characters, such as "node exporter reads the node through hostNetwork"',
      'manifest "c" exempt is the string "all"; give the rules to exempt, each with its reason, such as { exempt: { "pod-security-restricted": "node exporter reads the node through hostNetwork" } }',
      'manifest "d" options have the unknown field "exemptions"; the options take only exempt, such as { exempt: { "pod-security-restricted": "node exporter reads the node through hostNetwork" } }',
      'manifest "e" options have the unknown field "metadata"; the options take only exempt, such as { exempt: { "pod-security-restricted": "node exporter reads the node through hostNetwork" } }',
      'manifest "e" exempts "pinned-images" with the number 42 as its reason; say why the objects need the exemption in at least 10 characters, such as "node exporter reads the node through hostNetwork"',
      'manifest "f" object 0 has no apiVersion or kind; give both, such as apiVersion "v1", kind "ConfigMap"; options go before the objects as { exempt: { ... } }',
    ]);
  });

  it('checks the objects of every cluster they are added to, each at its own path', () => {
    const fleet = newFleet();
    const clusters = ['one', 'two'].map((id) => new RegionalCluster(fleet, id, { region: 'eu-west-1', vpcCidr: id === 'one' ? '10.10.0.0/17' : '10.20.0.0/17' }));
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'web' }, spec: { containers: [{ name: 'sh', image: 'busybox:1.36', resources: { requests: { cpu: '10m', memory: '8Mi' }, limits: { memory: '16Mi' } } }] } };
    for (const c of clusters) c.addManifest('debug', pod);
    const problems = problemsOf(fleet);
    expect([...new Set(problems.map((p) => p.path))]).toEqual(['acme/one', 'acme/two']);
    expect(problems.filter((p) => p.path === 'acme/one').map((p) => p.message.split(': ')[1].split(' ')[0])).toEqual([
      'spec.containers[0].securityContext.runAsNonRoot',
      'spec.containers[0].securityContext.allowPrivilegeEscalation',
      'spec.containers[0].securityContext.seccompProfile',
      'spec.containers[0].securityContext.capabilities.drop',
    ]);
  });
});

describe('an app under the container-resources rule', () => {
  it('refuses memory without a limit, from the props or an override, naming the clusters', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    new RegionalCluster(fleet, 'core', { region: 'eu-west-3' });
    new FleetApp(fleet, 'api', { image: 'ghcr.io/acme/api:1.0.0', port: 8080, placement: Placement.all(), resources: { memory: { request: '512Mi' } } });
    const web = new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, placement: Placement.all() });
    web.addOverride(Override.region('eu-west-3'), { resources: { memory: { request: '1Gi' } } });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/api', message: 'resources.memory has no limit on core, edge; the container-resources rule holds every container to a memory limit (a CPU limit is not needed), so give one, such as memory: { request: "512Mi", limit: "512Mi" }' },
      { path: 'acme/web', message: 'resources.memory has no limit on core; the container-resources rule holds every container to a memory limit (a CPU limit is not needed), so give one, such as memory: { request: "1Gi", limit: "1Gi" }' },
    ]);
  });
});
