import { describe, expect, it } from 'vitest';
import { EnvironmentFleet, Fleet, FleetApp, Placement } from '../../lib';
import { validateManifests } from '../../lib/testing';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

function smallFleetObjects(): unknown[] {
  const fleet = new Fleet('shop', { supportDate: TEST_SUPPORT_DATE });
  new EnvironmentFleet(fleet, 'prod', { regions: ['us-east-1', 'eu-west-1'] });
  new FleetApp(fleet, 'web', { image: 'nginx:1.25', port: 8080, placement: Placement.all() });
  return fleet.assemble().clusters.flatMap((c) => c.files.flatMap((f) => [...f.objects]));
}

describe('validateManifests', () => {
  it('accepts every object a fleet synthesizes', () => {
    const objects = smallFleetObjects();
    expect(objects.length).toBeGreaterThan(0);
    expect(validateManifests(objects)).toEqual([]);
  });

  it('reports the errors of every invalid object, each by kind/name', () => {
    const objects = smallFleetObjects() as Record<string, any>[];
    const namespace = objects.find((o) => o.kind === 'Namespace')!;
    const deployment = objects.find((o) => o.kind === 'Deployment')!;
    const broken = [{ ...namespace, specs: {} }, { ...deployment, spec: { ...deployment.spec, replicas: 'two' } }];
    const errors = validateManifests(broken);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(new RegExp(`^Namespace/${namespace.metadata.name}: / .*\\(specs\\)$`));
    expect(errors[1]).toMatch(new RegExp(`^Deployment/${deployment.metadata.name}: /spec/replicas .*integer`));
  });

  it('names objects without apiVersion and kind by their position', () => {
    expect(validateManifests([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }, 42, { kind: 'Namespace' }])).toEqual([
      'objects[1]: object is not a JSON object',
      'objects[2]: object has no string apiVersion and kind',
    ]);
  });

  it('takes any iterable, such as a generator', () => {
    function* two() {
      yield { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } };
      yield { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' }, extra: true };
    }
    expect(validateManifests(two())).toEqual(['Namespace/b: / must NOT have additional properties (extra)']);
  });
});
