/**
 * What the mocked cloud answers: the outputs of the resources fleetform reads
 * (an EKS cluster's endpoint, a launch template's version, an Ingress's load
 * balancer, a certificate's validation records, ...) and the data sources it
 * calls (availability zones, caller identity, ALB hosted zones, EKS add-on
 * versions, CloudFront policies). Every answer is a pure function of the
 * request, so two recordings of one program are identical; an output the
 * cloud changes on an update (a launch template's latest version) is a
 * function of the inputs that change it, so a plan diff sees its dependents change.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './values';

/** Canonical hosted zone of ALBs per region, as the mocked `aws.lb.getHostedZoneId` answers. */
export const ALB_ZONE_IDS: Readonly<Record<string, string>> = {
  'us-east-1': 'ZALBUSEAST1', 'eu-west-1': 'ZALBEUWEST1', 'eu-central-1': 'ZALBEUCENTRAL1', 'ap-southeast-1': 'ZALBAPSOUTHEAST1', 'eu-west-3': 'ZALBEUWEST3',
};

/** What the mocked `aws.eks.getAddonVersion` answers: EKS's default version of `addon` for `minor`. */
export function eksDefaultAddonVersion(addon: string, minor: string): string {
  return `v0.0.0-eksbuild.mock-default-of-${addon}-for-${minor}`;
}

/** The mocked id of the resource registered with logical name `name`. */
export function mockId(name: string): string {
  return `${name}-id`;
}

/** The mocked ARN of the resource registered with logical name `name`. */
export function mockArn(name: string): string {
  return `arn:aws:mock:::${name}`;
}

/** Resource types whose mocked `name` output is the logical name when no name is given (autonaming). */
export const AUTONAMED_TYPES: readonly string[] = ['aws:iam/role:Role'];

/** The identity `mockCloud` reports for the caller. */
export interface MockIdentity {
  /** The AWS account the program runs in. */
  readonly accountId: string;
  /** The IAM role `pulumi up` runs as; the caller is a session of it. */
  readonly deployerRoleArn: string;
}

/** The outputs of a newly registered resource: its inputs, an ARN, and what fleetform reads of the type. */
export function mockState(type: string, name: string, inputs: Record<string, any>): Record<string, unknown> {
  const state: Record<string, unknown> = { ...inputs, arn: mockArn(name) };
  switch (type) {
    case 'aws:eks/cluster:Cluster':
      Object.assign(state, { endpoint: `https://${inputs.name}.eks.example`, certificateAuthority: { data: 'Q0E=' } });
      // The security group EKS creates for the cluster, which managed node groups use.
      if (inputs.vpcConfig) state.vpcConfig = { ...inputs.vpcConfig, clusterSecurityGroupId: `sg-${inputs.name}-cluster` };
      break;
    case 'aws:ec2/launchTemplate:LaunchTemplate':
      state.latestVersion = launchTemplateVersion(inputs);
      break;
    case 'aws:iam/role:Role':
      // An autonamed role's name, as AWS would report it (without the random suffix).
      state.name = inputs.name ?? name;
      break;
    case 'kubernetes:networking.k8s.io/v1:Ingress':
      // What the AWS Load Balancer Controller writes once it has built the ALB.
      state.status = { loadBalancer: { ingress: [{ hostname: `k8s-${name.replace(/[^a-z0-9-]/g, '-')}.elb.amazonaws.com` }] } };
      break;
    case 'kubernetes:core/v1:Service':
      // What the AWS Load Balancer Controller writes once it has built a Service's NLB.
      if (inputs.spec?.type === 'LoadBalancer') state.status = { loadBalancer: { ingress: [{ hostname: `k8s-${name.replace(/[^a-z0-9-]/g, '-')}.elb.amazonaws.com` }] } };
      break;
    case 'aws:acm/certificate:Certificate':
      state.domainValidationOptions = [inputs.domainName, ...(inputs.subjectAlternativeNames ?? [])].map((domainName: string) => ({
        domainName, resourceRecordName: `_v.${domainName.replace(/^\*\./, '')}.`, resourceRecordType: 'CNAME', resourceRecordValue: '_t.acm-validations.aws.',
      }));
      break;
    case 'aws:route53/record:Record':
      state.fqdn = inputs.name;
      break;
    case 'aws:route53/zone:Zone':
      state.zoneId = `ZCREATED${String(inputs.name).length}`;
      break;
    case 'aws:acmpca/certificateAuthority:CertificateAuthority':
      state.certificateSigningRequest = MOCK_CA_CSR;
      break;
    case 'aws:acmpca/certificate:Certificate':
      Object.assign(state, { certificate: MOCK_CA_CERTIFICATE, certificateChain: '' });
      break;
    case 'aws:cloudfront/distribution:Distribution':
      Object.assign(state, { domainName: 'd111111abcdef8.cloudfront.net', hostedZoneId: 'ZCLOUDFRONTMOCK' });
      break;
    case 'aws:kms/key:Key':
      // What an alias targets.
      state.keyId = mockId(name);
      break;
  }
  return state;
}

/** Inputs of a launch template that change the template itself, not its content: they make no new version. */
const TEMPLATE_OWN_INPUTS = ['tags', 'name', 'namePrefix', 'description', 'defaultVersion', 'updateDefaultVersion'];

/**
 * A launch template's mocked latest version: 1 plus a number drawn from the
 * inputs that make a new version when they change (everything but the
 * template's own name, description, tags and default version).
 */
export function launchTemplateVersion(inputs: Record<string, unknown>): number {
  const content = Object.fromEntries(Object.entries(inputs).filter(([k]) => !TEMPLATE_OWN_INPUTS.includes(k)));
  return 1 + parseInt(createHash('sha256').update(canonicalJson(content)).digest('hex').slice(0, 8), 16) % 100000;
}

/** The certificate AWS Private CA answers under mocks, for a root CA created or read (public, as a real one is). */
export const MOCK_CA_CERTIFICATE = '-----BEGIN CERTIFICATE-----\nZmxlZXRmb3JtLW1vY2stcm9vdC1jYQ==\n-----END CERTIFICATE-----\n';

/** The CSR a new root CA answers under mocks. */
const MOCK_CA_CSR = '-----BEGIN CERTIFICATE REQUEST-----\nZmxlZXRmb3JtLW1vY2stY3Ny\n-----END CERTIFICATE REQUEST-----\n';

/**
 * What the mocks answer for any read of a secret's value (Secrets Manager's
 * `getSecretVersion`, SSM's `getParameter`): recognisable, so a test can assert
 * that it appears in no resource input and no manifest.
 */
export const MOCK_SECRET_VALUE = 'fleetform-mock-secret-value-5f0c9e';

/**
 * The answer to a data source call, or undefined for a call the mocks do not
 * know (its inputs are then echoed, as Pulumi's own mocks suggest).
 * @param region the region of the AWS provider the call goes through, when known
 */
export function mockCall(token: string, inputs: Record<string, any>, region: string | undefined, identity: MockIdentity): Record<string, unknown> | undefined {
  const partition = 'aws';
  const role = identity.deployerRoleArn.slice(identity.deployerRoleArn.lastIndexOf('/') + 1);
  switch (token) {
    case 'aws:lb/getHostedZoneId:getHostedZoneId':
      if (inputs.loadBalancerType === 'network') return { id: `ZNLB${String(inputs.region ?? region).toUpperCase().replace(/-/g, '')}`, region: inputs.region ?? region };
      return { id: ALB_ZONE_IDS[inputs.region ?? region] ?? 'ZUNKNOWN', region: inputs.region ?? region };
    case 'aws:cloudfront/getCachePolicy:getCachePolicy':
      return { id: `cache-policy-${inputs.name}` };
    case 'aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy':
      return { id: `origin-policy-${inputs.name}` };
    case 'aws:eks/getAddonVersion:getAddonVersion':
      // EKS's default version of an add-on for a Kubernetes minor, marked so tests can tell it from a pin.
      return { ...inputs, version: eksDefaultAddonVersion(inputs.addonName, inputs.kubernetesVersion) };
    case 'aws:index/getAvailabilityZones:getAvailabilityZones': {
      const r = region ?? 'mock-1';
      return { names: [`${r}c`, `${r}a`, `${r}b`], zoneIds: ['z1', 'z2', 'z3'], id: r };
    }
    case 'aws:index/getCallerIdentity:getCallerIdentity':
      return { accountId: identity.accountId, arn: `arn:${partition}:sts::${identity.accountId}:assumed-role/${role}/pulumi`, userId: `AROAMOCK:${role}`, id: identity.accountId };
    case 'aws:iam/getSessionContext:getSessionContext':
      return { arn: inputs.arn, issuerArn: identity.deployerRoleArn, issuerId: 'AROAMOCK', issuerName: role, sessionName: 'pulumi', id: inputs.arn };
    case 'aws:index/getPartition:getPartition':
      return { partition, dnsSuffix: 'amazonaws.com', reverseDnsPrefix: 'com.amazonaws', id: partition };
    case 'aws:secretsmanager/getSecretVersion:getSecretVersion':
      // fleetform never reads a secret; a test searching every input for this value catches one that does.
      return { ...inputs, secretString: MOCK_SECRET_VALUE, arn: `arn:${partition}:secretsmanager:${region}:${identity.accountId}:secret:${inputs.secretId}-AbCdEf`, id: inputs.secretId };
    case 'aws:ssm/getParameter:getParameter':
      return { ...inputs, value: MOCK_SECRET_VALUE, insecureValue: MOCK_SECRET_VALUE, type: 'SecureString', id: inputs.name };
    case 'aws:acmpca/getCertificateAuthority:getCertificateAuthority':
      return { ...inputs, certificate: MOCK_CA_CERTIFICATE, certificateChain: '', status: 'ACTIVE', type: 'ROOT', id: inputs.arn };
    case 'aws:ec2/getManagedPrefixList:getManagedPrefixList':
      // AWS-managed prefix lists have an id per region; the mock's says which list it is.
      return { ...inputs, id: `pl-mock-${String(inputs.name).replace(/^com\.amazonaws\./, '').replace(/[^a-z0-9]+/g, '-')}`, ownerId: 'AWS', addressFamily: 'IPv4' };
    case 'aws:index/getRegion:getRegion':
      return { name: region, region, id: region };
    default:
      return undefined;
  }
}
