/**
 * The optimiser's optional limits as a user sets them in the Settings sheet: Budget per month
 * (a project's Cost spread evenly over its Start–End months) and Balance rules (shares of the
 * Budget per Type or Objective), honoured by Optimise portfolio, and bad values named.
 */
import { describe, expect, it } from 'vitest';
import { click, lastAlert, records, world } from './helpers';

type World = ReturnType<typeof world>;

function setSetting(w: World, name: string, value: unknown): void {
  const row = records(w, 'Settings').findIndex((s) => s.Setting === name) + 2;
  expect(row, `Settings has a "${name}" row`).toBeGreaterThan(1);
  w.workbook.setValues('Settings', `B${row}`, [[value]]);
}

const iso = (v: unknown): string =>
  v instanceof Date ? v.toISOString().slice(0, 7) : String(v).slice(0, 7);

/** The months from start to end, inclusive, "YYYY-MM" (hand-rolled, independent of src). */
function months(start: unknown, end: unknown): string[] {
  const out: string[] = [];
  let [y, m] = iso(start).split('-').map(Number) as [number, number];
  const [ey, em] = iso(end).split('-').map(Number) as [number, number];
  while (y < ey || (y === ey && m <= em)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

function monthlySpend(chosen: Record<string, unknown>[]): Map<string, number> {
  const spend = new Map<string, number>();
  for (const p of chosen) {
    const ms = months(p.Start, p.End);
    for (const mo of ms) spend.set(mo, (spend.get(mo) ?? 0) + (p.Cost as number) / ms.length);
  }
  return spend;
}

describe('Optimise portfolio with the Settings limits', () => {
  it('Set up workbook lists Budget per month and Balance rules in Settings', () => {
    const w = world({ sample: true });
    const names = records(w, 'Settings').map((s) => s.Setting);
    expect(names).toContain('Budget per month');
    expect(names).toContain('Balance rules');
  });

  it('keeps every month within Budget per month', () => {
    const w = world({ sample: true });
    click(w.ana, 'Optimise portfolio');
    const free = Math.max(
      ...monthlySpend(records(w, 'Projects').filter((p) => p.Selected === true)).values(),
    );
    // A monthly limit 30% below the busiest month of the unconstrained plan must bind.
    const limit = Math.round(free * 0.7);
    setSetting(w, 'Budget per month', limit);
    click(w.ana, 'Optimise portfolio');
    const projects = records(w, 'Projects');
    const chosen = projects.filter((p) => p.Selected === true);
    for (const [mo, s] of monthlySpend(chosen)) expect(s, mo).toBeLessThanOrEqual(limit + 1e-6);
    expect(projects.some((p) => /^budget in \d{4}-\d{2}/.test(String(p.Why)))).toBe(true);
  });

  it('keeps a Type within its maximum share and an Objective above its minimum', () => {
    const w = world({ sample: true });
    const budget = records(w, 'Settings').find((s) => s.Setting === 'Budget')?.Value as number;
    setSetting(w, 'Balance rules', 'Type Tooling ≤ 5%; Objective New logos >= 45%');
    click(w.ana, 'Optimise portfolio');
    const projects = records(w, 'Projects');
    const chosen = projects.filter((p) => p.Selected === true);
    const cost = (f: (p: Record<string, unknown>) => boolean): number =>
      chosen.filter(f).reduce((s, p) => s + (p.Cost as number), 0);
    expect(cost((p) => p.Type === 'Tooling')).toBeLessThanOrEqual(0.05 * budget + 1e-6);
    expect(cost((p) => p.Objective === 'New logos')).toBeGreaterThanOrEqual(0.45 * budget - 1e-6);
    expect(projects.some((p) => /^max share of Type Tooling/.test(String(p.Why)))).toBe(true);
  });

  it('names a bad value, and a rule that matches no project, in the result', () => {
    const w = world({ sample: true });
    setSetting(w, 'Balance rules', 'Type Tooling under 20%');
    setSetting(w, 'Budget per month', '2027-13: 5000');
    click(w.ana, 'Optimise portfolio');
    const text = lastAlert(w.ana)?.prompt ?? '';
    expect(text).toMatch(
      /Settings, row \d+, Value \(column B\): "Type Tooling under 20%" is not a valid "Balance rules": "Type Tooling under 20%" is not like "Type Tooling ≤ 20%"/,
    );
    expect(text).toMatch(/"Budget per month": "2027-13: 5000" has no month 13/);
    setSetting(w, 'Balance rules', 'Type Toolng ≤ 20%');
    setSetting(w, 'Budget per month', '');
    click(w.ana, 'Optimise portfolio');
    expect(lastAlert(w.ana)?.prompt).toMatch(
      /The balance rule for Type Toolng matches no open project \(their Types: .*Tooling/,
    );
  });

  it('names minimum shares that cannot all be met, and changes nothing', () => {
    const w = world({ sample: true });
    setSetting(w, 'Balance rules', 'Type Tooling ≥ 60%; Type Campaign ≥ 60%');
    const before = JSON.stringify(w.workbook.sheetValues('Projects'));
    w.ana.answerAlert('OK');
    w.ana.clickMenu('Portfolio Pilot', 'Optimise portfolio');
    expect(lastAlert(w.ana)?.prompt).toMatch(
      /No portfolio satisfies every constraint: .*min share of Type (Tooling|Campaign)/,
    );
    expect(JSON.stringify(w.workbook.sheetValues('Projects'))).toBe(before);
  });
});
