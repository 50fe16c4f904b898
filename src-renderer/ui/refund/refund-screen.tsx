import type { Actor } from '../../../shared/commands';

export function RefundScreen(_props: { readonly actor: Actor }) {
  return <section className="screen refund" />;
}
