import { z } from 'zod';

/**
 * Wire format of the device bridge (WebSocket). The first client message must be
 * `{auth: secret}`; anything else, or a wrong secret, closes the socket with 4401.
 * Then calls are `{id, method, args}` → `{id, result}` where result is a Result envelope, and
 * main pushes `{event, payload}`.
 */
export const bridgeCloseCodes = {
  unauthorized: 4401,
  badMessage: 4400,
  shuttingDown: 1001,
} as const;

export const bridgeAuthMessageSchema = z.strictObject({ auth: z.string().min(1).max(256) });

export const bridgeCallMessageSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  method: z.string().max(128),
  args: z.unknown(),
});
export type BridgeCallMessage = z.infer<typeof bridgeCallMessageSchema>;

/** `session` comes back when the page presented a one-time launch code: reconnect with it. */
export const bridgeReadyMessageSchema = z.strictObject({
  ready: z.literal(true),
  session: z.string().min(1).max(256).optional(),
});
export const bridgeReplyMessageSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  result: z.unknown(),
});
export const bridgeEventMessageSchema = z.strictObject({
  event: z.string(),
  payload: z.unknown(),
});

export const bridgeServerMessageSchema = z.union([
  bridgeReadyMessageSchema,
  bridgeReplyMessageSchema,
  bridgeEventMessageSchema,
]);
export type BridgeServerMessage = z.infer<typeof bridgeServerMessageSchema>;

/**
 * How the page reaches the bridge: its address and a credential — the one-time launch code
 * from the URL fragment (never sent to a server), or the session the bridge gave for it.
 */
export type BridgeLaunchParams = { readonly url: string; readonly secret: string };

export function formatBridgeFragment(params: BridgeLaunchParams): string {
  const q = new URLSearchParams({ bridge: params.url, code: params.secret });
  return `#${q.toString()}`;
}

export function parseBridgeFragment(hash: string): BridgeLaunchParams | null {
  const q = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const url = q.get('bridge');
  const secret = q.get('code');
  if (url === null || secret === null || url === '' || secret === '') return null;
  if (!/^wss?:\/\//.test(url)) return null;
  return { url, secret };
}
