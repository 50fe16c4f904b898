import { z } from 'zod';
import {
  defineEvents,
  defineMethods,
  method,
  type PayloadOf,
  type RequestOf,
  type ResponseOf,
} from './define';
import { healthMethods } from './health';
import { inventoryMethods } from './inventory';
import { customerMethods } from './customers';
import { journalAnchorMethods } from './journal-anchor';
import { kioskEvents, kioskMethods } from './kiosk';
import { paymentEvents, paymentMethods } from './payment';
import { printerEvents, printerMethods } from './printer';
import { scannerEvents, scannerMethods } from './scanner';
import { staffEvents, staffMethods } from './staff';
import { syncEvents, syncMethods } from './sync';
import { terminalConfigPatchSchema, terminalConfigSchema } from './terminal-config';

export const transportKinds = ['electron', 'bridge'] as const;
export type TransportKind = (typeof transportKinds)[number];

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  kiosk: z.boolean(),
  /**
   * A demo till (the demo venue, PINs shown at sign-in, DEMO on every screen and slip). A
   * launch option of main, like kiosk: the page reads it and cannot change it. Absent means
   * a till set up for a venue, so nothing that forgets to say "demo" seeds demo data.
   */
  demo: z.boolean().optional(),
  transport: z.enum(transportKinds),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appMethods = defineMethods({
  'app.info': method(z.strictObject({}), appInfoSchema),
});

export const configMethods = defineMethods({
  'config.get': method(z.strictObject({}), terminalConfigSchema),
  'config.set': method(terminalConfigPatchSchema, terminalConfigSchema),
});

/** Every method the renderer may call. Preload, dispatcher and client all derive from this. */
export const contractMethods = {
  ...appMethods,
  ...configMethods,
  ...healthMethods,
  ...journalAnchorMethods,
  ...printerMethods,
  ...scannerMethods,
  ...staffMethods,
  ...syncMethods,
  ...inventoryMethods,
  ...customerMethods,
  ...paymentMethods,
  ...kioskMethods,
} as const;

/** Every event main may push to the renderer. */
export const contractEvents = defineEvents({
  ...printerEvents,
  ...scannerEvents,
  ...staffEvents,
  ...syncEvents,
  ...paymentEvents,
  ...kioskEvents,
});

export type ContractMethods = typeof contractMethods;
export type ContractEvents = typeof contractEvents;
export type MethodName = Extract<keyof ContractMethods, string>;
export type EventName = Extract<keyof ContractEvents, string>;
export type MethodRequest<M extends MethodName> = RequestOf<ContractMethods[M]>;
export type MethodResponse<M extends MethodName> = ResponseOf<ContractMethods[M]>;
export type EventPayload<E extends EventName> = PayloadOf<ContractEvents[E]>;

export const methodNames = Object.keys(contractMethods) as MethodName[];
export const eventNames = Object.keys(contractEvents) as EventName[];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(contractMethods, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(contractEvents, value);
}
