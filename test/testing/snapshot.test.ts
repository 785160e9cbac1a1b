/** synthSnapshot: what a synth would write and warn about, in memory, for a user's snapshot tests. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AddressLock, ApiEndpoint, EnvironmentFleet, Fleet, FleetApp, FleetValidationError, Placement } from '../../lib';
import { synthSnapshot, validateManifests } from '../../lib/testing';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

function shop(options: { apiEndpoint?: ApiEndpoint; addressLock?: AddressLock } = {}): Fleet {
  const fleet = new Fleet('shop', { supportDate: TEST_SUPPORT_DATE, ...options });
  new EnvironmentFleet(fleet, 'prod', { regions: ['us-east-1', 'eu-west-1'] });
  new FleetApp(fleet, 'web', { image: 'nginx:1.25', port: 8080, placement: Placement.all() });
  return fleet;
}

describe('synthSnapshot', () => {
  it('holds exactly the files synth writes, per cluster, sorted, and fleet.json', () => {
    const snapshot = synthSnapshot(shop());
    const out = mkdtempSync(join(tmpdir(), 'fleetform-snapshot-'));
    try {
      shop().synth({ outdir: out, log: () => {} });
      const written = Object.fromEntries(readdirSync(out, { withFileTypes: true }).filter((e) => e.isDirectory()).map((d) => [
        d.name, Object.fromEntries(readdirSync(join(out, d.name)).map((f) => [f, readFileSync(join(out, d.name, f), 'utf8')])),
      ]));
      expect(snapshot.clusters).toEqual(written);
      expect(snapshot.fleetJson).toBe(readFileSync(join(out, 'fleet.json'), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    expect(Object.keys(snapshot.clusters)).toEqual(['prod-eu-west-1', 'prod-us-east-1']);
    for (const files of Object.values(snapshot.clusters)) expect(Object.keys(files)).toEqual([...Object.keys(files)].sort());
  });

  it('returns the warnings synth would only print', () => {
    const { warnings } = synthSnapshot(shop({ apiEndpoint: ApiEndpoint.openToTheInternet() }));
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings).toContainEqual({ path: 'shop', rule: 'api-endpoint-open', message: expect.stringContaining('open to the whole internet') });
  });

  it('judges EKS support on the day given, not the fleet\'s', () => {
    const fleet = new Fleet('shop', { kubernetesVersion: '1.32', supportDate: '2025-06-01' });
    new EnvironmentFleet(fleet, 'prod', { regions: ['eu-west-1'] });
    expect(synthSnapshot(fleet).warnings).toEqual([]);
    const later = synthSnapshot(fleet, { supportDate: '2026-03-01' }).warnings;
    expect(later.map((w) => w.message).join('\n')).toMatch(/1\.32/);
  });

  it('refuses warnings as problems when strict, like a strict synth', () => {
    expect(() => synthSnapshot(shop({ apiEndpoint: ApiEndpoint.openToTheInternet() }), { strict: true })).toThrow(/refused by strict synth/);
  });

  it('refuses an invalid fleet with every problem', () => {
    const fleet = new Fleet('shop', { supportDate: TEST_SUPPORT_DATE });
    new EnvironmentFleet(fleet, 'prod', { regions: ['eu-west-9'] });
    expect(() => synthSnapshot(fleet)).toThrow(FleetValidationError);
  });

  it('writes nothing: a lock file the fleet names is read, never created', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetform-snapshot-lock-'));
    try {
      synthSnapshot(shop({ addressLock: AddressLock.file(join(dir, 'fleetform.lock.json')) }));
      expect(existsSync(join(dir, 'fleetform.lock.json'))).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives every object for validateManifests, outside what a snapshot of it holds', () => {
    const snapshot = synthSnapshot(shop());
    expect(snapshot.objects.length).toBeGreaterThan(10);
    expect(validateManifests(snapshot.objects)).toEqual([]);
    expect(Object.keys(snapshot)).toEqual(['clusters', 'fleetJson', 'warnings']);
  });

  it('says what it wants when given something else than a Fleet', () => {
    expect(() => synthSnapshot({} as Fleet)).toThrow(/synthSnapshot was given something that is not a Fleet/);
  });
});
