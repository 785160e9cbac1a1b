import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { AddressLock, Fleet, FleetAssembly } from '../../lib';
import { ACME_LOCK_FILE, buildAcmeFleet } from '../../examples/acme/fleet';
import { readTree, tempDir } from '../helpers/fleets';
import { validateK8sObject } from '../helpers/k8s-schema';

const SCHEMA_FILE = resolve(__dirname, '../../schema/fleet.schema.json');

/** The example with the committed lock held in memory, so synthesizing in a test never rewrites the committed file. */
function acme(extraProductionRegions: string[] = []): Fleet {
  const committed = AddressLock.file(ACME_LOCK_FILE);
  return buildAcmeFleet({ addressLock: AddressLock.of(committed.clusterBlocks), extraProductionRegions });
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
  const assembly = buildAcmeFleet().assemble();

  it('synthesizes these clusters and files', () => {
    expect(Object.fromEntries(assembly.clusters.map((c) => [c.clusterId, c.files.map((f) => f.name)]))).toEqual({
      'production-ap-southeast-1': ['0000-baseline.k8s.yaml', '0001-app-api.k8s.yaml', '0002-app-storefront.k8s.yaml'],
      'production-eu-west-1': ['0000-baseline.k8s.yaml', '0001-app-api.k8s.yaml', '0002-app-storefront.k8s.yaml'],
      'production-us-east-1': ['0000-baseline.k8s.yaml', '0001-app-api.k8s.yaml', '0002-app-storefront.k8s.yaml'],
      'qa-eu-west-3': ['0000-baseline.k8s.yaml', '0001-app-api.k8s.yaml'],
      'staging-eu-west-3': ['0000-baseline.k8s.yaml', '0001-app-api.k8s.yaml', '0002-app-storefront.k8s.yaml'],
    });
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
    const committed = AddressLock.file(ACME_LOCK_FILE);
    expect(committed.problems).toEqual([]);
    const fleet = buildAcmeFleet();
    const blocks = Object.fromEntries([...fleet.addressPlan.clusters].map(([id, a]) => [id, a.block]));
    expect(blocks).toEqual(committed.clusterBlocks);
    expect(AddressLock.render(blocks)).toBe(readFileSync(ACME_LOCK_FILE, 'utf8'));
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
    expect(validate({ ...JSON.parse(assembly.topologyJson), schemaVersion: 2 })).toBe(false);
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
    expect(Object.keys(a)).toHaveLength(15); // 14 manifests and fleet.json
    expect(b).toEqual(a);
  });

  it('leaves every other cluster\'s manifests and network unchanged when a production region is added', () => {
    const before = acme().assemble();
    const after = acme(['sa-east-1']).assemble();
    expect(after.clusters.map((c) => c.clusterId)).toEqual([
      'production-ap-southeast-1', 'production-eu-west-1', 'production-sa-east-1', 'production-us-east-1', 'qa-eu-west-3', 'staging-eu-west-3',
    ]);
    const afterFiles = contents(after);
    for (const [clusterId, files] of Object.entries(contents(before))) expect(afterFiles[clusterId], clusterId).toEqual(files);

    type Topology = { clusters: { id: string; network: unknown }[] };
    const networks = (a: FleetAssembly) => Object.fromEntries((JSON.parse(a.topologyJson) as Topology).clusters.map((c) => [c.id, c.network]));
    const afterNetworks = networks(after);
    for (const [clusterId, network] of Object.entries(networks(before))) expect(afterNetworks[clusterId], clusterId).toEqual(network);
  });

  it('rewrites nothing when the output is unchanged, and deletes the folder of a removed cluster', () => {
    const outdir = tempDir();
    const first = acme(['sa-east-1']).synth({ outdir });
    expect(first.report!.written).toHaveLength(18); // 17 manifests and fleet.json
    expect(existsSync(join(outdir, 'production-sa-east-1', '0000-baseline.k8s.yaml'))).toBe(true);

    const again = acme(['sa-east-1']).synth({ outdir });
    expect(again.report).toEqual({ written: [], unchanged: first.report!.written, removed: [] });

    const without = acme().synth({ outdir });
    expect(without.report!.removed).toEqual(['production-sa-east-1']);
    expect(without.report!.written).toEqual(['fleet.json']);
    expect(existsSync(join(outdir, 'production-sa-east-1'))).toBe(false);
    const fresh = tempDir();
    acme().synth({ outdir: fresh });
    expect(readTree(outdir)).toEqual(readTree(fresh));
  });
});
