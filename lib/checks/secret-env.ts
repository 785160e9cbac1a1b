/**
 * Checks that keep secrets out of the fleet's code and output:
 * - a plaintext env value whose name looks like a secret (`*_PASSWORD`,
 *   `*_TOKEN`, `*_KEY`, anything with `SECRET`, case-insensitive; `-` and `.`
 *   count as `_`) is refused unless the app lists the name in `notSecret`;
 * - a secret reference must be well formed, name a secret of the fleet's
 *   prefix and, for an app with residency, read from a region of its zone.
 */
import { SecretReference } from '../secret-reference';
import { describeValue, isPlainObject, quote } from './describe';
import { ENV_NAME } from './env';

/** Names that look like they hold a secret. */
const SECRET_LOOKING = /(^|[-._])(PASSWORD|PASSWD|TOKEN|KEY)$|SECRET/i;

/** Whether an env variable's name looks like it holds a secret. */
export function looksLikeSecret(name: string): boolean {
  return SECRET_LOOKING.test(name);
}

/**
 * Problems of the plaintext variables of `env` whose names look like secrets and are not
 * listed in `notSecret`; each starts with `what` (such as `env` or `override "x" env`).
 */
export function checkPlaintextSecrets(env: unknown, notSecret: readonly string[] | undefined, what: string): string[] {
  if (!isPlainObject(env)) return [];
  const allowed = new Set(Array.isArray(notSecret) ? notSecret : []);
  return Object.keys(env).filter((name) => looksLikeSecret(name) && !allowed.has(name)).map((name) =>
    `${what} ${quote(name)} looks like a secret and would be written in plaintext into dist/ and the Pulumi inputs; ` +
    `read it from AWS Secrets Manager with secretEnv: { ${name}: SecretReference.fromSecretsManager("<fleet>/...") }, ` +
    `or, if the value is not secret, list the name in the app's notSecret: [${quote(name)}]`);
}

/** What a secret reference is checked against. */
export interface SecretEnvContext {
  /** The fleet's name: every secret the fleet reads is named `<fleet>/...`. */
  readonly fleet: string;
  /** The app's plaintext env, whose names must not repeat in `secretEnv`. */
  readonly env?: Readonly<Record<string, string>>;
  /** The app's residency zone, whose regions a reference may name. */
  readonly residency?: { readonly zoneName: string; readonly regions: readonly string[] };
}

/** Problems of an app's `secretEnv` and `notSecret`. */
export function checkSecretEnv(secretEnv: unknown, notSecret: unknown, ctx: SecretEnvContext): string[] {
  const problems: string[] = [];
  if (notSecret !== undefined) {
    for (const name of Array.isArray(notSecret) ? notSecret : []) {
      if (typeof name !== 'string' || !ENV_NAME.test(name)) problems.push(`notSecret lists ${describeValue(name)}, which is not an environment variable name; list names such as "PUBLIC_KEY"`);
    }
  }
  if (secretEnv === undefined) return problems;
  if (!isPlainObject(secretEnv)) return [...problems, `secretEnv must be an object of variable names to SecretReference values, not ${describeValue(secretEnv)}`];
  for (const [name, ref] of Object.entries(secretEnv)) {
    const at = `secretEnv ${quote(name)}`;
    if (!ENV_NAME.test(name) || name === '.' || name.startsWith('..')) {
      problems.push(`${at} is not a valid environment variable name (letters, digits, '-', '.' and '_', not starting with a digit); rename it`);
    }
    if (ctx.env !== undefined && Object.hasOwn(ctx.env, name)) {
      problems.push(`${at} is also a plaintext env variable; give each variable once: remove it from env`);
    }
    problems.push(...checkReference(at, ref, ctx));
  }
  return problems;
}

/** Problems of one secret reference given at `at`. */
function checkReference(at: string, ref: unknown, ctx: SecretEnvContext): string[] {
  if (!SecretReference.isSecretReference(ref)) {
    return [`${at} is ${describeValue(ref)}; give a SecretReference, such as SecretReference.fromSecretsManager("${ctx.fleet}/app/db", { key: "password" })`];
  }
  const problems = ref.problems(at, ctx.fleet);
  const zone = ctx.residency;
  if (zone && typeof ref.region === 'string' && !zone.regions.includes(ref.region)) {
    problems.push(`${at} reads from ${ref.region}, outside the app's residency zone ${zone.zoneName} (${zone.regions.join(', ')}); ` +
      `keep the secret in a zone region: name one of those, or leave region out to read from the cluster's own region`);
  }
  return problems;
}

/** A file path a secret can be mounted at: absolute, of plain segments. */
const FILE_PATH = /^(\/[A-Za-z0-9_][A-Za-z0-9._-]*){2,}$/;

/**
 * Problems of an app's `secretFiles`: absolute paths of at least a folder and a
 * name, outside `/tmp` and the app's volumes (each folder is mounted read-only,
 * over whatever the image has there), each a well-formed reference.
 */
export function checkSecretFiles(secretFiles: unknown, ctx: SecretEnvContext & { readonly mounts: readonly string[] }): string[] {
  if (secretFiles === undefined) return [];
  if (!isPlainObject(secretFiles)) return [`secretFiles must be an object of file paths to SecretReference values, not ${describeValue(secretFiles)}`];
  const problems: string[] = [];
  for (const [path, ref] of Object.entries(secretFiles)) {
    const at = `secretFiles ${quote(path)}`;
    if (!FILE_PATH.test(path) || path.split('/').includes('..')) {
      problems.push(`${at} is not a file path to mount a secret at; give an absolute path of a folder and a file name, such as "/etc/app/tls/ca.pem"`);
    } else {
      const folder = path.slice(0, path.lastIndexOf('/'));
      const clash = ctx.mounts.find((m) => m === folder || folder.startsWith(`${m}/`) || m.startsWith(`${folder}/`));
      if (clash !== undefined) problems.push(`${at} would mount folder ${folder} over or under ${clash}, which the app already mounts; put the file in a folder of its own, such as "/etc/secrets/${path.split('/').pop()}"`);
    }
    problems.push(...checkReference(at, ref, ctx));
  }
  return problems;
}
