/**
 * What a JavaScript caller (no type checker) gets for props of the wrong
 * shape: every mistake reported with the others at synth, with its construct
 * path and a fix — never a TypeError or a stack trace from inside fleetform.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EnvironmentFleet, Fleet, FleetApp, FleetValidationError, Placement, RegionalCluster } from '../lib';
import { newFleet, problemsOf, validationError } from './helpers/fleets';

/** Calls a constructor the way JavaScript may: with anything. */
const js = <T>(x: unknown) => x as T;
const IMAGE = 'ghcr.io/acme/api:1.0.0';

describe('props of the wrong shape', () => {
  it('an EnvironmentFleet without regions is a problem, not "props.regions is not iterable"', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'production', js({ profile: undefined }));
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/production', message: 'regions is missing; give a list of strings, such as ["eu-west-1", "eu-central-1"]' },
    ]);
  });

  it('regions given as a string, and props that are not an object', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'a', js({ regions: 'eu-west-1' }));
    new EnvironmentFleet(fleet, 'b', js('eu-west-1'));
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/a', message: 'regions is the string "eu-west-1", not a list of strings; give one such as ["eu-west-1", "eu-central-1"]' },
      { path: 'acme/b', message: 'props is the string "eu-west-1", not an object of properties; give an object such as { regions: ["eu-west-1", "eu-central-1"] }' },
    ]);
  });

  it('a FleetApp without placement or image, and a port given as a string', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    new FleetApp(fleet, 'api', js({ port: '8080' }));
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/api', message: 'image is missing; give a string, such as "ghcr.io/acme/api:1.4.2"' },
      { path: 'acme/api', message: 'port is the string "8080", not a number; give one such as 8080' },
      { path: 'acme/api', message: 'placement is missing; give a Placement, such as Placement.all()' },
    ]);
  });

  it('an env value that is not a string (Kubernetes refuses `value: 42`), with its path', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    new FleetApp(fleet, 'api', js({ image: IMAGE, port: 8080, placement: Placement.all(), env: { RETRIES: 42 } }));
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/api', message: 'env "RETRIES" is the number 42, which would be written as `value: 42` and refused by Kubernetes, whose env values are strings; quote it: "42"' },
    ]);
  });

  it('a misspelled prop, with the name it probably meant', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    new FleetApp(fleet, 'api', js({ image: IMAGE, port: 8080, placement: Placement.all(), replica: 3 }));
    expect(problemsOf(fleet)).toEqual([{ path: 'acme/api', message: 'replica is not a known property; did you mean "replicas"?' }]);
  });

  it('nested options of the wrong shape name their path inside the props', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', js({ region: 'eu-west-1', nodePools: [{ name: 'general', minSize: '3' }] }));
    new FleetApp(fleet, 'api', js({ image: IMAGE, port: 8080, placement: Placement.all(), autoscaling: { minReplicas: 2 } }));
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/edge', message: 'nodePools[0].minSize is the string "3", not a number; give one such as 3' },
      { path: 'acme/api', message: 'autoscaling.maxReplicas is missing; give a number, such as 10' },
    ]);
  });

  it('a placement built from a list instead of arguments is taken as meant; other values are problems', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    new FleetApp(fleet, 'api', { image: IMAGE, port: 8080, placement: Placement.regions(js(['eu-west-1'])) });
    new FleetApp(fleet, 'web', { image: IMAGE, port: 8080, placement: Placement.where(js({ regions: 'eu-west-1' })) });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/web', message: 'placement regions is the string "eu-west-1", not a list; list them, such as Placement.where({ regions: ["..."] })' },
    ]);
  });

  it('an override for a value that is not a cluster', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    const app = new FleetApp(fleet, 'api', { image: IMAGE, port: 8080, placement: Placement.all() });
    app.addClusterOverride(js(undefined), { replicas: 2 });
    app.addClusterOverride('edge', js({ replicas: 'two' }));
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/api', message: 'addClusterOverride was given undefined; give a RegionalCluster or a cluster id such as "production-eu-west-1"' },
      { path: 'acme/api', message: 'override "edge" replicas is the string "two", not a number; give one such as 2' },
    ]);
  });
});

describe('the construct tree', () => {
  it('the same environment declared twice is reported with the other problems, not thrown by the constructs library', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'] });
    new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1'] });
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-9' });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme', message: 'acme/production is declared twice; give each environment its own id' },
      expect.objectContaining({ path: 'acme/edge' }),
    ]);
    // The second declaration is left out, with everything below it.
    expect(fleet.resolve().clusters.map((c) => c.id)).toEqual(['edge', 'production-eu-west-1']);
  });

  it('an id that is not a string, or holds a path separator', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, js(42), { region: 'eu-west-1' });
    new FleetApp(fleet, 'a/b', { image: IMAGE, port: 8080, placement: Placement.all() });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme', message: 'the cluster id is the number 42; give each cluster a non-empty string id, such as "api"' },
      { path: 'acme', message: 'the app id "a/b" contains \'/\', which separates construct paths; use \'-\' instead, such as "a-b"' },
    ]);
  });

  it('a construct outside any construct, or a Fleet without a name, is refused at once with the fix', () => {
    expect(() => new FleetApp(js(undefined), 'api', { image: IMAGE, port: 8080, placement: Placement.all() }))
      .toThrow('[api] the app is created in undefined, not in a construct; pass the Fleet (or an EnvironmentFleet) as the first argument');
    expect(() => new Fleet(js({ addressSpace: '10.0.0.0/8' }))).toThrow(FleetValidationError);
  });

  it('looking up a cluster an environment does not have is a FleetValidationError naming the path and the fix', () => {
    const fleet = newFleet();
    const production = new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1'] });
    let error: unknown;
    try {
      production.cluster('sa-east-1');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FleetValidationError);
    expect((error as FleetValidationError).problems).toEqual([
      { path: 'acme/production', message: 'has no cluster "sa-east-1"; it has "us-east-1", so use one of them or add the region to regions' },
    ]);
  });
});

describe('FleetValidationError, uncaught', () => {
  it('prints the problem list once: no frames inside fleetform, no problems array again', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-9' });
    const error = validationError(fleet);
    expect(Object.keys(error)).not.toContain('problems');
    const lines = error.stack!.split('\n');
    expect(lines.slice(0, 3)).toEqual(['FleetValidationError: fleet is invalid (1 problem):', expect.stringMatching(/^ {2}\[acme\/edge\] region "eu-west-9"/), expect.stringMatching(/^ {4}at /)]);
    expect(lines).toHaveLength(3);
    expect(lines[2]).not.toMatch(/[/\\]lib[/\\]/);
    expect(inspect(error)).not.toContain('problems:');
  });
});

describe('describing wrong values', () => {
  it('never throws on values that cannot be written as JSON (constructs hold cycles)', async () => {
    const { describeValue } = await import('../lib/input');
    const fleet = newFleet();
    const cluster = new RegionalCluster(fleet, 'edge', { region: 'eu-west-1' });
    expect(describeValue([cluster])).toBe('an array');
    expect(describeValue(cluster)).toBe('a RegionalCluster');
  });
});

describe('synth options of the wrong shape', () => {
  it('are all reported at the fleet, before anything is read or written', () => {
    const fleet = newFleet();
    let error: unknown;
    try {
      fleet.synth(js({ outdir: 42, addressLock: 'sometimes', outputLockTimeoutMs: '10s', log: 'stderr', supportDate: new Date(Date.UTC(2026, 10, 20)) }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FleetValidationError);
    expect((error as FleetValidationError).problems).toEqual([
      { path: 'acme', message: 'synth option outdir is the number 42; give a folder path, for example "dist"' },
      { path: 'acme', message: 'synth option addressLock is the string "sometimes"; give "update", "read-only" or "frozen"' },
      { path: 'acme', message: 'synth option outputLockTimeoutMs is the string "10s"; give a number of milliseconds, for example 10000' },
      { path: 'acme', message: 'synth option log is the string "stderr"; give a function that takes a line' },
      { path: 'acme', message: 'synth option supportDate is a Date; give a calendar day as "YYYY-MM-DD", such as "2026-11-20", or leave it out to judge EKS support on today' },
    ]);
  });

  it('a support date of the wrong shape, given to the fleet or to resolve, is a problem at the fleet', () => {
    const fleet = newFleet(js({ supportDate: 20261120 }));
    expect(problemsOf(fleet)).toEqual([{ path: 'acme', message: 'supportDate is the number 20261120, not a string; give one such as "2026-11-20"' }]);
    expect(newFleet().resolve(js({ supportDate: ['2026-11-20'] })).problems).toEqual([
      { path: 'acme', message: 'option supportDate is an array; give a calendar day as "YYYY-MM-DD", such as "2026-11-20", or leave it out to judge EKS support on today' },
    ]);
  });
});
