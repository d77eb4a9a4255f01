/** Issue 12, item 3: Undo respects other people's work, and does not trust an edited journal. */
import { describe, expect, it } from 'vitest';
import { blockHash, storeBlock } from '../../src/sheets/stored-cells';
import { ANA, BOB, lastAlert, records, world, type World } from './helpers';

function undoAs(w: World, user: string): { title: string | null; prompt: string } | undefined {
  const u = w.emulator.as(user);
  const shown = u.dialogs.length;
  u.answerAlert('OK');
  u.run('menuUndo');
  u.clearResponses();
  return u.dialogs.length > shown ? lastAlert(u) : undefined;
}

function scores(w: World): unknown[] {
  return records(w, 'Projects').map((p) => p.Score);
}

/** The _Undo rows as written (header first). */
function journal(w: World): unknown[][] {
  return w.workbook.sheetValues('_Undo');
}

describe('Undo never reverts another user’s later action', () => {
  it('Ana scored, Bob scored the same: Ana’s Undo is refused naming Bob; Bob’s works, then Ana’s', () => {
    const w = world({ sample: true });
    w.ana.run('menuScore');
    const scored = scores(w);
    w.emulator.as(BOB).run('menuScore');
    expect(scores(w)).toEqual(scored);

    const refused = undoAs(w, ANA);
    expect(refused?.title).toMatch(/did not run/);
    expect(refused?.prompt).toMatch(
      new RegExp(
        `Cannot undo "Score & rank" \\(.* UTC\\): ${BOB} ran "Score & rank" at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, after it, and changed the same cells \\(Projects!`,
      ),
    );
    expect(scores(w)).toEqual(scored);

    expect(undoAs(w, BOB)?.title ?? '').not.toMatch(/did not run/);
    expect(scores(w)).toEqual(scored); // back to what Ana's action left
    expect(undoAs(w, ANA)?.title ?? '').not.toMatch(/did not run/);
    expect(scores(w).every((s) => s === '')).toBe(true);
  });

  it('an action of someone else on other cells does not block Undo', () => {
    const w = world({ sample: true });
    w.ana.run('menuScore');
    w.emulator.as(BOB).run('menuCapacity');
    expect(undoAs(w, ANA)?.title ?? '').not.toMatch(/did not run/);
    expect(scores(w).every((s) => s === '')).toBe(true);
    expect(w.workbook.sheetNames()).toContain('Utilization');
  });
});

describe('the journal is checked before it is used', () => {
  it('refuses a forged entry that would write into Criteria', () => {
    const w = world({ sample: true });
    const criteria = w.workbook.sheetValues('Criteria', 'A2:A2');
    // Bob (any editor) appends an entry in Ana's name that "restores" Criteria!A2 to HACKED, with
    // the fingerprint of what A2 holds now, as an entry Portfolio Pilot wrote would have.
    const record = {
      action: 'Score & rank',
      user: ANA,
      time: new Date().toISOString(),
      changes: [
        {
          sheet: 'Criteria',
          row: 2,
          col: 1,
          before: [['HACKED']],
          afterHash: blockHash(storeBlock(criteria)),
        },
      ],
      created: [],
    };
    const rows = journal(w).length;
    w.byHand(BOB)
      .getActiveSpreadsheet()
      .getSheetByName('_Undo')
      ?.getRange(rows + 1, 1, 1, 7)
      .setValues([
        ['forged', record.time, ANA, 'Score & rank', 1, 1, `~${JSON.stringify(record)}`],
      ]);

    const alert = undoAs(w, ANA);
    expect(alert?.title).toMatch(/did not run/);
    expect(alert?.prompt).toMatch(
      new RegExp(
        `The undo journal entry for "Score & rank" \\(sheet _Undo, row ${String(rows + 1)}\\) carries no seal of Portfolio Pilot \\(it was not written by Portfolio Pilot.*\\), so it is not used: nothing was changed`,
      ),
    );
    expect(w.workbook.sheetValues('Criteria', 'A2:A2')).toEqual(criteria);
  });

  it('refuses an entry edited after it was written', () => {
    const w = world({ sample: true });
    w.ana.run('menuScore');
    const rows = journal(w);
    const last = rows.length;
    const data = String(rows[last - 1]?.[6]);
    // Still valid JSON of the right shape: only the "before" of the first Score cell is changed.
    const edited = data.replace('"before":[[""', '"before":[["edited"');
    expect(edited).not.toBe(data);
    w.workbook.setValues('_Undo', `G${String(last)}`, [[edited]]);
    const alert = undoAs(w, ANA);
    expect(alert?.prompt).toMatch(/was changed after Portfolio Pilot wrote it, so it is not used/);
    expect(scores(w).every((s) => typeof s === 'number')).toBe(true);
  });
});
