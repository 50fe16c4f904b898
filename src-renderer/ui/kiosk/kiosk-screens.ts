import type { PaymentStatus } from '../../../shared/ipc/payment';
import type { Money } from '../../../shared/money';
import type { PurchaseStep } from '../../app/kiosk-purchase';
import type { CartItem } from '../../flows/quote-cart';

/**
 * Where a kiosk customer is. Everything a customer chose lives in this one value, so going
 * back to `attract` (the inactivity reset, "Done") forgets them completely.
 */
export type KioskScreen =
  | { readonly kind: 'attract' }
  | { readonly kind: 'performances' }
  /** self-refund: its own steps live in KioskRefund (kiosk-refund.tsx) */
  | { readonly kind: 'refund' }
  /** self-exchange: its own steps live in KioskExchange (kiosk-exchange.tsx) */
  | { readonly kind: 'exchange' }
  | { readonly kind: 'quantity'; readonly performanceId: string }
  | { readonly kind: 'seats'; readonly performanceId: string }
  | {
      readonly kind: 'paying';
      readonly performanceId: string;
      /** reserved seats (back to the seat map) or standing places (back to the quantities) */
      readonly seated: boolean;
      readonly items: readonly CartItem[];
      readonly total: Money;
      readonly step: PurchaseStep;
    }
  | {
      readonly kind: 'not_paid';
      readonly performanceId: string;
      readonly seated: boolean;
      /** the terminal's reason, or why it could not take the card at all */
      readonly reason: PaymentStatus['reason'] | 'unavailable' | 'not_sold' | 'reversal_failed';
      readonly detail?: string;
    }
  | {
      readonly kind: 'done';
      readonly receipt: string;
      readonly printed: 'printed' | 'queued' | 'failed';
    };

export type KioskAction =
  | { readonly type: 'start' }
  | { readonly type: 'refund' }
  | { readonly type: 'exchange' }
  | { readonly type: 'pick'; readonly performanceId: string; readonly seated: boolean }
  | {
      readonly type: 'pay';
      readonly items: readonly CartItem[];
      readonly total: Money;
    }
  | { readonly type: 'step'; readonly step: PurchaseStep }
  | {
      readonly type: 'failed';
      readonly reason: Extract<KioskScreen, { kind: 'not_paid' }>['reason'];
      readonly detail?: string;
    }
  | {
      readonly type: 'sold';
      readonly receipt: string;
      readonly printed: 'printed' | 'queued' | 'failed';
    }
  | { readonly type: 'back' }
  | { readonly type: 'reset' };

export const ATTRACT: KioskScreen = { kind: 'attract' };

export function kioskReducer(screen: KioskScreen, action: KioskAction): KioskScreen {
  switch (action.type) {
    case 'reset':
      return ATTRACT;
    case 'start':
      return screen.kind === 'attract' ? { kind: 'performances' } : screen;
    case 'refund':
      return screen.kind === 'attract' ? { kind: 'refund' } : screen;
    case 'exchange':
      return screen.kind === 'attract' ? { kind: 'exchange' } : screen;
    case 'pick':
      return screen.kind === 'performances'
        ? { kind: action.seated ? 'seats' : 'quantity', performanceId: action.performanceId }
        : screen;
    case 'pay':
      return screen.kind === 'quantity' || screen.kind === 'seats'
        ? {
            kind: 'paying',
            performanceId: screen.performanceId,
            seated: screen.kind === 'seats',
            items: action.items,
            total: action.total,
            step: 'starting',
          }
        : screen;
    case 'step':
      return screen.kind === 'paying' ? { ...screen, step: action.step } : screen;
    case 'failed':
      return screen.kind === 'paying'
        ? {
            kind: 'not_paid',
            performanceId: screen.performanceId,
            seated: screen.seated,
            reason: action.reason,
            ...(action.detail !== undefined ? { detail: action.detail } : {}),
          }
        : screen;
    case 'sold':
      return screen.kind === 'paying'
        ? { kind: 'done', receipt: action.receipt, printed: action.printed }
        : screen;
    case 'back':
      return backFrom(screen);
  }
}

function backFrom(screen: KioskScreen): KioskScreen {
  switch (screen.kind) {
    case 'performances':
    case 'refund':
    case 'exchange':
      return ATTRACT;
    case 'quantity':
    case 'seats':
      return { kind: 'performances' };
    case 'not_paid':
      // Back to the order, to try again or change it (a seated one's holds were given back).
      return { kind: screen.seated ? 'seats' : 'quantity', performanceId: screen.performanceId };
    // A payment in progress cannot be walked away from on screen: the terminal decides it.
    case 'paying':
    case 'attract':
    case 'done':
      return screen;
  }
}

/** Whether the customer is mid-purchase with money at stake (no inactivity reset then). */
export const isPaying = (screen: KioskScreen): boolean => screen.kind === 'paying';
