/**
 * The two dialogs in Chromium at the size the add-on opens them: Record decision… (choose a
 * decision, give a reason, record it) and Explain score (the numbers for the selected row).
 */
import { describe, expect, it } from 'vitest';
import { rowOf } from '../workbook/governance-helpers';
import { ANA, records, world } from '../workbook/helpers';
import { haveChromium, useBrowser, openDialog } from './harness';

describe.runIf(haveChromium())('Dialogs in Chromium', () => {
  const browser = useBrowser();

  it('records a decision for the selected project', async () => {
    const w = world({ sample: true });
    const id = String(records(w, 'Projects').find((p) => p.Status === 'Proposed')?.ID);
    w.byHand(ANA)
      .getActiveSpreadsheet()
      .getSheetByName('Projects')
      ?.getRange(`B${rowOf(w, id)}`)
      .activate();
    const s = await openDialog(browser(), w.ana, 'Record decision…');
    await s.idle();
    // Every move the stage flow allows from Proposed is a choice, In review included.
    const p = s.page;
    const choices = await p.locator('label.option').allTextContents();
    expect(choices.map((c) => c.trim())).toEqual([
      'Send to review → In review',
      'Approve → Approved',
      'Defer (put on hold) → On hold',
      'Reject → Rejected',
    ]);
    await expect(p.locator('#not-allowed').textContent()).resolves.toBe(
      'The stage flow does not go from Proposed to Active, Done or Stopped.',
    );
    await s.screenshot('record-decision');
    await p.getByRole('button', { name: /Record/ }).click();
    await s.idle();
    await s.screenshot('record-decision-errors');
    await p.getByRole('radio', { name: 'Send to review → In review' }).check();
    await p.getByLabel('Reason').fill('Needs the board to compare it with P21');
    await p.getByRole('button', { name: /Record/ }).click();
    await s.idle();
    await expect(p.getByRole('status').first().textContent()).resolves.toBe(
      `${id} sent to review: Proposed → In review. Recorded in Decisions.`,
    );
    expect(records(w, 'Projects').find((x) => x.ID === id)?.Status).toBe('In review');
    // Reloaded: from In review the project can be sent back for more work.
    await expect(
      p.getByRole('radio', { name: 'Send back for more work → Proposed' }).count(),
    ).resolves.toBe(1);
    await s.page.close();
  }, 60_000);

  it('explains the score of the selected project', async () => {
    const w = world({ sample: true });
    w.ana.run('menuScore');
    w.ana.run('menuOptimise');
    w.byHand(ANA)
      .getActiveSpreadsheet()
      .getSheetByName('Projects')
      ?.getRange(`C${rowOf(w, 'P03')}`)
      .activate();
    const s = await openDialog(browser(), w.ana, 'Explain score');
    await s.idle();
    await s.screenshot('explain-score');
    expect(await s.page.locator('body').textContent()).toContain('P03');
    await s.page.close();
  }, 60_000);
});
