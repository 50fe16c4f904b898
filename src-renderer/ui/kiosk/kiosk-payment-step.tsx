import type { KioskScreen } from './kiosk-screens';
import { KioskDone, KioskNotPaid, KioskPaying } from './kiosk-payment';

/** The screens from "pay" to "done", one component so the flow's switch stays short. */
export function KioskPayment({
  screen,
  onRetry,
  onDone,
}: {
  readonly screen: Extract<KioskScreen, { kind: 'paying' | 'not_paid' | 'done' }>;
  readonly onRetry: () => void;
  readonly onDone: () => void;
}) {
  switch (screen.kind) {
    case 'paying':
      return (
        <KioskPaying performanceId={screen.performanceId} total={screen.total} step={screen.step} />
      );
    case 'not_paid':
      return <KioskNotPaid screen={screen} onRetry={onRetry} onCancel={onDone} />;
    case 'done':
      return <KioskDone receipt={screen.receipt} printed={screen.printed} onDone={onDone} />;
  }
}
