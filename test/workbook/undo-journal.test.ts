import { describe, expect, it } from 'vitest';
import { ANA, click, lastAlert, world } from './helpers';

/** The _Undo sheet's Data column (G) of its last row, as stored ("~" + a JSON chunk). */
function lastChunk(w: ReturnType<typeof world>): { row: number; data: string } {
  const rows = w.workbook.sheetValues('_Undo');
  return { row: rows.length, data: String(rows[rows.length - 1]?.[6]) };
}

describe('Undo last action with a damaged journal', () => {
  it('says the entry is damaged (a SheetError the user can read) when its JSON is cut short', () => {
    const w = world({ sample: true });
    click(w.ana, 'Score & rank');
    const { row, data } = lastChunk(w);
    w.workbook.setValues('_Undo', `G${row}`, [[data.slice(0, data.length - 20)]]);
    w.ana.answerAlert('OK');
    w.emulator.as(ANA).run('menuUndo');
    const alert = lastAlert(w.ana);
    expect(alert?.prompt).toMatch(/undo journal entry for "Score & rank" is damaged/);
    expect(alert?.prompt).not.toMatch(/Something went wrong/);
  });

  it('says the entry is damaged when one of its parts is missing', () => {
    const w = world({ sample: true });
    click(w.ana, 'Score & rank');
    const { row } = lastChunk(w);
    // A record of one part that claims two: the second part is missing.
    w.workbook.setValues('_Undo', `F${row}`, [[2]]);
    w.ana.answerAlert('OK');
    w.emulator.as(ANA).run('menuUndo');
    expect(lastAlert(w.ana)?.prompt).toMatch(/undo journal entry for "Score & rank" is damaged/);
  });
});
