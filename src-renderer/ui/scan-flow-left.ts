/**
 * Screens that take scans say when they unmount, so the verdict of a scan they took (an alert
 * like "already exchanged") does not follow the cashier to the next screen. A plain listener
 * set: the verdict panel listens, the screens' scan hooks tell.
 */
type Listener = (flowId: string) => void;
const listeners = new Set<Listener>();

export function onScanFlowLeft(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function scanFlowLeft(flowId: string): void {
  for (const l of listeners) l(flowId);
}
