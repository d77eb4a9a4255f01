import { describe, expect, it } from 'vitest';
import { createHarness } from '../../emulator';
import { ANA, BOB, click, lastAlert, lastToast, world } from './helpers';
import { setSetting } from './governance-helpers';

const BOARD = ['cfo@example.com', 'vp.sales@example.com'];
const OWNER = 'owner@example.com';

/** Writes a weight on Criteria as `email` would by hand; returns the error text, or '' if it worked. */
function editWeight(w: ReturnType<typeof world>, email: string): string {
  const sheet = w.byHand(email).getActiveSpreadsheet().getSheetByName('Criteria');
  try {
    sheet?.getRange('C2').setValue(0.5);
    return '';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function shared(): ReturnType<typeof world> {
  const w = world({ sample: true });
  for (const e of [ANA, BOB, ...BOARD]) w.workbook.addEditor(e);
  return w;
}

describe('Lock scoring model', () => {
  it('protects Criteria and Pairwise so only the board (plus the owner and whoever locks) can edit', () => {
    const w = shared();
    setSetting(w, 'Board members', BOARD.join(', '));
    click(w.ana, 'Lock scoring model');
    const locks = w.workbook.protectionInfo();
    expect(locks.map((p) => [p.kind, p.sheet, p.warningOnly])).toEqual([
      ['SHEET', 'Criteria', false],
      ['SHEET', 'Pairwise', false],
      ['SHEET', 'Settings', false],
    ]);
    for (const p of locks) {
      expect(new Set(p.editors)).toEqual(new Set([...BOARD, ANA, OWNER]));
      expect(p.description).toMatch(/^Portfolio Pilot: the scoring model/);
    }
    expect(editWeight(w, BOB)).not.toBe('');
    expect(editWeight(w, BOARD[0] as string)).toBe('');
    expect(editWeight(w, OWNER)).toBe('');
    expect(lastToast(w.ana)).toMatch(
      /^Locked Criteria, Pairwise and Settings: only the board \(cfo@example\.com, vp\.sales@example\.com\) can edit them\. In Settings only Stale after \(days\), Rank move threshold and Overlap threshold stay open to every editor\. Sheets also keeps owner@example\.com and ana@example\.com/,
    );

    // Running it again with a changed board updates the same protections.
    setSetting(w, 'Board members', BOARD[1]);
    click(w.ana, 'Lock scoring model');
    const again = w.workbook.protectionInfo();
    expect(again).toHaveLength(3);
    for (const p of again) expect(new Set(p.editors)).toEqual(new Set([BOARD[1], ANA, OWNER]));
    expect(editWeight(w, BOARD[0] as string)).not.toBe('');
  });

  it('protects the board list and the settings that steer scoring and selection, not the review thresholds', () => {
    const w = shared();
    setSetting(w, 'Board members', BOARD.join(', '));
    click(w.ana, 'Lock scoring model');
    const settings = w.workbook.sheetValues('Settings').map((r) => String(r[0]));
    /** Bob types into a Settings Value cell by hand; the error, or '' if it worked. */
    const type = (name: string, value: unknown): string => {
      const row = settings.indexOf(name) + 1;
      const sheet = w.byHand(BOB).getActiveSpreadsheet().getSheetByName('Settings');
      try {
        sheet?.getRange(row, 2).setValue(value);
        return '';
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
    };
    for (const name of [
      'Board members',
      'Weights from',
      'Scoring framework',
      'Framework columns',
      'Budget',
      'Budget per month',
      'Balance rules',
      'Objective',
      'Time limit (seconds)',
      'Engine',
    ])
      expect(type(name, 'bob@example.com'), name).not.toBe('');
    for (const name of ['Stale after (days)', 'Rank move threshold', 'Overlap threshold'])
      expect(type(name, 5), name).toBe('');
    // Nor can Bob add a second "Board members" row below the others.
    const sheet = w.byHand(BOB).getActiveSpreadsheet().getSheetByName('Settings');
    expect(() =>
      sheet?.getRange(settings.length + 1, 1, 1, 2).setValues([['Board members', BOB]]),
    ).toThrow();
  });

  it('protects with a warning only when Settings names no board member, and says why', () => {
    const w = shared();
    click(w.ana, 'Lock scoring model');
    const locks = w.workbook.protectionInfo();
    expect(locks.map((p) => [p.sheet, p.warningOnly])).toEqual([
      ['Criteria', true],
      ['Pairwise', true],
      ['Settings', true],
    ]);
    expect(editWeight(w, BOB)).toBe('');
    expect(lastAlert(w.ana)?.prompt).toMatch(
      /warning only.*Why: Settings → Board members is empty/s,
    );
  });

  it('locks a consumer (gmail.com) file too, where Sheets has no domain editing to turn off', () => {
    const h = createHarness({ owner: 'owner@gmail.com' });
    const owner = h.emulator.as('owner@gmail.com');
    owner.open();
    for (const c of ['Set up workbook', 'Load sample portfolio']) click(owner, c);
    setSetting({ ...h, ana: owner }, 'Board members', BOARD.join(', '));
    click(owner, 'Lock scoring model');
    expect(h.workbook.protectionInfo().map((p) => [p.sheet, p.warningOnly])).toEqual([
      ['Criteria', false],
      ['Pairwise', false],
      ['Settings', false],
    ]);
    expect(lastToast(owner)).toMatch(/^Locked Criteria, Pairwise and Settings: only the board/);
  });

  it('refuses, changing nothing, when the user may not edit the lock', () => {
    const w = shared();
    setSetting(w, 'Board members', BOARD.join(', '));
    click(w.ana, 'Lock scoring model');
    const before = w.workbook.protectionInfo();
    const bob = w.emulator.as(BOB);
    bob.open();
    bob.answerAlert('OK');
    bob.clickMenu('Portfolio Pilot', 'Lock scoring model');
    expect(lastAlert(bob)?.title).toMatch(/did not run/);
    expect(lastAlert(bob)?.prompt).toMatch(
      /^Criteria is already protected and you are not one of its editors/,
    );
    expect(w.workbook.protectionInfo()).toEqual(before);
  });
});
