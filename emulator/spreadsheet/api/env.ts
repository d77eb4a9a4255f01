/**
 * What every emulated Spreadsheet object of one execution shares: the workbook, the execution
 * context (user, auth mode, call counter) and the checks Apps Script makes before a call.
 *
 * Auth modes: in CUSTOM_FUNCTION every setter throws "You do not have permission to call X"
 * (reads work); in NONE any document access throws an authorization error; LIMITED and FULL
 * may read and write.
 */
import type { Rect } from '../a1';
import { instrument, type ExecutionContext } from '../../context';
import { MSG, text, typeName } from '../messages';
import type { SheetModel } from '../model/sheet';
import type { Workbook } from '../workbook';
import { hostDate, type DateFactory } from '../values';

/** A facade object that knows its own instrumented proxy (what its methods return). */
export interface Facade {
  self: unknown;
}

export interface SpreadsheetAppOptions {
  /**
   * Makes the Dates returned to the script (default: this realm's Date). Pass the bundle
   * realm's, e.g. `(ms) => new (bundle.evaluate('Date') as DateConstructor)(ms)`, when the
   * script's code tests `instanceof Date`.
   */
  newDate?: DateFactory;
}

export class Env {
  readonly newDate: DateFactory;

  constructor(
    readonly workbook: Workbook,
    readonly ctx: ExecutionContext,
    options: SpreadsheetAppOptions = {},
  ) {
    this.newDate = options.newDate ?? hostDate;
    if (ctx.authMode !== 'NONE' && ctx.authMode !== 'CUSTOM_FUNCTION')
      workbook.addEditor(ctx.user.email);
  }

  get user(): string {
    return this.ctx.user.email;
  }

  /**
   * Wraps a facade so every call is counted as "<name>.<method>" and unknown methods throw;
   * the facade's `self` becomes the proxy, so chained calls are counted too.
   */
  wrap<T extends Facade>(obj: T, name: string): T {
    const proxy = instrument(obj, name, this.ctx.calls);
    obj.self = proxy;
    return proxy;
  }

  /** Document access (getActiveSpreadsheet…) is refused in AuthMode.NONE. */
  assertDocument(method: string): void {
    if (this.ctx.authMode === 'NONE') throw new Error(MSG.noAuthorization(method));
  }

  /** A setter: refused in custom functions (and without authorization). */
  assertWrite(method: string): void {
    if (this.ctx.authMode === 'CUSTOM_FUNCTION') throw new Error(MSG.noPermission(method));
    this.assertDocument(method);
  }

  /** A setter on cells: also refused when a protection the user may not edit covers them. */
  assertEditable(method: string, sheet: SheetModel, rect: Rect): void {
    this.assertWrite(method);
    if (this.workbook.blockingProtection(this.user, sheet, rect))
      throw new Error(MSG.protectedCell);
  }

  /** A structural change of a sheet (insert/delete rows, rename, …): the sheet must be editable. */
  assertSheetEditable(method: string, sheet: SheetModel): void {
    this.assertEditable(method, sheet, {
      r1: 1,
      c1: 1,
      r2: Math.max(1, sheet.maxRows),
      c2: Math.max(1, sheet.maxColumns),
    });
  }
}

/** Apps Script's "The parameters (…) don't match the method signature for …" error. */
export function badParameters(method: string, args: unknown[]): Error {
  return new Error(MSG.badParameters(args.map(typeName).join(','), method));
}

/** An integer argument as Apps Script reads it: numbers are truncated, others rejected. */
export function int(method: string, args: unknown[], i: number): number {
  const v = args[i];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badParameters(method, args);
  return Math.trunc(v);
}

export { text };

/** A script's argument as a boolean. */
export function bool(v: unknown): boolean {
  return Boolean(v);
}

/** An Apps Script enum member: the emulator represents each as its name. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller's enum type
export function enumValue<E>(name: string): E {
  return name as E & string;
}

/** An object whose properties are enum members named after themselves. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller's enum type
export function enumOf<E>(names: readonly string[]): E {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as unknown as E;
}

/** The name of an enum member given by a caller (the member itself, or its name). */
export function enumName(v: unknown): string {
  return String(v);
}
