import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Emulator,
  UnknownFunctionError,
  type SpreadsheetBackend,
  type WorkbookLike,
} from '../../emulator/index';
import type { ExecutionContext } from '../../emulator/context';
import { instrument } from '../../emulator/context';
import { MENU } from '../../src/menu/menu';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'Code.js');

describe('the built dist/Code.js on the runtime', () => {
  it('onOpen in AuthMode.NONE builds the add-on menu with nothing but the Ui', () => {
    const emu = new Emulator();
    const ana = emu.as('ana@example.com');
    const report = ana.open();
    expect(report.authMode).toBe('NONE');
    expect(report.kind).toBe('simpleTrigger');
    expect(ana.menus).toEqual([
      {
        caption: 'Portfolio Pilot',
        addon: true,
        entries: MENU.map((e) =>
          e === 'separator'
            ? { kind: 'separator' }
            : { kind: 'item', caption: e.caption, functionName: e.fn },
        ),
      },
    ]);
    const items = MENU.filter((e) => e !== 'separator').length;
    expect(ana.lastCalls.snapshot()).toEqual({
      'Menu.addItem': items,
      ...(items < MENU.length ? { 'Menu.addSeparator': MENU.length - items } : {}),
      'Menu.addToUi': 1,
      'SpreadsheetApp.getUi': 1,
      'Ui.createAddonMenu': 1,
    });
    // Other users see their own menus only after their own open().
    expect(emu.as('bob@example.com').menus).toEqual([]);
    ana.install();
    expect(ana.lastExecution?.authMode).toBe('FULL');
    expect(ana.menus).toHaveLength(1);
  });

  it('menuHelp shows an alert answered by a queued response', () => {
    const ana = new Emulator().as('ana@example.com');
    ana.open();
    ana.answerAlert('OK');
    ana.clickMenu('Portfolio Pilot', 'Help');
    expect(ana.pendingResponses).toBe(0);
    const [dialog] = ana.dialogs;
    expect(dialog?.title).toBe('Portfolio Pilot — help');
    expect(dialog?.prompt).toContain('=PRIORITY(values, weights');
    expect([dialog?.buttons, dialog?.answer]).toEqual(['OK', 'OK']);
    expect(ana.lastCalls.snapshot()).toEqual({ 'SpreadsheetApp.getUi': 1, 'Ui.alert': 1 });
    // Without a queued answer the alert fails clearly.
    expect(() => ana.run('menuAbout')).toThrow(
      /Ui\.alert\("About Portfolio Pilot"\) was shown to ana@example.com with no response queued/,
    );
  });

  it('runs custom functions in AuthMode.CUSTOM_FUNCTION, with any capitalization', () => {
    const ana = new Emulator().as('ana@example.com');
    expect(ana.customFunction('PRIORITY', [[10], [20], [15]], 1)).toEqual([[0], [100], [50]]);
    expect(ana.lastExecution).toMatchObject({
      authMode: 'CUSTOM_FUNCTION',
      kind: 'customFunction',
    });
    expect(ana.customFunction('ppm_rank', [[5], [7], [5]])).toEqual([[2], [1], [2]]);
    expect(ana.lastCalls.total).toBe(0);
    expect(() => ana.customFunction('RICE', [[1], [2]], 1, 1, [[3], ['n/a']])).toThrow(
      'RICE: effort row 2 is "n/a", not a number. Effort must be above 0 (e.g. person-months).',
    );
    expect(() => ana.customFunction('NOPE', 1)).toThrow(UnknownFunctionError);
    expect(() => ana.customFunction('NOPE', 1)).toThrow("Unknown function: 'NOPE'.");
  });

  it('a menu action with no spreadsheet attached reports it in an alert (every global is defined)', () => {
    const ana = new Emulator().as('ana@example.com');
    ana.answerAlert('OK');
    ana.run('menuScore');
    expect(ana.dialogs.at(-1)?.prompt).toMatch(/no spreadsheet is attached to this Emulator/);
  });

  it('reports a missing menu function as Apps Script does', () => {
    const ana = new Emulator().as('ana@example.com');
    expect(() => ana.run('noSuchFunction')).toThrow('Script function not found: noSuchFunction');
    expect(() => ana.clickMenu('Portfolio Pilot', 'Help')).toThrow(
      /has no menu "Portfolio Pilot" \(menus: none; call open\(\) first\)/,
    );
  });
});

describe('a test bundle on the runtime (in-process executions)', () => {
  const emulator = (): Emulator => new Emulator({ code: FIXTURE });

  it('reads the manifest time zone and shows the email per mode', () => {
    const emu = emulator();
    const ana = emu.as('ana@example.com');
    expect(ana.run('whoAmI')).toEqual(['ana@example.com', 'Europe/Paris']);
    expect(ana.execute('whoAmI', [], 'LIMITED').value).toEqual(['', 'Europe/Paris']);
    expect(ana.execute('whoAmI', [], 'NONE').error?.message).toBe(
      'You do not have permission to call Session.getActiveUser.',
    );
  });

  it('menus with sub-menus are clickable; a missing function fails at click time', () => {
    const ana = emulator().as('ana@example.com');
    expect(ana.open().value).toBe(true);
    ana.clickMenu('Tools', 'More', 'Show sidebar');
    expect(ana.lastSidebar).toMatchObject({ kind: 'sidebar', title: 'New project request' });
    expect(ana.lastSidebar?.content).toContain('<h1>Intake</h1>');
    expect(() => ana.clickMenu('Portfolio Pilot', 'Broken')).toThrow(
      'Script function not found: noSuchFunction',
    );
    expect(() => ana.clickMenu('Tools', 'Nothing')).toThrow(
      'the menu "Tools" has no item "Nothing"',
    );
  });

  it('prompts and alerts suspend the script: locks are released across them', () => {
    const ana = emulator().as('ana@example.com');
    ana.answerPrompt('Ana', 'OK');
    expect(ana.run('askName')).toEqual([true, 'Ana']);
    ana.answerPrompt('', 'CANCEL');
    expect(ana.run('askName')).toEqual([false, '']);
    ana.answerAlert('YES');
    expect(ana.run('confirmUnderLock')).toEqual(['YES', false]);
    expect(() => ana.answerAlert('MAYBE' as 'OK')).toThrow('answerAlert needs a Button');
  });

  it('templates evaluate in the script realm and dialogs are recorded', () => {
    const ana = emulator().as('ana@example.com');
    const content = ana.run('showPage', ['Lead scoring', 'CPQ <pilot>']) as string;
    expect(content).toContain('<li>CPQ &lt;pilot&gt;</li>');
    expect(content).toContain('<footer>Portfolio Pilot</footer>');
    expect(ana.shown.at(-1)).toMatchObject({
      kind: 'modal',
      title: 'Ranked projects',
      width: 400,
      height: 300,
    });
    expect(ana.lastCalls.get('HtmlService.createTemplateFromFile')).toBe(1);
    expect(ana.lastCalls.get('HtmlService.createHtmlOutputFromFile')).toBe(1);
    expect(ana.lastCalls.get('Ui.showModalDialog')).toBe(1);
  });

  it('service errors are Errors of the script realm', () => {
    const ana = emulator().as('ana@example.com');
    expect(ana.run('catchServiceError')).toEqual([true, 'Argument too large: value']);
  });

  it('keeps logs per execution (Logger and console)', () => {
    const ana = emulator().as('ana@example.com');
    expect(ana.run('logSomething')).toBe('hello world');
    expect(ana.logs).toEqual(['hello world', 'from console']);
    ana.run('logError');
    expect(ana.logs).toEqual(['ERROR: Error: boom']);
  });

  it('custom functions may use Properties but see no email; private functions are not callable', () => {
    const emu = emulator();
    expect(emu.as('ana@example.com').customFunction('write_property', 7)).toBe('');
    expect(emu.properties('document')).toEqual({ fromFormula: '7' });
    expect(emu.as('ana@example.com').customFunction('double', 21)).toBe(42);
    expect(() => emu.as('ana@example.com').run('secret_')).toThrow(
      'Script function not found: secret_',
    );
  });

  it('google.script.run copies arguments and results as documented', () => {
    const ana = emulator().as('ana@example.com');
    expect(ana.scriptRun('returnData')).toEqual({ when: null, n: 1, list: [1, null] });
    expect(ana.scriptRun('echo', { a: [1, undefined], b: undefined })).toEqual({ a: [1, null] });
    expect(() => ana.scriptRun('echo', new Date())).toThrow(
      'google.script.run cannot send argument 1 (a Date)',
    );
  });
});

describe('time limits (the clock scaled 1000×: one real ms is one emulated second)', () => {
  const emulator = (): Emulator => new Emulator({ code: FIXTURE, clock: { scale: 1000 } });

  it('a menu action past 6 minutes fails with the documented message, even if it catches', () => {
    const ana = emulator().as('ana@example.com');
    const report = ana.execute('sleepLoop');
    expect(report.error?.message).toBe('Exceeded maximum execution time');
    // The loop never ends by itself: the execution was stopped, past the limit.
    expect(report.elapsedMs).toBeGreaterThan(360_000);
    expect(ana.execute('catchTimeout').error?.message).toBe('Exceeded maximum execution time');
  });

  it('pure computation is stopped by the watchdog', () => {
    const ana = emulator().as('ana@example.com');
    expect(ana.execute('spin').error?.message).toBe('Exceeded maximum execution time');
    expect(() => ana.customFunction('spin')).toThrow('Exceeded maximum execution time (line 0).');
  });

  it('custom functions get 30 s', () => {
    const report = emulator().as('ana@example.com').execute('sleepLoop', [], 'CUSTOM_FUNCTION');
    expect(report.error?.message).toBe('Exceeded maximum execution time (line 0).');
    expect(report.elapsedMs).toBeGreaterThan(30_000);
  });
});

describe('the spreadsheet seam', () => {
  /** A minimal stand-in for emulator/spreadsheet: one cell, a host hook, toasts. */
  class FakeWorkbook implements WorkbookLike {
    host: ((name: string, args: unknown[]) => unknown) | undefined;
    value: unknown = 21;
    readonly toasts: { user: string; message: string }[] = [];
    setCustomFunctionHost(host: (name: string, args: unknown[]) => unknown): void {
      this.host = host;
    }
    /** What a cell "=DOUBLE(A1)" shows. */
    formula(): unknown {
      try {
        return this.host?.('DOUBLE', [this.value]);
      } catch (e) {
        return e instanceof UnknownFunctionError ? '#NAME?' : '#ERROR!';
      }
    }
  }

  function backend(workbook: FakeWorkbook): SpreadsheetBackend {
    class FakeSpreadsheet {
      constructor(private readonly ctx: ExecutionContext) {}
      toast(message: string): void {
        workbook.toasts.push({ user: this.ctx.user.email, message });
      }
    }
    class FakeSpreadsheetApp {
      constructor(private readonly ctx: ExecutionContext) {}
      getUi(): GoogleAppsScript.Base.Ui {
        return this.ctx.ui();
      }
      getActiveSpreadsheet(): FakeSpreadsheet {
        return instrument(new FakeSpreadsheet(this.ctx), 'Spreadsheet', this.ctx.calls);
      }
    }
    return {
      workbook,
      createSpreadsheetApp: (ctx) =>
        instrument(
          new FakeSpreadsheetApp(ctx),
          'SpreadsheetApp',
          ctx.calls,
        ) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp,
    };
  }

  it('installs the custom-function host: formulas run the bundle in CUSTOM_FUNCTION mode', () => {
    const workbook = new FakeWorkbook();
    const emu = new Emulator({ code: FIXTURE, spreadsheet: backend(workbook) });
    expect(workbook.formula()).toBe(42);
    expect(emu.executions.at(-1)).toMatchObject({
      fn: 'DOUBLE',
      authMode: 'CUSTOM_FUNCTION',
      user: 'owner@example.com',
    });
    workbook.value = 5;
    expect(workbook.formula()).toBe(10);
    expect(emu.owner.lastExecution).toBeUndefined();
    expect(() => workbook.host?.('NOPE', [])).toThrow(UnknownFunctionError);
  });

  it('builds the SpreadsheetApp global from the factory, per execution and user', () => {
    const workbook = new FakeWorkbook();
    const emu = new Emulator({ code: FIXTURE, spreadsheet: backend(workbook) });
    const ana = emu.as('ana@example.com');
    ana.open();
    expect(ana.menus.map((m) => m.caption)).toEqual(['Tools', 'Portfolio Pilot']);
    expect(emu.workbook).toBe(workbook);
    ana.run('toastIt', 'Scored 42 projects');
    emu.as('bob@example.com').run('toastIt', 'Checked capacity');
    expect(ana.toasts).toEqual([{ user: 'ana@example.com', message: 'Scored 42 projects' }]);
    expect(ana.lastCalls.snapshot()).toEqual({
      'Spreadsheet.toast': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
    });
  });
});

describe("the script's clock", () => {
  it('follows the emulator clock, so a test can move an execution to another day', () => {
    const emu = new Emulator({
      code: FIXTURE,
      clock: { start: Date.UTC(2027, 2, 1, 9), frozen: true },
    });
    const ana = emu.as('ana@example.com');
    const [a, b, fixed, text] = ana.run('whatTimeIsIt') as [number, number, number, string];
    expect(a).toBe(Date.UTC(2027, 2, 1, 9));
    expect(b).toBe(a);
    expect(fixed).toBe(Date.UTC(2027, 0, 1));
    expect(text).toBe('string');
    emu.clock.advance(86_400_000);
    expect((ana.run('whatTimeIsIt') as number[])[0]).toBe(Date.UTC(2027, 2, 2, 9));
  });
});
