/**
 * The time-phased part of npm start, on the sample after Optimise portfolio has run: gives every
 * Proposed project a Latest start three months after its Start, runs Optimise portfolio again
 * and prints which projects it moved and why, the value gained over choosing in or out alone,
 * and the Capacity to add that would admit the next projects (from the Utilization sheet).
 */
import type { UserSession, Workbook } from '../emulator';

type Run = (user: UserSession, caption: string) => { ok: boolean; message: string };

const MONTHS_LATER = 3;

function month(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 7);
  return typeof v === 'string' ? v.slice(0, 7) : '';
}

function later(m: string, k: number): string {
  const i = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + k;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

function letter(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The Value of the last Scenarios row (the last Optimise portfolio run). */
function lastValue(workbook: Workbook): number {
  const [header = [], ...rows] = workbook.sheetValues('Scenarios');
  const v = rows[rows.length - 1]?.[header.indexOf('Value')];
  return typeof v === 'number' ? v : NaN;
}

export function timePhasedDemo(workbook: Workbook, user: UserSession, run: Run): boolean {
  const [header = [], ...rows] = workbook.sheetValues('Projects');
  const col = (h: string): number => header.indexOf(h);
  if (col('Latest start') < 0 || !workbook.sheetNames().includes('Scenarios')) return true;
  const before = lastValue(workbook);
  const proposed: string[] = [];
  rows.forEach((r, i) => {
    const start = month(r[col('Start')]);
    if (r[col('Status')] !== 'Proposed' || !start) return;
    workbook.setValues('Projects', `${letter(col('Latest start'))}${i + 2}`, [
      [later(start, MONTHS_LATER)],
    ]);
    proposed.push(String(r[col('ID')]));
  });
  console.log(
    `\nTime-phased planning: Latest start = Start + ${MONTHS_LATER} months for the ${proposed.length} Proposed projects, then Optimise portfolio again.`,
  );
  const step = run(user, 'Optimise portfolio');
  console.log(
    `${step.ok ? '✓' : '✗'} Optimise portfolio: ${step.message.replace(/\n/g, '\n    ')}`,
  );
  if (!step.ok) return false;

  const [, ...after] = workbook.sheetValues('Projects');
  const moved = after.filter(
    (r) =>
      r[col('Selected')] === true &&
      month(r[col('Planned start')]) !== '' &&
      month(r[col('Planned start')]) !== month(r[col('Start')]),
  );
  console.log(`\nMoved (${moved.length}):`);
  for (const r of moved)
    console.log(
      `  ${String(r[col('ID')])} ${String(r[col('Name')])}: ${String(r[col('Why')]).split(';')[0] ?? ''}`,
    );
  const value = lastValue(workbook);
  const gained = value - before;
  console.log(
    `\nValue: ${value.toFixed(1)} with chosen starts vs ${before.toFixed(1)} in or out alone (+${gained.toFixed(1)}, ${((gained / before) * 100).toFixed(1)}%).`,
  );

  const util = workbook.sheetValues('Utilization');
  const at = util.findIndex((r) => r[0] === 'Capacity to add');
  if (at >= 0) {
    console.log(`\nCapacity to add (Utilization sheet): ${String(util[at]?.[1])}`);
    for (const r of util.slice(at + 2).filter((x) => x[0] !== '' && x[0] !== undefined))
      console.log(
        `  ${String(r[0])} +${String(r[2])} h (${String(r[1])}) admits ${String(r[3])} from ${String(r[4])}, value ${String(r[5])}${r[6] !== '' ? `, hours cost ${String(r[6])}` : ''}`,
      );
  }
  return true;
}
