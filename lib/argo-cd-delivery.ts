import { Construct } from 'constructs';
import { claimId, enterTree } from './construct-ids';
import { checkLater } from './errors';
import { Fields, readProps, shapes } from './input';
import { isKind } from './markers';
import { checkDnsLabel } from './naming';

/** Props of an {@link ArgoCdDelivery}. */
export interface ArgoCdDeliveryProps {
  /**
   * The Git repository Argo CD reads the synthesized output from, as Argo CD takes it:
   * `https://host/owner/repo.git`, `ssh://git@host/owner/repo.git` or `git@host:owner/repo.git`.
   * It holds no credentials; give Argo CD a repository Secret (or a CodeConnections connection) of its own.
   */
  readonly repoUrl: string;
  /**
   * The 12-digit AWS account the clusters run in: each cluster Secret's `server` is
   * its EKS cluster ARN, `arn:aws:eks:<region>:<account>:cluster/<fleet>-<cluster id>`.
   */
  readonly accountId: string;
  /**
   * The branch, tag or commit Argo CD follows.
   * @default 'HEAD'
   */
  readonly targetRevision?: string;
  /**
   * Where the synth's output folder sits in the repository (a relative path, `/`-separated):
   * each cluster's Applications read `<path>/<cluster id>`.
   * @default 'dist'
   */
  readonly path?: string;
  /**
   * The namespace of the Argo CD installation, where the cluster Secrets, AppProjects and ApplicationSets go.
   * @default 'argocd'
   */
  readonly namespace?: string;
}

const FIELDS: Fields = {
  repoUrl: { shape: shapes.string, example: '"https://github.com/acme/fleet-manifests.git"', required: true },
  accountId: { shape: shapes.string, example: '"123456789012"', required: true },
  targetRevision: { shape: shapes.string, example: '"main"' },
  path: { shape: shapes.string, example: '"dist"' },
  namespace: { shape: shapes.string, example: '"argocd"' },
};

/**
 * Delivery of the fleet by Argo CD, as the managed Argo CD capability of EKS
 * runs it: synth also writes `<outdir>/argocd/`, one cluster Secret (its
 * `server` the EKS cluster ARN, no credentials) and one AppProject per
 * cluster, one ApplicationSet per app and one for every cluster's other
 * manifests, whose RollingSync steps follow the rollout plan's waves.
 * Apply that folder to the namespace of the Argo CD installation. One per fleet.
 */
export class ArgoCdDelivery extends Construct {
  /** Whether `x` is an ArgoCdDelivery (also one made by another copy of fleetform). */
  static isArgoCdDelivery(x: unknown): x is ArgoCdDelivery {
    return isKind(x, 'argoCd');
  }

  /** The Git repository Argo CD reads the output from. */
  readonly repoUrl: string;
  /** The AWS account of the clusters' ARNs. */
  readonly accountId: string;
  /** The branch, tag or commit Argo CD follows (default `HEAD`). */
  readonly targetRevision: string;
  /** Where the output folder sits in the repository, without leading `./` or trailing `/` (default `dist`). */
  readonly path: string;
  /** The namespace of the Argo CD installation (default `argocd`). */
  readonly namespace: string;

  constructor(scope: Construct, id: string, props: ArgoCdDeliveryProps) {
    super(scope, claimId(scope, id, 'Argo CD delivery'));
    enterTree(this, id, 'argoCd');
    const read = readProps<ArgoCdDeliveryProps>(props, FIELDS);
    const p = read.props;
    this.repoUrl = p.repoUrl ?? '';
    this.accountId = p.accountId ?? '';
    this.targetRevision = p.targetRevision ?? 'HEAD';
    this.path = (p.path ?? 'dist').replace(/^\.\/+/, '').replace(/\/+$/, '');
    this.namespace = p.namespace ?? 'argocd';
    checkLater(this, () => [
      ...read.problems,
      ...(p.repoUrl !== undefined ? checkRepoUrl(p.repoUrl) : []),
      ...(p.accountId !== undefined && !/^\d{12}$/.test(p.accountId)
        ? [`accountId "${p.accountId}" is not an AWS account id; give the 12 digits of the account the clusters run in, such as "123456789012"`] : []),
      ...(p.targetRevision !== undefined && p.targetRevision.trim() === '' ? ['targetRevision is empty; give a branch, tag or commit, such as "main", or leave it out for "HEAD"'] : []),
      ...(p.path !== undefined ? checkRepoPath(p.path) : []),
      ...(p.namespace !== undefined ? [checkDnsLabel('namespace', p.namespace, 63)].filter((x): x is string => x !== undefined) : []),
    ]);
  }
}

/** Repository URLs Argo CD takes: https, ssh, or scp-like `user@host:path`. */
const REPO_URL = /^(https:\/\/[^\s/@]+\/\S+|ssh:\/\/[^\s/]+\/\S+|[\w.-]+@[\w.-]+:[^\s/]\S*)$/;

function checkRepoUrl(url: string): string[] {
  if (/^https?:\/\/[^/\s]*@/.test(url)) {
    return [`repoUrl "${url.replace(/\/\/[^@]*@/, '//***@')}" holds credentials; give the URL without them and give Argo CD a repository Secret of its own (fleetform never writes credentials)`];
  }
  if (!REPO_URL.test(url)) {
    return [`repoUrl "${url}" is not a Git repository URL Argo CD takes; give one such as "https://github.com/acme/fleet-manifests.git" or "git@github.com:acme/fleet-manifests.git"`];
  }
  return [];
}

function checkRepoPath(path: string): string[] {
  const clean = path.replace(/^\.\/+/, '').replace(/\/+$/, '');
  if (clean === '' || clean.startsWith('/') || clean.split('/').some((s) => s === '' || s === '.' || s === '..') || /[\s*?[\]{}]/.test(clean)) {
    return [`path "${path}" is not a folder of the repository; give the folder the output is committed to, relative to the repository's root, such as "dist" or "deploy/fleet"`];
  }
  return [];
}
