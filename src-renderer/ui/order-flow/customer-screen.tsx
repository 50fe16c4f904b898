import type { ComponentType } from 'react';
import { useCallback, useRef, useState } from 'react';
import type { Actor } from '../../../shared/commands';
import type { FindQuery } from '../../flows/order-lookup';
import type { UiMessageKey } from '../messages/en';
import type { FindOutcome } from '../refund/order-search';
import { OrderSearch, useOrderScans } from '../refund/order-search';
import { useText } from '../use-text';
import type { FindableSnapshot, PendingFind } from './run-find';

/** What a customer-at-a-time screen hands its flow component (remounted per customer). */
export interface CustomerFlowProps<TActor> {
  readonly staff: Actor;
  readonly first: PendingFind | null;
  /** What the cashier last searched for, to say what was not found. */
  readonly searched: string;
  readonly onActor: (actor: TActor) => void;
  readonly onNextCustomer: () => void;
}

/** What the screen reads of a refund or exchange flow's snapshot. */
export type CustomerFlowSnapshot = FindableSnapshot & {
  readonly status: 'active' | 'done' | 'error' | 'stopped';
};

/** How the screen talks to one kind of flow's actor. */
export interface CustomerFlowKind<
  TActor extends { getSnapshot(): TSnapshot },
  TSnapshot extends CustomerFlowSnapshot,
> {
  readonly flowId: 'refund' | 'exchange';
  readonly title: UiMessageKey;
  readonly Flow: ComponentType<CustomerFlowProps<TActor>>;
  readonly runFind: (actor: TActor, query: FindQuery) => Promise<FindOutcome>;
  /** Nothing is being saved: the flow may end for a new customer. */
  readonly canStartOver: (snapshot: TSnapshot) => boolean;
  /** Ends a flow that is not saving anything (nothing was saved in the states it ends from). */
  readonly endFlow: (actor: TActor) => Promise<void> | void;
}

/**
 * The refund and exchange screens: the search (typed or scanned) stays put, and below it one
 * flow per customer, all of whose state is its machine's. This component only decides when
 * a customer's flow ends and the next one starts.
 */
export function CustomerScreen<
  TActor extends { getSnapshot(): TSnapshot },
  TSnapshot extends CustomerFlowSnapshot,
>({ actor, kind }: { readonly actor: Actor; readonly kind: CustomerFlowKind<TActor, TSnapshot> }) {
  const text = useText();
  const [customer, setCustomer] = useState<{ n: number; first: PendingFind | null }>({
    n: 0,
    first: null,
  });
  const [searchText, setSearchText] = useState('');
  const [searched, setSearched] = useState('');
  const current = useRef<TActor | null>(null);
  const onActor = useCallback((a: TActor) => {
    current.current = a;
  }, []);

  const { runFind, canStartOver, endFlow } = kind;
  const find = useCallback(
    async (query: FindQuery): Promise<FindOutcome> => {
      const a = current.current;
      const s = a?.getSnapshot();
      if (a && s?.status === 'active' && s.matches('finding')) return runFind(a, query);
      if (s !== undefined && !canStartOver(s)) return { kind: 'busy' };
      // A new search mid-flow is a new customer: the old flow ends (nothing was saved in these
      // states; an exchange lets its held seats go first), then a fresh actor takes the
      // search. A refund ends at once and hands over in the same turn, as it always did.
      const ending = a !== null ? endFlow(a) : undefined;
      if (ending instanceof Promise) await ending;
      return new Promise((settle) =>
        setCustomer((c) => ({ n: c.n + 1, first: { query, settle } })),
      );
    },
    [runFind, canStartOver, endFlow],
  );

  const scanned = useCallback((typed: string) => {
    setSearchText(typed);
    setSearched(typed);
  }, []);
  useOrderScans(kind.flowId, scanned, find);

  const { Flow } = kind;
  return (
    <section className={`screen ${kind.flowId}`} aria-labelledby={`${kind.flowId}-title`}>
      <h2 id={`${kind.flowId}-title`}>{text(kind.title)}</h2>
      <OrderSearch
        value={searchText}
        onChange={setSearchText}
        onSearch={(query) => {
          setSearched(searchText);
          void find(query);
        }}
      />
      <Flow
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
