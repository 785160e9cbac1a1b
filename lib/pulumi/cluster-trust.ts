import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { AWS_PRIVATECA_ISSUER } from '../catalog/platform-releases';
import type { ResolvedTrust } from '../model/trust';

/** Args of {@link ClusterTrust}. */
export interface ClusterTrustArgs {
  /** Stem of the resource names: the cluster's `names.resource`. */
  readonly stem: string;
  /** The fleet's trust root as the model resolved it. */
  readonly trust: ResolvedTrust;
  /** The root CA's ARN. */
  readonly caArn: pulumi.Input<string>;
  /** The root CA's certificate (PEM): public, never a key. */
  readonly caCertificate: pulumi.Input<string>;
  /** The cluster's own Kubernetes provider. */
  readonly provider: k8s.Provider;
  /** The releases of the AWS Private CA issuer (its CRD) and trust-manager (its namespace, cert-manager's). */
  readonly after: pulumi.Resource[];
}

/**
 * What only the deployment knows of the fleet's trust root, put on one cluster
 * through its own provider once the controllers are installed: the
 * `AWSPCAClusterIssuer` that issues from the root CA (its ARN is known only
 * once the CA exists, so it is not in the synthesized manifests), and the CA's
 * certificate in a ConfigMap of trust-manager's trust namespace, the source of
 * the fleet's trust Bundle (in the manifests). Only the certificate, which is
 * public, is written: the CA's key never leaves AWS Private CA.
 */
export class ClusterTrust extends pulumi.ComponentResource {
  /** The issuer workloads' Certificates name. */
  readonly issuer: k8s.apiextensions.CustomResource;
  /** The CA certificate's ConfigMap. */
  readonly source: k8s.core.v1.ConfigMap;

  constructor(name: string, args: ClusterTrustArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:kubernetes:ClusterTrust', name, {}, opts);
    const t = args.trust;
    const options = { parent: this, provider: args.provider, dependsOn: args.after };
    this.issuer = new k8s.apiextensions.CustomResource(`${args.stem}-${t.issuer}-issuer`, {
      apiVersion: AWS_PRIVATECA_ISSUER.apiVersion,
      kind: 'AWSPCAClusterIssuer',
      metadata: { name: t.issuer },
      spec: { arn: args.caArn, region: t.region },
    }, options);
    // ConfigMap data cannot change in place: a new certificate replaces the object, deleted first as its name is fixed.
    this.source = new k8s.core.v1.ConfigMap(`${args.stem}-${t.source.name}`, {
      metadata: { name: t.source.name, namespace: t.source.namespace },
      data: { [t.source.key]: args.caCertificate },
    }, { ...options, deleteBeforeReplace: true });
    this.registerOutputs({});
  }
}
