import { Yaml } from 'cdk8s';

/** Multi-document YAML of Kubernetes objects, the same text `cdk8s synth` writes. */
export function toYaml(objects: readonly unknown[]): string {
  return Yaml.stringify(...objects);
}
