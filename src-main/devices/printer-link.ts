import type { Result } from '../../shared/util/result';

/**
 * A byte pipe to one printer (a TCP connection, a serial port, a USB device file). Writes
 * resolve only once the bytes are handed to the OS (drain), so a busy printer slows us down
 * instead of losing bytes.
 */
export interface PrinterLink {
  write(bytes: Buffer): Promise<Result<void, 'device_offline'>>;
  /** replies from the printer; absent on write-only links (USB device files) */
  onData(listener: (chunk: Buffer) => void): void;
  /** the peer went away (connection reset, port unplugged) */
  onClose(listener: () => void): void;
  readonly canRead: boolean;
  close(): Promise<void>;
}

export interface LinkFactory {
  open(): Promise<Result<PrinterLink, 'device_offline' | 'not_configured'>>;
  readonly description: string;
}
