/**
 * The Pulumi binding of fleetform: `import { FleetDeployment } from 'fleetform/pulumi'`.
 * @module fleetform/pulumi
 */
import './peers';
export * from './fleet-deployment';
export { deployerFromCallerIdentity } from './deployer';
export { RECORD_OUTPUT } from './deployment-record';
export { ALBS_OUTPUT } from './edge/edge-stack';
export type { ClusterAlbExports } from './edge/edge-stack';
export type { ClusterStacks, EdgePlacement } from './edge/cluster-stacks';
export type { DeploymentRecord } from './deployment-record';
export * from './cluster-manifests';
export * from './providers';
export { kubeconfigFor } from './kubeconfig';
export * from './aws/eks-cluster';
export * from './aws/cluster-network';
export * from './aws/node-pool-group';
export * from './aws/cluster-addons';
export * from './aws/controller-identities';
export * from './aws/app-identities';
export * from './platform-charts';
export * from './cluster-trust';
export * from './aws/fleet-root-ca';
export type { Lifecycle } from './guards';
export { LoadBalancerEdge } from './edge/load-balancer-edge';
export type { LoadBalancerEdgeArgs } from './edge/load-balancer-edge';
export { CloudFrontEdge } from './edge/cloudfront-edge';
export type { CloudFrontEdgeArgs } from './edge/cloudfront-edge';
export { RecordTree } from './edge/record-tree';
export type { ClusterAlb, RecordTreeArgs } from './edge/record-tree';
