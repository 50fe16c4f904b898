import { useEffect, useRef, useState } from 'react';
import type { ExchangeFlowDeps } from '../../app/exchange-flow-actors';
import type { RefundFlowDeps } from '../../app/refund-flow-actors';
import { useLocale } from '../../i18n';
import { useContractClient } from '../../transport/client-context';
import { useScanning } from '../scan-context';
import { useTill } from '../till-context';

/**
 * The till services a refund or exchange flow's actors run on, made once per flow. The
 * adapters read the language and the scanner when they run: a language switch or scanning
 * starting late must not replace the actors (a commit keeps its payload for the print step
 * in a closure).
 */
export function useFlowPorts(): RefundFlowDeps & ExchangeFlowDeps {
  const till = useTill();
  const client = useContractClient();
  const scanning = useScanning();
  const { locale } = useLocale();
  const live = useRef({ locale, scanning });
  useEffect(() => {
    live.current = { locale, scanning };
  });
  const [ports] = useState(() => ({
    till,
    client,
    locale: () => live.current.locale,
    ticketScanner: () => live.current.scanning?.tickets ?? null,
  }));
  return ports;
}
