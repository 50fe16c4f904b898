import { useText } from './use-text';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/**
 * A PIN field with an on-screen pad: the field for keyboard cashiers, the 44 px buttons for
 * touch screens. Digits are never shown (type=password).
 */
export function PinPad({
  label,
  value,
  onChange,
  onSubmit,
  submitLabel,
  autoFocus = false,
}: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly onSubmit: () => void;
  readonly submitLabel: string;
  /** The PIN field takes the focus when the pad appears (sign-in). */
  readonly autoFocus?: boolean;
}) {
  const text = useText();
  return (
    <form
      className="pin-pad"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <label>
        {label}
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          data-wedge="off"
          maxLength={8}
          autoFocus={autoFocus}
          value={value}
          onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
        />
      </label>
      <div className="pin-keys">
        {DIGITS.map((d) => (
          <button
            key={d}
            type="button"
            aria-label={text('ui.pin.digit', { digit: d })}
            onClick={() => onChange((value + d).slice(0, 8))}
          >
            {d}
          </button>
        ))}
        <button
          type="button"
          aria-label={text('ui.pin.back')}
          onClick={() => onChange(value.slice(0, -1))}
        >
          ⌫
        </button>
        <button type="button" onClick={() => onChange('')}>
          {text('ui.pin.clear')}
        </button>
      </div>
      <button type="submit" className="primary">
        {submitLabel}
      </button>
    </form>
  );
}
