/** The fleet's trust root as the resolved fleet carries it (see `trust.ts`, which decides it). */
import type { CaKeyAlgorithm, PrivateCaMode } from '../fleet-trust';

/** The fleet's trust root, as the deployment and every cluster see it. */
export interface ResolvedTrust {
  /** `aws-private-ca`: the deployment creates a root CA; `existing-aws-private-ca`: it uses `arn`. */
  readonly kind: 'aws-private-ca' | 'existing-aws-private-ca';
  /** The CA's region. */
  readonly region: string;
  /** The CA's usage mode: in `short-lived` mode certificates are valid 7 days at most. */
  readonly mode: PrivateCaMode;
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
  /** Where the deployment writes the CA's certificate on each cluster (trust-manager's trust namespace), and the key. */
  readonly source: { readonly namespace: string; readonly name: string; readonly key: string };
  /** The Bundle, and the ConfigMap (name and key) it fills in every namespace. */
  readonly bundle: { readonly name: string; readonly key: string };
}
