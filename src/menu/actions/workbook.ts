/** What most actions read first: settings and the scoring model, with clear errors when missing. */
import type { ActionContext } from '../../sheets/action';

/** What reading needs: the spreadsheet and its dates. An ActionContext is one; so is a page's. */
export type Reading = Pick<ActionContext, 'ss' | 'dateKey'>;
import { readCriteria, type CriteriaRead } from '../../sheets/model-sheets';
import { CRITERIA, PROJECTS, SETTINGS } from '../../sheets/schema';
import { readSettings, type Settings } from '../../sheets/settings';
import { missingSheet } from '../../sheets/table';
import { describeProblem } from '../../sheets/problems';

/** The sheet named `spec.name`, or a SheetError saying how to create it. */
export function sheetOrFail(
  ctx: Reading,
  spec: { readonly name: string },
): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = ctx.ss.getSheetByName(spec.name);
  if (!sheet) throw missingSheet(spec);
  return sheet;
}

export function settingsOf(ctx: Reading): { settings: Settings; warnings: string[] } {
  const { settings, problems } = readSettings(ctx.ss.getSheetByName(SETTINGS.name), ctx);
  return { settings, warnings: problems.map(describeProblem) };
}

export function criteriaOf(ctx: Reading): CriteriaRead {
  return readCriteria(sheetOrFail(ctx, CRITERIA), ctx);
}

export function projectsSheet(ctx: Reading): GoogleAppsScript.Spreadsheet.Sheet {
  return sheetOrFail(ctx, PROJECTS);
}
