/**
 * The example fleet of ACME Shop: production near customers in three regions,
 * staging and QA on cheaper infrastructure in one region near the team, a
 * sandbox canary that takes each new Kubernetes minor first (a version
 * channel, and a rollout plan whose waves follow it), a dedicated cluster for one customer inside the EU zone, three apps, and one
 * global host name: EU users answered from the EU zone, everyone else by
 * latency, /api/* and the storefront routed to the clusters that run them.
 * Argo CD delivers the manifests from Git, its RollingSync steps following the waves. The api app reads
 * its cluster's uploads from S3 through an IAM role EKS Pod Identity gives it on every cluster.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  AccessPolicy, AccessRole, AddressLock, ApiEndpoint, AppKind, AppProbe, ArgoCdDelivery, CapacityType, EnvironmentFleet, EnvironmentProfile, Fleet, FleetApp,
  GdprZone, GeoLocation, GlobalLoadBalancer, HostedZone, Placement, RegionalCluster, RolloutPlan, RoutingPolicy, SecretReference, Team, Tenancy, VersionChannel,
} from '../../lib';

/** Options for building the example, so tests can vary it. */
export interface AcmeFleetOptions {
  /** Address lock; defaults to the committed `fleetform.lock.json` beside this file. */
  readonly addressLock?: AddressLock;
  /** Extra production regions (tests add one to check that other clusters stay unchanged). */
  readonly extraProductionRegions?: readonly string[];
  /** Who can reach the clusters' APIs; the Pulumi program opens the public endpoint to its own range. */
  readonly apiEndpoint?: ApiEndpoint;
  /** The day EKS support is judged on; tests fix it, the example's own synth judges on today. */
  readonly supportDate?: string;
  /** AWS tags of every cloud resource (tests change them to show what a tag change does). */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The committed address lock of the example. */
export const ACME_LOCK_FILE = join(repoRoot(), 'examples', 'acme', 'fleetform.lock.json');

export function buildAcmeFleet(options: AcmeFleetOptions = {}): Fleet {
  const fleet = new Fleet('acme', {
    addressSpace: '10.64.0.0/10',
    kubernetesVersion: '1.36',
    addressLock: options.addressLock ?? AddressLock.file(ACME_LOCK_FILE),
    apiEndpoint: options.apiEndpoint,
    supportDate: options.supportDate,
    tags: options.tags,
  });

  // EU users' data is served and stored only by clusters in EU member states.
  const eu = GdprZone.europeanUnion(fleet, 'eu');

  const production = new EnvironmentFleet(fleet, 'production', {
    regions: ['us-east-1', 'eu-west-1', 'ap-southeast-1', ...(options.extraProductionRegions ?? [])],
    profile: EnvironmentProfile.production(),
    zones: [eu],
    access: {
      admins: ['arn:aws:iam::111122223333:role/platform-admins'],
      viewers: ['arn:aws:iam::111122223333:role/support'],
    },
  });
  const team = { admins: ['arn:aws:iam::111122223333:role/developers'] };
  const staging = new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'], profile: EnvironmentProfile.economy(), access: team });
  const qa = new EnvironmentFleet(fleet, 'qa', { regions: ['eu-west-3'], profile: EnvironmentProfile.economy(), access: team });
  // The canary takes each new Kubernetes minor first: the channel refuses staging, QA or production on a minor it has not run.
  const canary = new EnvironmentFleet(fleet, 'canary', { regions: ['eu-west-3'], profile: EnvironmentProfile.sandbox(), access: team });

  const api = new FleetApp(fleet, 'api', {
    image: 'ghcr.io/acme/api:1.4.2',
    port: 8080,
    placement: Placement.environments(production, 'staging', 'qa', 'canary'),
    autoscaling: { minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 65 },
    resources: { cpu: { request: '250m', limit: '1' }, memory: { request: '256Mi', limit: '512Mi' } },
    healthCheck: { path: '/healthz' },
    env: { LOG_LEVEL: 'info' },
    // One IAM role for the app on every cluster; each cluster's pods read only their own prefix of the bucket.
    awsPermissions: {
      statements: [{
        Sid: 'ReadOwnClusterUploads',
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: 'arn:aws:s3:::acme-api-uploads/${aws:PrincipalTag/eks-cluster-name}/*',
      }],
    },
  });
  // Economy clusters run a single fixed replica; Asia gets the next build first.
  api.addClusterOverride('staging-eu-west-3', { replicas: 1, env: { LOG_LEVEL: 'debug' } });
  api.addClusterOverride('qa-eu-west-3', { replicas: 1, env: { LOG_LEVEL: 'debug' } });
  api.addClusterOverride(canary.cluster('eu-west-3'), { replicas: 1, env: { LOG_LEVEL: 'debug' } });
  api.addClusterOverride(production.cluster('ap-southeast-1'), { image: 'ghcr.io/acme/api:1.5.0-rc.1' });

  const storefront = new FleetApp(fleet, 'storefront', {
    image: 'ghcr.io/acme/storefront:3.2.0',
    port: 3000,
    placement: Placement.environments(production, 'staging'),
    autoscaling: { minReplicas: 3, maxReplicas: 6 },
    healthCheck: { path: '/' },
  });

  // A customer that requires its own hardware, inside the EU zone, running the ledger whose data stays there.
  const customer = new RegionalCluster(fleet, 'customer-a', {
    region: 'eu-central-1',
    environment: 'customer',
    zone: eu,
    tenancy: Tenancy.DEDICATED,
    nodePools: [{ name: 'dedicated', instanceTypes: ['m6i.xlarge'], minSize: 3, maxSize: 4, capacityType: CapacityType.ON_DEMAND }],
  });
  new FleetApp(fleet, 'ledger', {
    image: 'ghcr.io/acme/ledger:2.0.1',
    port: 8080,
    placement: Placement.clusters(customer),
    residency: eu,
    replicas: 3,
    healthCheck: { path: '/healthz' },
    // Read from Secrets Manager in the cluster's own region (an EU one) by the External Secrets Operator; never in dist/.
    secretEnv: { DATABASE_PASSWORD: SecretReference.fromSecretsManager('acme/ledger/db', { key: 'password' }) },
  });

  // Who may do what, declared once for the fleet: a cluster added later to a scope gets its grants.
  new AccessPolicy(fleet, 'oncall', { groups: ['acme:oncall'], role: AccessRole.VIEW });
  new AccessPolicy(fleet, 'eu-auditors', { principals: ['arn:aws:iam::111122223333:role/eu-auditors'], groups: ['acme:eu-auditors'], role: AccessRole.VIEW, zones: [eu] });
  new AccessPolicy(fleet, 'release-managers', {
    groups: ['acme:release'],
    role: AccessRole.custom('fleet-release', [{ apiGroups: ['apps'], resources: ['deployments', 'deployments/scale'], verbs: ['get', 'list', 'watch', 'patch'] }]),
    environments: ['production'],
  });
  // The commerce team edits its apps' namespaces on exactly the clusters they run on, within a quota per namespace.
  new Team(fleet, 'commerce', { principals: ['arn:aws:iam::111122223333:role/shop-developers'], groups: ['acme:shop'], apps: [api, storefront] });
  // A queue consumer: no port and no Service; the kubelet asks the worker itself whether it is alive.
  new FleetApp(fleet, 'orders-worker', {
    kind: AppKind.WORKER,
    image: 'ghcr.io/acme/orders-worker:1.8.0',
    command: ['/app/worker'],
    args: ['--queue', 'orders'],
    placement: Placement.environments(production, 'staging'),
    replicas: 2,
    probes: { liveness: AppProbe.exec(['/app/worker', '--check'], { periodSeconds: 30 }) },
  });

  // The nightly sales report, once, from one cluster: 02:30 Paris time, never two runs at once.
  new FleetApp(fleet, 'nightly-report', {
    kind: AppKind.CRON_JOB,
    image: 'ghcr.io/acme/reports:0.9.3',
    placement: Placement.clusters(production.cluster('eu-west-1')),
    cronJob: { schedule: '30 2 * * *', timeZone: 'Europe/Paris' },
    job: { backoffLimit: 2, activeDeadlineSeconds: 3600 },
  });

  // The product search index, on volumes of its own in each production region, called by the storefront.
  new FleetApp(fleet, 'search', {
    kind: AppKind.STATEFUL,
    image: 'ghcr.io/acme/search:5.1.0',
    port: 9200,
    placement: Placement.environments(production),
    replicas: 3,
    volumes: [{ name: 'index', mountPath: '/var/lib/search', size: '50Gi' }],
    probes: { readiness: AppProbe.http('/_health', { periodSeconds: 5 }) },
    callers: [storefront],
  });

  // One host name for the shop: EU users from the EU zone (never elsewhere), everyone else by latency.
  new GlobalLoadBalancer(fleet, 'shop', {
    hostname: 'shop.acme.example',
    hostedZone: HostedZone.existing('Z04512345EXAMPLE', 'acme.example'),
    targets: production,
    routing: RoutingPolicy.geolocation([
      { location: GeoLocation.continent('EU'), zone: eu },
      { location: GeoLocation.default() },
    ]),
    routes: [
      { path: '/api/*', app: api },
      { path: '/*', app: storefront },
    ],
  });

  // A new minor goes canary → staging and QA → production (and the customer); a change goes out in the waves of the plan.
  const channel = new VersionChannel(fleet, 'kubernetes', {
    stages: [
      { name: 'canary', environments: [canary] },
      { name: 'pre-production', environments: [staging, qa] },
      { name: 'production', environments: [production], clusters: [customer] },
    ],
  });
  new RolloutPlan(fleet, 'rollout', { channel, bakeMinutes: 60 });

  // Argo CD (the managed capability of EKS) delivers dist/ from the fleet's repository, wave by wave: synth also
  // writes dist/argocd/ (a cluster Secret and an AppProject per cluster, an ApplicationSet per app and one for the platform).
  new ArgoCdDelivery(fleet, 'argocd', {
    repoUrl: 'https://github.com/acme/fleet-manifests.git',
    targetRevision: 'main',
    accountId: '111122223333',
  });

  return fleet;
}

/** The folder holding Pulumi.yaml, whether running from source or from build/. */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'Pulumi.yaml')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
export default buildAcmeFleet;
