#!/usr/bin/env node
// Prints how fleetform's catalogue differs from what EKS offers today: the
// release calendar against `aws eks describe-cluster-versions`, and each
// minor's add-on choices against `aws eks describe-addon-versions`.
// For maintainers, with AWS credentials (any region that runs EKS); not run in CI.
// It changes no file: update the rows it names, with their source and readOn.
//
// Usage: npm run catalog:refresh [-- --region eu-west-1] [-- --save <dir>] [-- --from <dir>]
//   --region  passed to the AWS CLI (default: the CLI's own configuration)
//   --save    also writes every answer as JSON into <dir>
//   --from    reads the answers from a folder written by --save instead of calling AWS
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(repo, 'build', 'lib', 'catalog');
if (!existsSync(join(built, 'catalogue-diff.js'))) {
  console.error('catalog-refresh: build/ is missing; run `npm run catalog:refresh`, which builds first');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const { diffCatalogue, formatDifferences, minorsToAsk } = require(join(built, 'catalogue-diff.js'));
const { CORE_ADDON_NAMES } = require(join(built, 'eks-addons.js'));

/** The value after `flag` on the command line, or undefined. */
function option(flag) {
  const i = process.argv.indexOf(flag);
  return i < 0 ? undefined : process.argv[i + 1];
}
const region = option('--region');
const save = option('--save');
const from = option('--from');

/** One AWS CLI call's JSON answer, or the one saved under `file`. */
function answer(file, args) {
  if (from) return JSON.parse(readFileSync(join(from, file), 'utf8'));
  const text = execFileSync('aws', ['eks', ...args, '--output', 'json', ...(region ? ['--region', region] : [])], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (save) {
    mkdirSync(save, { recursive: true });
    writeFileSync(join(save, file), text);
  }
  return JSON.parse(text);
}

try {
  const today = new Date().toISOString().slice(0, 10);
  const clusterVersions = answer('cluster-versions.json', ['describe-cluster-versions']);
  const addonVersions = {};
  for (const minor of minorsToAsk(clusterVersions)) {
    addonVersions[minor] = {};
    for (const name of CORE_ADDON_NAMES) {
      addonVersions[minor][name] = answer(`addon-versions-${minor}-${name}.json`, ['describe-addon-versions', '--kubernetes-version', minor, '--addon-name', name]);
    }
  }
  for (const line of formatDifferences(diffCatalogue({ clusterVersions, addonVersions }, today), today)) console.log(line);
} catch (e) {
  console.error(`catalog-refresh: ${e instanceof Error ? e.message : e}`);
  if (!from) console.error('It needs the AWS CLI v2 with credentials that may call eks:DescribeClusterVersions and eks:DescribeAddonVersions.');
  process.exit(1);
}
