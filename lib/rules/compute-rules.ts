/**
 * Rules of EKS Auto Mode clusters: what Auto Mode cannot do is refused before
 * anything is deployed — node pools it would ignore, a Kubernetes minor it does
 * not run, dedicated hardware, and a global load balancer in front of its ALB.
 */
import { checkAutoModeVersion } from '../catalog/eks-auto-mode';
import { ComputeMode } from '../environment-profile';
import type { FleetModel, ResolvedCluster } from '../model/resolved';
import { Tenancy } from '../tenancy';
import { FleetRule, problem, RuleFinding } from './rule';

const autoMode = (c: ResolvedCluster) => c.computeMode === ComputeMode.AUTO_MODE;

/**
 * An Auto Mode cluster takes no node pools, runs Kubernetes 1.29 or later, and
 * shares hardware: Auto Mode launches nodes from its built-in node pools
 * (on-demand C, M and R instances it chooses), and the EKS user guide lists
 * it as unable to run containers on dedicated EC2 hardware.
 */
export const autoModeClusters: FleetRule = {
  id: 'auto-mode-clusters',
  description: 'an EKS Auto Mode cluster names no node pools, runs Kubernetes 1.29 or later and shared tenancy',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const c of model.clusters.filter(autoMode)) {
      if (c.refusedNodePools !== undefined) {
        yield problem(c.path, `node pools (${c.refusedNodePools.join(', ') || 'none listed'}) do not apply to EKS Auto Mode cluster ${c.id}, where AWS chooses, scales and replaces the nodes; `
          + 'leave nodePools out, or set computeMode: ComputeMode.MANAGED_NODE_GROUPS on the cluster');
      }
      const version = checkAutoModeVersion(c.kubernetesVersion);
      if (version !== undefined) yield problem(c.path, version);
      if (c.tenancy === Tenancy.DEDICATED) {
        yield problem(c.path, `EKS Auto Mode cluster ${c.id} cannot run on dedicated hardware: EKS Auto Mode does not run containers on dedicated EC2 hosts (EKS user guide, auto-mng.html); `
          + 'use ComputeMode.MANAGED_NODE_GROUPS for a cluster with Tenancy.DEDICATED');
      }
    }
  },
};

/**
 * A global load balancer does not target an Auto Mode cluster: its Ingresses
 * give the ALB no certificate and rely on the AWS Load Balancer Controller
 * finding the load balancer's ACM certificate from their TLS hosts, which the
 * EKS user guide does not document for Auto Mode's ALBs.
 */
export const autoModeNotBehindGlobalLoadBalancer: FleetRule = {
  id: 'auto-mode-not-behind-global-load-balancer',
  description: 'a global load balancer targets no EKS Auto Mode cluster',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const auto = new Set(model.clusters.filter(autoMode).map((c) => c.id));
    for (const lb of model.loadBalancers) {
      const targets = lb.targets.filter((id) => auto.has(id));
      if (targets.length === 0) continue;
      yield problem(lb.path, `targets EKS Auto Mode cluster${targets.length > 1 ? 's' : ''} ${targets.join(', ')}, whose ALB fleetform cannot yet give the load balancer's certificate `
        + '(its Ingresses rely on the AWS Load Balancer Controller finding it from their TLS hosts, which AWS does not document for Auto Mode); '
        + 'target clusters on ComputeMode.MANAGED_NODE_GROUPS');
    }
  },
};

/** The rules of compute modes, in the order they run. */
export const COMPUTE_RULES: readonly FleetRule[] = [autoModeClusters, autoModeNotBehindGlobalLoadBalancer];
