import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const nodeRequire = createRequire(__filename);

function loaded(pattern: RegExp): string[] {
  return Object.keys(nodeRequire.cache).filter((file) => pattern.test(file));
}

describe("import 'fleetform/testing'", () => {
  it('loads no @pulumi module, and neither the constructs nor cdk8s: it only reads what a fleet gives it', async () => {
    const testing = await import('../../lib/testing');
    expect(typeof testing.synthSnapshot).toBe('function');
    // ajv, which validates manifests, is loaded through the same cache...
    expect(loaded(/[\\/]node_modules[\\/]ajv[\\/]/).length).toBeGreaterThan(0);
    expect(loaded(/[\\/]node_modules[\\/]@pulumi[\\/]/)).toEqual([]);
    expect(loaded(/[\\/]node_modules[\\/](constructs|cdk8s|cdk8s-plus-28)[\\/]/)).toEqual([]);
  });
});
