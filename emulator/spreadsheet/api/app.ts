/**
 * The SpreadsheetApp global of one execution: the active spreadsheet (the workbook, seen by
 * ctx.user in ctx.authMode), getUi(), flush(), the builders and the enums. Every object it
 * returns is instrumented, so a test can count "Range.getValues", "Sheet.getRange", …
 */
import type { ExecutionContext } from '../../context';
import { MSG } from '../messages';
import type { Workbook } from '../workbook';
import { makeColorBuilder } from './color';
import { makeCfBuilder } from './conditional';
import { Env, enumOf, type Facade, type SpreadsheetAppOptions, text } from './env';
import { SPREADSHEET_ENUMS } from './enums';
import { makeSelection, makeSpreadsheet } from './spreadsheet';
import { makeValidationBuilder } from './validation';

type GasApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

function enums(): Record<keyof typeof SPREADSHEET_ENUMS, unknown> {
  const out: Partial<Record<keyof typeof SPREADSHEET_ENUMS, unknown>> = {};
  for (const [name, members] of Object.entries(SPREADSHEET_ENUMS))
    out[name as keyof typeof SPREADSHEET_ENUMS] = enumOf(members);
  return out as Record<keyof typeof SPREADSHEET_ENUMS, unknown>;
}

/** The SpreadsheetApp methods implemented here (signatures checked against @types/google-apps-script). */
type SpreadsheetAppMethods =
  | 'flush'
  | 'getActive'
  | 'getActiveRange'
  | 'getActiveSheet'
  | 'getActiveSpreadsheet'
  | 'getCurrentCell'
  | 'getSelection'
  | 'getUi'
  | 'newColor'
  | 'newConditionalFormatRule'
  | 'newDataValidation'
  | 'openById'
  | 'openByUrl'
  | 'setActiveRange'
  | 'setActiveSheet'
  | 'setCurrentCell';

class SpreadsheetAppApi
  implements Facade, Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, SpreadsheetAppMethods>
{
  self: unknown;

  constructor(private readonly env: Env) {
    Object.assign(this, enums());
  }

  private doc(method: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this.env.assertDocument(`SpreadsheetApp.${method}`);
    return makeSpreadsheet(this.env);
  }

  getActiveSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.doc('getActiveSpreadsheet');
  }
  getActive(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.doc('getActive');
  }
  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return this.doc('getActiveSheet').getActiveSheet();
  }
  getActiveRange(): GoogleAppsScript.Spreadsheet.Range {
    return this.doc('getActiveRange').getActiveRange() as GoogleAppsScript.Spreadsheet.Range;
  }
  getCurrentCell(): GoogleAppsScript.Spreadsheet.Range {
    return this.doc('getCurrentCell').getCurrentCell() as GoogleAppsScript.Spreadsheet.Range;
  }
  getSelection(): GoogleAppsScript.Spreadsheet.Selection {
    this.env.assertDocument('SpreadsheetApp.getSelection');
    return makeSelection(this.env);
  }
  setActiveSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): GoogleAppsScript.Spreadsheet.Sheet {
    return this.doc('setActiveSheet').setActiveSheet(sheet);
  }
  setActiveRange(range: GoogleAppsScript.Spreadsheet.Range): GoogleAppsScript.Spreadsheet.Range {
    return this.doc('setActiveRange').setActiveRange(range);
  }
  setCurrentCell(cell: GoogleAppsScript.Spreadsheet.Range): GoogleAppsScript.Spreadsheet.Range {
    return this.doc('setCurrentCell').setCurrentCell(cell);
  }
  /** Only this workbook can be opened; custom functions may not open files at all. */
  openById(id: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    if (this.env.ctx.authMode === 'CUSTOM_FUNCTION')
      throw new Error(MSG.noPermission('SpreadsheetApp.openById'));
    if (id !== this.env.workbook.id) throw new Error(`Emulator: no spreadsheet with id "${id}".`);
    return this.doc('openById');
  }
  openByUrl(url: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    if (this.env.ctx.authMode === 'CUSTOM_FUNCTION')
      throw new Error(MSG.noPermission('SpreadsheetApp.openByUrl'));
    if (!text(url).includes(this.env.workbook.id))
      throw new Error(`Emulator: no spreadsheet at "${url}".`);
    return this.doc('openByUrl');
  }
  /** The user's Ui; not available in custom functions. */
  getUi(): GoogleAppsScript.Base.Ui {
    if (this.env.ctx.authMode === 'CUSTOM_FUNCTION') throw new Error(MSG.noUi);
    return this.env.ctx.ui();
  }
  /** Applies pending changes: formulas are recalculated. */
  flush(): void {
    this.env.workbook.recalc();
  }
  newColor(): GoogleAppsScript.Spreadsheet.ColorBuilder {
    return makeColorBuilder(this.env);
  }
  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return makeValidationBuilder(this.env);
  }
  newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return makeCfBuilder(this.env);
  }
}

/**
 * The SpreadsheetApp global for one execution of `ctx.user` on `workbook`. Users who run
 * something in LIMITED or FULL mode are recorded as editors of the file.
 */
export function createSpreadsheetApp(
  workbook: Workbook,
  ctx: ExecutionContext,
  options: SpreadsheetAppOptions = {},
): GasApp {
  const env = new Env(workbook, ctx, options);
  return env.wrap(new SpreadsheetAppApi(env), 'SpreadsheetApp') as unknown as GasApp;
}
