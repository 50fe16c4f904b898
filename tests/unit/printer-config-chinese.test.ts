import { describe, expect, it } from 'vitest';
import { defaultDeviceSettings, type TerminalConfig } from '../../shared/ipc/terminal-config';
import { printerConfigFromTerminal } from '../../src-main/devices/printer-config';

/** Issue 10 item 11: GB18030 is the printer's capability, never the screen language's. */
const terminal = (locale: string, printer: Partial<TerminalConfig['printer']>): TerminalConfig => ({
  ...defaultDeviceSettings,
  terminalId: 'T-7K3M9QX2',
  locale,
  printer: { ...defaultDeviceSettings.printer, ...printer },
});

describe('a printer is Chinese-capable because it is marked so', () => {
  it('a marked network printer gets GB18030 whatever the language', () => {
    for (const locale of ['en-GB', 'uk-UA', 'zh-CN']) {
      expect(
        printerConfigFromTerminal(terminal(locale, { kind: 'network', chinese: true })),
      ).toMatchObject({ chinese: true });
    }
  });

  it('an unmarked network printer does not, even on a Chinese-speaking till', () => {
    expect(printerConfigFromTerminal(terminal('zh-CN', { kind: 'network' }))).toMatchObject({
      chinese: false,
    });
    expect(
      printerConfigFromTerminal(terminal('zh-CN', { kind: 'serial', chinese: false })),
    ).toMatchObject({ chinese: false });
  });

  it('the virtual printer stands in for a Chinese-capable model unless marked otherwise', () => {
    expect(printerConfigFromTerminal(terminal('en-GB', { kind: 'virtual' }))).toMatchObject({
      chinese: true,
    });
    expect(
      printerConfigFromTerminal(terminal('zh-CN', { kind: 'virtual', chinese: false })),
    ).toMatchObject({ chinese: false });
  });
});
