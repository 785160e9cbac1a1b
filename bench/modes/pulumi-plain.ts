/**
 * Bench mode: a plain Pulumi program that registers the very resources a
 * FleetDeployment registers (as pulumi-record wrote them): the same types,
 * names, parents, providers, dependencies and input values, each constructed
 * directly (`CustomResource`, `ProviderResource`, `ComponentResource`), with
 * no fleet model, synthesis or ConfigGroup. Under the same mocks as
 * pulumi-mocks, with the same modules loaded before the clock starts. Args:
 * planFile. Reports as pulumi-mocks does.
 */
import * as pulumi from '@pulumi/pulumi';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { PlannedResource } from '../../lib/pulumi/testing/plan';
import { installBenchMocks, preloadModules, untilQuiet } from './pulumi-bench-mocks';
import { report } from './report';

/** What `pulumi-record.ts` wrote of each resource: a plan's resource, with its dependencies. */
type Recorded = PlannedResource & { readonly dependencies: readonly string[] };

const PROVIDER_TYPE = 'pulumi:providers:';

/** A resource of the program: the SDK's base classes, constructed as they are. */
class Custom extends pulumi.CustomResource {}
class Provider extends pulumi.ProviderResource {}
class Component extends pulumi.ComponentResource {}

async function main(): Promise<void> {
  const mocks = await installBenchMocks(pulumi);
  const { resources } = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { resources: Recorded[] };
  preloadModules(process.argv[2]);
  const t0 = performance.now();
  const byUrn = new Map<string, pulumi.Resource>();
  for (const r of resources) {
    const parent = r.parent !== undefined ? byUrn.get(r.parent) : undefined;
    const dependsOn = r.dependencies.map((u) => byUrn.get(u)).filter((x): x is pulumi.Resource => x !== undefined);
    const provider = r.provider !== undefined ? byUrn.get(r.provider.slice(0, r.provider.lastIndexOf('::'))) as pulumi.ProviderResource | undefined : undefined;
    const opts = { parent, dependsOn };
    const resource = r.type.startsWith(PROVIDER_TYPE)
      ? new Provider(r.type.slice(PROVIDER_TYPE.length), r.name, r.inputs, opts)
      : r.custom
        ? new Custom(r.type, r.name, r.inputs, { ...opts, provider })
        : new Component(r.type, r.name, {}, opts);
    byUrn.set(r.urn, resource);
  }
  await untilQuiet(mocks);
  report({ registrationMs: Math.round(mocks.last - t0), programMs: Math.round(mocks.last - t0), resources: mocks.count });
}

void main();
