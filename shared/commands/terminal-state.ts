import type { EntryLike, StaffRef } from '../journal/entry-types';
import type { Money } from '../money/money';

export interface OpenShift {
  readonly shiftId: string;
  readonly openedAt: string;
  readonly float: Money;
  readonly staff: StaffRef;
  readonly training: boolean;
}

/**
 * What a terminal's commands need to know about its own past, folded from its journal: who is
 * logged in, the open shift, the last receipt and Z numbers, training mode. Receipt and Z
 * numbers come from here, so they are gapless by construction: the next one is always the
 * last one in the journal plus one.
 */
export interface TerminalState {
  readonly terminalId: string;
  readonly session: StaffRef | null;
  readonly shift: OpenShift | null;
  readonly lastReceiptNo: number;
  readonly lastTrainingReceiptNo: number;
  readonly lastZNumber: number;
  readonly training: boolean;
}

export function initialTerminalState(terminalId: string): TerminalState {
  return {
    terminalId,
    session: null,
    shift: null,
    lastReceiptNo: 0,
    lastTrainingReceiptNo: 0,
    lastZNumber: 0,
    training: false,
  };
}

export function applyEntry(state: TerminalState, entry: EntryLike): TerminalState {
  switch (entry.type) {
    case 'login':
      return { ...state, session: entry.payload.staff };
    case 'logout':
      return { ...state, session: null };
    case 'training_mode':
      return { ...state, training: entry.payload.enabled };
    case 'shift_open': {
      const p = entry.payload;
      return {
        ...state,
        shift: {
          shiftId: p.shiftId,
          openedAt: entry.at,
          float: p.float,
          staff: p.staff,
          training: p.training,
        },
      };
    }
    case 'shift_close':
      return {
        ...state,
        shift: null,
        lastZNumber: entry.payload.zNumber ?? state.lastZNumber,
      };
    case 'sale':
    case 'refund':
    case 'exchange':
    case 'void':
      return entry.payload.training
        ? { ...state, lastTrainingReceiptNo: entry.payload.receiptNo }
        : { ...state, lastReceiptNo: entry.payload.receiptNo };
    case 'paid_in':
    case 'paid_out':
    case 'drop':
    case 'no_sale':
    case 'approval':
    case 'admission':
      return state;
  }
}

export function projectTerminal(terminalId: string, entries: Iterable<EntryLike>): TerminalState {
  let state = initialTerminalState(terminalId);
  for (const e of entries) state = applyEntry(state, e);
  return state;
}

/** The receipt number the next sale/refund/exchange/void takes. */
export function nextReceiptNo(state: TerminalState): number {
  return state.training ? state.lastTrainingReceiptNo + 1 : state.lastReceiptNo + 1;
}
