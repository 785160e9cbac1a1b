/**
 * The Pulumi SDK packages are optional peer dependencies of fleetform: a user
 * who only synthesizes manifests installs none of them. This module is the
 * first one `fleetform/pulumi` loads; it checks that all of them resolve and
 * otherwise stops with a message naming the missing ones and the fix, instead
 * of Node's bare "Cannot find module".
 */
import { createRequire } from 'node:module';

/** The packages `fleetform/pulumi` needs installed beside fleetform. */
export const PULUMI_PEERS: readonly string[] = ['@pulumi/pulumi', '@pulumi/aws', '@pulumi/kubernetes'];

/** The command that installs every peer. */
export const PULUMI_PEERS_INSTALL = `npm install ${PULUMI_PEERS.join(' ')}`;

/** Resolves a module id to a file, throwing when it cannot be found (as `require.resolve` does). */
export type ModuleResolver = (id: string) => string;

/** The peers that `resolve` cannot find, in `PULUMI_PEERS` order. */
export function missingPulumiPeers(resolve: ModuleResolver): string[] {
  return PULUMI_PEERS.filter((id) => {
    try {
      resolve(id);
      return false;
    } catch {
      return true;
    }
  });
}

/** The error message for missing peers: what is missing and the command that installs them. */
export function missingPulumiPeersMessage(missing: readonly string[]): string {
  return (
    `fleetform/pulumi needs ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not installed. ` +
    `The Pulumi binding uses ${PULUMI_PEERS.join(', ')} from your project; install them with:\n` +
    `  ${PULUMI_PEERS_INSTALL}\n` +
    `(importing 'fleetform' alone, to synthesize manifests, needs none of them)`
  );
}

/** Throws an error with `missingPulumiPeersMessage` when any peer cannot be resolved. */
export function assertPulumiPeersInstalled(resolve: ModuleResolver = createRequire(__filename).resolve): void {
  const missing = missingPulumiPeers(resolve);
  if (missing.length > 0) throw new Error(missingPulumiPeersMessage(missing));
}

assertPulumiPeersInstalled();
