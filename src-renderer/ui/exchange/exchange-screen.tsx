import { useCallback, useRef, useState } from 'react';
import type { Actor } from '../../../shared/commands';
import type { FindQuery } from '../../flows/order-lookup';
import type { FindOutcome } from '../refund/order-search';
import { OrderSearch, useOrderScans } from '../refund/order-search';
import { useText } from '../use-text';
import type { ExchangeActorRef, PendingExchangeFind } from './exchange-flow';
import { canStartOver, endFlow, ExchangeFlow, runFind } from './exchange-flow';

/**
 * The exchange screen: the search (typed or scanned) stays put, and below it one exchange
 * flow per customer, all of whose state is the exchange machine's (see ExchangeFlow). This
 * component only decides when a customer's flow ends and the next one starts.
 */
export function ExchangeScreen({ actor }: { readonly actor: Actor }) {
  const text = useText();
  const [customer, setCustomer] = useState<{ n: number; first: PendingExchangeFind | null }>({
    n: 0,
    first: null,
  });
  const [searchText, setSearchText] = useState('');
  const [searched, setSearched] = useState('');
  const current = useRef<ExchangeActorRef | null>(null);
  const onActor = useCallback((a: ExchangeActorRef) => {
    current.current = a;
  }, []);

  const find = useCallback(async (query: FindQuery): Promise<FindOutcome> => {
    const a = current.current;
    const s = a?.getSnapshot();
    if (a && s?.status === 'active' && s.matches('finding')) return runFind(a, query);
    if (s !== undefined && !canStartOver(s)) return { kind: 'busy' };
    // A new search mid-exchange is a new customer: the old flow lets its held seats go
    // (nothing was saved in these states), then a fresh actor takes the search.
    if (a) await endFlow(a);
    return new Promise((settle) => setCustomer((c) => ({ n: c.n + 1, first: { query, settle } })));
  }, []);

  const scanned = useCallback((typed: string) => {
    setSearchText(typed);
    setSearched(typed);
  }, []);
  useOrderScans('exchange', scanned, find);

  return (
    <section className="screen exchange" aria-labelledby="exchange-title">
      <h2 id="exchange-title">{text('ui.exchange.title')}</h2>
      <OrderSearch
        value={searchText}
        onChange={setSearchText}
        onSearch={(query) => {
          setSearched(searchText);
          void find(query);
        }}
      />
      <ExchangeFlow
        key={customer.n}
        staff={actor}
        first={customer.first}
        searched={searched}
        onActor={onActor}
        onNextCustomer={() => {
          setSearchText('');
          setSearched('');
          setCustomer((c) => ({ n: c.n + 1, first: null }));
        }}
      />
    </section>
  );
}
