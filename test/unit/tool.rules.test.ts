import { applyVitals, type Vitals } from '../../src/services/stats.rules';
import { INVENTORY_CAP, toolEffect, toolRefusal } from '../../src/services/tool.rules';

const start: Vitals = { energy: 50, fatigue: 0, loyalty: 0, clarity: 0, discipline: 0, resilience: 0 };

describe('tool effects', () => {
  test.each([
    ['ENERGY_DRINK', { vitals: { energy: 25 } }],
    ['POWER_NAP', { vitals: { fatigue: -30 } }],
    ['STREAK_SHIELD', { graceDays: 1 }],
  ])('%s → %j', (code, effect) => {
    expect(toolEffect(code)).toEqual(effect);
  });

  test('unknown tools have no effect', () => {
    expect(toolEffect('TIME_MACHINE')).toBeUndefined();
    expect(toolEffect('energy_drink')).toBeUndefined();
  });

  test('effects go through the clamps', () => {
    expect(applyVitals({ ...start, energy: 90 }, toolEffect('ENERGY_DRINK')!.vitals!).energy).toBe(100);
    expect(applyVitals({ ...start, fatigue: 20 }, toolEffect('POWER_NAP')!.vitals!).fatigue).toBe(0);
  });

  test('the inventory holds at most 5 items', () => {
    expect(INVENTORY_CAP).toBe(5);
  });
});

describe('toolRefusal: STREAK_SHIELD cannot be used at 2 grace days', () => {
  test.each([
    ['STREAK_SHIELD', 0, false],
    ['STREAK_SHIELD', 1, false],
    ['STREAK_SHIELD', 2, true],
    ['ENERGY_DRINK', 2, false],
    ['POWER_NAP', 2, false],
    ['ENERGY_DRINK', 0, false],
  ])('%s with %i grace days → refused: %s', (code, graceDays, refused) => {
    const refusal = toolRefusal(toolEffect(code)!, graceDays);
    if (refused) expect(refusal).toMatch(/maximum of 2 grace days/);
    else expect(refusal).toBeNull();
  });
});
