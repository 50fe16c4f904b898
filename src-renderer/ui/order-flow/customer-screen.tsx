import type { MessageKey } from '../../i18n';
import type { ComponentType } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Actor } from '../../../shared/commands';
import type { FindQuery, OrderFoundEvent } from '../../flows/order-lookup';
import { OrderSearch, useOrderScans } from '../refund/order-search';
import { useText } from '../use-text';
import './order-flow.css';

/** What a customer's flow starts with: a typed search, or an order a scan already found. */
export type FlowStart = { readonly type: 'FIND'; readonly query: FindQuery } | OrderFoundEvent;

/** What a customer-at-a-time screen hands its flow component (remounted per customer). */
export interface CustomerFlowProps<TActor> {
  readonly staff: Actor;
  /** Sent to the fresh flow as soon as it starts. */
  readonly first: FlowStart | null;
  /** What the cashier last searched for, to say what was not found. */
  readonly searched: string;
  readonly onActor: (actor: TActor) => void;
  readonly onNextCustomer: () => void;
  /**
   * The screen's title row, where the flow puts its secondary actions (cancel, change the new
   * seats) with a portal: always in view, never under the confirm area or in a scrolled list.
   */
  readonly actionsSlot: HTMLElement | null;
}

/** What the screen reads of a refund or exchange flow's snapshot. */
export interface CustomerFlowSnapshot {
  readonly status: 'active' | 'done' | 'error' | 'stopped';
  // Method syntax on purpose: each machine's `matches` takes its own state values, 'finding' among them.
  matches(state: 'finding'): boolean;
}

/** The flow actors this screen drives: it reads their snapshot and sends how they start. */
export interface CustomerFlowActor<TSnapshot> {
  getSnapshot(): TSnapshot;
  // Method syntax on purpose: each machine's `send` takes its own events, these among them.
  send(event: FlowStart): void;
}

/** How the screen talks to one kind of flow's actor. */
export interface CustomerFlowKind<
  TActor extends CustomerFlowActor<TSnapshot>,
  TSnapshot extends CustomerFlowSnapshot,
> {
  readonly flowId: 'refund' | 'exchange';
  readonly title: MessageKey;
  readonly Flow: ComponentType<CustomerFlowProps<TActor>>;
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
  TActor extends CustomerFlowActor<TSnapshot>,
  TSnapshot extends CustomerFlowSnapshot,
>({
  actor,
  kind,
  onTyped,
}: {
  readonly actor: Actor;
  readonly kind: CustomerFlowKind<TActor, TSnapshot>;
  /** Takes a typed search that is not an order's (a cash-collection code): true when taken. */
  readonly onTyped?: (typed: string) => boolean;
}) {
  const text = useText();
  const [customer, setCustomer] = useState<{ n: number; first: FlowStart | null }>({
    n: 0,
    first: null,
  });
  const [searchText, setSearchText] = useState('');
  const [searched, setSearched] = useState('');
  const current = useRef<TActor | null>(null);
  const onActor = useCallback((a: TActor) => {
    current.current = a;
  }, []);

  const { canStartOver, endFlow } = kind;
  /**
   * Starts `start` on the flow of the customer at the window: the open flow if it is still
   * finding, else (nothing being saved) a fresh flow for a new customer. Returns false when the
   * flow is saving or printing. Never waits on the flow: a scan's verdict does not depend on it.
   */
  const open = useCallback(
    (start: FlowStart): boolean => {
      const a = current.current;
      const s = a?.getSnapshot();
      if (a && s?.status === 'active' && s.matches('finding')) {
        a.send(start);
        return true;
      }
      if (s !== undefined && !canStartOver(s)) return false;
      // A new search mid-flow is a new customer: the old flow ends (nothing was saved in these
      // states; an exchange lets its held seats go first), then a fresh actor takes the start.
      // A refund ends at once and hands over in the same turn, as it always did.
      const next = () => setCustomer((c) => ({ n: c.n + 1, first: start }));
      const ending = a !== null ? endFlow(a) : undefined;
      if (ending instanceof Promise) void ending.then(next);
      else next();
      return true;
    },
    [canStartOver, endFlow],
  );

  // The next customer starts at the search field (a scan works from anywhere).
  const searchInput = useRef<HTMLInputElement>(null);
  const [actionsSlot, setActionsSlot] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (customer.n > 0 && customer.first === null) searchInput.current?.focus();
  }, [customer]);

  const scanned = useCallback((typed: string) => {
    setSearchText(typed);
    setSearched(typed);
  }, []);
  useOrderScans(kind.flowId, scanned, open);

  const { Flow } = kind;
  return (
    <section className={`screen ${kind.flowId}`} aria-labelledby={`${kind.flowId}-title`}>
      <div className="screen-title">
        <h2 id={`${kind.flowId}-title`}>{text(kind.title)}</h2>
        <div className="screen-actions" ref={setActionsSlot} />
      </div>
      <OrderSearch
        inputRef={searchInput}
        value={searchText}
        onChange={setSearchText}
        onSearch={(query) => {
          if (onTyped?.(searchText.trim())) return;
          setSearched(searchText);
          open({ type: 'FIND', query });
        }}
      />
      <Flow
        key={customer.n}
        staff={actor}
        first={customer.first}
        searched={searched}
        onActor={onActor}
        actionsSlot={actionsSlot}
        onNextCustomer={() => {
          setSearchText('');
          setSearched('');
          setCustomer((c) => ({ n: c.n + 1, first: null }));
        }}
      />
    </section>
  );
}
