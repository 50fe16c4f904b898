import './kiosk-refund.css';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Actor } from '../../../shared/commands/types';
import type { Money } from '../../../shared/money';
import { formatReceiptNumber } from '../../../shared/orders/receipt-number';
import type { CardTerminal } from '../../app/card-terminal';
import {
  judgeKioskRefund,
  refundAtKiosk,
  type KioskRefundDecision,
  type KioskRefundOutcome,
  type RefundStep,
} from '../../app/kiosk-refund';
import { printRefundSlips } from '../../app/refund-print';
import { ticketVerdict } from '../../devices/scan-router';
import { useLocale, type MessageKey } from '../../i18n';
import type { TicketScanVerdict } from '../../scan';
import { useContractClient } from '../../transport/client-context';
import { useScanFlow, useScanning } from '../scan-context';
import { useTill } from '../till-context';
import { useText } from '../use-text';
import { KioskFrame } from './kiosk-frame';
import {
  KioskRefundDecisionScreen,
  KioskRefundDone,
  KioskRefundFailed,
  KioskRefunding,
} from './kiosk-refund-screens';

/** Where a self-refund is. Everything of the customer lives here and goes when it unmounts. */
export type RefundScreen =
  | { readonly kind: 'scan' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'decision'; readonly decision: KioskRefundDecision }
  | { readonly kind: 'refunding'; readonly amount: Money; readonly step: RefundStep }
  | { readonly kind: 'failed'; readonly outcome: Exclude<KioskRefundOutcome, { kind: 'refunded' }> }
  | {
      readonly kind: 'done';
      readonly outcome: Extract<KioskRefundOutcome, { kind: 'refunded' }>;
      readonly receipt: string;
    };

/**
 * Self-refund at the kiosk (issue 15 item 2): scan or type the ticket's code → the decision
 * in plain words → refund to the card or as a voucher when the policy allows it without a
 * person → the slip prints. The decisions are app/kiosk-refund.ts's; this only shows them.
 * `onBusy` tells the kiosk when money is moving, so the inactivity reset waits for it.
 */
export function KioskRefund({
  actor,
  terminal,
  pollMs,
  onBusy,
  onDone,
}: {
  readonly actor: Actor;
  readonly terminal: CardTerminal;
  readonly pollMs: number;
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
  const [screen, setScreen] = useState<RefundScreen>({ kind: 'scan' });
  const live = useRef(true);
  useEffect(() => {
    // Set here too: React's development mode mounts, unmounts and mounts again.
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const show = useCallback((next: RefundScreen) => {
    if (live.current) setScreen(next);
  }, []);

  const judge = useCallback(
    async (verdict: TicketScanVerdict) => {
      show({ kind: 'decision', decision: await judgeKioskRefund(till, verdict, actor) });
    },
    [till, actor, show],
  );

  // A ticket held to the scanner: the router's verdict, as at every till.
  const accepting = screen.kind === 'scan';
  useScanFlow('kiosk-refund', ['ticket'], (scan) => {
    if (!accepting || scan.ticket === undefined) return null;
    show({ kind: 'checking' });
    void judge(scan.ticket);
    return ticketVerdict('kiosk-refund', scan.data, scan.ticket);
  });

  const typed = async (code: string) => {
    if (scanning === null) return;
    show({ kind: 'checking' });
    await judge(await scanning.tickets.scan(code));
  };

  const refund = (
    offer: Extract<KioskRefundDecision, { kind: 'offer' }>,
    method: 'card' | 'voucher',
  ) => {
    const amount = method === 'card' ? offer.card!.amount : offer.voucher!;
    show({ kind: 'refunding', amount, step: 'checking' });
    onBusy(true);
    void refundAtKiosk(
      {
        till,
        terminal,
        actor,
        pollMs,
        print: (r) => printRefundSlips(client, till, r, localeRef.current),
        onStep: (step) => show({ kind: 'refunding', amount, step }),
      },
      offer,
      method,
    )
      .then((outcome) =>
        show(
          outcome.kind === 'refunded'
            ? {
                kind: 'done',
                outcome,
                receipt: formatReceiptNumber(till.terminalId, outcome.refund.receiptNo),
              }
            : { kind: 'failed', outcome },
        ),
      )
      .finally(() => onBusy(false));
  };

  const again = () => show({ kind: 'scan' });
  switch (screen.kind) {
    case 'scan':
      return (
        <KioskTicketCode
          title={text('kiosk.refund.title')}
          hints={
            <>
              <p>{text('kiosk.refund.scanHint')}</p>
              <p>{text('kiosk.exchange.refundHint')}</p>
            </>
          }
          onCode={(code) => void typed(code)}
          onCancel={onDone}
        />
      );
    case 'checking':
      return <KioskTicketChecking title={text('kiosk.refund.title')} />;
    case 'decision':
      return (
        <KioskRefundDecisionScreen
          decision={screen.decision}
          onRefund={refund}
          onAnother={again}
          onCancel={onDone}
        />
      );
    case 'refunding':
      return <KioskRefunding amount={screen.amount} step={screen.step} />;
    case 'failed':
      return <KioskRefundFailed outcome={screen.outcome} onDone={onDone} />;
    case 'done':
      return <KioskRefundDone outcome={screen.outcome} receipt={screen.receipt} onDone={onDone} />;
  }
}

/**
 * Scan the ticket, or type the code printed under its QR code: the first step of a
 * self-refund and of a self-exchange (kiosk-exchange.tsx).
 */
export function KioskTicketCode({
  title,
  hints,
  onCode,
  onCancel,
}: {
  readonly title: string;
  readonly hints: ReactNode;
  readonly onCode: (code: string) => void;
  readonly onCancel: () => void;
}) {
  const text = useText();
  const [code, setCode] = useState('');
  return (
    <KioskFrame id="kiosk-ticket-code-title" title={title} top={hints}>
      <form
        className="kiosk-refund-code"
        onSubmit={(e) => {
          e.preventDefault();
          if (code.trim() !== '') onCode(code.trim());
        }}
      >
        <label htmlFor="kiosk-ticket-code">{text('kiosk.refund.codeLabel')}</label>
        <input
          id="kiosk-ticket-code"
          value={code}
          autoComplete="off"
          autoFocus
          onChange={(e) => setCode(e.target.value)}
        />
        <button type="submit" className="kiosk-primary" disabled={code.trim() === ''}>
          {text('kiosk.refund.check')}
        </button>
      </form>
      <button type="button" className="kiosk-secondary" onClick={onCancel}>
        {text('kiosk.startOver')}
      </button>
    </KioskFrame>
  );
}

/** While the scanned ticket is judged. */
export function KioskTicketChecking({ title }: { readonly title: string }) {
  const text = useText();
  const key: MessageKey = 'kiosk.refund.checking';
  return (
    <KioskFrame id="kiosk-ticket-checking-title" title={title} busy>
      <p role="status">{text(key)}</p>
    </KioskFrame>
  );
}
