/**
 * Where an app's secret comes from: a secret of AWS Secrets Manager, copied
 * into the app's namespace by the External Secrets Operator. fleetform never
 * reads or writes the value; the manifests carry only the reference.
 */
import { checkRegion } from './catalog/aws-regions';
import { describeValue, quote } from './checks/describe';
import { isKind, markKind } from './markers';

/** Options of {@link SecretReference.fromSecretsManager}. */
export interface SecretsManagerReferenceOptions {
  /**
   * The JSON key inside the secret's value to read, for a secret holding a
   * JSON object (as Secrets Manager's key/value secrets do).
   * @default - the whole secret string
   */
  readonly key?: string;
  /**
   * The region to read the secret from. It must be a region of the app's
   * residency zone, when the app has one.
   * @default - the region of the cluster the app runs on: replicate the secret to every region the app lands in
   */
  readonly region?: string;
}

/** Secrets Manager secret names: 1 to 512 of letters, digits and `/_+=.@-`. */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
/** What a Kubernetes Secret key (and an ESO `property`) may hold is wider, but a JSON key of letters, digits and `-._/` reads back unambiguously. */
const JSON_KEY = /^[A-Za-z0-9][-._/A-Za-z0-9]{0,252}$/;

/**
 * A reference to a secret value held outside the fleet's code and output,
 * such as `SecretReference.fromSecretsManager('acme/shop/db', { key: 'password' })`.
 *
 * Naming convention: every secret the fleet reads is named `<fleet>/...`
 * (such as `acme/shop/db`): the External Secrets Operator's IAM role may read
 * those and nothing else.
 */
export class SecretReference {
  /**
   * A secret of AWS Secrets Manager, by name (not ARN), such as `acme/shop/db`.
   * Its name must start with the fleet's name and a slash.
   */
  static fromSecretsManager(name: string, options: SecretsManagerReferenceOptions = {}): SecretReference {
    return new SecretReference('secrets-manager', name, options);
  }

  /** Whether `x` is a SecretReference (also one made by another copy of fleetform). */
  static isSecretReference(x: unknown): x is SecretReference {
    return isKind(x, 'secretReference');
  }

  /** The service holding the secret. */
  readonly service: 'secrets-manager';
  /** The secret's name. */
  readonly secretName: string;
  /** The JSON key read inside the secret, when one was given. */
  readonly key?: string;
  /** The region read, when one was given; otherwise the cluster's own. */
  readonly region?: string;

  private constructor(service: 'secrets-manager', name: string, options: SecretsManagerReferenceOptions) {
    markKind(this, 'secretReference');
    this.service = service;
    this.secretName = name;
    const o = (options ?? {}) as Partial<SecretsManagerReferenceOptions>;
    if (o.key !== undefined) this.key = o.key;
    if (o.region !== undefined) this.region = o.region;
    this.#options = options;
  }

  /** The options as given, so that options of the wrong shape are reported rather than dropped. */
  readonly #options: unknown;

  /**
   * Problems of the reference itself, each starting with `what`; `fleet` is the
   * fleet's name, which the secret's name must start with.
   */
  problems(what: string, fleet: string): string[] {
    const problems: string[] = [];
    const given = this.#options;
    if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given))) {
      problems.push(`${what} options are ${describeValue(given)}, not an object; give them as { key: "password" } or { region: "eu-west-1" }`);
    }
    const name = this.secretName as unknown;
    if (typeof name !== 'string' || name === '') {
      problems.push(`${what} names no secret (${describeValue(name)}); give the Secrets Manager secret's name, such as "${fleet}/app/db"`);
    } else if (!SECRET_NAME.test(name)) {
      problems.push(`${what} secret name ${quote(name)} is not a Secrets Manager name (1 to 512 letters, digits and /_+=.@-; a name, not an ARN); rename it`);
    } else if (!name.startsWith(`${fleet}/`)) {
      problems.push(`${what} secret ${quote(name)} is outside the fleet's secrets: the External Secrets Operator may read only secrets named "${fleet}/..."; store it as "${fleet}/${name.replace(/^\/+/, '')}"`);
    }
    const key = this.key as unknown;
    if (key !== undefined && (typeof key !== 'string' || !JSON_KEY.test(key))) {
      problems.push(`${what} key ${typeof key === 'string' ? quote(key) : describeValue(key)} is not a JSON key fleetform can read (letters, digits and -._/, starting with a letter or digit); fix it, or leave key out to read the whole secret`);
    }
    const region = this.region as unknown;
    if (region !== undefined) {
      const bad = typeof region === 'string' ? checkRegion(region) : `region must be a string, not ${describeValue(region)}`;
      if (bad !== undefined) problems.push(`${what} ${bad}`);
    }
    return problems;
  }
}
