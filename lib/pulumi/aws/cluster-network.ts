import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ClusterAddresses } from '../../net/address-plan';
import { NatGateways } from '../../environment-profile';
import { Lifecycle, protection } from '../guards';

/** Args of a {@link ClusterNetwork}. */
export interface ClusterNetworkArgs {
  /** EKS cluster name, for the subnet discovery tags. */
  readonly clusterName: string;
  /** The ranges the fleet's address plan gave the cluster; used as they are. */
  readonly addresses: ClusterAddresses;
  /** One NAT gateway per zone, or one in all. */
  readonly natGateways: NatGateways;
  /** Availability zone names, one per subnet index. */
  readonly availabilityZones: pulumi.Input<string>[];
  readonly tags: Record<string, string>;
  /**
   * The cluster's lifecycle: the VPC and subnets are protected unless it is decommissioning.
   * @default 'active'
   */
  readonly lifecycle?: Lifecycle;
  /**
   * Routes to peered VPCs (calls between apps across clusters), added to every route table beside
   * its default route. Given as the tables' own routes, never as separate Route resources, which
   * the tables' routes would remove on the next update.
   * @default - none: the tables hold their default route only
   */
  readonly peerRoutes?: pulumi.Input<readonly PeerRoute[]>;
}

/** A route to a peered VPC: its range through the peering connection. */
export interface PeerRoute {
  readonly cidrBlock: string;
  readonly vpcPeeringConnectionId: pulumi.Input<string>;
}

/** The routes of a table: its default route and, when given, the peer routes after it. */
function withPeers<T extends object>(base: T, peers: pulumi.Input<readonly PeerRoute[]> | undefined): pulumi.Input<pulumi.Input<T | PeerRoute>[]> {
  if (peers === undefined) return [base];
  return pulumi.all([pulumi.output(base), pulumi.output(peers)]).apply(([b, p]) => [b as T, ...(p as PeerRoute[])]);
}

/**
 * A cluster's VPC: public subnets (load balancers, NAT gateways) and private
 * subnets (nodes, pods) in three zones, an internet gateway, NAT gateways and
 * route tables, tagged for EKS load balancer discovery. The VPC and subnets
 * are protected while the cluster is not decommissioning.
 */
export class ClusterNetwork extends pulumi.ComponentResource {
  readonly vpc: aws.ec2.Vpc;
  readonly privateSubnetIds: pulumi.Output<string>[];
  readonly publicSubnetIds: pulumi.Output<string>[];

  constructor(name: string, args: ClusterNetworkArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:aws:ClusterNetwork', name, {}, opts);
    const parent = { parent: this };
    // What moves or deletes the addresses is refused while the cluster is not decommissioning.
    const guarded = { parent: this, ...protection(args.lifecycle ?? 'active') };
    const a = args.addresses;
    const tag = (suffix: string, extra: Record<string, string> = {}) => ({ ...args.tags, Name: `${args.clusterName}-${suffix}`, ...extra });
    const shared = { [`kubernetes.io/cluster/${args.clusterName}`]: 'shared' };

    this.vpc = new aws.ec2.Vpc(`${name}-vpc`, {
      cidrBlock: a.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: tag('vpc'),
    }, guarded);
    const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: this.vpc.id, tags: tag('igw') }, parent);

    const publicRoutes = new aws.ec2.RouteTable(`${name}-public`, {
      vpcId: this.vpc.id,
      routes: withPeers({ cidrBlock: '0.0.0.0/0', gatewayId: igw.id }, args.peerRoutes),
      tags: tag('public'),
    }, parent);

    const publicSubnets = a.publicSubnets.map((cidr, i) => {
      const subnet = new aws.ec2.Subnet(`${name}-public-${i}`, {
        vpcId: this.vpc.id,
        cidrBlock: cidr,
        availabilityZone: args.availabilityZones[i],
        mapPublicIpOnLaunch: false,
        tags: tag(`public-${i}`, { ...shared, 'kubernetes.io/role/elb': '1' }),
      }, guarded);
      new aws.ec2.RouteTableAssociation(`${name}-public-${i}`, { subnetId: subnet.id, routeTableId: publicRoutes.id }, parent);
      return subnet;
    });

    const natCount = args.natGateways === NatGateways.SINGLE ? 1 : publicSubnets.length;
    const nats = publicSubnets.slice(0, natCount).map((subnet, i) => {
      const eip = new aws.ec2.Eip(`${name}-nat-${i}`, { domain: 'vpc', tags: tag(`nat-${i}`) }, parent);
      return new aws.ec2.NatGateway(`${name}-nat-${i}`, {
        allocationId: eip.id,
        subnetId: subnet.id,
        tags: tag(`nat-${i}`),
      }, { parent: this, dependsOn: [igw] });
    });

    const privateSubnets = a.privateSubnets.map((cidr, i) => {
      const subnet = new aws.ec2.Subnet(`${name}-private-${i}`, {
        vpcId: this.vpc.id,
        cidrBlock: cidr,
        availabilityZone: args.availabilityZones[i],
        tags: tag(`private-${i}`, { ...shared, 'kubernetes.io/role/internal-elb': '1' }),
      }, guarded);
      const routes = new aws.ec2.RouteTable(`${name}-private-${i}`, {
        vpcId: this.vpc.id,
        routes: withPeers({ cidrBlock: '0.0.0.0/0', natGatewayId: nats[Math.min(i, nats.length - 1)].id }, args.peerRoutes),
        tags: tag(`private-${i}`),
      }, parent);
      new aws.ec2.RouteTableAssociation(`${name}-private-${i}`, { subnetId: subnet.id, routeTableId: routes.id }, parent);
      return subnet;
    });

    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.registerOutputs({ vpcId: this.vpc.id, privateSubnetIds: this.privateSubnetIds, publicSubnetIds: this.publicSubnetIds });
  }
}
