import type { OutOfServiceCause } from '../../app/kiosk-service-state';
import type { MessageKey } from '../../i18n';
import { useText } from '../use-text';
import { KioskFrame } from './kiosk-frame';

const CAUSE_KEY: Record<OutOfServiceCause, MessageKey> = {
  paper: 'kiosk.oos.paper',
  printer: 'kiosk.oos.printer',
  terminal: 'kiosk.oos.terminal',
  sync: 'kiosk.oos.sync',
};

/** Not selling, and why; it goes by itself when every cause has cleared. */
export function OutOfService({ causes }: { readonly causes: readonly OutOfServiceCause[] }) {
  const text = useText();
  return (
    <KioskFrame
      id="kiosk-oos-title"
      title={text('kiosk.oos.title')}
      top={
        <>
          <p role="alert">{text('kiosk.oos.body')}</p>
          <ul>
            {causes.map((c) => (
              <li key={c}>{text(CAUSE_KEY[c])}</li>
            ))}
          </ul>
        </>
      }
    />
  );
}

/** "Do you need more time?" with a live countdown, "More time" and "Start over" low on the screen. */
export function InactivityWarning({
  secondsLeft,
  onMore,
  onStartOver,
}: {
  readonly secondsLeft: number;
  readonly onMore: () => void;
  /** A customer who is done can leave at once rather than wait out the countdown. */
  readonly onStartOver: () => void;
}) {
  const text = useText();
  return (
    <div className="kiosk-overlay">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="kiosk-idle-title"
        aria-describedby="kiosk-idle-body"
        className="kiosk-dialog"
      >
        <h2 id="kiosk-idle-title">{text('kiosk.idle.title')}</h2>
        <p id="kiosk-idle-body">{text('kiosk.idle.body', { seconds: secondsLeft })}</p>
        <div className="kiosk-row">
          <button type="button" className="kiosk-secondary" onClick={onStartOver}>
            {text('kiosk.startOver')}
          </button>
          <button type="button" className="kiosk-primary" onClick={onMore} autoFocus>
            {text('kiosk.idle.more')}
          </button>
        </div>
      </div>
    </div>
  );
}
