import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fleetGraph, renderFleetSvg } from '../../lib';
import { childEnv, transpileLib } from '../helpers/transpiled-lib';
import { acmeAssembly, oddAssembly } from './fleets';

describe('renderFleetSvg', () => {
  it('draws the acme example: every region and cluster, the zone, the routes', async () => {
    const assembly = acmeAssembly();
    const svg = await renderFleetSvg(assembly);
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toMatch(/<svg [^>]*viewBox=/);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    // Graphviz writes each node's id as its title and escapes '-' in text as &#45;.
    const text = (s: string) => s.replace(/-/g, '&#45;');
    for (const c of assembly.fleet.clusters) {
      expect(svg, c.id).toContain(`<title>cluster_${c.id.replace(/-/g, '_')}</title>`);
      expect(svg, c.id).toContain(`>${text(c.id)}</text>`);
    }
    for (const r of fleetGraph(assembly).regions) expect(svg).toContain(`>${text(r.label)}</text>`);
    expect(svg).toContain('>GDPR zone eu</text>');
    expect(svg).toContain('>/api/* → api</text>');
    expect(svg).toContain('>continent EU (zone eu)</text>');
  });

  it('gives the same SVG for the same fleet', async () => {
    const first = await renderFleetSvg(acmeAssembly());
    expect(await renderFleetSvg(acmeAssembly())).toBe(first);
  });

  it('escapes odd names in the SVG text', async () => {
    const svg = await renderFleetSvg(oddAssembly());
    expect(svg).toContain('>/say&quot;hi&quot;&amp;&#39;@:+$~/* → api</text>');
    expect(svg).toContain('>a&#45;&#45;b</text>');
  });
});

describe("import 'fleetform' (built as CommonJS)", () => {
  it('loads Graphviz only when an SVG is asked for, and renders one', { timeout: 120_000 }, () => {
    const lib = transpileLib();
    try {
      const script = `
        const loaded = () => Object.keys(require.cache).some((f) => /[\\\\/]@viz-js[\\\\/]/.test(f));
        const ff = require(${JSON.stringify(join(lib.root, 'lib', 'index.js'))});
        const before = loaded();
        const fleet = new ff.Fleet('acme', { addressLock: ff.AddressLock.none(), supportDate: '2026-12-04' });
        new ff.RegionalCluster(fleet, 'one', { region: 'eu-west-1', environment: 'production' });
        const assembly = fleet.assemble();
        const mermaid = ff.fleetMermaid(assembly);
        const afterText = loaded();
        ff.renderFleetSvg(assembly).then((svg) => {
          process.stdout.write(JSON.stringify({ before, afterText, afterSvg: loaded(), mermaid: mermaid.includes('cluster_one('), svg: svg.includes('<title>cluster_one</title>') }));
        });
      `;
      const run = spawnSync(process.execPath, ['-e', script], { env: childEnv(), encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({ before: false, afterText: false, afterSvg: true, mermaid: true, svg: true });
    } finally {
      lib.remove();
    }
  });
});
