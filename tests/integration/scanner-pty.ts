import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A virtual serial cable made by socat: the service opens `a` as if it were the scanner's
 * port; the test writes scans into `b`. Killing socat is an unplug, starting it again on the
 * same link paths is a replug.
 */
export interface PtyPair {
  readonly a: string;
  readonly b: string;
  start(): Promise<void>;
  /** SIGTERM and wait for exit: socat removes both links, the open port sees EIO/close. */
  stop(): Promise<void>;
  /** Writes to `b` through the thread pool, so the reader on the same event loop keeps going. */
  write(data: string | Uint8Array): Promise<void>;
}

export function ptyPair(dir: string): PtyPair {
  const a = join(dir, 'ttyA');
  const b = join(dir, 'ttyB');
  let proc: ChildProcess | null = null;
  let writer: FileHandle | null = null;

  return {
    a,
    b,
    async start() {
      await mkdir(dir, { recursive: true });
      const child = spawn(
        'socat',
        ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      proc = child;
      // socat logs "starting data transfer loop" once both ptys and links exist.
      await new Promise<void>((resolve, reject) => {
        let log = '';
        const timer = setTimeout(
          () => reject(new Error(`socat not ready in 10 s: ${log}`)),
          10_000,
        );
        child.stderr?.on('data', (chunk: Buffer) => {
          log += chunk.toString();
          if (log.includes('starting data transfer loop') && existsSync(a) && existsSync(b)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`socat exited with ${code}: ${log}`));
        });
      });
      child.removeAllListeners('exit');
      writer = await open(b, 'r+');
    },
    async stop() {
      const child = proc;
      proc = null;
      await writer?.close();
      writer = null;
      if (!child || child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
    async write(data) {
      if (!writer) throw new Error('pty pair is not started');
      const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await writer.write(bytes, offset, bytes.length - offset);
        offset += bytesWritten;
      }
    },
  };
}

/** Collects events and resolves waits as soon as a condition holds (no sleeps), bounded by a timeout. */
export function collector<T>() {
  const items: T[] = [];
  const waiters = new Set<() => void>();
  return {
    items,
    push(item: T) {
      items.push(item);
      for (const w of [...waiters]) w();
    },
    waitFor(predicate: (items: readonly T[]) => boolean, timeoutMs: number, what: string) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!predicate(items)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `timed out after ${timeoutMs} ms waiting for ${what} (${items.length} collected)`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** Deterministic PRNG (mulberry32) so a failing run can be replayed from its seed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
