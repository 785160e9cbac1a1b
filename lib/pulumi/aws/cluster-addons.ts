import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { CoreAddonName } from '../../catalog/eks-addons';
import type { PlatformAddon } from '../../model/platform';
import { answered, isText } from '../cloud-answers';
import { podIdentityRole } from './iam';

/** Args of {@link ClusterAddons}. */
export interface ClusterAddonsArgs {
  /** The EKS cluster's name (its output, so the add-ons wait for the cluster). */
  readonly clusterName: pulumi.Input<string>;
  /** Stem of the resource names: the cluster's `names.resource`. */
  readonly stem: string;
  /** The add-ons to install, as the model decided them. */
  readonly addons: readonly PlatformAddon[];
  /** The cluster's Kubernetes minor: EKS's default version for it is asked for the add-ons the model leaves to EKS. */
  readonly kubernetesVersion: string;
  readonly tags: Record<string, string>;
  /** What every add-on waits for (the node groups, for add-ons whose pods need nodes to become active). */
  readonly after?: pulumi.Resource[];
}

/** Short names of the add-ons' roles, so `<stem>-<short>-role` plus the random suffix stays within IAM's 64 characters. */
const ROLE_STEM: Readonly<Partial<Record<CoreAddonName, string>>> = {
  'vpc-cni': 'cni',
  'aws-ebs-csi-driver': 'ebs-csi',
};

/** The namespace the add-ons install into, which their Pod Identity associations bind. */
const ADDON_NAMESPACE = 'kube-system';

/**
 * EKS add-ons of one cluster, each at the version the model chose (never
 * "latest"): its pin, or, where the model has none, the version EKS marks as
 * default for the cluster's minor, asked at deploy (`aws.eks.getAddonVersion`,
 * through the cluster's regional provider) so preview shows it and the stack
 * outputs record it. Each comes with its configuration and, for an add-on that calls AWS, an IAM
 * role bound to its service account through a Pod Identity association. A role
 * trusts only EKS Pod Identity and carries only the add-on's managed policy.
 *
 * Conflicts resolve to OVERWRITE, so the add-on takes over the copies EKS
 * bootstraps itself (vpc-cni, kube-proxy, coredns) and any drift. The add-ons
 * are kept on the cluster (`preserve`) when removed from the stack, so
 * dropping one never cuts a running cluster's networking or DNS.
 */
export class ClusterAddons extends pulumi.ComponentResource {
  // Private behind getters: Pulumi walks the enumerable fields of a dependency's parents.
  readonly #addons: Partial<Record<CoreAddonName, aws.eks.Addon>> = {};
  readonly #roles: Partial<Record<CoreAddonName, aws.iam.Role>> = {};

  /** Add-on name → its EKS add-on. */
  get addons(): Readonly<Partial<Record<CoreAddonName, aws.eks.Addon>>> {
    return this.#addons;
  }

  /** Add-on name → its Pod Identity role, for the add-ons that have one. */
  get roles(): Readonly<Partial<Record<CoreAddonName, aws.iam.Role>>> {
    return this.#roles;
  }

  constructor(name: string, args: ClusterAddonsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:aws:ClusterAddons', name, {}, opts);
    // The agent serves the credentials of every association; an add-on with a role waits for it when both are here.
    const agentSpec = args.addons.find((a) => a.name === 'eks-pod-identity-agent');
    const agent = agentSpec ? this.addon(agentSpec, args, []) : undefined;
    for (const a of args.addons) {
      if (a === agentSpec) continue;
      this.addon(a, args, a.role && agent ? [agent] : []);
    }
    this.registerOutputs({});
  }

  private addon(a: PlatformAddon, args: ClusterAddonsArgs, dependsOn: pulumi.Resource[]): aws.eks.Addon {
    const stem = `${args.stem}-${a.name}`;
    let podIdentityAssociations: aws.types.input.eks.AddonPodIdentityAssociation[] | undefined;
    if (a.role) {
      if (a.role.namespace !== ADDON_NAMESPACE) {
        throw new Error(`add-on ${a.name} of ${args.stem} has its service account in namespace ${a.role.namespace}; an add-on's Pod Identity association binds its own namespace, ${ADDON_NAMESPACE} (this is a bug in fleetform)`);
      }
      const role = podIdentityRole(`${args.stem}-${ROLE_STEM[a.name] ?? a.name}-role`, { managedPolicyArn: a.role.managedPolicyArn }, args.tags, this);
      this.#roles[a.name] = role;
      podIdentityAssociations = [{ serviceAccount: a.role.serviceAccount, roleArn: role.arn }];
    }
    const version = a.version ?? aws.eks.getAddonVersionOutput({ addonName: a.name, kubernetesVersion: args.kubernetesVersion }, { parent: this }).version
      .apply((v) => answered(v, stem, `aws.eks.getAddonVersion(${a.name}, ${args.kubernetesVersion})`, 'version', isText));
    const addon = new aws.eks.Addon(stem, {
      clusterName: args.clusterName,
      addonName: a.name,
      addonVersion: version,
      ...(a.configurationValues !== undefined ? { configurationValues: a.configurationValues } : {}),
      resolveConflictsOnCreate: 'OVERWRITE',
      resolveConflictsOnUpdate: 'OVERWRITE',
      preserve: true,
      ...(podIdentityAssociations ? { podIdentityAssociations } : {}),
      tags: args.tags,
    }, { parent: this, dependsOn: [...(args.after ?? []), ...dependsOn] });
    this.#addons[a.name] = addon;
    return addon;
  }
}
