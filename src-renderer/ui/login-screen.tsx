import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { signIn, staffList } from '../app/shift-service';
import type { StaffSummary } from '../../shared/ipc/staff';
import type { ShownError } from './error-banner';
import { PinPad } from './pin-pad';
import { useTill } from './till-context';
import { useText } from './use-text';

/** Letters typed within this long of each other spell one name ("ta" → Taras). */
const TYPE_AHEAD_MS = 900;

/**
 * Sign-in: nobody is chosen until the cashier chooses (a wrong PIN must never burn someone
 * else's tries), the PIN field has the focus, and typing letters chooses the person whose name
 * starts with them (the PIN is digits only, so letters and digits never clash). A refusal says
 * whose PIN failed.
 */
export function LoginScreen({
  onSignedIn,
  notice,
}: {
  readonly onSignedIn: (staff: StaffSummary) => void;
  /** Why the last person was signed out, when it was not their own doing. */
  readonly notice?: string | null;
}) {
  const till = useTill();
  const text = useText();
  const [staff, setStaff] = useState<StaffSummary[]>([]);
  const [who, setWho] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<{ name: string | null; error: ShownError } | null>(null);
  const typed = useRef({ text: '', at: 0 });

  useEffect(() => {
    let live = true;
    const load = () => void staffList(till).then((list) => live && setStaff(list));
    load();
    // A manager's new staff list reaches this till while the screen is open: show it.
    const stop = till.staff.onChanged(load);
    return () => {
      live = false;
      stop();
    };
  }, [till]);

  const chosen = staff.find((s) => s.id === who);
  const submit = async () => {
    if (chosen === undefined) {
      setError({
        name: null,
        error: { code: 'choose_staff', message: text('ui.login.chooseFirst') },
      });
      return;
    }
    const result = await signIn(till, chosen.id, pin);
    setPin('');
    if (!result.ok) {
      setError({ name: chosen.name, error: result.error });
      return;
    }
    setError(null);
    onSignedIn(result.value);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key.length !== 1 || !/\p{L}/u.test(e.key) || e.ctrlKey || e.altKey || e.metaKey) {
      // Anything else (a PIN digit, Enter) ends the name being typed.
      typed.current = { text: '', at: 0 };
      return;
    }
    e.preventDefault();
    const now = Date.now();
    const letter = e.key.toLocaleLowerCase();
    const prefix = (now - typed.current.at < TYPE_AHEAD_MS ? typed.current.text : '') + letter;
    typed.current = { text: prefix, at: now };
    const starts = (p: string) => staff.find((s) => s.name.toLocaleLowerCase().startsWith(p));
    // "ta" → Taras; a letter that continues no name starts a new one ("to" → Olena).
    const match = starts(prefix) ?? starts(letter);
    if (match === undefined) typed.current = { text: '', at: 0 };
    else if (starts(prefix) === undefined) typed.current = { text: letter, at: now };
    if (match !== undefined) {
      setWho(match.id);
      setError(null);
    }
  };

  return (
    <section aria-labelledby="login-title" className="screen login" onKeyDown={onKeyDown}>
      <h2 id="login-title">{text('ui.login.title')}</h2>
      {notice && error === null ? (
        <p role="status" className="flow-notice">
          {notice}
        </p>
      ) : null}
      {error !== null ? (
        <div role="alert" className="error-banner">
          {error.name !== null ? (
            <strong>{text('ui.login.failedFor', { name: error.name })} </strong>
          ) : null}
          {error.error.code === 'choose_staff' ? error.error.message : text.tr.error(error.error)}
        </div>
      ) : null}
      <div className="login-layout">
        <fieldset>
          <legend>{text('ui.login.who')}</legend>
          <p className="hint">{text('ui.login.typeName')}</p>
          {staff.map((s) => (
            <label key={s.id} className="choice">
              <input
                type="radio"
                name="staff"
                value={s.id}
                checked={who === s.id}
                onChange={() => setWho(s.id)}
              />
              {s.name} ({text(`staff.role.${s.role}`)})
            </label>
          ))}
        </fieldset>
        <div>
          <p className="login-who" aria-live="polite">
            {chosen !== undefined
              ? text('ui.login.pinFor', { name: chosen.name })
              : text('ui.login.nobody')}
          </p>
          <PinPad
            label={text('ui.login.pin')}
            value={pin}
            onChange={setPin}
            onSubmit={() => void submit()}
            submitLabel={text('ui.login.submit')}
            autoFocus
          />
          {/* The demo staff's PINs, on a demo till only: a venue till never shows a PIN. */}
          {till.demo ? <p className="hint">{text('ui.login.hint')}</p> : null}
        </div>
      </div>
    </section>
  );
}
