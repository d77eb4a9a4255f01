/**
 * Issue 12, item 2: people edit without the add-on's lock, so rows can move between an action's
 * read and its write. Another editor's edit is made (on the main thread, through onCall) right
 * before the action's Nth service call of its execution in a worker.
 */
import { describe, expect, it } from 'vitest';
import type { ExecutionReport } from '../../emulator';
import { ANA, BOB, click, columnOf, lastAlert, records, world, type World } from './helpers';

/** The first call of the write phase (ensureSize), after the action has read and computed. */
const BEFORE_WRITE = 'Sheet.getMaxRows';

function projects(w: World): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = w.byHand(BOB).getActiveSpreadsheet().getSheetByName('Projects');
  if (!sheet) throw new Error('no Projects');
  return sheet;
}

/** Bob inserts a row at row 3 and types a project into it (and, if given, a Score). */
function insertRow3(w: World, score?: number): void {
  const sheet = projects(w);
  sheet.insertRowBefore(3);
  sheet.getRange('A3:B3').setValues([['NEW', 'Inserted by Bob']]);
  if (score !== undefined) sheet.getRange(`${columnOf(w, 'Projects', 'Score')}3`).setValue(score);
}

/** Runs a menu function as Ana in a worker; `edit` runs right before her `nth` call (counting every call). */
async function runWhile(
  w: World,
  fn: string,
  at: { key: string } | { nth: number },
  edit: () => void,
  args: readonly unknown[] = [],
): Promise<ExecutionReport> {
  let calls = 0;
  let done = false;
  w.ana.answerAlert('OK');
  const [report] = await w.emulator.concurrently([{ user: ANA, fn, args, name: 'ana' }], {
    onCall: (e) => {
      if (e.exec !== 'ana' || done) return;
      calls++;
      if ('key' in at ? e.key === at.key : calls === at.nth) {
        done = true;
        edit();
      }
    },
  });
  if (!report) throw new Error('no report');
  if (report.error) throw report.error;
  return report;
}

/** ID → value of one column. */
function byId(w: World, header: string): Map<string, unknown> {
  return new Map(records(w, 'Projects').map((r) => [String(r.ID), r[header]]));
}

function controlScores(): Map<string, unknown> {
  const c = world({ sample: true });
  click(c.ana, 'Score & rank');
  return byId(c, 'Score');
}

describe('every write lands on the project it was computed for', () => {
  it('a row inserted at row 3 while Score & rank runs: each Score goes to its own project, and Undo takes them back', async () => {
    const expected = controlScores();
    const w = world({ sample: true });
    await runWhile(w, 'menuScore', { key: BEFORE_WRITE }, () => insertRow3(w));
    const got = byId(w, 'Score');
    expect(got.get('NEW')).toBe('');
    for (const [id, score] of expected) expect([id, got.get(id)]).toEqual([id, score]);
    expect(lastAlert(w.ana)?.prompt).toMatch(
      /Projects changed while Score & rank ran \(a row was inserted at row 3\): each result was written on the row of its ID/,
    );
    w.ana.answerAlert('OK');
    w.ana.run('menuUndo');
    expect(records(w, 'Projects').every((p) => p.Score === '' && p.Rank === '')).toBe(true);
    expect(records(w, 'Projects')[1]?.Name).toBe('Inserted by Bob');
  }, 60_000);

  it('keeps what the write replaced: a Score typed into the inserted row is neither overwritten nor lost on Undo', async () => {
    const w = world({ sample: true });
    await runWhile(w, 'menuScore', { key: BEFORE_WRITE }, () => insertRow3(w, 7));
    expect(byId(w, 'Score').get('NEW')).toBe(7);
    w.ana.answerAlert('OK');
    w.ana.run('menuUndo');
    const after = byId(w, 'Score');
    expect(after.get('NEW')).toBe(7);
    expect([...after].filter(([id]) => id !== 'NEW').every(([, s]) => s === '')).toBe(true);
  }, 60_000);

  it('Undo after the rows were sorted restores each project’s own cells', () => {
    const w = world({ sample: true });
    const byIdBefore = (): unknown[] =>
      records(w, 'Projects').sort((a, b) => String(a.ID).localeCompare(String(b.ID)));
    const before = byIdBefore();
    click(w.ana, 'Score & rank');
    const sheet = projects(w);
    sheet
      .getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn())
      .sort({ column: 2, ascending: false });
    w.ana.answerAlert('OK');
    w.ana.run('menuUndo');
    expect(lastAlert(w.ana)?.title ?? '').not.toMatch(/did not run/);
    expect(byIdBefore()).toEqual(before);
    expect(String(records(w, 'Projects')[0]?.ID)).not.toBe(
      String((before[0] as { ID: unknown }).ID),
    );
  });

  it('a value typed into an owned column while the action runs stops it: the cell is named and nothing is written', async () => {
    const w = world({ sample: true });
    const col = columnOf(w, 'Projects', 'Score');
    const id = String(records(w, 'Projects')[3]?.ID);
    await runWhile(w, 'menuScore', { key: BEFORE_WRITE }, () => {
      projects(w).getRange(`${col}5`).setValue(99);
    });
    const alert = lastAlert(w.ana);
    expect(alert?.title).toMatch(/did not run/);
    expect(alert?.prompt).toContain(`Projects!${col}5 (${id}) now "99"`);
    expect(alert?.prompt).toMatch(/Nothing was written, so what was typed is kept/);
    const scores = records(w, 'Projects').map((p) => p.Score);
    expect(scores[3]).toBe(99);
    expect(scores.filter((s) => s !== '')).toEqual([99]);
    expect(records(w, '_Undo').some((r) => r.Action === 'Score & rank')).toBe(false);
  }, 60_000);

  it('a sort while Optimise portfolio runs: Selected and Why stay with their projects', async () => {
    const c = world({ sample: true });
    click(c.ana, 'Optimise portfolio');
    const selected = byId(c, 'Selected');
    const why = byId(c, 'Why');
    const w = world({ sample: true });
    await runWhile(w, 'menuOptimise', { key: BEFORE_WRITE }, () => {
      const sheet = projects(w);
      sheet
        .getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn())
        .sort({ column: 2, ascending: false });
    });
    expect(String(records(w, 'Projects')[0]?.ID)).not.toBe(String(records(c, 'Projects')[0]?.ID));
    expect(byId(w, 'Selected')).toEqual(selected);
    expect(byId(w, 'Why')).toEqual(why);
  }, 60_000);

  it('a row inserted above the project while Record decision writes: the Status goes to that project', async () => {
    const w = world({ sample: true });
    const status = (id: string): unknown => byId(w, 'Status').get(id);
    const was = records(w, 'Projects').map((p): [string, unknown] => [String(p.ID), p.Status]);
    const report = await runWhile(w, 'uiCall', { key: BEFORE_WRITE }, () => insertRow3(w), [
      'record-decision.decide',
      { id: 'P03', status: 'Proposed', decision: 'approve', reason: 'fit' },
    ]);
    expect(JSON.stringify(report.value)).toContain('P03 approved: Proposed → Approved');
    expect(status('P03')).toBe('Approved');
    expect(status('NEW')).toBe('');
    for (const [id, s] of was) if (id !== 'P03') expect([id, status(id)]).toEqual([id, s]);
  }, 60_000);

  it('whenever the row is inserted during the write, no Score lands on another project', async () => {
    const expected = controlScores();
    // Ana's calls: find the span of her Projects writes in a run without an edit.
    const probe = world({ sample: true });
    const keys: string[] = [];
    await probe.emulator.concurrently([{ user: ANA, fn: 'menuScore', name: 'ana' }], {
      onCall: (e) => {
        if (e.exec === 'ana') keys.push(e.key);
      },
    });
    const first = keys.indexOf(BEFORE_WRITE) + 1;
    const last = keys.lastIndexOf('Range.setValues', keys.indexOf('SpreadsheetApp.flush')) + 1;
    const outcomes = new Set<string>();
    for (let nth = first; nth <= last; nth += 2) {
      const w = world({ sample: true });
      await runWhile(w, 'menuScore', { nth }, () => insertRow3(w));
      const got = byId(w, 'Score');
      const refused = lastAlert(w.ana)?.title?.includes('did not run') === true;
      outcomes.add(refused ? 'refused' : 'written');
      expect([nth, got.get('NEW')]).toEqual([nth, '']);
      for (const [id, score] of expected)
        expect([nth, id, got.get(id)]).toEqual([nth, id, refused ? '' : score]);
    }
    // Both ends are exercised: moves before the check (mapped by ID) and during the write (stopped).
    expect([...outcomes].sort()).toEqual(['refused', 'written']);
  }, 300_000);
});
