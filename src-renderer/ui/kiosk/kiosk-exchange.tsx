import { useCallback, useEffect, useRef, useState } from 'react';
import type { Actor } from '../../../shared/commands/types';
import type { Money } from '../../../shared/money';
import { formatReceiptNumber } from '../../../shared/orders/receipt-number';
import type { CardTerminal } from '../../app/card-terminal';
import { printExchangeSlips } from '../../app/exchange-print';
import {
  exchangeAtKiosk,
  judgeKioskExchange,
  quoteKioskExchange,
  type ExchangeStep,
  type KioskExchangeOutcome,
  type KioskExchangeQuote,
  type KioskExchangeStart,
} from '../../app/kiosk-exchange';
import type { KioskSeatHolds } from '../../app/kiosk-seats';
import { ticketVerdict } from '../../devices/scan-router';
import type { CartItem } from '../../flows/quote-cart';
import { useLocale } from '../../i18n';
import type { TicketScanVerdict } from '../../scan';
import { useContractClient } from '../../transport/client-context';
import { useScanFlow, useScanning } from '../scan-context';
import { useTill } from '../till-context';
import { useText } from '../use-text';
import {
  KioskExchangeDone,
  KioskExchangeFailed,
  KioskExchangeOffice,
  KioskExchangeQuoteScreen,
  KioskExchanging,
} from './kiosk-exchange-screens';
import { KioskPerformances } from './kiosk-performances';
import { KioskQuantity } from './kiosk-quantity';
import { KioskTicketChecking, KioskTicketCode } from './kiosk-refund';
import { KioskSeats, type HeldSeat } from './kiosk-seats';

type Choose = Extract<KioskExchangeStart, { kind: 'choose' }>;
type Offer = Extract<KioskExchangeQuote, { kind: 'offer' }>;

/** Where a self-exchange is. Everything of the customer lives here and goes when it unmounts. */
type ExchangeScreen =
  | { readonly kind: 'scan' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'refused'; readonly start: Exclude<KioskExchangeStart, Choose> }
  | { readonly kind: 'performances'; readonly chosen: Choose }
  | {
      readonly kind: 'new_tickets';
      readonly chosen: Choose;
      readonly performanceId: string;
      readonly seated: boolean;
    }
  | { readonly kind: 'quote'; readonly chosen: Choose; readonly quote: KioskExchangeQuote }
  | { readonly kind: 'exchanging'; readonly amount: Money; readonly step: ExchangeStep }
  | {
      readonly kind: 'failed';
      readonly outcome: Exclude<KioskExchangeOutcome, { kind: 'exchanged' }>;
    }
  | {
      readonly kind: 'done';
      readonly outcome: Extract<KioskExchangeOutcome, { kind: 'exchanged' }>;
      readonly receipt: string;
    };

/**
 * Self-exchange at the kiosk (issue 15 item 2): scan or type the ticket's code → the exchange
 * rules' answer → another performance and its places or seats (the kiosk's own buying
 * screens) → planExchange's lines → the difference by card, back to the card, as a voucher,
 * or nothing → the new tickets and the exchange slip print. The decisions are
 * app/kiosk-exchange.ts's; this only shows them. The new seats are held in the kiosk's cart,
 * so a reset, "Start over" or the inactivity timeout gives them back (kiosk-customer-flow).
 */
export function KioskExchange({
  actor,
  terminal,
  pollMs,
  cartId,
  holds,
  held,
  onHeld,
  giveBack,
  onExchanged,
  onBusy,
  onDone,
}: {
  readonly actor: Actor;
  readonly terminal: CardTerminal;
  readonly pollMs: number;
  readonly cartId: string;
  readonly holds: KioskSeatHolds;
  readonly held: readonly HeldSeat[];
  readonly onHeld: (held: readonly HeldSeat[]) => void;
  readonly giveBack: () => Promise<void>;
  readonly onExchanged: () => void;
  readonly onBusy: (busy: boolean) => void;
  readonly onDone: () => void;
}) {
  const till = useTill();
  const client = useContractClient();
  const scanning = useScanning();
  const text = useText();
  const { locale } = useLocale();
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const [screen, setScreen] = useState<ExchangeScreen>({ kind: 'scan' });
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const show = useCallback((next: ExchangeScreen) => {
    if (live.current) setScreen(next);
  }, []);

  const judge = useCallback(
    (verdict: TicketScanVerdict) => {
      const start = judgeKioskExchange(till, verdict);
      show(
        start.kind === 'choose'
          ? { kind: 'performances', chosen: start }
          : { kind: 'refused', start },
      );
    },
    [till, show],
  );

  const accepting = screen.kind === 'scan';
  useScanFlow('kiosk-exchange', ['ticket'], (scan) => {
    if (!accepting || scan.ticket === undefined) return null;
    show({ kind: 'checking' });
    judge(scan.ticket);
    return ticketVerdict('kiosk-exchange', scan.data, scan.ticket);
  });

  const typed = async (code: string) => {
    if (scanning === null) return;
    show({ kind: 'checking' });
    judge(await scanning.tickets.scan(code));
  };

  const quote = (chosen: Choose, items: readonly CartItem[]) => {
    show({ kind: 'checking' });
    void quoteKioskExchange(
      till,
      chosen.orderId,
      chosen.ticketId,
      items.map((i) => ({
        performanceId: i.performanceId,
        tierId: i.tierId,
        quantity: i.quantity,
        ...(i.seatId !== undefined ? { seatId: i.seatId } : {}),
      })),
      actor,
      cartId,
    ).then((q) => show({ kind: 'quote', chosen, quote: q }));
  };

  const chooseAgain = (chosen: Choose) => {
    void giveBack();
    show({ kind: 'performances', chosen });
  };

  const exchange = (offer: Offer) => {
    const { settle } = offer;
    const amount =
      settle.kind === 'even'
        ? offer.plan.due
        : settle.kind === 'back_to_card'
          ? settle.card.amount
          : settle.amount;
    show({ kind: 'exchanging', amount, step: 'checking' });
    onBusy(true);
    void exchangeAtKiosk(
      {
        till,
        terminal,
        actor,
        pollMs,
        holdId: cartId,
        print: (payload, sale) =>
          printExchangeSlips(client, till, payload, sale, localeRef.current),
        onStep: (step) => show({ kind: 'exchanging', amount, step }),
      },
      offer,
    )
      .then(async (outcome) => {
        if (outcome.kind === 'exchanged') {
          onExchanged();
          show({
            kind: 'done',
            outcome,
            receipt: formatReceiptNumber(till.terminalId, outcome.exchange.receiptNo),
          });
        } else {
          // Nothing exchanged: the new seats go back for others.
          await giveBack();
          show({ kind: 'failed', outcome });
        }
      })
      .finally(() => onBusy(false));
  };

  const title = text('kiosk.exchange.title');
  switch (screen.kind) {
    case 'scan':
      return (
        <KioskTicketCode
          title={title}
          hints={<p>{text('kiosk.exchange.scanHint')}</p>}
          onCode={(code) => void typed(code)}
          onCancel={onDone}
        />
      );
    case 'checking':
      return <KioskTicketChecking title={title} />;
    case 'refused':
      return (
        <KioskExchangeOffice
          start={screen.start}
          quote={null}
          onAnother={() => show({ kind: 'scan' })}
          onCancel={onDone}
        />
      );
    case 'performances':
      return (
        <KioskPerformances
          title={text('kiosk.exchange.choose')}
          only={screen.chosen.performanceIds}
          onPick={(performanceId, seated) =>
            show({ kind: 'new_tickets', chosen: screen.chosen, performanceId, seated })
          }
          onBack={() => show({ kind: 'scan' })}
        />
      );
    case 'new_tickets': {
      const { chosen, performanceId } = screen;
      const next = text('kiosk.exchange.next');
      return screen.seated ? (
        <KioskSeats
          key={performanceId}
          performanceId={performanceId}
          cartId={cartId}
          holds={holds}
          held={held}
          onHeld={onHeld}
          nextLabel={next}
          onPay={(items) => quote(chosen, items)}
          onBack={() => chooseAgain(chosen)}
        />
      ) : (
        <KioskQuantity
          key={performanceId}
          performanceId={performanceId}
          nextLabel={next}
          onPay={(items) => quote(chosen, items)}
          onBack={() => show({ kind: 'performances', chosen })}
        />
      );
    }
    case 'quote':
      return screen.quote.kind === 'offer' ? (
        <KioskExchangeQuoteScreen
          offer={screen.quote}
          onExchange={exchange}
          onChooseAgain={() => chooseAgain(screen.chosen)}
          onCancel={onDone}
        />
      ) : (
        <KioskExchangeOffice
          start={null}
          quote={screen.quote}
          onAnother={() => chooseAgain(screen.chosen)}
          onCancel={onDone}
        />
      );
    case 'exchanging':
      return <KioskExchanging amount={screen.amount} step={screen.step} />;
    case 'failed':
      return <KioskExchangeFailed outcome={screen.outcome} onDone={onDone} />;
    case 'done':
      return (
        <KioskExchangeDone outcome={screen.outcome} receipt={screen.receipt} onDone={onDone} />
      );
  }
}
