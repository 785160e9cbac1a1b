/** Prints a bench mode's result line: this process's peak RSS plus extra fields. */
export function report(extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, ...extra })}\n`);
}
