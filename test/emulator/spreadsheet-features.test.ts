import { describe, expect, it } from 'vitest';
import vm from 'node:vm';
import { createChartsService, createSpreadsheetApp, Workbook } from '../../emulator/spreadsheet';
import { context, fresh, session, thrown } from './spreadsheet-helpers';

describe('formats, notes, merges', () => {
  it('normalises backgrounds to #rrggbb and resets with null', () => {
    const { ss, wb } = fresh();
    const r = ss.getRange('A1:C1');
    expect(r.getBackground()).toBe('#ffffff');
    r.setBackgrounds([['red', '#ABC', 'rgb(1, 2, 255)']]);
    expect(r.getBackgrounds()).toEqual([['#ff0000', '#aabbcc', '#0102ff']]);
    r.setBackground(null);
    expect(r.getBackgrounds()).toEqual([['#ffffff', '#ffffff', '#ffffff']]);
    expect(thrown(() => r.setBackground('not a colour'))).toBe('Invalid color: "not a colour".');
    r.setFontWeight('bold').setFontColor('navy');
    expect(r.getFontWeight()).toBe('bold');
    expect(wb.cell('Sheet1', 'B1').fontColor).toBe('#000080');
    r.setFontWeight(null);
    expect(r.getFontWeights()).toEqual([['normal', 'normal', 'normal']]);
  });

  it('clear() empties contents and formats; clearContent keeps formats; clearFormat keeps number formats', () => {
    const { ss, wb } = fresh();
    const r = ss.getRange('A1');
    r.setValue(0.5).setNumberFormat('0%').setBackground('red').setNote('n');
    r.clearContent();
    expect(wb.cell('Sheet1', 'A1')).toMatchObject({
      value: '',
      numberFormat: '0%',
      background: '#ff0000',
      note: 'n',
    });
    r.setValue(0.5).clearFormat();
    expect(wb.cell('Sheet1', 'A1')).toMatchObject({ numberFormat: '0%', background: '#ffffff' });
    r.clear();
    expect(wb.cell('Sheet1', 'A1')).toMatchObject({
      value: '',
      numberFormat: '0.###############',
      note: 'n',
    });
    r.clear({ commentsOnly: true });
    expect(r.getNote()).toBe('');
  });

  it('sets, reads and removes notes', () => {
    const { ss } = fresh();
    const r = ss.getRange('A1:B1');
    r.setNotes([['first', null]]);
    expect(r.getNotes()).toEqual([['first', '']]);
    r.getCell(1, 1).setNote(null);
    expect(r.getNote()).toBe('');
  });

  it('merges keep the top-left value; isPartOfMerge, getMergedRanges, breakApart', () => {
    const { ss, wb } = fresh();
    ss.getRange('A1:C2').setValues([
      ['keep', 'lost', 'lost'],
      ['lost', 'lost', 'lost'],
    ]);
    ss.getRange('A1:C2').merge();
    ss.getRange('E1:F3').mergeAcross();
    expect(ss.getRange('A1:C2').getValues()).toEqual([
      ['keep', '', ''],
      ['', '', ''],
    ]);
    expect(ss.getRange('B2').isPartOfMerge()).toBe(true);
    expect(ss.getRange('D1').isPartOfMerge()).toBe(false);
    expect(
      ss
        .getRange('A1:F3')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1:C2', 'E1:F1', 'E2:F2', 'E3:F3']);
    expect(thrown(() => ss.getRange('B2:D2').merge())).toBe(
      'You must select all cells in a merged range to merge or unmerge them.',
    );
    ss.getRange('A1:C2').breakApart();
    expect(wb.sheetInfo('Sheet1').merges).toEqual(['E1:F1', 'E2:F2', 'E3:F3']);
  });
});

describe('data validation', () => {
  it('reads rules back as built', () => {
    const { ss, app } = fresh();
    const rule = app
      .newDataValidation()
      .requireValueInList(['Proposed', 'Approved'], true)
      .setAllowInvalid(false)
      .setHelpText('Pick a status')
      .build();
    ss.getRange('B2:B100').setDataValidation(rule);
    const back = ss.getRange('B50').getDataValidation()!;
    expect(back.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
    expect(back.getCriteriaValues()).toEqual([['Proposed', 'Approved'], true]);
    expect(back.getHelpText()).toBe('Pick a status');
    expect(back.getAllowInvalid()).toBe(false);
    expect(ss.getRange('B101').getDataValidation()).toBeNull();

    const numbers = app.newDataValidation().requireNumberBetween(0, 100).build();
    expect([
      numbers.getCriteriaType(),
      numbers.getCriteriaValues(),
      numbers.getAllowInvalid(),
    ]).toEqual(['NUMBER_BETWEEN', [0, 100], true]);
    expect(app.newDataValidation().requireCheckbox().build().getHelpText()).toBeNull();
    const src = ss.getRange('Z1:Z5');
    const inRange = app.newDataValidation().requireValueInRange(src, false).build();
    const [range, dropdown] = inRange.getCriteriaValues() as [
      GoogleAppsScript.Spreadsheet.Range,
      boolean,
    ];
    expect([range.getA1Notation(), dropdown]).toEqual(['Z1:Z5', false]);
    const copy = back.copy().setAllowInvalid(true).build();
    expect([copy.getCriteriaType(), copy.getAllowInvalid()]).toEqual(['VALUE_IN_LIST', true]);
  });

  it('refuses a write a rejecting rule does not allow; warning rules let it through', () => {
    const { ss, app, wb } = fresh();
    ss.getRange('A1:A10').setDataValidation(
      app.newDataValidation().requireValueInList(['In', 'Out']).setAllowInvalid(false).build(),
    );
    ss.getRange('B1:B10').setDataValidation(
      app.newDataValidation().requireNumberBetween(0, 1).setAllowInvalid(false).build(),
    );
    ss.getRange('C1').setDataValidation(app.newDataValidation().requireNumberBetween(0, 1).build());
    ss.getRange('A1:B2').setValues([
      ['In', 0.5],
      ['', 1],
    ]);
    expect(thrown(() => ss.getRange('A3:B3').setValues([['Maybe', 0]]))).toBe(
      'The data you entered in cell A3 violates the data validation rules set on this cell.',
    );
    expect(thrown(() => ss.getRange('B4').setValue('150%'))).toBe(
      'The data you entered in cell B4 violates the data validation rules set on this cell.',
    );
    ss.getRange('B4').setValue('40%');
    ss.getRange('C1').setValue(7);
    expect(wb.sheetValues('Sheet1', 'A3:C4')).toEqual([
      ['', '', ''],
      ['', 0.4, ''],
    ]);
    expect(ss.getRange('C1').getValue()).toBe(7);
  });

  it('insertCheckboxes sets a CHECKBOX rule and FALSE', () => {
    const { ss } = fresh();
    const r = ss.getRange('A1:A2').insertCheckboxes();
    expect(r.getValues()).toEqual([[false], [false]]);
    expect(r.getDataValidation()!.getCriteriaType()).toBe('CHECKBOX');
    expect(r.isChecked()).toBe(false);
    r.getCell(1, 1).check();
    expect(r.isChecked()).toBeNull();
  });
});

describe('conditional format rules', () => {
  it('reads boolean and gradient rules back, and evaluates them for a heat map', () => {
    const { ss, app, wb } = fresh();
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:A4').setValues([[0.5], [0.9], [1.2], ['']]);
    const range = sheet.getRange('A1:A4');
    const red = app
      .newConditionalFormatRule()
      .whenNumberGreaterThan(1)
      .setBackground('#F4CCCC')
      .setRanges([range])
      .build();
    const amber = app
      .newConditionalFormatRule()
      .whenNumberGreaterThan(0.85)
      .setBackground('#fce8b2')
      .setFontColor('black')
      .setRanges([range])
      .build();
    const rules = sheet.getConditionalFormatRules();
    rules.push(red, amber);
    sheet.setConditionalFormatRules(rules);

    const back = sheet.getConditionalFormatRules();
    expect(back).toHaveLength(2);
    const cond = back[0]!.getBooleanCondition()!;
    expect([cond.getCriteriaType(), cond.getCriteriaValues(), cond.getBackground()]).toEqual([
      'NUMBER_GREATER_THAN',
      [1],
      '#f4cccc',
    ]);
    expect(back[1]!.getBooleanCondition()!.getFontColor()).toBe('#000000');
    expect(back[0]!.getGradientCondition()).toBeNull();
    expect(back[0]!.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:A4']);
    expect(['A1', 'A2', 'A3', 'A4'].map((a) => wb.effectiveBackground('Sheet1', a))).toEqual([
      '#ffffff',
      '#fce8b2',
      '#f4cccc',
      '#ffffff',
    ]);

    const gradient = app
      .newConditionalFormatRule()
      .setGradientMinpoint('#ffffff')
      .setGradientMaxpointWithValue('#ff0000', app.InterpolationType.NUMBER, '2')
      .setRanges([sheet.getRange('C1:C3')])
      .build();
    sheet.setConditionalFormatRules([gradient]);
    const g = sheet.getConditionalFormatRules()[0]!.getGradientCondition()!;
    expect([
      g.getMinColor(),
      g.getMinType(),
      g.getMaxColor(),
      g.getMaxType(),
      g.getMaxValue(),
    ]).toEqual(['#ffffff', 'MIN', '#ff0000', 'NUMBER', '2']);
    expect(g.getMidType()).toBeNull();
    sheet.getRange('C1:C3').setValues([[0], [1], [2]]);
    expect(wb.effectiveBackground('Sheet1', 'C2')).toBe('#ff8080');
    expect(wb.conditionalFormats('Sheet1')).toHaveLength(1);
  });

  it('moves rule ranges when rows are inserted', () => {
    const { ss, app } = fresh();
    const sheet = ss.getActiveSheet();
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenCellEmpty()
        .setBackground('red')
        .setRanges([sheet.getRange('B2:B5')])
        .build(),
    ]);
    sheet.insertRowsBefore(1, 2);
    expect(sheet.getConditionalFormatRules()[0]!.getRanges()[0]!.getA1Notation()).toBe('B4:B7');
  });
});

describe('named ranges', () => {
  it('sets, finds, lists and removes names; they follow inserted rows', () => {
    const { ss, wb } = fresh();
    const sheet = ss.insertSheet('Tax rates');
    ss.setNamedRange('TaxRates', sheet.getRange('A2:B5'));
    expect(ss.getRangeByName('TaxRates')!.getA1Notation()).toBe('A2:B5');
    expect(ss.getRangeByName('Tax rates!TaxRates')!.getA1Notation()).toBe('A2:B5');
    expect(ss.getRangeByName('Nope')).toBeNull();
    expect(ss.getNamedRanges().map((n) => n.getName())).toEqual(['TaxRates']);
    sheet.insertRowsBefore(1, 1);
    expect(wb.namedRanges()).toEqual({ TaxRates: "'Tax rates'!A3:B6" });
    expect(thrown(() => ss.setNamedRange('1bad', sheet.getRange('A1')))).toMatch(
      /^Invalid named range name "1bad"/,
    );
    expect(thrown(() => ss.setNamedRange('A1', sheet.getRange('A1')))).toMatch(
      /^Invalid named range name/,
    );
    ss.removeNamedRange('TaxRates');
    expect(ss.getRangeByName('TaxRates')).toBeNull();
    expect(thrown(() => ss.removeNamedRange('TaxRates'))).toBe('Named range "TaxRates" not found.');
  });
});

describe('charts', () => {
  it('builds, inserts, reads, updates and removes embedded charts', () => {
    const wb = fresh().wb;
    const ctx = context();
    const { app } = session(wb);
    const Charts = createChartsService(ctx);
    expect(Object.keys(Charts.ChartType).sort()).toEqual(
      [
        'AREA',
        'BAR',
        'BUBBLE',
        'CANDLESTICK',
        'COLUMN',
        'COMBO',
        'GAUGE',
        'GEO',
        'HISTOGRAM',
        'LINE',
        'ORG',
        'PIE',
        'RADAR',
        'SCATTER',
        'SPARKLINE',
        'STEPPED_AREA',
        'TABLE',
        'TIMELINE',
        'TREEMAP',
        'WATERFALL',
      ].sort(),
    );
    const sheet = app.getActiveSpreadsheet().getActiveSheet();
    const draft = sheet
      .newChart()
      .setChartType(Charts.ChartType.COLUMN)
      .addRange(sheet.getRange('A1:B10'))
      .setPosition(2, 5, 10, 20)
      .setOption('title', 'Capacity')
      .build();
    expect(draft.getChartId()).toBeNull();
    sheet.insertChart(draft);
    const [chart] = sheet.getCharts();
    expect(chart!.getChartId()).toBe(1);
    expect(chart!.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B10']);
    expect(chart!.getOptions().get('title')).toBe('Capacity');
    expect(chart!.getContainerInfo().getAnchorColumn()).toBe(5);
    sheet.updateChart(chart!.modify().asLineChart().setOption('title', 'Load').build());
    expect(wb.charts('Sheet1')).toEqual([
      {
        id: 1,
        type: 'LINE',
        ranges: ['Sheet1!A1:B10'],
        position: { anchorRow: 2, anchorColumn: 5, offsetX: 10, offsetY: 20 },
        options: { title: 'Load' },
        numHeaders: -1,
        transpose: false,
      },
    ]);
    sheet.removeChart(sheet.getCharts()[0]!);
    expect(wb.charts('Sheet1')).toEqual([]);
  });
});

describe('colour objects', () => {
  it('reads and sets colours through Color objects', () => {
    const { ss, app, wb } = fresh();
    const r = ss.getRange('A1');
    r.setBackground('teal').setFontColor('#F00');
    expect(r.getBackgroundObject().asRgbColor().asHexString()).toBe('#008080');
    expect(r.getFontColorObject().asRgbColor().getRed()).toBe(255);
    r.setBackgroundObject(app.newColor().setRgbColor('#123456').build());
    expect(wb.cell('Sheet1', 'A1').background).toBe('#123456');
  });
});

describe('copy, move, sort', () => {
  it('copyTo copies values, formulas and formats; PASTE_VALUES copies results only', () => {
    const { ss, wb, app } = fresh();
    ss.getRange('A1:B2').setValues([
      [1, '=SUM(A1:A2)'],
      [2, 'x'],
    ]);
    ss.getRange('A1').setBackground('red');
    ss.getRange('A1:B2').copyTo(ss.getRange('D1'));
    expect(wb.sheetFormulas('Sheet1', 'D1:E2')).toEqual([
      ['', '=SUM(A1:A2)'],
      ['', ''],
    ]);
    expect(wb.cell('Sheet1', 'D1').background).toBe('#ff0000');
    ss.getRange('A1:B2').copyTo(ss.getRange('G1'), app.CopyPasteType.PASTE_VALUES, false);
    expect(wb.sheetFormulas('Sheet1', 'G1:H1')).toEqual([['', '']]);
    expect(wb.sheetValues('Sheet1', 'G1:H2')).toEqual([
      [1, 3],
      [2, 'x'],
    ]);
    expect(wb.cell('Sheet1', 'G1').background).toBe('#ffffff');
  });

  it('moveTo moves and clears what it left behind (overlapping too)', () => {
    const { ss, wb } = fresh();
    ss.getRange('A1:A3').setValues([[1], [2], [3]]);
    ss.getRange('A1:A3').moveTo(ss.getRange('A2'));
    expect(wb.sheetValues('Sheet1', 'A1:A4')).toEqual([[''], [1], [2], [3]]);
  });

  it('sorts rows by a column, blanks last, formats moving with their row', () => {
    const { ss, wb } = fresh();
    ss.getRange('A1:B4').setValues([
      ['b', 2],
      ['', 9],
      ['a', 3],
      ['C', 1],
    ]);
    ss.getRange('A3').setBackground('yellow');
    ss.getRange('A1:B4').sort(1);
    expect(wb.sheetValues('Sheet1', 'A1:B4')).toEqual([
      ['a', 3],
      ['b', 2],
      ['C', 1],
      ['', 9],
    ]);
    expect(wb.cell('Sheet1', 'A1').background).toBe('#ffff00');
    ss.getRange('A1:B4').sort({ column: 2, ascending: false });
    expect(wb.sheetValues('Sheet1', 'B1:B4').map((r) => r[0])).toEqual([9, 3, 2, 1]);
  });
});

describe('dates in the script realm', () => {
  it('makes Dates with the given factory so the bundle realm sees instanceof Date', () => {
    const wb = Workbook.create();
    const OtherDate = vm.runInNewContext('Date') as DateConstructor;
    const app = createSpreadsheetApp(wb, context(), { newDate: (ms) => new OtherDate(ms) });
    const r = app.getActiveSpreadsheet().getRange('A1');
    r.setValue('2027-01-15');
    const v = r.getValue() as Date;
    expect(v instanceof OtherDate).toBe(true);
    expect(v instanceof Date).toBe(false);
    expect(v.getTime()).toBe(Date.UTC(2027, 0, 15));
    // A Date of the other realm is written as a date too.
    r.setValue(new OtherDate(Date.UTC(2027, 5, 1)));
    expect((r.getValues()[0]![0] as Date).getTime()).toBe(Date.UTC(2027, 5, 1));
  });
});
