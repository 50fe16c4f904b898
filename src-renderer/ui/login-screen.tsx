import { useEffect, useState } from 'react';
import { signIn, staffList } from '../app/shift-service';
import type { StaffSummary } from '../../shared/ipc/staff';
import type { ShownError } from './error-banner';
import { ErrorBanner } from './error-banner';
import { PinPad } from './pin-pad';
import { useTill } from './till-context';
import { useText } from './use-text';

export function LoginScreen({
  onSignedIn,
}: {
  readonly onSignedIn: (staff: StaffSummary) => void;
}) {
  const till = useTill();
  const text = useText();
  const [staff, setStaff] = useState<StaffSummary[]>([]);
  const [who, setWho] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ShownError | null>(null);

  useEffect(() => {
    void staffList(till).then((list) => {
      setStaff(list);
      setWho((w) => w || (list[0]?.id ?? ''));
    });
  }, [till]);

  const submit = async () => {
    const result = await signIn(till, who, pin);
    setPin('');
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    onSignedIn(result.value);
  };

  return (
    <section aria-labelledby="login-title" className="screen login">
      <h2 id="login-title">{text('ui.login.title')}</h2>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      <fieldset>
        <legend>{text('ui.login.who')}</legend>
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
      <PinPad
        label={text('ui.login.pin')}
        value={pin}
        onChange={setPin}
        onSubmit={() => void submit()}
        submitLabel={text('ui.login.submit')}
      />
      {/* The demo staff's PINs, on a demo till only: a venue till never shows a PIN. */}
      {till.demo ? <p className="hint">{text('ui.login.hint')}</p> : null}
    </section>
  );
}
