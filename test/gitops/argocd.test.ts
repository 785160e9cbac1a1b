/**
 * Argo CD output: cluster Secrets (server = EKS cluster ARN, no credentials),
 * AppProjects, ApplicationSets whose RollingSync steps follow the rollout
 * plan's waves, validated against Argo CD's CRD schemas and Kubernetes'.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { AppProject, ApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { buildAcmeFleet } from '../../examples/acme/fleet';
import {
  AddressLock, ArgoCdDelivery, ArgoCdDeliveryProps, EnvironmentFleet, Fleet, FleetApp, Placement, RegionalCluster, RolloutPlan, waveLabelValue,
} from '../../lib';
import { synthSnapshot } from '../../lib/testing';
import { validateK8sObject } from '../helpers/k8s-schema';
import { newFleet, problemAt, problemsOf, readTree, tempDir, TEST_SUPPORT_DATE } from '../helpers/fleets';

const DELIVERY: ArgoCdDeliveryProps = { repoUrl: 'https://git.example.com/acme/fleet-manifests.git', accountId: '123456789012', targetRevision: 'main' };

/** Canary, staging and two production regions; `web` everywhere, `api` in production only; a plan, unless told otherwise. */
function smallFleet(options: { plan?: boolean; extraRegion?: string; delivery?: Partial<ArgoCdDeliveryProps> } = {}): Fleet {
  const fleet = newFleet();
  new EnvironmentFleet(fleet, 'canary', { regions: ['eu-west-3'] });
  new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'] });
  const production = new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1', ...(options.extraRegion ? [options.extraRegion] : [])] });
  new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, placement: Placement.all() });
  new FleetApp(fleet, 'api', { image: 'ghcr.io/acme/api:1.0.0', port: 8080, placement: Placement.environments(production) });
  if (options.plan !== false) new RolloutPlan(fleet, 'rollout');
  new ArgoCdDelivery(fleet, 'argocd', { ...DELIVERY, ...options.delivery });
  return fleet;
}

function objectsOf(files: Readonly<Record<string, string>>): Record<string, unknown>[] {
  return Object.values(files).flatMap((text) => parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>));
}

type Obj = Record<string, any>;

/**
 * Validates an Argo CD object against the schema of its CRD (throws on the first
 * mismatch). The models' types do not show `validate` under this project's
 * module resolution, though every model has it.
 */
function validateArgoCd(o: Obj): void {
  const model = o.kind === 'AppProject' ? new AppProject(o as never) : new ApplicationSet(o as never);
  (model as unknown as { validate(): void }).validate();
}

describe('Argo CD output', () => {
  it('is one file per cluster (Secret and AppProject), one per app and one for the platform', () => {
    const snap = synthSnapshot(smallFleet());
    expect(Object.keys(snap.argocd!)).toEqual([
      'app-api.yaml', 'app-web.yaml',
      'cluster-canary-eu-west-3.yaml', 'cluster-production-eu-west-1.yaml', 'cluster-production-us-east-1.yaml', 'cluster-staging-eu-west-3.yaml',
      'platform.yaml',
    ]);
    expect(snap.argocd).toMatchSnapshot();
  });

  it('is absent without an ArgoCdDelivery, and the clusters\' files are the same with or without one', () => {
    const without = newFleet();
    new EnvironmentFleet(without, 'canary', { regions: ['eu-west-3'] });
    new EnvironmentFleet(without, 'staging', { regions: ['eu-west-3'] });
    const production = new EnvironmentFleet(without, 'production', { regions: ['us-east-1', 'eu-west-1'] });
    new FleetApp(without, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, placement: Placement.all() });
    new FleetApp(without, 'api', { image: 'ghcr.io/acme/api:1.0.0', port: 8080, placement: Placement.environments(production) });
    new RolloutPlan(without, 'rollout');
    const a = synthSnapshot(without);
    const b = synthSnapshot(smallFleet());
    expect(a.argocd).toBeUndefined();
    expect(b.clusters).toEqual(a.clusters);
    expect(b.fleetJson).toEqual(a.fleetJson);
  });

  it('gives each cluster Secret the EKS cluster ARN as server, no credentials, and the fleet\'s labels', () => {
    const objects = objectsOf(synthSnapshot(smallFleet()).argocd!) as Obj[];
    const secrets = objects.filter((o) => o.kind === 'Secret');
    expect(secrets).toHaveLength(4);
    const euWest1 = secrets.find((s) => s.metadata.labels['fleetform.io/cluster'] === 'production-eu-west-1')!;
    expect(euWest1.stringData).toEqual({
      name: 'acme-production-eu-west-1', server: 'arn:aws:eks:eu-west-1:123456789012:cluster/acme-production-eu-west-1', project: 'acme-production-eu-west-1',
    });
    expect(euWest1.metadata.labels).toMatchObject({
      'argocd.argoproj.io/secret-type': 'cluster', 'fleetform.io/fleet': 'acme', 'fleetform.io/environment': 'production',
      'fleetform.io/region': 'eu-west-1', 'fleetform.io/wave': 'production-eu-west-1',
    });
    for (const s of secrets) {
      expect(Object.keys(s.stringData).sort()).toEqual(['name', 'project', 'server']);
      expect(s.data).toBeUndefined();
    }
  });

  it('gives each cluster an AppProject admitting only that cluster and the repository', () => {
    const objects = objectsOf(synthSnapshot(smallFleet()).argocd!) as Obj[];
    const projects = objects.filter((o) => o.kind === 'AppProject');
    expect(projects.map((p) => p.metadata.name).sort()).toEqual(['acme-canary-eu-west-3', 'acme-production-eu-west-1', 'acme-production-us-east-1', 'acme-staging-eu-west-3']);
    const p = projects.find((x) => x.metadata.name === 'acme-canary-eu-west-3')!;
    expect(p.spec.sourceRepos).toEqual([DELIVERY.repoUrl]);
    expect(p.spec.destinations).toEqual([{ server: 'arn:aws:eks:eu-west-3:123456789012:cluster/acme-canary-eu-west-3', namespace: '*' }]);
  });

  it('has RollingSync steps that follow the rollout plan\'s waves, only those where the app runs', () => {
    const fleet = smallFleet();
    const waves = fleet.assemble().topology.waves.map((w) => w.name);
    expect(waves).toEqual(['canary', 'pre-production', 'production-eu-west-1', 'production-us-east-1']);
    const objects = objectsOf(synthSnapshot(fleet).argocd!) as Obj[];
    const stepsOf = (name: string) => objects.find((o) => o.kind === 'ApplicationSet' && o.metadata.name === name)!
      .spec.strategy.rollingSync.steps.map((s: Obj) => s.matchExpressions[0].values[0]);
    expect(stepsOf('acme-platform')).toEqual(waves);
    expect(stepsOf('acme-app-web')).toEqual(waves);
    expect(stepsOf('acme-app-api')).toEqual(['production-eu-west-1', 'production-us-east-1']);
    for (const set of objects.filter((o) => o.kind === 'ApplicationSet')) {
      expect(set.spec.strategy.type).toBe('RollingSync');
      expect(set.spec.template.metadata.labels['fleetform.io/wave']).toBe('{{index .metadata.labels "fleetform.io/wave"}}');
      expect(set.spec.template.spec.syncPolicy.automated).toBeUndefined();
    }
  });

  it('selects exactly the clusters an app is placed on, and reads only its own file from each cluster\'s folder', () => {
    const fleet = smallFleet();
    const assembly = fleet.assemble();
    const objects = objectsOf(synthSnapshot(fleet).argocd!) as Obj[];
    const secrets = objects.filter((o) => o.kind === 'Secret');
    for (const app of assembly.fleet.apps) {
      const set = objects.find((o) => o.kind === 'ApplicationSet' && o.metadata.name === `acme-app-${app.name}`)!;
      const selector = set.spec.generators[0].clusters.selector;
      const selected = secrets.filter((s) => Object.entries(selector.matchLabels as Record<string, string>).every(([k, v]) => s.metadata.labels[k] === v)
        && (selector.matchExpressions as Obj[]).every((e) => e.operator === 'In' && e.values.includes(s.metadata.labels[e.key])));
      expect(selected.map((s) => s.metadata.labels['fleetform.io/cluster']).sort()).toEqual(app.placements.map((p) => p.clusterId));
      const include = set.spec.template.spec.source.directory.include as string;
      for (const c of assembly.clusters) {
        const names = c.files.map((f) => f.name);
        expect(names.filter((n) => n === include)).toEqual(app.placements.some((p) => p.clusterId === c.clusterId) ? [include] : []);
      }
      expect(set.spec.template.spec.source.path).toBe('dist/{{index .metadata.labels "fleetform.io/cluster"}}');
    }
    const platform = objects.find((o) => o.metadata.name === 'acme-platform')!;
    expect(platform.spec.template.spec.source.directory).toEqual({ exclude: '3000-*' });
    for (const c of assembly.clusters) {
      expect(c.files.filter((f) => f.name.startsWith('3000-')).every((f) => f.phase === 'apps')).toBe(true);
      expect(c.files.filter((f) => f.phase === 'apps').every((f) => f.name.startsWith('3000-'))).toBe(true);
    }
  });

  it('without a rollout plan has no strategy and syncs automatically', () => {
    const objects = objectsOf(synthSnapshot(smallFleet({ plan: false })).argocd!) as Obj[];
    for (const set of objects.filter((o) => o.kind === 'ApplicationSet')) {
      expect(set.spec.strategy).toBeUndefined();
      expect(set.spec.template.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
      expect(set.spec.template.metadata.labels['fleetform.io/wave']).toBeUndefined();
    }
    for (const s of objects.filter((o) => o.kind === 'Secret')) expect(s.metadata.labels['fleetform.io/wave']).toBeUndefined();
  });

  it('validates against Argo CD\'s CRD schemas (ApplicationSet, AppProject) and Kubernetes\' (Secret)', () => {
    const objects = objectsOf(synthSnapshot(smallFleet()).argocd!) as Obj[];
    expect(objects.map((o) => o.kind).sort()).toEqual([...Array(2).fill('ApplicationSet'), ...Array(4).fill('AppProject'), 'ApplicationSet', ...Array(4).fill('Secret')].sort());
    for (const o of objects) {
      if (o.kind === 'Secret') expect(validateK8sObject(o)).toEqual([]);
      else expect(() => validateArgoCd(o)).not.toThrow();
    }
  });

  it('the schema knows ApplicationSet spec.strategy.rollingSync: a malformed step is refused', () => {
    const set = (objectsOf(synthSnapshot(smallFleet()).argocd!) as Obj[]).find((o) => o.kind === 'ApplicationSet')!;
    set.spec.strategy.rollingSync.steps = [{ matchExpressions: 'canary' }];
    expect(() => validateArgoCd(set)).toThrow(/matchExpressions/);
  });

  it('adding a cluster changes no other cluster\'s Secret or AppProject', () => {
    const before = synthSnapshot(smallFleet()).argocd!;
    const after = synthSnapshot(smallFleet({ extraRegion: 'ap-southeast-1' })).argocd!;
    expect(Object.keys(after).filter((f) => !(f in before))).toEqual(['cluster-production-ap-southeast-1.yaml']);
    for (const f of Object.keys(before).filter((n) => n.startsWith('cluster-'))) expect(after[f]).toBe(before[f]);
  });

  it('is the same on every synth', () => {
    expect(synthSnapshot(smallFleet()).argocd).toEqual(synthSnapshot(smallFleet()).argocd);
  });

  it('is written to <outdir>/argocd/ through the output record', () => {
    const dir = tempDir();
    smallFleet().synth({ outdir: dir, log: () => undefined });
    const tree = readTree(dir);
    expect(Object.keys(tree).filter((p) => p.startsWith('argocd/'))).toHaveLength(7);
    const record = JSON.parse(tree['.fleetform-output.json']) as { files: Record<string, string> | { path: string }[] };
    expect(JSON.stringify(record)).toContain('argocd/platform.yaml');
  });

  it('takes the repository path and namespace given', () => {
    const objects = objectsOf(synthSnapshot(smallFleet({ delivery: { path: 'deploy/fleet/', namespace: 'gitops' } })).argocd!) as Obj[];
    expect(objects.every((o) => o.metadata.namespace === 'gitops')).toBe(true);
    const set = objects.find((o) => o.metadata.name === 'acme-platform')!;
    expect(set.spec.template.spec.source.path).toBe('deploy/fleet/{{index .metadata.labels "fleetform.io/cluster"}}');
    expect(objects.find((o) => o.kind === 'Secret')!.stringData.server).toMatch(/^arn:aws:eks:/);
  });
});

describe('wave label values', () => {
  it('keep a wave name that is a label value, turn + into _, and cut long ones with a hash', () => {
    expect(waveLabelValue('production-eu-west-1')).toBe('production-eu-west-1');
    expect(waveLabelValue('production-eu-west-1+us-east-1')).toBe('production-eu-west-1_us-east-1');
    const long = `production-${['ap-southeast-1', 'eu-west-1', 'us-east-1', 'us-west-2', 'sa-east-1'].join('+')}`;
    const v = waveLabelValue(long);
    expect(v.length).toBeLessThanOrEqual(63);
    expect(v).not.toBe(waveLabelValue(`${long}x`));
  });
});

describe('Argo CD delivery refusals', () => {
  const refused = (props: Partial<ArgoCdDeliveryProps>) => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'solo', { region: 'eu-west-1' });
    new ArgoCdDelivery(fleet, 'argocd', { ...DELIVERY, ...props } as ArgoCdDeliveryProps);
    return problemsOf(fleet);
  };

  it('refuses a bad account id, a bad repository URL, one with credentials, a bad path and namespace, all together', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'solo', { region: 'eu-west-1' });
    new ArgoCdDelivery(fleet, 'argocd', { repoUrl: 'not a url', accountId: '1234', path: '../up', namespace: 'Argo_CD', targetRevision: ' ' });
    expect(problemsOf(fleet)).toEqual([
      problemAt('acme/argocd', 'repoUrl "not a url" is not a Git repository URL'),
      problemAt('acme/argocd', 'accountId "1234" is not an AWS account id; give the 12 digits'),
      problemAt('acme/argocd', 'targetRevision is empty'),
      problemAt('acme/argocd', 'path "../up" is not a folder of the repository'),
      problemAt('acme/argocd', 'namespace "Argo_CD" is not a DNS-1123 label'),
    ]);
  });

  it('refuses credentials in the repository URL without repeating them', () => {
    const problems = refused({ repoUrl: 'https://bot:s3cret@git.example.com/acme/fleet.git' });
    expect(problems).toEqual([problemAt('acme/argocd', 'repoUrl "https://***@git.example.com/acme/fleet.git" holds credentials')]);
    expect(JSON.stringify(problems)).not.toContain('s3cret');
  });

  it('takes ssh and scp-like URLs', () => {
    for (const repoUrl of ['ssh://git@git.example.com/acme/fleet.git', 'git@github.com:acme/fleet.git']) {
      const fleet = newFleet();
      new RegionalCluster(fleet, 'solo', { region: 'eu-west-1' });
      new ArgoCdDelivery(fleet, 'argocd', { ...DELIVERY, repoUrl });
      expect(() => fleet.assemble()).not.toThrow();
    }
  });

  it('refuses missing props of JavaScript callers, a second delivery, and a cluster named like the output folder', () => {
    const fleet = new Fleet('acme', { supportDate: TEST_SUPPORT_DATE });
    new RegionalCluster(fleet, 'argocd', { region: 'eu-west-1' });
    new ArgoCdDelivery(fleet, 'gitops', {} as ArgoCdDeliveryProps);
    new ArgoCdDelivery(fleet, 'again', DELIVERY);
    const problems = problemsOf(fleet);
    expect(problems).toEqual(expect.arrayContaining([
      problemAt('acme/argocd', 'cluster id "argocd" names a folder of the output'),
      problemAt('acme/gitops', 'repoUrl'),
      problemAt('acme/gitops', 'accountId'),
      problemAt('acme/gitops', 'the fleet already has the Argo CD delivery acme/again'),
    ]));
  });
});

describe('the acme example\'s Argo CD output', () => {
  const fleet = buildAcmeFleet({ addressLock: AddressLock.none(), supportDate: TEST_SUPPORT_DATE });
  const snap = synthSnapshot(fleet);

  it('is this', () => {
    expect(snap.argocd).toMatchSnapshot();
  });

  it('shows each cluster\'s profile, version, channel stage and wave, and validates', () => {
    const objects = objectsOf(snap.argocd!) as Obj[];
    const customer = objects.find((o) => o.kind === 'Secret' && o.metadata.labels['fleetform.io/cluster'] === 'customer-a')!;
    expect(customer.metadata.labels).toMatchObject({
      'fleetform.io/kubernetes-version': '1.36', 'fleetform.io/channel': 'kubernetes', 'fleetform.io/channel-stage': 'production',
      'fleetform.io/wave': 'production-eu-central-1', 'fleetform.io/zone-eu': 'member',
    });
    expect(objects.find((o) => o.kind === 'Secret' && o.metadata.labels['fleetform.io/cluster'] === 'staging-eu-west-3')!.metadata.labels['fleetform.io/profile']).toBe('economy');
    const ledger = objects.find((o) => o.metadata.name === 'acme-app-ledger')!;
    expect(ledger.spec.strategy.rollingSync.steps).toEqual([{ matchExpressions: [{ key: 'fleetform.io/wave', operator: 'In', values: ['production-eu-central-1'] }] }]);
    for (const o of objects) {
      if (o.kind === 'Secret') expect(validateK8sObject(o)).toEqual([]);
      else expect(() => validateArgoCd(o)).not.toThrow();
    }
  });
});
