import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { AWS_LOAD_BALANCER_CONTROLLER_POLICY, clusterAutoscalerPolicy, IamPolicyDocumentJson, toPolicyDocument } from '../../catalog/iam-policies';
import type { PlatformChart, PlatformChartName } from '../../model/platform';
import { externalSecretsRole } from './external-secrets-role';
import { podIdentityRole } from './iam';

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
};

/**
 * The AWS identities of a cluster's Helm-installed controllers: per controller
 * with a service account, an IAM role that trusts only EKS Pod Identity and
 * carries only that controller's policy (the AWS Load Balancer Controller's
 * published policy; the Cluster Autoscaler's, scoped to the cluster's node
 * groups by their auto-discovery tag; the External Secrets Operator's, reading
 * only the fleet's secrets in its stores' regions), and the Pod Identity association that
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
      const policy = chart.secretsAccess ? undefined : controllerPolicy(chart.name, args.eksClusterName);
      if (!policy && !chart.secretsAccess) throw new Error(`controller ${chart.name} of ${args.stem} has a service account but fleetform has no IAM policy for it (this is a bug in fleetform)`);
      const role = chart.secretsAccess
        ? externalSecretsRole(roleName, chart.secretsAccess, args.tags, this)
        : podIdentityRole(roleName, { policy: policy! }, args.tags, this);
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
}
