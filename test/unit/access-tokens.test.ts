import jwt from 'jsonwebtoken';

import { AccessTokens } from '../../src/auth/tokens';

/** Token subjects are user ids, and only UUIDs verify. */
const USER_1 = '0b6f5a43-3c1e-4f7a-9d2b-5e8c1a7f4d10';
const USER_2 = '7c2d9e14-8a3b-4c6f-b1e5-2f9a0d4c8e37';
const SECRET = 'unit-secret-unit-secret-unit-secret-0001';

describe('AccessTokens', () => {
  afterEach(() => jest.useRealTimers());

  test('a token verifies to its user and expiry, the first time and from the cache', () => {
    const tokens = new AccessTokens(SECRET, 900);
    const token = tokens.issue(USER_1);
    const first = tokens.verify(token);
    expect(first).toEqual({ userId: USER_1, expiresAt: expect.any(Number) });
    expect(tokens.verify(token)).toEqual(first);
  });

  test('an expired token is refused, also when it was verified (and cached) before', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const tokens = new AccessTokens(SECRET, 60);
    const token = tokens.issue(USER_1);
    expect(tokens.verify(token)?.userId).toBe(USER_1);
    jest.setSystemTime(new Date('2026-01-01T00:00:59.999Z'));
    expect(tokens.verify(token)?.userId).toBe(USER_1);
    jest.setSystemTime(new Date('2026-01-01T00:01:00Z'));
    expect(tokens.verify(token)).toBeNull();
  });

  test('a token altered after a successful verify is refused', () => {
    const tokens = new AccessTokens(SECRET, 900);
    const token = tokens.issue(USER_1);
    expect(tokens.verify(token)).not.toBeNull();
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(JSON.stringify({ sub: USER_2, exp: 9_999_999_999, iss: 'xecution', aud: 'xecution-api' })).toString('base64url');
    expect(tokens.verify(`${header}.${payload}.${signature}`)).toBeNull();
    expect(tokens.verify(`${token}x`)).toBeNull();
  });

  test('tokens signed with another secret, another algorithm or none are refused', () => {
    const tokens = new AccessTokens(SECRET, 900);
    const claims = { sub: USER_1, iss: 'xecution', aud: 'xecution-api' };
    expect(tokens.verify(jwt.sign(claims, 'another-secret-another-secret-another-1', { expiresIn: 900 }))).toBeNull();
    expect(tokens.verify(jwt.sign(claims, SECRET, { algorithm: 'HS512', expiresIn: 900 }))).toBeNull();
    expect(tokens.verify(jwt.sign(claims, null, { algorithm: 'none', expiresIn: 900 }))).toBeNull();
    expect(tokens.verify(jwt.sign({ ...claims, aud: 'someone-else' }, SECRET, { expiresIn: 900 }))).toBeNull();
  });
});
