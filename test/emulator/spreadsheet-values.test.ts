import { describe, expect, it } from 'vitest';
import { SPREADSHEET_MESSAGES as MSG } from '../../emulator/spreadsheet';
import { fresh, thrown } from './spreadsheet-helpers';

describe('reading values', () => {
  it('is 1-based, always 2-D, "" for empty cells, typed values as stored', () => {
    const { ss } = fresh();
    const sheet = ss.getSheetByName('Sheet1')!;
    sheet.getRange(1, 1, 1, 3).setValues([[1.5, 'text', true]]);
    expect(sheet.getRange(1, 1).getValues()).toEqual([[1.5]]);
    expect(sheet.getRange('A1:D2').getValues()).toEqual([
      [1.5, 'text', true, ''],
      ['', '', '', ''],
    ]);
    expect(sheet.getRange(1, 2).getValue()).toBe('text');
    expect(sheet.getRange('C1').getValue()).toBe(true);
    expect(sheet.getRange('Z1000').getValue()).toBe('');
  });

  it('returns a new Date on every read of a date cell', () => {
    const { ss } = fresh();
    const cell = ss.getRange('Sheet1!B2');
    const d = new Date(Date.UTC(2027, 0, 15));
    cell.setValue(d);
    const a = cell.getValue() as Date;
    const b = cell.getValue() as Date;
    expect(Object.prototype.toString.call(a)).toBe('[object Date]');
    expect(a.getTime()).toBe(d.getTime());
    expect(a).not.toBe(b);
    a.setFullYear(2000);
    expect((cell.getValue() as Date).getTime()).toBe(d.getTime());
    expect(cell.getNumberFormat()).toBe('M/d/yyyy');
    expect(cell.getDisplayValue()).toBe('1/15/2027');
  });

  it('maps dates through the spreadsheet time zone', () => {
    const { ss } = fresh({ timeZone: 'America/New_York' });
    const cell = ss.getRange('A1');
    // 2027-01-15 00:00 in New York is 05:00 UTC.
    cell.setValue('2027-01-15');
    expect((cell.getValue() as Date).toISOString()).toBe('2027-01-15T05:00:00.000Z');
    // Summer time: 04:00 UTC.
    cell.setValue('2027-07-01');
    expect((cell.getValue() as Date).toISOString()).toBe('2027-07-01T04:00:00.000Z');
    // A Date written at 23:30 New York time keeps its wall clock.
    // (A1 keeps the yyyy-mm-dd format its typed date gave it.)
    cell.setValue(new Date('2027-03-02T04:30:00Z'));
    expect(cell.getDisplayValue()).toBe('2027-03-01');
    const other = ss.getRange('B1');
    other.setValue(new Date('2027-03-02T04:30:00Z'));
    expect(other.getDisplayValue()).toBe('3/1/2027 23:30:00');
    expect(other.getNumberFormat()).toBe('M/d/yyyy H:mm:ss');
  });

  it('treats a number given a date format as a date, and a date given a number format as a number', () => {
    const { ss } = fresh();
    const cell = ss.getRange('A1');
    cell.setValue(46402); // 2027-01-15 as a serial day
    cell.setNumberFormat('yyyy-mm-dd');
    expect((cell.getValue() as Date).toISOString()).toBe('2027-01-15T00:00:00.000Z');
    cell.setNumberFormat('0');
    expect(cell.getValue()).toBe(46402);
  });
});

describe('typed input', () => {
  it('parses written strings as Sheets does', () => {
    const { ss } = fresh();
    const r = ss.getRange('A1:H1');
    r.setValues([['12', '1,000,000', '10%', '$2.99', 'TRUE', '2027-01-15', "'0123", 'P-001']]);
    const v = r.getValues()[0]!;
    expect(v.slice(0, 5)).toEqual([12, 1000000, 0.1, 2.99, true]);
    expect((v[5] as Date).toISOString()).toBe('2027-01-15T00:00:00.000Z');
    expect(v.slice(6)).toEqual(['0123', 'P-001']);
    expect(r.getNumberFormats()[0]).toEqual([
      '0.###############',
      '#,##0',
      '0%',
      '"$"#,##0.00',
      '0.###############',
      'yyyy-mm-dd',
      '0.###############',
      '0.###############',
    ]);
    expect(r.getDisplayValues()[0]).toEqual([
      '12',
      '1,000,000',
      '10%',
      '$2.99',
      'TRUE',
      '2027-01-15',
      '0123',
      'P-001',
    ]);
  });

  it('keeps strings as typed in a plain-text (@) cell', () => {
    const { ss } = fresh();
    const r = ss.getRange('A1:C1');
    r.setNumberFormat('@');
    r.setValues([['0123', '10%', '=SUM(A1)']]);
    expect(r.getValues()).toEqual([['0123', '10%', '=SUM(A1)']]);
    expect(r.getFormulas()).toEqual([['', '', '']]);
  });

  it('stores "=" strings as formulas and null/undefined/"" as empty', () => {
    const { ss } = fresh();
    const r = ss.getRange('A1:D1');
    r.setValues([[1, 2, '=SUM(A1:B1)', 'x']]);
    expect(r.getFormulas()).toEqual([['', '', '=SUM(A1:B1)', '']]);
    expect(r.getValues()).toEqual([[1, 2, 3, 'x']]);
    r.setValues([[null, undefined, '', 'y']]);
    expect(r.getValues()).toEqual([['', '', '', 'y']]);
    expect(r.getFormulas()).toEqual([['', '', '', '']]);
  });

  it('setValue fills every cell of a multi-cell range', () => {
    const { ss } = fresh();
    ss.getRange('B2:C3').setValue(7);
    expect(ss.getRange('A1:C3').getValues()).toEqual([
      ['', '', ''],
      ['', 7, 7],
      ['', 7, 7],
    ]);
  });
});

describe('setValues dimension errors', () => {
  it('reports rows first, then columns, with the exact texts', () => {
    const { ss } = fresh();
    const r = ss.getRange('A1:D2');
    expect(thrown(() => r.setValues([[1, 2, 3, 4]]))).toBe(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(
      thrown(() =>
        r.setValues([
          [1, 2, 3, 4, 5],
          [1, 2, 3, 4, 5],
        ]),
      ),
    ).toBe(
      'The number of columns in the data does not match the number of columns in the range. The data has 5 but the range has 4.',
    );
    // Both wrong: the row check wins (not documented; the emulator's choice).
    expect(thrown(() => r.setValues([[1, 2, 3, 4, 5]]))).toBe(MSG.rowsMismatch(1, 2));
    // A 1-D array is a type error in Apps Script.
    expect(thrown(() => r.setValues([1, 2] as unknown as unknown[][]))).toBe(
      "The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
    expect(r.getValues()).toEqual([
      ['', '', '', ''],
      ['', '', '', ''],
    ]);
  });
});

describe('range coordinates', () => {
  it('throws the Apps Script messages', () => {
    const { ss } = fresh();
    const sheet = ss.getActiveSheet();
    expect(thrown(() => sheet.getRange(0, 1))).toBe('The starting row of the range is too small.');
    expect(thrown(() => sheet.getRange(1, 0))).toBe(
      'The starting column of the range is too small.',
    );
    expect(thrown(() => sheet.getRange(1, 1, 0, 1))).toBe(
      'The number of rows in the range must be at least 1.',
    );
    expect(thrown(() => sheet.getRange(1, 1, 1, 0))).toBe(
      'The number of columns in the range must be at least 1.',
    );
    expect(thrown(() => sheet.getRange(1000, 1, 2, 1))).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(thrown(() => sheet.getRange(1, 27))).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(thrown(() => sheet.getRange('not a range'))).toBe('Range not found');
    expect(thrown(() => ss.getRange('Nope!A1'))).toBe('Range not found');
    expect(sheet.getRange(1000, 26).getA1Notation()).toBe('Z1000');
  });

  it('writes A1 notation both ways', () => {
    const { ss } = fresh();
    const sheet = ss.getActiveSheet();
    expect(sheet.getRange(1, 1, 2, 5).getA1Notation()).toBe('A1:E2');
    expect(sheet.getRange(3, 2).getA1Notation()).toBe('B3');
    const open = sheet.getRange('A2:D');
    expect([open.getA1Notation(), open.getNumRows(), open.getLastRow()]).toEqual([
      'A2:D',
      999,
      1000,
    ]);
    expect(open.isEndRowBounded()).toBe(false);
    const col = sheet.getRange('B:B');
    expect([col.getA1Notation(), col.getRow(), col.getNumRows(), col.getColumn()]).toEqual([
      'B:B',
      1,
      1000,
      2,
    ]);
    expect(sheet.getRange('2:3').getA1Notation()).toBe('2:3');
    expect(sheet.getRange('$B$2:$C$4').getA1Notation()).toBe('B2:C4');
    expect(sheet.getRange('c4:b2').getA1Notation()).toBe('B2:C4');
    ss.insertSheet("Bob's data");
    const q = ss.getRange("'Bob''s data'!A1:B2");
    expect([q.getSheet().getName(), q.getA1Notation()]).toEqual(["Bob's data", 'A1:B2']);
    expect(thrown(() => ss.getRange('Sheet1!AA1'))).toBe(MSG.outsideSheet);
  });

  it('offset and getCell are relative to the range', () => {
    const { ss } = fresh();
    const r = ss.getRange('B2:C3');
    expect(r.offset(1, 1).getA1Notation()).toBe('C3:D4');
    expect(r.offset(-1, -1, 1, 1).getA1Notation()).toBe('A1');
    expect(r.getCell(2, 2).getA1Notation()).toBe('C3');
    expect(thrown(() => r.offset(-2, 0))).toBe('The starting row of the range is too small.');
  });
});

describe('last row and column, data range', () => {
  it('is 0 on an empty sheet and follows content', () => {
    const { ss } = fresh();
    const sheet = ss.getActiveSheet();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C5').setValue('x');
    sheet.getRange('E2').setValue(0);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([5, 5]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:E5');
    sheet.getRange('C5').clearContent();
    expect(sheet.getLastRow()).toBe(2);
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getMaxColumns()).toBe(26);
  });

  it('formatting alone is not content', () => {
    const { ss } = fresh();
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:Z1000').setBackground('yellow');
    expect(sheet.getLastRow()).toBe(0);
  });
});

describe('rows and columns', () => {
  it('appendRow writes below the data and grows a full sheet', () => {
    const { ss, wb } = fresh({ rows: 2, columns: 2 });
    const sheet = ss.getActiveSheet();
    sheet.appendRow(['a', 1]);
    sheet.appendRow(['b', '=SUM(B1)']);
    expect(sheet.getMaxRows()).toBe(2);
    sheet.appendRow(['c', 3, 'extra']);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([3, 3]);
    expect(wb.sheetValues('Sheet1')).toEqual([
      ['a', 1, ''],
      ['b', 1, ''],
      ['c', 3, 'extra'],
    ]);
    expect(sheet.getRange('B2').getFormula()).toBe('=SUM(B1)');
  });

  it('inserts and deletes rows and columns, moving content', () => {
    const { ss, wb } = fresh({ rows: 5, columns: 3 });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getMaxRows()).toBe(7);
    expect(wb.sheetValues('Sheet1', 'A1:A5').map((r) => r[0])).toEqual([1, '', '', 2, 3]);
    sheet.insertRowsBefore(1, 1);
    expect(sheet.getRange('A2').getValue()).toBe(1);
    sheet.deleteRows(1, 3);
    expect(wb.sheetValues('Sheet1', 'A1:A3').map((r) => r[0])).toEqual(['', 2, 3]);
    sheet.insertColumnsAfter(1, 1);
    expect(sheet.getRange('B2').getValue()).toBe('');
    sheet.getRange('B2').setValue('b');
    sheet.deleteColumns(1, 1);
    expect(sheet.getRange('A2').getValue()).toBe('b');
    expect(sheet.getMaxColumns()).toBe(3);
    expect(thrown(() => sheet.deleteRows(1, sheet.getMaxRows()))).toMatch(
      /not possible to delete all/,
    );
  });
});

describe('display values', () => {
  it('applies the common number formats', () => {
    const { ss } = fresh();
    const cases: [number, string, string][] = [
      [1234.5, '0', '1235'],
      [1234.56, '0.0', '1234.6'],
      [1, '0.00', '1.00'],
      [1234567.8, '#,##0', '1,234,568'],
      [-1234.567, '#,##0.00', '-1,234.57'],
      [0.125, '0%', '13%'],
      [0.1234, '0.0%', '12.3%'],
      [1234.5, '$#,##0', '$1,235'],
      [46402, 'yyyy-mm-dd', '2027-01-15'],
      [46402, 'yyyy-mm', '2027-01'],
      [46402, 'mmm yyyy', 'Jan 2027'],
      [12, '@', '12'],
    ];
    const r = ss.getRange(`A1:A${cases.length}`);
    r.setValues(cases.map(([v]) => [v]));
    r.setNumberFormats(cases.map(([, f]) => [f]));
    expect(r.getDisplayValues().map((x) => x[0])).toEqual(cases.map(([, , d]) => d));
  });

  it('shows numbers without a format as Sheets does automatically', () => {
    const { ss } = fresh();
    const r = ss.getRange('A1:E1');
    r.setValues([[1 / 3, 0.1 + 0.2, 1234567, false, 'x']]);
    expect(r.getDisplayValues()).toEqual([['0.3333333333', '0.3', '1234567', 'FALSE', 'x']]);
  });
});
