/**
 * Where main finds the card terminal: main's own launch configuration, never a page-supplied
 * URL (the page is not trusted with a device that moves money). `BOX_OFFICE_PAYMENT_TERMINAL`
 * = `host:port` for the demo and the tests; a venue sets it in the kiosk's service environment.
 */
export type PaymentTerminalAddress = { readonly host: string; readonly port: number };

const hostPort = /^(?<host>[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:]+\]):(?<port>\d{1,5})$/;

/** `host:port` → an address; anything else → an Error saying what was expected. */
export function parseTerminalAddress(text: string): PaymentTerminalAddress | Error {
  const match = hostPort.exec(text.trim());
  const port = Number(match?.groups?.['port']);
  const host = match?.groups?.['host'];
  if (host === undefined || !Number.isInteger(port) || port < 1 || port > 65_535) {
    return new Error(`payment terminal address "${text}" is not host:port (e.g. 10.0.0.20:8443)`);
  }
  return { host: host.replace(/^\[|\]$/g, ''), port };
}

export const paymentTerminalEnv = 'BOX_OFFICE_PAYMENT_TERMINAL';
