/** Value factories given the wrong shapes by JavaScript callers report them as problems of the construct, instead of misreading or failing. */
import { describe, expect, it } from 'vitest';
import { AccessPolicy, AccessRole, AppKind, AppProbe, EnvironmentFleet, FleetApp, Placement, SecretReference } from '../lib';
import { newFleet, problemsOf } from './helpers/fleets';

describe('value factories from JavaScript', () => {
  it('refuse an exec probe command given as a string or nothing, and secret options given as a string', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'] });
    new FleetApp(fleet, 'worker', {
      kind: AppKind.WORKER, image: 'ghcr.io/acme/worker:1.0.0', placement: Placement.all(),
      probes: { liveness: AppProbe.exec('check' as unknown as string[]), readiness: AppProbe.exec(null as unknown as string[]) },
      secretEnv: { DB_PASSWORD: SecretReference.fromSecretsManager('acme/worker/db', 'password' as unknown as { key: string }) },
    });
    const messages = problemsOf(fleet).map((p) => `${p.path}: ${p.message}`);
    expect(messages.filter((m) => m.includes('exec probe needs a command as a non-empty list of strings')).length).toBe(2);
    expect(messages).toContain('acme/worker: secretEnv "DB_PASSWORD" options are the string "password", not an object; give them as { key: "password" } or { region: "eu-west-1" }');
  });

  it('refuse a custom role named like a system role, saying so', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'] });
    new AccessPolicy(fleet, 'nodes', { groups: ['x'], role: AccessRole.custom('system:node', [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }]) });
    expect(problemsOf(fleet)).toContainEqual({ path: 'acme/nodes', message: 'role name "system:node" is reserved for Kubernetes\' and EKS\'s own roles (system:, eks:); give your role another name' });
  });
});
