/**
 * AccessPolicy and Team: grants reach exactly the clusters their scope selects
 * (a cluster added later included), one grant per principal per cluster, the
 * RBAC and quotas they write, fleet.json's matrix, and the refusals.
 */
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { AccessPolicy, AccessPolicyProps, AccessRole, AppKind, EnvironmentFleet, Fleet, FleetApp, GdprZone, Placement, Team } from '../lib';
import { validateAgainstApi } from './helpers/kubernetes-api';
import { newFleet, problemsOf } from './helpers/fleets';

const ADMINS = 'arn:aws:iam::111122223333:role/platform-admins';
const AUDIT = 'arn:aws:iam::111122223333:role/auditors';
const DEVS = 'arn:aws:iam::111122223333:role/shop-developers';
const DEPLOY = AccessRole.custom('deployer', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'patch'] }]);

/** Production in two regions (one in the EU zone), staging in one, and an app everywhere. */
function fleetOf(): { fleet: Fleet; eu: GdprZone; production: EnvironmentFleet; api: FleetApp } {
  const fleet = newFleet();
  const eu = GdprZone.europeanUnion(fleet, 'eu');
  const production = new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1'], zones: [eu], access: { admins: [ADMINS] } });
  new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'] });
  const api = new FleetApp(fleet, 'api', { image: 'ghcr.io/acme/api:1.4.2', port: 8080, placement: Placement.all() });
  return { fleet, eu, production, api };
}

const grantsOf = (fleet: Fleet) => Object.fromEntries(fleet.resolve().clusters.map((c) => [c.id, c.grants.map((g) => ({ ...g, resourceName: undefined }))]));
const objectsOf = (fleet: Fleet, cluster: string, file: string) => parseAllDocuments(fleet.assemble().clusters.find((c) => c.clusterId === cluster)!.files.find((f) => f.name === file)!.content).map((d) => d.toJS());

describe('AccessPolicy', () => {
  it('grants its principals on exactly the clusters its scopes select, each scope narrowing the others', () => {
    const { fleet, eu } = fleetOf();
    new AccessPolicy(fleet, 'audit', { principals: [AUDIT], role: AccessRole.VIEW, zones: [eu] });
    new AccessPolicy(fleet, 'deploy', { principals: [DEVS], role: AccessRole.EDIT, environments: ['production'], regions: ['us-east-1'], namespaces: ['api'] });
    expect(grantsOf(fleet)).toEqual({
      'production-eu-west-1': [
        { principal: AUDIT, level: 'view', resourceName: undefined },
        { principal: ADMINS, level: 'cluster-admin', resourceName: undefined },
      ],
      'production-us-east-1': [
        { principal: ADMINS, level: 'cluster-admin', resourceName: undefined },
        { principal: DEVS, level: 'edit', namespaces: ['api'], resourceName: undefined },
      ],
      'staging-eu-west-3': [],
    });
  });

  it('reaches a cluster added later to its scope, and changes no other cluster\'s grants', () => {
    const before = fleetOf();
    new AccessPolicy(before.fleet, 'audit', { principals: [AUDIT], groups: ['auditors'], role: AccessRole.VIEW, environments: ['production'] });
    const after = fleetOf();
    new AccessPolicy(after.fleet, 'audit', { principals: [AUDIT], groups: ['auditors'], role: AccessRole.VIEW, environments: ['production'] });
    after.production.addCluster('ap-southeast-1');
    const [was, is] = [grantsOf(before.fleet), grantsOf(after.fleet)];
    expect(is['production-ap-southeast-1']).toEqual([
      { principal: AUDIT, level: 'view', resourceName: undefined },
      { principal: ADMINS, level: 'cluster-admin', resourceName: undefined },
    ]);
    for (const id of Object.keys(was)) expect(is[id]).toEqual(was[id]);
    const matrix = JSON.parse(after.fleet.assemble().topologyJson).accessPolicies.filter((r: { cluster: string }) => r.cluster === 'production-ap-southeast-1');
    expect(matrix).toEqual([
      { subject: AUDIT, kind: 'principal', cluster: 'production-ap-southeast-1', role: 'view', namespaces: null, via: ['acme/audit'] },
      { subject: ADMINS, kind: 'principal', cluster: 'production-ap-southeast-1', role: 'cluster-admin', namespaces: null, via: ['acme/production'] },
      { subject: 'auditors', kind: 'group', cluster: 'production-ap-southeast-1', role: 'view', namespaces: null, via: ['acme/audit'] },
    ]);
  });

  it('writes a custom role and binds it to its groups and, through the access entry\'s group, to its principals', () => {
    const { fleet } = fleetOf();
    new AccessPolicy(fleet, 'deploy', { principals: [DEVS], groups: ['ci'], role: DEPLOY, environments: ['staging'] });
    expect(grantsOf(fleet)['staging-eu-west-3']).toEqual([{ principal: DEVS, level: 'custom', kubernetesGroups: ['fleetform:deploy'], resourceName: undefined }]);
    const objects = objectsOf(fleet, 'staging-eu-west-3', '1000-access.k8s.yaml');
    expect(objects.map((o) => [o.kind, o.metadata.name])).toEqual([['ClusterRole', 'deployer'], ['ClusterRoleBinding', 'fleetform:deploy']]);
    expect(objects[1].roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'deployer' });
    expect(objects[1].subjects.map((s: { name: string }) => s.name)).toEqual(['ci', 'fleetform:deploy']);
    for (const o of objects) expect(validateAgainstApi(o)).toEqual([]);
    expect(fleet.assemble().clusters.find((c) => c.clusterId === 'production-us-east-1')!.files.map((f) => f.name)).not.toContain('1000-access.k8s.yaml');
  });

  it('binds a group scoped to namespaces with a RoleBinding inside the app\'s chart', () => {
    const { fleet } = fleetOf();
    new AccessPolicy(fleet, 'api-viewers', { groups: ['api-oncall'], role: AccessRole.VIEW, namespaces: ['api'] });
    const binding = objectsOf(fleet, 'staging-eu-west-3', '3000-app-api.k8s.yaml').find((o) => o.kind === 'RoleBinding');
    expect(binding).toMatchObject({ metadata: { name: 'fleetform:api-viewers', namespace: 'api' }, roleRef: { name: 'view' }, subjects: [{ kind: 'Group', name: 'api-oncall' }] });
    expect(validateAgainstApi(binding)).toEqual([]);
  });

  it('merges one principal\'s grants of one role, and refuses two roles on one cluster, naming both sources', () => {
    const { fleet } = fleetOf();
    new AccessPolicy(fleet, 'admins-too', { principals: [ADMINS], role: AccessRole.CLUSTER_ADMIN, environments: ['production'] });
    expect(grantsOf(fleet)['production-us-east-1']).toEqual([{ principal: ADMINS, level: 'cluster-admin', resourceName: undefined }]);
    new AccessPolicy(fleet, 'admins-view', { principals: [ADMINS], role: AccessRole.VIEW, regions: ['eu-west-1'] });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/admins-view', message: `principal ${ADMINS} is granted view on cluster "production-eu-west-1" here and cluster-admin by acme/production, acme/admins-too; fleetform gives a principal one role per cluster (one EKS access entry with one access policy), so give it one role there: the broader one, or scope one of the grants to other clusters` },
    ]);
  });

  it('refuses a role that does not exist, scopes the fleet does not have, bad principals and namespaces', () => {
    const { fleet } = fleetOf();
    new AccessPolicy(fleet, 'a', { principals: ['arn:aws:iam::111122223333:group/devs'], role: 'superuser' as unknown as AccessRole, environments: ['prod'] });
    new AccessPolicy(fleet, 'b', { groups: ['system:masters'], role: AccessRole.CLUSTER_ADMIN, namespaces: ['api'], zones: ['us'], clusters: ['production-eu-west-2'] });
    new AccessPolicy(fleet, 'c', { role: AccessRole.VIEW, regions: ['eu-north-1'] });
    new AccessPolicy(fleet, 'd', { groups: ['x'], role: AccessRole.custom('view', []), environments: ['staging'], regions: ['us-east-1'] });
    new AccessPolicy(fleet, 'e', { groups: ['x'], role: AccessRole.VIEW, namespaces: ['payments'] });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/a', message: 'role "superuser" does not exist; use one of AccessRole.CLUSTER_ADMIN, AccessRole.ADMIN, AccessRole.EDIT, AccessRole.VIEW, or AccessRole.custom("superuser", rules) for a role of your own' },
      { path: 'acme/a', message: 'principal "arn:aws:iam::111122223333:group/devs" is not an IAM role or user ARN such as arn:aws:iam::123456789012:role/platform-admins; EKS access entries take only those' },
      { path: 'acme/b', message: 'group "system:masters" is a group Kubernetes or EKS reserves; give a group of your identity provider, such as "platform-oncall"' },
      { path: 'acme/b', message: 'AccessRole.CLUSTER_ADMIN is cluster-wide and cannot be scoped to namespaces; use AccessRole.ADMIN for namespaces, or drop namespaces' },
      { path: 'acme/c', message: 'no principals and no groups are given, so the grant reaches no one; give IAM role or user ARNs in principals, or Kubernetes groups in groups' },
      { path: 'acme/d', message: 'role name "view" is a built-in role; use AccessRole.VIEW, or another name for your own' },
      { path: 'acme/d', message: 'role "view" has no rules; give at least one, such as { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list"] }' },
      { path: 'acme/a', message: 'the grant is scoped to environment "prod", which is not in the fleet; fix the name (the fleet has production, staging)' },
      { path: 'acme/b', message: 'the grant is scoped to zone "us", which is not in the fleet; fix the name (the fleet has eu)' },
      { path: 'acme/b', message: 'the grant is scoped to cluster "production-eu-west-2", which is not in the fleet; fix the name (the fleet has production-eu-west-1, production-us-east-1, staging-eu-west-3)' },
      { path: 'acme/c', message: 'the grant is scoped to region "eu-north-1", which has no cluster of the fleet; fix the name (the fleet has eu-west-1, eu-west-3, us-east-1)' },
      { path: 'acme/d', message: 'the grant\'s scopes together select no cluster (each scope given narrows the ones before it); widen a scope, or remove the policy' },
      { path: 'acme/e', message: 'namespace "payments" has no app on cluster "production-eu-west-1", so there is no namespace to bind x in; scope the grant to namespaces of apps that run there, or narrow its clusters' },
      { path: 'acme/e', message: 'namespace "payments" has no app on cluster "production-us-east-1", so there is no namespace to bind x in; scope the grant to namespaces of apps that run there, or narrow its clusters' },
      { path: 'acme/e', message: 'namespace "payments" has no app on cluster "staging-eu-west-3", so there is no namespace to bind x in; scope the grant to namespaces of apps that run there, or narrow its clusters' },
    ]);
  });

  it('for any fleet and any scopes, a cluster\'s grants are exactly the policies that select it, and adding a cluster changes no other\'s', () => {
    const envs = ['production', 'staging'] as const;
    const regions = ['us-east-1', 'eu-west-1', 'eu-west-3'] as const;
    const scope = fc.record({
      environments: fc.option(fc.subarray([...envs], { minLength: 1 }), { nil: undefined }),
      regions: fc.option(fc.subarray([...regions], { minLength: 1 }), { nil: undefined }),
    });
    const build = (layout: readonly { env: string; regions: string[] }[], scopes: readonly { environments?: string[]; regions?: string[] }[], extra?: { env: string; region: string }) => {
      const fleet = newFleet();
      const added = new Map<string, EnvironmentFleet>();
      for (const l of layout) added.set(l.env, new EnvironmentFleet(fleet, l.env, { regions: l.regions }));
      if (extra) {
        const env = added.get(extra.env) ?? new EnvironmentFleet(fleet, extra.env, { regions: [] });
        env.addCluster(extra.region, {}, 'extra');
      }
      new FleetApp(fleet, 'api', { image: 'ghcr.io/acme/api:1.4.2', port: 8080, placement: Placement.all() });
      scopes.forEach((s, i) => new AccessPolicy(fleet, `p${i}`, { principals: [`arn:aws:iam::111122223333:role/p${i}`], role: AccessRole.VIEW, ...s } as AccessPolicyProps));
      return fleet;
    };
    const layoutArb = fc.tuple(fc.subarray([...regions], { minLength: 1 }), fc.subarray([...regions], { minLength: 1 }))
      .map(([p, s]) => [{ env: 'production', regions: p }, { env: 'staging', regions: s }]);
    let compared = 0;
    fc.assert(fc.property(layoutArb, fc.array(scope, { maxLength: 4 }), fc.constantFrom(...envs), fc.constantFrom(...regions), (layout, scopes, env, region) => {
      const fleet = build(layout, scopes);
      const resolved = fleet.resolve();
      if (resolved.problems.length > 0) return; // a scope that selects nothing is refused: nothing to compare
      const grown = build(layout, scopes, { env, region }).resolve();
      for (const c of [...resolved.clusters, ...grown.clusters]) {
        const expected = scopes.flatMap((s, i) => ((s.environments ?? [c.environment]).includes(c.environment) && (s.regions ?? [c.region]).includes(c.region) ? [`arn:aws:iam::111122223333:role/p${i}`] : []));
        expect(c.grants.map((g) => g.principal).sort()).toEqual(expected.sort());
      }
      for (const c of resolved.clusters) expect(grown.clusters.find((g) => g.id === c.id)!.grants).toEqual(c.grants);
      compared++;
    }), { numRuns: 60 });
    expect(compared).toBeGreaterThan(15); // most generated fleets are valid, so the property is exercised
  });
});

describe('Team', () => {
  function teamFleet() {
    const { fleet, api } = fleetOf();
    new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, placement: Placement.environments('staging'), replicas: 3 });
    return { fleet, api };
  }

  it('grants its principals its role in its apps\' namespaces on exactly the clusters they run on, with a quota and defaults there', () => {
    const { fleet } = teamFleet();
    new Team(fleet, 'shop', { principals: [DEVS], groups: ['shop-devs'], apps: ['web'] });
    const grants = grantsOf(fleet);
    expect(grants['staging-eu-west-3']).toEqual([{ principal: DEVS, level: 'edit', namespaces: ['web'], resourceName: undefined }]);
    expect(grants['production-us-east-1'].map((g) => g.principal)).toEqual([ADMINS]);
    const objects = objectsOf(fleet, 'staging-eu-west-3', '3000-app-web.k8s.yaml');
    const [binding, quota, limits] = ['RoleBinding', 'ResourceQuota', 'LimitRange'].map((k) => objects.find((o) => o.kind === k));
    expect(binding).toMatchObject({ metadata: { name: 'fleetform:team:shop', namespace: 'web' }, roleRef: { name: 'edit' }, subjects: [{ name: 'shop-devs' }] });
    // 3 replicas plus a surge of 1, at the default 100m and 128Mi each.
    expect(quota.spec).toEqual({ hard: { 'requests.cpu': '400m', 'requests.memory': '512Mi' } });
    expect(limits.spec.limits[0]).toEqual({ type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' } });
    for (const o of [binding, quota, limits]) expect(validateAgainstApi(o)).toEqual([]);
    expect(objectsOf(fleet, 'staging-eu-west-3', '3000-app-api.k8s.yaml').some((o) => o.kind === 'ResourceQuota')).toBe(false);
  });

  it('sizes the default quota by kind: a StatefulSet without surge, a cron job\'s runs, twice when they may overlap', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'] });
    const placement = Placement.all();
    const image = 'ghcr.io/acme/x:1.0.0';
    const db = new FleetApp(fleet, 'db', { kind: AppKind.STATEFUL, image, port: 5432, placement, replicas: 3 });
    const nightly = new FleetApp(fleet, 'nightly', { kind: AppKind.CRON_JOB, image, placement, cronJob: { schedule: '0 3 * * *' }, job: { parallelism: 2 } });
    const hourly = new FleetApp(fleet, 'hourly', { kind: AppKind.CRON_JOB, image, placement, cronJob: { schedule: '@hourly', concurrencyPolicy: 'Allow' } });
    new Team(fleet, 'data', { groups: ['data'], apps: [db, nightly, hourly] });
    const quota = (app: string) => objectsOf(fleet, 'staging-eu-west-3', `3000-app-${app}.k8s.yaml`).find((o) => o.kind === 'ResourceQuota').spec.hard;
    expect(quota('db')).toEqual({ 'requests.cpu': '300m', 'requests.memory': '384Mi' });
    expect(quota('nightly')).toEqual({ 'requests.cpu': '200m', 'requests.memory': '256Mi' });
    expect(quota('hourly')).toEqual({ 'requests.cpu': '200m', 'requests.memory': '256Mi' });
  });

  it('refuses a quota its app does not fit in through a rollout, or that its cluster cannot hold', () => {
    const { fleet, api } = teamFleet();
    new Team(fleet, 'small', { groups: ['g'], apps: ['web'], quota: { cpu: '300m', memory: '1Gi' } });
    new Team(fleet, 'huge', { groups: ['h'], apps: [api], quota: { cpu: '500', memory: '1Ti' } });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/huge', message: 'the quota of namespace "api" on cluster "production-eu-west-1" (500 vCPU, 1024 GiB) is larger than the cluster\'s node pools can hold at their most (17.37 vCPU, 66.1 GiB); lower the quota, or raise a pool\'s maxSize' },
      { path: 'acme/huge', message: 'the quota of namespace "api" on cluster "production-us-east-1" (500 vCPU, 1024 GiB) is larger than the cluster\'s node pools can hold at their most (17.37 vCPU, 66.1 GiB); lower the quota, or raise a pool\'s maxSize' },
      { path: 'acme/huge', message: 'the quota of namespace "api" on cluster "staging-eu-west-3" (500 vCPU, 1024 GiB) is larger than the cluster\'s node pools can hold at their most (17.37 vCPU, 66.1 GiB); lower the quota, or raise a pool\'s maxSize' },
      { path: 'acme/small', message: 'the quota of namespace "web" on cluster "staging-eu-west-3" (0.3 vCPU, 1 GiB) is below what app web requests at its peak (most replicas, a rolling update\'s surge, pods still terminating) (0.4 vCPU, 0.5 GiB); a rollout or a scale-up would stall on it, so raise the quota or lower the app\'s replicas or requests' },
    ]);
  });

  it('refuses a cluster-wide role, unknown apps and an app owned twice', () => {
    const { fleet, api } = teamFleet();
    new Team(fleet, 'one', { groups: ['h'], apps: [api, 'search'] });
    new Team(fleet, 'two', { groups: ['r'], apps: [api], role: AccessRole.CLUSTER_ADMIN });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/two', message: 'role AccessRole.CLUSTER_ADMIN is cluster-wide, but a team\'s grant is scoped to its namespaces; use AccessRole.ADMIN, or grant cluster-admin with an AccessPolicy' },
      { path: 'acme/one', message: 'app "search" is not in the fleet (or runs on no cluster); fix the name (the fleet\'s apps: api, web)' },
      { path: 'acme/two', message: 'app "api" is also owned by acme/one; an app belongs to one team, so remove it from one of them' },
    ]);
  });
});
