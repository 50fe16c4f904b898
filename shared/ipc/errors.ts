/**
 * Error codes a contract call can return. Generic codes come first; device codes let the UI
 * tell a cashier what to do ("load paper") instead of showing a generic failure.
 */
export const ipcErrorCodes = [
  'invalid_argument',
  'unknown_method',
  'forbidden',
  'unauthorized',
  'unavailable',
  'not_found',
  'timeout',
  'internal',
  'device_offline',
  'device_busy',
  'paper_out',
  'cover_open',
  'not_configured',
  'unknown_staff',
  'wrong_pin',
  'locked',
  'approval_invalid',
] as const;

export type IpcErrorCode = (typeof ipcErrorCodes)[number];

/** Plain-English default messages; handlers may give a more specific sentence. */
export const ipcErrorMessages: Readonly<Record<IpcErrorCode, string>> = {
  invalid_argument: 'The request was not valid.',
  unknown_method: 'That action does not exist in this version of the app.',
  forbidden: 'This window is not allowed to do that.',
  unauthorized: 'The connection to the device service was not authorised.',
  unavailable: 'The device service is not available right now.',
  not_found: 'The item asked for was not found.',
  timeout: 'The device did not answer in time.',
  internal: 'Something went wrong inside the app. The problem has been logged.',
  device_offline: 'The device is offline. Check its cable or network and power.',
  device_busy: 'The device is busy. Try again in a moment.',
  paper_out: 'The printer is out of paper. Load a new roll.',
  cover_open: 'The printer cover is open. Close it to continue.',
  not_configured: 'The device has not been set up yet.',
  unknown_staff: 'This staff member is not known on this till.',
  wrong_pin: 'Wrong PIN.',
  locked: 'Too many wrong PINs. Wait, or ask a manager.',
  approval_invalid: 'This approval is no longer valid. Ask for it again.',
};

export function isIpcErrorCode(value: unknown): value is IpcErrorCode {
  return typeof value === 'string' && (ipcErrorCodes as readonly string[]).includes(value);
}
