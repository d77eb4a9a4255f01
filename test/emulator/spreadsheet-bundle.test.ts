/**
 * The emulated sheet evaluating the real custom functions of dist/Code.js, as the runtime will
 * wire it: formulas typed into cells call the bundle through the custom-function host.
 */
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../emulator/bundle';
import { UnknownFunctionError, Workbook } from '../../emulator/spreadsheet';
import { session } from './spreadsheet-helpers';

function withBundle(wb: Workbook): void {
  const bundle = loadBundle();
  wb.setCustomFunctionHost((name, args) => {
    if (typeof bundle.context[name] !== 'function') throw new UnknownFunctionError(name);
    return bundle.call(name, ...args);
  });
}

describe('custom functions of the built bundle in emulated cells', () => {
  it('PRIORITY over an open range spills scores; PPM_RANK ranks them', () => {
    const wb = Workbook.create({ rows: 8, columns: 8 });
    withBundle(wb);
    const { ss } = session(wb);
    ss.getRange('A1:E1').setValues([['Reach', 'Value', 'Score', 'Rank', '']]);
    ss.getRange('F1:G1').setValues([[1, 1]]);
    ss.getRange('A2:B4').setValues([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    ss.getRange('C2').setFormula('=PRIORITY(A2:B, F1:G1)');
    ss.getRange('D2').setFormula('=PPM_RANK(C2:C)');
    // Min-max per criterion: rows score 0, 50 and 100; blank rows stay blank.
    expect(ss.getRange('C2:D8').getValues()).toEqual([
      [0, 3],
      [50, 2],
      [100, 1],
      ['', ''],
      ['', ''],
      ['', ''],
      ['', ''],
    ]);
    // Weights 3:1 (0.75, 0.25); B3 = 5 makes Value run 5..30 and Reach 1..3:
    // row 2: 100 × (0.75 × 0 + 0.25 × 5/25) = 5; row 3: 100 × 0.75 × 0.5 = 37.5; row 4: 100.
    ss.getRange('F1').setValue(3);
    ss.getRange('B3').setValue(5);
    expect(ss.getRange('C2:D4').getValues()).toEqual([
      [5, 3],
      [37.5, 2],
      [100, 1],
    ]);
  });

  it('shows a thrown error as #ERROR! with the function’s message', () => {
    const wb = Workbook.create({ rows: 5, columns: 5 });
    withBundle(wb);
    const { ss } = session(wb);
    ss.getRange('A1:B2').setValues([
      [1, 2],
      [3, 4],
    ]);
    ss.getRange('D1:E1').setValues([[-1, 1]]);
    ss.getRange('C1').setFormula('=PRIORITY(A1:B2, D1:E1)');
    expect(ss.getRange('C1').getValue()).toBe('#ERROR!');
    expect(wb.cell('Sheet1', 'C1').error?.message).toMatch(/^PRIORITY: .*weights/);
    ss.getRange('C3').setFormula('=NOT_A_FUNCTION(A1)');
    expect(ss.getRange('C3').getValue()).toBe('#NAME?');
  });
});
