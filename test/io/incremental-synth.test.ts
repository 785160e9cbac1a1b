/**
 * A synth onto an output folder keeps the files whose inputs did not change
 * without rendering them; the folder must come out byte-identical to a synth
 * into an empty one, and any doubt about a kept file renders it again. A diff
 * against that folder renders only what a synth would, and finds the same changes.
 */
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FleetApp, FleetValidationError, Placement, RECORD_FILE, RegionalCluster } from '../../lib';
import { diffRecordedOutput } from '../../lib/cli/commands/diff';
import { diffOutput, formatOutputDiff } from '../../lib/cli/format/output-diff';
import { styleFor } from '../../lib/cli/style';
import { compareOutput, readRecordedOutput } from '../../lib/io/output-read';
import { contentHash } from '../../lib/io/output-record';
import { outputSources } from '../../lib/synth/assembly';
import { rendererId } from '../../lib/synth/input-digest';
import { FLEETFORM_VERSION } from '../../lib/version';
import { newFleet, readTree, tempDir, thrownBy } from '../helpers/fleets';

interface AppShape {
  readonly image: number;
  readonly replicas: number;
  /** A cluster where the app runs another replica count: its chart is made from a template of its own. */
  readonly override?: { readonly cluster: string; readonly replicas: number };
}

interface FleetShape {
  readonly clusters: readonly { readonly id: string; readonly region: string; readonly tier: string; readonly version?: string }[];
  readonly apps: readonly AppShape[];
  readonly kubernetesVersion: string;
}

const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-1'];

function fleetOf(shape: FleetShape) {
  // Judged on a day both minors were in standard support, which the upgrade policy STANDARD needs.
  const fleet = newFleet({ kubernetesVersion: shape.kubernetesVersion, supportDate: '2026-07-01' });
  for (const c of shape.clusters) new RegionalCluster(fleet, c.id, { region: c.region, labels: { tier: c.tier }, ...(c.version ? { kubernetesVersion: c.version } : {}) });
  shape.apps.forEach((a, i) => {
    const app = new FleetApp(fleet, `app${i}`, { image: `ghcr.io/acme/app${i}:1.${a.image}.0`, port: 8080, replicas: a.replicas, placement: Placement.all() });
    if (a.override && shape.clusters.some((c) => c.id === a.override!.cluster)) app.addClusterOverride(a.override.cluster, { replicas: a.override.replicas });
  });
  return fleet;
}

const synth = (shape: FleetShape, outdir: string) => fleetOf(shape).synth({ outdir, log: () => {} });

const CLUSTER_IDS = ['c0', 'c1', 'c2', 'c3', '1234'];
const appShape: fc.Arbitrary<AppShape> = fc.record({
  image: fc.integer({ min: 0, max: 3 }),
  replicas: fc.integer({ min: 1, max: 4 }),
  override: fc.option(fc.record({ cluster: fc.constantFrom(...CLUSTER_IDS), replicas: fc.integer({ min: 1, max: 4 }) }), { nil: undefined }),
}, { requiredKeys: ['image', 'replicas'] });
const fleetShape: fc.Arbitrary<FleetShape> = fc.record({
  clusters: fc.uniqueArray(fc.record({
    id: fc.constantFrom(...CLUSTER_IDS),
    region: fc.constantFrom(...REGIONS),
    tier: fc.constantFrom('edge', 'core'),
    version: fc.option(fc.constantFrom('1.33', '1.34'), { nil: undefined }),
  }, { requiredKeys: ['id', 'region', 'tier'] }), { minLength: 1, maxLength: 4, selector: (c) => c.id }),
  apps: fc.array(appShape, { minLength: 1, maxLength: 3 }),
  kubernetesVersion: fc.constantFrom('1.33', '1.34'),
});

/** One edit a user makes between two synths: one app, one cluster, or the fleet's own settings. */
const editOf = (shape: FleetShape): fc.Arbitrary<FleetShape> => fc.oneof(
  fc.record({ i: fc.nat(), app: appShape }).map(({ i, app }) => ({ ...shape, apps: shape.apps.map((a, j) => (j === i % shape.apps.length ? app : a)) })),
  fc.record({ i: fc.nat(), tier: fc.constantFrom('edge', 'core', 'batch') })
    .map(({ i, tier }) => ({ ...shape, clusters: shape.clusters.map((c, j) => (j === i % shape.clusters.length ? { ...c, tier } : c)) })),
  fc.record({ i: fc.nat(), version: fc.option(fc.constantFrom('1.33', '1.34'), { nil: undefined }) })
    .map(({ i, version }) => ({ ...shape, clusters: shape.clusters.map((c, j) => (j === i % shape.clusters.length ? { id: c.id, region: c.region, tier: c.tier, ...(version ? { version } : {}) } : c)) })),
  fc.constant({ ...shape, clusters: shape.clusters.slice(1).length > 0 ? shape.clusters.slice(1) : shape.clusters }),
  fc.constant({ ...shape, apps: [...shape.apps, { image: 0, replicas: 1 }] }),
  fc.constant({ ...shape, kubernetesVersion: shape.kubernetesVersion === '1.33' ? '1.34' : '1.33' }),
  fc.constant(shape),
);

const withEdit = fleetShape.chain((before) => editOf(before).map((after) => ({ before, after })));

/** Replaces a file's content and records it as what fleetform wrote: only rendering the file again can undo it. */
function plantStaleFile(outdir: string, path: string, change: (record: Record<string, unknown>) => void = () => {}): void {
  const stale = 'kind: Stale\n';
  writeFileSync(join(outdir, path), stale);
  const record = JSON.parse(readFileSync(join(outdir, RECORD_FILE), 'utf8')) as { files: Record<string, string> } & Record<string, unknown>;
  record.files[path] = contentHash(stale);
  change(record);
  writeFileSync(join(outdir, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

const base: FleetShape = {
  clusters: [{ id: 'c0', region: 'eu-west-1', tier: 'edge' }, { id: 'c1', region: 'us-east-1', tier: 'core' }],
  apps: [{ image: 0, replicas: 2 }, { image: 1, replicas: 3 }],
  kubernetesVersion: '1.34',
};
const APP_FILE = 'c0/3000-app-app0.k8s.yaml';

describe('incremental synth', () => {
  it('onto the previous output gives a folder byte-identical to a synth into an empty folder', () => {
    fc.assert(fc.property(withEdit, ({ before, after }) => {
      const kept = tempDir();
      synth(before, kept);
      const report = synth(after, kept).report;
      const fresh = tempDir();
      synth(after, fresh);
      expect(readTree(kept)).toEqual(readTree(fresh));
      if (after === before) expect(report.written).toEqual([]);
    }), { numRuns: 25 });
  });

  it('keeps files whose inputs did not change without rendering them, and rewrites only the changed app', () => {
    const outdir = tempDir();
    synth(base, outdir);
    const record = JSON.parse(readFileSync(join(outdir, RECORD_FILE), 'utf8')) as { renderer: string; inputs: Record<string, string> };
    expect(record.renderer).toMatch(new RegExp(`^fleetform ${FLEETFORM_VERSION.replace(/\./g, '\\.')} render \\d+; cdk8s `));
    expect(Object.keys(record.inputs)).toContain(APP_FILE);
    // A stale file recorded as fleetform's own and made from the same inputs is what the cache trusts:
    // it stays, which shows the file was not rendered again.
    plantStaleFile(outdir, APP_FILE);
    expect(synth(base, outdir).report.written).toEqual([]);
    expect(readTree(outdir)[APP_FILE]).toBe('kind: Stale\n');
    const changed = synth({ ...base, apps: [{ image: 2, replicas: 2 }, base.apps[1]] }, outdir);
    expect(changed.report.written).toEqual(['c0/3000-app-app0.k8s.yaml', 'c1/3000-app-app0.k8s.yaml', 'fleet.json']);
    expect(changed.clusters[0].files.find((f) => f.name === '3000-app-app0.k8s.yaml')!.objects.length).toBeGreaterThan(3);
  });

  it('renders a file again when the record was written by another renderer (another fleetform version)', () => {
    const outdir = tempDir();
    synth(base, outdir);
    const fresh = readTree(outdir);
    plantStaleFile(outdir, APP_FILE, (r) => { r.renderer = 'fleetform 0.0.9 render 1; cdk8s 2.0.0'; });
    expect(synth(base, outdir).report.written).toEqual([APP_FILE]);
    expect(readTree(outdir)).toEqual(fresh);
  });

  it('renders every file again when the cache in the record is missing or damaged, and keeps owning the folder', () => {
    for (const damage of [
      (r: Record<string, unknown>) => { delete r.inputs; delete r.renderer; },
      (r: Record<string, unknown>) => { r.inputs = 'not an object'; },
      (r: Record<string, unknown>) => { (r.inputs as Record<string, string>)[APP_FILE] = 'not a digest'; },
    ]) {
      const outdir = tempDir();
      synth(base, outdir);
      const fresh = readTree(outdir);
      plantStaleFile(outdir, APP_FILE, damage);
      expect(synth(base, outdir).report.written).toEqual([APP_FILE]);
      expect(readTree(outdir)).toEqual(fresh);
    }
  });

  it('renders a file again when its inputs changed: a fleet setting all its charts depend on', () => {
    const outdir = tempDir();
    synth(base, outdir);
    plantStaleFile(outdir, APP_FILE);
    synth({ ...base, kubernetesVersion: '1.33' }, outdir);
    const fresh = tempDir();
    synth({ ...base, kubernetesVersion: '1.33' }, fresh);
    expect(readTree(outdir)).toEqual(readTree(fresh));
  });

  it('renders a file edited by hand, finds the edit and refuses it as before', () => {
    const outdir = tempDir();
    synth(base, outdir);
    writeFileSync(join(outdir, APP_FILE), 'kind: Mine\n');
    const error = thrownBy(FleetValidationError, () => synth({ ...base, apps: [{ image: 3, replicas: 2 }, base.apps[1]] }, outdir));
    expect(error.message).toMatch(/3000-app-app0\.k8s\.yaml was changed after fleetform wrote it/);
    expect(readTree(outdir)[APP_FILE]).toBe('kind: Mine\n');
  });

  it('counts objects the same whether files were rendered or kept', () => {
    const outdir = tempDir();
    const first = synth(base, outdir);
    const again = synth(base, outdir);
    const count = (r: typeof first) => r.clusters.flatMap((c) => c.files.map((f) => [f.objectCount, f.objects.length]));
    expect(count(again)).toEqual(count(first));
    for (const [counted, parsed] of count(again)) expect(counted).toBe(parsed);
  });

  it('names the version of package.json', () => {
    expect(FLEETFORM_VERSION).toBe((JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version);
  });
});

/**
 * What `fleetform diff` prints for a fleet against a folder, rendering only the files whose inputs
 * changed and diffing one cluster's folder at a time; and how many it rendered. The same
 * comparison made of the whole output at once must print the same.
 */
function diffAgainst(shape: FleetShape, outdir: string): { text: string; rendered: number } {
  const plan = () => ({ renderer: rendererId(), files: outputSources(fleetOf(shape).assemble({ renderOnDemand: true })) });
  const recorded = readRecordedOutput(outdir, fleetOf(shape).fleetName);
  const { diff, rendered } = diffRecordedOutput(recorded, plan());
  const text = formatOutputDiff(diff, 'dist', NO_COLOUR);
  const whole = compareOutput(recorded, plan());
  expect(formatOutputDiff(diffOutput(whole.before, whole.after, whole.same), 'dist', NO_COLOUR)).toBe(text);
  expect(whole.rendered).toBe(rendered);
  return { text, rendered };
}

/** The same diff the plain way: every recorded file read, every file rendered, all of them compared. */
function fullDiff(shape: FleetShape, outdir: string): string {
  const recorded = readRecordedOutput(outdir, fleetOf(shape).fleetName);
  const before = new Map(recorded.paths.map((path) => [path, readFileSync(join(outdir, path), 'utf8')]));
  const after = new Map([...outputSources(fleetOf(shape).assemble())].map(([path, file]) => [path, file.render()]));
  return formatOutputDiff(diffOutput(before, after), 'dist', NO_COLOUR);
}

const NO_COLOUR = styleFor(process.stdout, { NO_COLOR: '1' });

describe('incremental diff', () => {
  it('finds the same changes as a diff that renders every file', () => {
    fc.assert(fc.property(withEdit, fc.option(fc.nat()), ({ before, after }, handEdit) => {
      const outdir = tempDir();
      synth(before, outdir);
      if (handEdit !== null) {
        // A file edited by hand after the synth: the diff must see it whatever the record says.
        const files = readRecordedOutput(outdir, fleetOf(before).fleetName).paths;
        const file = join(outdir, files[handEdit % files.length]);
        writeFileSync(file, readFileSync(file, 'utf8').replace(/\n$/, '\nextra: edited\n'));
      }
      const incremental = diffAgainst(after, outdir);
      expect(incremental.text).toBe(fullDiff(after, outdir));
      if (after === before && handEdit === null) expect(incremental.text).toBe('dist: no change; a synth would write nothing new\n');
    }), { numRuns: 25 });
  });

  it('reads back the same recorded files and record whether or not a synth would refuse the folder', () => {
    const outdir = tempDir();
    synth(base, outdir);
    const clean = readRecordedOutput(outdir, 'acme');
    expect(clean.refusals).toEqual([]);
    expect(clean.paths).toEqual(Object.keys(readTree(outdir)).filter((p) => p !== RECORD_FILE).sort());
    writeFileSync(join(outdir, 'c0', 'mine.yaml'), 'kind: Mine\n');
    const refused = readRecordedOutput(outdir, 'acme');
    expect(refused.refusals).toEqual([expect.stringMatching(/mine\.yaml was not written by fleetform/)]);
    expect(refused.paths).toEqual(clean.paths);
    expect(refused.recordText).toBe(clean.recordText);
    expect(refused.record).toEqual(clean.record);
    expect(readRecordedOutput(join(outdir, 'missing'), 'acme')).toEqual({ outdir: join(outdir, 'missing'), paths: [], refusals: [] });
  });

  it('renders only the files whose inputs changed, and every file that was edited by hand', () => {
    const outdir = tempDir();
    synth(base, outdir);
    expect(diffAgainst(base, outdir).rendered).toBe(1); // fleet.json has no input digest: always made
    const changed = diffAgainst({ ...base, apps: [{ image: 2, replicas: 2 }, base.apps[1]] }, outdir);
    expect(changed.rendered).toBe(3);
    expect(changed.text).toMatch(/^dist: 0 added, 0 removed, 3 changed in 2 clusters; fleet.json changed\n/);
    expect(changed.text).toContain('  ~ apps › app0\n');
    writeFileSync(join(outdir, APP_FILE), readFileSync(join(outdir, APP_FILE), 'utf8').replace('replicas: 2', 'replicas: 5'));
    const edited = diffAgainst(base, outdir);
    expect(edited.rendered).toBe(2);
    expect(edited.text).toContain('-  replicas: 5\n');
  });
});
