/**
 * The add-on (the real dist/Code.js, run by the Emulator) on the emulated workbook: the two
 * halves of the emulator wired as emulator/README.md says, in-process and in worker threads.
 */
import { describe, expect, it } from 'vitest';
import { Emulator, spreadsheetBackend } from '../../emulator';
import { columnLetters, Workbook } from '../../emulator/spreadsheet';

function wired(): { emu: Emulator; workbook: Workbook } {
  const workbook = Workbook.create({ owner: 'owner@example.com' });
  const emu = new Emulator({ spreadsheet: spreadsheetBackend(workbook) });
  return { emu, workbook };
}

const ACTIONS = ['menuSetup', 'menuLoadSample', 'menuScore', 'menuCapacity', 'menuOverlaps'];

describe('the add-on on the emulated workbook', () => {
  it('runs the menu actions; a typed formula calls the bundle; the result survives xlsx', async () => {
    const { emu, workbook } = wired();
    const owner = emu.as('owner@example.com');
    owner.open();
    for (const fn of ACTIONS) expect(owner.execute(fn, [], 'FULL').error, fn).toBeUndefined();
    expect(workbook.sheetNames()).toEqual(
      expect.arrayContaining([
        'Projects',
        'Criteria',
        'Capacity',
        'Demand',
        'Utilization',
        'Overlaps',
      ]),
    );
    expect(workbook.toasts.map((t) => t.user)).toEqual(ACTIONS.map(() => 'owner@example.com'));

    // The heat map is drawn by conditional format rules the emulator evaluates.
    const util = workbook.sheetValues('Utilization');
    const rows = util.length;
    const cells: [string, number][] = [];
    for (let r = 2; r < rows; r++)
      for (let c = 1; c <= 12; c++) {
        const v = util[r]?.[c];
        if (typeof v === 'number') cells.push([`${columnLetters(c + 1)}${r + 1}`, v]);
      }
    const over = cells.find(([, v]) => v > 1);
    const amber = cells.find(([, v]) => v > 0.85 && v <= 1);
    const calm = cells.find(([, v]) => v <= 0.85);
    expect(over && workbook.effectiveBackground('Utilization', over[0])).toBe('#f4c7c3');
    expect(amber && workbook.effectiveBackground('Utilization', amber[0])).toBe('#fce8b2');
    expect(calm && workbook.effectiveBackground('Utilization', calm[0])).toBe('#ffffff');

    // A manager types =PPM_RANK over the Score column: it runs the bundle in CUSTOM_FUNCTION
    // mode through the Emulator's host. Competition ranks: 1 + the number of higher scores.
    const header = workbook.sheetValues('Projects', '1:1')[0]!;
    const score = columnLetters(header.indexOf('Score') + 1);
    const last = workbook.sheetInfo('Projects').lastRow;
    const free = columnLetters(header.length + 2);
    workbook.setValues('Projects', `${free}2`, [[`=PPM_RANK(${score}2:${score}${last})`]]);
    const scores = workbook.sheetValues('Projects', `${score}2:${score}${last}`).map((r) => r[0]);
    const expected = scores.map((x) =>
      typeof x === 'number'
        ? [1 + scores.filter((y) => typeof y === 'number' && y > x).length]
        : [''],
    );
    expect(scores.filter((x) => typeof x === 'number').length).toBeGreaterThan(30);
    expect(workbook.sheetValues('Projects', `${free}2:${free}${last}`)).toEqual(expected);
    expect(emu.executions.at(-1)).toMatchObject({ fn: 'PPM_RANK', authMode: 'CUSTOM_FUNCTION' });

    const back = await Workbook.fromXlsx(await workbook.toXlsxBuffer());
    for (const name of workbook.sheetNames())
      expect(back.sheetValues(name), name).toEqual(workbook.sheetValues(name));
    expect(back.conditionalFormats('Utilization')).toEqual(
      workbook.conditionalFormats('Utilization'),
    );
  });

  it('serves executions running in worker threads', async () => {
    const { emu, workbook } = wired();
    const owner = emu.as('owner@example.com');
    for (const fn of ACTIONS.slice(0, 2)) owner.run(fn);
    const [a, b] = await emu.concurrently([
      { user: 'owner@example.com', fn: 'menuScore' },
      { user: 'ana@example.com', fn: 'menuCapacity' },
    ]);
    expect([a?.error, b?.error]).toEqual([undefined, undefined]);
    expect(workbook.sheetNames()).toContain('Utilization');
    expect(workbook.toasts.map((t) => t.user)).toEqual(
      expect.arrayContaining(['owner@example.com', 'ana@example.com']),
    );
  });
});
