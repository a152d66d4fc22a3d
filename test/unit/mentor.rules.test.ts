import {
  byRisk,
  INVITE_TTL_DAYS,
  inviteCodeHash,
  inviteExpiresAt,
  liveStreak,
  newInviteCode,
  normalizeInviteCode,
  type Risk,
  RISK_HIGH_ADHERENCE,
  RISK_MEDIUM_ADHERENCE,
  RISK_QUIET_DAYS,
  type RiskInputs,
  riskOf,
} from '../../src/services/mentor.rules';
import type { StreakStatus } from '../../src/services/streak.rules';

describe('invites: single-use codes valid 7 days', () => {
  test('an invite lasts exactly 7 days from its creation', () => {
    expect(INVITE_TTL_DAYS).toBe(7);
    expect(inviteExpiresAt(new Date('2026-03-01T10:15:00.000Z')).toISOString()).toBe('2026-03-08T10:15:00.000Z');
  });

  test('a code is four groups of four Crockford base32 characters (no I, L, O or U)', () => {
    for (let i = 0; i < 200; i++) expect(newInviteCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  test('codes do not repeat', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newInviteCode()));
    expect(codes.size).toBe(1000);
  });

  test('case, spaces and dashes do not matter when a code is typed', () => {
    expect(normalizeInviteCode('ab12-cd34 ef56-gh78')).toBe('AB12CD34EF56GH78');
    expect(inviteCodeHash('ab12 cd34 ef56 gh78')).toBe(inviteCodeHash('AB12-CD34-EF56-GH78'));
  });

  test('only a SHA-256 of the normalised code is stored, different for different codes', () => {
    const hash = inviteCodeHash('AB12-CD34-EF56-GH78');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('AB12');
    expect(inviteCodeHash('AB12-CD34-EF56-GH79')).not.toBe(hash);
  });
});

describe('riskOf: HIGH when 3 quiet days or adherence7 < 0.3; MEDIUM when adherence7 < 0.6 or AT_RISK; else LOW', () => {
  test('the thresholds', () => {
    expect(RISK_QUIET_DAYS).toBe(3);
    expect(RISK_HIGH_ADHERENCE).toBe(0.3);
    expect(RISK_MEDIUM_ADHERENCE).toBe(0.6);
  });

  const inputs = (adherence7: number, daysSinceLastCheckIn: number | null, streakStatus: StreakStatus = 'ACTIVE'): RiskInputs => ({
    adherence7,
    daysSinceLastCheckIn,
    streakStatus,
  });

  test.each<[string, RiskInputs, Risk]>([
    ['never checked in', inputs(0, null, 'NONE'), 'HIGH'],
    ['never checked in, even at full adherence', inputs(1, null), 'HIGH'],
    ['3 local days without a check-in', inputs(4 / 7, 3, 'BROKEN'), 'HIGH'],
    ['10 local days without a check-in', inputs(0, 10, 'BROKEN'), 'HIGH'],
    ['2 quiet days at 6/7 adherence is not HIGH on that count', inputs(6 / 7, 2, 'AT_RISK'), 'MEDIUM'],
    ['adherence7 2/7 (0.286 < 0.3)', inputs(2 / 7, 0), 'HIGH'],
    ['adherence7 exactly 0.3 is not HIGH', inputs(0.3, 0), 'MEDIUM'],
    ['adherence7 3/7 (0.43)', inputs(3 / 7, 0), 'MEDIUM'],
    ['adherence7 4/7 (0.571 < 0.6)', inputs(4 / 7, 0), 'MEDIUM'],
    ['adherence7 exactly 0.6 is LOW', inputs(0.6, 0), 'LOW'],
    ['adherence7 5/7, checked in today', inputs(5 / 7, 0), 'LOW'],
    ['adherence7 7/7 but AT_RISK today', inputs(1, 1, 'AT_RISK'), 'MEDIUM'],
    ['adherence7 6/7, checked in yesterday, streak still ACTIVE-able', inputs(6 / 7, 1, 'NONE'), 'LOW'],
    ['a BROKEN streak with good adherence and 2 quiet days', inputs(5 / 7, 2, 'BROKEN'), 'LOW'],
  ])('%s → %s', (_, given, risk) => {
    expect(riskOf(given)).toBe(risk);
  });
});

describe('byRisk: HIGH first, then the lowest adherence7, then adherence30, then id', () => {
  test('sorts a mixed list in dashboard order', () => {
    const rows = [
      { userId: 'e', risk: 'LOW' as const, adherence7: 1, adherence30: 1 },
      { userId: 'd', risk: 'MEDIUM' as const, adherence7: 0.5, adherence30: 0.9 },
      { userId: 'c', risk: 'MEDIUM' as const, adherence7: 0.5, adherence30: 0.4 },
      { userId: 'b', risk: 'HIGH' as const, adherence7: 0.2, adherence30: 0.5 },
      { userId: 'a', risk: 'HIGH' as const, adherence7: 0.2, adherence30: 0.5 },
      { userId: 'f', risk: 'HIGH' as const, adherence7: 0, adherence30: 0.9 },
      { userId: 'g', risk: 'MEDIUM' as const, adherence7: 0.4, adherence30: 1 },
    ];
    expect([...rows].sort(byRisk).map((r) => r.userId)).toEqual(['f', 'a', 'b', 'g', 'c', 'd', 'e']);
  });
});

describe('liveStreak: what a mentor sees', () => {
  test.each<[number, StreakStatus, number]>([
    [12, 'ACTIVE', 12],
    [12, 'AT_RISK', 12],
    [12, 'BROKEN', 0],
    [0, 'NONE', 0],
  ])('current %i, %s → %i', (current, status, shown) => {
    expect(liveStreak(current, status)).toBe(shown);
  });
});
