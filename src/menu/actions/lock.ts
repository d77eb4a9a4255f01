/**
 * Lock scoring model: protects the Criteria and Pairwise sheets, and the Settings sheet (the board
 * list and every setting that steers scoring or selection; the review and overlap thresholds stay
 * editable), so that only the governance board (Settings → Board members) can edit the weights,
 * the judgements, the board itself and the optimiser's rules. Follows Google's documented
 * recipe: protect the sheet, keep the current user, add the board, remove every other editor,
 * and turn off domain editing where the file has a domain. Sheets always lets the owner edit,
 * and never removes the person who sets the protection.
 *
 * Where a real restriction is not possible the sheets are protected with a warning only (anyone
 * may edit after confirming a warning), and the message says why: no board members are listed,
 * or Sheets refused to change the editors (e.g. an account whose email Google does not share with
 * the add-on, or editing rights that come from a group).
 */
import { matchKey } from '../../core/keys';
import type { ActionContext, ActionResult } from '../../sheets/action';
import { SheetError } from '../../sheets/problems';
import { headerKey } from '../../sheets/headers';
import { CRITERIA, SETTINGS } from '../../sheets/schema';
import { SETTING_DEFS } from '../../sheets/settings';
import { PAIRWISE_SHEET } from '../../sheets/setup';
import { missingSheet, readTable } from '../../sheets/table';
import { settingsOf } from './workbook';

export const LOCK_DESCRIPTION =
  'Portfolio Pilot: the scoring model — only the governance board (Settings → Board members) edits it.';

type Protection = GoogleAppsScript.Spreadsheet.Protection;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export function lockScoringModel(ctx: ActionContext): ActionResult {
  const { settings, warnings } = settingsOf(ctx);
  const board = settings.boardMembers;
  const names = [CRITERIA.name, PAIRWISE_SHEET, SETTINGS.name];
  const sheets = names.flatMap((n) => {
    const s = ctx.ss.getSheetByName(n);
    return s ? [s] : [];
  });
  if (!sheets.some((s) => s.getName() === CRITERIA.name)) throw missingSheet(CRITERIA);

  // Check every sheet first, so a refusal changes nothing.
  const SHEET = ctx.services.spreadsheetApp.ProtectionType.SHEET;
  for (const sheet of sheets) {
    if (!sheet.getProtections(SHEET).every((p) => p.canEdit()))
      throw new SheetError(
        `${sheet.getName()} is already protected and you are not one of its editors, so you cannot change its lock. Ask a board member${board.length ? ` (${board.join(', ')})` : ''} or the file's owner.`,
      );
  }

  const me = ctx.services.session.getEffectiveUser().getEmail();
  const locked = listed(sheets.map((s) => s.getName()));
  let why: string | null = null;
  if (board.length === 0)
    why =
      "Settings → Board members is empty, so there is nobody to reserve them for. Add the board members' emails (separated by commas) and run Lock scoring model again";
  const protections = sheets.map((s) => {
    const p = s.protect().setDescription(LOCK_DESCRIPTION);
    if (s.getName() === SETTINGS.name) p.setUnprotectedRanges(freeSettingCells(ctx, s));
    return p;
  });
  if (why === null) {
    try {
      for (const p of protections) restrictTo(p, board, me);
    } catch (e) {
      why = `Sheets did not allow restricting the editors (${e instanceof Error ? e.message : String(e)}). This happens when your editing rights come from a group, or on an account whose email Google does not share with add-ons. The file's owner can run Lock scoring model, or set the editors by hand in Data → Protect sheets and ranges`;
    }
  }
  if (why !== null) {
    for (const p of protections) p.setWarningOnly(true);
    const text = `${locked} are protected with a warning only: anyone who edits them is warned first, but nobody is stopped. Why: ${why}.`;
    return {
      toast: `${locked}: warning-only protection (see the message).`,
      log: text,
      warnings: [...warnings, text],
    };
  }
  const owner = ctx.ss.getOwner()?.getEmail() ?? '';
  const others = [owner, me].filter(
    (e) => e !== '' && !board.some((b) => matchKey(b) === matchKey(e)),
  );
  const extra = others.length
    ? ` Sheets also keeps ${others.join(' and ')} (the file's owner can always edit; whoever locks stays an editor).`
    : '';
  const open = sheets.some((s) => s.getName() === SETTINGS.name)
    ? ` In Settings only ${listed(SETTING_DEFS.filter((d) => d.free).map((d) => d.name))} stay open to every editor.`
    : '';
  const text = `Locked ${locked}: only the board (${board.join(', ')}) can edit them.${open}${extra}`;
  return { toast: text, log: text, warnings };
}

/** "A", "A and B", "A, B and C". */
function listed(names: readonly string[]): string {
  return names.length < 2
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/**
 * The Value cells of the settings that steer neither scoring nor selection (SETTING_DEFS' free
 * ones): everyone may still edit them when Settings is locked.
 */
function freeSettingCells(ctx: ActionContext, sheet: Sheet): Range[] {
  const table = readTable(sheet, SETTINGS, ctx);
  const nameCol = table.index.get('setting') as number;
  const valueCol = table.index.get('value') as number;
  const free = new Set(SETTING_DEFS.filter((d) => d.free).map((d) => headerKey(d.name)));
  return table.rows.flatMap((row, i) =>
    free.has(headerKey(row[nameCol])) ? [sheet.getRange(i + 2, valueCol + 1)] : [],
  );
}

/** Makes `board` (and, as Sheets requires, the current user) the only editors of `p`. */
function restrictTo(p: Protection, board: readonly string[], me: string): void {
  p.setWarningOnly(false);
  if (me) p.addEditor(me);
  p.addEditors([...board]);
  const keep = new Set([...board, me].filter(Boolean).map(matchKey));
  const remove = p
    .getEditors()
    .map((u) => u.getEmail())
    .filter((e) => e !== '' && !keep.has(matchKey(e)));
  if (remove.length) p.removeEditors(remove);
  // Domain editing exists only for files in a Google Workspace domain; Sheets refuses the change
  // on consumer (gmail.com) files, where there is no domain to shut out.
  try {
    if (p.canDomainEdit()) p.setDomainEdit(false);
  } catch {
    // No domain: nothing to turn off.
  }
}
