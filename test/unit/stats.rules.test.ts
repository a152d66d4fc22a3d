import { applyVitals, type Vitals } from '../../src/services/stats.rules';

const start: Vitals = { energy: 50, fatigue: 0, loyalty: 0, clarity: 0, discipline: 0, resilience: 0 };
const vitals = (overrides: Partial<Vitals>): Vitals => ({ ...start, ...overrides });

describe('applyVitals clamps (docs/rules.md, clamps: energy and fatigue 0..100, loyalty ≥ 0, no stat below 0)', () => {
  test.each<[keyof Vitals, number, number, number]>([
    ['energy', 50, 25, 75],
    ['energy', 95, 10, 100],
    ['energy', 100, 25, 100],
    ['energy', 90, 10, 100],
    ['energy', 5, -36, 0],
    ['energy', 10, -10, 0],
    ['energy', 0, -1, 0],
    ['fatigue', 0, -10, 0],
    ['fatigue', 5, -30, 0],
    ['fatigue', 20, -10, 10],
    ['fatigue', 95, 12, 100],
    ['fatigue', 100, 36, 100],
    ['loyalty', 3, -5, 0],
    ['loyalty', 40, -40, 0],
    ['loyalty', 1000, 5, 1005],
    ['clarity', 0, -1, 0],
    ['clarity', 500, 1, 501],
    ['discipline', 1, -3, 0],
    ['discipline', 999, 1, 1000],
    ['resilience', 0, -2, 0],
    ['resilience', 300, 2, 302],
  ])('%s %i + %i → %i', (key, from, delta, to) => {
    expect(applyVitals(vitals({ [key]: from }), { [key]: delta })[key]).toBe(to);
  });

  test('an empty delta changes nothing', () => {
    const current = vitals({ energy: 33, fatigue: 44, loyalty: 7, clarity: 1, discipline: 2, resilience: 3 });
    expect(applyVitals(current, {})).toEqual(current);
  });

  test('every field moves independently in one call', () => {
    const result = applyVitals(vitals({ energy: 95, fatigue: 5, loyalty: 2 }), {
      energy: 10,
      fatigue: -10,
      loyalty: -5,
      clarity: 1,
      discipline: 2,
      resilience: 3,
    });
    expect(result).toEqual({ energy: 100, fatigue: 0, loyalty: 0, clarity: 1, discipline: 2, resilience: 3 });
  });

  test('the input is not mutated', () => {
    const current = vitals({ energy: 60 });
    applyVitals(current, { energy: 30 });
    expect(current.energy).toBe(60);
  });
});
