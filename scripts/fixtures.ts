/** Workbook fixtures shared by the tests and the benchmarks. */
import type { Harness } from '../emulator';
import { rng } from './rng';

/**
 * Grows the sample to `n` projects (and their demand) by repeating its rows under new IDs, for
 * scale tests. Dependencies and exclusions are dropped (they would point at the wrong copies).
 * Copies after the first round are proposals (a copy of an Active project is not running work,
 * and no copy is forced), and Capacity and the Budget grow with the portfolio, so the plan stays
 * as tight as the sample's.
 */
export function growPortfolio(w: Harness, n: number): void {
  const [header = [], ...rows] = w.workbook.sheetValues('Projects');
  const id = header.indexOf('ID');
  const dep = header.indexOf('Depends on');
  const exc = header.indexOf('Excludes');
  const status = header.indexOf('Status');
  const force = header.indexOf('Force');
  const out: unknown[][] = [];
  const idOf: string[] = [];
  for (let i = 0; i < n; i++) {
    const src = rows[i % rows.length] ?? [];
    const r = src.slice();
    r[id] = `Q${String(i + 1).padStart(6, '0')}`;
    r[dep] = '';
    r[exc] = '';
    if (i >= rows.length) {
      if (r[status] === 'Active' || r[status] === 'Approved') r[status] = 'Proposed';
      r[force] = '';
    }
    out.push(r);
    idOf.push(String(src[id]));
  }
  replaceRows(w, 'Projects', header.length, rows.length, out);

  const [dHeader = [], ...dRows] = w.workbook.sheetValues('Demand');
  const bySource = new Map<string, unknown[][]>();
  for (const r of dRows) {
    const list = bySource.get(String(r[0])) ?? [];
    list.push(r);
    bySource.set(String(r[0]), list);
  }
  const dOut: unknown[][] = [];
  out.forEach((r, i) => {
    for (const d of bySource.get(idOf[i] ?? '') ?? []) dOut.push([r[id], ...d.slice(1)]);
  });
  replaceRows(w, 'Demand', dHeader.length, dRows.length, dOut);
  scaleCapacityAndBudget(w, n / rows.length);
}

/** Writes `rows` as a sheet's data rows (from row 2), clearing the `before` rows it had. */
function replaceRows(
  w: Harness,
  name: string,
  width: number,
  before: number,
  rows: unknown[][],
): void {
  const sheet = w.byHand().getActiveSpreadsheet().getSheetByName(name);
  if (!sheet) throw new Error(`no ${name}`);
  const n = rows.length;
  if (sheet.getMaxRows() < n + 1)
    sheet.insertRowsAfter(sheet.getMaxRows(), n + 1 - sheet.getMaxRows());
  sheet.getRange(2, 1, before, width).clearContent();
  sheet.getRange(2, 1, n, width).setValues(rows);
}

function scaleCapacityAndBudget(w: Harness, factor: number): void {
  scaleCapacity(w, factor);
  scaleBudget(w, factor);
}

/** Multiplies every Capacity hour by `factor`. */
function scaleCapacity(w: Harness, factor: number): void {
  const ss = w.byHand().getActiveSpreadsheet();
  const [cHeader = [], ...cRows] = w.workbook.sheetValues('Capacity');
  const scaled = cRows.map((r) =>
    r.map((v, j) => (j > 0 && typeof v === 'number' ? Math.round(v * factor) : v)),
  );
  if (scaled.length)
    ss.getSheetByName('Capacity')?.getRange(2, 1, scaled.length, cHeader.length).setValues(scaled);
}

/** Multiplies the Settings budget by `factor`. */
function scaleBudget(w: Harness, factor: number): void {
  const ss = w.byHand().getActiveSpreadsheet();
  const settings = w.workbook.sheetValues('Settings');
  const row = settings.findIndex((r) => r[0] === 'Budget');
  const budget = settings[row]?.[1];
  if (row > 0 && typeof budget === 'number')
    ss.getSheetByName('Settings')
      ?.getRange(row + 1, 2)
      .setValue(Math.round(budget * factor));
}

/**
 * Replaces the sample's projects with `n` generated ones (seeded: the same rows on every run), for
 * benchmarks and scale tests that need a varied portfolio rather than copies. Each project takes
 * a sample project as its pattern (type, owner, objective, skills) and varies the rest: cost
 * (×0.35–2.9, log-uniform), expected revenue and confidence, every criterion score, the months it
 * runs (1–9 within the year) and its hours per skill-month (scaled with its cost, ±30% each
 * month). About 6% depend on a recent project, 3% exclude one (both sides say so; never two
 * Active ones), 1% are Active (committed work), 2% Done and 0.5% forced out.
 * Capacity and the Budget are scaled by how much the generated portfolio demands and costs
 * against the sample, so the plan is as tight as the sample's.
 */
export function variedPortfolio(w: Harness, n: number, seed = 1): void {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const [header = [], ...rows] = w.workbook.sheetValues('Projects');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`Projects has no ${name}`);
    return i;
  };
  const [dHeader = [], ...dRows] = w.workbook.sheetValues('Demand');
  const hoursOf = new Map<string, { skill: unknown; hours: number }[]>();
  let sampleHours = 0;
  for (const r of dRows) {
    const hours = r.slice(2).filter((v): v is number => typeof v === 'number');
    if (hours.length === 0) continue;
    const mean = hours.reduce((a, b) => a + b, 0) / hours.length;
    sampleHours += hours.reduce((a, b) => a + b, 0);
    const list = hoursOf.get(String(r[0])) ?? [];
    list.push({ skill: r[1], hours: mean });
    hoursOf.set(String(r[0]), list);
  }
  const patterns = rows.filter((r) => hoursOf.has(String(r[col('ID')])));
  const sampleCost = rows.reduce((s, r) => s + Number(r[col('Cost')]), 0);
  const year = (w.workbook.sheetValues('Capacity')[0] ?? [])
    .slice(1)
    .map(String)
    .filter((p) => /^\d{4}-\d{2}$/.test(p));
  const cleared = ['Depends on', 'Excludes', 'Force', 'Latest start'].map(col);
  const actuals = header
    .map((h, i) => ({ h: String(h), i }))
    .filter(({ h }) =>
      [
        'Actual cost',
        'Pipeline generated',
        'Revenue won',
        'Deals won',
        'Deals lost',
        'Last update',
        'CRM campaign',
      ].includes(h),
    )
    .map(({ i }) => i);
  const out: unknown[][] = [];
  const dOut: unknown[][] = [];
  const excludes: string[][] = [];
  let cost = 0;
  let hours = 0;
  for (let i = 0; i < n; i++) {
    const src = pick(patterns);
    const r = src.slice();
    const id = `Q${String(i + 1).padStart(6, '0')}`;
    r[col('ID')] = id;
    r[col('Name')] = `${String(src[col('Name')])} #${i + 1}`;
    for (const j of [...cleared, ...actuals]) r[j] = '';
    const u = random();
    r[col('Status')] =
      u < 0.01
        ? 'Active'
        : u < 0.03
          ? 'Done'
          : u < 0.2
            ? 'Approved'
            : u < 0.3
              ? 'In review'
              : 'Proposed';
    const first = int(0, year.length - 1);
    const last = Math.min(year.length - 1, first + int(0, 8));
    const [y0, m0] = (year[first] ?? '2027-01').split('-').map(Number);
    const [y1, m1] = (year[last] ?? '2027-12').split('-').map(Number);
    r[col('Start')] = new Date(Date.UTC(y0 ?? 2027, (m0 ?? 1) - 1, int(1, 15)));
    r[col('End')] = new Date(Date.UTC(y1 ?? 2027, m1 ?? 12, 0));
    const scale = Math.exp(Math.log(0.35) + random() * Math.log(2.9 / 0.35));
    const c = Math.max(1000, Math.round((Number(src[col('Cost')]) * scale) / 1000) * 1000);
    r[col('Cost')] = c;
    r[col('Expected revenue')] = Math.round((c * (1 + random() * 9)) / 1000) * 1000;
    r[col('Confidence')] = int(6, 18) / 20;
    for (const k of ['Strategic fit', 'Revenue impact', 'Customer reach', 'Delivery risk'])
      r[col(k)] = int(1, 5);
    r[col('Time to value (months)')] = int(1, 12);
    r[col('Effort (person-weeks)')] = Math.max(1, Math.round(c / 5000));
    if (i > 0 && random() < 0.06)
      r[col('Depends on')] = `Q${String(int(Math.max(1, i - 50), i)).padStart(6, '0')}`;
    if (i > 0 && random() < 0.03) {
      const k = int(Math.max(0, i - 50), i - 1);
      // Two Active (committed, so forced-in) projects never exclude each other: no portfolio could.
      if (r[col('Status')] !== 'Active' || out[k]?.[col('Status')] !== 'Active') {
        (excludes[i] ??= []).push(`Q${String(k + 1).padStart(6, '0')}`);
        (excludes[k] ??= []).push(id);
      }
    }
    if (r[col('Status')] !== 'Active' && random() < 0.005) r[col('Force')] = 'Out';
    if (r[col('Status')] !== 'Done') cost += c;
    for (const d of hoursOf.get(String(src[col('ID')])) ?? []) {
      const row: unknown[] = [id, d.skill, ...year.map(() => '')];
      for (let m = first; m <= last; m++) {
        const h = Math.max(1, Math.round(d.hours * scale * (0.7 + 0.6 * random())));
        row[2 + m] = h;
        hours += h;
      }
      dOut.push(row);
    }
    out.push(r);
  }
  out.forEach((r, i) => (r[col('Excludes')] = (excludes[i] ?? []).join(', ')));
  replaceRows(w, 'Projects', header.length, rows.length, out);
  replaceRows(w, 'Demand', dHeader.length, dRows.length, dOut);
  scaleCapacity(w, hours / sampleHours);
  scaleBudget(w, cost / sampleCost);
}
