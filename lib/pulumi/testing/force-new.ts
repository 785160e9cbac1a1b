/**
 * The inputs whose change makes the provider replace a resource (delete and
 * create, or create and delete) instead of updating it, per resource type
 * fleetform registers, each with where it was read.
 *
 * Sources, in order of authority:
 * - `tf`: the Terraform AWS provider's schema, which `@pulumi/aws` bridges: attributes marked
 *   `ForceNew: true` (SDKv2) or `RequiresReplace()` (plugin framework), in
 *   github.com/hashicorp/terraform-provider-aws `internal/service/<service>/<file>.go`.
 *   Read there: eks/cluster.go, eks/node_group.go, eks/addon.go, eks/access_entry.go,
 *   eks/access_policy_association.go, eks/pod_identity_association.go, ec2/vpc_.go,
 *   ec2/vpc_subnet.go, route53/record.go, route53/health_check.go, acm/certificate.go,
 *   acmpca/certificate_authority.go, acmpca/certificate_authority_certificate.go.
 *   The other AWS entries are `tf*`: the same provider's schema as documented for the
 *   resource, not re-read line by line.
 * - `d.ts`: the provider documentation `@pulumi/aws` 7.48 carries in its type declarations
 *   (only `bootstrapSelfManagedAddons` and a subnet's IPv6 block say so there).
 * - `k8s`: pulumi-kubernetes's own table of replacing fields (`forceNewProperties`: metadata
 *   name and namespace of every object; Deployment and StatefulSet selectors, ConfigMap and
 *   Secret data, Service clusterIP and type, RoleBinding roleRef, ...), its Helm release
 *   provider (`name`, `namespace`), and its provider options (`enableConfigMapMutable`,
 *   off by default, in `@pulumi/kubernetes` provider.d.ts); plus fields the Kubernetes API
 *   documents as immutable (in `@pulumi/kubernetes` types/input.d.ts).
 * - `design`: fleetform's design notes, where they agree with the above.
 */

/** One input whose change replaces the resource. */
export interface ForceNewInput {
  /** Dotted path of the input (`vpcConfig.subnetIds`); `*` stands for every element or key. */
  readonly path: string;
  /** The provider's value when the input is left out. */
  readonly default?: unknown;
  /** Optional and computed: leaving it out keeps the value the resource has, so it replaces nothing. */
  readonly computed?: boolean;
  /** Replaces only when the input is removed (it can be added or changed in place). */
  readonly onRemoval?: boolean;
  /** A set: the order of its elements does not matter. */
  readonly unordered?: boolean;
}

/** The replacing inputs of one resource type. */
export interface ForceNewEntry {
  readonly inputs: readonly ForceNewInput[];
  /** Where they were read (see the module's comment). */
  readonly source: string;
}

const f = (path: string, more: Omit<ForceNewInput, 'path'> = {}): ForceNewInput => ({ path, ...more });
const c = (path: string): ForceNewInput => ({ path, computed: true });
const tf = (file: string) => `tf: internal/service/${file}`;
const tfDoc = (file: string) => `tf* (schema of internal/service/${file}, not re-read)`;

/** AWS resource types: the inputs that replace them. */
export const AWS_FORCE_NEW: Readonly<Record<string, ForceNewEntry>> = {
  'aws:eks/cluster:Cluster': {
    inputs: [
      f('name'), f('roleArn'),
      f('accessConfig.bootstrapClusterCreatorAdminPermissions', { default: true }),
      f('bootstrapSelfManagedAddons', { default: true }),
      c('kubernetesNetworkConfig.serviceIpv4Cidr'), c('kubernetesNetworkConfig.ipFamily'),
      f('encryptionConfig', { onRemoval: true }),
      f('remoteNetworkConfig'), f('outpostConfig.controlPlaneInstanceType'), f('outpostConfig.controlPlanePlacement.groupName'),
    ],
    source: `${tf('eks/cluster.go')}; d.ts (bootstrapSelfManagedAddons); design (name, roleArn, service CIDR)`,
  },
  'aws:eks/nodeGroup:NodeGroup': {
    inputs: [
      f('clusterName'), f('nodeRoleArn'), f('subnetIds', { unordered: true }), f('remoteAccess'),
      c('amiType'), c('capacityType'), c('diskSize'), c('instanceTypes'),
      c('launchTemplate.id'), c('launchTemplate.name'), c('nodeGroupName'), c('nodeGroupNamePrefix'),
    ],
    source: `${tf('eks/node_group.go')}; design (name, subnets, instance types, capacity type)`,
  },
  'aws:eks/addon:Addon': { inputs: [f('clusterName'), f('addonName')], source: tf('eks/addon.go') },
  'aws:eks/accessEntry:AccessEntry': { inputs: [f('clusterName'), f('principalArn'), f('type', { default: 'STANDARD' })], source: tf('eks/access_entry.go') },
  'aws:eks/accessPolicyAssociation:AccessPolicyAssociation': {
    inputs: [f('clusterName'), f('principalArn'), f('policyArn'), f('accessScope')],
    source: tf('eks/access_policy_association.go'),
  },
  'aws:eks/podIdentityAssociation:PodIdentityAssociation': {
    inputs: [f('clusterName'), f('namespace'), f('serviceAccount')],
    source: `${tf('eks/pod_identity_association.go')} (RequiresReplace)`,
  },
  'aws:ec2/vpc:Vpc': { inputs: [c('cidrBlock'), f('ipv4IpamPoolId'), f('ipv4NetmaskLength')], source: `${tf('ec2/vpc_.go')}; design (cidrBlock)` },
  'aws:ec2/subnet:Subnet': {
    inputs: [
      f('vpcId'), c('cidrBlock'), c('availabilityZone'), c('availabilityZoneId'), f('ipv4IpamPoolId'), f('ipv4NetmaskLength'),
      f('ipv6IpamPoolId'), f('ipv6Native', { default: false }), f('ipv6NetmaskLength'), f('outpostArn'),
    ],
    source: `${tf('ec2/vpc_subnet.go')}; design (cidrBlock, availabilityZone)`,
  },
  'aws:ec2/internetGateway:InternetGateway': { inputs: [], source: `${tfDoc('ec2/vpc_internet_gateway.go')}: vpcId attaches and detaches in place` },
  'aws:ec2/routeTable:RouteTable': { inputs: [f('vpcId')], source: tfDoc('ec2/vpc_route_table.go') },
  'aws:ec2/routeTableAssociation:RouteTableAssociation': {
    inputs: [f('subnetId'), f('gatewayId')],
    source: `${tfDoc('ec2/vpc_route_table_association.go')}: routeTableId is replaced in place`,
  },
  'aws:ec2/vpcPeeringConnection:VpcPeeringConnection': {
    inputs: [f('vpcId'), f('peerVpcId'), f('peerOwnerId'), f('peerRegion')],
    source: `${tfDoc('ec2/vpc_peering_connection.go')}: autoAccept and the options change in place`,
  },
  'aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter': {
    inputs: [f('vpcPeeringConnectionId')],
    source: tfDoc('ec2/vpc_peering_connection_accepter.go'),
  },
  'aws:ec2/securityGroup:SecurityGroup': {
    inputs: [c('name'), c('namePrefix'), f('description'), f('vpcId')],
    source: `${tfDoc('ec2/vpc_security_group.go')}: inline ingress and egress rules and tags change in place`,
  },
  'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule': {
    inputs: [f('securityGroupId')],
    source: `${tfDoc('ec2/vpc_security_group_ingress_rule.go')} (RequiresReplace): the rule's addresses, ports and protocol change in place`,
  },
  'aws:ec2/eip:Eip': {
    inputs: [c('domain'), f('address'), f('customerOwnedIpv4Pool'), c('networkBorderGroup'), c('publicIpv4Pool'), f('ipamPoolId')],
    source: tfDoc('ec2/ec2_eip.go'),
  },
  'aws:ec2/natGateway:NatGateway': {
    inputs: [f('allocationId'), f('subnetId'), f('connectivityType', { default: 'public' }), c('privateIp')],
    source: tfDoc('ec2/vpc_nat_gateway.go'),
  },
  'aws:ec2/launchTemplate:LaunchTemplate': {
    inputs: [c('name'), c('namePrefix')],
    source: `${tfDoc('ec2/ec2_launch_template.go')}: any other change makes a new version; design (a new version rolls the node group)`,
  },
  'aws:iam/role:Role': { inputs: [c('name'), c('namePrefix'), f('path', { default: '/' })], source: tfDoc('iam/role.go') },
  'aws:iam/rolePolicy:RolePolicy': { inputs: [c('name'), c('namePrefix'), f('role')], source: tfDoc('iam/role_policy.go') },
  'aws:iam/rolePolicyAttachment:RolePolicyAttachment': { inputs: [f('role'), f('policyArn')], source: `${tfDoc('iam/role_policy_attachment.go')}: no update at all` },
  'aws:kms/key:Key': {
    inputs: [f('customerMasterKeySpec', { default: 'SYMMETRIC_DEFAULT' }), f('keyUsage', { default: 'ENCRYPT_DECRYPT' }), c('multiRegion'), f('customKeyStoreId'), f('xksKeyId')],
    source: tfDoc('kms/key.go'),
  },
  'aws:kms/alias:Alias': { inputs: [c('name'), c('namePrefix')], source: `${tfDoc('kms/alias.go')}: targetKeyId is updated in place` },
  'aws:cloudwatch/logGroup:LogGroup': { inputs: [c('name'), c('namePrefix'), c('logGroupClass')], source: tfDoc('logs/group.go') },
  'aws:route53/zone:Zone': { inputs: [f('name'), f('delegationSetId')], source: tfDoc('route53/zone.go') },
  'aws:route53/record:Record': {
    inputs: [f('zoneId'), f('name')],
    source: `${tf('route53/record.go')}: type and setIdentifier are changed in one change batch, in place; design (name, zoneId)`,
  },
  'aws:route53/healthCheck:HealthCheck': {
    inputs: [f('type'), f('requestInterval'), f('measureLatency', { default: false }), f('referenceName'), f('routingControlArn')],
    source: tf('route53/health_check.go'),
  },
  'aws:acm/certificate:Certificate': {
    inputs: [c('domainName'), { path: 'subjectAlternativeNames', computed: true, unordered: true }, c('validationMethod'), c('keyAlgorithm'), f('certificateAuthorityArn'), f('validationOptions')],
    source: `${tf('acm/certificate.go')}; design (domainName)`,
  },
  'aws:acm/certificateValidation:CertificateValidation': {
    inputs: [f('certificateArn'), f('validationRecordFqdns', { unordered: true })],
    source: `${tfDoc('acm/certificate_validation.go')}: no update at all`,
  },
  'aws:acmpca/certificateAuthority:CertificateAuthority': {
    // usage_mode is optional and computed without ForceNew there (and not sent on update).
    inputs: [f('certificateAuthorityConfiguration'), c('keyStorageSecurityStandard'), f('type', { default: 'SUBORDINATE' })],
    source: tf('acmpca/certificate_authority.go'),
  },
  'aws:acmpca/certificate:Certificate': {
    inputs: [f('certificateAuthorityArn'), f('certificateSigningRequest'), f('signingAlgorithm'), f('validity'), f('templateArn'), f('apiPassthrough')],
    source: `${tfDoc('acmpca/certificate.go')}: no update at all`,
  },
  'aws:acmpca/certificateAuthorityCertificate:CertificateAuthorityCertificate': {
    inputs: [f('certificate'), f('certificateAuthorityArn'), f('certificateChain')],
    source: `${tf('acmpca/certificate_authority_certificate.go')}: no update at all`,
  },
  'aws:cloudfront/distribution:Distribution': { inputs: [], source: `${tfDoc('cloudfront/distribution.go')}: every input is updated in place` },
};

const META = [f('metadata.name'), f('metadata.namespace')];
const K8S_TABLE = 'k8s: pulumi-kubernetes forceNewProperties';

/** Kubernetes kinds (`group/version:Kind`, core as `core/v1`): replacing fields beyond metadata name and namespace. */
export const KUBERNETES_FORCE_NEW: Readonly<Record<string, ForceNewEntry>> = {
  'apps/v1:Deployment': { inputs: [f('spec.selector')], source: K8S_TABLE },
  'apps/v1:StatefulSet': {
    inputs: [f('spec.podManagementPolicy'), f('spec.revisionHistoryLimit'), f('spec.selector'), f('spec.serviceName'), f('spec.volumeClaimTemplates')],
    source: K8S_TABLE,
  },
  'apps/v1:DaemonSet': { inputs: [f('spec.selector')], source: 'k8s: the Kubernetes API refuses a changed DaemonSet selector (immutable in apps/v1)' },
  'apps/v1:ReplicaSet': { inputs: [f('spec.selector')], source: 'k8s: the Kubernetes API refuses a changed ReplicaSet selector (immutable in apps/v1)' },
  'core/v1:ConfigMap': { inputs: [f('data'), f('binaryData')], source: `${K8S_TABLE}; the provider's enableConfigMapMutable is off by default (@pulumi/kubernetes provider.d.ts); design` },
  'core/v1:Secret': { inputs: [f('type'), f('stringData'), f('data')], source: `${K8S_TABLE}; the provider's enableSecretMutable is off by default` },
  'core/v1:Service': {
    inputs: [f('spec.clusterIP'), f('spec.type')],
    source: `${K8S_TABLE}; clusterIP "may not be changed through updates" (@pulumi/kubernetes types/input.d.ts)`,
  },
  'core/v1:PersistentVolumeClaim': {
    inputs: [f('spec.accessModes'), f('spec.resources'), f('spec.selector'), f('spec.storageClassName'), f('spec.volumeName')],
    source: K8S_TABLE,
  },
  'core/v1:ResourceQuota': { inputs: [f('spec.scopes')], source: K8S_TABLE },
  'batch/v1:Job': { inputs: [f('spec.selector'), f('spec.template')], source: K8S_TABLE },
  'rbac.authorization.k8s.io/v1:RoleBinding': { inputs: [f('roleRef')], source: K8S_TABLE },
  'rbac.authorization.k8s.io/v1:ClusterRoleBinding': { inputs: [f('roleRef')], source: K8S_TABLE },
  'storage.k8s.io/v1:StorageClass': { inputs: [f('parameters'), f('provisioner')], source: K8S_TABLE },
  'networking.k8s.io/v1:IngressClass': { inputs: [f('spec.controller')], source: 'k8s: "This field is immutable" (@pulumi/kubernetes types/input.d.ts, IngressClassSpec.controller)' },
};

/** Kubernetes kinds whose every field can change in place (only their name and namespace replace them). */
export const KUBERNETES_IN_PLACE: readonly string[] = [
  'core/v1:Namespace', 'core/v1:ServiceAccount', 'core/v1:LimitRange', 'networking.k8s.io/v1:NetworkPolicy', 'networking.k8s.io/v1:Ingress',
  'policy/v1:PodDisruptionBudget', 'autoscaling/v2:HorizontalPodAutoscaler', 'rbac.authorization.k8s.io/v1:Role',
  'rbac.authorization.k8s.io/v1:ClusterRole', 'admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding',
  // A custom resource the binding registers itself (the fleet trust's issuer): only its name and namespace replace it.
  'awspca.cert-manager.io/v1beta1:AWSPCAClusterIssuer',
  // CronJob: not in the provider's table; its schedule, job template and policies are updated in place.
  'batch/v1:CronJob',
  // Custom resources fleetform writes (stores and secrets of the External Secrets Operator, the fleet trust's issuer and
  // bundle): their CRDs mark no field immutable, so only name and namespace replace them.
  'external-secrets.io/v1:ClusterSecretStore', 'external-secrets.io/v1:ExternalSecret',
  'cert-manager.io/v1:ClusterIssuer', 'trust.cert-manager.io/v1alpha1:Bundle',
];

const HELM_RELEASE: ForceNewEntry = { inputs: [f('name'), f('namespace')], source: 'k8s: pulumi-kubernetes helm_release.go (forceNewFields .name, .namespace)' };

/**
 * The replacing inputs of a resource type, or undefined when fleetform does
 * not know the type (its changes are then classed as updates, and `diffPlans`
 * lists the type as unknown). Providers are classed by their own rules.
 */
export function forceNewOf(type: string): ForceNewEntry | undefined {
  if (AWS_FORCE_NEW[type]) return AWS_FORCE_NEW[type];
  if (type === 'kubernetes:helm.sh/v3:Release') return HELM_RELEASE;
  const k8s = /^kubernetes:(.+)$/.exec(type)?.[1];
  if (k8s && !k8s.startsWith('yaml') && !k8s.startsWith('helm.sh')) {
    const entry = KUBERNETES_FORCE_NEW[k8s];
    if (entry) return { inputs: [...META, ...entry.inputs], source: `${K8S_TABLE} (metadata.name, metadata.namespace); ${entry.source}` };
    if (KUBERNETES_IN_PLACE.includes(k8s)) return { inputs: META, source: `${K8S_TABLE} (metadata.name, metadata.namespace)` };
  }
  return undefined;
}
