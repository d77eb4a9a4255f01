import { describe, expect, it } from 'vitest';
import {
  createSpreadsheetApp,
  SPREADSHEET_MESSAGES as MSG,
  Workbook,
} from '../../emulator/spreadsheet';
import { context, FAKE_UI, fresh, OWNER, session, thrown } from './spreadsheet-helpers';

const PROTECTED =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

describe('call counting', () => {
  it('counts every call on every object, chained calls included', () => {
    const wb = Workbook.create();
    const ctx = context();
    const app = createSpreadsheetApp(wb, ctx);
    const sheet = app.getActiveSpreadsheet().getSheetByName('Sheet1')!;
    const range = sheet.getRange(1, 1, 2, 2);
    range.setValues([
      [1, 2],
      [3, 4],
    ]);
    range.getValues();
    range.getValues();
    sheet.getRange('A1').setBackground('red').setFontWeight('bold').getValue();
    expect(ctx.calls.snapshot()).toEqual({
      'Range.getValue': 1,
      'Range.getValues': 2,
      'Range.setBackground': 1,
      'Range.setFontWeight': 1,
      'Range.setValues': 1,
      'Sheet.getRange': 2,
      'Spreadsheet.getSheetByName': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
    });
    expect(ctx.calls.get('Range')).toBe(6);
  });

  it('counts builders and makes unimplemented methods throw clearly', () => {
    const { app, ctx } = session(Workbook.create());
    app.newDataValidation().requireValueInList(['a']).build();
    expect(ctx.calls.get('DataValidationBuilder.requireValueInList')).toBe(1);
    const range = app.getActiveSpreadsheet().getRange('A1') as unknown as Record<
      string,
      () => void
    >;
    expect(thrown(() => range.createPivotTable!())).toBe(
      'Emulator: Range.createPivotTable is not implemented',
    );
  });
});

describe('auth modes', () => {
  it('CUSTOM_FUNCTION: reads work, every setter throws, no Ui', () => {
    const wb = Workbook.create();
    wb.setValues('Sheet1', 'A1', [[1]]);
    const { app } = session(wb, '', 'CUSTOM_FUNCTION');
    const ss = app.getActiveSpreadsheet();
    const r = ss.getRange('A1');
    expect(r.getValue()).toBe(1);
    expect(thrown(() => r.setValue(2))).toBe('You do not have permission to call setValue');
    expect(thrown(() => r.setValues([[2]]))).toBe('You do not have permission to call setValues');
    expect(thrown(() => r.setBackground('red'))).toBe(
      'You do not have permission to call setBackground',
    );
    expect(thrown(() => ss.insertSheet('X'))).toBe(
      'You do not have permission to call insertSheet',
    );
    expect(thrown(() => ss.toast('hi'))).toBe('You do not have permission to call toast');
    expect(thrown(() => app.getUi())).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(wb.sheetValues('Sheet1')).toEqual([[1]]);
  });

  it('NONE: the Ui is allowed, any document access throws', () => {
    const { app } = session(Workbook.create(), OWNER, 'NONE');
    expect(app.getUi()).toBe(FAKE_UI);
    expect(thrown(() => app.getActiveSpreadsheet())).toBe(
      'You do not have permission to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: https://www.googleapis.com/auth/spreadsheets.currentonly',
    );
    expect(thrown(() => app.getActiveSheet())).toMatch(/^You do not have permission to call/);
    // Enums and builders need no document.
    expect(app.ProtectionType.RANGE).toBe('RANGE');
  });

  it('LIMITED and FULL read and write', () => {
    const wb = Workbook.create();
    session(wb, OWNER, 'LIMITED').ss.getRange('A1').setValue('limited');
    session(wb, OWNER, 'FULL').ss.getRange('A2').setValue('full');
    expect(wb.sheetValues('Sheet1')).toEqual([['limited'], ['full']]);
  });
});

describe('protections', () => {
  it('blocks other editors from a protected range; the owner and listed editors may write', () => {
    const { wb, ss } = fresh();
    const p = ss.getRange('A1:B2').protect().setDescription('Board only');
    p.removeEditors(p.getEditors());
    p.addEditor('board@example.com');
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([OWNER, 'board@example.com']);

    const bobSession = session(wb, 'bob@example.com');
    const bob = bobSession.ss;
    expect(thrown(() => bob.getRange('B2').setValue(1))).toBe(PROTECTED);
    expect(thrown(() => bob.getRange('A1:C3').clearContent())).toBe(PROTECTED);
    expect(bob.getRange('A1').canEdit()).toBe(false);
    expect(bob.getRange('C3').canEdit()).toBe(true);
    bob.getRange('C3').setValue('fine');
    const bp = bob.getProtections(bobSession.app.ProtectionType.RANGE)[0]!;
    expect(bp.canEdit()).toBe(false);
    expect(bp.getDescription()).toBe('Board only');
    expect(thrown(() => bp.getEditors())).toMatch(/do not have permission/);
    expect(thrown(() => bp.remove())).toMatch(/do not have permission/);

    session(wb, 'board@example.com').ss.getRange('A1').setValue('board');
    ss.getRange('B1').setValue('owner');
    expect(wb.sheetValues('Sheet1', 'A1:C3')).toEqual([
      ['board', 'owner', ''],
      ['', '', ''],
      ['', '', 'fine'],
    ]);
  });

  it('mirrors the file until editors change; warning-only stops no one', () => {
    const { wb, ss } = fresh();
    const p = ss.getRange('A1').protect();
    session(wb, 'carol@example.com').ss.getRange('A1').setValue('mirrors the file');
    p.removeEditors(['carol@example.com']);
    expect(thrown(() => session(wb, 'carol@example.com').ss.getRange('A1').setValue('x'))).toBe(
      PROTECTED,
    );
    p.setWarningOnly(true);
    session(wb, 'carol@example.com').ss.getRange('A1').setValue('warned');
    expect(wb.cell('Sheet1', 'A1').value).toBe('warned');
    expect(wb.protectionInfo()).toEqual([
      {
        kind: 'RANGE',
        sheet: 'Sheet1',
        range: 'A1',
        description: '',
        editors: [OWNER],
        warningOnly: true,
      },
    ]);
  });

  it('protects whole sheets, with unprotected ranges; sheet.protect() returns the existing one', () => {
    const { wb, ss, app } = fresh();
    const sheet = ss.getActiveSheet();
    const p = sheet.protect();
    p.removeEditors(p.getEditors());
    p.setUnprotectedRanges([sheet.getRange('C1:C10')]);
    expect(sheet.protect().getProtectionType()).toBe(app.ProtectionType.SHEET);
    expect(ss.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
    const dan = session(wb, 'dan@example.com').ss;
    expect(thrown(() => dan.getRange('A1').setValue(1))).toBe(PROTECTED);
    expect(thrown(() => dan.getActiveSheet().insertRowsAfter(1, 1))).toBe(PROTECTED);
    dan.getRange('C5').setValue('allowed');
    expect(wb.cell('Sheet1', 'C5').value).toBe('allowed');
    p.remove();
    dan.getRange('A1').setValue(1);
    expect(ss.getProtections(app.ProtectionType.SHEET)).toHaveLength(0);
  });

  it('range.protect() always adds a new protection', () => {
    const { ss, app } = fresh();
    ss.getRange('A1').protect();
    ss.getRange('A1').protect();
    expect(ss.getProtections(app.ProtectionType.RANGE)).toHaveLength(2);
  });

  it('setDomainEdit throws on a consumer (gmail.com) file and works in a Workspace domain', () => {
    // APPS_SCRIPT_FACTS §6: setDomainEdit throws for gmail.com-owned files (no domain to open).
    const consumer = Workbook.create({ owner: 'someone@gmail.com' });
    const p = session(consumer, 'someone@gmail.com').ss.getActiveSheet().protect();
    expect(p.canDomainEdit()).toBe(false); // so Google's sample (if canDomainEdit …) skips it
    expect(thrown(() => p.setDomainEdit(false))).toBe(MSG.noDomain);
    const { ss } = fresh();
    const q = ss.getActiveSheet().protect();
    expect(q.setDomainEdit(false).canDomainEdit()).toBe(false);
  });
});

describe('sheets', () => {
  it('inserts at 0-based indices, activates the new sheet, refuses duplicates', () => {
    const { ss, wb } = fresh();
    const a = ss.insertSheet('Projects');
    expect(ss.getActiveSheet().getName()).toBe('Projects');
    ss.insertSheet('Criteria', 0);
    expect(wb.sheetNames()).toEqual(['Criteria', 'Sheet1', 'Projects']);
    expect(ss.getSheetByName('Criteria')!.getIndex()).toBe(1);
    expect(a.getSheetId()).toBeGreaterThan(0);
    expect(ss.getSheetByName('Sheet1')!.getSheetId()).toBe(0);
    expect(thrown(() => ss.insertSheet('Projects'))).toBe(
      'A sheet with the name "Projects" already exists. Please enter another name.',
    );
    expect(ss.getSheetByName('Nope')).toBeNull();
    expect(ss.insertSheet().getName()).toBe('Sheet4');
    ss.deleteSheet(a);
    expect(wb.sheetNames()).toEqual(['Criteria', 'Sheet1', 'Sheet4']);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Criteria', 'Sheet1', 'Sheet4']);
  });

  it('will not delete the last sheet', () => {
    const { ss } = fresh();
    expect(thrown(() => ss.deleteSheet(ss.getActiveSheet()))).toBe(
      "You can't remove all the sheets in a document.",
    );
  });

  it('duplicates a sheet from a template', () => {
    const { ss, wb } = fresh();
    const s = ss.getActiveSheet();
    s.getRange('A1:B1').setValues([['h', 1]]);
    s.getRange('A1').setBackground('#abcdef').setNote('note');
    s.setFrozenRows(1);
    const copy = ss.insertSheet('Copy', { template: s });
    expect(copy.getRange('A1:B1').getValues()).toEqual([['h', 1]]);
    expect(wb.cell('Copy', 'A1')).toMatchObject({ background: '#abcdef', note: 'note' });
    expect(copy.getFrozenRows()).toBe(1);
  });

  it('keeps frozen rows, widths, tab colour and hidden state', () => {
    const { ss, wb } = fresh();
    const s = ss.getActiveSheet();
    s.setFrozenRows(2);
    s.setFrozenColumns(1);
    s.setColumnWidth(3, 250);
    s.setTabColor('orange');
    s.hideColumns(4, 2);
    expect([s.getFrozenRows(), s.getColumnWidth(3), s.getColumnWidth(1), s.getTabColor()]).toEqual([
      2,
      250,
      100,
      '#ffa500',
    ]);
    expect(wb.sheetInfo('Sheet1')).toMatchObject({
      frozenRows: 2,
      frozenColumns: 1,
      columnWidths: { 3: 250 },
      hiddenColumns: [4, 5],
      tabColor: '#ffa500',
    });
  });

  it('refuses to grow past 10,000,000 cells', () => {
    const { ss, wb } = fresh({ rows: 99_990, columns: 100 });
    const sheet = ss.getActiveSheet();
    expect(wb.totalCells()).toBe(9_999_000);
    expect(thrown(() => ss.insertSheet('Big'))).toBe(
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
    expect(thrown(() => sheet.insertColumnsAfter(100, 1))).toMatch(/above the limit/);
    sheet.deleteRows(1, 9_990);
    sheet.insertColumnsAfter(100, 11);
    expect(wb.totalCells()).toBe(9_990_000);
    expect(thrown(() => sheet.insertRowsAfter(1, 111))).toMatch(/above the limit/);
    expect(sheet.getMaxRows()).toBe(90_000);
  });
});

describe('selection and toasts', () => {
  it('keeps the active sheet and range per user', () => {
    const { wb, ss } = fresh();
    ss.insertSheet('Projects');
    ss.getRange('Projects!B2:C3').activate();
    const eve = session(wb, 'eve@example.com').ss;
    expect(eve.getActiveSheet().getName()).toBe('Sheet1');
    expect(eve.getActiveRange()!.getA1Notation()).toBe('A1');
    expect(ss.getActiveRange()!.getA1Notation()).toBe('B2:C3');
    expect(wb.selection(OWNER)).toEqual({ sheet: 'Projects', range: 'B2:C3', currentCell: 'B2' });
    ss.setActiveSheet(ss.getSheetByName('Sheet1')!);
    expect(ss.getActiveSheet().getName()).toBe('Sheet1');
  });

  it('records toasts with the user', () => {
    const { wb } = fresh();
    session(wb, 'eve@example.com').ss.toast('Scored 40 projects', 'Portfolio Pilot');
    session(wb).ss.toast('Done', 'Portfolio Pilot', 10);
    expect(wb.toasts).toEqual([
      {
        user: 'eve@example.com',
        message: 'Scored 40 projects',
        title: 'Portfolio Pilot',
        timeoutSeconds: null,
      },
      { user: OWNER, message: 'Done', title: 'Portfolio Pilot', timeoutSeconds: 10 },
    ]);
  });

  it('reports the time zone and owner', () => {
    const { ss } = fresh({ timeZone: 'Europe/Paris' });
    expect(ss.getSpreadsheetTimeZone()).toBe('Europe/Paris');
    expect(ss.getOwner()!.getEmail()).toBe(OWNER);
  });
});
