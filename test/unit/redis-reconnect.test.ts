import { reconnectDelayMs } from '../../src/redis/connections';

describe('reconnectDelayMs: the one Redis reconnect policy (50 ms doubling, capped at 2 s)', () => {
  test.each([
    [0, 50],
    [1, 100],
    [2, 200],
    [3, 400],
    [4, 800],
    [5, 1600],
    [6, 2000],
    [10, 2000],
    [11, 2000],
    [10_000, 2000],
  ])('attempt %i → %i ms', (attempt, delay) => {
    expect(reconnectDelayMs(attempt)).toBe(delay);
  });

  test('never shrinks from one attempt to the next, and never stops retrying', () => {
    for (let attempt = 1; attempt < 100; attempt++) {
      expect(reconnectDelayMs(attempt)).toBeGreaterThanOrEqual(reconnectDelayMs(attempt - 1));
      expect(reconnectDelayMs(attempt)).toEqual(expect.any(Number));
    }
  });
});
