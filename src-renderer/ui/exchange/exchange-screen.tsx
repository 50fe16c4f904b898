import type { Actor } from '../../../shared/commands';

export function ExchangeScreen(_props: { readonly actor: Actor }) {
  return <section className="screen exchange" />;
}
