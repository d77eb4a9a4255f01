/**
 * The whole emulator in one call: a Workbook (new, or loaded from .xlsx) wired into an Emulator
 * that runs dist/Code.js against it. Tests and `npm start` use this.
 */
import { CallCounter } from './context';
import { Emulator, type EmulatorOptions } from './runtime';
import { Workbook, createChartsService, createSpreadsheetApp } from './spreadsheet';
import type { SpreadsheetBackend } from './world';

export interface Harness {
  readonly emulator: Emulator;
  readonly workbook: Workbook;
  /**
   * The SpreadsheetApp a user acts through outside the add-on — what they do by hand in the
   * Sheets UI (merge cells, type, protect) — for tests to set the scene.
   */
  byHand(email?: string): GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}

/** The spreadsheet half as the runtime's backend. */
export function spreadsheetBackend(workbook: Workbook): SpreadsheetBackend {
  return {
    workbook,
    createSpreadsheetApp: (ctx) => createSpreadsheetApp(workbook, ctx),
    createCharts: (ctx) => createChartsService(ctx),
  };
}

export interface HarnessOptions extends Omit<EmulatorOptions, 'spreadsheet'> {
  /** The workbook to act on (default: a new one owned by `owner`). */
  readonly workbook?: Workbook;
}

export function createHarness(options: HarnessOptions = {}): Harness {
  const owner = options.owner ?? 'owner@example.com';
  const workbook = options.workbook ?? Workbook.create({ owner, name: 'Sales portfolio' });
  const emulator = new Emulator({ ...options, owner, spreadsheet: spreadsheetBackend(workbook) });
  const byHand = (email = owner): GoogleAppsScript.Spreadsheet.SpreadsheetApp =>
    createSpreadsheetApp(workbook, {
      user: { email, locale: 'en' },
      authMode: 'FULL',
      calls: new CallCounter(),
      ui: () => {
        throw new Error('Emulator: no Ui when acting by hand');
      },
    });
  return { emulator, workbook, byHand };
}
