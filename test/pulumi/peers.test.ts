import { describe, expect, it } from 'vitest';
import { assertPulumiPeersInstalled, missingPulumiPeers, missingPulumiPeersMessage, PULUMI_PEERS } from '../../lib/pulumi/peers';

/** A resolver that finds only the given packages. */
function resolverWith(...installed: string[]) {
  return (id: string): string => {
    if (installed.includes(id)) return `/project/node_modules/${id}/index.js`;
    throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
  };
}

describe('the Pulumi peer check of fleetform/pulumi', () => {
  it('names the three Pulumi SDK packages as peers', () => {
    expect(PULUMI_PEERS).toEqual(['@pulumi/pulumi', '@pulumi/aws', '@pulumi/kubernetes']);
  });

  it('lists exactly the peers that do not resolve', () => {
    expect(missingPulumiPeers(resolverWith())).toEqual(['@pulumi/pulumi', '@pulumi/aws', '@pulumi/kubernetes']);
    expect(missingPulumiPeers(resolverWith('@pulumi/pulumi'))).toEqual(['@pulumi/aws', '@pulumi/kubernetes']);
    expect(missingPulumiPeers(resolverWith(...PULUMI_PEERS))).toEqual([]);
  });

  it('stops with a message naming what is missing and the install command', () => {
    expect(() => assertPulumiPeersInstalled(resolverWith('@pulumi/pulumi', '@pulumi/kubernetes'))).toThrow(
      'fleetform/pulumi needs @pulumi/aws, which is not installed. The Pulumi binding uses @pulumi/pulumi, @pulumi/aws, @pulumi/kubernetes from your project; install them with:\n' +
        '  npm install @pulumi/pulumi @pulumi/aws @pulumi/kubernetes\n',
    );
    expect(missingPulumiPeersMessage(['@pulumi/pulumi', '@pulumi/aws'])).toMatch(/^fleetform\/pulumi needs @pulumi\/pulumi, @pulumi\/aws, which are not installed/);
  });

  it('passes when every peer resolves, as in this repository', () => {
    expect(() => assertPulumiPeersInstalled(resolverWith(...PULUMI_PEERS))).not.toThrow();
    expect(() => assertPulumiPeersInstalled()).not.toThrow();
  });
});
