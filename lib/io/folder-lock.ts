/**
 * One writer at a time on an output folder: a lock file beside it, created
 * exclusively, holding the writer's pid and host. A second synth waits a
 * bounded time, then fails naming the holder. A lock whose writer died (same
 * host, pid gone) is broken at once, so a killed synth does not block the next.
 *
 * Not proper-lockfile: its synchronous API cannot wait for a lock, and its
 * staleness relies on timers refreshing the lock's mtime, which never run
 * while a synchronous synth holds the event loop.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { OutputError } from './output-error';

/** How long a synth waits for another one to finish writing the same folder. */
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
/** A lock file still empty or unreadable after this long was left by a writer that died creating it. */
const UNREADABLE_LOCK_STALE_MS = 30_000;
const POLL_MS = 25;

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/** Takes the lock at `lockPath` for the folder `what`; returns the function that releases it. */
export function acquireFolderLock(lockPath: string, what: string, timeoutMs: number = DEFAULT_LOCK_TIMEOUT_MS): () => void {
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (tryCreate(lockPath, me)) return () => rmSync(lockPath, { force: true });
    const holder = readHolder(lockPath);
    if (isStale(lockPath, holder)) {
      breakStale(lockPath, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder === undefined ? 'another synth' : `another synth (pid ${holder.pid} on ${holder.host}, since ${holder.since})`;
      throw new OutputError([
        `${who} is writing ${what}; waited ${timeoutMs / 1000} s. Run one synth at a time into a folder; if no synth is running, delete ${lockPath}`,
      ]);
    }
    sleep(POLL_MS);
  }
}

function tryCreate(lockPath: string, me: Holder): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(me));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(lockPath: string): Holder | undefined {
  try {
    const data = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<Holder>;
    if (typeof data.pid === 'number' && typeof data.host === 'string' && typeof data.since === 'string') return data as Holder;
  } catch {
    // Empty while its writer fills it in, gone since, or damaged: judged by age below.
  }
  return undefined;
}

function isStale(lockPath: string, holder: Holder | undefined): boolean {
  if (holder === undefined) {
    try {
      return Date.now() - statSync(lockPath).mtimeMs > UNREADABLE_LOCK_STALE_MS;
    } catch {
      return false; // released meanwhile: the next attempt takes it
    }
  }
  return holder.host === hostname() && !isAlive(holder.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a stale lock, unless another writer replaced it meanwhile: one
 * breaker at a time (an exclusive folder), which reads the lock again first.
 */
function breakStale(lockPath: string, stale: Holder | undefined): void {
  const breaker = `${lockPath}-break`;
  try {
    mkdirSync(breaker);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // A breaker that died leaves its folder; older than a few seconds, it is gone for good.
    try {
      if (Date.now() - statSync(breaker).mtimeMs > 5_000) rmSync(breaker, { recursive: true, force: true });
    } catch {
      // removed by its owner meanwhile
    }
    sleep(POLL_MS);
    return;
  }
  try {
    const now = readHolder(lockPath);
    if (JSON.stringify(now) === JSON.stringify(stale) && isStale(lockPath, now)) rmSync(lockPath, { force: true });
  } finally {
    rmdirSync(breaker);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
