import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { AddressLock, Fleet, FleetAssembly, reachableLeaves } from '../../lib';
import { ACME_LOCK_FILE, buildAcmeFleet } from '../../examples/acme/fleet';
import { readTree, tempDir } from '../helpers/fleets';
import { validateK8sObject } from '../helpers/k8s-schema';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

const SCHEMA_FILE = resolve(__dirname, '../../schema/fleet.schema.json');

/** The example with the committed lock held in memory, so synthesizing in a test never rewrites the committed file. */
function acme(extraProductionRegions: string[] = []): Fleet {
  return buildAcmeFleet({ addressLock: AddressLock.of(committedBlocks()), extraProductionRegions, supportDate: TEST_SUPPORT_DATE });
}

function committedBlocks(): Record<string, string> {
  const entries = (JSON.parse(readFileSync(ACME_LOCK_FILE, 'utf8')) as { clusters: Record<string, { block: string }> }).clusters;
  return Object.fromEntries(Object.entries(entries).map(([id, e]) => [id, e.block]));
}

/** cluster id → file name → content. */
function contents(assembly: FleetAssembly): Record<string, Record<string, string>> {
  return Object.fromEntries(assembly.clusters.map((c) => [c.clusterId, Object.fromEntries(c.files.map((f) => [f.name, f.content]))]));
}

function topologySchemaValidator() {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
}

describe('the acme example', () => {
  const assembly = buildAcmeFleet({ supportDate: TEST_SUPPORT_DATE }).assemble();

  it('synthesizes these clusters and files', () => {
    const production = ['0000-baseline.k8s.yaml', '1000-access.k8s.yaml', '2000-storage.k8s.yaml', '3000-app-api.k8s.yaml', '3000-app-orders-worker.k8s.yaml', '3000-app-search.k8s.yaml', '3000-app-storefront.k8s.yaml', '4000-edge-shop.k8s.yaml'];
    expect(Object.fromEntries(assembly.clusters.map((c) => [c.clusterId, c.files.map((f) => f.name)]))).toEqual({
      'canary-eu-west-3': ['0000-baseline.k8s.yaml', '1000-access.k8s.yaml', '3000-app-api.k8s.yaml'],
      'customer-a': ['0000-baseline.k8s.yaml', '1000-access.k8s.yaml', '2000-secret-stores.k8s.yaml', '3000-app-ledger.k8s.yaml'],
      'production-ap-southeast-1': production,
      'production-eu-west-1': [...production.slice(0, 4), '3000-app-nightly-report.k8s.yaml', ...production.slice(4)],
      'production-us-east-1': production,
      'qa-eu-west-3': ['0000-baseline.k8s.yaml', '1000-access.k8s.yaml', '3000-app-api.k8s.yaml'],
      'staging-eu-west-3': ['0000-baseline.k8s.yaml', '1000-access.k8s.yaml', '3000-app-api.k8s.yaml', '3000-app-orders-worker.k8s.yaml', '3000-app-storefront.k8s.yaml'],
    });
  });

  it('answers EU users of the shop from the EU zone only, and names the failover time', () => {
    const [shop] = assembly.fleet.loadBalancers;
    expect(shop).toMatchObject({ name: 'shop', edge: 'cloudfront', failoverSeconds: 90 });
    for (const tree of shop.trees) {
      const eu = [...reachableLeaves(tree, tree.name, { country: 'DE', continent: 'EU' })];
      expect(eu.length).toBeGreaterThan(0);
      expect(eu.every((leaf) => leaf.startsWith('production-eu-west-1'))).toBe(true);
    }
    expect(assembly.warnings).toEqual([]);
  });

  it('synthesizes these manifests', () => {
    for (const c of assembly.clusters) {
      for (const f of c.files) expect(f.content).toMatchSnapshot(`${c.clusterId}/${f.name}`);
    }
  });

  it('synthesizes this topology', () => {
    expect(assembly.topologyJson).toMatchSnapshot();
  });

  it('keeps every cluster on the block the committed lock records', () => {
    const resolved = buildAcmeFleet({ supportDate: TEST_SUPPORT_DATE }).resolve();
    expect(resolved.problems).toEqual([]);
    expect(resolved.addressLock.path).toBe(ACME_LOCK_FILE);
    expect(resolved.addressLock.next).toEqual(committedBlocks());
    expect(Object.fromEntries(resolved.clusters.map((c) => [c.id, c.network!.block]))).toEqual(committedBlocks());
    expect(resolved.addressLock.changed).toBe(false);
  });

  it('records in fleet.json the image each cluster really runs, overrides applied', () => {
    const api = assembly.topology.apps.find((a) => a.name === 'api')!;
    expect(Object.fromEntries(api.clusters.map((c) => [c.id, [c.image, c.replicas, c.autoscaling?.maxReplicas ?? null]]))).toEqual({
      'canary-eu-west-3': ['ghcr.io/acme/api:1.4.2', 1, null],
      'production-ap-southeast-1': ['ghcr.io/acme/api:1.5.0-rc.1', null, 12],
      'production-eu-west-1': ['ghcr.io/acme/api:1.4.2', null, 12],
      'production-us-east-1': ['ghcr.io/acme/api:1.4.2', null, 12],
      'qa-eu-west-3': ['ghcr.io/acme/api:1.4.2', 1, null],
      'staging-eu-west-3': ['ghcr.io/acme/api:1.4.2', 1, null],
    });
  });

  it('gives every object a valid Kubernetes 1.28 shape (strict)', () => {
    for (const extra of [[], ['sa-east-1']]) {
      const objects = acme(extra).assemble().clusters.flatMap((c) => c.files.flatMap((f) => f.objects));
      expect(objects.length).toBeGreaterThan(40);
      expect(objects.flatMap((o) => validateK8sObject(o))).toEqual([]);
    }
  });

  it('writes a topology that matches schema/fleet.schema.json', () => {
    const validate = topologySchemaValidator();
    for (const extra of [[], ['sa-east-1']]) {
      const topology = JSON.parse(acme(extra).assemble().topologyJson);
      expect(validate(topology), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
  });

  it('the topology schema refuses unknown and missing fields', () => {
    const validate = topologySchemaValidator();
    const topology = JSON.parse(assembly.topologyJson);
    topology.clusters[0].network.vpcCIDR = topology.clusters[0].network.vpcCidr;
    delete topology.clusters[0].network.vpcCidr;
    expect(validate(topology)).toBe(false);
    expect(validate.errors!.map((e) => `${e.instancePath} ${e.message}`).sort()).toEqual([
      '/clusters/0/network must NOT have additional properties',
      '/clusters/0/network must have required property \'vpcCidr\'',
    ]);
    expect(validate({ ...JSON.parse(assembly.topologyJson), schemaVersion: 1 })).toBe(false);
  });
});

describe('synthesizing the acme example', () => {
  it('gives byte-identical output every time', () => {
    const first = tempDir();
    const second = tempDir();
    acme().synth({ outdir: first });
    acme().synth({ outdir: second });
    const a = readTree(first);
    const b = readTree(second);
    expect(Object.keys(a)).toHaveLength(56); // 40 manifests (7 of them access, 1 secret stores), 14 Argo CD files, fleet.json and fleetform's record of them
    expect(b).toEqual(a);
  });

  it('leaves every other cluster\'s manifests and network unchanged when a production region is added', () => {
    const before = acme().assemble();
    const after = acme(['sa-east-1']).assemble();
    expect(after.clusters.map((c) => c.clusterId)).toEqual([
      'canary-eu-west-3', 'customer-a', 'production-ap-southeast-1', 'production-eu-west-1', 'production-sa-east-1', 'production-us-east-1', 'qa-eu-west-3', 'staging-eu-west-3',
    ]);
    const afterFiles = contents(after);
    for (const [clusterId, files] of Object.entries(contents(before))) expect(afterFiles[clusterId], clusterId).toEqual(files);

    const networks = (a: FleetAssembly) => Object.fromEntries(a.topology.clusters.map((c) => [c.id, c.network]));
    const afterNetworks = networks(after);
    for (const [clusterId, network] of Object.entries(networks(before))) expect(afterNetworks[clusterId], clusterId).toEqual(network);
  });

  it('rewrites nothing when the output is unchanged, and deletes the folder of a removed cluster', () => {
    const outdir = tempDir();
    const first = acme(['sa-east-1']).synth({ outdir });
    expect(first.report.written).toHaveLength(64); // 48 manifests (8 of them access, 1 secret stores), 15 Argo CD files (8 clusters, 6 apps, the platform) and fleet.json
    expect(existsSync(join(outdir, 'production-sa-east-1', '0000-baseline.k8s.yaml'))).toBe(true);

    const again = acme(['sa-east-1']).synth({ outdir });
    expect(again.report).toMatchObject({ written: [], unchanged: first.report.written, removed: [] });

    const without = acme().synth({ outdir });
    expect(without.report.removed).toEqual(first.report.written.filter((f) => f.startsWith('production-sa-east-1/') || f === 'argocd/cluster-production-sa-east-1.yaml'));
    expect(without.report.removed.length).toBeGreaterThan(1);
    // The ApplicationSets of the apps on it (and the platform's) select one cluster less, with one wave less; no other cluster's file changes.
    expect(without.report.written).toEqual(['argocd/app-api.yaml', 'argocd/app-orders-worker.yaml', 'argocd/app-search.yaml', 'argocd/app-storefront.yaml', 'argocd/platform.yaml', 'fleet.json']);
    expect(existsSync(join(outdir, 'production-sa-east-1'))).toBe(false);
    const fresh = tempDir();
    acme().synth({ outdir: fresh });
    expect(readTree(outdir)).toEqual(readTree(fresh));
  });
});
