import type { FlowError } from '../../flows/flow-types';
import type { FindQuery } from '../../flows/order-lookup';
import type { FindOutcome } from '../refund/order-search';

/** What the refund and exchange machines share around a search: where it ended and what it chose. */
export interface FindableSnapshot {
  readonly context: {
    readonly error: FlowError | null;
    readonly preselect: string | null;
    readonly selected: readonly string[];
  };
  // Method syntax on purpose: each machine's `matches` takes its own state values, 'finding' among them.
  matches(state: 'finding'): boolean;
}

/** A search to run on a customer's fresh flow as soon as it starts, and who waits for it. */
export interface PendingFind {
  readonly query: FindQuery;
  readonly settle: (outcome: FindOutcome) => void;
}

/** How long a search may take before the scan is answered "busy". */
export const FIND_TIMEOUT_MS = 15_000;

/**
 * Sends FIND, waits (`found`: the flow's own waitFor, as only it knows its states) until the
 * flow has found the order, and whatever it does with it before the cashier chooses, or refused.
 */
export async function runFlowFind<TSnapshot extends FindableSnapshot>(
  actor: { send(event: { type: 'FIND'; query: FindQuery }): void },
  query: FindQuery,
  found: () => Promise<TSnapshot>,
): Promise<FindOutcome> {
  actor.send({ type: 'FIND', query });
  try {
    const s = await found();
    if (s.matches('finding')) return { kind: 'refused', error: s.context.error };
    const pre = s.context.preselect;
    return { kind: 'opened', preselected: pre !== null && s.context.selected.includes(pre) };
  } catch {
    // The flow was stopped (screen left) or stalled: the scan gets "busy", not a hang.
    return { kind: 'busy' };
  }
}
