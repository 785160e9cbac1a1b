import { describe, expect, it } from 'vitest';
import { dotString, fleetDiagramMarkdown, fleetDot, fleetGraph, fleetMermaid, graphId, mermaidText } from '../../lib';
import { acmeAssembly, acmeWith, ODD_PATH, oddAssembly } from './fleets';

/** Whether every line of `before` appears in `after`, in the same order. */
function onlyAdded(before: string, after: string): { missing: string[]; added: string[] } {
  const a = after.split('\n');
  const missing: string[] = [];
  let i = 0;
  for (const line of before.split('\n')) {
    const at = a.indexOf(line, i);
    if (at < 0) missing.push(line);
    else i = at + 1;
  }
  const b = new Set(before.split('\n'));
  return { missing, added: a.filter((l) => !b.has(l)) };
}

describe('the acme example drawn', () => {
  const assembly = acmeAssembly();

  it('as Mermaid', async () => {
    await expect(fleetMermaid(assembly)).toMatchFileSnapshot('__snapshots__/acme.mmd');
  });

  it('as DOT, the same nodes and edges', async () => {
    const dot = fleetDot(assembly);
    await expect(dot).toMatchFileSnapshot('__snapshots__/acme.dot');
    const graph = fleetGraph(assembly);
    for (const n of graph.nodes) expect(dot).toContain(`"${n.id}" [label=`);
    expect(dot.match(/ -> /g)).toHaveLength(graph.edges.length);
    expect(fleetMermaid(assembly).match(/ -(->|\.->)/g)).toHaveLength(graph.edges.length);
  });

  it('byte for byte the same from a fresh build of the same fleet', () => {
    const again = acmeAssembly();
    expect(fleetMermaid(again)).toBe(fleetMermaid(assembly));
    expect(fleetDot(again)).toBe(fleetDot(assembly));
  });

  it('as a Markdown page: a title, the Mermaid block, a legend', () => {
    const page = fleetDiagramMarkdown(assembly);
    expect(page.startsWith('# Fleet acme\n\n```mermaid\n')).toBe(true);
    expect(page).toContain(`\`\`\`mermaid\n${fleetMermaid(assembly)}\`\`\`\n`);
    expect(page).toContain('| hexagon, dotted arrows | a GDPR zone and its member clusters |');
    expect(page.endsWith('\n')).toBe(true);
  });
});

describe('adding a production region to the picture', () => {
  it('only adds lines, to the Mermaid text and to the DOT text', () => {
    const before = acmeWith([]);
    const after = acmeWith(['sa-east-1']);
    for (const draw of [fleetMermaid, fleetDot]) {
      const { missing, added } = onlyAdded(draw(before), draw(after));
      expect(missing).toEqual([]);
      expect(added.length).toBeGreaterThan(0);
      for (const line of added) expect(line).toMatch(/sa[-_]east[-_]1|^\s*(end|})$/);
    }
  });
});

describe('odd names', () => {
  it('Mermaid labels escape what Mermaid or HTML would read as syntax', () => {
    expect(mermaidText('a "b" <c> #d & e|f`g\\h\r\nnext')).toBe('a #34;b#34; #60;c#62; #35;d #38; e#124;f#96;g#92;h next');
    expect(mermaidText('/api/* → api · eu-west-1')).toBe('/api/* → api · eu-west-1');
  });

  it('DOT strings escape quotes and backslashes', () => {
    expect(dotString('say "hi" \\ bye\nnow')).toBe('"say \\"hi\\" \\\\ bye now"');
  });

  it('reach the pictures escaped, with safe ids', () => {
    const assembly = oddAssembly();
    const mermaid = fleetMermaid(assembly);
    expect(mermaid).toContain(`[["${mermaidText(ODD_PATH)} → api<br/>latency"]]`);
    expect(mermaidText(ODD_PATH)).toBe('/say#34;hi#34;#38;\'@:+$~/*');
    expect(mermaid).toContain(`  ${graphId('cluster', 'a--b')}("a--b<br/>odd · k8s 1.36<br/>apps: web"):::cluster`);
    // Every quote in the text opens or closes a label: none comes from a name.
    for (const line of mermaid.split('\n')) expect((line.match(/"/g) ?? []).length % 2, line).toBe(0);
    const dot = fleetDot(assembly);
    expect(dot).toContain(`[label="/say\\"hi\\"&'@:+$~/* → api\\nlatency"`);
  });
});
