import { z } from 'zod';
import { defineEvents, defineMethods, event, method } from './define';
import { pinSchema, staffSummarySchema } from './staff';

/**
 * Kiosk mode is main's (issue 15 item 1): set by the launch flag or the back office's switch
 * (which main hears on the sync pull and the live channel), left only with a manager's PIN
 * that main checks. The page reads the mode and is told of every change; it cannot set it.
 */

/** Why the mode is what it is: the launch flag, the back office's switch, a manager's exit. */
export const kioskModeReasons = ['launch', 'back_office', 'manager_exit'] as const;
export const kioskModeSchema = z.object({
  kiosk: z.boolean(),
  reason: z.enum(kioskModeReasons),
});
export type KioskMode = z.infer<typeof kioskModeSchema>;

export const kioskMethods = defineMethods({
  /** The till's mode now (app.info's `kiosk` says the same). */
  'kiosk.mode': method(z.strictObject({}), kioskModeSchema),
  /**
   * Leaving kiosk mode (the hidden gesture's dialog): main checks the PIN (with its lockout)
   * and that they are a manager, records the change, then answers who left it. Anyone else,
   * or a wrong PIN, is refused and the till stays a kiosk.
   */
  'kiosk.leave': method(
    z.strictObject({ staffId: z.string().min(1).max(40), pin: pinSchema }),
    staffSummarySchema,
  ),
});

export const kioskEvents = defineEvents({
  /** Main switched the mode (the back office's switch, or a manager left it). */
  'kiosk.mode': event(kioskModeSchema),
});
