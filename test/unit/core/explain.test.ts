import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainScore, ordinal } from '../../../src/core/explain';
import { sameNumber } from '../../../src/core/rank';
import type { CriterionDef } from '../../../src/core/model';
import { project } from './fixtures';

const criteria: CriterionDef[] = [
  {
    name: 'Strategic fit',
    column: 'Fit',
    weight: 3,
    direction: 'higher',
    scaleMin: 1,
    scaleMax: 5,
  },
  {
    name: 'Revenue potential',
    column: 'Revenue',
    weight: 1,
    direction: 'higher',
    scaleMin: null,
    scaleMax: null,
  },
  {
    name: 'Effort',
    column: 'Effort',
    weight: 1,
    direction: 'lower',
    scaleMin: null,
    scaleMax: null,
  },
];
const values = (fit: number | null, rev: number | null, effort: number | null) => ({
  'Strategic fit': fit,
  'Revenue potential': rev,
  Effort: effort,
});
// Weights 0.6, 0.2, 0.2. Revenue bounds 100–300, Effort bounds 2–10 (lower is better).
// P1: fit (5−1)/4 = 1 → 60; revenue 0 → 0; effort 0 → 0: 60.
// P2: fit 0.5 → 30; revenue 1 → 20; effort 1 → 20: 70.
// P3: fit 0.75 → 45; revenue 0.5 → 10; effort (10−7)/8 = 0.375 → 7.5: 62.5.
const projects = [
  project('P1', { criteria: values(5, 100, 10), score: 59 }),
  project('P2', { criteria: values(3, 300, 2) }),
  project('P3', { name: 'EMEA webinars', criteria: values(4, 200, 7) }),
  project('P4', { criteria: values(null, null, null) }),
];

describe('explain score', () => {
  it('never says "0.0 points" of two scores that differ by less than 0.05', () => {
    const fit: CriterionDef[] = [
      { name: 'Fit', column: 'Fit', weight: 1, direction: 'higher', scaleMin: 0, scaleMax: 10000 },
    ];
    // 5000/10000 → 50.00 points, 5003/10000 → 50.03 points: 0.03 apart.
    const two = [
      project('P1', { criteria: { Fit: 5000 } }),
      project('P2', { criteria: { Fit: 5003 } }),
    ];
    expect(explainScore(two, fit, 'P1').sentences[0]).toBe(
      'Ranked 2nd of 2 with 50.0 points: less than 0.1 points behind P2, mostly on Fit (0.0 points).',
    );
    expect(explainScore(two, fit, 'P2').sentences[1]).toBe(
      'Less than 0.1 points ahead of P1, mostly on Fit (0.0 points).',
    );
  });

  it('explains each criterion, the rank and the neighbours (hand-computed)', () => {
    const e = explainScore(projects, criteria, 'p3');
    expect(e).toMatchObject({
      id: 'P3',
      score: 62.5,
      rank: 2,
      ranked: 3,
      tiedWith: [],
      staleScore: null,
    });
    expect(e.criteria.map((c) => [c.criterion, c.raw, c.normalised, c.weight, c.points])).toEqual([
      ['Strategic fit', 4, 0.75, 0.6, 45],
      ['Revenue potential', 200, 0.5, 0.2, 10],
      ['Effort', 7, 0.375, 0.2, 7.5],
    ]);
    expect(e.criteria[0]!.sentence).toBe(
      'Strategic fit: 4 on the scale 1 to 5 (higher is better) → 0.75 × 60% weight = 45.0 points.',
    );
    expect(e.criteria[2]!.sentence).toBe(
      'Effort: 7 in the range 2 to 10 entered (lower is better) → 0.38 × 20% weight = 7.5 points.',
    );
    // Above: P2 (70). P2 − P3 per criterion: fit −15, revenue +10, effort +12.5 → Effort.
    expect(e.above).toMatchObject({
      id: 'P2',
      score: 70,
      rank: 1,
      gap: 7.5,
      mostOn: 'Effort',
      mostOnPoints: 12.5,
    });
    // Below: P1 (60). P3 − P1: fit −15, revenue +10, effort +7.5 → Revenue potential.
    expect(e.below).toMatchObject({
      id: 'P1',
      gap: 2.5,
      mostOn: 'Revenue potential',
      mostOnPoints: 10,
    });
    expect(e.sentences).toEqual([
      'Ranked 2nd of 3 with 62.5 points: 7.5 points behind P2, mostly on Effort (12.5 points).',
      '2.5 points ahead of P1, mostly on Revenue potential (10.0 points).',
      'Most points come from Strategic fit (45.0) and Revenue potential (10.0).',
    ]);
  });

  it('says when the project is first, unscored, tied or its Score column is out of date', () => {
    expect(explainScore(projects, criteria, 'P2').sentences[0]).toBe(
      'Ranked 1st of 3 with 70.0 points: the top score.',
    );
    expect(explainScore(projects, criteria, 'P4')).toMatchObject({
      score: null,
      rank: null,
      sentences: [
        'P4 has no score: every criterion value is blank. Fill in at least one to score it.',
      ],
    });
    const p1 = explainScore(projects, criteria, 'P1');
    expect(p1.below).toBeNull();
    expect(p1.staleScore).toBe(59);
    expect(p1.sentences.at(-1)).toBe(
      'The Score column shows 59.0 but the criteria now give 60.0: run Score & rank to refresh it.',
    );
    const tied = explainScore(
      [...projects, project('P5', { criteria: values(5, 100, 10) })],
      criteria,
      'P5',
    );
    expect(tied.tiedWith).toEqual(['P1']);
    expect(tied.sentences).toContain('Tied with P1: equal scores share the rank.');
    expect(() => explainScore(projects, criteria, 'P9')).toThrow(/no project has the ID "P9"/);
    expect(() => explainScore(projects, [], 'P1')).toThrow(/no criteria/);
  });

  it('ranks only the projects that compete, as Score & rank does for closed ones', () => {
    // P2 (70) is Done: it keeps its score and its values still bound min-max, but has no rank.
    const withDone = projects.map((p) => (p.id === 'P2' ? { ...p, status: 'Done' as const } : p));
    const open = (p: { status: string | null }): boolean => p.status !== 'Done';
    const p3 = explainScore(withDone, criteria, 'P3', { ranked: open });
    expect(p3).toMatchObject({ score: 62.5, rank: 1, ranked: 2, above: null });
    expect(p3.below?.id).toBe('P1');
    expect(p3.sentences[0]).toBe('Ranked 1st of 2 with 62.5 points: the top score.');
    const p2 = explainScore(withDone, criteria, 'P2', { ranked: open });
    expect(p2).toMatchObject({ score: 70, rank: null, ranked: 2, above: null, below: null });
    expect(p2.sentences[0]).toBe(
      'P2 has 70.0 points but no rank: its status (Done) takes it out of the ranking.',
    );
  });

  it('writes ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
    ]);
  });

  it('property: the points add up to the score and the neighbours are the nearest scores', () => {
    const value = fc.option(fc.integer({ min: 0, max: 10 }), { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, value, value), { minLength: 1, maxLength: 12 }),
        fc.tuple(
          fc.integer({ min: 1, max: 5 }),
          fc.integer({ min: 0, max: 5 }),
          fc.integer({ min: 0, max: 5 }),
        ),
        fc.nat(11),
        (rows, [w1, w2, w3], pick) => {
          const defs = criteria.map((c, k) => ({
            ...c,
            weight: [w1, w2, w3][k]!,
            scaleMin: null,
            scaleMax: null,
          }));
          const ps = rows.map(([a, b, c], i) => project(`P${i}`, { criteria: values(a, b, c) }));
          const e = explainScore(ps, defs, `P${pick % ps.length}`);
          if (e.score === null) return;
          expect(e.criteria.reduce((s, c) => s + c.points, 0)).toBeCloseTo(e.score, 9);
          const others = ps
            .map((p) => explainScore(ps, defs, p.id).score)
            .filter((s): s is number => s !== null);
          // Scores equal to 15 significant digits tie, as in the ranking (and in Sheets).
          const higher = others.filter((s) => s > e.score! && !sameNumber(s, e.score!));
          const lower = others.filter((s) => s < e.score! && !sameNumber(s, e.score!));
          expect(e.rank).toBe(higher.length + 1);
          expect(e.above?.score ?? null).toBe(higher.length ? Math.min(...higher) : null);
          expect(e.below?.score ?? null).toBe(lower.length ? Math.max(...lower) : null);
          // The separating criterion carries at least its share of the gap.
          for (const n of [e.above, e.below])
            if (n) expect(n.mostOnPoints).toBeGreaterThanOrEqual(n.gap / 3 - 1e-9);
        },
      ),
    );
  });
});
