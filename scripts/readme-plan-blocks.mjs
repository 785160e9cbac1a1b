#!/usr/bin/env node
// Rewrites the README's "What `pulumi up` creates" blocks (plan:acme:counts and
// plan:acme:detail) from `fleetform plan` of the example, as test/cli/plan.test.ts
// checks them. For maintainers, after a change of what the example registers:
//
//   node scripts/readme-plan-blocks.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(join(tmpdir(), 'fleetform-readme-plan-'));
try {
  const run = spawnSync(process.execPath, [join(repo, 'bin', 'fleetform.js'), 'plan', join(repo, 'examples', 'acme', 'fleet.ts'), '--private-endpoints-reachable', '--out', join(out, 'acme.plan.json')], {
    cwd: out, encoding: 'utf8', env: { ...process.env, FLEETFORM_SUPPORT_DATE: '2026-12-04', FORCE_COLOR: undefined, NO_COLOR: '1' },
  });
  if (run.status !== 0) throw new Error(`fleetform plan failed:\n${run.stderr}`);
  const sections = run.stdout.split('\n\n').map((s) => s.trimEnd());
  const counts = sections.flatMap((s, i) => {
    const first = s.split('\n')[0];
    return i === 0 || first.startsWith('cluster ') || first.startsWith('no cluster, ') ? [first] : [];
  }).join('\n');
  const detail = sections.filter((s) => s.startsWith('cluster production-eu-west-1 ') || s.startsWith('no cluster, global:')).join('\n\n');
  let readme = readFileSync(join(repo, 'README.md'), 'utf8');
  for (const [marker, text] of [['plan:acme:counts', counts], ['plan:acme:detail', detail]]) {
    const at = readme.indexOf(`<!-- ${marker} -->\n\`\`\`text\n`);
    if (at < 0) throw new Error(`README.md has no ${marker} block`);
    const start = readme.indexOf('```text\n', at) + '```text\n'.length;
    readme = readme.slice(0, start) + text + readme.slice(readme.indexOf('\n```', start));
  }
  writeFileSync(join(repo, 'README.md'), readme);
} finally {
  rmSync(out, { recursive: true, force: true });
}
