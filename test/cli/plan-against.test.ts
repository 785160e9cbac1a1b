import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPlan, readPlan } from '../../lib/pulumi/testing';
import { CliRun, REPO, runCli, tempFolder } from './run-cli';

// A project whose main branch committed the plan of the example's Pulumi program, with one EKS cluster
// under another name: planning the program again against that commit replaces the cluster.
// The example's plan under the mocks takes several seconds: recorded once for the whole file.
const temp = tempFolder('plan-against');
let run: CliRun;

const git = (...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: temp.dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
};

beforeAll(async () => {
  const recorded = readPlan(readFileSync(join(REPO, 'test', 'fixtures', 'releases', '764bb32', 'acme.plan.json'), 'utf8'));
  const earlier = {
    ...recorded,
    resources: recorded.resources.map((r) => (r.type === 'aws:eks/cluster:Cluster' && r.name === 'qa-eu-west-3-eks' ? { ...r, inputs: { ...r.inputs, name: 'acme-qa-old' } } : r)),
  };
  git('init', '--quiet');
  writeFileSync(join(temp.dir, 'fleetform.plan.json'), formatPlan(earlier));
  git('add', 'fleetform.plan.json');
  git('commit', '--quiet', '-m', 'plan');
  run = await runCli([
    'plan', '--pulumi', join(REPO, 'examples', 'acme', 'index.ts'),
    '--config', 'fleetform:publicAccessCidrs=["203.0.113.0/24"]', '--against', 'HEAD',
  ], { cwd: temp.dir });
}, 120_000);
afterAll(() => temp.remove());

describe('fleetform plan --pulumi <program> --against <git ref>', () => {
  it('runs the Pulumi program under the mocks, in the project its Pulumi.yaml names', () => {
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^plan of acme-fleet\/dev: \d+ cloud resources/);
    const plan = readPlan(readFileSync(join(temp.dir, 'fleetform.plan.json'), 'utf8'));
    expect(plan.config).toEqual({ 'fleetform:publicAccessCidrs': ['203.0.113.0/24'] });
  });

  it('compares with the plan file as committed at the ref, naming the stateful resource replaced and why', () => {
    expect(run.stdout).toContain('against fleetform.plan.json at HEAD:');
    expect(run.stdout).toMatch(/^cluster qa-eu-west-3 \(eu-west-3\): \d+ create, \d+ update, \d+ replace, 0 delete; stateful replaced or deleted: aws:eks\/cluster:Cluster qa-eu-west-3-eks/m);
    expect(run.stdout).toContain('  replace aws:eks/cluster:Cluster qa-eu-west-3-eks [stateful]\n    - name: "acme-qa-old" → "acme-qa-eu-west-3"');
    expect(run.stdout).toMatch(/^change class: destructive \(\d+ replaced or deleted: exit code 3\)$/m);
  });

  it('exits 3 when a resource is replaced or deleted', () => {
    expect(run.status).toBe(3);
  });
});
