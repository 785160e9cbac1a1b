/**
 * `fleetform plan`: an offline preview of the cloud resources the Pulumi
 * binding registers, recorded under fleetform's mocks (no Pulumi CLI, no
 * credentials), written as a plan file and, with --against, compared with an
 * earlier one. lib/pulumi is loaded here only, and only when this runs.
 */
import { Option } from 'commander';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import type { Fleet } from '../../fleet';
import { projectRoot } from '../../io/paths';
import type { PulumiModule } from '../../pulumi/testing/mock-cloud';
import type { RecordedPlan } from '../../pulumi/testing/plan';
import type { CliCommand } from '../command';
import type { CliContext } from '../context';
import { CliError, EXIT } from '../errors';
import { isFile, readTextIfFile, writeText } from '../files';
import { formatPlanTable, PREVIEW_NOTE } from '../format/plan';
import { gitShow } from '../git';
import { shown } from '../paths';
import { loadModule, registerTypeScript } from '../program';
import { progressOn, styleFor } from '../style';
import { fleetOf, programArgument, supportDate, supportDateOption } from './common';

/** Loads lib/pulumi when a plan is made, never before: the other commands work without the Pulumi packages. */
const load = createRequire(__filename);

/** Where the plan goes without --out, in the working folder. */
export const DEFAULT_PLAN_FILE = 'fleetform.plan.json';

export const planCommand: CliCommand = {
  name: 'plan',
  define(command) {
    programArgument(command.summary('preview the cloud resources the Pulumi binding registers, offline').description(
      'Runs the fleet in new FleetDeployment(<fleet name>, { fleet }) (or, with --pulumi, your own Pulumi program) under fleetform\'s mocks: '
      + 'no Pulumi CLI, no cloud account, no credentials. Writes the plan as JSON and prints, per cluster and region, the resources by type '
      + 'and every stateful one by name. ' + PREVIEW_NOTE + '\n\n'
      + 'With --against, the new plan is compared with an earlier one (a plan file, or a git ref at which the plan file was committed) as '
      + 'pulumi up would apply it: per cluster and region the creates, updates, replaces and deletes, with the reasons. '
      + 'Exit code 3 when a resource would be replaced or deleted, 0 otherwise. Needs @pulumi/pulumi, @pulumi/aws and @pulumi/kubernetes installed.'));
    command.option('--out <file>', `where the plan is written, from the working folder (default: ${DEFAULT_PLAN_FILE})`);
    command.option('--against <file|ref>', 'compare with this plan file, or with the plan file as committed at this git ref');
    command.option('--pulumi <program>', 'run this Pulumi program (its export may be an async function) instead of wrapping the fleet program');
    command.option('--config <key=value>', 'stack configuration, repeatable, such as fleetform:publicAccessCidrs=\'["203.0.113.0/24"]\' (JSON values are parsed; a key without a namespace gets the project\'s)', collect, []);
    command.option('--stack <name>', 'the stack of every URN', 'dev');
    command.option('--project <name>', 'the project of every URN (default: the name in Pulumi.yaml, else the fleet name)');
    command.option('--clusters <ids>', 'FleetDeployment clusters: deploy only these, comma separated');
    command.option('--wave <name|position>', 'FleetDeployment wave: deploy only this wave of the fleet\'s rollout plan');
    command.addOption(new Option('--edge <where>', 'FleetDeployment edge: with the clusters (here), in another stack (elsewhere), or alone (only)').choices(['here', 'elsewhere', 'only']));
    command.option('--cluster-stacks <template>', 'FleetDeployment clusterStacks, with --edge only: the stack of each cluster, {cluster} and {wave} replaced (each answers the mocks with a made-up ALB per cluster)');
    command.option('--deployer <arn>', 'FleetDeployment deployer: the IAM role pulumi runs as (default: the role the mocks answer deployerFromCallerIdentity() with)');
    command.option('--private-endpoints-reachable', 'FleetDeployment privateEndpointsReachable: pulumi runs inside the VPCs or a peered network');
    command.option('--no-apply-manifests', 'FleetDeployment applyManifests: false (deliver the manifests with GitOps)');
    command.addOption(new Option('--details <which>', 'resources listed under each cluster with --against').choices(['destructive', 'all', 'none']).default('destructive'));
    supportDateOption(command);
    command.addHelpText('after', [
      '', 'Examples:',
      '  fleetform plan examples/acme/fleet.ts --private-endpoints-reachable',
      '  fleetform plan --pulumi examples/acme/index.ts --config fleetform:publicAccessCidrs=\'["203.0.113.0/24"]\'',
      '  fleetform plan --pulumi examples/acme/index.ts --against main   # the plan file as committed on main',
      '  fleetform plan examples/acme/fleet.ts --wave production-eu-west-1 --edge elsewhere --private-endpoints-reachable',
      '  fleetform plan examples/acme/fleet.ts --edge only --cluster-stacks \'acme-{wave}\'',
      '', 'Exit codes: 0 done, 1 the fleet or program failed, 2 a wrong command line, 3 (--against) a resource would be replaced or deleted.',
    ].join('\n'));
  },
  async run({ operands, options }, ctx) {
    const testing = await loadPlanTools();
    const outPath = resolve(ctx.cwd, typeof options.out === 'string' ? options.out : DEFAULT_PLAN_FILE);
    const before = options.against !== undefined ? readEarlierPlan(String(options.against), outPath, ctx, testing.readPlan) : undefined;
    const day = supportDate(options, ctx);
    let project = typeof options.project === 'string' ? options.project : pulumiProjectName(ctx.cwd);
    const stack = String(options.stack);
    const progress = progressOn(ctx.stderr);
    let plan: RecordedPlan;
    if (typeof options.pulumi === 'string') {
      if (operands[0] !== undefined) throw new CliError('give either a fleet program or --pulumi <Pulumi program>, not both', EXIT.usage);
      const path = resolve(ctx.cwd, options.pulumi);
      if (!isFile(path)) throw new CliError(`no Pulumi program at ${options.pulumi}`);
      project ??= pulumiProjectName(dirname(path)) ?? 'project';
      const pulumi = pulumiOf(path);
      registerTypeScript();
      progress.update(`recording the plan of ${shown(path, ctx.cwd)} under fleetform's mocks…`);
      try {
        plan = await testing.recordPlan({ pulumi, project, stack, config: configOf(options.config, project), program: () => runPulumiProgram(path, ctx) });
      } finally {
        progress.done();
      }
    } else {
      const fleet = await fleetOf(operands[0], ctx);
      // FleetDeployment assembles the fleet itself: the day is the fleet's own.
      if (day !== undefined) (fleet as { supportDate?: string }).supportDate = day;
      project ??= fleet.fleetName;
      const { FleetDeployment } = load('../../pulumi') as typeof import('../../pulumi');
      const args = {
        fleet,
        ...(typeof options.clusters === 'string' ? { clusters: options.clusters.split(',').map((c) => c.trim()).filter(Boolean) } : {}),
        ...(typeof options.wave === 'string' ? { wave: options.wave } : {}),
        // As the README's program does: whoever runs pulumi deploys, here the mocks' caller.
        deployer: typeof options.deployer === 'string' ? options.deployer : `arn:aws:iam::${testing.DEFAULT_MOCK_ACCOUNT}:role/pulumi-deployer`,
        ...(options.privateEndpointsReachable === true ? { privateEndpointsReachable: true } : {}),
        ...(options.applyManifests === false ? { applyManifests: false } : {}),
        ...(typeof options.edge === 'string' ? { edge: options.edge as 'here' | 'elsewhere' | 'only' } : {}),
        ...(typeof options.clusterStacks === 'string' ? { clusterStacks: options.clusterStacks } : {}),
      };
      const stackOutputs = typeof options.clusterStacks === 'string' ? clusterStackOutputs(fleet, options.clusterStacks, `organization/${project}/${stack}`) : {};
      progress.update(`recording the plan of FleetDeployment ${fleet.fleetName} under fleetform's mocks…`);
      try {
        plan = await testing.recordPlan({ project, stack, stackOutputs, config: configOf(options.config, project), program: () => new FleetDeployment(fleet.fleetName, args) });
      } finally {
        progress.done();
      }
    }
    const style = styleFor(ctx.stdout, ctx.env);
    writeText(outPath, testing.formatPlan(testing.compactPlan(plan)));
    ctx.stdout.write(formatPlanTable({ plan, locations: testing.locateResources(plan), statefulTypes: testing.STATEFUL_TYPES }, style));
    ctx.stdout.write(`\nwrote ${shown(outPath, ctx.cwd)} (${plan.resources.length} resources)\n`);
    if (!before) return EXIT.ok;
    const diff = testing.diffPlans(before.plan, plan);
    const summary = testing.summarizePlanDiff(diff);
    const verdict = testing.classifyPlanDiff(diff);
    ctx.stdout.write(`\n${style.bold(`against ${before.from}:`)}\n${testing.formatPlanSummary(diff, { details: options.details as 'destructive' | 'all' | 'none' })}\n`);
    const losses = summary.total.replace + summary.total.delete;
    ctx.stdout.write(`change class: ${verdict.class}${losses > 0 ? style.red(` (${losses} replaced or deleted: exit code 3)`) : ''}\n`);
    return losses > 0 ? EXIT.destructive : EXIT.ok;
  },
};

type PlanTools = typeof import('../../pulumi/testing');

/**
 * What an edge-only stack reads from each cluster stack, made up for the plan: per stack the
 * clusters it is named for, each with an ALB per load balancer it serves (`k8s-<cluster>.<region>.elb.amazonaws.com`).
 */
function clusterStackOutputs(fleet: Fleet, template: string, own: string): Record<string, Record<string, unknown>> {
  const { givenStackName, qualifiedStackName, waveOf } = load('../../pulumi/edge/cluster-stacks') as typeof import('../../pulumi/edge/cluster-stacks');
  const resolved = fleet.resolve();
  const outputs: Record<string, { fleetformAlbs: Record<string, Record<string, string>> }> = {};
  for (const c of resolved.clusters) {
    const name = givenStackName(template, c.id, waveOf(resolved, c.id));
    if (name === undefined) continue;
    const albs = Object.fromEntries(resolved.loadBalancers.filter((lb) => lb.targets.includes(c.id)).map((lb) => [lb.name, `k8s-${c.id}.${c.region}.elb.amazonaws.com`]));
    (outputs[qualifiedStackName(name, own)] ??= { fleetformAlbs: {} }).fleetformAlbs[c.id] = albs;
  }
  return outputs;
}

/** fleetform/pulumi/testing, once the Pulumi peers are known to be installed. */
async function loadPlanTools(): Promise<PlanTools> {
  try {
    load('../../pulumi/peers');
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (message.includes('npm install')) throw new CliError(`fleetform plan runs the Pulumi binding under mocks; ${message}`);
    throw e;
  }
  return load('../../pulumi/testing') as PlanTools;
}

/** The `@pulumi/pulumi` the Pulumi program loads: the mocks go on that copy. */
function pulumiOf(program: string): PulumiModule {
  try {
    return createRequire(program)('@pulumi/pulumi');
  } catch {
    throw new CliError(`${program} cannot load @pulumi/pulumi from its folder; install the Pulumi packages in its project: npm install @pulumi/pulumi @pulumi/aws @pulumi/kubernetes`);
  }
}

/** Runs a Pulumi program as the Node language host does: loads it, and calls its export when that is a function. */
async function runPulumiProgram(path: string, ctx: CliContext): Promise<unknown> {
  const mod = loadModule(path, ctx.cwd) as { default?: unknown } | ((...a: unknown[]) => unknown) | undefined;
  const main = typeof mod === 'function' ? mod : typeof mod?.default === 'function' ? mod.default as () => unknown : undefined;
  return main ? await main() : mod;
}

/** The plan to compare with: a file, else the plan file as committed at a git ref. */
function readEarlierPlan(against: string, outPath: string, ctx: CliContext, readPlan: PlanTools['readPlan']): { plan: RecordedPlan; from: string } {
  const asFile = resolve(ctx.cwd, against);
  let text = isFile(asFile) ? readTextIfFile(asFile) : undefined;
  let from = shown(asFile, ctx.cwd);
  if (text === undefined) {
    const rel = relative(ctx.cwd, outPath);
    const shownRel = shown(outPath, ctx.cwd);
    if (rel.startsWith('..')) throw new CliError(`--against ${against} is not a file; to read the plan at a git ref, the plan file (${outPath}) must be inside the working folder`);
    const git = gitShow(against, rel, ctx.cwd);
    if ('error' in git) throw new CliError(`--against ${against} is neither a plan file nor a git ref at which ${shownRel} was committed (git: ${git.error})`);
    text = git.text;
    from = `${shownRel} at ${against}`;
  }
  try {
    return { plan: readPlan(text), from };
  } catch (e) {
    throw new CliError(`--against ${against}: ${from} is not a plan fleetform can read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Stack configuration from `key=value` pairs: a JSON value parsed, any other kept as text; keys without a namespace get the project's. */
export function configOf(pairs: unknown, project: string): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const pair of (pairs as string[] | undefined) ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--config takes key=value, such as fleetform:clusters='["staging-eu-west-3"]'; got "${pair}"`, EXIT.usage);
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // plain text
    }
    config[key.includes(':') ? key : `${project}:${key}`] = value;
  }
  return config;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The project name of the nearest Pulumi.yaml at or above `from` (the working folder: up to its project root), if any. */
function pulumiProjectName(from: string): string | undefined {
  const stop = projectRoot(from);
  for (let dir = from; ; dir = dirname(dir)) {
    const text = readTextIfFile(resolve(dir, 'Pulumi.yaml'));
    const name = text !== undefined ? /^name:\s*["']?([^\s"'#]+)/m.exec(text)?.[1] : undefined;
    if (name) return name;
    if (dir === stop || dirname(dir) === dir) return undefined;
  }
}
