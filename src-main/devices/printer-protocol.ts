import { err, ok, type Result } from '../../shared/util/result';
import type { PrinterStatus } from '../../shared/ipc/printer';
import type { LinkFactory, PrinterLink } from './printer-link';
import {
  DLE_EOT,
  STATUS_QUERY,
  interpretStatus,
  isStatusByte,
  processIdRequest,
  type InterpretedStatus,
  type RawStatus,
} from './printer-status';

/**
 * Splits a printer's replies into status bytes and `GS ( H` process-id answers
 * (`37 22 d1 d2 d3 d4 00`) and hands them to whoever waits for them.
 */
class Replies {
  private buffer = Buffer.alloc(0);
  private readonly statuses: number[] = [];
  private readonly processIds: string[] = [];
  private wake: (() => void) | null = null;
  /** once the peer is gone no answer can come: waits end at once instead of timing out */
  closed = false;

  constructor(link: PrinterLink) {
    link.onData((chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.parse();
      this.wakeUp();
    });
    link.onClose(() => {
      this.closed = true;
      this.wakeUp();
    });
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private parse(): void {
    let i = 0;
    while (i < this.buffer.length) {
      const b = this.buffer[i] ?? 0;
      if (b === 0x37) {
        if (this.buffer.length - i < 7) break;
        if (this.buffer[i + 1] === 0x22) {
          this.processIds.push(this.buffer.subarray(i + 2, i + 6).toString('latin1'));
          i += 7;
          continue;
        }
      }
      if (isStatusByte(b)) this.statuses.push(b);
      i += 1;
    }
    this.buffer = this.buffer.subarray(i);
  }

  async statusBytes(count: number, timeoutMs: number): Promise<number[] | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.statuses.length < count) {
      if (!(await this.waitUntil(deadline))) return null;
    }
    return this.statuses.splice(0, count);
  }

  async processId(id: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.processIds.indexOf(id);
      if (at >= 0) {
        this.processIds.splice(at, 1);
        return true;
      }
      if (!(await this.waitUntil(deadline))) return false;
    }
  }

  private waitUntil(deadline: number): Promise<boolean> {
    const left = deadline - Date.now();
    if (left <= 0 || this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve(false);
      }, left);
      this.wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}

export type SendError = 'device_offline' | 'paper_out' | 'cover_open' | 'timeout' | 'internal';

/** A conversation with the printer over one open link. */
export class PrinterSession {
  private readonly replies: Replies;

  constructor(private readonly link: PrinterLink) {
    this.replies = new Replies(link);
  }

  get canRead(): boolean {
    return this.link.canRead;
  }

  async status(
    timeoutMs: number,
  ): Promise<Result<InterpretedStatus, 'device_offline' | 'timeout'>> {
    const written = await this.link.write(STATUS_QUERY);
    if (!written.ok) return written;
    const bytes = await this.replies.statusBytes(4, timeoutMs);
    if (!bytes && this.replies.closed)
      return err('device_offline', 'The printer closed the connection.');
    if (!bytes) return err('timeout', 'The printer did not answer the status request.');
    const [printer = 0, offline = 0, error = 0, paper = 0] = bytes;
    const raw: RawStatus = { printer, offline, error, paper };
    return ok(interpretStatus(raw));
  }

  /**
   * Sends a job and waits for the printer's receipt that it printed all of it. While waiting
   * it asks for the paper and offline status, so a roll running out mid-job ends the wait at
   * once with `paper_out` (the job stays queued) instead of after the full timeout.
   */
  async sendJob(
    bytes: Buffer,
    processId: string,
    opts: { timeoutMs: number; pollMs: number },
  ): Promise<Result<void, SendError>> {
    if (!this.link.canRead) {
      const written = await this.link.write(bytes);
      return written.ok ? ok(undefined) : written;
    }
    const written = await this.link.write(Buffer.concat([bytes, processIdRequest(processId)]));
    if (!written.ok) return written;
    const deadline = Date.now() + opts.timeoutMs;
    while (Date.now() < deadline) {
      if (await this.replies.processId(processId, Math.min(opts.pollMs, deadline - Date.now()))) {
        return ok(undefined);
      }
      const probe = await this.link.write(Buffer.concat([DLE_EOT(2), DLE_EOT(4)]));
      if (!probe.ok) return probe;
      const answer = await this.replies.statusBytes(2, opts.pollMs);
      if (this.replies.closed)
        return err('device_offline', 'The printer closed the connection mid-job.');
      if (!answer) continue;
      const [offline = 0, paper = 0] = answer;
      const s = interpretStatus({ printer: 0x12, offline, error: 0x12, paper });
      if (s.state === 'paper_out' || s.state === 'cover_open') {
        return err(s.state, s.message ?? s.state);
      }
    }
    return err('timeout', 'The printer did not confirm the job in time.');
  }

  close(): Promise<void> {
    return this.link.close();
  }
}

/** What the UI should show after a conversation failed this way. */
export function failureStatus(
  code: SendError | 'not_configured',
  message: string,
): Omit<PrinterStatus, 'queued'> {
  switch (code) {
    case 'paper_out':
    case 'cover_open':
      return { state: code, paperNearEnd: code === 'paper_out', message };
    case 'not_configured':
      return { state: 'unconfigured', paperNearEnd: false, message };
    case 'device_offline':
    case 'timeout':
      return { state: 'offline', paperNearEnd: false, message };
    case 'internal':
      return { state: 'error', paperNearEnd: false, message };
  }
}

/** Opens a link, runs one conversation on it and always closes it again. */
export async function inSession<T>(
  links: LinkFactory | null,
  fn: (s: PrinterSession) => Promise<Result<T, SendError>>,
): Promise<Result<T, SendError | 'not_configured'>> {
  if (!links) return err('not_configured', 'No printer is set up.');
  const opened = await links.open();
  if (!opened.ok) return opened;
  const session = new PrinterSession(opened.value);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
