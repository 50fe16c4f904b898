import { useCallback, useRef, useState } from 'react';
import type { Actor } from '../../../shared/commands';
import type { FindQuery } from '../../flows/order-lookup';
import { useText } from '../use-text';
import type { FindOutcome } from './order-search';
import { OrderSearch, useOrderScans } from './order-search';
import type { PendingFind, RefundActorRef } from './refund-flow';
import { canStartOver, RefundFlow, runFind } from './refund-flow';

/**
 * The refund screen: the search (typed or scanned) stays put, and below it one refund flow
 * per customer — find the order, read out the policy decision, choose tickets and method,
 * a supervisor's PIN when the policy asks, commit, print the voucher. All of that state is
 * the refund machine's (see RefundFlow); this component only decides when a customer's flow
 * ends and the next one starts.
 */
export function RefundScreen({ actor }: { readonly actor: Actor }) {
  const text = useText();
  const [customer, setCustomer] = useState<{ n: number; first: PendingFind | null }>({
    n: 0,
    first: null,
  });
  const [searchText, setSearchText] = useState('');
  const [searched, setSearched] = useState('');
  const current = useRef<RefundActorRef | null>(null);
  const onActor = useCallback((a: RefundActorRef) => {
    current.current = a;
  }, []);

  const find = useCallback((query: FindQuery): Promise<FindOutcome> => {
    const a = current.current;
    const s = a?.getSnapshot();
    if (a && s?.status === 'active' && s.matches('finding')) return runFind(a, query);
    if (s !== undefined && !canStartOver(s)) return Promise.resolve({ kind: 'busy' });
    // A new search mid-refund is a new customer: the old flow ends cancelled (nothing was
    // saved in these states) and a fresh actor takes the search.
    if (a && s?.status === 'active' && !s.matches('printFailed')) a.send({ type: 'CANCEL' });
    return new Promise((settle) => setCustomer((c) => ({ n: c.n + 1, first: { query, settle } })));
  }, []);

  const scanned = useCallback((typed: string) => {
    setSearchText(typed);
    setSearched(typed);
  }, []);
  useOrderScans('refund', scanned, find);

  return (
    <section className="screen refund" aria-labelledby="refund-title">
      <h2 id="refund-title">{text('ui.refund.title')}</h2>
      <OrderSearch
        value={searchText}
        onChange={setSearchText}
        onSearch={(query) => {
          setSearched(searchText);
          void find(query);
        }}
      />
      <RefundFlow
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
