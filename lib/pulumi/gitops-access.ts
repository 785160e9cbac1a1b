/**
 * The access entry the managed Argo CD capability of EKS needs on each
 * cluster it delivers to: its IAM capability role, associated with
 * AmazonEKSClusterAdminPolicy at cluster scope, as the EKS user guide
 * documents for remote target clusters ("Register target clusters", steps
 * "Create an access entry on the remote cluster" and "Associate an access
 * policy": https://docs.aws.amazon.com/eks/latest/userguide/argocd-register-clusters.html).
 * Decided before anything is registered; pure.
 */
import type { FleetProblem } from '../errors';
import type { ResolvedCluster, ResolvedFleet } from '../model/resolved';

/**
 * The chosen clusters where the capability role gets an access entry of its
 * own: every one, except where a cluster-admin grant or the deployer's entry
 * already names the role (EKS takes one entry per principal, and that one
 * serves). A fleet without an `ArgoCdDelivery`, or a grant below
 * cluster-admin to the role, is refused.
 */
export function argoCdAccess(
  fleet: ResolvedFleet, selected: readonly ResolvedCluster[], role: string | undefined, deployer: { readonly principal?: string; readonly clusters: readonly string[] },
): { entries: string[]; problems: FleetProblem[] } {
  if (role === undefined) return { entries: [], problems: [] };
  if (fleet.argoCd.length === 0) {
    return {
      entries: [],
      problems: [{
        path: fleet.fleet.path,
        message: 'option argoCdCapabilityRole is given, but the fleet has no ArgoCdDelivery, so nothing delivers to the clusters through Argo CD; '
          + 'add new ArgoCdDelivery(fleet, "argocd", {...}), or drop the option',
      }],
    };
  }
  const entries: string[] = [];
  const problems: FleetProblem[] = [];
  for (const c of selected) {
    const grant = c.grants.find((g) => g.principal === role);
    if (grant !== undefined && grant.level !== 'cluster-admin') {
      problems.push({
        path: c.path,
        message: `the Argo CD capability role ${role} is granted ${grant.level} on cluster "${c.id}", but Argo CD needs cluster-admin there and EKS takes one access entry per principal; `
          + 'drop the role from the environment\'s viewers (FleetDeployment gives it its own entry), or list it among the admins',
      });
    } else if (grant === undefined && !(deployer.principal === role && deployer.clusters.includes(c.id))) {
      entries.push(c.id);
    }
  }
  return { entries, problems };
}
