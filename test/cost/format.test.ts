/** The formatted report: the acme example's, as the README shows it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAcmeFleet } from '../../examples/acme/fleet';
import { estimateCost, formatCostReport } from '../../lib';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

const acmeReport = () => formatCostReport(estimateCost(buildAcmeFleet({ supportDate: TEST_SUPPORT_DATE }).assemble()));

/** The block of the README between the cost markers. */
function readmeBlock(): string {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const m = /<!-- cost:acme -->\n```text\n([\s\S]*?)```\n<!-- \/cost:acme -->/.exec(readme);
  if (!m) throw new Error('README.md has no <!-- cost:acme --> block');
  return m[1]!;
}

describe('formatCostReport', () => {
  it('renders the acme example the same way every time', async () => {
    const text = acmeReport();
    expect(acmeReport()).toBe(text);
    await expect(text).toMatchFileSnapshot('__snapshots__/acme-cost.txt');
  });

  it('is what the README shows (after a change, copy __snapshots__/acme-cost.txt into its block)', () => {
    expect(readmeBlock()).toBe(acmeReport());
  });
});
