import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { definitionFor, K8S_SCHEMA_VERSION, locateDefinitions, schemaCandidates, validateK8sObject } from '../../lib/testing/k8s-schema';

function deployment(container: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.25', ...container }] },
      },
    },
  };
}

describe('validateK8sObject (the strict Kubernetes 1.28 schema helper)', () => {
  it('finds definitions by group/version/kind, core group included', () => {
    expect(definitionFor('apps/v1', 'Deployment')).toBe('io.k8s.api.apps.v1.Deployment');
    expect(definitionFor('v1', 'Namespace')).toBe('io.k8s.api.core.v1.Namespace');
    expect(definitionFor('policy/v1', 'PodDisruptionBudget')).toBe('io.k8s.api.policy.v1.PodDisruptionBudget');
  });

  it('accepts a valid Deployment (int-or-string fields as either)', () => {
    expect(validateK8sObject(deployment())).toEqual([]);
  });

  it('rejects a misspelled field, naming its path', () => {
    const errors = validateK8sObject(deployment({ imagePullPolicyy: 'Always' }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('/spec/template/spec/containers/0');
    expect(errors[0]).toContain('imagePullPolicyy');
  });

  it('rejects a misspelled top-level field', () => {
    const errors = validateK8sObject({ ...deployment(), specs: {} });
    expect(errors.join('\n')).toContain('specs');
  });

  it('rejects a value of the wrong type', () => {
    const d = deployment();
    (d.spec as Record<string, unknown>).replicas = 'two';
    expect(validateK8sObject(d).join('\n')).toMatch(/\/spec\/replicas .*integer/);
  });

  it('rejects an unknown kind or an unknown apiVersion instead of passing it', () => {
    expect(validateK8sObject({ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } }))
      .toEqual(['Deploymnet/x: no schema for apiVersion "apps/v1" kind "Deploymnet" in Kubernetes v1.28.0']);
    expect(validateK8sObject({ apiVersion: 'apps/v1beta1', kind: 'Deployment' })).toHaveLength(1);
    expect(validateK8sObject({ kind: 'Namespace' })).toEqual(['object has no string apiVersion and kind']);
  });
});

describe('the shipped schema file', () => {
  const repoRoot = resolve(__dirname, '../..');
  const shipped = join(repoRoot, 'schema', 'kubernetes', K8S_SCHEMA_VERSION, '_definitions.json');

  it('is found inside the repository, from the source layout', () => {
    expect(locateDefinitions()).toBe(shipped);
  });

  it('is looked for beside lib/ in the source tree and beside build/ in a build or installed package', () => {
    const pkg = join(tmpdir(), 'node_modules', 'fleetform');
    expect(schemaCandidates(join(pkg, 'build', 'lib', 'testing'))).toContain(join(pkg, 'schema', 'kubernetes', K8S_SCHEMA_VERSION, '_definitions.json'));
    expect(schemaCandidates(join(repoRoot, 'lib', 'testing'))[0]).toBe(shipped);
  });

  it('names every place it looked, and how to restore the file, when it is missing', () => {
    expect(() => locateDefinitions(['/nowhere/a.json', '/nowhere/b.json'], () => false))
      .toThrow(/schema is missing; looked at:\n {2}\/nowhere\/a\.json\n {2}\/nowhere\/b\.json\n.*git checkout -- schema\/kubernetes/);
  });
});
