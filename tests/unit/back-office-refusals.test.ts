/**
 * The back office shows a server refusal in the manager's language: English readers get the
 * server's own sentence (with its particulars), Ukrainian and Chinese readers the catalog's
 * sentence for the code; a code the catalog does not know is shown as sent.
 */
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src-renderer/i18n/translator';
import { ApiError } from '../../src-renderer/manage/api';
import { refusalText } from '../../src-renderer/manage/error-text';
import { REFUSAL_KEY } from '../../src-renderer/manage/refusal-keys';

const venue = { currency: 'UAH', timeZone: 'Europe/Kyiv' } as const;
const en = createTranslator('en', venue);
const uk = createTranslator('uk', venue);
const zh = createTranslator('zh-Hans', venue);
const SERVER_SENTENCE =
  'A supervisor can see the back office but not change it: ask a manager to do this.';

describe('back-office refusals', () => {
  it('keeps the server sentence in English and translates the code otherwise', () => {
    const refusal = new ApiError(403, 'read_only', SERVER_SENTENCE);
    expect(refusalText(en, refusal)).toBe(SERVER_SENTENCE);
    expect(refusalText(uk, refusal)).toBe(
      'Старший касир бачить бек-офіс, але не може нічого змінювати: попросіть менеджера.',
    );
    expect(refusalText(zh, refusal)).toBe('主管可以查看后台，但不能修改：请让经理来操作。');
  });

  it('uses the PIN wording on the PIN sign-in, and the server sentence for an unknown code', () => {
    const refused = new ApiError(401, 'sign_in_refused', 'That staff id and PIN do not match …');
    expect(refusalText(uk, refused, 'pin')).toMatch(/^Цей ідентифікатор працівника й PIN/);
    expect(refusalText(uk, refused)).toMatch(/^Ця ел\. пошта й пароль/);
    const odd = new ApiError(409, 'something_new', 'A sentence the catalog does not know.');
    expect(refusalText(zh, odd)).toBe('A sentence the catalog does not know.');
    expect(refusalText(zh, new ApiError(0, 'network', 'x'))).toBe(zh.t('manage.error.network'));
  });

  it('has a sentence in every language for every code it lists, none left in English', () => {
    for (const key of Object.values(REFUSAL_KEY)) {
      for (const tr of [uk, zh]) {
        const text = tr.t(key);
        expect(text, key).not.toBe(en.t(key));
        expect(text, key).not.toMatch(/^[\x20-\x7e]+$/);
      }
    }
  });
});
