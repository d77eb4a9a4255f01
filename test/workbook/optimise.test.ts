import { describe, expect, it } from 'vitest';
import { createHarness, loadLinearOptimizationService } from '../../emulator';
import { ANA, click, columnOf, lastAlert, lastToast, records, world } from './helpers';

function setSetting(w: ReturnType<typeof world>, name: string, value: unknown): void {
  const row = records(w, 'Settings').findIndex((s) => s.Setting === name) + 2;
  w.workbook.setValues('Settings', `B${row}`, [[value]]);
}

describe('Optimise portfolio', () => {
  it('selects within the budget and capacity, explains every project, and records the scenario and frontier', () => {
    const w = world({ sample: true });
    click(w.ana, 'Optimise portfolio');
    const projects = records(w, 'Projects');
    const chosen = projects.filter((p) => p.Selected === true);
    const budget = records(w, 'Settings').find((s) => s.Setting === 'Budget')?.Value as number;
    expect(budget).toBe(1_200_000);
    const cost = chosen.reduce((s, p) => s + (p.Cost as number), 0);
    expect(cost).toBeLessThanOrEqual(budget);
    // Forced in (P42) is in, forced out (P40) is out; closed projects are not candidates.
    expect(projects.find((p) => p.ID === 'P42')?.Selected).toBe(true);
    expect(projects.find((p) => p.ID === 'P40')?.Selected).toBe(false);
    expect(projects.find((p) => p.ID === 'P40')?.Why).toBe('forced out');
    expect(projects.find((p) => p.Status === 'Done')?.Why).toMatch(/^not a candidate: status Done/);
    // Exclusions: P04 and P27 exclude each other; P06 and P21 too.
    const sel = (id: string): boolean => projects.find((p) => p.ID === id)?.Selected === true;
    expect(sel('P04') && sel('P27')).toBe(false);
    expect(sel('P06') && sel('P21')).toBe(false);
    // Dependencies: a chosen project's prerequisites are chosen (or already Active/Done).
    for (const p of chosen) {
      for (const dep of String(p['Depends on']).split(/,\s*/).filter(Boolean)) {
        const d = projects.find((q) => q.ID === dep);
        expect(
          d?.Selected === true || d?.Status === 'Active' || d?.Status === 'Done',
          `${String(p.ID)} needs ${dep}`,
        ).toBe(true);
      }
    }
    // Capacity per skill-month holds for the chosen projects.
    const demand = records(w, 'Demand');
    const capacity = records(w, 'Capacity');
    const chosenIds = new Set(chosen.map((p) => p.ID));
    for (const c of capacity) {
      for (const period of Object.keys(c).filter((k) => /^\d{4}-\d{2}$/.test(k))) {
        const use = demand
          .filter((d) => d.Skill === c.Skill && chosenIds.has(d['Project ID']))
          .reduce((s, d) => s + (Number(d[period]) || 0), 0);
        expect(use, `${String(c.Skill)} ${period}`).toBeLessThanOrEqual(Number(c[period]) + 1e-9);
      }
    }
    // Every out-of-selection candidate says why.
    for (const p of projects.filter((q) => q.Selected === false))
      expect(String(p.Why)).not.toBe('');
    expect(chosen.every((p) => /% of the budget/.test(String(p.Why)))).toBe(true);

    const scenarios = records(w, 'Scenarios');
    expect(scenarios).toHaveLength(1);
    expect(scenarios[0]).toMatchObject({
      Who: ANA,
      Objective: 'Score',
      Budget: budget,
      Count: chosen.length,
      Status: 'optimal',
    });
    expect(String(scenarios[0]?.['Selected IDs']).split(', ').sort()).toEqual(
      [...chosenIds].sort(),
    );

    const frontier = w.workbook.sheetValues('Frontier');
    expect(frontier[1]?.slice(0, 4)).toEqual([
      'Budget',
      'Best value',
      'Cost used',
      'Projects chosen',
    ]);
    const points = frontier.slice(2, 22);
    expect(points).toHaveLength(20);
    expect(points[0]?.[0]).toBe(0);
    // Below what the running and forced-in projects cost no selection exists; above it, the best
    // value never falls as the budget grows.
    const feasible = points.filter((p) => typeof p[1] === 'number');
    expect(feasible.length).toBeGreaterThan(15);
    const below = points.slice(0, points.length - feasible.length);
    expect(below.every((p) => String(p[4]).startsWith('infeasible'))).toBe(true);
    for (let k = 1; k < feasible.length; k++)
      expect(feasible[k]?.[1] as number).toBeGreaterThanOrEqual(
        (feasible[k - 1]?.[1] as number) - 1e-9,
      );
    const charts = w.workbook.charts('Frontier');
    expect(charts).toHaveLength(1);
    expect(charts[0]?.type).toBe('LINE');
    expect(charts[0]?.ranges).toEqual(['Frontier!A2:B22']);
    expect(lastToast(w.ana)).toMatch(
      /^Selected \d+ of \d+ projects: score [\d,]+, cost [\d,]+ of budget 1,200,000; optimal\./,
    );
  });

  it('rebuilds the frontier in place, and Check capacity then counts the Selected projects', () => {
    const w = world({ sample: true });
    click(w.ana, 'Optimise portfolio');
    click(w.ana, 'Optimise portfolio');
    expect(w.workbook.charts('Frontier')).toHaveLength(1);
    expect(records(w, 'Scenarios')).toHaveLength(2);
    click(w.ana, 'Check capacity');
    // The selection respects capacity, and Approved/Active projects outside it may still overload.
    expect(lastToast(w.ana)).toMatch(/over-allocated|No skill is over-allocated/);
    click(w.ana, 'Undo last action');
    click(w.ana, 'Undo last action');
    expect(records(w, 'Scenarios')).toHaveLength(1);
  });

  it('reports conflicting forced projects instead of an infeasible selection, and changes nothing', () => {
    const w = world({ sample: true });
    const force = columnOf(w, 'Projects', 'Force');
    // P04 and P27 exclude each other: forcing both in cannot work.
    const ids = records(w, 'Projects').map((p) => p.ID);
    w.workbook.setValues('Projects', `${force}${ids.indexOf('P04') + 2}`, [['In']]);
    w.workbook.setValues('Projects', `${force}${ids.indexOf('P27') + 2}`, [['In']]);
    const before = JSON.stringify(w.workbook.sheetValues('Projects'));
    w.ana.answerAlert('OK');
    w.ana.clickMenu('Portfolio Pilot', 'Optimise portfolio');
    expect(lastAlert(w.ana)?.prompt).toMatch(
      /No portfolio satisfies every constraint: .*P04.*P27|P27.*P04/,
    );
    expect(JSON.stringify(w.workbook.sheetValues('Projects'))).toBe(before);
    expect(w.workbook.sheetNames()).not.toContain('Scenarios');
  });

  it('leaves out a project whose Cost cannot be read, and says which cell to fix, instead of taking it as free', () => {
    const w = world({ sample: true });
    click(w.ana, 'Optimise portfolio');
    const row = records(w, 'Projects').findIndex((p) => p.ID === 'P20') + 2;
    expect(records(w, 'Projects')[row - 2]?.Selected).toBe(true);
    const cost = columnOf(w, 'Projects', 'Cost');
    w.workbook.setValues('Projects', `${cost}${row}`, [['12k?']]);
    click(w.ana, 'Optimise portfolio');
    const p20 = records(w, 'Projects')[row - 2];
    expect(p20?.Selected).toBe(false);
    expect(p20?.Why).toBe(
      `not a candidate: Cost "12k?" cannot be read (row ${row}): fix it and run again`,
    );
    expect(p20?.Cost).toBe('12k?');
    expect(lastAlert(w.ana)?.prompt).toContain(
      `Projects, row ${row}, Cost (column ${cost}): "12k?" is not a number`,
    );
    expect(lastAlert(w.ana)?.prompt).toContain('P20 is left out until this is fixed.');
    // Its Demand no longer counts, and nothing says "counted as 0".
    expect(lastAlert(w.ana)?.prompt).not.toMatch(/P20 has no Cost/);
  });

  it('says when it selects both projects of a likely duplicate pair, until one excludes the other', () => {
    const w = world({ sample: true });
    click(w.ana, 'Find overlaps');
    click(w.ana, 'Optimise portfolio');
    const sel = (id: string): boolean =>
      records(w, 'Projects').find((p) => p.ID === id)?.Selected === true;
    expect(sel('P01') && sel('P19')).toBe(true);
    expect(lastAlert(w.ana)?.prompt).toContain(
      "P01 and P19 are both selected, but Find overlaps marked them likely duplicates (100%): merge them, or list one in the other's Excludes, and optimise again.",
    );
    const row = records(w, 'Projects').findIndex((p) => p.ID === 'P19') + 2;
    w.workbook.setValues('Projects', `${columnOf(w, 'Projects', 'Excludes')}${row}`, [['P01']]);
    click(w.ana, 'Optimise portfolio');
    expect(sel('P01') && sel('P19')).toBe(false);
    expect(lastAlert(w.ana)?.prompt ?? '').not.toContain('P01 and P19 are both selected');
  });

  it('maximises risk-adjusted revenue when chosen', () => {
    const w = world({ sample: true });
    setSetting(w, 'Objective', 'Risk-adjusted revenue');
    click(w.ana, 'Optimise portfolio');
    const chosen = records(w, 'Projects').filter((p) => p.Selected === true);
    const value = chosen.reduce(
      (s, p) => s + (p['Expected revenue'] as number) * (p.Confidence as number),
      0,
    );
    expect(records(w, 'Scenarios')[0]?.Value as number).toBeCloseTo(value, 0);
  });

  it('cross-checks with the Google solver (LinearOptimizationService) when chosen', async () => {
    const h = createHarness({ linearOptimization: await loadLinearOptimizationService() });
    const ana = h.emulator.as(ANA);
    ana.open();
    click(ana, 'Set up workbook');
    click(ana, 'Load sample portfolio');
    const w = { ...h, ana };
    setSetting(w, 'Engine', 'Google solver');
    click(ana, 'Optimise portfolio');
    const alert = ana.dialogs[ana.dialogs.length - 1]?.prompt ?? '';
    expect(alert).toMatch(
      /Cross-check agrees\. Google solver: value [\d,]+ \(optimal\); Portfolio Pilot's optimiser: [\d,]+ \(optimal\)/,
    );
    expect(ana.lastCalls.get('LinearOptimizationEngine.solve')).toBe(1);
  });
});

describe('Optimise portfolio scores as Score & rank does', () => {
  it('maximises the AHP-weighted Score when Settings takes the weights from Pairwise', () => {
    const w = world({ sample: true });
    setSetting(w, 'Weights from', 'Pairwise (AHP)');
    click(w.ana, 'Score & rank');
    click(w.ana, 'Optimise portfolio');
    const chosen = records(w, 'Projects').filter((p) => p.Selected === true);
    // The Score column holds the AHP scores (2 decimals); the scenario's value is their exact sum.
    const sum = chosen.reduce((s, p) => s + (p.Score as number), 0);
    expect(records(w, 'Scenarios')[0]?.Value as number).toBeCloseTo(sum, 0);
    expect(Math.abs((records(w, 'Scenarios')[0]?.Value as number) - sum)).toBeLessThan(
      0.005 * chosen.length + 0.01,
    );
  });
});
