/** The fleet's trust root as the resolved fleet carries it (see `trust.ts`, which decides it). */
import type { CaKeyAlgorithm, PrivateCaMode } from '../fleet-trust';

/** The fleet's trust root, as the deployment and every cluster see it. */
export interface ResolvedTrust {
  /**
   * `aws-private-ca`: the deployment creates a root CA; `existing-aws-private-ca`: it uses `arn`;
   * `user-provided`: the user's CA, read from Secrets Manager on each cluster.
   */
  readonly kind: 'aws-private-ca' | 'existing-aws-private-ca' | 'user-provided';
  /** The AWS Private CA's region; for a user-provided CA, the region its secret is read in, when one is named (else each cluster's own). */
  readonly region?: string;
  /** The AWS Private CA's usage mode (in `short-lived` mode certificates are valid 7 days at most); none for a user-provided CA. */
  readonly mode?: PrivateCaMode;
  /** For a user-provided CA: the secret holding it (JSON keys `tls.crt`, `tls.key`), the store that reads it, and the Secret it is copied into. */
  readonly secret?: { readonly name: string; readonly store: string; readonly target: string };
  /** The existing CA's ARN; undefined for a CA the deployment creates (known only once created). */
  readonly arn?: string;
  /** For a CA the deployment creates: its key and signing algorithms, subject and validity. */
  readonly root?: {
    readonly keyAlgorithm: CaKeyAlgorithm;
    readonly signingAlgorithm: string;
    readonly commonName: string;
    readonly organization: string;
    readonly validityYears: number;
  };
  /** The issuer's name on every cluster. */
  readonly issuer: string;
  /**
   * Where the CA's certificate is on each cluster, in trust-manager's trust namespace: the ConfigMap the
   * deployment writes (AWS Private CA), or the Secret the External Secrets Operator fills (user-provided).
   */
  readonly source: { readonly kind: 'ConfigMap' | 'Secret'; readonly namespace: string; readonly name: string; readonly key: string };
  /** The Bundle, and the ConfigMap (name and key) it fills in every namespace. */
  readonly bundle: { readonly name: string; readonly key: string };
}
