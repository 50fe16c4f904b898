import type { WedgeSettings } from '../../shared/ipc/scanner';
import { normaliseScan } from '../../shared/scanning/normalise-scan';
import type { ScanRejection } from '../../shared/scanning/normalise-scan';

/**
 * Keyboard-wedge scanners "type" a code 1–20 ms per key and end it with Enter (or Tab).
 * People type 80 ms apart or slower. So: a burst of at least `minLength` characters whose
 * median gap is ≤ `maxGapMs`, ended by a terminator, is a scan. A burst ends at any pause
 * longer than `maxStallMs`; the median (not the largest gap) decides, because one stall —
 * a busy main thread, a USB hiccup, measured up to ~90 ms on a loaded 2-core machine — must
 * not cut a 150-character code in two, while human typing has a median far above 30 ms.
 *
 * Human typing is never held back: every character reaches the focused input as usual. Only
 * when the terminator proves a burst was a scan do we undo what it typed and swallow the
 * terminator (so a form does not submit). Outside a text field, where keys are shortcuts, a
 * key following the previous one within scanner timing (no person types 30 ms apart) reaches
 * no shortcut: a scan with a list or a button focused presses nothing. Holding keys back until we knew would make fast
 * typists lose or reorder characters.
 *
 * Known limit: a key a person types less than `maxStallMs` before a scan starts joins the
 * scan's burst (and its data). Cashiers hold the scanner when they scan, so this is rare.
 *
 * The timing rules live in a pure state machine (`createWedgeDetector`) fed with timestamps,
 * so they are unit-tested without a browser; `attachKeyboardWedge` adapts DOM key events.
 */
export type WedgeOptions = Pick<
  WedgeSettings,
  'maxGapMs' | 'maxStallMs' | 'minLength' | 'terminators'
> & {
  readonly prefix?: string | undefined;
  readonly suffix?: string | undefined;
  /** Longest burst kept; longer ones are typing (or a stuck key), not a code. */
  readonly maxLength?: number;
};

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = {
  maxGapMs: 30,
  maxStallMs: 100,
  minLength: 4,
  terminators: ['Enter'],
};

export type WedgeKey =
  | { readonly kind: 'char'; readonly char: string; readonly at: number }
  | { readonly kind: 'terminator'; readonly at: number }
  /** Shift and friends: a scanner presses Shift for capitals; it neither adds nor breaks. */
  | { readonly kind: 'modifier'; readonly at: number }
  /** Backspace, arrows, shortcuts: only people press these, so a burst ends here. */
  | { readonly kind: 'other'; readonly at: number };

export type WedgeStep =
  /** Let the key through. `burstStart`: remember the input as it was before this key. */
  | { readonly kind: 'pass'; readonly burstStart: boolean }
  /** The burst was a scan: swallow the terminator and undo the `typed` characters. */
  | { readonly kind: 'scan'; readonly data: string; readonly typed: number }
  /** Scanner timing but not a usable code (e.g. wrong keyboard layout): also swallowed. */
  | {
      readonly kind: 'rejected';
      readonly raw: string;
      readonly code: ScanRejection;
      readonly message: string;
      readonly typed: number;
    };

export interface WedgeDetector {
  feed(key: WedgeKey): WedgeStep;
  configure(options: WedgeOptions): void;
}

// Above the longest code read (DEFAULT_SCAN_MAX_LENGTH: a cash-collection code) plus a prefix.
const DEFAULT_MAX_BURST = 560;

export function createWedgeDetector(initial: WedgeOptions = DEFAULT_WEDGE_OPTIONS): WedgeDetector {
  let options = initial;
  let burst = '';
  let gaps: number[] = [];
  let lastAt = Number.NEGATIVE_INFINITY;

  const pass = (burstStart: boolean): WedgeStep => ({ kind: 'pass', burstStart });
  const stallMs = (): number => Math.max(options.maxStallMs, options.maxGapMs);
  const clear = (): void => {
    burst = '';
    gaps = [];
  };

  return {
    configure(next) {
      options = next;
      clear();
    },
    feed(key) {
      switch (key.kind) {
        case 'modifier':
          return pass(false);
        case 'other':
          clear();
          return pass(false);
        case 'char': {
          const gap = key.at - lastAt;
          lastAt = key.at;
          if (burst.length === 0 || gap > stallMs()) {
            burst = key.char;
            gaps = [];
            return pass(true);
          }
          burst += key.char;
          gaps.push(gap);
          if (burst.length > (options.maxLength ?? DEFAULT_MAX_BURST)) {
            // Not a code any more (a stuck key, a paste of keys); wait for the next pause.
            clear();
            lastAt = Number.NEGATIVE_INFINITY;
          }
          return pass(false);
        }
        case 'terminator': {
          const raw = burst;
          const all = [...gaps, key.at - lastAt];
          clear();
          const { prefix, suffix } = options;
          const framed =
            (!prefix || raw.startsWith(prefix)) &&
            (!suffix || raw.endsWith(suffix)) &&
            raw.length >= options.minLength + (prefix?.length ?? 0) + (suffix?.length ?? 0);
          const fast = all.every((g) => g <= stallMs()) && medianOf(all) <= options.maxGapMs;
          if (!framed || !fast) return pass(false);
          const result = normaliseScan(raw, { prefix, suffix });
          if (result.ok) return { kind: 'scan', data: result.value, typed: raw.length };
          return {
            kind: 'rejected',
            raw,
            code: result.error.code,
            message: result.error.message,
            typed: raw.length,
          };
        }
      }
    },
  };
}

/** Upper median: with an even count the slower middle gap decides, erring towards "typing". */
function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.POSITIVE_INFINITY;
}

// ---- DOM adapter -------------------------------------------------------------------------

export interface WedgeScan {
  readonly source: 'wedge';
  readonly data: string;
  /** ISO 8601, like serial scans. */
  readonly at: string;
}

export interface AttachWedgeOptions {
  /** Missing fields take DEFAULT_WEDGE_OPTIONS (settings may come from an older config). */
  readonly options?: Partial<WedgeOptions>;
  readonly onScan: (scan: WedgeScan) => void;
  readonly onRejected?: (rejection: { raw: string; code: ScanRejection; message: string }) => void;
}

export interface AttachedWedge {
  configure(options: Partial<WedgeOptions>): void;
  detach(): void;
}

type TextField = HTMLInputElement | HTMLTextAreaElement;

interface FieldSnapshot {
  readonly field: TextField;
  readonly value: string;
  readonly selectionStart: number | null;
  readonly selectionEnd: number | null;
}

const MODIFIERS = new Set(['Shift', 'CapsLock', 'AltGraph']);

function isTextField(el: Element | null): el is TextField {
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;
}

/**
 * A field whose keys are never a scan: a PIN (a password field, or one marked
 * `data-wedge="off"`). A cashier types a 4-digit PIN and Enter as fast as a scanner, and the
 * wedge would swallow it as a code and empty the field.
 */
function isWedgeFree(el: Element | null): boolean {
  return (
    el instanceof HTMLElement &&
    (el.dataset.wedge === 'off' || (el instanceof HTMLInputElement && el.type === 'password'))
  );
}

/**
 * Sets a field's value the way typing does, so frameworks that track the DOM value (React's
 * controlled inputs) see the change instead of reverting it on the next render.
 */
function setFieldValue(field: TextField, value: string): void {
  const proto =
    field instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(proto, 'value');
  if (descriptor?.set) Reflect.set(proto, 'value', value, field);
  else field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

export function attachKeyboardWedge(target: Window, attach: AttachWedgeOptions): AttachedWedge {
  let options: WedgeOptions = { ...DEFAULT_WEDGE_OPTIONS, ...attach.options };
  const detector = createWedgeDetector(options);
  let snapshot: FieldSnapshot | null = null;
  let lastCharAt = Number.NEGATIVE_INFINITY;
  let burstGaps: number[] = [];

  /**
   * Does a character at `at` continue a burst at scanner pace? Its gap is within a stall and
   * the burst's median gap so far is scanner-like (one slow key on a busy machine does not
   * break it; a person's keys, 80 ms apart or more, never qualify).
   */
  function scannerPaced(at: number): boolean {
    const gap = at - lastCharAt;
    lastCharAt = at;
    if (gap > Math.max(options.maxStallMs, options.maxGapMs)) {
      burstGaps = [];
      return false;
    }
    burstGaps.push(gap);
    const sorted = [...burstGaps].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)]! <= options.maxGapMs;
  }

  function classify(event: KeyboardEvent): WedgeKey {
    const at = event.timeStamp;
    if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey)
      return { kind: 'other', at };
    if ((options.terminators as readonly string[]).includes(event.key))
      return { kind: 'terminator', at };
    if (MODIFIERS.has(event.key)) return { kind: 'modifier', at };
    if (event.key.length === 1) return { kind: 'char', char: event.key, at };
    return { kind: 'other', at };
  }

  function undoBurst(): void {
    const snap = snapshot;
    snapshot = null;
    // Only the field the burst typed into, and only if the burst changed it (a read-only or
    // full field took nothing, and rewriting it would fire a needless input event).
    if (!snap || !snap.field.isConnected || snap.field.value === snap.value) return;
    setFieldValue(snap.field, snap.value);
    if (snap.selectionStart !== null && snap.selectionEnd !== null) {
      try {
        snap.field.setSelectionRange(snap.selectionStart, snap.selectionEnd);
      } catch {
        // Some input types (email, number) have no selection API; the value is what matters.
      }
    }
  }

  const onKeyDown = (event: KeyboardEvent): void => {
    if (isWedgeFree(target.document.activeElement)) {
      // Ends any burst in progress, so a PIN never joins (or becomes) a scan.
      detector.feed({ kind: 'other', at: event.timeStamp });
      snapshot = null;
      return;
    }
    const key = classify(event);
    const continuesBurst = key.kind === 'char' && scannerPaced(key.at);
    if (key.kind !== 'char' && key.kind !== 'modifier') {
      // A terminator or a person's key ends the burst: the next character starts afresh.
      burstGaps = [];
      lastCharAt = Number.NEGATIVE_INFINITY;
    }
    const step = detector.feed(key);
    switch (step.kind) {
      case 'pass': {
        // Outside a text field a key is a shortcut (a letter jumps in a list, a digit asks for
        // the best N seats, Space presses the focused button): a key that follows the last
        // one within scanner timing is a scanner's, not a person's, so no shortcut sees it.
        // (In a text field it is typed as usual and undone if the burst proves a scan.)
        if (continuesBurst && !isTextField(target.document.activeElement)) {
          event.preventDefault();
          event.stopImmediatePropagation();
        }
        if (step.burstStart) {
          const active = target.document.activeElement;
          snapshot = isTextField(active)
            ? {
                field: active,
                value: active.value,
                selectionStart: active.selectionStart,
                selectionEnd: active.selectionEnd,
              }
            : null;
        }
        return;
      }
      case 'scan':
      case 'rejected': {
        event.preventDefault();
        event.stopImmediatePropagation();
        undoBurst();
        if (step.kind === 'scan')
          attach.onScan({ source: 'wedge', data: step.data, at: new Date().toISOString() });
        else attach.onRejected?.({ raw: step.raw, code: step.code, message: step.message });
        return;
      }
    }
  };

  // Capture phase on the window: we see the key before any page handler, so a scan's Enter
  // never reaches a form or a flow's own key handling.
  target.addEventListener('keydown', onKeyDown, true);
  return {
    configure(next) {
      options = { ...DEFAULT_WEDGE_OPTIONS, ...next };
      detector.configure(options);
    },
    detach() {
      target.removeEventListener('keydown', onKeyDown, true);
    },
  };
}
