/**
 * The Scenario planner's server side on the built bundle: run (checked against the workbook's
 * own Demand and Capacity), save, commit (Selected, Status Approved, log, undo), and the compare
 * the page computes.
 */
import { describe, expect, it } from 'vitest';
import {
  compareScenarios,
  type PlanResult,
  type PlannerModel,
  type SavedScenario,
} from '../../src/ui/scenarios/contract';
import { records, world, type World } from '../workbook/helpers';
import { planParams as params, ui, uiError } from './helpers';

function scored(): World {
  const w = world({ sample: true });
  w.ana.run('menuScore');
  return w;
}

/** Hours of each skill × month the selection needs, and the capacity, from the sheets. */
function overloads(w: World, selected: readonly string[], factor: number): string[] {
  const chosen = new Set(selected);
  const [dh = [], ...demand] = w.workbook.sheetValues('Demand');
  const [ch = [], ...capacity] = w.workbook.sheetValues('Capacity');
  const use = new Map<string, number>();
  for (const r of demand) {
    if (!chosen.has(String(r[0]))) continue;
    dh.forEach((h, j) => {
      if (j < 2 || typeof r[j] !== 'number') return;
      const k = `${String(r[1])}|${String(h)}`;
      use.set(k, (use.get(k) ?? 0) + r[j]);
    });
  }
  const over: string[] = [];
  for (const r of capacity)
    ch.forEach((h, j) => {
      if (j < 1 || typeof r[j] !== 'number') return;
      const used = use.get(`${String(r[0])}|${String(h)}`) ?? 0;
      if (used > r[j] * factor + 1e-6) over.push(`${String(r[0])} ${String(h)}`);
    });
  return over;
}

function costOf(w: World, ids: readonly string[]): number {
  const set = new Set(ids);
  return records(w, 'Projects').reduce(
    (s, p) => s + (set.has(String(p.ID)) ? Number(p.Cost) : 0),
    0,
  );
}

describe('Scenario planner (server side)', () => {
  it('loads the defaults: the Settings budget, the objective, the open projects', () => {
    const w = scored();
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    expect(m.budget).toBe(1_200_000);
    expect(m.objective).toBe('score');
    const open = records(w, 'Projects').filter(
      (p) => !['Done', 'Rejected', 'Stopped'].includes(String(p.Status)),
    );
    expect(m.projects.map((p) => p.id)).toEqual(open.map((p) => p.ID));
    expect(m.totalCost).toBe(open.reduce((s, p) => s + Number(p.Cost), 0));
    expect(m.saved).toEqual([]);
  });

  it('runs the optimiser: within budget and every skill-month, with a frontier that rises', () => {
    const w = scored();
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    const r = ui<PlanResult>(w.ana, 'scenarios.run', params(m));
    expect(r.status).toBe('optimal');
    expect(r.feasible).toBe(true);
    expect(r.selected.length).toBe(r.count);
    expect(r.cost).toBe(costOf(w, r.selected));
    expect(r.cost).toBeLessThanOrEqual(1_200_000);
    expect(overloads(w, r.selected, 1)).toEqual([]);
    expect(r.projects.filter((p) => p.selected).map((p) => p.id)).toEqual(r.selected);
    expect(r.projects.find((p) => !p.selected)?.why).toMatch(
      /budget|capacity|lower value|needs|excluded|forced out/,
    );
    // The loads are the heaviest first and never above 100%.
    expect(r.loads.length).toBeGreaterThan(0);
    for (let i = 1; i < r.loads.length; i++)
      expect(r.loads[i]!.share).toBeLessThanOrEqual(r.loads[i - 1]!.share);
    expect(r.loads[0]!.share).toBeLessThanOrEqual(1 + 1e-9);
    // Frontier: budgets up to the total cost, values that never fall, none above this plan's
    // optimum at a smaller budget.
    expect(r.frontier.length).toBeGreaterThan(5);
    for (let i = 1; i < r.frontier.length; i++) {
      expect(r.frontier[i]!.budget).toBeGreaterThan(r.frontier[i - 1]!.budget);
      expect(r.frontier[i]!.value).toBeGreaterThanOrEqual(r.frontier[i - 1]!.value - 1e-9);
    }
    for (const f of r.frontier)
      if (f.budget <= r.budget) expect(f.value).toBeLessThanOrEqual(r.value + 1e-6);
  });

  it('leaves out a project whose Cost cannot be read, and says which cell to fix', () => {
    const w = scored();
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    expect(ui<PlanResult>(w.ana, 'scenarios.run', params(m)).selected).toContain('P20');
    const row = records(w, 'Projects').findIndex((p) => p.ID === 'P20') + 2;
    const col = String.fromCharCode(65 + w.workbook.sheetValues('Projects')[0]!.indexOf('Cost'));
    w.workbook.setValues('Projects', `${col}${row}`, [['12k?']]);
    const r = ui<PlanResult>(w.ana, 'scenarios.run', params(m));
    expect(r.selected).not.toContain('P20');
    expect(r.projects.map((p) => p.id)).not.toContain('P20');
    expect(r.warnings.join(' ')).toContain(
      `Projects, row ${row}, Cost (column ${col}): "12k?" is not a number`,
    );
  });

  it('honours force in/out, the capacity factor and the objective', () => {
    const w = scored();
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    const base = ui<PlanResult>(w.ana, 'scenarios.run', params(m));
    // More forces on top of the sheet's Force column can only cost value (forcing out an
    // Active project would not: the optimiser keeps running work in unless told otherwise).
    const sheet = params(m);
    const active = new Set(m.projects.filter((p) => p.status === 'Active').map((p) => p.id));
    const dropped = base.selected.find((id) => !sheet.forceIn.includes(id) && !active.has(id))!;
    const added = m.projects.find(
      (p) => !base.selected.includes(p.id) && !sheet.forceOut.includes(p.id) && p.cost < 200_000,
    )!.id;
    const forced = ui<PlanResult>(
      w.ana,
      'scenarios.run',
      params(m, { forceIn: [...sheet.forceIn, added], forceOut: [...sheet.forceOut, dropped] }),
    );
    expect(forced.selected).toContain(added);
    expect(forced.selected).not.toContain(dropped);
    expect(forced.value).toBeLessThanOrEqual(base.value + 1e-9);

    const half = ui<PlanResult>(w.ana, 'scenarios.run', params(m, { capacityFactor: 0.5 }));
    expect(overloads(w, half.selected, 0.5)).toEqual([]);
    expect(half.value).toBeLessThanOrEqual(base.value + 1e-9);

    const revenue = ui<PlanResult>(w.ana, 'scenarios.run', params(m, { objective: 'revenue' }));
    const rev = new Map(
      records(w, 'Projects').map((p) => [String(p.ID), Number(p['Expected revenue'])]),
    );
    expect(revenue.value).toBe(revenue.selected.reduce((s, id) => s + (rev.get(id) ?? 0), 0));
  });

  it('applies the Settings Balance rules and Budget per month as Optimise portfolio does', () => {
    const w = scored();
    const setting = (name: string, value: unknown): void => {
      const row = records(w, 'Settings').findIndex((r) => r.Setting === name) + 2;
      expect(row, name).toBeGreaterThan(1);
      w.workbook.setValues('Settings', `B${row}`, [[value]]);
    };
    setting('Balance rules', 'Type Tooling ≤ 5%');
    setting('Budget per month', 'about 100k');
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    const r = ui<PlanResult>(w.ana, 'scenarios.run', params(m, { budget: 1_000_000 }));
    expect(r.status).toBe('optimal');
    const tooling = new Set(
      records(w, 'Projects')
        .filter((p) => p.Type === 'Tooling')
        .map((p) => String(p.ID)),
    );
    // 5% of the planner's budget, not of the Settings Budget.
    expect(
      costOf(
        w,
        r.selected.filter((id) => tooling.has(id)),
      ),
    ).toBeLessThanOrEqual(50_000);
    expect(r.projects.some((p) => /^max share of Type Tooling/.test(p.why))).toBe(true);
    expect(r.warnings.join('\n')).toMatch(
      /Settings, row \d+, Value \(column B\): "about 100k" is not a valid "Budget per month"/,
    );
  });

  it('maximises the Score as Score & rank would compute it now, as Optimise portfolio does', () => {
    const w = scored();
    // The board changes the weights and nobody has re-run Score & rank: the Score column is stale.
    const criteria = records(w, 'Criteria');
    const weight = (name: string): string =>
      `C${criteria.findIndex((c) => c.Criterion === name) + 2}`;
    w.workbook.setValues('Criteria', weight('Strategic fit'), [[0]]);
    w.workbook.setValues('Criteria', weight('Effort'), [[0.6]]);
    const stale = records(w, 'Projects').map((p) => p.Score);
    w.ana.run('menuOptimise');
    const optimised = String(records(w, 'Scenarios')[0]?.['Selected IDs']).split(', ');
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    const r = ui<PlanResult>(w.ana, 'scenarios.run', params(m));
    expect(records(w, 'Projects').map((p) => p.Score)).toEqual(stale);
    expect([...r.selected].sort()).toEqual([...optimised].sort());
    expect(r.value).toBeCloseTo(records(w, 'Scenarios')[0]?.Value as number, 1);
    // Saving records the same value.
    ui(w.ana, 'scenarios.save', {
      name: 'Fresh',
      params: params(m),
      selectedIds: r.selected,
      status: r.status,
      gap: r.gap,
      seconds: r.seconds,
    });
    expect(records(w, 'Scenarios')[1]?.Value as number).toBeCloseTo(r.value, 1);
  });

  it('explains an impossible plan: forced-in projects over the budget', () => {
    const w = scored();
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    const two = m.projects.slice(0, 2).map((p) => p.id);
    const r = ui<PlanResult>(
      w.ana,
      'scenarios.run',
      params(m, { budget: 1000, forceIn: two, forceOut: [] }),
    );
    expect(r.status).toBe('infeasible');
    expect(r.feasible).toBe(false);
    expect(r.conflict).toMatch(/budget/);
    expect(r.conflict).toMatch(new RegExp(two[0]!));
    // A sentence: capital first letter and a full stop.
    expect(r.conflict).toMatch(/^[A-Z].*\.$/);
  });

  it('refuses bad parameters, and scores the projects itself before Score & rank has run', () => {
    const w = world({ sample: true });
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    const e = uiError(
      w.ana,
      'scenarios.run',
      params(m, { budget: -1, capacityFactor: 5, forceIn: ['P01'], forceOut: ['P01'] }),
    );
    expect(e.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['budget', 'The budget cannot be negative.'],
      ['capacityFactor', 'Capacity runs from 10% to 300% of the Capacity sheet.'],
      ['forceOut', 'A project cannot be forced both in and out.'],
    ]);
    expect(ui<PlanResult>(w.ana, 'scenarios.run', params(m)).status).toBe('optimal');
    // Without a Criteria sheet there is nothing to score with: the Score column must be filled.
    w.workbook.removeSheet(w.workbook.sheet('Criteria'));
    expect(uiError(w.ana, 'scenarios.run', params(m)).message).toMatch(/Run Score & rank first/);
    expect(
      ui<PlanResult>(w.ana, 'scenarios.run', params(m, { objective: 'revenue' })).feasible,
    ).toBe(true);
  });

  it('saves a run as a Scenarios row, with a unique name', () => {
    const w = scored();
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    const p = params(m, { budget: 900_000 });
    const r = ui<PlanResult>(w.ana, 'scenarios.run', p);
    const save = {
      name: 'Plan A',
      params: p,
      selectedIds: r.selected,
      status: r.status,
      gap: r.gap,
      seconds: r.seconds,
    };
    const out = ui<{ saved: SavedScenario[]; message: string }>(w.ana, 'scenarios.save', save);
    expect(out.message).toMatch(new RegExp(`^Saved scenario "Plan A": ${r.count} projects`));
    expect(out.saved).toHaveLength(1);
    expect(out.saved[0]).toMatchObject({
      name: 'Plan A',
      who: 'ana@example.com',
      objective: 'Score',
      budget: 900_000,
      selectedIds: r.selected,
      count: r.count,
      cost: r.cost,
      committed: '',
    });
    expect(out.saved[0]!.value).toBeCloseTo(r.value, 1);
    const [row] = records(w, 'Scenarios');
    expect(row).toMatchObject({
      Scenario: 'Plan A',
      'Capacity factor': 1,
      Status: 'optimal',
      'Selected IDs': r.selected.join(', '),
    });
    expect(records(w, 'Log').at(-1)?.Action).toBe('Save scenario');
    const dup = uiError(w.ana, 'scenarios.save', { ...save, name: ' plan a ' });
    expect(dup.issues).toEqual([
      { path: ['name'], message: 'There is already a scenario "plan a". Choose another name.' },
    ]);
  });

  it('commits a scenario after the fact: Selected, Status Approved, logged, undoable', () => {
    const w = scored();
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    const p = params(m);
    const r = ui<PlanResult>(w.ana, 'scenarios.run', p);
    ui(w.ana, 'scenarios.save', {
      name: 'Board plan',
      params: p,
      selectedIds: r.selected,
      status: r.status,
      gap: r.gap,
      seconds: r.seconds,
    });
    const before = records(w, 'Projects').map((x) => [x.ID, x.Status, x.Selected]);
    const out = ui<{ message: string; saved: SavedScenario[] }>(w.ana, 'scenarios.commit', {
      name: 'Board plan',
    });
    const chosen = new Set(r.selected);
    const toApprove = before.filter(
      ([id, s]) =>
        chosen.has(String(id)) && ['Proposed', 'In review', 'On hold', ''].includes(String(s)),
    );
    expect(out.message).toBe(
      `Committed "Board plan": ${chosen.size} projects selected, ${toApprove.length} set to Approved.`,
    );
    expect(toApprove.length).toBeGreaterThan(0);
    const after = records(w, 'Projects');
    after.forEach((x, i) => {
      expect(x.Selected).toBe(chosen.has(String(x.ID)));
      const was = String(before[i]![1]);
      const expected =
        chosen.has(String(x.ID)) && ['Proposed', 'In review', 'On hold', ''].includes(was)
          ? 'Approved'
          : was;
      expect(x.Status).toBe(expected);
    });
    expect(out.saved[0]?.committed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(records(w, 'Log').at(-1)?.Action).toBe('Commit scenario');
    w.ana.run('menuUndo');
    expect(records(w, 'Projects').map((x) => [x.ID, x.Status, x.Selected])).toEqual(before);
    expect(records(w, 'Scenarios')[0]?.Committed).toBe('');
    expect(uiError(w.ana, 'scenarios.commit', { name: 'Nope' }).message).toMatch(
      /no scenario "Nope"/,
    );
  });

  it('commits a scenario with a Why that explains its selection, not an older one', () => {
    const w = scored();
    w.ana.run('menuOptimise');
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    const p = params(m, { budget: 700_000, capacityFactor: 0.8 });
    const r = ui<PlanResult>(w.ana, 'scenarios.run', p);
    ui(w.ana, 'scenarios.save', {
      name: 'Lean',
      params: p,
      selectedIds: r.selected,
      status: r.status,
      gap: r.gap,
      seconds: r.seconds,
    });
    ui(w.ana, 'scenarios.commit', { name: 'Lean' });
    const why = new Map(r.projects.map((x) => [x.id, x.why]));
    const after = records(w, 'Projects');
    for (const x of after) {
      if (!why.has(String(x.ID))) continue;
      // The reasons the planner showed for this plan, now in the sheet.
      expect(x.Why, String(x.ID)).toBe(why.get(String(x.ID)));
    }
    expect(after.filter((x) => x.Selected === true).map((x) => x.ID)).toEqual(r.selected);
    w.ana.run('menuUndo');
    expect(records(w, 'Projects').some((x) => /% of the budget/.test(String(x.Why)))).toBe(true);
  });

  it('records the Budget per month and Balance rules that applied, in every Scenarios row', () => {
    const w = scored();
    const settingRow = (name: string): number =>
      records(w, 'Settings').findIndex((r) => r.Setting === name) + 2;
    // An older Scenarios sheet, without the new columns, and a note the user typed at its right.
    const old = w.byHand().getActiveSpreadsheet().insertSheet('Scenarios');
    const oldHeader = [
      'Scenario',
      'When',
      'Who',
      'Objective',
      'Budget',
      'Capacity factor',
      'Forced',
      'Value',
      'Cost',
      'Count',
      'Status',
      'Gap',
      'Time (s)',
      'Selected IDs',
      'Committed',
    ];
    old.getRange(1, 1, 1, 15).setValues([oldHeader]);
    old
      .getRange(2, 1, 1, 15)
      .setValues([['Old', '', '', 'Score', 1000, 1, '', 1, 1000, 1, 'optimal', 0, 0, 'P01', '']]);
    old.getRange(2, 17).setValue('my note');
    w.workbook.setValues('Settings', `B${settingRow('Budget per month')}`, [
      ['2027-01: 90000; 2027-02: 80k'],
    ]);
    w.workbook.setValues('Settings', `B${settingRow('Balance rules')}`, [
      ['Type Tooling <= 20%; objective New logos at least 0.1'],
    ]);
    w.ana.run('menuOptimise');
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    const p = params(m, { budget: 900_000 });
    const r = ui<PlanResult>(w.ana, 'scenarios.run', p);
    w.workbook.setValues('Settings', `B${settingRow('Budget per month')}`, [['']]);
    w.workbook.setValues('Settings', `B${settingRow('Balance rules')}`, [['']]);
    const save = {
      params: p,
      selectedIds: r.selected,
      status: r.status,
      gap: r.gap,
      seconds: r.seconds,
    };
    const out = ui<{ saved: SavedScenario[] }>(w.ana, 'scenarios.save', { ...save, name: 'Plain' });
    const [header, note, optimised, plain] = w.workbook.sheetValues('Scenarios');
    // Nothing the user typed moves or goes; the new headers come after it.
    expect(header?.slice(0, 15)).toEqual(oldHeader);
    expect(header?.[16]).toBe('');
    expect(header?.slice(17)).toEqual(['Budget per month', 'Balance rules', 'Planned starts']);
    expect(note?.[16]).toBe('my note');
    expect(optimised?.slice(17)).toEqual([
      '2027-01: 90000; 2027-02: 80000',
      'Type Tooling ≤ 20%; Objective New logos ≥ 10%',
      '',
    ]);
    expect(plain?.slice(17)).toEqual(['none', 'none', '']);
    expect(out.saved.map((x) => [x.name, x.budgetPerMonth, x.balanceRules])).toEqual([
      ['Old', '', ''],
      [
        String(optimised?.[0]),
        '2027-01: 90000; 2027-02: 80000',
        'Type Tooling ≤ 20%; Objective New logos ≥ 10%',
      ],
      ['Plain', 'none', 'none'],
    ]);
    // Typed back into Settings, the recorded text reads as the same rules: the run reproduces.
    w.workbook.setValues('Settings', `B${settingRow('Budget per month')}`, [[optimised?.[17]]]);
    w.workbook.setValues('Settings', `B${settingRow('Balance rules')}`, [[optimised?.[18]]]);
    w.ana.run('menuOptimise');
    const again = w.workbook.sheetValues('Scenarios')[4];
    expect(again?.slice(17)).toEqual(optimised?.slice(17));
    expect(again?.[13]).toBe(optimised?.[13]);
  });

  it('refuses a commit when the selection breaks Budget per month or Balance rules now', () => {
    const w = scored();
    const settingRow = (name: string): number =>
      records(w, 'Settings').findIndex((r) => r.Setting === name) + 2;
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    const p = params(m);
    const r = ui<PlanResult>(w.ana, 'scenarios.run', p);
    ui(w.ana, 'scenarios.save', {
      name: 'Board plan',
      params: p,
      selectedIds: r.selected,
      status: r.status,
      gap: r.gap,
      seconds: r.seconds,
    });
    const projects = records(w, 'Projects');
    const tooling = projects.filter(
      (x) => x.Type === 'Tooling' && r.selected.includes(String(x.ID)),
    );
    expect(tooling.length).toBeGreaterThan(0);
    const toolingCost = tooling.reduce((s, x) => s + Number(x.Cost), 0);
    const before = records(w, 'Projects').map((x) => [x.ID, x.Status, x.Selected]);
    w.workbook.setValues('Settings', `B${settingRow('Budget per month')}`, [[1000]]);
    w.workbook.setValues('Settings', `B${settingRow('Balance rules')}`, [['Type Tooling ≤ 1%']]);
    const text = uiError(w.ana, 'scenarios.commit', { name: 'Board plan' }).message;
    expect(text).toMatch(
      /it spends more than Settings' Budget per month in \d{4}-\d{2} \([\d,]+ of 1,000\)/,
    );
    expect(text).toContain(
      `Type Tooling costs ${toolingCost.toLocaleString('en-US')}, above its 1% of the budget (${(r.budget * 0.01).toLocaleString('en-US')}) in Settings' Balance rules`,
    );
    expect(records(w, 'Projects').map((x) => [x.ID, x.Status, x.Selected])).toEqual(before);
    // Rules that changed but still hold: committed, with a warning that says so.
    w.workbook.setValues('Settings', `B${settingRow('Budget per month')}`, [[10_000_000]]);
    w.workbook.setValues('Settings', `B${settingRow('Balance rules')}`, [['']]);
    expect(
      ui<{ warnings: string[] }>(w.ana, 'scenarios.commit', { name: 'Board plan' }).warnings,
    ).toEqual([
      `Settings' Budget per month was "none" when the scenario was saved and is "10000000" now.`,
    ]);
  });

  it('compares two scenarios: what enters, what leaves, the deltas', () => {
    const s = (
      name: string,
      ids: string[],
      value: number,
      cost: number,
      plannedStarts = '',
    ): SavedScenario => ({
      name,
      when: '',
      who: '',
      objective: 'Score',
      budget: null,
      capacityFactor: 1,
      forced: '',
      value,
      cost,
      count: ids.length,
      status: 'optimal',
      gap: 0,
      selectedIds: ids,
      committed: '',
      budgetPerMonth: '',
      balanceRules: '',
      plannedStarts,
    });
    const names = new Map([
      ['P1', 'One'],
      ['P2', 'Two'],
      ['P3', 'Three'],
      ['P4', 'Four'],
    ]);
    const c = compareScenarios(
      s('A', ['P1', 'P2', 'P3'], 200, 900),
      s('B', ['P2', 'P4'], 180, 700),
      names,
    );
    expect(c).toEqual({
      enter: [{ id: 'P4', name: 'Four' }],
      leave: [
        { id: 'P1', name: 'One' },
        { id: 'P3', name: 'Three' },
      ],
      valueDelta: -20,
      costDelta: -200,
      countDelta: -1,
      moved: [],
    });
    // What moved: a project in both whose planned start month differs.
    expect(
      compareScenarios(
        s('A', ['P1', 'P2', 'P3'], 200, 900, 'P2 2027-04'),
        s('B', ['P1', 'P2', 'P3'], 210, 900, 'P1 2027-05; P2 2027-04; P3 2027-03'),
        names,
      ).moved,
    ).toEqual([
      { id: 'P1', name: 'One', from: 'as planned', to: '2027-05' },
      { id: 'P3', name: 'Three', from: 'as planned', to: '2027-03' },
    ]);
  });
});
