import { describe, expect, it } from 'vitest';
import { synthSnapshot, validateManifests } from 'fleetform/testing';
import { buildFleet } from './fleet';

// EKS support is judged on a fixed day, so the warnings do not change as days pass.
const SUPPORT_DATE = '2026-12-04';

describe('the shop fleet', () => {
  const snapshot = synthSnapshot(buildFleet(), { supportDate: SUPPORT_DATE });

  it('synthesizes what was reviewed', () => {
    expect(snapshot.fleetJson).toMatchSnapshot();
    expect(Object.keys(snapshot.clusters)).toEqual(['production-eu-west-1', 'production-us-east-1']);
    expect(snapshot.clusters['production-eu-west-1']).toMatchSnapshot();
  });

  it('warns about nothing', () => {
    expect(snapshot.warnings).toEqual([]);
  });

  it('writes only objects Kubernetes accepts', () => {
    expect(validateManifests(snapshot.objects)).toEqual([]);
  });
});
