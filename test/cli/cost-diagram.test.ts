import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateCost, fleetDiagramMarkdown, fleetMermaid, formatCostReport } from '../../lib';
import { buildAcmeFleet } from '../../examples/acme/fleet';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';
import { ACME_PROGRAM, runCli, tempFolder } from './run-cli';

const temp = tempFolder('cost-diagram');
afterAll(() => temp.remove());
const acme = () => buildAcmeFleet({ supportDate: TEST_SUPPORT_DATE }).assemble();

describe('fleetform cost', () => {
  it('prints the estimate of the example, the tables estimateCost and formatCostReport give', async () => {
    const r = await runCli(['cost', ACME_PROGRAM]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(formatCostReport(estimateCost(acme())));
    expect(r.stdout).toContain('An estimate, not a quote');
    expect(r.stdout).toMatch(/fleet total\s+\$[\d,]+\.\d\d/);
  });

  it('counts the pools at the size asked for, and takes prices and usage from files', async () => {
    const prices = join(temp.dir, 'prices.json');
    const usage = join(temp.dir, 'usage.json');
    writeFileSync(prices, JSON.stringify({ regions: { 'eu-west-1': { natGatewayPerHour: 0.048 } } }));
    writeFileSync(usage, JSON.stringify({ natDataGibPerCluster: 500 }));
    const r = await runCli(['cost', ACME_PROGRAM, '--node-count', 'max', '--prices', prices, '--usage', usage, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const expected = estimateCost(acme(), {
      prices: { regions: { 'eu-west-1': { natGatewayPerHour: 0.048 } } },
      usage: { natDataGibPerCluster: 500, nodeCount: 'max' },
    });
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(expected.monthly).toBeGreaterThan(estimateCost(acme()).monthly);
  });

  it('refuses a wrong price with the key named, and a missing file with exit code 2', async () => {
    const prices = join(temp.dir, 'negative.json');
    writeFileSync(prices, JSON.stringify({ regions: { 'us-east-1': { albPerHour: -1 } } }));
    const wrong = await runCli(['cost', ACME_PROGRAM, '--prices', prices]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('prices.regions["us-east-1"].albPerHour is -1; a price cannot be negative');
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
    const missing = await runCli(['cost', ACME_PROGRAM, '--usage', join(temp.dir, 'nothing.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file');
  });
});

describe('fleetform diagram', () => {
  it('writes the Markdown with the Mermaid flowchart and an SVG of the example', async () => {
    const out = join(temp.dir, 'docs');
    const r = await runCli(['diagram', ACME_PROGRAM, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('acme.diagram.md');
    expect(readFileSync(join(out, 'acme.diagram.md'), 'utf8')).toBe(fleetDiagramMarkdown(acme()));
    const svg = readFileSync(join(out, 'acme.diagram.svg'), 'utf8');
    expect(svg).toContain('<svg');
    for (const c of acme().clusters) expect(svg).toContain(`<title>cluster_${c.clusterId.replace(/-/g, '_')}</title>`);
  });

  it('--print mermaid prints the flowchart the README shows', async () => {
    const r = await runCli(['diagram', ACME_PROGRAM, '--print', 'mermaid']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(fleetMermaid(acme()));
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(`\`\`\`mermaid\n${r.stdout}`);
  });
});
