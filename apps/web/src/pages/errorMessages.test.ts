import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http.ts';
import { CreateSpaceError } from '../api/createSpace.ts';
import { translate } from '../i18n/translate.ts';
import { createErrorMessage } from './HomePage.tsx';
import { joinErrorKey } from './JoinPage.tsx';

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);

describe('what people are told when the server refuses (NAME-2, HTTP-4)', () => {
  it('joining: a refused name and a throttled attempt each have their own words', () => {
    expect(joinErrorKey(new ApiError('server', 400, 'invalid_name', 'x')).key).toBe(
      'join.error.invalidName',
    );
    expect(joinErrorKey(new ApiError('server', 429, 'rate_limited', 'x')).key).toBe(
      'join.error.rateLimited',
    );
  });

  it('creating a space: the same, and the server’s message otherwise', () => {
    expect(createErrorMessage(t, new CreateSpaceError('server', 'x', 'invalid_name'))).toMatch(
      /not allowed/,
    );
    expect(createErrorMessage(t, new CreateSpaceError('server', 'x', 'rate_limited'))).toMatch(
      /wait a minute/i,
    );
    expect(createErrorMessage(t, new CreateSpaceError('server', 'boom'))).toContain('boom');
    expect(createErrorMessage(t, new Error('offline'))).toBe(t('home.error.network'));
  });
});
