import type * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { answered, isText } from './cloud-answers';

/**
 * A kubeconfig for an EKS cluster built from its outputs. Tokens come from
 * `aws eks get-token`, so the caller's AWS identity (an access entry) decides
 * what it may do; no credential is stored in the file.
 */
export function kubeconfigFor(cluster: aws.eks.Cluster, region: string): pulumi.Output<string> {
  return pulumi.all([cluster.name, cluster.endpoint, cluster.certificateAuthority]).apply(([name, endpoint, ca]) => JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{
      name,
      cluster: {
        server: answered(endpoint, name, 'the EKS cluster', 'endpoint', isText),
        'certificate-authority-data': answered(ca?.data, name, 'the EKS cluster', 'certificate authority data', isText),
      },
    }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    'current-context': name,
    users: [{
      name,
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: 'aws',
          args: ['eks', 'get-token', '--cluster-name', name, '--region', region, '--output', 'json'],
          interactiveMode: 'Never',
        },
      },
    }],
  }));
}
