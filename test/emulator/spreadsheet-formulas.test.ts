import { describe, expect, it } from 'vitest';
import { UnknownFunctionError, Workbook } from '../../emulator/spreadsheet';
import { fresh, session } from './spreadsheet-helpers';

type Call = { name: string; args: unknown[] };

/**
 * A fake host with three custom functions: DOUBLE (each cell × 2, keeps shape; blank stays
 * blank), ARGS (echoes what it received as JSON), BOOM (throws). Anything else is unknown.
 */
function fakeHost(calls: Call[] = []) {
  return (name: string, args: unknown[]): unknown => {
    calls.push({ name, args });
    if (name === 'DOUBLE') {
      const x = args[0];
      if (Array.isArray(x))
        return (x as unknown[][]).map((row) => row.map((v) => (v === '' ? '' : Number(v) * 2)));
      return Number(x) * 2;
    }
    if (name === 'ARGS') return JSON.stringify(args);
    if (name === 'BOOM') throw new Error('BOOM: argument values, row 3: "abc" is not a number');
    if (name === 'SEQ') {
      const n = Number(args[0]);
      return Array.from({ length: n }, (_, i) => [i + 1]);
    }
    if (name === 'ROWVEC') return [1, 2, 3];
    throw new UnknownFunctionError(name);
  };
}

describe('formula evaluation through the custom-function host', () => {
  it('passes a single cell as its value and a range as a 2-D array ("" for blank)', () => {
    const { wb, ss } = fresh();
    wb.setCustomFunctionHost(fakeHost());
    ss.getRange('A1:B2').setValues([
      [1, ''],
      ['x', true],
    ]);
    const c = ss.getRange('D1');
    c.setFormula('=ARGS(A1, A1:B2, "s""q", -2.5, TRUE, , B2)');
    expect(JSON.parse(c.getValue() as string)).toEqual([
      1,
      [
        [1, ''],
        ['x', true],
      ],
      's"q',
      -2.5,
      true,
      null,
      true,
    ]);
    expect(c.getFormula()).toBe('=ARGS(A1, A1:B2, "s""q", -2.5, TRUE, , B2)');
  });

  it('spills a 2-D result right and down, and recalculates after a write', () => {
    const { wb, ss } = fresh({ rows: 10, columns: 5 });
    const calls: Call[] = [];
    wb.setCustomFunctionHost(fakeHost(calls));
    ss.getRange('A1:A3').setValues([[1], [2], [3]]);
    ss.getRange('B1').setFormula('=DOUBLE(A1:A3)');
    expect(ss.getRange('B1:B4').getValues()).toEqual([[2], [4], [6], ['']]);
    expect(ss.getRange('B2').getFormula()).toBe('');
    expect(wb.cell('Sheet1', 'B2').spilled).toBe(true);
    const before = calls.length;
    ss.getRange('A1:A3').getValues(); // no write: no new call
    expect(calls.length).toBe(before);
    ss.getRange('A2').setValue(10);
    expect(ss.getRange('B2').getValue()).toBe(20);
    expect(calls.length).toBe(before + 1);
    ss.getRange('E1').setValue('unrelated');
    ss.getRange('B1').getValue();
    expect(calls.length).toBe(before + 1);
  });

  it('passes open ranges (A2:A) down to the last row of the sheet', () => {
    const { wb, ss } = fresh({ rows: 6, columns: 4 });
    const calls: Call[] = [];
    wb.setCustomFunctionHost(fakeHost(calls));
    ss.getRange('A1:A3').setValues([['h'], [5], [7]]);
    ss.getRange('B2').setFormula('=DOUBLE(A2:A)');
    expect(ss.getRange('B1:B6').getValues()).toEqual([[''], [10], [14], [''], [''], ['']]);
    expect((calls.at(-1)!.args[0] as unknown[][]).length).toBe(5);
    // Blank spilled cells still count as content for getLastRow, as in Sheets.
    expect(ss.getActiveSheet().getLastRow()).toBe(6);
  });

  it('shows #REF! with the Sheets message when the spill would overwrite data', () => {
    const { wb, ss } = fresh({ rows: 10, columns: 5 });
    wb.setCustomFunctionHost(fakeHost());
    ss.getRange('A1:A5').setValues([[1], [2], [3], [4], [5]]);
    ss.getRange('C5').setValue('in the way');
    ss.getRange('C1').setFormula('=DOUBLE(A1:A5)');
    expect(ss.getRange('C1').getValue()).toBe('#REF!');
    expect(ss.getRange('C1').getDisplayValue()).toBe('#REF!');
    expect(wb.cell('Sheet1', 'C1').error).toEqual({
      code: '#REF!',
      message: 'Array result was not expanded because it would overwrite data in C5.',
    });
    expect(ss.getRange('C2').getValue()).toBe('');
    // Clearing the obstacle lets it spill.
    ss.getRange('C5').clearContent();
    expect(ss.getRange('C1:C5').getValues()).toEqual([[2], [4], [6], [8], [10]]);
    // Typing into the spilled area blocks it again.
    ss.getRange('C3').setValue('typed');
    expect(ss.getRange('C1:C3').getValues()).toEqual([['#REF!'], [''], ['typed']]);
    expect(wb.cell('Sheet1', 'C1').error?.message).toBe(
      'Array result was not expanded because it would overwrite data in C3.',
    );
  });

  it('shows #REF! when the result runs past the sheet', () => {
    const { wb, ss } = fresh({ rows: 5, columns: 3 });
    wb.setCustomFunctionHost(fakeHost());
    ss.getRange('A3').setFormula('=SEQ(5)');
    expect(ss.getRange('A3').getValue()).toBe('#REF!');
    expect(wb.cell('Sheet1', 'A3').error?.message).toBe(
      'Result was not automatically expanded, please insert more rows (2).',
    );
  });

  it('shows #ERROR! and keeps the thrown message; #NAME? for unknown functions', () => {
    const { wb, ss } = fresh();
    wb.setCustomFunctionHost(fakeHost());
    ss.getRange('A1').setFormula('=BOOM(B1)');
    ss.getRange('A2').setFormula('=NOPE(B1)');
    expect(ss.getRange('A1:A2').getValues()).toEqual([['#ERROR!'], ['#NAME?']]);
    expect(wb.cell('Sheet1', 'A1').error).toEqual({
      code: '#ERROR!',
      message: 'BOOM: argument values, row 3: "abc" is not a number',
    });
    expect(wb.cell('Sheet1', 'A2').error).toEqual({
      code: '#NAME?',
      message: "Unknown function: 'NOPE'.",
    });
  });

  it('is #NAME? without a host, and recalculates when one is installed', () => {
    const { wb, ss } = fresh();
    ss.getRange('A1').setValue(4);
    ss.getRange('B1').setFormula('=double(A1)');
    expect(ss.getRange('B1').getValue()).toBe('#NAME?');
    wb.setCustomFunctionHost(fakeHost());
    expect(ss.getRange('B1').getValue()).toBe(8);
  });

  it('reads other sheets (quoted names) and named ranges', () => {
    const { wb, ss } = fresh();
    wb.setCustomFunctionHost(fakeHost());
    const other = ss.insertSheet('Other sheet');
    other.getRange('A1:A2').setValues([[3], [4]]);
    ss.setNamedRange('Inputs', other.getRange('A1:A2'));
    const main = ss.getSheetByName('Sheet1')!;
    main.getRange('A1').setFormula("=DOUBLE('Other sheet'!A1:A2)");
    main.getRange('B1').setFormula('=DOUBLE(Inputs)');
    main.getRange('C1').setFormula('=DOUBLE(Missing!A1)');
    main.getRange('D1').setFormula('=DOUBLE(NoSuchName)');
    expect(main.getRange('A1:D2').getValues()).toEqual([
      [6, 6, '#REF!', '#NAME?'],
      [8, 8, '', ''],
    ]);
    other.getRange('A2').setValue(5);
    expect(main.getRange('A2:B2').getValues()).toEqual([[10, 10]]);
  });

  it('evaluates chains: a formula reading another formula’s spill runs after it', () => {
    const { wb, ss } = fresh({ rows: 10, columns: 6 });
    wb.setCustomFunctionHost(fakeHost());
    // E1 reads C1:C3, which C1's formula fills; C1 reads A1:A3.
    ss.getRange('E1').setFormula('=DOUBLE(C1:C3)');
    ss.getRange('C1').setFormula('=DOUBLE(A1:A3)');
    ss.getRange('A1:A3').setValues([[1], [2], [3]]);
    expect(ss.getRange('E1:E3').getValues()).toEqual([[4], [8], [12]]);
  });

  it('evaluates built-in SUM/AVERAGE/MIN/MAX/COUNT/COUNTA and marks other shapes', () => {
    const { wb, ss } = fresh();
    ss.getRange('A1:A4').setValues([[1], [2], ['x'], [4]]);
    ss.getRange('B1:B6').setFormulas([
      ['=SUM(A1:A4)'],
      ['=AVERAGE(A1:A4)'],
      ['=MIN(A1:A4)'],
      ['=MAX(A1:A4, 10)'],
      ['=COUNTA(A1:A4)'],
      ['=A1+A2'],
    ]);
    expect(ss.getRange('B1:B6').getValues()).toEqual([[7], [7 / 3], [1], [10], [4], ['#ERROR!']]);
    expect(wb.cell('Sheet1', 'B6').error?.message).toMatch(
      /only formulas that are one function call/,
    );
  });

  it('rewrites references when rows are inserted or deleted', () => {
    const { wb, ss } = fresh({ rows: 20, columns: 5 });
    wb.setCustomFunctionHost(fakeHost());
    const sheet = ss.getActiveSheet();
    sheet.getRange('A2:A4').setValues([[1], [2], [3]]);
    sheet.getRange('C1').setFormula('=SUM(A2:A4)');
    sheet.getRange('D1').setFormula('=DOUBLE(A2:A)');
    sheet.insertRowsBefore(3, 2);
    expect(sheet.getRange('C1').getFormula()).toBe('=SUM(A2:A6)');
    expect(sheet.getRange('D1').getFormula()).toBe('=DOUBLE(A2:A)');
    expect(sheet.getRange('C1').getValue()).toBe(6);
    sheet.deleteRows(2, 5);
    expect(sheet.getRange('C1').getFormula()).toBe('=SUM(#REF!)');
    expect(sheet.getRange('C1').getValue()).toBe('#REF!');
  });

  it('rewrites references to a renamed sheet', () => {
    const { wb, ss } = fresh();
    wb.setCustomFunctionHost(fakeHost());
    const data = ss.insertSheet('Data');
    data.getRange('A1').setValue(2);
    ss.getSheetByName('Sheet1')!.getRange('A1').setFormula('=DOUBLE(Data!A1)');
    data.setName('Inputs 2027');
    expect(ss.getRange('Sheet1!A1').getFormula()).toBe("=DOUBLE('Inputs 2027'!A1)");
    expect(ss.getRange('Sheet1!A1').getValue()).toBe(4);
  });

  it('treats a 1-D result as a column and shows Dates returned as dates', () => {
    const wb = Workbook.create();
    wb.setCustomFunctionHost((name) =>
      name === 'WHEN' ? new Date(Date.UTC(2027, 0, 2)) : [1, 2, 3],
    );
    const { ss } = session(wb);
    ss.getRange('A1').setFormula('=VEC()');
    ss.getRange('B1').setFormula('=WHEN()');
    expect(ss.getRange('A1:A3').getValues()).toEqual([[1], [2], [3]]);
    expect((ss.getRange('B1').getValue() as Date).toISOString()).toBe('2027-01-02T00:00:00.000Z');
    expect(ss.getRange('B1').getDisplayValue()).toBe('1/2/2027');
  });

  it('refuses a formula reading its own cell', () => {
    const { wb, ss } = fresh();
    wb.setCustomFunctionHost(fakeHost());
    ss.getRange('A1').setFormula('=DOUBLE(A1:A3)');
    expect(ss.getRange('A1').getValue()).toBe('#REF!');
    expect(wb.cell('Sheet1', 'A1').error?.message).toMatch(/^Circular dependency detected/);
  });
});
