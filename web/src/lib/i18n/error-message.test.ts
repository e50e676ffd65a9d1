import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { errorMessage } from './error-message';
import { createTranslator } from './translate';

const en = createTranslator('en');
const ru = createTranslator('ru');
const graphqlError = (code: string, extensions: Record<string, unknown> = {}) =>
  new CombinedGraphQLErrors({ data: null, errors: [{ message: 'raw server text', extensions: { code, ...extensions } }] });
const httpAnswer = (status: number, body: string, type = 'application/json') =>
  new ServerError('Response not successful', {
    response: new Response(body, { status, headers: { 'content-type': type } }),
    bodyText: body,
  });

describe('errorMessage', () => {
  it('says each API code as a sentence, never the code or the server’s text', () => {
    expect(errorMessage(graphqlError('SOLD_OUT', { available: 1 }), en)).toBe('There are not enough tickets left.');
    expect(errorMessage(graphqlError('SOLD_OUT'), ru)).toBe('Осталось недостаточно билетов.');
    expect(errorMessage(graphqlError('EMAIL_TAKEN'), en)).not.toMatch(/EMAIL_TAKEN|raw server text/);
  });

  it('tells wrong credentials from an ended session', () => {
    expect(errorMessage(graphqlError('UNAUTHENTICATED', { reason: 'INVALID_CREDENTIALS' }), en)).toBe('The email or password is wrong.');
    expect(errorMessage(graphqlError('UNAUTHENTICATED', { reason: 'SESSION_ENDED' }), en)).toMatch(/session has ended/);
    expect(errorMessage(graphqlError('UNAUTHENTICATED'), en)).toBe('Please sign in to continue.');
  });

  it('reads the code from the GraphQL body of a refusal the router answers with 401', () => {
    const body = JSON.stringify({ errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' } }] });
    expect(errorMessage(httpAnswer(401, body), ru)).toBe('Сеанс завершён. Войдите снова.');
  });

  it('says when to try again after a rate limit', () => {
    expect(errorMessage(graphqlError('RATE_LIMITED', { retryAfterSeconds: 42 }), en)).toBe('Too many attempts. Try again in 42 seconds.');
  });

  it('has a sentence for an HTTP failure without a code, an unreadable answer, and no answer at all', () => {
    expect(errorMessage(httpAnswer(502, '<html>Bad gateway</html>', 'text/html'), en)).toBe(
      'Sbor did not answer properly. Please try again in a moment.',
    );
    expect(errorMessage(httpAnswer(413, 'too large', 'text/plain'), en)).toBe('What you sent is too large.');
    const parse = new ServerParseError(new SyntaxError('Unexpected token'), { response: new Response('x'), bodyText: 'x' });
    expect(errorMessage(parse, en)).toBe('Sbor did not answer properly. Please try again in a moment.');
    expect(errorMessage(new TypeError('Failed to fetch'), ru)).toBe('Сервер недоступен. Проверьте подключение и попробуйте снова.');
  });

  it('falls back to a general sentence for a code it does not know', () => {
    expect(errorMessage(graphqlError('SOMETHING_NEW'), en)).toBe('Something went wrong. Please try again.');
    expect(errorMessage(new Error('boom'), en)).toBe('Something went wrong. Please try again.');
  });
});
