/**
 * Sheets' and Apps Script's limits, enforced by the emulator so a test catches a breach:
 * 50,000 characters per cell, 10 million cells per workbook (spreadsheet-access.test.ts),
 * 30 s per custom function and 6 min per action, measured on a clock that can run
 * `slowdown` times faster to stand for Apps Script's slower V8.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Emulator, createHarness } from '../../emulator';
import { SPREADSHEET_MESSAGES as MSG, Workbook } from '../../emulator/spreadsheet';
import { fresh, thrown } from './spreadsheet-helpers';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'Code.js');
const TOO_LONG = 'Your input contains more than the maximum of 50000 characters in a single cell.';

describe('50,000 characters per cell', () => {
  it('refuses a longer value or formula, and writes nothing of the block', () => {
    const { ss } = fresh({ rows: 10, columns: 5 });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:B1').setValues([['a', 'x'.repeat(50_000)]]);
    expect(String(sheet.getRange('B1').getValue())).toHaveLength(50_000);
    expect(thrown(() => sheet.getRange('A2:B2').setValues([['kept?', 'x'.repeat(50_001)]]))).toBe(
      TOO_LONG,
    );
    expect(sheet.getRange('A2').getValue()).toBe('');
    expect(thrown(() => sheet.getRange('C1').setValue('y'.repeat(60_000)))).toBe(TOO_LONG);
    expect(thrown(() => sheet.appendRow(['z'.repeat(50_001)]))).toBe(TOO_LONG);
    expect(thrown(() => sheet.getRange('D1').setFormula(`="${'q'.repeat(50_001)}"`))).toBe(
      TOO_LONG,
    );
    expect(MSG.cellTooLong(Workbook.CELL_CHARS)).toBe(TOO_LONG);
  });

  it('shows an error on a formula whose text result is longer', () => {
    const h = createHarness({ code: FIXTURE });
    h.workbook.setValues('Sheet1', 'A1:A2', [['=LONG_TEXT(50000)'], ['=LONG_TEXT(50001)']]);
    expect(String(h.workbook.sheetValues('Sheet1', 'A1:A1')[0]?.[0])).toHaveLength(50_000);
    expect(h.workbook.cell('Sheet1', 'A2').error?.message).toBe(
      'Text result of LONG_TEXT is longer than the limit of 50000 characters.',
    );
  });
});

describe('time limits on a slower runtime (slowdown)', () => {
  it("counts each real millisecond `slowdown` times, in the limits and the script's clock", () => {
    // Apps Script 100× slower: 30 s of custom function is 300 real ms.
    const ana = new Emulator({ code: FIXTURE, slowdown: 100 }).as('ana@example.com');
    expect(ana.customFunction('BUSY', 10_000)).toBeGreaterThanOrEqual(10_000);
    expect(() => ana.customFunction('BUSY', 40_000)).toThrow(
      'Exceeded maximum execution time (line 0).',
    );
    const bob = new Emulator({ code: FIXTURE, slowdown: 1000 }).as('bob@example.com');
    expect(bob.execute('BUSY', [200_000]).error).toBeUndefined();
    expect(bob.execute('BUSY', [400_000]).error?.message).toBe('Exceeded maximum execution time');
  });

  it('multiplies a scaled clock, and refuses a nonsense slowdown', () => {
    expect(new Emulator({ code: FIXTURE, clock: { scale: 2 }, slowdown: 3 }).clock.scale).toBe(6);
    expect(() => new Emulator({ code: FIXTURE, slowdown: 0 })).toThrow(/slowdown/);
  });
});
