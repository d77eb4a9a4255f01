/**
 * The workbook-level world one Emulator owns — document/script/user properties, caches, locks,
 * each user's Ui, the workbook (through the SpreadsheetBackend seam) — and the executions that
 * act on it. Services are built here per execution, bound to that execution's user, mode and
 * call counter; both in-process and worker executions use the objects built here.
 */
import { Clock } from './clock';
import { CallCounter, instrument, type AuthModeName, type ExecutionContext } from './context';
import { CacheStores, createCacheService } from './services/cache';
import { ChartType } from './services/enums';
import type { Execution } from './services/execution';
import { LockTable, createLockService } from './services/lock';
import {
  CUSTOM_FUNCTION_TIMEOUT,
  EXECUTION_TIMEOUT,
  NO_UI_CONTEXT,
  permissionDenied,
} from './services/messages';
import { PropertyStores, createPropertiesService } from './services/properties';
import {
  createConsole,
  createLogger,
  createScriptApp,
  createSession,
  visibleEmail,
} from './services/session';
import { UiState, createUi } from './services/ui';
import { createUtilities } from './services/utilities';

/**
 * The spreadsheet half of the emulator (emulator/spreadsheet, built separately) as the runtime
 * needs it. The lead wires it as:
 *   { workbook, createSpreadsheetApp: (ctx) => createSpreadsheetApp(workbook, ctx),
 *     createCharts: () => createChartsService() }
 */
export interface SpreadsheetBackend {
  readonly workbook: WorkbookLike;
  /** One execution's `SpreadsheetApp` global; its `getUi()` must return `ctx.ui()`. */
  createSpreadsheetApp(ctx: ExecutionContext): GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  /** The `Charts` global, when the spreadsheet half provides one. */
  createCharts?(ctx: ExecutionContext): GoogleAppsScript.Charts.Charts;
}

/** What the runtime uses of the spreadsheet half's Workbook. */
export interface WorkbookLike {
  /** Formulas `=NAME(…)` typed in the sheet call this to run the bundle's custom functions. */
  setCustomFunctionHost(host: (name: string, args: unknown[]) => unknown): void;
}

/** Kinds of execution, each with its Apps Script time limit. */
export type ExecutionKind = 'run' | 'customFunction' | 'simpleTrigger';

export interface Limits {
  /** Menu actions, google.script.run, onInstall: 6 min. */
  readonly run: number;
  /** Custom functions: 30 s. */
  readonly customFunction: number;
  /** Simple triggers (onOpen in NONE/LIMITED): 30 s. */
  readonly simpleTrigger: number;
}

export const APPS_SCRIPT_LIMITS: Limits = {
  run: 6 * 60_000,
  customFunction: 30_000,
  simpleTrigger: 30_000,
};

export const LIMIT_MESSAGE: Readonly<Record<ExecutionKind, string>> = {
  run: EXECUTION_TIMEOUT,
  customFunction: CUSTOM_FUNCTION_TIMEOUT,
  simpleTrigger: EXECUTION_TIMEOUT,
};

export interface WorldOptions {
  readonly clock: Clock;
  readonly owner: string;
  readonly addonName: string;
  readonly scriptTimeZone: string;
  readonly scriptId: string;
  readonly limits: Limits;
  readonly spreadsheet?: SpreadsheetBackend;
  /**
   * The LinearOptimizationService global (emulator/services/linear-optimization.ts, backed by
   * HiGHS, which loads asynchronously: await loadLinearOptimizationService() first). Absent: the
   * global is not defined, as for a script that never declared the service.
   */
  readonly linearOptimization?: GoogleAppsScript.Optimization.LinearOptimizationService;
}

export interface ExecutionSpec {
  readonly account: string;
  readonly locale: string;
  readonly authMode: AuthModeName;
  readonly kind: ExecutionKind;
  readonly fn: string;
  readonly canBlock: boolean;
}

/** Counts calls and enforces the execution's time limit on every counted service call. */
class LimitedCounter extends CallCounter {
  constructor(private readonly exec: ExecutionRecord) {
    super();
  }
  override count(service: string, method: string): void {
    this.exec.checkTime();
    super.count(service, method);
  }
  /** Adds counts made elsewhere (a worker's own services), without the time check. */
  merge(counts: Readonly<Record<string, number>>): void {
    for (const [key, n] of Object.entries(counts)) {
      const dot = key.indexOf('.');
      for (let i = 0; i < n; i++) super.count(key.slice(0, dot), key.slice(dot + 1));
    }
  }
}

/** The main thread's record of one execution. */
export class ExecutionRecord implements Execution {
  readonly calls: LimitedCounter;
  readonly user: { readonly email: string; readonly locale: string };
  readonly logs: string[] = [];
  /** Emulated ms when the execution began (a worker's: when it was up and loading Code.js). */
  startedAt: number;
  /** Set once the execution ran past its limit: Apps Script kills it, whatever it does next. */
  killed = false;
  /** Emulated ms when the execution ended (undefined while it runs). */
  endedAt: number | undefined;
  private uiObject: GoogleAppsScript.Base.Ui | undefined;

  constructor(
    readonly id: number,
    readonly spec: ExecutionSpec,
    private readonly world: World,
  ) {
    this.calls = new LimitedCounter(this);
    this.user = { email: visibleEmail(this), locale: spec.locale };
    this.startedAt = world.clock.now();
  }

  get authMode(): AuthModeName {
    return this.spec.authMode;
  }
  get account(): string {
    return this.spec.account;
  }
  get canBlock(): boolean {
    return this.spec.canBlock;
  }
  get clock(): Clock {
    return this.world.clock;
  }
  get owner(): string {
    return this.world.options.owner;
  }
  get kind(): ExecutionKind {
    return this.spec.kind;
  }
  get limitMs(): number {
    return this.world.options.limits[this.spec.kind];
  }
  get limitMessage(): string {
    return LIMIT_MESSAGE[this.spec.kind];
  }
  /** Starts the execution's time now (a worker execution, once its thread is up). */
  restart(): void {
    this.startedAt = this.world.clock.now();
  }

  /** Emulated milliseconds since the execution began (until it ended). */
  elapsed(): number {
    return (this.endedAt ?? this.world.clock.now()) - this.startedAt;
  }
  /** Real milliseconds left before the limit. */
  realBudget(): number {
    return this.world.clock.toReal(this.limitMs - this.elapsed());
  }

  /** True once the execution has run past its limit (whether or not a call noticed). */
  overLimit(): boolean {
    return this.killed || this.elapsed() > this.limitMs;
  }

  /** Throws the limit message once the execution has run too long (and from then on). */
  checkTime(): void {
    if (!this.killed && this.elapsed() > this.limitMs) this.killed = true;
    if (this.killed) throw new Error(this.limitMessage);
  }

  ui(): GoogleAppsScript.Base.Ui {
    if (this.spec.authMode === 'CUSTOM_FUNCTION') throw new Error(NO_UI_CONTEXT);
    this.uiObject ??= createUi({
      exec: this,
      state: this.world.ui(this.spec.account),
      addonName: this.world.options.addonName,
      releaseLocks: () => {
        this.world.locks.releaseAll(this.id);
      },
    });
    return this.uiObject;
  }
}

export class World {
  readonly properties = new PropertyStores();
  readonly caches: CacheStores;
  readonly locks = new LockTable();
  private readonly uis = new Map<string, UiState>();
  private nextId = 1;

  constructor(readonly options: WorldOptions) {
    this.caches = new CacheStores(options.clock);
  }

  get clock(): Clock {
    return this.options.clock;
  }

  ui(email: string): UiState {
    let s = this.uis.get(email);
    if (!s) this.uis.set(email, (s = new UiState(email)));
    return s;
  }

  begin(spec: ExecutionSpec): ExecutionRecord {
    return new ExecutionRecord(this.nextId++, spec, this);
  }

  /**
   * The end of an execution: its locks are released and its waits dropped. An execution stopped
   * for running too long ran at least its limit: the vm watchdog counts real time on its own
   * timer and may fire a fraction of a real millisecond early, which a scaled clock magnifies.
   */
  end(exec: ExecutionRecord): void {
    exec.endedAt = this.clock.now();
    if (exec.killed) exec.endedAt = Math.max(exec.endedAt, exec.startedAt + exec.limitMs + 1);
    this.locks.forget(exec.id);
  }

  /**
   * The services that act on the shared world, as globals for one execution (HtmlService is built
   * where the script runs: its templates run in the script's realm).
   */
  services(exec: ExecutionRecord): Record<string, object> {
    const o = this.options;
    const services: Record<string, object> = {
      SpreadsheetApp: o.spreadsheet
        ? o.spreadsheet.createSpreadsheetApp(exec)
        : createSpreadsheetStub(exec),
      PropertiesService: createPropertiesService(exec, this.properties),
      CacheService: createCacheService(exec, this.caches),
      LockService: createLockService(exec, this.locks),
      Session: createSession(exec, { scriptTimeZone: o.scriptTimeZone, scriptId: o.scriptId }),
      Utilities: createUtilities(exec),
      Logger: createLogger(exec, exec.logs),
      ScriptApp: createScriptApp(exec, o.scriptId),
      console: createConsole(exec.logs),
    };
    services.Charts = o.spreadsheet?.createCharts?.(exec) ?? createChartsStub(exec);
    if (o.linearOptimization)
      services.LinearOptimizationService = guardOptimization(exec, o.linearOptimization);
    return services;
  }
}

/**
 * LinearOptimizationService for one execution, counted. It is not on the custom-function list of
 * allowed services, and AuthMode.NONE allows only Logger and Utilities: engines cannot be created
 * there (the permission error); the enums stay readable.
 */
function guardOptimization(
  exec: ExecutionRecord,
  service: GoogleAppsScript.Optimization.LinearOptimizationService,
): GoogleAppsScript.Optimization.LinearOptimizationService {
  const guarded: GoogleAppsScript.Optimization.LinearOptimizationService = {
    Status: service.Status,
    VariableType: service.VariableType,
    createEngine: (): GoogleAppsScript.Optimization.LinearOptimizationEngine => {
      if (exec.authMode === 'CUSTOM_FUNCTION' || exec.authMode === 'NONE') {
        throw permissionDenied('LinearOptimizationService.createEngine');
      }
      return instrument(service.createEngine(), 'LinearOptimizationEngine', exec.calls);
    },
  };
  return instrument(guarded, 'LinearOptimizationService', exec.calls);
}

/** The Charts global until the spreadsheet half provides one: the ChartType enum only. */
class ChartsStub {
  readonly ChartType = ChartType;
}

function createChartsStub(exec: ExecutionRecord): GoogleAppsScript.Charts.Charts {
  return instrument(
    new ChartsStub(),
    'Charts',
    exec.calls,
  ) as unknown as GoogleAppsScript.Charts.Charts;
}

/**
 * The SpreadsheetApp used until the spreadsheet half is attached: `getUi()` (menus, alerts,
 * sidebars work) and nothing else.
 */
class SpreadsheetStub {
  constructor(private readonly exec: ExecutionRecord) {}
  getUi(): GoogleAppsScript.Base.Ui {
    return this.exec.ui();
  }
  getActiveSpreadsheet(): never {
    throw new Error(
      'Emulator: no spreadsheet is attached to this Emulator; pass `spreadsheet` (emulator/spreadsheet) to new Emulator().',
    );
  }
}

function createSpreadsheetStub(exec: ExecutionRecord): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  return instrument(
    new SpreadsheetStub(exec),
    'SpreadsheetApp',
    exec.calls,
  ) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}
