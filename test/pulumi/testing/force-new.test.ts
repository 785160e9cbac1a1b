import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import { describe, expect, it } from 'vitest';
import { AWS_FORCE_NEW, forceNewOf, KUBERNETES_FORCE_NEW } from '../../../lib/pulumi/testing';
import { AWS_PRIVATECA_ISSUER } from '../../../lib/catalog/platform-releases';

const BINDING = join(__dirname, '..', '..', '..', 'lib', 'pulumi');

/** The API versions of the catalogue's controllers, by the constant the binding names them with. */
const API_VERSIONS: Readonly<Record<string, string>> = { AWS_PRIVATECA_ISSUER: AWS_PRIVATECA_ISSUER.apiVersion };

/** The source files of the binding (not its testing helpers). */
function bindingFiles(dir = BINDING): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name === 'testing' ? [] : bindingFiles(join(dir, e.name));
    return e.name.endsWith('.ts') ? [join(dir, e.name)] : [];
  });
}

/** The type token of every `new aws.<module>.<Class>(` and `new k8s.<...>.<Class>(` in the binding. */
function registeredTypes(): string[] {
  const types = new Set<string>();
  for (const file of bindingFiles()) {
    for (const m of readFileSync(file, 'utf8').matchAll(/new (aws|k8s)\.([\w.]+)\(/g)) {
      let cls: any = m[1] === 'aws' ? aws : k8s;
      for (const part of m[2].split('.')) cls = cls[part];
      // Providers are classed by their own rules; a v1 ConfigGroup is a component (its objects are classed by kind).
      if (cls === aws.Provider || cls === k8s.Provider || cls === k8s.yaml.ConfigGroup) continue;
      // A CustomResource's type is its apiVersion and kind, read from the object it registers.
      if (cls === k8s.apiextensions.CustomResource) {
        const text = readFileSync(file, 'utf8');
        const api = /apiVersion: (\w+)\.apiVersion,\s*kind: '(\w+)'/.exec(text);
        if (!api) throw new Error(`${file} registers a CustomResource whose apiVersion and kind this test cannot read`);
        types.add(`kubernetes:${API_VERSIONS[api[1]!]}:${api[2]}`);
        continue;
      }
      types.add(cls.__pulumiType as string);
    }
  }
  return [...types].sort();
}

describe('the replacing inputs', () => {
  it('are known for every resource type the binding registers', () => {
    const types = registeredTypes();
    expect(types.length).toBeGreaterThan(25);
    expect(types).toContain('kubernetes:awspca.cert-manager.io/v1beta1:AWSPCAClusterIssuer');
    expect(types.filter((t) => !forceNewOf(t))).toEqual([]);
  });

  it('name a source for every type', () => {
    for (const [type, entry] of [...Object.entries(AWS_FORCE_NEW), ...Object.entries(KUBERNETES_FORCE_NEW)]) {
      expect(entry.source, type).toMatch(/^(tf|k8s|d\.ts|design)/);
    }
  });

  it('replace a Kubernetes object on its name or namespace, whatever its kind', () => {
    expect(forceNewOf('kubernetes:core/v1:Namespace')!.inputs.map((i) => i.path)).toEqual(['metadata.name', 'metadata.namespace']);
    expect(forceNewOf('kubernetes:apps/v1:Deployment')!.inputs.map((i) => i.path)).toEqual(['metadata.name', 'metadata.namespace', 'spec.selector']);
    expect(forceNewOf('kubernetes:example.com/v1:Widget')).toBeUndefined();
  });
});
