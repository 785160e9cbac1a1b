import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { AWS_LOAD_BALANCER_CONTROLLER_POLICY, clusterAutoscalerPolicy, IamPolicyDocumentJson, toPolicyDocument } from '../../catalog/iam-policies';
import type { PlatformChart, PlatformChartName } from '../../model/platform';
import { externalSecretsRole } from './external-secrets-role';
import { podIdentityRole } from './iam';
import { privateCaIssuerRole } from './private-ca-issuer-role';

/** Args of {@link ControllerIdentities}. */
export interface ControllerIdentitiesArgs {
  /** The EKS cluster's name (its output, so the associations wait for the cluster). */
  readonly clusterName: pulumi.Input<string>;
  /** The EKS cluster's name as the model decided it, which scopes the autoscaler's policy. */
  readonly eksClusterName: string;
  /** Stem of the resource names: the cluster's `names.resource`. */
  readonly stem: string;
  /** The controllers, as the model decided them; those with a service account get a role. */
  readonly charts: readonly PlatformChart[];
  readonly tags: Record<string, string>;
  /** The ARN of the fleet's root CA, which the AWS Private CA issuer's role may issue from (needed when a chart issues from it). */
  readonly certificateAuthorityArn?: pulumi.Input<string>;
}

/** The IAM policy of each controller that calls AWS. */
export function controllerPolicy(chart: PlatformChartName, eksClusterName: string): IamPolicyDocumentJson | undefined {
  switch (chart) {
    case 'aws-load-balancer-controller': return toPolicyDocument(AWS_LOAD_BALANCER_CONTROLLER_POLICY);
    case 'cluster-autoscaler': return toPolicyDocument(clusterAutoscalerPolicy(eksClusterName));
    default: return undefined;
  }
}

/** Short names of the controllers' roles, so `<stem>-<short>-role` plus the random suffix stays within IAM's 64 characters. */
const ROLE_STEM: Readonly<Record<PlatformChartName, string>> = {
  'aws-load-balancer-controller': 'lbc',
  'cluster-autoscaler': 'cas',
  'metrics-server': 'metrics',
  'external-secrets': 'eso',
  'cert-manager': 'certmgr',
  'aws-privateca-issuer': 'pca',
  'trust-manager': 'trust',
};

/**
 * The AWS identities of a cluster's Helm-installed controllers: per controller
 * with a service account, an IAM role that trusts only EKS Pod Identity and
 * carries only that controller's policy (the AWS Load Balancer Controller's
 * published policy; the Cluster Autoscaler's, scoped to the cluster's node
 * groups by their auto-discovery tag; the External Secrets Operator's, reading
 * only the fleet's secrets in its stores' regions; the AWS Private CA issuer's, issuing
 * from the fleet's root CA only), and the Pod Identity association that
 * binds it to the service account. The associations must exist before the
 * controllers' pods start: EKS injects the credentials when a pod is created.
 */
export class ControllerIdentities extends pulumi.ComponentResource {
  readonly #roles: Partial<Record<PlatformChartName, aws.iam.Role>> = {};
  readonly #associations: Partial<Record<PlatformChartName, aws.eks.PodIdentityAssociation>> = {};

  /** Controller → its role. */
  get roles(): Readonly<Partial<Record<PlatformChartName, aws.iam.Role>>> {
    return this.#roles;
  }

  /** Controller → its Pod Identity association. */
  get associations(): Readonly<Partial<Record<PlatformChartName, aws.eks.PodIdentityAssociation>>> {
    return this.#associations;
  }

  constructor(name: string, args: ControllerIdentitiesArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:aws:ControllerIdentities', name, {}, opts);
    for (const chart of args.charts) {
      if (chart.serviceAccount === undefined) continue;
      const roleName = `${args.stem}-${ROLE_STEM[chart.name]}-role`;
      const role = this.roleOf(chart, roleName, args);
      this.#roles[chart.name] = role;
      this.#associations[chart.name] = new aws.eks.PodIdentityAssociation(`${args.stem}-${chart.name}`, {
        clusterName: args.clusterName,
        namespace: chart.namespace,
        serviceAccount: chart.serviceAccount,
        roleArn: role.arn,
        tags: args.tags,
      }, { parent: this });
    }
    this.registerOutputs({});
  }

  /** The role of a controller that calls AWS: the External Secrets Operator's, the Private CA issuer's, or one with a fixed policy. */
  private roleOf(chart: PlatformChart, roleName: string, args: ControllerIdentitiesArgs): aws.iam.Role {
    if (chart.secretsAccess) return externalSecretsRole(roleName, chart.secretsAccess, args.tags, this);
    if (chart.issuesFromFleetCa) {
      if (args.certificateAuthorityArn === undefined) throw new Error(`controller ${chart.name} of ${args.stem} issues from the fleet's root CA but was given none (this is a bug in fleetform)`);
      return privateCaIssuerRole(roleName, args.certificateAuthorityArn, args.tags, this);
    }
    const policy = controllerPolicy(chart.name, args.eksClusterName);
    if (!policy) throw new Error(`controller ${chart.name} of ${args.stem} has a service account but fleetform has no IAM policy for it (this is a bug in fleetform)`);
    return podIdentityRole(roleName, { policy }, args.tags, this);
  }
}
