import type { Page } from 'playwright-core';

/**
 * Calls the contract from inside the page through the same bridge transport the app uses
 * (its own WebSocket with the session the page was given), so a test sees exactly what page
 * code would get back.
 */
export function callInPage(page: Page, method: string, args: unknown): Promise<unknown> {
  return page.evaluate(
    ([m, a]) => {
      const params = JSON.parse(sessionStorage.getItem('box-office.bridge') ?? 'null') as {
        url: string;
        secret: string;
      };
      const ws = new WebSocket(params.url);
      return new Promise((resolve, reject) => {
        ws.onopen = () => ws.send(JSON.stringify({ auth: params.secret }));
        ws.onclose = (e) => reject(new Error(`closed ${e.code}`));
        ws.onmessage = (e: MessageEvent<string>) => {
          const msg = JSON.parse(e.data) as { ready?: true; id?: number; result?: unknown };
          if (msg.ready) ws.send(JSON.stringify({ id: 1, method: m, args: a }));
          else if (msg.id === 1) {
            ws.onclose = null;
            ws.close();
            resolve(msg.result);
          }
        };
      });
    },
    [method, args] as const,
  );
}
