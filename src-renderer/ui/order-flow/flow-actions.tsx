import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * A flow's secondary actions (cancel, change the new seats), shown in the screen's title row
 * (CustomerScreen's slot) so they are never pushed under the confirm area or out of view.
 */
export function FlowActions({
  slot,
  children,
}: {
  readonly slot: HTMLElement | null;
  readonly children: ReactNode;
}) {
  return slot === null ? null : createPortal(children, slot);
}
