/** After an action is done, a Log it cannot write is said, never reported as "nothing changed". */
import { describe, expect, it } from 'vitest';
import { ANA, BOB, lastAlert, records, world } from './helpers';

describe('an action whose Log line cannot be written', () => {
  it('keeps its result and says that only the Log line is missing', () => {
    const w = world({ sample: true });
    for (const e of [ANA, BOB]) w.workbook.addEditor(e);
    const log = w.byHand(w.workbook.owner).getActiveSpreadsheet().getSheetByName('Log');
    log?.protect().removeEditors([ANA, BOB]);
    const logRows = w.workbook.sheetValues('Log').length;
    const bob = w.emulator.as(BOB);
    bob.open();
    bob.answerAlert('OK');
    bob.clickMenu('Portfolio Pilot', 'Score & rank');
    expect(bob.lastExecution?.error).toBeUndefined();
    expect(records(w, 'Projects').every((p) => typeof p.Score === 'number')).toBe(true);
    expect(w.workbook.sheetValues('Log')).toHaveLength(logRows);
    const alert = lastAlert(bob)?.prompt ?? '';
    expect(alert).toMatch(/Score & rank was done, but the Log sheet could not be written/);
    expect(alert).not.toMatch(/Nothing was changed/);
    expect(lastAlert(w.ana)).toBeUndefined();
  });
});
