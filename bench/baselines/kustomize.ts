/**
 * The Kustomize baseline: one base holding the apps and the baseline objects
 * without cluster identity, and one overlay per cluster adding the identity
 * labels, the fleet-identity ConfigMap and the cluster's overrides; each
 * overlay rendered with `kubectl kustomize`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fleet } from '../../lib';

const IDENTITY_LINE = /^\s+(app\.kubernetes\.io\/managed-by|fleetform\.io\/(cluster|environment|fleet|region)): .*\n/gm;

/**
 * Writes base/ (from one cluster's fleetform output with identity labels
 * removed) and overlays/<cluster>/; returns the overlay folders by cluster id.
 */
export function writeKustomizeSetup(fleet: Fleet, sampleClusterDir: string, dir: string, pinned: ReadonlyMap<string, number>): Map<string, string> {
  const base = join(dir, 'base');
  mkdirSync(base, { recursive: true });
  const resources: string[] = [];
  for (const f of readdirSync(sampleClusterDir).sort()) {
    let text = readFileSync(join(sampleClusterDir, f), 'utf8').replace(IDENTITY_LINE, '');
    // The identity ConfigMap comes from each overlay's generator.
    if (f.includes('baseline')) text = text.split('---\n').filter((d) => !d.includes('kind: ConfigMap')).join('---\n');
    writeFileSync(join(base, f), text);
    resources.push(f);
  }
  writeFileSync(join(base, 'kustomization.yaml'), `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((r) => `  - ${r}`).join('\n')}\n`);

  const overlays = new Map<string, string>();
  const resolved = fleet.resolve();
  for (const c of resolved.clusters) {
    const a = c.network!;
    const o = join(dir, 'overlays', c.id);
    mkdirSync(o, { recursive: true });
    const replicas = pinned.get(c.id);
    writeFileSync(join(o, 'kustomization.yaml'), `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
labels:
  - pairs:
      app.kubernetes.io/managed-by: fleetform
      fleetform.io/cluster: ${c.id}
      fleetform.io/environment: ${c.environment}
      fleetform.io/fleet: ${resolved.fleet.name}
      fleetform.io/region: ${c.region}
configMapGenerator:
  - name: fleet-identity
    namespace: fleetform-system
    options:
      disableNameSuffixHash: true
    literals:
      - fleetform.io.cluster=${c.id}
      - fleetform.io.environment=${c.environment}
      - fleetform.io.fleet=${resolved.fleet.name}
      - fleetform.io.kubernetes-version=${c.kubernetesVersion}
      - fleetform.io.region=${c.region}
      - fleetform.io.service-cidr=${a.serviceCidr}
      - fleetform.io.tenancy=${c.tenancy}
      - fleetform.io.vpc-cidr=${a.vpcCidr}
${replicas === undefined ? '' : `patches:
  - target: { kind: Deployment, name: app00 }
    patch: |-
      - op: add
        path: /spec/replicas
        value: ${replicas}
  - target: { kind: HorizontalPodAutoscaler, name: app00 }
    patch: |-
      $patch: delete
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata:
        name: app00
        namespace: app00
`}`);
    overlays.set(c.id, o);
  }
  return overlays;
}
