import { describe, expect, it } from 'vitest';
import { parseLaunchOptions } from '../electron/launch-options';
import { parseTerminalAddress } from './terminal-address';

describe('the card terminal address is main’s launch configuration', () => {
  it('parses host:port and names what is wrong otherwise', () => {
    expect(parseTerminalAddress('10.0.0.20:8443')).toEqual({ host: '10.0.0.20', port: 8443 });
    expect(parseTerminalAddress('[::1]:9000')).toEqual({ host: '::1', port: 9000 });
    for (const bad of ['', '10.0.0.20', 'http://10.0.0.20:80', 'a:0', 'a:70000', 'a b:1']) {
      expect(parseTerminalAddress(bad), bad).toBeInstanceOf(Error);
    }
  });

  it('Electron takes it from BOX_OFFICE_PAYMENT_TERMINAL only; a bad value means none', () => {
    const env = { BOX_OFFICE_PAYMENT_TERMINAL: '127.0.0.1:7001' };
    expect(parseLaunchOptions([], env, '/d').paymentTerminal).toEqual({
      host: '127.0.0.1',
      port: 7001,
    });
    expect(parseLaunchOptions(['--payment-terminal=1.2.3.4:1'], {}, '/d').paymentTerminal).toBe(
      undefined,
    );
    expect(
      parseLaunchOptions([], { BOX_OFFICE_PAYMENT_TERMINAL: 'nope' }, '/d').paymentTerminal,
    ).toBe(undefined);
  });
});
