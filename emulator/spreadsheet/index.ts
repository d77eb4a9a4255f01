/**
 * The Spreadsheet half of the Apps Script emulator: a Workbook (the shared state of one file),
 * the SpreadsheetApp and Charts globals of one execution, and the custom-function hook.
 */
export { Workbook, type WorkbookOptions, type Toast, type UserSelection } from './workbook';
export { createSpreadsheetApp } from './api/app';
export type { SpreadsheetAppOptions } from './api/env';
export { createChartsService } from './api/charts';
export { UnknownFunctionError, type CustomFunctionHost } from './formula/engine';
export type { CellInfo, ChartInfo, CfInfo, ProtectionInfo, SheetInfo } from './inspect';
export type { CellValue, DateFactory } from './values';
export { MSG as SPREADSHEET_MESSAGES } from './messages';
export { columnLetters, columnIndex, parseA1, rectA1 } from './a1';
