/**
 * Colours and progress lines: only on a terminal, never when NO_COLOR is set;
 * FORCE_COLOR (anything but `0`/`false`) turns colours on for any stream
 * (https://no-color.org, https://force-color.org). A progress line is shown
 * on a terminal only, and erased before anything else is printed.
 */
import type { OutputStream } from './context';

/** Ways text is styled. */
export interface Style {
  readonly enabled: boolean;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

/** Whether to colour what goes to `stream`. */
export function colourEnabled(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** The style of a stream. */
export function styleFor(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): Style {
  const on = colourEnabled(stream, env);
  const sgr = (open: number, close: number) => (text: string) => (on && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { enabled: on, red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), bold: sgr(1, 22), dim: sgr(2, 22) };
}

/** A one-line progress message on a terminal; a no-op on any other stream. */
export interface Progress {
  /** Shows `text` in place of the previous message. */
  update(text: string): void;
  /** Erases the message. */
  done(): void;
}

export function progressOn(stream: OutputStream): Progress {
  if (stream.isTTY !== true) return { update: () => undefined, done: () => undefined };
  let shown = false;
  return {
    update(text: string) {
      stream.write(`\r\u001b[2K${text}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
