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
    await s.screenshot('record-decision');
    await s.page.getByRole('button', { name: /Record/ }).click();
    await s.idle();
    await s.screenshot('record-decision-errors');
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
