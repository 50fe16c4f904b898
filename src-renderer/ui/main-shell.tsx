import { App } from './App';

/**
 * Drop-in for the foundation shell's exports (`AppShell`, `StartupError`), so `main.tsx` can
 * switch to the cashier app by changing one import path.
 */
export function AppShell() {
  return <App />;
}

export function StartupError({ message }: { readonly message: string }) {
  return (
    <main className="boot">
      <h1>Box Office POS</h1>
      <p role="alert">{message}</p>
    </main>
  );
}
