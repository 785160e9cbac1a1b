import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const nodeRequire = createRequire(__filename);

function loaded(pattern: RegExp): string[] {
  return Object.keys(nodeRequire.cache).filter((file) => pattern.test(file));
}

describe("import 'fleetform'", () => {
  it('loads its dependencies but no @pulumi module', async () => {
    await import('../../lib');
    // The cache does record what the model loads (cdk8s is CommonJS, like @pulumi/*)...
    expect(loaded(/[\\/]node_modules[\\/]cdk8s[\\/]/).length).toBeGreaterThan(0);
    // ...and nothing from the Pulumi SDK.
    expect(loaded(/[\\/]node_modules[\\/]@pulumi[\\/]/)).toEqual([]);
  });
});
