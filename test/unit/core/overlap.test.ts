import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../../src/core/model';
import {
  findOverlaps,
  overlapScore,
  overlapSignals,
  type OverlapPair,
} from '../../../src/core/overlap';
import { project } from './fixtures';
import { generatePortfolio } from './portfolio-generator';

const brief = [
  project('P1', {
    name: 'EMEA fintech webinars',
    description: 'Webinar series for fintech leads in EMEA',
    objective: 'New logos',
    region: 'EMEA',
    segment: 'Mid-market',
    start: '2027-01-15',
    end: '2027-04-30',
  }),
  project('P2', {
    name: 'Fintech webinar EMEA',
    description: 'Run webinars to reach fintech leads',
    objective: 'New logos',
    region: 'EMEA',
    segment: 'Enterprise',
    start: '2027-02-01',
    end: '2027-03-31',
  }),
  project('P3', {
    name: 'Partner referral programme',
    description: 'Referral fees for resellers',
    objective: 'Expansion',
    region: 'NA',
    start: '2027-01-01',
    end: '2027-12-31',
  }),
  project('P4', {
    name: 'Banking roadshow',
    description: 'Roadshow in banking hubs',
    objective: 'new  logos',
    region: 'emea',
    segment: 'Mid-market',
    start: '2027-02-01',
    end: '2027-02-28',
    dependsOn: ['P1'],
  }),
];

describe('overlap signals', () => {
  it("scores the context: ¾ × shared values ÷ 3 × the shorter project's share of common days (hand-computed)", () => {
    // P1 runs 2027-01-15..04-30 (106 days), P4 2027-02-01..02-28 (28 days), inside P1: overlap 1.
    // They share objective and region (case and spaces ignored) and segment: 3 of 3.
    const s = overlapSignals(brief[0]!, brief[3]!);
    expect(s.context).toEqual({
      shared: ['objective', 'segment', 'region'],
      from: '2027-02-01',
      to: '2027-02-28',
      overlap: 1,
      score: 0.75,
    });
    // P2 (02-01..03-31, 59 days) and P4 share objective and region; common days = 28 → 28 / 28.
    expect(overlapSignals(brief[1]!, brief[3]!).context?.score).toBeCloseTo(0.75 * (2 / 3), 12);
    // A partial overlap: 2027-02-01..04-30 (89 days) and 2027-03-01..06-30 (122 days) share 61 days.
    const a = project('A', {
      region: 'EMEA',
      objective: 'X',
      start: '2027-02-01',
      end: '2027-04-30',
    });
    const b = project('B', {
      region: 'EMEA',
      objective: 'X',
      start: '2027-03-01',
      end: '2027-06-30',
    });
    expect(overlapSignals(a, b).context?.overlap).toBeCloseTo(61 / 89, 12);
    expect(overlapSignals(a, b).context?.score).toBeCloseTo(0.75 * (2 / 3) * (61 / 89), 12);
    // No dates, or dates that do not meet, or nothing shared: no context.
    expect(overlapSignals(a, { ...b, end: null }).context).toBeNull();
    expect(overlapSignals(a, { ...b, start: '2027-05-01' }).context).toBeNull();
    expect(overlapSignals(a, { ...b, region: 'NA', objective: '' }).context).toBeNull();
    expect(overlapSignals(a, { ...b, start: '2027-07-01' }).context).toBeNull(); // Start after End
  });

  it('finds duplicates and overlaps with reasons in words', () => {
    const r = findOverlaps(brief);
    expect(r.pairs.map((p) => [p.a.id, p.b.id, p.kind])).toEqual([
      ['P1', 'P2', 'duplicate'],
      ['P1', 'P4', 'overlap'],
    ]);
    const [p12, p14] = r.pairs as [OverlapPair, OverlapPair];
    expect(p12.score).toBe(1);
    // Context ¾ × 2/3 = 0.5, description 0.6: strongest first.
    expect(p12.reasons).toEqual([
      'names 100% similar',
      'descriptions 60% similar (shared words: webinar, fintech, leads)',
      "same objective 'New logos' and region 'EMEA', dates overlap 2027-02 to 2027-03",
    ]);
    expect(p14.score).toBe(0.75);
    expect(p14.reasons).toEqual([
      "same objective 'New logos', segment 'Mid-market' and region 'EMEA', dates overlap in 2027-02",
      'already linked: P4 depends on P1',
    ]);
    expect(r.found).toBe(2);
    // P2 and P4 share two values over all of P4's days: ¾ × 2/3 = 0.5, below 0.6.
    const low = findOverlaps(brief, { threshold: 0.5 });
    expect(low.pairs.map((p) => [p.a.id, p.b.id, p.score])).toContainEqual(['P2', 'P4', 0.5]);
    expect(r.limits).toEqual([]);
    // Description: {webinar, sery, fintech, lead, emea} vs {run, webinar, reach, fintech, lead}: 2·3/10.
    expect(p12.signals.description).toBeCloseTo(0.6, 12);
  });

  it('applies the threshold and top N', () => {
    expect(findOverlaps(brief, { threshold: 0.7 }).pairs.map((p) => p.b.id)).toEqual(['P2', 'P4']);
    expect(findOverlaps(brief, { topN: 1 }).pairs).toHaveLength(1);
    expect(() => findOverlaps(brief, { threshold: 0 })).toThrow(/threshold 0 is not in \(0, 1\]/);
    expect(() => findOverlaps(brief, { topN: 0 })).toThrow(/topN/);
  });

  it('says when a block was capped', () => {
    const same = Array.from({ length: 5 }, (_, i) =>
      project(`P${i}`, { name: 'Nordics ABM sprint' }),
    );
    expect(findOverlaps(same, { topN: Infinity }).pairs).toHaveLength(10);
    const capped = findOverlaps(same, { topN: Infinity, maxBlockSize: 2 });
    expect(capped.pairs.length).toBeLessThan(10);
    expect(capped.limits[0]).toMatch(
      /^More than 2 projects have the name part ".+": \d+ of them were not compared/,
    );
  });

  // Small random portfolios dense in near-duplicates, so blocking has something to miss.
  const word = fc.constantFrom(
    'EMEA',
    'NA',
    'webinar',
    'webinars',
    'fintech',
    'ABM',
    'roadshow',
    'Q1',
    'partner',
    'rollout',
    'CPQ',
    'the',
  );
  const arbProject = fc.record({
    name: fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
    description: fc.array(word, { maxLength: 5 }).map((w) => w.join(' ')),
    objective: fc.constantFrom('', 'New logos', 'Expansion'),
    segment: fc.constantFrom('', 'SMB', 'Enterprise'),
    region: fc.constantFrom('', 'EMEA', 'NA'),
    start: fc.integer({ min: 0, max: 120 }),
    length: fc.integer({ min: -5, max: 90 }),
  });
  const arbPortfolio = fc.array(arbProject, { minLength: 2, maxLength: 30 }).map((xs) =>
    xs.map((x, i) =>
      project(`P${i}`, {
        name: x.name,
        description: x.description,
        objective: x.objective,
        segment: x.segment,
        region: x.region,
        start: new Date(Date.UTC(2027, 0, 1 + x.start)).toISOString().slice(0, 10),
        end: new Date(Date.UTC(2027, 0, 1 + x.start + x.length)).toISOString().slice(0, 10),
      }),
    ),
  );

  /** The reference: every pair scored, sorted as findOverlaps documents. */
  function allPairs(ps: readonly Project[], t: number): { a: string; b: string; score: number }[] {
    const out: { a: string; b: string; score: number; text: number; i: number; j: number }[] = [];
    for (let i = 0; i < ps.length; i++)
      for (let j = i + 1; j < ps.length; j++) {
        const s = overlapSignals(ps[i]!, ps[j]!);
        const score = overlapScore(s);
        if (score >= t)
          out.push({
            a: ps[i]!.id,
            b: ps[j]!.id,
            score,
            text: Math.max(s.name, s.description),
            i,
            j,
          });
      }
    out.sort((x, y) => y.score - x.score || y.text - x.text || x.i - y.i || x.j - y.j);
    return out.map(({ a, b, score }) => ({ a, b, score }));
  }

  it('property: blocking finds exactly the pairs all-pairs finds above the threshold', () => {
    let pairs = 0;
    let scored = 0;
    let all = 0;
    fc.assert(
      fc.property(arbPortfolio, fc.constantFrom(0.3, 0.5, 0.6, 2 / 3, 0.8, 1), (ps, t) => {
        const r = findOverlaps(ps, { threshold: t, topN: Infinity });
        pairs += r.pairs.length;
        scored += r.compared;
        all += (ps.length * (ps.length - 1)) / 2;
        expect(r.pairs.map((p) => ({ a: p.a.id, b: p.b.id, score: p.score }))).toEqual(
          allPairs(ps, t),
        );
        expect(r.found).toBe(r.pairs.length);
        expect(r.compared).toBeLessThanOrEqual((ps.length * (ps.length - 1)) / 2);
      }),
      { numRuns: 300 },
    );
    // The inputs are dense in matches (the property has teeth), yet blocking skips pairs.
    expect(pairs).toBeGreaterThan(1000);
    expect(scored).toBeLessThan(all);
  });

  it('property: with top N, the same best N pairs as all-pairs', () => {
    fc.assert(
      fc.property(arbPortfolio, fc.integer({ min: 1, max: 4 }), (ps, topN) => {
        const r = findOverlaps(ps, { topN });
        const got = r.pairs.map((p) => ({ a: p.a.id, b: p.b.id, score: p.score }));
        const all = allPairs(ps, 0.6);
        const want = all.slice(0, topN);
        // The same scores, and the same pairs above the cut; at the cut's score, pairs tied with
        // it may be any of the tied ones (the search stops once nothing can beat them).
        expect(got.map((p) => p.score)).toEqual(want.map((p) => p.score));
        const cut = want[want.length - 1]?.score;
        expect(got.filter((p) => p.score !== cut)).toEqual(want.filter((p) => p.score !== cut));
        for (const p of got) expect(all).toContainEqual(p);
      }),
      { numRuns: 300 },
    );
  });

  it('scales: 50,000 generated projects within a generous bound, scoring a sliver of all pairs', () => {
    const ps = generatePortfolio(50_000);
    const t0 = performance.now();
    const r = findOverlaps(ps);
    const ms = performance.now() - t0;
    expect(r.pairs).toHaveLength(100);
    expect(r.limits).toEqual([]);
    // The generator plants near-duplicates (a name with an "s" added, the same description).
    expect(r.pairs[0]!.score).toBe(1);
    expect(r.compared).toBeLessThan(((50_000 * 49_999) / 2) * 0.002);
    expect(ms).toBeLessThan(15_000);
  }, 60_000);
});

describe('findOverlaps on copied rows and under a deadline', () => {
  const copies = (n: number): Project[] =>
    Array.from({ length: n }, (_, i) =>
      project(`C${i}`, {
        name: `Copy of the ${['spring', 'summer', 'autumn'][i % 3] ?? ''} campaign`,
        description: 'The same pasted description',
        start: '2027-01-01',
        end: '2027-02-01',
      }),
    );

  it('stops as soon as topN pairs reach the maximum score: nothing later can displace them', () => {
    const r = findOverlaps(copies(3_000), { topN: 50 });
    expect(r.pairs).toHaveLength(50);
    expect(r.pairs.every((p) => p.score === 1)).toBe(true);
    // An exhaustive search of the 1,000 copies of each name would score about 1.5 million pairs.
    expect(r.compared).toBeLessThan(20_000);
    expect(r.limits).toEqual([]);
  });

  it('stops at its deadline and says so, returning the best pairs found so far', () => {
    const projects = generatePortfolio(3_000, 7);
    const r = findOverlaps(projects, { deadline: Date.now() - 1 });
    expect(r.limits[r.limits.length - 1]).toMatch(
      /^The search stopped at its time limit after 256 of 3000 projects/,
    );
    const full = findOverlaps(projects);
    expect(full.limits).toEqual([]);
    expect(r.compared).toBeLessThan(full.compared);
  });
});
