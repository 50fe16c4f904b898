/**
 * Customer feedback (issue 14 item 8) through the real server on PGlite (PostgreSQL in CI): the
 * purchase's thank-you and the paid refund's message carry a signed link; the link opens the
 * form, refuses forgeries and expiry in words, keeps one feedback per order or request that
 * can be edited for 30 days, and the back office reads the summary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackSummary } from '../../shared/feedback/contract';
import { signFeedbackLink } from '../../src-server/feedback/feedback-link';
import { signRefundLink, venueLinkKey } from '../../src-server/requests/refund-link';
import { rotateLinkKey } from '../../src-server/requests/refund-link-keys';
import { startRequestsServer, type RequestsServer } from './refund-requests-harness';

const VENUE = 'podil-stage';
const DAY = 86_400_000;
const START = Date.parse('2026-04-02T10:00:00+03:00');

let s: RequestsServer;
beforeAll(async () => {
  s = await startRequestsServer();
});
afterAll(async () => {
  await s?.close();
});

const tokenOf = (url: unknown): string => {
  const m = /#feedback=([A-Za-z0-9_.-]+)$/.exec(String(url));
  if (!m) throw new Error(`no feedback link in ${String(url)}`);
  return m[1]!;
};

/** A sale with an e-mail contact and the token its thank-you carries. */
async function boughtWithEmail(email: string) {
  const sale = await s.sale({ contact: { email, locale: 'en' } });
  const thanks = (await s.notifications()).filter(
    (n) => n.kind === 'purchase_thanks' && n.to === email,
  );
  expect(thanks).toHaveLength(1);
  return { sale, token: tokenOf(thanks[0]!.data.feedbackUrl) };
}

const give = (body: Record<string, unknown>) => s.request('POST', '/api/public/feedback', body);
const open = (token: string) => s.request('POST', '/api/public/feedback/open', { token });

describe('feedback links', () => {
  it('a purchase with an e-mail is thanked once with a link to its order; none without one', async () => {
    s.clock.ms = START;
    const { sale, token } = await boughtWithEmail('maria@example.org');
    // The contact attached again (a typo corrected): no second thank-you.
    await s.request(
      'PUT',
      '/api/terminal/order-contacts',
      { orderId: sale.orderId, email: 'maria@example.org', locale: 'uk' },
      s.tillAuth,
    );
    const thanks = (await s.notifications()).filter((n) => n.kind === 'purchase_thanks');
    expect(thanks.filter((n) => n.to === 'maria@example.org')).toHaveLength(1);
    expect(thanks[0]!.data.orderNumber).toBe(sale.orderId);
    expect(String(thanks[0]!.data.feedbackUrl)).toMatch(
      /^https:\/\/tickets\.podil-stage\.example\/refund-request\/#feedback=/,
    );
    // A buyer who left only a phone gets no e-mail.
    const before = (await s.notifications()).length;
    await s.sale({ contact: { phone: '+380 67 123 45 67', locale: 'uk' } });
    expect((await s.notifications()).filter((n) => n.kind === 'purchase_thanks')).toHaveLength(
      thanks.length,
    );
    expect((await s.notifications()).length).toBe(before);

    const opened = await open(token);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      about: 'order',
      given: null,
      performances: [{ performanceId: 'hamlet-0501', eventName: expect.any(String) }],
    });
    expect(Date.parse(String(opened.body.editableUntil))).toBe(
      Math.floor((START + 30 * DAY) / 1000) * 1000,
    );
  });

  it('refuses a forged, altered or foreign token and an expired one, in words', async () => {
    s.clock.ms = START;
    const { sale, token } = await boughtWithEmail('taras@example.org');
    const [payload, mac] = token.split('.') as [string, string];
    const flipped = `${payload}.${mac.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`;
    // Another order's id in the payload, the old signature kept.
    const altered = `${Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace(sale.orderId, 'someone-elses-order'),
    ).toString('base64url')}.${mac}`;
    // Signed with the venue's key but as a refund link: another context, refused here.
    const key = await venueLinkKey(s.db, VENUE);
    const refundToken = signRefundLink(key, {
      venueId: VENUE,
      orderId: sale.orderId,
      performanceId: 'hamlet-0501',
      expiresAtMs: START + DAY,
    });
    // Signed with another key.
    const foreign = signFeedbackLink(
      { keyId: key.keyId, secret: Buffer.alloc(32, 9) },
      {
        venueId: VENUE,
        about: 'order',
        subjectId: sale.orderId,
        orderId: sale.orderId,
        expiresAtMs: START + DAY,
      },
    );
    for (const bad of [flipped, altered, refundToken, foreign]) {
      const refused = await open(bad);
      expect(refused.status).toBe(404);
      expect(refused.body.error).toEqual({
        code: 'feedback_link_invalid',
        message: 'This feedback link is not valid. Please open it again from the whole e-mail.',
      });
      expect((await give({ token: bad, rating: 5, topic: 'venue' })).status).toBe(404);
    }

    s.clock.ms = START + 30 * DAY + 60_000;
    const late = await open(token);
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('feedback_link_expired');
    expect(late.body.error.message).toContain('30 days');
    expect((await give({ token, rating: 5, topic: 'venue' })).status).toBe(410);
    s.clock.ms = START;
  });

  it('keeps one feedback per order, edited within 30 days; checks the body', async () => {
    s.clock.ms = START;
    const { sale, token } = await boughtWithEmail('ivan@example.org');
    const first = await give({ token, rating: 2, topic: 'seating', locale: 'uk' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ edited: false, given: { rating: 2, comment: null } });

    s.clock.ms = START + 29 * DAY;
    const edited = await give({
      token,
      rating: 4,
      topic: 'staff',
      performanceId: 'hamlet-0501',
      comment: '  The usher found us better seats.  ',
      locale: 'uk',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      edited: true,
      given: { rating: 4, topic: 'staff', comment: 'The usher found us better seats.' },
    });
    const rows = await s.db.query<{ rating: number; created_at: Date | string }>(
      `SELECT rating, created_at FROM feedback WHERE venue_id = $1 AND order_id = $2`,
      [VENUE, sale.orderId],
    );
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]!.rating)).toBe(4);
    // First given on the first day: the summary counts it there.
    expect(new Date(rows[0]!.created_at).getTime()).toBe(START);
    expect((await open(token)).body.given).toMatchObject({
      rating: 4,
      performanceId: 'hamlet-0501',
    });

    const wrongShow = await give({ token, rating: 3, topic: 'other', performanceId: 'gala-1231' });
    expect(wrongShow.status).toBe(422);
    expect(wrongShow.body.error.code).toBe('feedback_unknown_performance');
    for (const body of [
      { token, rating: 6, topic: 'venue' },
      { token, rating: 0, topic: 'venue' },
      { token, rating: 3.5, topic: 'venue' },
      { token, rating: 3, topic: 'food' },
      { token, rating: 3, topic: 'venue', comment: 'x'.repeat(2001) },
    ]) {
      const refused = await give(body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('invalid_request');
    }
    s.clock.ms = START;
  });

  it('a paid refund’s message carries its own link: the request gets a feedback of its own', async () => {
    s.clock.ms = START;
    const sale = await s.sale({ contact: { email: 'olha@example.org', locale: 'zh-Hans' } });
    const made = await s.request('POST', '/api/public/refund-requests', {
      venueId: VENUE,
      orderRef: sale.orderId,
      contact: 'olha@example.org',
      ticketIds: [sale.tickets[0]!.ticketId],
      reasonCode: 'customer_request',
      locale: 'zh-Hans',
    });
    expect(made.body.status.state).toBe('paid');
    const paid = (await s.notifications()).find(
      (n) => n.kind === 'request_paid' && n.to === 'olha@example.org',
    );
    const token = tokenOf(paid!.data.feedbackUrl);
    const opened = await open(token);
    expect(opened.body).toMatchObject({ about: 'request', given: null });
    expect((await give({ token, rating: 5, topic: 'refund', comment: '退款很快' })).status).toBe(
      200,
    );
    const rows = await s.db.query<{ subject_kind: string }>(
      `SELECT subject_kind FROM feedback WHERE venue_id = $1 AND order_id = $2`,
      [VENUE, sale.orderId],
    );
    expect(rows.map((r) => r.subject_kind)).toEqual(['request']);
  });
});

describe('the back office summary', () => {
  it('averages by week, counts per star, groups comments by topic and performance, newest first', async () => {
    await s.db.query(`DELETE FROM feedback`);
    const at = (iso: string) => Date.parse(iso);
    const gave: [string, number, string, string | null][] = [
      ['2026-04-06T09:00:00Z', 5, 'staff', 'Kind cashier'], // week of 6 April
      ['2026-04-07T09:00:00Z', 3, 'seating', 'Narrow seats'],
      ['2026-04-14T09:00:00Z', 4, 'seating', null], // week of 13 April
      ['2026-04-15T09:00:00Z', 1, 'seating', 'Could not see the stage'],
    ];
    for (const [i, [when, rating, topic, comment]] of gave.entries()) {
      s.clock.ms = at('2026-04-05T12:00:00Z');
      const { token } = await boughtWithEmail(`summary-${i}@example.org`);
      s.clock.ms = at(when);
      const r = await give({ token, rating, topic, comment, performanceId: 'hamlet-0501' });
      expect(r.status).toBe(200);
    }
    const got = await s.request(
      'GET',
      `/api/venues/${VENUE}/feedback?from=2026-04-01&to=2026-04-19`,
      undefined,
      s.supervisor,
    );
    expect(got.status).toBe(200);
    const summary = got.body as FeedbackSummary;
    expect(summary).toMatchObject({ count: 4, average: 3.25, byStar: [1, 0, 1, 1, 1] });
    expect(summary.weeks).toEqual([
      { weekStart: '2026-03-30', count: 0, average: null },
      { weekStart: '2026-04-06', count: 2, average: 4 },
      { weekStart: '2026-04-13', count: 2, average: 2.5 },
    ]);
    const seating = summary.byTopic.find((t) => t.topic === 'seating');
    expect(seating).toMatchObject({ count: 3, average: 2.67 });
    expect(seating!.comments.map((c) => c.comment)).toEqual([
      'Could not see the stage',
      'Narrow seats',
    ]);
    expect(summary.byPerformance).toHaveLength(1);
    expect(summary.byPerformance[0]).toMatchObject({
      performanceId: 'hamlet-0501',
      count: 4,
      eventName: expect.any(String),
    });
    expect(summary.byPerformance[0]!.comments).toHaveLength(3);

    const reversed = await s.request(
      'GET',
      `/api/venues/${VENUE}/feedback?from=2026-04-19&to=2026-04-01`,
      undefined,
      s.manager,
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.code).toBe('invalid_range');
  });
});

describe('rate limit', () => {
  it('a client address gets its public feedback requests per minute, then 429 in words', async () => {
    const limited = await startRequestsServer({ publicPerMinute: 3 });
    try {
      const answers = [];
      for (let i = 0; i < 4; i++) {
        answers.push(
          await limited.request('POST', '/api/public/feedback/open', {
            token: `${'a'.repeat(30)}.${'b'.repeat(43)}`,
          }),
        );
      }
      expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 429]);
      expect(answers[3]!.body.error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});

describe('feedback links and the venue key ring', () => {
  it('a link opens after a key rotation, and not once its key is retired as leaked', async () => {
    s.clock.ms = START;
    const before = await boughtWithEmail('rotation-before@example.org');
    await s.db.transaction((tx) => rotateLinkKey(tx, VENUE, START, false));
    expect((await open(before.token)).status).toBe(200);
    // Signed by the new key, which then leaks: retired at once, its links open nothing.
    const after = await boughtWithEmail('rotation-after@example.org');
    expect((await open(after.token)).status).toBe(200);
    await s.db.transaction((tx) => rotateLinkKey(tx, VENUE, START, true));
    const refused = await open(after.token);
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('feedback_link_invalid');
    expect((await open(before.token)).status).toBe(200);
  });
});
