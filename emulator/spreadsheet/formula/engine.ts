/**
 * Recalculation. Writes mark the cells they touched as dirty; the next read recalculates, in
 * order of dependence, every formula whose inputs (or whose result area) intersect something
 * dirty. Structural changes recalculate everything.
 *
 * Sheets semantics reproduced: a single-cell argument is passed as its value, a range as a 2-D
 * array ("" for blank; open ranges such as A2:D run to the sheet's last row); a 2-D result
 * spills right and down into empty cells, or the formula shows #REF! ("Array result was not
 * expanded because it would overwrite data in C5."); a thrown Error shows #ERROR! with its
 * message kept; an unknown function shows #NAME?. A formula's dependencies are every formula
 * whose anchor is above-left of the end of a range it reads (only those can spill into it);
 * they are evaluated first.
 */
import { cellA1, intersects, resolveRef, type Rect } from '../a1';
import { MSG } from '../messages';
import type { Anchor } from '../model/anchor';
import type { SheetModel } from '../model/sheet';
import { isDate } from '../time';
import { readValue, type Stored } from '../values';
import { BUILTINS } from './builtins';
import type { EvalResult, FormulaCell, Input } from './cell';
import type { FormulaArg } from './parse';

/** The hook the runtime installs: calls a custom function of the bundle. */
export type CustomFunctionHost = (name: string, args: unknown[]) => unknown;

/**
 * What a host throws for a name the bundle does not define (a thrown Error whose message starts
 * "Unknown function" is read the same way): the cell shows #NAME?.
 */
export class UnknownFunctionError extends Error {
  override name = 'UnknownFunctionError';
  constructor(fn: string) {
    super(MSG.unknownFunction(fn));
  }
}

export interface EngineWorkbook {
  readonly sheets: readonly SheetModel[];
  findSheet(name: string): SheetModel | undefined;
  namedAnchor(name: string): Anchor | undefined;
  readonly timeZone: string;
  readonly customFunctionHost: CustomFunctionHost | undefined;
}

interface Entry {
  sheet: SheetModel;
  r: number;
  c: number;
  f: FormulaCell;
}

type Resolved =
  | { kind: 'range'; sheet: SheetModel; rect: Rect }
  | { kind: 'value'; value: unknown }
  | { kind: 'error'; code: string; message: string };

function err(code: string, message: string): EvalResult {
  return { kind: 'error', code, message };
}

export class FormulaEngine {
  private dirty: Input[] = [];
  private all = true;
  private pass = 0;
  private running = false;
  private index = new Map<SheetModel, Entry[]>();

  constructor(private readonly wb: EngineWorkbook) {}

  /** Cells of `sheet` changed. */
  touch(sheet: SheetModel, rect: Rect): void {
    if (this.all) return;
    this.dirty.push({ sheet, rect });
    if (this.dirty.length > 10_000) this.touchAll();
  }

  /** Everything may have changed (rows/columns moved, sheets added or renamed, host changed). */
  touchAll(): void {
    this.all = true;
    this.dirty = [];
  }

  /**
   * Takes the values formulas hold as current (after an import with cached results); formulas
   * without a cached result are evaluated on the next read.
   */
  markClean(): void {
    this.all = false;
    this.dirty = [];
    for (const sheet of this.wb.sheets)
      sheet.formulas.forEach((f, r, c) => {
        if (f.result === undefined)
          this.touch(sheet, { r1: r + 1, c1: c + 1, r2: r + 1, c2: c + 1 });
      });
  }

  /** Brings every formula's value up to date; cheap when nothing is dirty. */
  recalc(): void {
    if (this.running || (!this.all && this.dirty.length === 0)) return;
    this.running = true;
    try {
      const entries: Entry[] = [];
      this.index = new Map();
      for (const sheet of this.wb.sheets) {
        const list: Entry[] = [];
        sheet.formulas.forEach((f, r, c) => list.push({ sheet, r, c, f }));
        this.index.set(sheet, list);
        entries.push(...list);
      }
      if (this.all) {
        for (const sheet of this.wb.sheets) {
          sheet.spill.forEach((_f, r, c) => {
            sheet.values.set(r, c, undefined);
            sheet.spill.set(r, c, undefined);
          });
        }
        for (const e of entries) {
          e.f.result = undefined;
          e.f.area = undefined;
          e.f.desired = undefined;
        }
      }
      this.pass++;
      for (const e of entries) this.evaluate(e);
    } finally {
      this.running = false;
      this.dirty = [];
      this.all = false;
    }
  }

  private isDirty(sheet: SheetModel, rect: Rect): boolean {
    if (this.all) return true;
    for (const d of this.dirty) if (d.sheet === sheet && intersects(d.rect, rect)) return true;
    return false;
  }

  private evaluate(e: Entry): void {
    const f = e.f;
    if (f.pass === this.pass || f.visiting) return;
    f.visiting = true;
    try {
      const parsed = f.parsed;
      let result: EvalResult | undefined;
      const inputs: Input[] = [];
      let resolved: Resolved[] = [];
      if (f.text.includes('#REF!')) {
        result = err('#REF!', 'Reference does not exist.');
      } else if (!parsed.ok) {
        result = f.cached ?? err('#ERROR!', MSG.unsupportedFormula(f.text));
      } else {
        resolved = parsed.call.args.map((a) => this.resolve(a, e.sheet));
        for (const r of resolved) {
          if (r.kind === 'error') {
            result = err(r.code, r.message);
            break;
          }
          if (r.kind !== 'range') continue;
          inputs.push({ sheet: r.sheet, rect: r.rect });
          const self = { r1: e.r + 1, c1: e.c + 1, r2: e.r + 1, c2: e.c + 1 };
          if (r.sheet === e.sheet && intersects(r.rect, self)) {
            result = err('#REF!', MSG.circular);
            break;
          }
        }
        for (const input of inputs)
          for (const g of this.index.get(input.sheet) ?? [])
            if (g.f !== f && g.r < input.rect.r2 && g.c < input.rect.c2) this.evaluate(g);
      }
      const needsCall = f.result === undefined || inputs.some((i) => this.isDirty(i.sheet, i.rect));
      f.inputs = inputs;
      if (needsCall)
        f.result =
          result ??
          (parsed.ok ? this.call(parsed.call.name, resolved, f.cached) : err('#ERROR!', ''));
      if (needsCall || !f.desired || this.isDirty(e.sheet, f.desired)) this.layout(e);
      f.pass = this.pass;
    } finally {
      f.visiting = false;
    }
  }

  private resolve(a: FormulaArg, home: SheetModel): Resolved {
    switch (a.kind) {
      case 'number':
      case 'string':
      case 'boolean':
        return { kind: 'value', value: a.value };
      case 'omitted':
        return { kind: 'value', value: undefined };
      case 'name': {
        const anchor = this.wb.namedAnchor(a.name);
        if (!anchor?.valid || !anchor.sheet.alive)
          return {
            kind: 'error',
            code: '#NAME?',
            message: `Unknown range name: '${a.name.toUpperCase()}'.`,
          };
        return { kind: 'range', sheet: anchor.sheet, rect: anchor.rect };
      }
      case 'ref': {
        const sheet = a.ref.sheet === undefined ? home : this.wb.findSheet(a.ref.sheet);
        if (!sheet)
          return {
            kind: 'error',
            code: '#REF!',
            message: `Unresolved sheet name '${a.ref.sheet ?? ''}'.`,
          };
        const { rect } = resolveRef(a.ref, sheet.maxRows, sheet.maxColumns);
        if (rect.r1 > sheet.maxRows || rect.c1 > sheet.maxColumns)
          return { kind: 'error', code: '#REF!', message: 'Reference does not exist.' };
        return {
          kind: 'range',
          sheet,
          rect: {
            ...rect,
            r2: Math.min(rect.r2, sheet.maxRows),
            c2: Math.min(rect.c2, sheet.maxColumns),
          },
        };
      }
    }
  }

  /** A range's values as a custom function receives them. */
  private argValue(r: Resolved): unknown {
    if (r.kind === 'value') return r.value;
    if (r.kind === 'error') return undefined;
    const { sheet, rect } = r;
    const tz = this.wb.timeZone;
    const out: unknown[][] = [];
    for (let row = rect.r1 - 1; row < rect.r2; row++) {
      const vals = sheet.values.row(row);
      const fmts = sheet.formats.row(row);
      const line: unknown[] = [];
      for (let col = rect.c1 - 1; col < rect.c2; col++)
        line.push(readValue(vals?.[col], fmts?.[col], tz));
      out.push(line);
    }
    if (out.length === 1 && out[0]?.length === 1) return out[0][0];
    return out;
  }

  /** Calls a built-in or the host; a name neither knows gives #NAME?, or `cached` when imported. */
  private call(name: string, resolved: Resolved[], cached?: EvalResult): EvalResult {
    const args = resolved.map((r) => this.argValue(r));
    // Trailing omitted arguments are simply not passed.
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    const builtin = BUILTINS[name];
    const host = this.wb.customFunctionHost;
    let raw: unknown;
    try {
      if (builtin) raw = builtin(args);
      else if (!host) return cached ?? err('#NAME?', MSG.unknownFunction(name));
      else raw = host(name, args);
    } catch (e) {
      const message =
        e !== null && typeof e === 'object' && 'message' in e ? String(e.message) : String(e);
      if (e instanceof UnknownFunctionError || message.startsWith('Unknown function'))
        return cached ?? err('#NAME?', MSG.unknownFunction(name));
      return err('#ERROR!', message);
    }
    return normalize(raw, name);
  }

  private layout(e: Entry): void {
    const { sheet, r, c, f } = e;
    if (f.area) {
      const old = f.area;
      sheet.spill.forEachIn(old, (owner, rr, cc) => {
        if (owner !== f) return;
        sheet.values.set(rr, cc, undefined);
        sheet.spill.set(rr, cc, undefined);
      });
      this.touch(sheet, old);
      f.area = undefined;
    }
    const anchor = { r1: r + 1, c1: c + 1, r2: r + 1, c2: c + 1 };
    const res = f.result;
    const fail = (code: string, message: string): void => {
      sheet.values.set(r, c, code);
      f.error = { code, message };
      this.touch(sheet, anchor);
    };
    if (!res) return;
    if (res.kind === 'error') {
      f.desired = anchor;
      fail(res.code, res.message);
      return;
    }
    const rows = res.rows;
    const h = rows.length;
    const w = rows[0]?.length ?? 1;
    const area = { r1: r + 1, c1: c + 1, r2: r + h, c2: c + w };
    f.desired = area;
    if (area.r2 > sheet.maxRows) {
      fail('#REF!', MSG.spillRows(area.r2 - sheet.maxRows));
      return;
    }
    if (area.c2 > sheet.maxColumns) {
      fail('#REF!', MSG.spillCols(area.c2 - sheet.maxColumns));
      return;
    }
    for (let rr = area.r1 - 1; rr < area.r2; rr++)
      for (let cc = area.c1 - 1; cc < area.c2; cc++) {
        if (rr === r && cc === c) continue;
        const owner = sheet.spill.get(rr, cc);
        if (sheet.hasContent(rr, cc) || (owner !== undefined && owner !== f)) {
          fail('#REF!', MSG.spillBlocked(cellA1(rr + 1, cc + 1)));
          return;
        }
      }
    for (let i = 0; i < h; i++) {
      const line = rows[i] ?? [];
      for (let j = 0; j < w; j++) {
        const v = line[j] ?? '';
        if (i === 0 && j === 0) {
          sheet.values.set(r, c, v === '' ? undefined : v);
        } else {
          sheet.values.set(r + i, c + j, v);
          sheet.spill.set(r + i, c + j, f);
        }
      }
    }
    f.area = area;
    f.error = undefined;
    this.touch(sheet, area);
  }
}

/** A value a custom function returned, as a cell stores it. */
function cellOf(v: unknown): Stored | undefined {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '#NUM!';
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (isDate(v)) return new Date(v.getTime());
  return undefined;
}

/**
 * A custom function's return value as rows of cells: a 2-D array as it is (ragged rows padded
 * with blanks), a 1-D array as a column, a single value as 1×1. What Sheets does with an empty
 * array or an object is not documented: the emulator shows a blank for [] and #ERROR! for
 * objects.
 */
/** Sheets' limit on the characters of one cell (Workbook.CELL_CHARS). */
const CELL_CHARS = 50_000;

export function normalize(raw: unknown, name = 'the formula'): EvalResult {
  const rows: unknown[][] = Array.isArray(raw)
    ? (raw as unknown[]).map((row) => (Array.isArray(row) ? (row as unknown[]) : [row]))
    : [[raw]];
  if (rows.length === 0) rows.push(['']);
  const w = rows.reduce((m, row) => Math.max(m, row.length), 1);
  const out: Stored[][] = [];
  for (const row of rows) {
    const line: Stored[] = [];
    for (let j = 0; j < w; j++) {
      const v = cellOf(j < row.length ? row[j] : '');
      if (v === undefined)
        return err(
          '#ERROR!',
          `Emulator: the result holds a value a cell cannot show (${typeof row[j]}).`,
        );
      if (typeof v === 'string' && v.length > CELL_CHARS)
        return err('#VALUE!', MSG.resultTooLong(name, CELL_CHARS));
      line.push(v);
    }
    out.push(line);
  }
  return { kind: 'array', rows: out };
}
