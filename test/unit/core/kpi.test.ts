import fc from 'fast-check';
import { COMMITTED_RULE } from '../../../src/core/counting';
import { describe, expect, it } from 'vitest';
import { analyseCapacity } from '../../../src/core/capacity';
import { daysOverdue, staleness } from '../../../src/core/health';
import { KPI_KEYS, portfolioKpis } from '../../../src/core/kpi';
import { PROJECT_STATUSES } from '../../../src/core/model';
import { takeSnapshot } from '../../../src/core/snapshot';
import { project } from './fixtures';

const today = '2027-03-10';
const portfolio = [
  project('P1', {
    status: 'Approved',
    cost: 100,
    expectedRevenue: 1000,
    confidence: 0.5,
    type: 'Campaign',
    objective: 'New logos',
    owner: 'Ana',
    end: '2027-02-28',
    actuals: {
      actualCost: 80,
      revenueWon: 400,
      pipelineGenerated: 2000,
      dealsWon: 4,
      dealsLost: 6,
      lastUpdate: '2027-03-01',
    },
  }),
  project('P2', {
    status: 'Active',
    cost: 200,
    expectedRevenue: 3000,
    type: 'Tooling',
    objective: 'Retention',
    owner: 'ana ',
    end: '2027-12-31',
    actuals: { actualCost: 120, pipelineGenerated: 600, dealsWon: 1, lastUpdate: '2027-01-01' },
  }),
  project('P3', {
    status: 'Proposed',
    selected: true,
    expectedRevenue: 500,
    confidence: 0.2,
    type: 'Campaign',
    objective: 'new logos',
    owner: 'Ben',
    actuals: { revenueWon: 250 },
  }),
  project('P4', {
    status: 'Done',
    cost: 50,
    expectedRevenue: 100,
    owner: 'Ben',
    end: '2027-01-31',
    actuals: { actualCost: 50, revenueWon: 150 },
  }),
  project('P5', { status: 'Rejected', cost: 999 }),
];

describe('KPIs', () => {
  it('computes the portfolio KPIs with their formulas and inputs (hand-computed)', () => {
    const r = portfolioKpis(portfolio, { today, budget: 1000, rule: COMMITTED_RULE });
    const k = r.kpis;
    // Committed: P1 (Approved), P2 (Active), P3 (Proposed but Selected); P3 has no Cost.
    expect(k.budgetCommitted).toMatchObject({ value: 300, counted: 2, missing: 1, reason: null });
    expect(k.budgetCommitted.formula).toBe(
      'Σ Cost of projects with Status Approved or Active, or Selected and not On hold or closed',
    );
    expect(k.budgetRemaining.value).toBe(700);
    expect(k.budgetUsed).toMatchObject({ value: 0.3, unit: 'percent' });
    expect(k.expectedRevenue).toMatchObject({ value: 4500, counted: 3 });
    // 1000 × 0.5 + 500 × 0.2; P2 has no Confidence.
    expect(k.riskAdjustedValue).toMatchObject({ value: 600, counted: 2, missing: 1 });
    // P1 and P4 have both: (400 + 150) ÷ (80 + 50) − 1; P2 and P3 have only one of the two.
    expect(k.realisedRoi.value).toBeCloseTo(550 / 130 - 1, 12);
    expect(k.realisedRoi).toMatchObject({
      counted: 2,
      missing: 2,
      formula: 'Σ Revenue won ÷ Σ Actual cost − 1, over projects with both',
    });
    expect(k.realisedRoi.inputs).toEqual([
      { label: 'Σ Revenue won', value: 550 },
      { label: 'Σ Actual cost', value: 130 },
    ]);
    // (2000 + 600) ÷ (80 + 120); P4 has Actual cost but no pipeline.
    expect(k.pipelinePerCost).toMatchObject({ value: 13, counted: 2, missing: 1, unit: 'ratio' });
    // Won 4 + 1, lost 6 (P2's blank Deals lost counts as 0).
    expect(k.winRate.value).toBeCloseTo(5 / 11, 12);
    // (400 + 250 + 150) ÷ (1000 + 500 + 100).
    expect(k.forecastAccuracy).toMatchObject({ value: 0.5, counted: 3, missing: 1 });
    expect(r.forecastByOwner).toEqual([
      { owner: 'Ana', accuracy: 0.4, revenueWon: 400, expectedRevenue: 1000, projects: 1 },
      { owner: 'Ben', accuracy: 400 / 600, revenueWon: 400, expectedRevenue: 600, projects: 2 },
    ]);
    expect(r.costMix.byType).toEqual([
      { key: 'Tooling', cost: 200, share: 200 / 300, projects: 1 },
      { key: 'Campaign', cost: 100, share: 100 / 300, projects: 1 },
    ]);
    expect(r.costMix.byObjective.map((e) => e.key)).toEqual(['Retention', 'New logos']);
    // Stale: P3 never updated, P2 68 days; P1 updated 9 days ago; P4 and P5 are closed.
    expect(r.stale.map((s) => [s.id, s.daysSinceUpdate])).toEqual([
      ['P3', null],
      ['P2', 68],
    ]);
    expect(k.staleProjects).toMatchObject({ value: 2, counted: 3 });
    // The formula in words says that a blank Last update counts, as P3 does.
    expect(k.staleProjects.formula).toBe(
      `open projects whose Last update is 30 days or more before ${today}, or blank (never updated)`,
    );
    // Overdue: P1 ended 10 days ago; P4 is Done.
    expect(r.overdue).toEqual([
      {
        id: 'P1',
        name: 'P1',
        owner: 'Ana',
        status: 'Approved',
        end: '2027-02-28',
        daysOverdue: 10,
      },
    ]);
    expect(k.overdueProjects.value).toBe(1);
    expect(r.projects[0]).toEqual({
      id: 'P1',
      owner: 'Ana',
      committed: true,
      riskAdjustedValue: 500,
      roi: 4,
      pipelinePerCost: 25,
      winRate: 0.4,
      forecastAccuracy: 0.4,
      costVariance: -20,
      stale: false,
      daysOverdue: 10,
    });
    expect(r.projects[4]).toMatchObject({ committed: false, stale: null });
  });

  it('returns null with a reason instead of dividing by zero', () => {
    const r = portfolioKpis(
      [project('P1', { actuals: { actualCost: 0, revenueWon: 0, dealsWon: 0, dealsLost: 0 } })],
      {
        today,
        budget: 0,
      },
    );
    expect(r.kpis.realisedRoi).toMatchObject({ value: null, reason: 'Σ Actual cost is 0.' });
    expect(r.kpis.winRate).toMatchObject({
      value: null,
      reason: 'No deals won or lost are recorded.',
    });
    expect(r.kpis.budgetUsed).toMatchObject({ value: null, reason: 'The budget available is 0.' });
    expect(r.projects[0]!.roi).toBeNull();
    const none = portfolioKpis([project('P1')], { today });
    expect(none.kpis.budgetAvailable.reason).toMatch(/No budget is set/);
    expect(none.kpis.forecastAccuracy.reason).toBe(
      'No project has both Revenue won and Expected revenue.',
    );
    expect(none.kpis.staleProjects).toMatchObject({
      value: null,
      reason: expect.stringMatching(/No project has a Last update/) as string,
    });
    expect(() => portfolioKpis([], { today: '10/03/2027' })).toThrow(
      /today "10\/03\/2027" is not a date/,
    );
  });

  it('takes peak utilisation per skill from the capacity check', () => {
    const ps = [project('P1', { status: 'Active' })];
    const capacity = analyseCapacity(
      ps,
      [{ skill: 'AE', hours: { '2027-01': 100, '2027-02': 50 } }],
      [{ projectId: 'P1', skill: 'AE', hours: { '2027-01': 60, '2027-02': 45 } }],
    );
    expect(portfolioKpis(ps, { today, capacity }).peakUtilisation.skills).toEqual([
      { skill: 'AE', peak: 0.9, period: '2027-02' },
    ]);
  });

  it('judges stale and overdue on open projects only', () => {
    expect(staleness('Active', '2027-02-08', today, 30)).toEqual({ daysSinceUpdate: 30 });
    expect(staleness('Active', '2027-02-09', today, 30)).toBeNull();
    expect(staleness('On hold', null, today, 30)).toEqual({ daysSinceUpdate: null });
    expect(staleness('Done', null, today, 30)).toBeNull();
    expect(daysOverdue('Active', '2027-03-09', today)).toBe(1);
    expect(daysOverdue('Active', '2027-03-10', today)).toBeNull();
    expect(daysOverdue('Stopped', '2026-01-01', today)).toBeNull();
    expect(daysOverdue(null, '2026-12-31', today)).toBe(69);
  });

  it('counts overdue from the Planned end when the plan moved a project, in KPIs and snapshots', () => {
    // Today is 2027-03-10: End has passed, but the plan starts it two months late.
    const moved = project('P1', { status: 'Active', end: '2027-03-01', plannedEnd: '2027-05-01' });
    const late = project('P2', { status: 'Active', end: '2027-03-01' });
    const r = portfolioKpis([moved, late], { today });
    expect(r.overdue.map((o) => o.id)).toEqual(['P2']);
    expect(takeSnapshot([moved, late], today).map((s) => s.end)).toEqual([
      '2027-05-01',
      '2027-03-01',
    ]);
  });

  it('property: never NaN or Infinity, whatever the inputs', () => {
    const n = fc.option(fc.constantFrom(0, 1, -5, 2.5, 1000, Number.NaN), { nil: null });
    const arb = fc.array(
      fc.record({
        status: fc.constantFrom(...PROJECT_STATUSES, null),
        selected: fc.option(fc.boolean(), { nil: null }),
        cost: n,
        expectedRevenue: n,
        confidence: n,
        actuals: fc.record({
          actualCost: n,
          revenueWon: n,
          pipelineGenerated: n,
          dealsWon: n,
          dealsLost: n,
        }),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(arb, fc.option(fc.constantFrom(0, 500), { nil: null }), (xs, budget) => {
        const r = portfolioKpis(
          xs.map((x, i) => project(`P${i}`, x)),
          { today, budget },
        );
        for (const key of KPI_KEYS) {
          const v = r.kpis[key].value;
          if (v === null) expect(r.kpis[key].reason).toBeTruthy();
          else expect(Number.isFinite(v)).toBe(true);
        }
        for (const p of r.projects)
          for (const v of Object.values(p))
            if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
        for (const e of [
          ...r.costMix.byType,
          ...r.forecastByOwner.map((o) => ({ share: o.accuracy })),
        ])
          if (e.share !== null) expect(Number.isFinite(e.share)).toBe(true);
      }),
    );
  });
});
