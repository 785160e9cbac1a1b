import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fleetMermaid } from '../../lib';
import { acmeAssembly } from './fleets';

describe('README', () => {
  it('shows the acme example\'s diagram exactly as fleetMermaid draws it', () => {
    const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n### Diagram\n'));
    const block = /```mermaid\n([\s\S]*?)```/.exec(section);
    expect(block, 'a ```mermaid block under "### Diagram"').not.toBeNull();
    expect(block![1]).toBe(fleetMermaid(acmeAssembly()));
  });
});
