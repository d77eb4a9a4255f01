/**
 * The spreadsheet half as the runtime's SpreadsheetBackend (emulator/world.ts): the workbook and
 * the per-execution SpreadsheetApp and Charts globals, wired in one place:
 *
 *   const workbook = Workbook.create();
 *   const emu = new Emulator({ spreadsheet: spreadsheetBackend(workbook) });
 */
import type { ExecutionContext } from '../context';
import { createSpreadsheetApp } from './api/app';
import { createChartsService } from './api/charts';
import type { SpreadsheetAppOptions } from './api/env';
import type { Workbook } from './workbook';

export interface SpreadsheetHalf {
  readonly workbook: Workbook;
  createSpreadsheetApp(ctx: ExecutionContext): GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  createCharts(ctx: ExecutionContext): GoogleAppsScript.Charts.Charts;
}

export function spreadsheetBackend(
  workbook: Workbook,
  options: SpreadsheetAppOptions = {},
): SpreadsheetHalf {
  return {
    workbook,
    createSpreadsheetApp: (ctx) => createSpreadsheetApp(workbook, ctx, options),
    createCharts: (ctx) => createChartsService(ctx),
  };
}
