/**
 * The Apps Script runtime emulator: one Emulator owns one workbook-level world (document and
 * script properties, caches, locks, each user's Ui, the workbook, the owner) and runs the built
 * dist/Code.js for simulated users, one fresh execution per call, as Apps Script does.
 *
 *   const emu = new Emulator({ spreadsheet });          // spreadsheet: the emulator/spreadsheet half
 *   const ana = emu.as('ana@example.com');
 *   ana.open();                                          // onOpen in AuthMode.NONE: menus
 *   ana.answerAlert('OK');
 *   ana.clickMenu('Portfolio Pilot', 'Help');            // menuHelp in FULL, alert answered
 *   ana.lastCalls.get('Ui.alert');                       // 1
 *   await emu.concurrently([{ user: 'a@x', fn: 'f' }, { user: 'b@x', fn: 'f' }]);
 *
 * In-process executions (`run`, `open`, `customFunction`, `clickMenu`, `scriptRun`) are
 * synchronous and fast. Worker executions (`runAsync`, `scriptRunAsync`, `concurrently`) run in
 * worker threads against the same world and really contend for locks (see emulator/README.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Clock, type ClockOptions } from './clock';
import { CODE_JS } from './bundle';
import type { AuthModeName, CallCounter } from './context';
import { runInProcess, type Outcome } from './run-local';
import { runInWorker } from './rpc/host';
import { Scheduler, type CallEvent, type Pause } from './rpc/schedule';
import { Button, isEnumValue, type ButtonName } from './services/enums';
import { SCRIPT_FUNCTION_NOT_FOUND } from './services/messages';
import type { DialogRecord, RecordedMenu, RecordedMenuEntry, ShownHtml } from './services/ui';
import {
  APPS_SCRIPT_LIMITS,
  World,
  type ExecutionKind,
  type Limits,
  type SpreadsheetBackend,
  type WorkbookLike,
} from './world';

export interface EmulatorOptions {
  /** The bundle to run (default dist/Code.js). */
  readonly code?: string;
  /** Where HtmlService reads `<name>.html` (default: the bundle's folder, dist/). */
  readonly htmlDir?: string;
  /** The workbook owner's email (default owner@example.com). */
  readonly owner?: string;
  /** The add-on menu's caption (default "Portfolio Pilot"). */
  readonly addonName?: string;
  /** Session.getScriptTimeZone() (default: appsscript.json beside the bundle, else Etc/UTC). */
  readonly timeZone?: string;
  readonly scriptId?: string;
  /** A clock, or options for one (e.g. `{ scale: 1000 }`: one real ms is one emulated second). */
  readonly clock?: Clock | ClockOptions;
  /**
   * How many times slower Apps Script's V8 runs than this machine (default 1): each real
   * millisecond counts as `slowdown` emulated ones, for the executions' limits and for the
   * script's own `Date.now()`, so a test shows whether an action still finishes inside 6 min
   * (a custom function inside 30 s) on a slower runtime. Multiplies the clock's scale; not
   * with a ready-made Clock.
   */
  readonly slowdown?: number;
  /** Time limits in emulated ms (default Apps Script's: 6 min, 30 s, 30 s). */
  readonly limits?: Partial<Limits>;
  /** The spreadsheet half (emulator/spreadsheet); without it SpreadsheetApp only has getUi(). */
  readonly spreadsheet?: SpreadsheetBackend;
  /** The LinearOptimizationService global (see world.ts); absent unless given. */
  readonly linearOptimization?: GoogleAppsScript.Optimization.LinearOptimizationService;
  /** Users' locale (default "en"). */
  readonly locale?: string;
}

/** What one execution did. */
export interface ExecutionReport {
  readonly id: number;
  /** The name given in `concurrently` (default: the user's email). */
  readonly name: string;
  readonly fn: string;
  /** The simulated user (whatever Session showed). */
  readonly user: string;
  readonly authMode: AuthModeName;
  readonly kind: ExecutionKind;
  readonly ok: boolean;
  readonly value?: unknown;
  /** What the user would see: the error's message (the limit message for a killed execution). */
  readonly error?: Error;
  /** Every service call of the execution, "Service.method" → count. */
  readonly calls: CallCounter;
  /** Logger / console output. */
  readonly logs: readonly string[];
  /** Emulated milliseconds the execution took. */
  readonly elapsedMs: number;
  /** Emulated epoch ms of its start and end (to order concurrent executions). */
  readonly startedAt: number;
  readonly endedAt: number;
}

export interface ConcurrentRun {
  readonly user: string;
  readonly fn: string;
  readonly args?: readonly unknown[];
  /** The execution's name in pauses and results (default: the user's email). */
  readonly name?: string;
  readonly authMode?: AuthModeName;
}

export interface ConcurrentOptions {
  /** Deterministic interleaving: pause an execution before a call until another reaches a point. */
  readonly pauses?: readonly Pause[];
  /** Observes (and may delay, by returning a promise) every forwarded call. */
  readonly onCall?: (e: CallEvent) => void | Promise<void>;
}

/** The error a custom-function host throws for a name the bundle does not define (#NAME?). */
export class UnknownFunctionError extends Error {
  constructor(name: string) {
    super(`Unknown function: '${name}'.`);
    this.name = 'UnknownFunctionError';
  }
}

function manifestTimeZone(codePath: string): string | undefined {
  const path = join(dirname(codePath), 'appsscript.json');
  if (!existsSync(path)) return undefined;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { timeZone?: unknown };
  return typeof manifest.timeZone === 'string' ? manifest.timeZone : undefined;
}

/** google.script.run's copy of a value to the client: Dates become null (community), functions vanish. */
function toClient(v: unknown): unknown {
  if (v === undefined) return undefined;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    return v;
  if (Object.prototype.toString.call(v) === '[object Date]') return null;
  if (typeof v === 'function') return undefined;
  if (Array.isArray(v)) return v.map((x: unknown) => toClient(x) ?? null);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const c = toClient(x);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return null;
}

/**
 * google.script.run's check of an argument [DG/apps-script/guides/html/reference/run]: numbers,
 * booleans, strings, null, and objects/arrays of those; a Date or function makes the request
 * fail; undefined array entries become null.
 */
function fromClient(v: unknown, where: string): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    return v;
  if (v === undefined) return null;
  if (Object.prototype.toString.call(v) === '[object Date]' || typeof v === 'function')
    throw new Error(
      `Emulator: google.script.run cannot send ${where} (a ${typeof v === 'function' ? 'function' : 'Date'}); send a string (an ISO date) instead.`,
    );
  if (Array.isArray(v)) return v.map((x: unknown, i) => fromClient(x, `${where}[${String(i)}]`));
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      if (x !== undefined) out[k] = fromClient(x, `${where}.${k}`);
    return out;
  }
  throw new Error(`Emulator: google.script.run cannot send ${where} (${typeof v}).`);
}

export class Emulator {
  readonly world: World;
  readonly codePath: string;
  readonly htmlDir: string;
  readonly locale: string;
  /** Every execution, oldest first. */
  readonly executions: ExecutionReport[] = [];
  private readonly users = new Map<string, UserSession>();

  constructor(options: EmulatorOptions = {}) {
    this.codePath = options.code ?? CODE_JS;
    this.htmlDir = options.htmlDir ?? dirname(this.codePath);
    this.locale = options.locale ?? 'en';
    const clock = emulatorClock(options.clock, options.slowdown);
    this.world = new World({
      clock,
      owner: options.owner ?? 'owner@example.com',
      addonName: options.addonName ?? 'Portfolio Pilot',
      scriptTimeZone: options.timeZone ?? manifestTimeZone(this.codePath) ?? 'Etc/UTC',
      scriptId: options.scriptId ?? '1PortfolioPilotEmulatorScriptId',
      limits: { ...APPS_SCRIPT_LIMITS, ...options.limits },
      spreadsheet: options.spreadsheet,
      linearOptimization: options.linearOptimization,
    });
    // Formulas recalculated by the workbook run as the owner (Session shows no email), and are
    // not any user's "last execution".
    options.spreadsheet?.workbook.setCustomFunctionHost((name, args) =>
      customFunctionValue(
        this.execute(this.owner, name, args, 'CUSTOM_FUNCTION', 'customFunction'),
      ),
    );
  }

  get clock(): Clock {
    return this.world.clock;
  }

  get workbook(): WorkbookLike | undefined {
    return this.world.options.spreadsheet?.workbook;
  }

  /** A simulated user of the workbook (the same handle for the same email). */
  as(email: string, options: { locale?: string } = {}): UserSession {
    let u = this.users.get(email);
    if (!u) {
      u = new UserSession(this, email, options.locale ?? this.locale);
      this.users.set(email, u);
    }
    return u;
  }

  /** The workbook's owner. */
  get owner(): UserSession {
    return this.as(this.world.options.owner);
  }

  /** A copy of a properties store (document, script, or a user's). */
  properties(scope: 'document' | 'script' | { user: string }): Record<string, string> {
    const p = this.world.properties;
    const store =
      scope === 'document' ? p.document : scope === 'script' ? p.script : p.user(scope.user);
    return store.entries();
  }

  /** @internal Records a finished execution. */
  record(name: string, outcome: Outcome): ExecutionReport {
    const { exec } = outcome;
    const report: ExecutionReport = {
      id: exec.id,
      name,
      fn: exec.spec.fn,
      user: exec.account,
      authMode: exec.authMode,
      kind: exec.kind,
      ok: outcome.ok,
      value: outcome.value,
      error: outcome.error,
      calls: exec.calls,
      logs: exec.logs,
      elapsedMs: exec.elapsed(),
      startedAt: exec.startedAt,
      endedAt: exec.endedAt ?? exec.clock.now(),
    };
    this.executions.push(report);
    return report;
  }

  /** @internal One in-process execution. */
  execute(
    user: UserSession,
    fn: string,
    args: readonly unknown[],
    authMode: AuthModeName,
    kind: ExecutionKind,
  ): ExecutionReport {
    const outcome = runInProcess(this.world, {
      account: user.email,
      locale: user.locale,
      authMode,
      kind,
      fn,
      args,
      canBlock: false,
      codePath: this.codePath,
      htmlDir: this.htmlDir,
      ignoreCase: kind === 'customFunction',
    });
    return this.record(user.email, outcome);
  }

  /**
   * Runs executions at the same time, each in its own worker thread, against this world: they
   * contend for locks and their calls interleave. Resolves when all have ended, with one report
   * each (in the order given; failures are reports with `ok: false`, never a rejection).
   */
  async concurrently(
    runs: readonly ConcurrentRun[],
    options: ConcurrentOptions = {},
  ): Promise<ExecutionReport[]> {
    const names = runs.map((r) => r.name ?? r.user);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined)
      throw new Error(
        `Emulator.concurrently: two runs are named "${dup}"; give each a distinct name.`,
      );
    const scheduler = new Scheduler(options.pauses, options.onCall);
    for (const p of options.pauses ?? [])
      for (const n of [p.exec, p.until.exec])
        if (!names.includes(n))
          throw new Error(
            `Emulator.concurrently: a pause names "${n}", which is not a run (${names.join(', ')}).`,
          );
    const outcomes = await Promise.all(
      runs.map((r, i) => {
        const user = this.as(r.user);
        const authMode = r.authMode ?? 'FULL';
        return runInWorker(
          this.world,
          {
            name: names[i] ?? r.user,
            account: user.email,
            locale: user.locale,
            authMode,
            kind: authMode === 'CUSTOM_FUNCTION' ? 'customFunction' : 'run',
            fn: r.fn,
            args: r.args ?? [],
            canBlock: true,
            codePath: this.codePath,
            htmlDir: this.htmlDir,
            ignoreCase: authMode === 'CUSTOM_FUNCTION',
          },
          scheduler,
        );
      }),
    );
    return outcomes.map((o, i) => {
      const report = this.record(names[i] ?? '', o);
      this.as(runs[i]?.user ?? '').remember(report);
      return report;
    });
  }
}

/** A custom function's result, or its error (UnknownFunctionError for a name not defined). */
function customFunctionValue(report: ExecutionReport): unknown {
  if (report.ok) return report.value;
  if (report.error?.message === SCRIPT_FUNCTION_NOT_FOUND(report.fn))
    throw new UnknownFunctionError(report.fn);
  throw report.error ?? new Error('Emulator: the custom function failed.');
}

function findItem(
  entries: readonly RecordedMenuEntry[],
  path: readonly string[],
): string | undefined {
  const [head, ...rest] = path;
  for (const e of entries) {
    if (e.kind === 'item' && rest.length === 0 && e.caption === head) return e.functionName;
    if (e.kind === 'submenu' && e.menu.caption === head && rest.length > 0)
      return findItem(e.menu.entries, rest);
  }
  return undefined;
}

/** One simulated user of the workbook. */
export class UserSession {
  private last: ExecutionReport | undefined;

  constructor(
    private readonly emulator: Emulator,
    readonly email: string,
    readonly locale: string,
  ) {}

  private get ui() {
    return this.emulator.world.ui(this.email);
  }

  /** @internal */
  remember(report: ExecutionReport): ExecutionReport {
    this.last = report;
    return report;
  }

  private exec(fn: string, args: readonly unknown[], authMode: AuthModeName, kind: ExecutionKind) {
    return this.remember(this.emulator.execute(this, fn, args, authMode, kind));
  }

  private static unwrap(report: ExecutionReport): unknown {
    if (!report.ok) throw report.error ?? new Error('Emulator: the execution failed.');
    return report.value;
  }

  /** Runs a top-level function in AuthMode.FULL (a menu click, the editor's Run) and returns its result. */
  run(fn: string, ...args: unknown[]): unknown {
    return UserSession.unwrap(this.exec(fn, args, 'FULL', 'run'));
  }

  /** Runs a function in any mode and returns the report (never throws for the script's errors). */
  execute(
    fn: string,
    args: readonly unknown[] = [],
    authMode: AuthModeName = 'FULL',
  ): ExecutionReport {
    const kind: ExecutionKind =
      authMode === 'CUSTOM_FUNCTION'
        ? 'customFunction'
        : authMode === 'FULL'
          ? 'run'
          : 'simpleTrigger';
    return this.exec(fn, args, authMode, kind);
  }

  /** Runs a function in a worker thread (it can wait for locks held by other executions). */
  async runAsync(fn: string, ...args: unknown[]): Promise<unknown> {
    const [report] = await this.emulator.concurrently([{ user: this.email, fn, args }]);
    if (!report) throw new Error('Emulator: no report');
    return UserSession.unwrap(report);
  }

  /**
   * Opens the workbook: the user's menus are reset and `onOpen(e)` runs with `e.authMode` (NONE by
   * default, as for an installed add-on; LIMITED when the add-on is enabled in the file).
   */
  open(authMode: AuthModeName = 'NONE'): ExecutionReport {
    this.ui.resetMenus();
    const report = this.exec(
      'onOpen',
      [{ authMode }],
      authMode,
      authMode === 'FULL' ? 'run' : 'simpleTrigger',
    );
    UserSession.unwrap(report);
    return report;
  }

  /** Installs the add-on: `onInstall(e)` in FULL. */
  install(): ExecutionReport {
    const report = this.exec('onInstall', [{ authMode: 'FULL' }], 'FULL', 'run');
    UserSession.unwrap(report);
    return report;
  }

  /** Calls a custom function as a formula cell does (AuthMode.CUSTOM_FUNCTION, 30 s). */
  customFunction(name: string, ...args: unknown[]): unknown {
    return customFunctionValue(this.exec(name, args, 'CUSTOM_FUNCTION', 'customFunction'));
  }

  /**
   * Clicks a menu item the user's menus show: `clickMenu('Portfolio Pilot', 'Help')` (menu
   * caption, then item captions through sub-menus). Runs its function in FULL.
   */
  clickMenu(...path: string[]): unknown {
    const [caption, ...items] = path;
    const menu = this.ui.menus.find((m) => m.caption === caption);
    if (!menu)
      throw new Error(
        `Emulator: ${this.email} has no menu "${String(caption)}" (menus: ${this.ui.menus.map((m) => m.caption).join(', ') || 'none; call open() first'}).`,
      );
    const fn = findItem(menu.entries, items);
    if (fn === undefined)
      throw new Error(
        `Emulator: the menu "${String(caption)}" has no item ${items.map((i) => `"${i}"`).join(' → ')}.`,
      );
    return this.run(fn);
  }

  /**
   * Calls a server function as `google.script.run` does: FULL, arguments checked and copied
   * (Dates and functions refused, undefined entries → null), the result copied back (Dates → null).
   */
  scriptRun(fn: string, ...args: unknown[]): unknown {
    const sent = args.map((a, i) => fromClient(a, `argument ${String(i + 1)}`));
    return toClient(this.run(fn, ...sent));
  }

  /** `scriptRun` in a worker thread, for calls that overlap (two submissions at once). */
  async scriptRunAsync(fn: string, ...args: unknown[]): Promise<unknown> {
    const sent = args.map((a, i) => fromClient(a, `argument ${String(i + 1)}`));
    return toClient(await this.runAsync(fn, ...sent));
  }

  /** Queues the answer to the next `Ui.alert` this user sees. */
  answerAlert(button: ButtonName): this {
    if (!isEnumValue(Button, button))
      throw new Error(
        `Emulator: answerAlert needs a Button (${Object.keys(Button).join(', ')}), got ${String(button)}.`,
      );
    this.ui.responses.push({ kind: 'alert', button });
    return this;
  }

  /** Queues the answer to the next `Ui.prompt`: the text typed and the button pressed. */
  answerPrompt(text: string, button: ButtonName = 'OK'): this {
    if (!isEnumValue(Button, button))
      throw new Error(
        `Emulator: answerPrompt needs a Button (${Object.keys(Button).join(', ')}), got ${String(button)}.`,
      );
    this.ui.responses.push({ kind: 'prompt', text, button });
    return this;
  }

  /** Drops the scripted answers not used yet. */
  clearResponses(): this {
    this.ui.responses.length = 0;
    return this;
  }

  /** Scripted answers not used yet. */
  get pendingResponses(): number {
    return this.ui.responses.length;
  }

  /** The menus this user sees (since the last `open()`). */
  get menus(): readonly RecordedMenu[] {
    return this.ui.menus;
  }

  /** Alerts and prompts shown to this user, with the answers given. */
  get dialogs(): readonly DialogRecord[] {
    return this.ui.dialogs;
  }

  /** Sidebars and dialogs shown to this user (HtmlOutput content, title, size). */
  get shown(): readonly ShownHtml[] {
    return this.ui.shown;
  }

  get lastSidebar(): ShownHtml | undefined {
    return [...this.ui.shown].reverse().find((s) => s.kind === 'sidebar');
  }

  /** Toasts the workbook recorded for this user (when the spreadsheet half records them). */
  get toasts(): readonly unknown[] {
    const all = (this.emulator.workbook as { toasts?: unknown } | undefined)?.toasts;
    if (!Array.isArray(all)) return [];
    return (all as unknown[]).filter((t) => {
      const user = (t as { user?: unknown }).user;
      return user === undefined || user === this.email;
    });
  }

  get lastExecution(): ExecutionReport | undefined {
    return this.last;
  }

  /** The call counts of this user's last execution. */
  get lastCalls(): CallCounter {
    if (!this.last) throw new Error(`Emulator: ${this.email} has run nothing yet.`);
    return this.last.calls;
  }

  /** The log of this user's last execution. */
  get logs(): readonly string[] {
    return this.last?.logs ?? [];
  }
}

/** The world's clock: the one given, or one built from options with the slowdown applied. */
function emulatorClock(clock: Clock | ClockOptions | undefined, slowdown = 1): Clock {
  if (!(slowdown > 0) || !Number.isFinite(slowdown))
    throw new Error(`Emulator: slowdown must be a positive number, got ${String(slowdown)}`);
  if (clock instanceof Clock) {
    if (slowdown !== 1)
      throw new Error('Emulator: give slowdown with clock options, not with a ready-made Clock');
    return clock;
  }
  return new Clock({ ...clock, scale: (clock?.scale ?? 1) * slowdown });
}
