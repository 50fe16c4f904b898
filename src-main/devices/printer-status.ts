import type { PrinterState } from '../../shared/ipc/printer';

/**
 * Epson real-time status (`DLE EOT n`). Each answer is one byte with bits 1 and 4 set and
 * bits 0 and 7 clear — that fixed pattern is how we tell status bytes from other replies.
 */
export const DLE_EOT = (n: 1 | 2 | 3 | 4) => Buffer.from([0x10, 0x04, n]);
export const STATUS_QUERY = Buffer.concat([DLE_EOT(1), DLE_EOT(2), DLE_EOT(3), DLE_EOT(4)]);

export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

export interface RawStatus {
  /** n=1 printer: bit 3 offline */
  readonly printer: number;
  /** n=2 offline cause: bit 2 cover open, bit 5 paper end stop, bit 6 error */
  readonly offline: number;
  /** n=3 error cause: bit 3 cutter, bit 5 unrecoverable, bit 6 auto-recoverable */
  readonly error: number;
  /** n=4 roll paper sensor: bits 2–3 near end, bits 5–6 end */
  readonly paper: number;
}

export interface InterpretedStatus {
  readonly state: PrinterState;
  readonly paperNearEnd: boolean;
  readonly message?: string;
}

export function interpretStatus(raw: RawStatus): InterpretedStatus {
  const paperNearEnd = (raw.paper & 0x0c) !== 0;
  if ((raw.paper & 0x60) !== 0 || (raw.offline & 0x20) !== 0) {
    return {
      state: 'paper_out',
      paperNearEnd,
      message: 'The printer is out of paper. Load a new roll.',
    };
  }
  if ((raw.offline & 0x04) !== 0) {
    return { state: 'cover_open', paperNearEnd, message: 'The printer cover is open. Close it.' };
  }
  if ((raw.error & 0x68) !== 0 || (raw.offline & 0x40) !== 0) {
    return {
      state: 'error',
      paperNearEnd,
      message: 'The printer reports an error (cutter or mechanism).',
    };
  }
  if ((raw.printer & 0x08) !== 0) {
    return { state: 'offline', paperNearEnd, message: 'The printer is offline.' };
  }
  return paperNearEnd
    ? { state: 'ready', paperNearEnd, message: 'Paper is running low.' }
    : { state: 'ready', paperNearEnd };
}

/** `GS ( H fn=48`: the printer answers `37 22 d1..d4 00` once everything before it has printed. */
export function processIdRequest(id: string): Buffer {
  return Buffer.concat([
    Buffer.from([0x1d, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30]),
    Buffer.from(id, 'latin1'),
  ]);
}

/** Drawer pulse `ESC p m t1 t2` (times in 2 ms units), or Star's `ESC BEL n1 n2 BEL`. */
export function drawerKick(
  driver: 'epson' | 'star',
  drawer: { pin: 0 | 1; onMs: number; offMs: number },
): Buffer {
  const t1 = Math.min(255, Math.max(1, Math.round(drawer.onMs / 2)));
  const t2 = Math.min(255, Math.max(1, Math.round(drawer.offMs / 2)));
  if (driver === 'star') {
    // Star times are in 10 ms units.
    return Buffer.from([
      0x1b,
      0x07,
      Math.max(1, Math.round(drawer.onMs / 10)),
      Math.max(1, Math.round(drawer.offMs / 10)),
      0x07,
    ]);
  }
  return Buffer.from([0x1b, 0x70, drawer.pin, t1, t2]);
}
