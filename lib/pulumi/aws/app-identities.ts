import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { POD_IDENTITY_TRUST_POLICY, toPolicyDocument } from '../../catalog/iam-policies';
import type { ResolvedApp, ResolvedAwsPermissions, ResolvedCluster } from '../../model/resolved';
import { shortHash } from '../../naming';

/** One cluster of the stack that an app lands on. */
export interface AppIdentityCluster {
  /** The cluster as the model resolved it (its id, resource stem and tags are used). */
  readonly cluster: ResolvedCluster;
  /** The EKS cluster's name (its output, so the association waits for the cluster). */
  readonly clusterName: pulumi.Input<string>;
  /** The AWS provider of the cluster's region: an association belongs to the cluster's region. */
  readonly provider: aws.Provider;
}

/** Args of an {@link AppIdentity}. */
export interface AppIdentityArgs {
  /** The app's name. */
  readonly app: string;
  /** Its AWS permissions, as the model resolved them. */
  readonly permissions: ResolvedAwsPermissions;
  /** The provider of the role (IAM is global): the deployment's provider of global services. */
  readonly iamProvider: aws.Provider;
  /** The clusters of the stack the app lands on, sorted by id; each gets one association. */
  readonly clusters: readonly AppIdentityCluster[];
}

/** The Pulumi name of the association of app `app` on the cluster of resource stem `stem`: it begins with the cluster's stem, as every resource of a cluster does. */
export function appAssociationName(stem: string, app: string): string {
  return `${stem}-app-${app}`;
}

/** The Pulumi name of the attachment of managed policy `arn` to role `role`: the policy's name, and a hash of its whole ARN so two of one name never collide. */
export function appPolicyAttachmentName(role: string, arn: string): string {
  return `${role}-${arn.split('/').pop()}-${shortHash(arn)}`;
}

/**
 * The AWS identity of one app in a stack: one IAM role that only EKS Pod Identity
 * may assume (`sts:AssumeRole` and `sts:TagSession` for `pods.eks.amazonaws.com`),
 * carrying the app's statements as its inline policy and its managed policies,
 * and one Pod Identity association per cluster of the stack the app lands on,
 * naming the app's namespace and service account. One role serves every cluster:
 * the session tags (`eks-cluster-name`, `kubernetes-namespace`, ...) tell them apart.
 *
 * Every name derives from the app, the fleet and the cluster alone, so a later
 * change never renames (and so replaces) the role or an association. The role's
 * IAM name is its Pulumi name with Pulumi's random suffix: two stacks that each
 * deploy some of the app's clusters each get a role of their own and never collide.
 */
export class AppIdentity extends pulumi.ComponentResource {
  readonly role: aws.iam.Role;
  readonly #associations: Record<string, aws.eks.PodIdentityAssociation> = {};

  /** Cluster id → the app's Pod Identity association there. */
  get associations(): Readonly<Record<string, aws.eks.PodIdentityAssociation>> {
    return this.#associations;
  }

  constructor(name: string, args: AppIdentityArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:aws:AppIdentity', name, {}, opts);
    const p = args.permissions;
    const iam = { parent: this, provider: args.iamProvider };
    this.role = new aws.iam.Role(p.roleName, {
      description: `EKS Pod Identity role of app ${args.app} (service account ${p.serviceAccount.name} in namespace ${p.serviceAccount.namespace})`,
      assumeRolePolicy: JSON.stringify(toPolicyDocument(POD_IDENTITY_TRUST_POLICY)),
      tags: { ...p.tags },
    }, iam);
    if (p.policy !== undefined) {
      new aws.iam.RolePolicy(`${p.roleName}-policy`, { role: this.role.name, policy: JSON.stringify(p.policy) }, iam);
    }
    for (const arn of p.managedPolicyArns) {
      new aws.iam.RolePolicyAttachment(appPolicyAttachmentName(p.roleName, arn), { role: this.role.name, policyArn: arn }, iam);
    }
    for (const c of args.clusters) {
      this.#associations[c.cluster.id] = new aws.eks.PodIdentityAssociation(appAssociationName(c.cluster.names.resource, args.app), {
        clusterName: c.clusterName,
        namespace: p.serviceAccount.namespace,
        serviceAccount: p.serviceAccount.name,
        roleArn: this.role.arn,
        tags: { ...c.cluster.tags, 'fleetform:app': args.app },
      }, { parent: this, provider: c.provider });
    }
    this.registerOutputs({ roleArn: this.role.arn });
  }
}

/** What {@link appIdentities} needs of the deployment: each deployed cluster's EKS name and the providers. */
export interface AppIdentityHost {
  /** The EKS cluster name output of a deployed cluster. */
  clusterName(id: string): pulumi.Input<string>;
  /** The AWS provider of a region. */
  region(region: string): aws.Provider;
  /** The AWS provider of global services. */
  global(): aws.Provider;
}

/**
 * The identities of the apps with AWS permissions that land on at least one of the stack's
 * clusters, by app name; an app none of whose clusters the stack deploys gets nothing here.
 */
export function appIdentities(apps: readonly ResolvedApp[], deployed: readonly ResolvedCluster[], host: AppIdentityHost, parent: pulumi.Resource): Record<string, AppIdentity> {
  const byId = new Map(deployed.map((c) => [c.id, c]));
  const identities: Record<string, AppIdentity> = {};
  for (const app of apps) {
    if (app.awsPermissions === undefined) continue;
    const clusters = app.placements.flatMap((pl) => {
      const c = byId.get(pl.clusterId);
      return c ? [{ cluster: c, clusterName: host.clusterName(c.id), provider: host.region(c.region) }] : [];
    });
    if (clusters.length === 0) continue;
    identities[app.name] = new AppIdentity(`${app.awsPermissions.roleName}-identity`, {
      app: app.name,
      permissions: app.awsPermissions,
      iamProvider: host.global(),
      clusters,
    }, { parent });
  }
  return identities;
}
