import { describe, expect, it } from 'vitest';
import { EnvironmentFleet, EnvironmentProfile, findCluster, RegionalCluster } from '../lib';
import { estimateCost } from '../lib/cost/estimate';
import { newFleet, problemsOf } from './helpers/fleets';

describe('the EKS upgrade policy: standard support unless the program opts into extended', () => {
  it('is STANDARD by default, EXTENDED where the cluster or its profile opts in, the cluster\'s own choice winning', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'plain', { region: 'eu-west-1' });
    new RegionalCluster(fleet, 'own', { region: 'eu-west-2', extendedSupport: true });
    const keepVersions = EnvironmentProfile.production({ extendedSupport: true });
    new EnvironmentFleet(fleet, 'legacy', { regions: ['us-east-1'], profile: keepVersions });
    new RegionalCluster(fleet, 'opted-out', { region: 'us-west-2', profile: keepVersions, extendedSupport: false });
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([]);
    expect(Object.fromEntries(resolved.clusters.map((c) => [c.id, c.supportType]))).toEqual({
      'legacy-us-east-1': 'EXTENDED', 'opted-out': 'STANDARD', own: 'EXTENDED', plain: 'STANDARD',
    });
    expect(Object.fromEntries(fleet.assemble().topology.clusters.map((c) => [c.id, c.supportType]))).toEqual({
      'legacy-us-east-1': 'EXTENDED', 'opted-out': 'STANDARD', own: 'EXTENDED', plain: 'STANDARD',
    });
  });

  it('refuses an opt-in that is not a boolean from plain JavaScript, on the cluster and on the profile, naming the path', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'edge', { region: 'eu-west-1', extendedSupport: 'yes' } as never);
    new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'], profile: EnvironmentProfile.economy({ extendedSupport: 1 } as never) });
    const problems = problemsOf(fleet);
    expect(problems).toContainEqual({ path: 'acme/edge', message: 'extendedSupport is the string "yes", not a boolean; give one such as true' });
    expect(problems).toContainEqual({ path: 'acme/staging', message: 'profile economy() extendedSupport must be true or false, got 1' });
    // A malformed opt-in opts into nothing.
    expect(findCluster(fleet.resolve(), 'edge')!.supportType).toBe('STANDARD');
  });

  it('prices a cluster in extended support at the extended rate only when it opted in, and notes the refused case', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'kept', { region: 'eu-west-1', kubernetesVersion: '1.34', extendedSupport: true });
    new RegionalCluster(fleet, 'current', { region: 'eu-west-2', kubernetesVersion: '1.36' });
    new RegionalCluster(fleet, 'lapsed', { region: 'us-east-1', kubernetesVersion: '1.34' });
    const cost = estimateCost(fleet.resolve());
    const controlPlane = (id: string) => cost.clusters.find((c) => c.id === id)!.lines.find((l) => l.kind === 'control-plane')!;
    expect(controlPlane('kept').unitPrice).toBe(0.6);
    expect(controlPlane('current').unitPrice).toBe(0.1);
    expect(cost.notes.filter((n) => n.includes('upgrade policy'))).toEqual([
      'lapsed: Kubernetes 1.34 is past EKS standard support on 2026-12-04 but the cluster\'s upgrade policy is STANDARD, which lets AWS upgrade it (synth refuses it); priced at the extended-support rate it costs until then',
    ]);
  });
});
