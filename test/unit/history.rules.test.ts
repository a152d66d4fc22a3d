import type { DomainError } from '../../src/errors/domain-errors';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type PageArgs,
  pageCacheKey,
  pageKey,
  sprintCursor,
  toConnection,
} from '../../src/services/history.rules';

const USER = '00000000-0000-4000-8000-000000000001';
const SPRINT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

function refusal(run: () => unknown): { code: unknown; field: unknown } {
  try {
    run();
  } catch (error) {
    const { extensions } = error as DomainError;
    return { code: extensions.code, field: extensions.field };
  }
  throw new Error('expected a refusal');
}

describe('pageKey: first 1..100 (default 20)', () => {
  test('the bounds', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(20);
    expect(MAX_PAGE_SIZE).toBe(100);
  });

  test('defaults to 20 with nothing else set', () => {
    expect(pageKey('checkIns', USER, {})).toEqual({ userId: USER, first: 20, after: null, from: null, to: null });
    expect(pageKey('events', USER, { first: null, after: null }).first).toBe(20);
  });

  test.each([1, 20, 99, 100])('first %i is accepted', (first) => {
    expect(pageKey('xpLedger', USER, { first }).first).toBe(first);
  });

  test.each([0, -1, 101, 1000, 2.5, Number.NaN])('first %p → BAD_USER_INPUT on first', (first) => {
    expect(refusal(() => pageKey('xpLedger', USER, { first }))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('pageKey: a cursor has the shape of its connection', () => {
  const instantAndId = `2026-03-01T10:15:00.000Z_${SPRINT_ID}`;

  test.each<[PageArgs['after'], Parameters<typeof pageKey>[0]]>([
    ['2026-03-01', 'checkIns'],
    ['2026-03-01', 'intentions'],
    [instantAndId, 'sprints'],
    ['1', 'xpLedger'],
    ['123456789012345678', 'events'],
  ])('%s is a %s cursor', (after, kind) => {
    expect(pageKey(kind, USER, { after }).after).toBe(after);
  });

  test.each<[string, Parameters<typeof pageKey>[0]]>([
    ['2026-3-1', 'checkIns'],
    ['12', 'intentions'],
    ['2026-03-01', 'sprints'],
    [`2026-03-01T10:15:00Z_${SPRINT_ID}`, 'sprints'],
    ['-1', 'xpLedger'],
    ['1234567890123456789', 'events'],
    ['1; DROP TABLE users', 'events'],
  ])('%s is not a %s cursor → BAD_USER_INPUT on after', (after, kind) => {
    expect(refusal(() => pageKey(kind, USER, { after }))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('pageKey: from ≤ to', () => {
  test('a one-day range and an open range are accepted', () => {
    expect(pageKey('checkIns', USER, { from: '2026-03-01', to: '2026-03-01' })).toMatchObject({ from: '2026-03-01', to: '2026-03-01' });
    expect(pageKey('checkIns', USER, { from: '2026-03-01' })).toMatchObject({ from: '2026-03-01', to: null });
  });

  test('to before from → BAD_USER_INPUT on to', () => {
    expect(refusal(() => pageKey('checkIns', USER, { from: '2026-03-02', to: '2026-03-01' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'to',
    });
  });
});

describe('pageCacheKey: one answer per distinct request', () => {
  test('equal requests share a key, different ones do not', () => {
    const a = pageKey('checkIns', USER, { first: 5, from: '2026-03-01' });
    expect(pageCacheKey(a)).toBe(pageCacheKey(pageKey('checkIns', USER, { first: 5, from: '2026-03-01' })));
    expect(pageCacheKey(a)).not.toBe(pageCacheKey(pageKey('checkIns', USER, { first: 5, to: '2026-03-01' })));
    expect(pageCacheKey(a)).not.toBe(pageCacheKey(pageKey('checkIns', USER, { first: 6, from: '2026-03-01' })));
  });
});

describe('toConnection: first + 1 rows tell whether a next page exists', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ cursor: `c${i}`, node: i }));

  test('an extra row means a next page, and is not returned', () => {
    const page = toConnection(rows(4), 3);
    expect(page.edges.map((e) => e.node)).toEqual([0, 1, 2]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: 'c0', endCursor: 'c2' });
  });

  test('exactly first rows: the last page', () => {
    expect(toConnection(rows(3), 3).pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: 'c0', endCursor: 'c2' });
  });

  test('no rows: no cursors', () => {
    expect(toConnection(rows(0), 20)).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });
});

describe('sprintCursor', () => {
  test('the start instant and the id, which pageKey accepts back', () => {
    const cursor = sprintCursor(new Date('2026-03-01T10:15:00Z'), SPRINT_ID);
    expect(cursor).toBe(`2026-03-01T10:15:00.000Z_${SPRINT_ID}`);
    expect(pageKey('sprints', USER, { after: cursor }).after).toBe(cursor);
  });
});
