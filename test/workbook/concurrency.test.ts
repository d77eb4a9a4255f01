import { describe, expect, it } from 'vitest';
import type { ExecutionReport } from '../../emulator';
import { ANA, BOB, columnOf, lockContention, records, world } from './helpers';

function ok(reports: readonly ExecutionReport[]): void {
  for (const r of reports) if (r.error) throw r.error;
}

describe('two users at once', () => {
  it("lose nothing: the second action waits for the first one's document lock, then reads afresh", async () => {
    const w = world({ sample: true });
    w.emulator.as(BOB);
    const order: string[] = [];
    // Bob starts Check capacity while Ana's Score & rank holds the lock and is writing.
    const reports = await w.emulator.concurrently(
      [
        { user: ANA, fn: 'menuScore', name: 'ana' },
        { user: BOB, fn: 'menuCapacity', name: 'bob' },
      ],
      lockContention(order),
    );
    ok(reports);
    const [ana, bob] = reports;
    // Bob asked for the lock while Ana held it; he read nothing until she had written everything.
    expect((bob?.endedAt ?? 0) >= (ana?.endedAt ?? 0)).toBe(true);
    const lastAnaWrite = order.lastIndexOf('ana Range.setValues');
    const firstBobRead = order.indexOf('bob Range.getValues');
    expect(order.indexOf('bob Lock.tryLock')).toBeLessThan(lastAnaWrite);
    expect(firstBobRead).toBeGreaterThan(lastAnaWrite);
    expect(records(w, 'Projects').every((p) => typeof p.Score === 'number')).toBe(true);
    expect(w.workbook.sheetNames()).toContain('Utilization');
    const log = records(w, 'Log').slice(-2);
    expect(log.map((l) => [l.User, l.Action])).toEqual([
      [ANA, 'Score & rank'],
      [BOB, 'Check capacity'],
    ]);
    // Both can undo their own action.
    w.emulator.as(BOB).run('menuUndo');
    expect(w.workbook.sheetNames()).not.toContain('Utilization');
    w.emulator.as(ANA).run('menuUndo');
    expect(records(w, 'Projects').every((p) => p.Score === '')).toBe(true);
  }, 60_000);

  it('refuses an undo that would overwrite what someone changed since', () => {
    const w = world({ sample: true });
    w.ana.run('menuScore');
    w.workbook.setValues('Projects', 'A2', [['P01-renamed']]); // not an owned cell: undo does not touch it
    const col = columnOf(w, 'Projects', 'Score');
    w.byHand(BOB)
      .getActiveSpreadsheet()
      .getSheetByName('Projects')
      ?.getRange(`${col}3`)
      .setValue(99);
    w.ana.answerAlert('OK');
    w.ana.run('menuUndo');
    const alert = w.ana.dialogs[w.ana.dialogs.length - 1];
    expect(alert?.prompt).toMatch(
      new RegExp(`Cannot undo "Score & rank".*changed since \\(in Projects!${col}2:[A-Z]+43\\)`),
    );
    expect(w.workbook.sheetValues('Projects', `${col}3`)).toEqual([[99]]);
  });
});

describe('releasing the document lock', () => {
  it('commits every pending write (SpreadsheetApp.flush) before the next user can take the lock', async () => {
    // Lock docs: with a spreadsheet, call SpreadsheetApp.flush() before releaseLock() so that
    // pending changes are committed while the lock is still held.
    const w = world({ sample: true });
    const order: string[] = [];
    const reports = await w.emulator.concurrently([{ user: ANA, fn: 'menuScore' }], {
      onCall: (e) => {
        order.push(e.key);
      },
    });
    ok(reports);
    const release = order.lastIndexOf('Lock.releaseLock');
    expect(release).toBeGreaterThan(-1);
    const lastWrite = order.lastIndexOf('Range.setValues');
    const flush = order.lastIndexOf('SpreadsheetApp.flush');
    expect(flush).toBeGreaterThan(lastWrite);
    expect(flush).toBeLessThan(release);
  }, 60_000);
});
