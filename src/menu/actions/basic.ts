/** Set up workbook, Load sample portfolio, Undo last action. */
import type { ActionContext, ActionResult } from '../../sheets/action';
import { journalSeal, undoLast } from '../../sheets/journal';
import { loadSample } from '../../sheets/sample';
import { loadSampleHistory } from '../../sheets/sample-history';
import { setupWorkbook } from '../../sheets/setup';

export function setupAction(ctx: ActionContext): ActionResult {
  const r = setupWorkbook(ctx);
  const added = [...r.addedColumns].map(([sheet, cols]) => `${sheet}: ${cols.join(', ')}`);
  const parts = [
    r.createdSheets.length ? `created ${r.createdSheets.join(', ')}` : '',
    added.length ? `added columns (${added.join('; ')})` : '',
    r.addedSettings.length ? `added settings ${r.addedSettings.join(', ')}` : '',
  ].filter(Boolean);
  const text = parts.length
    ? `Set up: ${parts.join('; ')}.`
    : 'The workbook was already set up: nothing to add.';
  return { toast: text, log: text };
}

export function loadSampleAction(ctx: ActionContext): ActionResult {
  const what = loadSample(ctx);
  const earlier = loadSampleHistory(ctx);
  const history = earlier
    ? ` Snapshots holds the snapshot of the previous review (${earlier}), so Prepare review shows what changed since.`
    : '';
  return {
    toast: `Loaded the sample portfolio: ${what}.${history} Next: Score & rank.`,
    log: `Loaded the sample portfolio: ${what}.${history}`,
  };
}

/**
 * Undoes the user's own latest action. Records carry ctx.user (the email, or the anonymous key
 * when Google hides it), so the same value picks this user's records; never someone else's.
 */
export function undoAction(ctx: ActionContext): ActionResult {
  const r = undoLast(ctx.ss, ctx.user, journalSeal(ctx.services));
  const sheets = r.deletedSheets.length
    ? ` and removed the sheets it created (${r.deletedSheets.join(', ')})`
    : '';
  const text = `Undid "${r.action}" of ${r.time.slice(0, 16).replace('T', ' ')} UTC: restored ${r.cells.toLocaleString('en-US')} cells${sheets}.`;
  return { toast: text, log: text };
}
