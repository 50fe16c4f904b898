/**
 * Slip text is text. Every string that reaches paper passes through here before layout and
 * again before encoding, because a control byte inside a name is a printer command: `ESC p`
 * kicks the drawer, `GS V` cuts, `DLE` talks to the printer in real time. Everything in C0
 * but LF, DEL, C1 and the Unicode line/paragraph separators becomes a visible mark, so a
 * hostile or damaged name still prints as something a person can see and question.
 */

/** What a control character prints as; code pages without it print `?` (see the encoder). */
export const SLIP_REPLACEMENT_CHAR = '\ufffd';

export function isSlipControl(codePoint: number): boolean {
  if (codePoint === 0x0a) return false;
  return (
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029
  );
}

/** `text` with each control character but LF replaced by SLIP_REPLACEMENT_CHAR. */
export function slipText(text: string): string {
  let out = '';
  let changed = false;
  for (const ch of text) {
    if (isSlipControl(ch.codePointAt(0) ?? 0)) {
      out += SLIP_REPLACEMENT_CHAR;
      changed = true;
    } else {
      out += ch;
    }
  }
  // Most text is clean: hand back the same string rather than a copy.
  return changed ? out : text;
}
