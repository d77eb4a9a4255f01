/**
 * Identity and percentages (issue 12, item 4): two rows that share an ID are never told apart by
 * guesswork, and a percentage is read by one rule everywhere (150% is 150%, not 1.5%).
 */
import { describe, expect, it } from 'vitest';
import type { PlannerModel } from '../../src/ui/scenarios/contract';
import { planParams as params, ui, uiError } from '../ui/helpers';
import { rowOf, setProject, setSetting } from './governance-helpers';
import { click, columnOf, lastAlert, records, world, type World } from './helpers';

/** The sample with two open rows that both have the ID "Q3"; returns their rows. */
function duplicated(): { w: World; rows: number[] } {
  const w = world({ sample: true });
  const open = records(w, 'Projects').filter((p) => p.Status === 'Proposed');
  const rows = [rowOf(w, String(open[0]?.ID)), rowOf(w, String(open[1]?.ID))];
  const id = columnOf(w, 'Projects', 'ID');
  for (const r of rows) w.workbook.setValues('Projects', `${id}${r}`, [['Q3']]);
  return { w, rows };
}

describe('Duplicate IDs', () => {
  it('Optimise portfolio refuses to select, naming both rows and the fix, and ticks nothing', () => {
    const { w, rows } = duplicated();
    setSetting(w, 'Budget', 100_000);
    const before = records(w, 'Projects').map((p) => p.Selected);
    w.ana.answerAlert('OK');
    w.ana.clickMenu('Portfolio Pilot', 'Optimise portfolio');
    expect(lastAlert(w.ana)?.prompt).toContain(
      `Optimise portfolio cannot tell apart projects that share an ID: "Q3" is on rows ${rows[0]} and ${rows[1]} of Projects. Give each project its own ID`,
    );
    expect(records(w, 'Projects').map((p) => p.Selected)).toEqual(before);
  });

  it('the Scenario planner refuses too; Score & rank flags both rows', () => {
    const { w, rows } = duplicated();
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    expect(uiError(w.ana, 'scenarios.run', params(m)).message).toMatch(
      new RegExp(
        `^The Scenario planner cannot tell apart projects that share an ID: "Q3" is on rows ${rows[0]} and ${rows[1]}`,
      ),
    );
    expect(
      uiError(w.ana, 'scenarios.save', {
        name: 'X',
        params: params(m),
        selectedIds: ['Q3'],
        status: 'optimal',
        gap: 0,
        seconds: 0,
      }).message,
    ).toMatch(/^Save scenario cannot tell apart projects that share an ID/);
    click(w.ana, 'Score & rank');
    const flags = records(w, 'Projects').map((p) => String(p.Flags));
    for (const r of rows)
      expect(flags[r - 2]).toContain(`duplicate ID Q3 (rows ${rows.join(', ')})`);
  });

  it('Commit refuses a saved scenario once two rows share an ID, writing nothing', () => {
    const w = world({ sample: true });
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    const r = ui<{ selected: string[]; status: string; gap: number | null; seconds: number }>(
      w.ana,
      'scenarios.run',
      params(m),
    );
    ui(w.ana, 'scenarios.save', {
      name: 'Plan',
      params: params(m),
      selectedIds: r.selected,
      status: r.status,
      gap: r.gap,
      seconds: r.seconds,
    });
    const chosen = r.selected[0] as string;
    const other = records(w, 'Projects').find(
      (p) => p.Status === 'Proposed' && !r.selected.includes(String(p.ID)),
    );
    const id = columnOf(w, 'Projects', 'ID');
    w.workbook.setValues('Projects', `${id}${rowOf(w, String(other?.ID))}`, [[chosen]]);
    const before = records(w, 'Projects').map((p) => [p.Status, p.Selected]);
    expect(uiError(w.ana, 'scenarios.commit', { name: 'Plan' }).message).toMatch(
      new RegExp(
        `^Commit scenario cannot tell apart projects that share an ID: "${chosen}" is on rows`,
      ),
    );
    expect(records(w, 'Projects').map((p) => [p.Status, p.Selected])).toEqual(before);
  });

  it('counts IDs that differ only in case or spaces as the same, as Demand and Depends on do', () => {
    const { w, rows } = duplicated();
    const id = columnOf(w, 'Projects', 'ID');
    w.workbook.setValues('Projects', `${id}${rows[1]}`, [['q3 ']]);
    w.ana.answerAlert('OK');
    w.ana.clickMenu('Portfolio Pilot', 'Optimise portfolio');
    expect(lastAlert(w.ana)?.prompt).toMatch(/cannot tell apart projects that share an ID: "Q3"/);
  });
});

describe('Percentages', () => {
  /** Types `value` into a project's Confidence cell, formatted as a percentage as Set up does. */
  function confidence(w: World, id: string, value: unknown, format = '0%'): string {
    const cell = `${columnOf(w, 'Projects', 'Confidence')}${rowOf(w, id)}`;
    setProject(w, id, 'Confidence', value);
    w.byHand()
      .getActiveSpreadsheet()
      .getSheetByName('Projects')
      ?.getRange(cell)
      .setNumberFormat(format);
    return cell;
  }

  it('flags a Confidence of 150% with its cell and leaves it out of a risk-adjusted objective', () => {
    const w = world({ sample: true });
    const p = records(w, 'Projects').find((x) => x.Status === 'Proposed');
    const id = String(p?.ID);
    confidence(w, id, 1.5); // 150% in a percent cell is stored as 1.5
    const col = columnOf(w, 'Projects', 'Confidence');
    click(w.ana, 'Score & rank');
    expect(lastAlert(w.ana)?.prompt).toContain(
      `Projects, row ${rowOf(w, id)}, Confidence (column ${col}): 1.5 must be at most 100%.`,
    );
    expect(String(records(w, 'Projects')[rowOf(w, id) - 2]?.Flags)).toContain(
      'Confidence must be at most 100%',
    );
    setSetting(w, 'Objective', 'Risk-adjusted revenue');
    click(w.ana, 'Optimise portfolio');
    const row = records(w, 'Projects')[rowOf(w, id) - 2];
    expect(row?.Selected).toBe(false);
    expect(String(row?.Why)).toMatch(/Confidence 1\.5 cannot be read/);
  });

  it('reads 80 in a plain cell and 80% in a percent cell as 80%, and "150%" as text as 150%', () => {
    const w = world({ sample: true });
    const [a, b, c] = records(w, 'Projects')
      .slice(0, 3)
      .map((x) => String(x.ID));
    confidence(w, a as string, 80, '0.###');
    confidence(w, b as string, 0.8);
    confidence(w, c as string, "'150%", '@');
    click(w.ana, 'Score & rank');
    const flags = records(w, 'Projects').map((x) => String(x.Flags));
    expect(flags[rowOf(w, a as string) - 2]).not.toContain('Confidence');
    expect(flags[rowOf(w, b as string) - 2]).not.toContain('Confidence');
    expect(flags[rowOf(w, c as string) - 2]).toContain('Confidence must be at most 100%');
  });

  it('reads a Settings percentage typed as 150% as 150% (refused), not 1.5%', () => {
    const w = world({ sample: true });
    setSetting(w, 'Overlap threshold', 1.5);
    click(w.ana, 'Find overlaps');
    expect(lastAlert(w.ana)?.prompt ?? '').toMatch(/is not a valid "Overlap threshold"/);
  });

  it("reads a scenario's capacity factor of 120% as 120% when committing", () => {
    const w = world({ sample: true });
    click(w.ana, 'Score & rank');
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    const p = { ...params(m), capacityFactor: 1.2 };
    const r = ui<{ selected: string[]; status: string; gap: number | null; seconds: number }>(
      w.ana,
      'scenarios.run',
      p,
    );
    ui(w.ana, 'scenarios.save', {
      name: 'Overtime',
      params: p,
      selectedIds: r.selected,
      status: r.status,
      gap: r.gap,
      seconds: r.seconds,
    });
    const saved = ui<{ saved: { capacityFactor: number | null }[] }>(w.ana, 'scenarios.load');
    expect(saved.saved[0]?.capacityFactor).toBe(1.2);
    ui(w.ana, 'scenarios.commit', { name: 'Overtime' });
  });
});
