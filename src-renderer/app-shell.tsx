import { useEffect, useState } from 'react';
import type { AppInfo } from '../shared/ipc/contract';
import { useContractClient } from './transport/client-context';

// Minimal shell proving the contract works end to end; the cashier UI replaces it.

type Line =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'error'; readonly text: string };

export function AppShell() {
  const client = useContractClient();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const [printer, setPrinter] = useState<Line>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    void client.call('app.info', {}).then((res) => {
      if (!live) return;
      if (res.ok) setInfo(res.value);
      else setInfoError(res.error.message);
    });
    void client.call('printer.status', {}).then((res) => {
      if (!live) return;
      setPrinter(
        res.ok
          ? { kind: 'ok', text: res.value.state }
          : { kind: 'error', text: `${res.error.code}: ${res.error.message}` },
      );
    });
    const off = client.on('printer.status', (status) =>
      setPrinter({ kind: 'ok', text: status.state }),
    );
    return () => {
      live = false;
      off();
    };
  }, [client]);

  return (
    <main>
      <h1>Box Office POS</h1>
      <p role="status" aria-label="App version">
        {info !== null
          ? `Version ${info.version} · ${info.platform} · transport ${info.transport}${info.kiosk ? ' · kiosk' : ''}`
          : (infoError ?? 'Connecting…')}
      </p>
      <p role="status" aria-label="Printer status">
        Printer: {printer.kind === 'loading' ? 'checking…' : printer.text}
      </p>
    </main>
  );
}

export function StartupError({ message }: { readonly message: string }) {
  return (
    <main>
      <h1>Box Office POS</h1>
      <p role="alert">{message}</p>
    </main>
  );
}
