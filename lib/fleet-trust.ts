/**
 * The fleet's trust root: one certificate authority every cluster's
 * cert-manager issues workload certificates from, and whose certificate every
 * cluster trusts, so workloads on different clusters authenticate each other
 * with mTLS. Off unless the fleet asks for it: an AWS Private CA is billed
 * every month it exists.
 */
import { checkRegion } from './catalog/aws-regions';
import { describeValue, quote } from './checks/describe';
import { isKind, markKind } from './markers';
import { SecretReference } from './secret-reference';

/**
 * The usage mode of an AWS Private CA (fixed when the CA is created):
 * - `'short-lived'`: issues only certificates valid 7 days or less; $50 a month per CA
 *   and $0.058 per certificate (us-east-1 prices of 2025-07).
 * - `'general-purpose'`: any validity; $400 a month per CA and, per month, $0.75 per
 *   certificate for the first 1,000, $0.35 up to 10,000, $0.001 above.
 */
export type PrivateCaMode = 'short-lived' | 'general-purpose';

/** The key algorithm of the root CA's key, which never leaves AWS Private CA. */
export type CaKeyAlgorithm = 'EC_prime256v1' | 'EC_secp384r1' | 'RSA_2048' | 'RSA_4096';

/** The modes, for plain-JavaScript callers. */
const MODES: readonly PrivateCaMode[] = ['short-lived', 'general-purpose'];
/** The key algorithms, for plain-JavaScript callers. */
const KEY_ALGORITHMS: readonly CaKeyAlgorithm[] = ['EC_prime256v1', 'EC_secp384r1', 'RSA_2048', 'RSA_4096'];
/** An AWS Private CA ARN: region, account, CA id. */
const PRIVATE_CA_ARN = /^arn:aws:acm-pca:([a-z0-9-]+):(\d{12}):certificate-authority\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Options of {@link FleetTrust.awsPrivateCa}. */
export interface AwsPrivateCaOptions {
  /**
   * The region of the root CA. Every cluster's issuer calls it, from whatever region the
   * cluster is in; it cannot move later (a new region is a new CA, a new root every workload must trust).
   */
  readonly region: string;
  /**
   * The CA's usage mode. In `'short-lived'` mode every Certificate must ask for a
   * `duration` of 168h or less (cert-manager's default is 90 days, which the CA refuses);
   * cert-manager renews at two thirds of it.
   * @default 'short-lived' - $50 instead of $400 a month, and certificates that expire before a revocation list would matter
   */
  readonly mode?: PrivateCaMode;
  /**
   * The root key's algorithm.
   * @default 'EC_prime256v1'
   */
  readonly keyAlgorithm?: CaKeyAlgorithm;
  /**
   * Years the root certificate is valid, 1 to 30.
   * @default 10
   */
  readonly validityYears?: number;
}

/** Options of {@link FleetTrust.existingAwsPrivateCa}. */
export interface ExistingAwsPrivateCaOptions {
  /** The CA's ARN, such as `arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/0123abcd-...`. */
  readonly arn: string;
  /**
   * The CA's usage mode, as it was created (fleetform does not read it).
   * @default 'short-lived'
   */
  readonly mode?: PrivateCaMode;
}

/** Options of {@link FleetTrust.userProvided}. */
export interface UserProvidedCaOptions {
  /**
   * The Secrets Manager secret holding the CA: a JSON object with the keys `tls.crt` (the CA's
   * certificate, PEM) and `tls.key` (its private key, PEM, unencrypted). Named `<fleet>/...`, as
   * every secret the fleet reads; without `key` (both keys are read). Without `region`, each
   * cluster reads it in its own region: replicate it there.
   */
  readonly secret: SecretReference;
}

/** What each kind of trust root is. */
export type FleetTrustKind =
  /** No fleet trust: no cert-manager, no issuer, no bundle. */
  | 'none'
  /** A root AWS Private CA the deployment creates. */
  | 'aws-private-ca'
  /** An AWS Private CA that exists already, created outside the deployment. */
  | 'existing-aws-private-ca'
  /** The user's own CA certificate and key, read from Secrets Manager on each cluster. */
  | 'user-provided';

/**
 * Where the fleet's certificates come from. Use the factories:
 * `FleetTrust.awsPrivateCa({ region })`, `FleetTrust.existingAwsPrivateCa({ arn })`
 * or `FleetTrust.none()` (the default).
 */
export class FleetTrust {
  /** No fleet-wide trust root: nothing is installed. The default. */
  static none(): FleetTrust {
    return new FleetTrust('none', {});
  }

  /**
   * A root AWS Private CA the deployment creates in `region` (its key is made and kept by
   * AWS Private CA and is never exported), self-signed and activated. Every cluster gets
   * cert-manager, the AWS Private CA issuer (allowed to issue from this CA only) and
   * trust-manager with the CA's certificate.
   */
  static awsPrivateCa(options: AwsPrivateCaOptions): FleetTrust {
    return new FleetTrust('aws-private-ca', options as unknown as Record<string, unknown>);
  }

  /**
   * An AWS Private CA created outside the deployment (by another stack, or by hand): for a
   * fleet deployed in several stacks, which must all share one root. Its certificate must be installed
   * (the CA `ACTIVE`).
   */
  static existingAwsPrivateCa(options: ExistingAwsPrivateCaOptions): FleetTrust {
    return new FleetTrust('existing-aws-private-ca', options as unknown as Record<string, unknown>);
  }

  /**
   * The user's own CA, kept in AWS Secrets Manager: on each cluster the External Secrets
   * Operator copies it into the Secret `fleet-ca-key` of namespace `cert-manager`, and a
   * cert-manager `ClusterIssuer` of type CA named `fleet-ca` signs with it. No AWS Private CA
   * fee; but the CA's key then sits in a Secret of every cluster (never in `dist/` or a Pulumi
   * input): whoever can read Secrets in `cert-manager` on any cluster can issue certificates
   * the whole fleet trusts.
   */
  static userProvided(options: UserProvidedCaOptions): FleetTrust {
    return new FleetTrust('user-provided', options as unknown as Record<string, unknown>);
  }

  /** Whether `x` is a FleetTrust (also one made by another copy of fleetform). */
  static isFleetTrust(x: unknown): x is FleetTrust {
    return isKind(x, 'fleetTrust');
  }

  /** The CA's region: the one given, or the existing CA's. */
  readonly region?: string;
  /** The CA's usage mode. */
  readonly mode: PrivateCaMode;
  /** The root key's algorithm (for a CA the deployment creates). */
  readonly keyAlgorithm: CaKeyAlgorithm;
  /** Years the root certificate is valid (for a CA the deployment creates). */
  readonly validityYears: number;
  /** The existing CA's ARN. */
  readonly arn?: string;
  /** The secret holding a user-provided CA. */
  readonly secret?: SecretReference;
  /** Problems with the options, reported by the Fleet under its path. */
  readonly problems: readonly string[];

  private constructor(readonly kind: FleetTrustKind, options: Record<string, unknown>) {
    markKind(this, 'fleetTrust');
    const what = `FleetTrust.${kind === 'aws-private-ca' ? 'awsPrivateCa' : kind === 'user-provided' ? 'userProvided' : 'existingAwsPrivateCa'}()`;
    const problems: string[] = [];
    const o = typeof options === 'object' && options !== null ? options : {};
    if (kind !== 'none' && o !== options) problems.push(`${what} takes an object of options, not ${describeValue(options)}`);
    this.mode = MODES.includes(o.mode as PrivateCaMode) ? o.mode as PrivateCaMode : 'short-lived';
    if (kind !== 'none' && kind !== 'user-provided' && o.mode !== undefined && !MODES.includes(o.mode as PrivateCaMode)) {
      problems.push(`mode is ${describeValue(o.mode)}; use ${MODES.map((m) => `'${m}'`).join(' or ')}`);
    }
    this.keyAlgorithm = KEY_ALGORITHMS.includes(o.keyAlgorithm as CaKeyAlgorithm) ? o.keyAlgorithm as CaKeyAlgorithm : 'EC_prime256v1';
    this.validityYears = typeof o.validityYears === 'number' ? o.validityYears : 10;
    if (kind === 'aws-private-ca') {
      if (typeof o.region !== 'string') problems.push(`region is ${describeValue(o.region)}; name the region of the root CA, such as { region: 'eu-west-1' }`);
      else {
        const bad = checkRegion(o.region);
        if (bad) problems.push(bad);
        this.region = o.region;
      }
      if (o.keyAlgorithm !== undefined && !KEY_ALGORITHMS.includes(o.keyAlgorithm as CaKeyAlgorithm)) {
        problems.push(`keyAlgorithm is ${describeValue(o.keyAlgorithm)}; use one of ${KEY_ALGORITHMS.map((k) => `'${k}'`).join(', ')}`);
      }
      if (o.validityYears !== undefined && (!Number.isInteger(o.validityYears) || (o.validityYears as number) < 1 || (o.validityYears as number) > 30)) {
        problems.push(`validityYears is ${describeValue(o.validityYears)}; give a whole number of years from 1 to 30`);
      }
    } else if (kind === 'existing-aws-private-ca') {
      const m = typeof o.arn === 'string' ? PRIVATE_CA_ARN.exec(o.arn) : null;
      if (!m) {
        problems.push(`arn is ${typeof o.arn === 'string' ? quote(o.arn) : describeValue(o.arn)}, not an AWS Private CA ARN; give one such as "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/0123abcd-0123-0123-0123-0123456789ab"`);
      } else {
        const bad = checkRegion(m[1]!);
        if (bad) problems.push(`arn: ${bad}`);
        this.arn = o.arn as string;
        this.region = m[1];
      }
    } else if (kind === 'user-provided') {
      if (!SecretReference.isSecretReference(o.secret)) {
        problems.push(`secret is ${describeValue(o.secret)}; give SecretReference.fromSecretsManager("<fleet>/fleet-ca"), a secret holding the JSON keys tls.crt and tls.key`);
      } else {
        this.secret = o.secret;
        this.region = o.secret.region;
        if (o.secret.key !== undefined) {
          problems.push(`secret names the key ${quote(String(o.secret.key))}, but the CA is read whole: the secret is a JSON object with the keys tls.crt (certificate) and tls.key (private key); leave key out`);
        }
      }
    }
    this.problems = problems.map((p) => (p.startsWith(what) ? p : `${what}: ${p}`));
    this.#what = what;
  }

  readonly #what: string;

  /** Problems of the options and, for a user-provided CA, of its secret reference in fleet `fleet` (its name must start with `<fleet>/`). */
  problemsIn(fleet: string): string[] {
    return [...this.problems, ...(this.secret ? this.secret.problems(`${this.#what}:`, fleet) : [])];
  }
}
