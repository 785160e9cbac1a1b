/**
 * What a command runs with: where it prints, the working folder, the
 * environment, and whether each stream is a terminal. Tests give their own.
 */

/** A stream a command prints to. */
export interface OutputStream {
  write(text: string): unknown;
  /** Whether the stream is a terminal: colours and progress lines only then. */
  readonly isTTY?: boolean;
}

export interface CliContext {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** The working folder relative paths start from. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The context of the running process. */
export function processContext(): CliContext {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}
