/**
 * Puts focus where the cashier's next key goes in a decision form: the chosen option (so the
 * arrow keys change it and Enter confirms), else the first enabled field, else the confirm
 * button. Nothing happens when the form is gone.
 */
export function focusNextAction(form: HTMLFormElement | null): void {
  if (form === null) return;
  const target =
    form.querySelector<HTMLElement>('input[type="radio"]:checked:not(:disabled)') ??
    form.querySelector<HTMLElement>('input:not(:disabled):not([type="hidden"])') ??
    form.querySelector<HTMLElement>('button[type="submit"]:not(:disabled)');
  target?.focus();
}
