import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';

/**
 * A loopback ESC/POS printer on TCP (port 9100 by default) for the demo and the tests. Each
 * connection is one stream; every job in it is saved to `jobsDir` as raw bytes. It answers
 * `DLE EOT 1–4` with the bits a real Epson sends and `GS ( H` (process id) once a job has
 * "printed". Switches simulate paper out (jobs are dropped and not confirmed, so the host
 * must queue and retry), cover open, and a printer that refuses connections.
 *
 * Real-time commands are recognised between jobs (the host sends them before a job and after
 * its `GS ( H` trailer); inside job data they are stored as data, which keeps raster images
 * that happen to contain `10 04` intact.
 */
export interface VirtualPrinter {
  readonly port: number;
  /** jobs saved so far, oldest first (read back from jobsDir) */
  jobs(): Promise<Buffer[]>;
  setPaperOut(on: boolean): void;
  setPaperNearEnd(on: boolean): void;
  setCoverOpen(on: boolean): void;
  /** offline: existing connections are cut and new ones closed at once */
  setOffline(on: boolean): void;
  /** runs out of paper after this many more job bytes (a roll ending mid-receipt) */
  paperOutAfter(bytes: number): void;
  /** jobs that arrived while out of paper or with the cover open and were thrown away */
  droppedJobs(): number;
  /** serves the same printer over another byte stream, e.g. one end of a serial pty pair */
  attach(stream: Duplex): void;
  close(): Promise<void>;
}

export interface VirtualPrinterOptions {
  readonly host?: '127.0.0.1';
  /** 0 = any free port */
  readonly port?: number;
  readonly jobsDir: string;
}

const TRAILER_HEAD = Buffer.from([0x1d, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30]);
const TRAILER_LEN = TRAILER_HEAD.length + 4;

export async function startVirtualPrinter(opts: VirtualPrinterOptions): Promise<VirtualPrinter> {
  await mkdir(opts.jobsDir, { recursive: true });
  let paperOut = false;
  let nearEnd = false;
  let coverOpen = false;
  let offline = false;
  let paperLeft: number | null = null;
  let dropped = 0;
  let jobCounter = (await readdir(opts.jobsDir)).filter((n) => n.endsWith('.bin')).length;
  const sockets = new Set<Duplex>();
  const pendingWrites = new Set<Promise<void>>();

  const statusByte = (n: number): number => {
    switch (n) {
      case 1:
        return 0x12 | (paperOut || coverOpen ? 0x08 : 0);
      case 2:
        return 0x12 | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0);
      case 3:
        return 0x12;
      case 4:
        return 0x12 | (paperOut ? 0x60 : 0) | (nearEnd || paperOut ? 0x0c : 0);
      default:
        return 0x12;
    }
  };

  const saveJob = (bytes: Buffer) => {
    jobCounter += 1;
    const name = `job-${String(jobCounter).padStart(6, '0')}.bin`;
    // Written aside and renamed: whoever lists the folder (a test, a technician's script) sees
    // a job whole or not at all, never a file created but not yet filled.
    const path = join(opts.jobsDir, name);
    const write = writeFile(`${path}.part`, bytes).then(() => rename(`${path}.part`, path));
    const tracked = write.finally(() => pendingWrites.delete(tracked));
    pendingWrites.add(tracked);
    return tracked;
  };

  const handle = (socket: Duplex) => {
    if (offline) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    let job: Buffer[] = [];
    let jobLength = 0;
    let tail = Buffer.alloc(0);
    let spoiled = false;

    const finishJob = async (reply: Buffer | null) => {
      const bytes = Buffer.concat(job);
      job = [];
      jobLength = 0;
      tail = Buffer.alloc(0);
      const failed = spoiled || paperOut || coverOpen;
      spoiled = false;
      if (bytes.length === 0) return;
      if (failed) {
        dropped += 1;
        return;
      }
      await saveJob(bytes);
      if (reply && !socket.destroyed) socket.write(reply);
    };

    socket.on('data', (chunk: Buffer) => {
      let i = 0;
      while (i < chunk.length) {
        if (jobLength === 0 && chunk[i] === 0x10 && chunk[i + 1] === 0x04 && i + 2 < chunk.length) {
          socket.write(Buffer.from([statusByte(chunk[i + 2] ?? 0)]));
          i += 3;
          continue;
        }
        // Job data up to (and including) a GS ( H trailer, if this chunk holds one.
        const rest = chunk.subarray(i);
        const window = Buffer.concat([tail, rest]);
        const at = window.indexOf(TRAILER_HEAD);
        const end =
          at >= 0 && window.length >= at + TRAILER_LEN ? at + TRAILER_LEN - tail.length : -1;
        const take = end >= 0 ? rest.subarray(0, end) : rest;
        job.push(take);
        jobLength += take.length;
        if (paperLeft !== null) {
          paperLeft -= take.length;
          if (paperLeft <= 0) {
            paperOut = true;
            paperLeft = null;
            spoiled = true;
          }
        }
        if (paperOut || coverOpen) spoiled = true;
        if (end >= 0) {
          const id = window.subarray(at + TRAILER_HEAD.length, at + TRAILER_LEN);
          const reply = Buffer.concat([Buffer.from([0x37, 0x22]), id, Buffer.from([0x00])]);
          void finishJob(reply);
          i += end;
        } else {
          tail = window.subarray(Math.max(0, window.length - TRAILER_LEN));
          i = chunk.length;
        }
      }
    });
    socket.on('end', () => {
      // A job without a trailer (e.g. from another tool) counts as printed when the peer closes.
      void finishJob(null).finally(() => {
        if (!socket.destroyed) socket.end();
      });
    });
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 9100, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    async jobs() {
      await Promise.all([...pendingWrites]);
      const names = (await readdir(opts.jobsDir)).filter((n) => n.endsWith('.bin')).sort();
      return Promise.all(names.map((n) => readFile(join(opts.jobsDir, n))));
    },
    setPaperOut(on) {
      paperOut = on;
    },
    setPaperNearEnd(on) {
      nearEnd = on;
    },
    setCoverOpen(on) {
      coverOpen = on;
    },
    setOffline(on) {
      offline = on;
      if (on) for (const s of sockets) s.destroy();
    },
    paperOutAfter(bytes) {
      paperLeft = bytes;
    },
    droppedJobs: () => dropped,
    attach: handle,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...pendingWrites]);
    },
  };
}
