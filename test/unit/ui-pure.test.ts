/** The sidebars' pure parts: intake text formats, framework scoring, the intake rules. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatFrameworkColumns,
  frameworkScore,
  parseFrameworkColumns,
  scorePortfolio,
} from '../../src/core/framework-score';
import { requestIssues, validDate, type IntakeModel } from '../../src/ui/intake/contract';
import { formatDemand, formatRatings, parseDemand, parseRatings } from '../../src/ui/intake/text';

const name = fc
  .string({ minLength: 1, maxLength: 30 })
  .map((s) => s.replace(/[;\s]+/g, ' ').trim())
  .filter((s) => s.length > 0);

describe('intake text formats', () => {
  it('ratings round-trip: parseRatings(formatRatings(r)) = r (names without ";")', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          name,
          fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
        ),
        (ratings) => {
          const back = parseRatings(formatRatings(ratings));
          expect(Object.fromEntries(back)).toEqual(ratings);
        },
      ),
    );
  });

  it('demand round-trips, and reads the documented text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            skill: name,
            period: fc
              .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }))
              .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
            hours: fc.integer({ min: 1, max: 10_000 }).map((h) => h / 4),
          }),
          { maxLength: 8 },
        ),
        (lines) => {
          expect(parseDemand(formatDemand(lines))).toEqual(lines);
        },
      ),
    );
    expect(parseDemand('SE 2027-03: 40 h; Marketing ops 2027-04: 12.5 h; nonsense')).toEqual([
      { skill: 'SE', period: '2027-03', hours: 40 },
      { skill: 'Marketing ops', period: '2027-04', hours: 12.5 },
    ]);
    expect(formatRatings({ 'Fit; scope': 3, Blank: null })).toBe('Fit, scope: 3');
  });
});

describe('framework scoring', () => {
  it('computes RICE, ICE and WSJF, blanks as 0 and named', () => {
    expect(frameworkScore('rice', { reach: 1000, impact: 2, confidence: 0.8, effort: 4 })).toEqual({
      score: 400,
      missing: [],
    });
    expect(
      frameworkScore('rice', { reach: 1000, impact: 2, confidence: 80, effort: 4 }).score,
    ).toBe(400);
    expect(
      frameworkScore('rice', { reach: 1000, impact: 2, confidence: 0.8, effort: null }),
    ).toEqual({
      score: 0,
      missing: ['effort'],
    });
    expect(frameworkScore('ice', { impact: 8, confidence: 5, ease: 2 }).score).toBe(80);
    expect(
      frameworkScore('wsjf', { businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 4 })
        .score,
    ).toBe(4);
    expect(frameworkScore('wsjf', { businessValue: 8, jobSize: 0 })).toEqual({
      score: 0,
      missing: ['timeCriticality', 'riskReduction'],
    });
  });

  it('ranks only open projects, best first, ties sharing a rank', () => {
    const p = (inputs: Record<string, number>, open = true) => ({ values: [], inputs, open });
    const r = scorePortfolio(
      'ice',
      [
        p({ impact: 2, confidence: 2, ease: 2 }),
        p({ impact: 9, confidence: 9, ease: 9 }, false),
        p({ impact: 4, confidence: 2, ease: 1 }),
        p({ impact: 1, confidence: 1, ease: 1 }),
      ],
      [],
    );
    expect(r.scores).toEqual([8, 729, 8, 1]);
    expect(r.ranks).toEqual([1, null, 1, 3]);
  });

  it('keeps the framework columns readable and parseable', () => {
    const cols = {
      effort: 'Effort (person-weeks)',
      reach: 'Customer reach',
      impact: 'Revenue impact',
      confidence: 'Confidence',
    };
    const text = formatFrameworkColumns('rice', cols);
    expect(text).toBe(
      'reach=Customer reach; impact=Revenue impact; confidence=Confidence; effort=Effort (person-weeks)',
    );
    expect(parseFrameworkColumns(text)).toEqual(cols);
  });
});

describe('the intake rules', () => {
  const model: IntakeModel = {
    user: 'a@x',
    criteria: [
      { name: 'Fit', rubric: '', direction: 'higher', scaleMin: 1, scaleMax: 5 },
      { name: 'Effort', rubric: '', direction: 'lower', scaleMin: null, scaleMax: null },
    ],
    skills: ['SE', 'AE'],
    periods: ['2027-01', '2027-02', '2027-03'],
    projects: [{ id: 'P01', name: 'One' }],
    objectives: [],
    notes: [],
  };
  const base = {
    name: 'X',
    description: '',
    type: 'Campaign' as const,
    owner: 'o',
    objective: '',
    segment: '',
    region: '',
    start: '2027-01-10',
    end: '2027-02-20',
    cost: 1,
    expectedRevenue: null,
    confidence: null,
    ratings: { Fit: 3, Effort: 40 },
    dependsOn: [],
    demand: [],
  };

  it('accepts a request that fits the workbook', () => {
    expect(requestIssues(base, model)).toEqual([]);
  });

  it('names each problem: missing rating, off-scale rating, unknown skill, month outside, duplicate line', () => {
    const issues = requestIssues(
      {
        ...base,
        ratings: { Fit: 6 },
        demand: [
          { skill: 'SE', period: '2027-01', hours: 5 },
          { skill: 'se', period: '2027-01', hours: 5 },
          { skill: 'PM', period: '2027-03', hours: 5 },
        ],
      },
      model,
    );
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['ratings.Effort', 'Rate Effort (see the guide under it).'],
      ['ratings.Fit', 'Rate Fit from 1 to 5.'],
      ['demand.1.period', 'se in 2027-01 is already on line 1: add the hours there.'],
      ['demand.2.skill', 'Pick a skill of the Capacity sheet (SE, AE).'],
      ['demand.2.period', "2027-03 is outside the project's dates (2027-01 to 2027-02)."],
    ]);
  });

  it('knows real calendar dates', () => {
    expect(['2027-02-28', '2028-02-29'].every(validDate)).toBe(true);
    expect(['2027-02-29', '2027-13-01', '2027-1-01', ''].some(validDate)).toBe(false);
  });
});
