import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPlan } from '../../lib/pulumi/testing';
import { ACME_PROGRAM, CliRun, runCli, tempFolder } from './run-cli';

// The example's plan under the mocks takes several seconds: recorded once for the whole file.
const temp = tempFolder('plan');
let run: CliRun;

beforeAll(async () => {
  run = await runCli(['plan', ACME_PROGRAM, '--private-endpoints-reachable', '--out', 'plans/acme.plan.json'], { cwd: temp.dir });
}, 120_000);
afterAll(() => temp.remove());

describe('fleetform plan (the fleet in a FleetDeployment, under the mocks)', () => {
  it('prints per cluster and region the resources by type and every stateful one by name', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatchSnapshot();
  });

  it('says that the plan is a preview of what the program registers, not of the cloud', () => {
    expect(run.stdout).toContain('This is a preview of what the program registers under fleetform\'s mocks, not of the cloud\'s state');
  });

  it('writes the plan file, which readPlan reads back with every resource', () => {
    const file = join(temp.dir, 'plans', 'acme.plan.json');
    expect(existsSync(file)).toBe(true);
    const plan = readPlan(readFileSync(file, 'utf8'));
    // No Pulumi.yaml where it ran: the project is the fleet's name.
    expect([plan.project, plan.stack]).toEqual(['acme', 'dev']);
    expect(run.stdout).toContain(`wrote plans/acme.plan.json (${plan.resources.length} resources)`);
    expect(plan.resources.filter((r) => r.type === 'aws:eks/cluster:Cluster').map((r) => r.name).sort()).toEqual([
      'canary-eu-west-3-eks', 'customer-a-eks', 'production-ap-southeast-1-eks', 'production-eu-west-1-eks', 'production-us-east-1-eks', 'qa-eu-west-3-eks', 'staging-eu-west-3-eks',
    ]);
  });
});

describe('the README\'s "What pulumi up creates"', () => {
  /** The printed plan's sections (split at blank lines), by their first line. */
  const sections = () => run.stdout.split('\n\n').map((s) => s.trimEnd());
  const readmeBlock = (marker: string) => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const at = readme.indexOf(`<!-- ${marker} -->\n\`\`\`text\n`);
    expect(at, marker).toBeGreaterThan(-1);
    const start = readme.indexOf('```text\n', at) + '```text\n'.length;
    return readme.slice(start, readme.indexOf('\n```', start));
  };

  it('counts what fleetform plan counts for the example', () => {
    const headlines = sections().flatMap((s, i) => {
      const lines = s.split('\n');
      return i === 0 ? [lines[0]] : lines[0].startsWith('cluster ') || lines[0].startsWith('no cluster, ') ? [lines[0]] : [];
    });
    expect(readmeBlock('plan:acme:counts')).toBe(headlines.join('\n'));
    const detail = sections().filter((s) => s.startsWith('cluster production-eu-west-1 ') || s.startsWith('no cluster, global:'));
    expect(readmeBlock('plan:acme:detail')).toBe(detail.join('\n\n'));
  });
});

describe('fleetform plan of split stacks (--edge)', () => {
  const split = tempFolder('plan-edge');
  afterAll(() => split.remove());

  it('plans the edge-only stack on made-up ALBs of the cluster stacks --cluster-stacks names', async () => {
    const edge = await runCli(['plan', ACME_PROGRAM, '--edge', 'only', '--cluster-stacks', 'acme-{wave}', '--out', 'edge.plan.json'], { cwd: split.dir });
    expect(edge.stderr).toBe('');
    expect(edge.status).toBe(0);
    const plan = readPlan(readFileSync(join(split.dir, 'edge.plan.json'), 'utf8'));
    expect(plan.resources.filter((r) => r.type === 'aws:eks/cluster:Cluster')).toEqual([]);
    expect(plan.resources.some((r) => r.type === 'aws:cloudfront/distribution:Distribution')).toBe(true);
    expect(plan.resources.filter((r) => r.type === 'aws:route53/healthCheck:HealthCheck').length).toBeGreaterThan(0);
  }, 120_000);

  it('refuses --cluster-stacks without --edge only, naming the fix', async () => {
    const wrong = await runCli(['plan', ACME_PROGRAM, '--cluster-stacks', 'acme-{wave}', '--private-endpoints-reachable', '--out', 'x.plan.json'], { cwd: split.dir });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('clusterStacks tells an edge-only stack where the clusters\' ALBs are exported; give it with edge: \'only\', or leave it out');
  }, 120_000);
});
