import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBalanceRules, parseBudgetPerMonth } from '../../src/sheets/optimiser-settings';

describe('Budget per month', () => {
  it('reads one amount for every month, or amounts per month', () => {
    expect(parseBudgetPerMonth(150000)).toEqual({ ok: true, value: 150000 });
    expect(parseBudgetPerMonth('100k')).toEqual({ ok: true, value: 100000 });
    expect(parseBudgetPerMonth('2027-01: 100,000; 2027-2 = 80k\n2027-03:0')).toEqual({
      ok: true,
      value: { '2027-01': 100000, '2027-02': 80000, '2027-03': 0 },
    });
  });

  it('names the part at fault', () => {
    expect(parseBudgetPerMonth(-5)).toEqual({ ok: false, error: 'the amount is negative' });
    expect(parseBudgetPerMonth('2027-13: 5')).toEqual({
      ok: false,
      error: '"2027-13: 5" has no month 13',
    });
    expect(parseBudgetPerMonth('2027-01: 5; 2027-01: 6')).toEqual({
      ok: false,
      error: '2027-01 is given twice',
    });
    expect(parseBudgetPerMonth('2027-01: lots')).toMatchObject({ ok: false });
    expect(parseBudgetPerMonth('plenty')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^"plenty" is neither one amount/) as unknown,
    });
  });
});

describe('Balance rules', () => {
  it('reads maxima, minima and ranges per Type or Objective, combining rules for a group', () => {
    expect(
      parseBalanceRules(
        'Type Tooling ≤ 20%; objective New logos >= 30; Type Campaign 10%–40%\nType Tooling at least 0.05',
      ),
    ).toEqual({
      ok: true,
      value: [
        { by: 'type', group: 'Tooling', minShare: 0.05, maxShare: 0.2 },
        { by: 'objective', group: 'New logos', minShare: 0.3, maxShare: null },
        { by: 'type', group: 'Campaign', minShare: 0.1, maxShare: 0.4 },
      ],
    });
  });

  it('names the rule at fault', () => {
    expect(parseBalanceRules('Tooling ≤ 20%')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^"Tooling ≤ 20%" is not like "Type Tooling ≤ 20%"/) as unknown,
    });
    expect(parseBalanceRules('Type Tooling ≤ 120%')).toEqual({
      ok: false,
      error: '"Type Tooling ≤ 120%": a share must be between 0% and 100%',
    });
    expect(parseBalanceRules('Type Tooling 40%-10%')).toEqual({
      ok: false,
      error: '"Type Tooling 40%-10%": the minimum is above the maximum',
    });
    expect(parseBalanceRules('Type Tooling ≥ 30%; Type tooling ≤ 20%')).toEqual({
      ok: false,
      error: 'the rules for Type Tooling ask for at least 30% but at most 20%',
    });
  });

  it('reads back any range it is given, in whole percent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Type', 'Objective'),
        fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,15}[A-Za-z]$/),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (by, group, a, b) => {
          const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
          const r = parseBalanceRules(`${by} ${group} ${lo}%–${hi}%`);
          expect(r).toEqual({
            ok: true,
            value: [
              { by: by.toLowerCase(), group: group.trim(), minShare: lo / 100, maxShare: hi / 100 },
            ],
          });
        },
      ),
    );
  });
});
