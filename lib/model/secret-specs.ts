/** How the resolved fleet describes secrets: an app's secret variables and a cluster's secret stores. */

/** One secret environment variable of an app on a cluster. */
export interface AppSecretEnv {
  /** The variable's name, also the key of the Secret it is read from. */
  readonly name: string;
  /** The ClusterSecretStore that reads it. */
  readonly store: string;
  /** The Secrets Manager secret's name. */
  readonly secretName: string;
  /** The JSON key read inside the secret, when one was given. */
  readonly key?: string;
}

/** One file of an app read from Secrets Manager: mounted read-only at its path from the app's Secret. */
export interface AppSecretFile {
  /** The file's absolute path in the container. */
  readonly path: string;
  /** The key of the Secret (and of the ExternalSecret's data) that holds it: `file.` and the path, `/` as `.`. */
  readonly secretKey: string;
  /** The ClusterSecretStore that reads it. */
  readonly store: string;
  /** The Secrets Manager secret's name. */
  readonly secretName: string;
  /** The JSON key read inside the secret, when one was given. */
  readonly key?: string;
}

/** A ClusterSecretStore of a cluster: Secrets Manager in one region, for the namespaces of the apps that read from it. */
export interface ResolvedSecretStore {
  /** The store's name. */
  readonly name: string;
  readonly region: string;
  /** The namespaces allowed to use it, sorted. */
  readonly namespaces: readonly string[];
}
