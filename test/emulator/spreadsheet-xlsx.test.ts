import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { UnknownFunctionError, Workbook } from '../../emulator/spreadsheet';
import { fresh, OWNER, session } from './spreadsheet-helpers';

const dir = mkdtempSync(join(tmpdir(), 'emu-xlsx-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function double(name: string, args: unknown[]): unknown {
  if (name !== 'DOUBLE') throw new UnknownFunctionError(name);
  return (args[0] as unknown[][]).map((row) => row.map((v) => (v === '' ? '' : Number(v) * 2)));
}

/** A workbook using every feature the xlsx file keeps. */
function sample(): Workbook {
  const { wb, ss, app } = fresh({ name: 'Portfolio', timeZone: 'Europe/Paris' });
  wb.setCustomFunctionHost(double);
  const p = ss.getSheetByName('Sheet1')!.setName('Projects');
  p.getRange('A1:E1').setValues([['ID', 'Name', 'Start', 'Cost', 'Active']]);
  p.getRange('A2:E4').setValues([
    ['P-1', 'Launch', '2027-01-15', 1200.5, true],
    ['P-2', 'Enablement', '2027-02-01', 800, false],
    ['P-3', "Partner 'tier'", '2027-03-10', 0, true],
  ]);
  p.getRange('F1').setValue('Double');
  p.getRange('F2').setFormula('=DOUBLE(D2:D4)');
  p.getRange('G2').setValue('blocker');
  p.getRange('G1').setFormula('=DOUBLE(D1:D3)');
  p.getRange('H1').setFormula('=SUM(D2:D4)');
  p.getRange('D2:D4').setNumberFormat('#,##0.00');
  p.getRange('A1:H1').setBackground('#cfe2f3').setFontWeight('bold');
  p.getRange('B2').setNote('Flagship');
  p.getRange('B3').setFontColor('red');
  p.setFrozenRows(1);
  p.setColumnWidth(2, 240);
  p.getRange('A6:C6').merge();
  p.getRange('A6').setValue('Merged note row');
  p.getRange('E2:E4').setDataValidation(app.newDataValidation().requireCheckbox().build());
  p.getRange('J2:J4').setDataValidation(
    app.newDataValidation().requireValueInList(['TRUE', 'FALSE']).build(),
  );
  p.getRange('D2:D100').setDataValidation(
    app
      .newDataValidation()
      .requireNumberGreaterThanOrEqualTo(0)
      .setAllowInvalid(false)
      .setHelpText('Cost ≥ 0')
      .build(),
  );
  p.setConditionalFormatRules([
    app
      .newConditionalFormatRule()
      .whenNumberGreaterThan(1000)
      .setBackground('#f4cccc')
      .setBold(true)
      .setRanges([p.getRange('D2:D4')])
      .build(),
    app
      .newConditionalFormatRule()
      .whenTextContains('Partner')
      .setFontColor('#0000ff')
      .setRanges([p.getRange('B2:B4')])
      .build(),
    app
      .newConditionalFormatRule()
      .setGradientMinpoint('#ffffff')
      .setGradientMidpointWithValue('#ffd666', app.InterpolationType.PERCENTILE, '50')
      .setGradientMaxpoint('#e67c73')
      .setRanges([p.getRange('F2:F4')])
      .build(),
  ]);
  const lists = ss.insertSheet('Lists', 1);
  lists.getRange('A1:A3').setValues([['Campaign'], ['Tooling'], ['Other']]);
  p.getRange('I2:I4').setDataValidation(
    app.newDataValidation().requireValueInRange(lists.getRange('A1:A3')).build(),
  );
  ss.setNamedRange('Types', lists.getRange('A1:A3'));
  lists.hideSheet();
  lists.setTabColor('#00ff00');
  const small = ss.insertSheet('Small');
  small.deleteRows(11, 990);
  small.deleteColumns(6, 21);
  small.getRange('A1').setValue(1 / 3);
  return wb;
}

describe('xlsx', () => {
  it('round-trips values, formulas, formats, validation, rules and layout', async () => {
    const wb = sample();
    const path = join(dir, 'sample.xlsx');
    await wb.toXlsx(path);
    const back = await Workbook.fromXlsx(path, { owner: OWNER, timeZone: 'Europe/Paris' });

    expect(back.sheetNames()).toEqual(['Projects', 'Lists', 'Small']);
    for (const name of back.sheetNames()) {
      expect(back.sheetValues(name), name).toEqual(wb.sheetValues(name));
      expect(back.sheetFormulas(name), name).toEqual(wb.sheetFormulas(name));
      expect(back.sheetDisplayValues(name), name).toEqual(wb.sheetDisplayValues(name));
      expect({ ...back.sheetInfo(name), id: 0 }, name).toEqual({ ...wb.sheetInfo(name), id: 0 });
      expect(back.conditionalFormats(name), name).toEqual(wb.conditionalFormats(name));
    }
    for (const a1 of ['A1', 'B2', 'B3', 'C2', 'D3', 'D50', 'E3', 'F2', 'G1', 'I3', 'J2']) {
      // The file keeps an error's code, not its message.
      const { validation: v1, error: e1, ...c1 } = back.cell('Projects', a1);
      const { validation: v2, error: e2, ...c2 } = wb.cell('Projects', a1);
      expect(c1, a1).toEqual(c2);
      expect(e1?.code, a1).toBe(e2?.code);
      expect(v1, a1).toEqual(v2);
    }
    expect(back.cell('Projects', 'G1').error?.code).toBe('#REF!');
    expect((back.cell('Projects', 'C2').value as Date).toISOString()).toBe(
      '2027-01-14T23:00:00.000Z',
    );
    expect(back.namedRanges()).toEqual({ Types: 'Lists!A1:A3' });
    expect(back.name).toBe('Portfolio');
  });

  it('keeps cached formula values without a host and recomputes with one', async () => {
    const back = await Workbook.fromXlsx(await sample().toXlsxBuffer());
    const { ss } = session(back);
    expect(ss.getRange('Projects!F2:F4').getValues()).toEqual([[2401], [1600], [0]]);
    back.setCustomFunctionHost(double);
    ss.getRange('Projects!D4').setValue(5);
    expect(ss.getRange('Projects!F2:F4').getValues()).toEqual([[2401], [1600], [10]]);
    expect(ss.getRange('Projects!H1').getValue()).toBe(2005.5);
  });

  it("keeps the cached value of a user's formula it cannot evaluate, even once a host recalculates", async () => {
    // A workbook saved by Excel or Sheets: arithmetic and functions the emulator does not know.
    const x = new ExcelJS.Workbook();
    const ws = x.addWorksheet('Projects');
    ws.getCell('A1').value = 1000;
    ws.getCell('B1').value = { formula: 'A1*85+0', result: 85000 };
    ws.getCell('C1').value = { formula: 'VLOOKUP(A1,A1:B1,2,FALSE)', result: 85000 };
    ws.getCell('D1').value = { formula: 'SUM(A1:B1)', result: 1 };
    const back = await Workbook.fromXlsx((await x.xlsx.writeBuffer()) as unknown as Buffer);
    back.setCustomFunctionHost(double);
    const { ss } = session(back);
    // Operators and VLOOKUP keep the file's values; SUM, which the emulator evaluates, is fresh.
    expect(ss.getRange('Projects!B1:D1').getValues()).toEqual([[85000, 85000, 86000]]);
    expect(ss.getRange('Projects!B1:C1').getFormulas()).toEqual([
      ['=A1*85+0', '=VLOOKUP(A1,A1:B1,2,FALSE)'],
    ]);
    // A formula written in the session is the emulator's own: its limitation still shows.
    ss.getRange('Projects!E1').setFormula('=A1*2');
    expect(ss.getRange('Projects!E1').getValue()).toBe('#ERROR!');
  });

  it('leaves charts out of the file', async () => {
    const { wb, ss } = fresh();
    const sheet = ss.getActiveSheet();
    sheet.insertChart(sheet.newChart().asBarChart().addRange(sheet.getRange('A1:B2')).build());
    const back = await Workbook.fromXlsx(await wb.toXlsxBuffer());
    expect(back.charts('Sheet1')).toEqual([]);
  });
});
