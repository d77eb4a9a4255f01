/**
 * The exact texts of the exceptions the emulated Spreadsheet service throws. Where Google
 * documents none, the text is the one seen in real runs (community) or, failing that, a clear
 * one of ours; each says which (APPS_SCRIPT_FACTS.md §1, §6).
 */

export const MSG = {
  /** Community, real runs. */
  startRowTooSmall: 'The starting row of the range is too small.',
  startColumnTooSmall: 'The starting column of the range is too small.',
  rowsAtLeastOne: 'The number of rows in the range must be at least 1.',
  columnsAtLeastOne: 'The number of columns in the range must be at least 1.',
  outsideSheet: 'The coordinates of the range are outside the dimensions of the sheet.',
  rangeNotFound: 'Range not found',
  /** Community (real runs for columns; gas-fakes for rows). */
  rowsMismatch: (data: number, range: number): string =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  columnsMismatch: (data: number, range: number): string =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  /** Sheets API text (community); that insertSheet throws the same is not documented. */
  sheetExists: (name: string): string =>
    `A sheet with the name "${name}" already exists. Please enter another name.`,
  /** Community. */
  protectedCell:
    'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
  /** Community: a setter called from a custom function. */
  noPermission: (method: string): string => `You do not have permission to call ${method}`,
  /** Community: document access in AuthMode.NONE. */
  noAuthorization: (method: string): string =>
    `You do not have permission to call ${method}. Required permissions: https://www.googleapis.com/auth/spreadsheets.currentonly`,
  /** Community. */
  noUi: 'Cannot call SpreadsheetApp.getUi() from this context.',
  /** Sheets' own text when a grid would pass 10 million cells (community). */
  cellLimit: (limit: number): string =>
    `This action would increase the number of cells in the workbook above the limit of ${limit} cells.`,
  /** Sheets' text when a write puts more than 50,000 characters in one cell (community). */
  cellTooLong: (limit: number): string =>
    `Your input contains more than the maximum of ${limit} characters in a single cell.`,
  /** Sheets' text on a formula whose text result is longer than a cell holds (community). */
  resultTooLong: (name: string, limit: number): string =>
    `Text result of ${name} is longer than the limit of ${limit} characters.`,
  /** Apps Script's text for arguments of the wrong type (community). */
  badParameters: (types: string, method: string): string =>
    `The parameters (${types}) don't match the method signature for ${method}.`,
  /** Community: a write that a rejecting data validation rule refuses. */
  validationRejected: (a1: string): string =>
    `The data you entered in cell ${a1} violates the data validation rules set on this cell.`,
  /** Not documented: our text. */
  lastSheet: "You can't remove all the sheets in a document.",
  /** Not documented: our text. */
  namedRangeMissing: (name: string): string => `Named range "${name}" not found.`,
  /** Not documented: our text, with the rules from Sheets Help. */
  badRangeName: (name: string): string =>
    `Invalid named range name "${name}": use 1–250 letters, digits and underscores, not starting with a digit, not TRUE/FALSE and not a cell reference.`,
  /** Not documented: our text. */
  protectionNoAccess:
    'You do not have permission to access the editors of this protected range or sheet.',
  /**
   * Protection.setDomainEdit on a file owned by a consumer (gmail.com) account, which has no
   * domain (documented to throw; the text is not documented: ours).
   */
  noDomain: 'Domain editing is only available for spreadsheets in a Google Workspace domain.',
  /** Not documented: our text. */
  invalidColor: (color: string): string => `Invalid color: "${color}".`,
  /** Sheets' texts shown on formula cells (community). */
  spillBlocked: (a1: string): string =>
    `Array result was not expanded because it would overwrite data in ${a1}.`,
  spillRows: (n: number): string =>
    `Result was not automatically expanded, please insert more rows (${n}).`,
  spillCols: (n: number): string =>
    `Result was not automatically expanded, please insert more columns (${n}).`,
  unknownFunction: (name: string): string => `Unknown function: '${name}'.`,
  circular:
    'Circular dependency detected. To resolve with iterative calculation, see File > Settings.',
  unsupportedFormula: (formula: string): string =>
    `Emulator: only formulas that are one function call with references, numbers, strings or booleans as arguments are evaluated; cannot evaluate ${formula}`,
} as const;

/** A script's value as text (scripts are untyped: a declared type is no guarantee). */
export function text(v: unknown): string {
  return String(v);
}

/** Apps Script's name for an argument's type in badParameters messages. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return v.length > 0 ? `${typeName(v[0])}[]` : 'Object[]';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  if (Object.prototype.toString.call(v) === '[object Date]') return 'Date';
  return 'Object';
}
