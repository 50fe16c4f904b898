/**
 * The real server entry point (src-server/main.ts via tsx) as a child process on port 0,
 * for tests that kill it: it reports the address it listens on in its "Server listening
 * at" log line. Every child started here is killed when the test process exits, also when
 * a test fails halfway.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  /** The last lines it logged (for a failure message). */
  log(): string;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

export function startServerProcess(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-20_000);
  };
  return new Promise((resolve, reject) => {
    let found = false;
    child.stdout.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (found) return;
      const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(tail);
      if (m) {
        found = true;
        const port = Number(m[1]);
        resolve({ child, port, url: `http://127.0.0.1:${port}`, log: () => tail });
      }
    });
    child.stderr.on('data', keep);
    child.on('exit', (code, signal) => {
      if (!found) reject(new Error(`server exited (${code ?? signal}) before listening:\n${tail}`));
    });
  });
}

/** kill -9: no shutdown hook runs, open transactions die with the process. */
export function killHard(server: ServerProcess): Promise<void> {
  return stopWith(server, 'SIGKILL');
}

/** SIGTERM: main.ts closes the listener, then the database. */
export function stopGracefully(server: ServerProcess): Promise<void> {
  return stopWith(server, 'SIGTERM');
}

function stopWith(server: ServerProcess, signal: NodeJS.Signals): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
