import { useState } from 'react';
import type { SnapshotFrom } from 'xstate';
import { CASH_CODE_PREFIX } from '../../../shared/cash-codes/cash-code';
import type { Actor } from '../../../shared/commands';
import type { RoutedScan, ScanVerdict } from '../../devices/scan-router';
import type { CustomerFlowKind } from '../order-flow/customer-screen';
import { CustomerScreen } from '../order-flow/customer-screen';
import { useScanFlow } from '../scan-context';
import { useText } from '../use-text';
import { CashCodePayout } from './cash-code-payout';
import type { RefundActorRef } from './refund-flow';
import { canStartOver, endFlow, RefundFlow } from './refund-flow';

const refundKind: CustomerFlowKind<RefundActorRef, SnapshotFrom<RefundActorRef>> = {
  flowId: 'refund',
  title: 'ui.refund.title',
  Flow: RefundFlow,
  canStartOver,
  endFlow,
};

/**
 * The refund screen: one refund flow per customer — find the order, read out the policy
 * decision, choose tickets and method, a supervisor's PIN when the policy asks, commit, print
 * the voucher. All of that state is the refund machine's (see RefundFlow); the customer at
 * the window is CustomerScreen's. A cash-collection code, scanned or typed into the search,
 * opens its payout dialog instead (CashCodePayout).
 */
export function RefundScreen({ actor }: { readonly actor: Actor }) {
  const text = useText();
  // The code being paid out, and a counter so the same code scanned again checks again.
  const [cashCode, setCashCode] = useState<{ code: string; n: number } | null>(null);
  const open = (code: string) => setCashCode((c) => ({ code, n: (c?.n ?? 0) + 1 }));
  useScanFlow(
    'cash-code',
    ['cash_code'],
    (scan: RoutedScan): ScanVerdict => {
      open(scan.data);
      return {
        outcome: 'accepted',
        flow: 'cash-code',
        kind: scan.kind,
        data: scan.data,
        code: 'cash_code_read',
        message: text('ui.cashCode.scanRead'),
      };
    },
    1,
  );
  return (
    <>
      <CustomerScreen
        actor={actor}
        kind={refundKind}
        onTyped={(typed) => {
          if (!typed.toUpperCase().startsWith(CASH_CODE_PREFIX)) return false;
          open(typed.toUpperCase());
          return true;
        }}
      />
      {cashCode && (
        <CashCodePayout
          key={cashCode.n}
          code={cashCode.code}
          actor={actor}
          onClose={() => setCashCode(null)}
        />
      )}
    </>
  );
}
