/**
 * Every object fleetform writes must be accepted by the newest Kubernetes
 * minor it offers, not only by the 1.28 schema `fleetform/testing` ships:
 * served API versions, known fields, required fields, types — checked
 * against the models the official JavaScript client generates from that
 * release's OpenAPI spec (`test/helpers/kubernetes-api.ts`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EnvironmentFleet, EnvironmentProfile, FleetApp, FleetAppProps, KUBERNETES_VERSIONS, Placement } from '../../lib';
import buildAcmeFleet from '../../examples/acme/fleet';
import buildFintechFleet from '../../examples/fintech/fleet';
import buildGlobalSaasFleet from '../../examples/global-saas/fleet';
import buildSmallTeamFleet from '../../examples/small-team/fleet';
import { newFleet } from '../helpers/fleets';
import { validateK8sObject } from '../helpers/k8s-schema';
import { hasCrdSchema } from '../../lib/testing/crd-schema';
import { kubernetesApi, validateAgainstApi } from '../helpers/kubernetes-api';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

const api = kubernetesApi();
const newest = [...KUBERNETES_VERSIONS].sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).at(-1)!;

describe(`the Kubernetes ${api.version} API`, () => {
  it('is the newest minor fleetform offers (upgrade @kubernetes/client-node with the catalogue)', () => {
    expect(api.version).toBe(newest);
  });

  it('serves and accepts every object of every example', () => {
    const kinds = new Set<string>();
    for (const build of [buildAcmeFleet, buildGlobalSaasFleet, buildFintechFleet, buildSmallTeamFleet]) {
      const assembly = build({ supportDate: TEST_SUPPORT_DATE }).assemble();
      for (const c of assembly.clusters) {
        for (const f of c.files) {
          for (const o of f.objects) {
            kinds.add(`${String(o.apiVersion)} ${String(o.kind)}`);
            // Custom resources are not the release's: their CRDs' own schemas (shipped with fleetform) judge them.
            const crd = hasCrdSchema(String(o.apiVersion), String(o.kind));
            expect(crd ? validateK8sObject(o) : validateAgainstApi(o, api), `${c.clusterId}/${f.name}`).toEqual([]);
          }
        }
      }
    }
    expect([...kinds].sort()).toEqual(expect.arrayContaining([
      'apps/v1 Deployment', 'autoscaling/v2 HorizontalPodAutoscaler', 'networking.k8s.io/v1 Ingress',
      'networking.k8s.io/v1 NetworkPolicy', 'policy/v1 PodDisruptionBudget', 'v1 Namespace', 'v1 Service', 'v1 ServiceAccount',
    ]));
  });

  it('refuses what the release does not have: a removed API version, an unknown field, a missing required field, a wrong type', () => {
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' },
      spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'x' }] } } },
    };
    expect(validateAgainstApi(deployment, api)).toEqual([]);
    expect(validateAgainstApi({ apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'api' }, spec: {} }, api))
      .toEqual([`PodDisruptionBudget/api: apiVersion "policy/v1beta1" kind "PodDisruptionBudget" is not served by Kubernetes ${api.version}`]);
    expect(validateAgainstApi({ ...deployment, spec: { ...deployment.spec, replica: 2 } }, api))
      .toEqual([`Deployment/api: /spec/replica is not a field of V1DeploymentSpec in Kubernetes ${api.version}`]);
    expect(validateAgainstApi({ ...deployment, spec: { ...deployment.spec, template: { spec: { containers: [{ image: 'x' }] } } } }, api))
      .toEqual(['Deployment/api: /spec/template/spec/containers/0 is missing the required field name (V1Container)']);
    expect(validateAgainstApi({ ...deployment, spec: { ...deployment.spec, replicas: '2' } }, api))
      .toEqual(['Deployment/api: /spec/replicas must be a number, not "2"']);
  });
});

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const appProps: fc.Arbitrary<Partial<FleetAppProps>> = fc.record({
  scaling: fc.oneof(
    fc.record({ replicas: fc.integer({ min: 1, max: 5 }) }),
    fc.integer({ min: 1, max: 4 }).chain((min) => fc.record({
      autoscaling: fc.record({ minReplicas: fc.constant(min), maxReplicas: fc.integer({ min: min + 1, max: 12 }), targetCpuUtilization: fc.integer({ min: 30, max: 90 }) }, { requiredKeys: ['minReplicas', 'maxReplicas'] }),
    })),
  ),
  healthCheck: fc.option(fc.record({ path: fc.constantFrom('/healthz', '/ready'), initialDelaySeconds: fc.integer({ min: 0, max: 60 }) }, { requiredKeys: [] }), { nil: undefined }),
  ingress: fc.option(fc.record({ host: word.map((w) => `${w}.acme.example`), path: fc.constantFrom('/', '/api'), scheme: fc.constantFrom('internet-facing' as const, 'internal' as const) }, { requiredKeys: ['host'] }), { nil: undefined }),
  env: fc.option(fc.dictionary(word.map((w) => w.toUpperCase()), word, { maxKeys: 3 }), { nil: undefined }),
  labels: fc.option(fc.dictionary(word, word, { maxKeys: 2 }), { nil: undefined }),
  spreadAcrossZones: fc.option(fc.boolean(), { nil: undefined }),
  servicePort: fc.option(fc.constantFrom(80, 8443), { nil: undefined }),
  resources: fc.option(fc.record({ cpu: fc.constant({ request: '100m', limit: '500m' }), memory: fc.constant({ request: '128Mi', limit: '256Mi' }) }, { requiredKeys: [] }), { nil: undefined }),
}, { requiredKeys: ['scaling'] }).map(({ scaling, ...rest }) => ({ ...scaling, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) }));

describe('objects of generated fleets', () => {
  it(`are valid in the 1.28 schema and served and valid in Kubernetes ${api.version}, on every minor fleetform offers`, () => {
    fc.assert(fc.property(fc.constantFrom(...KUBERNETES_VERSIONS), fc.array(appProps, { minLength: 1, maxLength: 3 }), fc.boolean(), (version, generated, callers) => {
      // A cluster's ingresses share one ALB group, so they take one scheme (the first app's).
      const scheme = generated.find((p) => p.ingress)?.ingress?.scheme;
      const apps = generated.map((p) => (p.ingress ? { ...p, ingress: { ...p.ingress, scheme } } : p));
      const fleet = newFleet({ kubernetesVersion: version, supportDate: '2026-07-01' });
      // Every minor fleetform offers, those past standard support too: they run in extended support.
      new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'], profile: EnvironmentProfile.production({ extendedSupport: true }) });
      new EnvironmentFleet(fleet, 'staging', { regions: ['us-east-1'], profile: EnvironmentProfile.economy({ extendedSupport: true }) });
      apps.forEach((props, i) => new FleetApp(fleet, `app${i}`, {
        image: `ghcr.io/acme/app${i}:1.0.0`, port: 8080, placement: Placement.all(), ...props, ...(callers && i === 0 && apps.length > 1 ? { callers: ['app1'] } : {}),
      }));
      const assembly = fleet.assemble();
      for (const o of assembly.clusters.flatMap((c) => c.files.flatMap((f) => f.objects))) {
        expect(validateAgainstApi(o, api)).toEqual([]);
        expect(validateK8sObject(o)).toEqual([]);
      }
    }), { numRuns: 40 });
  });
});
