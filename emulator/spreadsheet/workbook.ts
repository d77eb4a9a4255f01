/**
 * The shared state of one spreadsheet file. Several simulated users act on the same Workbook
 * through their own SpreadsheetApp (createSpreadsheetApp(workbook, ctx)); everything a user can
 * change lives here, and every change goes through the primitives below, which keep formulas,
 * references and protections consistent. Tests read it back through the helpers at the end.
 */
import {
  cellA1,
  parseA1,
  quoteSheetName,
  rectAfterDelete,
  rectAfterInsert,
  resolveRef,
  type Axis,
  type Rect,
} from './a1';
import { FormulaCell } from './formula/cell';
import { FormulaEngine, type CustomFunctionHost } from './formula/engine';
import { rewriteFormula } from './formula/rewrite';
import { MSG, text } from './messages';
import { Anchor } from './model/anchor';
import { ProtectionModel, type ProtectionKind } from './model/protection';
import { SheetModel } from './model/sheet';
import { cellLabel, satisfies, type ValidationRule } from './model/validation';
import { dateToSerial, isDate, isValidTimeZone } from './time';
import {
  dateFormatFor,
  displayValue,
  parseTyped,
  readValue,
  hostDate,
  type CellValue,
  type DateFactory,
  type Stored,
} from './values';
import { basename } from 'node:path';
import * as inspect from './inspect';
import { readXlsx, writeXlsx, type XlsxOptions } from './xlsx';

export interface WorkbookOptions {
  /** The file's name (Spreadsheet.getName()). */
  name?: string;
  /** IANA zone of the spreadsheet (default Etc/UTC, the manifest's). */
  timeZone?: string;
  locale?: string;
  /** The owner's email: may always edit, even protected ranges. */
  owner?: string;
  /** Other editors of the file. Every user who runs something is added as an editor too. */
  editors?: string[];
  /** Size of the first sheet (default 1000 × 26, as a new Google sheet). */
  rows?: number;
  columns?: number;
  /** Name of the first sheet (default "Sheet1"); null: no sheet (for imports). */
  sheetName?: string | null;
}

export interface Toast {
  readonly user: string;
  readonly message: string;
  readonly title: string;
  /** As given; null means the default 5 s, negative until dismissed. */
  readonly timeoutSeconds: number | null;
}

export interface UserSelection {
  sheet: SheetModel;
  rect: Rect;
  current: { row: number; col: number };
}

type Change = { kind: 'insert' | 'delete'; axis: Axis; at: number; count: number };

/** Options for Workbook.clear: which layers to empty. */
export interface ClearWhat {
  contents?: boolean;
  formats?: boolean;
  notes?: boolean;
  validations?: boolean;
}

let nextWorkbookId = 1;

export class Workbook {
  /** Sheets' limit on the cells of all sheets of a file (rows × columns). */
  static readonly CELL_LIMIT = 10_000_000;
  /** Sheets' limit on the characters of one cell (values and formulas). */
  static readonly CELL_CHARS = 50_000;

  readonly id: string;
  name: string;
  private tz: string;
  locale: string;
  readonly owner: string;
  readonly sheets: SheetModel[] = [];
  readonly protections: ProtectionModel[] = [];
  private readonly toastList: Toast[] = [];
  private readonly editorSet = new Set<string>();
  private readonly named = new Map<string, { name: string; anchor: Anchor }>();
  private readonly selections = new Map<string, UserSelection>();
  private readonly engine = new FormulaEngine(this);
  private host: CustomFunctionHost | undefined;
  private nextSheetId = 0;
  private nextChartId = 1;
  private nextProtectionId = 1;

  private constructor(opts: WorkbookOptions) {
    this.id = `emulated-spreadsheet-${nextWorkbookId++}`;
    this.name = opts.name ?? 'Untitled spreadsheet';
    this.tz = opts.timeZone ?? 'Etc/UTC';
    if (!isValidTimeZone(this.tz)) throw new Error(`Unknown time zone "${this.tz}".`);
    this.locale = opts.locale ?? 'en_US';
    this.owner = opts.owner ?? 'owner@example.com';
    this.editorSet.add(this.owner);
    for (const e of opts.editors ?? []) this.editorSet.add(e);
    if (opts.sheetName !== null)
      this.addSheet(opts.sheetName ?? 'Sheet1', undefined, opts.rows ?? 1000, opts.columns ?? 26);
  }

  /** A new file with one sheet "Sheet1" of 1000 rows × 26 columns. */
  static create(opts: WorkbookOptions = {}): Workbook {
    return new Workbook(opts);
  }

  /**
   * Loads an .xlsx file (path or bytes) with exceljs: values, formulas with their last values,
   * number formats, backgrounds, bold, font colours, notes, data validations, conditional
   * formats, frozen panes, merges, named ranges, column widths, hidden sheets, tab colours.
   */
  static async fromXlsx(
    source: string | Buffer | Uint8Array,
    opts: Omit<WorkbookOptions, 'sheetName' | 'rows' | 'columns'> = {},
  ): Promise<Workbook> {
    const wb = new Workbook({ ...opts, sheetName: null });
    const title = await readXlsx(wb, source);
    if (opts.name === undefined) {
      const file = typeof source === 'string' ? basename(source).replace(/\.xlsx$/i, '') : '';
      wb.name = title || file || wb.name;
    }
    return wb;
  }

  /**
   * Saves as .xlsx. exceljs cannot write charts: they are left out, or with `chartImages` drawn
   * as pictures where they sit.
   */
  async toXlsx(path: string, options: XlsxOptions = {}): Promise<void> {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path, await this.toXlsxBuffer(options));
  }

  async toXlsxBuffer(options: XlsxOptions = {}): Promise<Buffer> {
    this.recalc();
    return writeXlsx(this, options);
  }

  // ---- file-level state ----------------------------------------------------------------

  get timeZone(): string {
    return this.tz;
  }

  set timeZone(tz: string) {
    if (!isValidTimeZone(tz)) throw new Error(`Unknown time zone "${tz}".`);
    this.tz = tz;
  }

  /** The owner and every editor (explicit, or who ran something on the file). */
  editors(): string[] {
    return [...this.editorSet];
  }

  addEditor(email: string): void {
    if (email !== '') this.editorSet.add(email);
  }

  removeEditor(email: string): void {
    if (email !== this.owner) this.editorSet.delete(email);
  }

  get customFunctionHost(): CustomFunctionHost | undefined {
    return this.host;
  }

  /**
   * Installs (or removes) the hook that evaluates custom functions: `host(NAME, args)` with the
   * function name upper-cased as Sheets shows it and the arguments as Sheets passes them. It
   * returns the result or throws (an UnknownFunctionError, or an Error whose message starts
   * "Unknown function", for a name it does not know). Every formula is recalculated.
   */
  setCustomFunctionHost(host: CustomFunctionHost | null): void {
    this.host = host ?? undefined;
    this.engine.touchAll();
  }

  /** Takes formula values as they are (cached results of an imported file). */
  markCalculated(): void {
    this.engine.markClean();
  }

  /** Recalculates formulas now (reads do it on their own). */
  recalc(): void {
    this.engine.recalc();
  }

  // ---- sheets ------------------------------------------------------------------------------

  /**
   * The sheet with this name: exact match first, then ignoring case (how Sheets matches names
   * is not documented; the emulator treats names differing only by case as the same, as
   * Sheets refuses to create both).
   */
  findSheet(name: string): SheetModel | undefined {
    const exact = this.sheets.find((s) => s.name === name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetById(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  /** Rows × columns of every sheet. */
  totalCells(): number {
    return this.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
  }

  /** Throws when adding `extra` cells would pass the 10,000,000-cell limit. */
  assertCellLimit(extra: number): void {
    if (this.totalCells() + extra > Workbook.CELL_LIMIT)
      throw new Error(MSG.cellLimit(Workbook.CELL_LIMIT));
  }

  /** Adds a sheet (at 0-based `index`, default last). A duplicate name throws. */
  addSheet(name: string | undefined, index?: number, rows = 1000, columns = 26): SheetModel {
    let n = name;
    if (n === undefined) {
      let i = this.sheets.length + 1;
      while (this.findSheet(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    if (this.findSheet(n)) throw new Error(MSG.sheetExists(n));
    this.assertCellLimit(rows * columns);
    const sheet = new SheetModel(this.nextSheetId++, n, rows, columns);
    const at =
      index === undefined ? this.sheets.length : Math.max(0, Math.min(index, this.sheets.length));
    this.sheets.splice(at, 0, sheet);
    this.engine.touchAll();
    return sheet;
  }

  /**
   * A copy of a sheet ("Copy of X" unless named): contents, formulas, formats, notes,
   * validation, merges, sizes, frozen panes, conditional formats and charts.
   */
  duplicateSheet(src: SheetModel, name?: string, index?: number): SheetModel {
    const copy = this.addSheet(
      name ?? this.freeName(`Copy of ${src.name}`),
      index,
      src.maxRows,
      src.maxColumns,
    );
    const rebase = (a: Anchor): Anchor => {
      const b = a.copy();
      if (b.sheet === src) b.sheet = copy;
      return b;
    };
    copy.values.assign(src.values.mapped((v) => v));
    src.spill.forEach((_f, r, c) => {
      copy.values.set(r, c, undefined);
    });
    copy.formulas.assign(src.formulas.mapped((f) => new FormulaCell(f.text)));
    copy.formats.assign(src.formats.clone());
    copy.notes.assign(src.notes.clone());
    copy.validations.assign(src.validations.clone());
    for (const [k, g] of src.styles) copy.style(k).assign(g.clone());
    copy.merges = [...src.merges];
    copy.frozenRows = src.frozenRows;
    copy.frozenColumns = src.frozenColumns;
    copy.columnWidths = [...src.columnWidths];
    copy.rowHeights = [...src.rowHeights];
    copy.hiddenColumns = [...src.hiddenColumns];
    copy.hiddenRows = [...src.hiddenRows];
    copy.tabColor = src.tabColor;
    copy.cfRules = src.cfRules.map((r) => ({
      ranges: r.ranges.map(rebase),
      condition: r.condition && { ...r.condition },
      gradient: r.gradient && { ...r.gradient },
    }));
    copy.charts = src.charts.map((c) => {
      const m = c.copy();
      m.id = this.newChartId();
      m.ranges = m.ranges.map(rebase);
      return m;
    });
    this.engine.touchAll();
    return copy;
  }

  private freeName(base: string): string {
    if (!this.findSheet(base)) return base;
    let i = 2;
    while (this.findSheet(`${base} ${i}`)) i++;
    return `${base} ${i}`;
  }

  /** Deletes a sheet (not the last one); what referred to it becomes invalid. */
  removeSheet(sheet: SheetModel): void {
    if (this.sheets.length <= 1) throw new Error(MSG.lastSheet);
    const i = this.sheets.indexOf(sheet);
    if (i < 0) return;
    this.sheets.splice(i, 1);
    sheet.alive = false;
    for (const p of this.protections) if (p.sheet === sheet) p.removed = true;
    for (const [key, n] of this.named) if (n.anchor.sheet === sheet) this.named.delete(key);
    for (const sel of this.selections.values())
      if (sel.sheet === sheet) {
        const first = this.sheets[0];
        if (first) {
          sel.sheet = first;
          sel.rect = { r1: 1, c1: 1, r2: 1, c2: 1 };
          sel.current = { row: 1, col: 1 };
        }
      }
    this.engine.touchAll();
  }

  /** Renames a sheet; formulas that referred to it by name are rewritten, as Sheets does. */
  renameSheet(sheet: SheetModel, name: string): void {
    const other = this.findSheet(name);
    if (other && other !== sheet) throw new Error(MSG.sheetExists(name));
    const old = sheet.name;
    sheet.name = name;
    for (const s of this.sheets)
      s.formulas.forEach((f) => {
        const parsed = f.parsed;
        if (!parsed.ok) return;
        let text = f.text;
        const refs = parsed.call.args.filter((a) => a.kind === 'ref' && a.ref.sheet !== undefined);
        for (const a of [...refs].reverse()) {
          if (a.kind !== 'ref' || a.ref.sheet?.toLowerCase() !== old.toLowerCase()) continue;
          text =
            text.slice(0, a.start) +
            `${quoteSheetName(name)}!` +
            text.slice(a.start + a.sheetText.length);
        }
        if (text !== f.text) f.setText(text);
      });
    this.engine.touchAll();
  }

  /** Moves a sheet to a 0-based position. */
  moveSheet(sheet: SheetModel, index: number): void {
    const i = this.sheets.indexOf(sheet);
    if (i < 0) return;
    this.sheets.splice(i, 1);
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sheet);
  }

  // ---- selection and toasts ----------------------------------------------------------------

  /** A user's active sheet, range and current cell (first sheet, A1 until they choose). */
  selectionOf(user: string): UserSelection {
    let sel = this.selections.get(user);
    if (!sel || !sel.sheet.alive) {
      const first = this.sheets[0];
      if (!first) throw new Error('The workbook has no sheet.');
      sel = { sheet: first, rect: { r1: 1, c1: 1, r2: 1, c2: 1 }, current: { row: 1, col: 1 } };
      this.selections.set(user, sel);
    }
    return sel;
  }

  select(
    user: string,
    sheet: SheetModel,
    rect: Rect,
    current?: { row: number; col: number },
  ): void {
    this.selections.set(user, {
      sheet,
      rect,
      current: current ?? { row: rect.r1, col: rect.c1 },
    });
  }

  addToast(t: Toast): void {
    this.toastList.push(t);
  }

  // ---- named ranges ------------------------------------------------------------------------

  namedAnchor(name: string): Anchor | undefined {
    return this.named.get(name.toUpperCase())?.anchor;
  }

  namedRangeList(): { name: string; anchor: Anchor }[] {
    return [...this.named.values()].filter((n) => n.anchor.valid && n.anchor.sheet.alive);
  }

  /**
   * Creates or replaces a named range. Names follow Sheets Help: letters, digits and
   * underscores, not starting with a digit, not TRUE/FALSE, not a cell reference, 1–250
   * characters (the exception text is not documented).
   */
  setNamedRange(name: string, anchor: Anchor): void {
    if (
      !/^[A-Za-z_][A-Za-z0-9_]{0,249}$/.test(name) ||
      /^(true|false)$/i.test(name) ||
      /^[A-Za-z]{1,3}\d+$/.test(name) ||
      /^R\d*C\d*$/i.test(name)
    )
      throw new Error(MSG.badRangeName(name));
    this.named.set(name.toUpperCase(), { name, anchor });
    this.engine.touchAll();
  }

  removeNamedRange(name: string): void {
    if (!this.named.delete(name.toUpperCase())) throw new Error(MSG.namedRangeMissing(name));
    this.engine.touchAll();
  }

  renameNamedRange(oldName: string, newName: string): void {
    const n = this.named.get(oldName.toUpperCase());
    if (!n) throw new Error(MSG.namedRangeMissing(oldName));
    this.named.delete(oldName.toUpperCase());
    this.setNamedRange(newName, n.anchor);
  }

  // ---- protections and charts ids ----------------------------------------------------------

  addProtection(kind: ProtectionKind, sheet: SheetModel, anchor?: Anchor): ProtectionModel {
    const p = new ProtectionModel(this.nextProtectionId++, kind, sheet, anchor);
    this.protections.push(p);
    return p;
  }

  /** The live protections (sheets first, then ranges, in creation order). */
  liveProtections(kind?: ProtectionKind): ProtectionModel[] {
    return this.protections.filter(
      (p) => !p.removed && p.sheet.alive && (kind === undefined || p.kind === kind),
    );
  }

  /** The first protection `user` may not edit that covers the block, if any. */
  blockingProtection(user: string, sheet: SheetModel, rect: Rect): ProtectionModel | undefined {
    if (user === this.owner) return undefined;
    return this.liveProtections().find(
      (p) => p.covers(sheet, rect) && !p.canEdit(user, this.owner),
    );
  }

  newChartId(): number {
    return this.nextChartId++;
  }

  // ---- reading cells -----------------------------------------------------------------------

  /** getValues: recalculates, then Numbers, Strings, Booleans, new Dates; "" for empty. */
  readValues(sheet: SheetModel, rect: Rect, newDate: DateFactory = hostDate): CellValue[][] {
    this.recalc();
    const tz = this.tz;
    const out: CellValue[][] = new Array<CellValue[]>(rect.r2 - rect.r1 + 1);
    const merged = sheet.merges.length > 0;
    for (let r = rect.r1 - 1, i = 0; r < rect.r2; r++, i++) {
      const vals = sheet.values.row(r);
      const fmts = sheet.formats.row(r);
      const line = new Array<CellValue>(rect.c2 - rect.c1 + 1);
      for (let c = rect.c1 - 1, j = 0; c < rect.c2; c++, j++) {
        const v = vals?.[c];
        line[j] =
          v === undefined
            ? ''
            : typeof v === 'number' && fmts?.[c] === undefined
              ? v
              : readValue(v, fmts?.[c], tz, newDate);
      }
      if (merged) this.blankMergedTails(sheet, r, rect, line);
      out[i] = line;
    }
    return out;
  }

  /** In a merge only the top-left cell shows a value. */
  private blankMergedTails(sheet: SheetModel, r: number, rect: Rect, line: unknown[]): void {
    for (const m of sheet.merges) {
      if (r + 1 < m.r1 || r + 1 > m.r2) continue;
      for (let c = Math.max(m.c1, rect.c1); c <= Math.min(m.c2, rect.c2); c++)
        if (r + 1 !== m.r1 || c !== m.c1) line[c - rect.c1] = '';
    }
  }

  /** getDisplayValues: the text each cell shows. */
  readDisplayValues(sheet: SheetModel, rect: Rect): string[][] {
    this.recalc();
    const out: string[][] = [];
    for (let r = rect.r1 - 1; r < rect.r2; r++) {
      const line: string[] = [];
      for (let c = rect.c1 - 1; c < rect.c2; c++)
        line.push(displayValue(sheet.values.get(r, c), sheet.formats.get(r, c), this.tz));
      if (sheet.merges.length > 0) this.blankMergedTails(sheet, r, rect, line);
      out.push(line);
    }
    return out;
  }

  /** getFormulas: the formula text of each cell, "" where there is none. */
  readFormulas(sheet: SheetModel, rect: Rect): string[][] {
    const out: string[][] = [];
    for (let r = rect.r1 - 1; r < rect.r2; r++) {
      const line: string[] = [];
      for (let c = rect.c1 - 1; c < rect.c2; c++) line.push(sheet.formulas.get(r, c)?.text ?? '');
      out.push(line);
    }
    return out;
  }

  /** The stored (not converted) values of a block, for validation sources and built-ins. */
  storedValues(anchor: Anchor): Stored[] {
    this.recalc();
    const out: Stored[] = [];
    anchor.sheet.values.forEachIn(anchor.rect, (v) => out.push(v));
    return out;
  }

  // ---- writing cells -----------------------------------------------------------------------

  /**
   * setValues: writes a block of JS values as Sheets stores them. Strings are typed input
   * (numbers, percentages, dates, "=" formulas) unless the cell is formatted "@"; Dates become
   * serial numbers with a date format where the cell has no number format of its own; null and
   * undefined and "" empty the cell (keeping its formatting). A cell covered by a merge (not
   * its top-left) keeps nothing. A value a rejecting validation rule refuses throws before
   * anything is written.
   */
  writeValues(sheet: SheetModel, rect: Rect, data: readonly (readonly unknown[])[]): void {
    const tz = this.tz;
    const h = rect.r2 - rect.r1 + 1;
    const w = rect.c2 - rect.c1 + 1;
    const cells: (Stored | undefined)[][] = new Array<(Stored | undefined)[]>(h);
    const formulas: [number, number, string][] = [];
    const newFormats: [number, number, string][] = [];
    for (let i = 0; i < h; i++) {
      const src = data[i] ?? [];
      const r = rect.r1 - 1 + i;
      const fmts = sheet.formats.row(r);
      const line = new Array<Stored | undefined>(w);
      for (let j = 0; j < w; j++) {
        const v = src[j];
        const c = rect.c1 - 1 + j;
        if (typeof v === 'number') {
          line[j] = Number.isFinite(v) ? v : '#NUM!';
        } else if (typeof v === 'string') {
          if (v.length > Workbook.CELL_CHARS) throw new Error(MSG.cellTooLong(Workbook.CELL_CHARS));
          if (v === '') {
            line[j] = undefined;
            continue;
          }
          const fmt = fmts?.[c];
          const t = parseTyped(v, fmt);
          if (t.kind === 'formula') {
            formulas.push([r, c, t.formula]);
            line[j] = undefined;
          } else {
            line[j] = t.value;
            if (t.format !== undefined && fmt === undefined) newFormats.push([r, c, t.format]);
          }
        } else if (typeof v === 'boolean') {
          line[j] = v;
        } else if (v === null || v === undefined) {
          line[j] = undefined;
        } else if (isDate(v)) {
          const ms = v.getTime();
          if (Number.isNaN(ms)) {
            line[j] = undefined;
            continue;
          }
          const serial = dateToSerial(ms, tz);
          line[j] = serial;
          if (fmts?.[c] === undefined) newFormats.push([r, c, dateFormatFor(serial)]);
        } else {
          // Not documented: other objects are written as their text.
          const t = text(v);
          if (t.length > Workbook.CELL_CHARS) throw new Error(MSG.cellTooLong(Workbook.CELL_CHARS));
          line[j] = t;
        }
      }
      cells[i] = line;
    }
    this.checkValidation(sheet, rect, cells, newFormats);
    this.dropFormulasIn(sheet, rect);
    for (let i = 0; i < h; i++) sheet.values.setRun(rect.r1 - 1 + i, rect.c1 - 1, cells[i] ?? []);
    for (const [r, c, f] of newFormats) sheet.formats.set(r, c, f);
    for (const [r, c, text] of formulas) this.putFormula(sheet, r, c, text);
    if (sheet.merges.length > 0) this.clearMergedTails(sheet, rect);
    this.engine.touch(sheet, rect);
  }

  /** Puts already-converted values in a block (copyTo), replacing what was there. */
  writeStored(
    sheet: SheetModel,
    rect: Rect,
    cells: readonly (readonly (Stored | undefined)[])[],
  ): void {
    this.dropFormulasIn(sheet, rect);
    cells.forEach((line, i) => {
      line.forEach((v, j) => {
        sheet.values.set(rect.r1 - 1 + i, rect.c1 - 1 + j, v);
      });
    });
    this.engine.touch(sheet, rect);
  }

  /** setFormulas: each cell gets its formula ("" clears the cell's content). */
  writeFormulas(sheet: SheetModel, rect: Rect, data: readonly (readonly string[])[]): void {
    for (const line of data)
      for (const f of line)
        if (f.length > Workbook.CELL_CHARS) throw new Error(MSG.cellTooLong(Workbook.CELL_CHARS));
    this.dropFormulasIn(sheet, rect);
    for (let i = 0; i < rect.r2 - rect.r1 + 1; i++)
      for (let j = 0; j < rect.c2 - rect.c1 + 1; j++) {
        const r = rect.r1 - 1 + i;
        const c = rect.c1 - 1 + j;
        const text = data[i]?.[j] ?? '';
        sheet.values.set(r, c, undefined);
        if (text === '') continue;
        this.putFormula(sheet, r, c, text.startsWith('=') ? text : `=${text}`);
      }
    this.engine.touch(sheet, rect);
  }

  private putFormula(sheet: SheetModel, r: number, c: number, text: string): void {
    sheet.values.set(r, c, undefined);
    sheet.formulas.set(r, c, new FormulaCell(text));
  }

  /** Removes the formulas (and what they spilled) anchored in a block, and spill marks in it. */
  private dropFormulasIn(sheet: SheetModel, rect: Rect): void {
    if (sheet.formulas.anyIn(rect)) {
      const gone: FormulaCell[] = [];
      sheet.formulas.forEachIn(rect, (f) => gone.push(f));
      sheet.formulas.clearRect(rect);
      for (const f of gone) {
        if (!f.area) continue;
        sheet.spill.forEachIn(f.area, (owner, rr, cc) => {
          if (owner !== f) return;
          sheet.values.set(rr, cc, undefined);
          sheet.spill.set(rr, cc, undefined);
        });
        this.engine.touch(sheet, f.area);
      }
    }
    if (sheet.spill.anyIn(rect)) sheet.spill.clearRect(rect);
  }

  private clearMergedTails(sheet: SheetModel, rect: Rect): void {
    for (const m of sheet.merges)
      for (let r = Math.max(m.r1, rect.r1); r <= Math.min(m.r2, rect.r2); r++)
        for (let c = Math.max(m.c1, rect.c1); c <= Math.min(m.c2, rect.c2); c++)
          if (r !== m.r1 || c !== m.c1) {
            sheet.values.set(r - 1, c - 1, undefined);
            sheet.formulas.set(r - 1, c - 1, undefined);
          }
  }

  private checkValidation(
    sheet: SheetModel,
    rect: Rect,
    cells: (Stored | undefined)[][],
    newFormats: [number, number, string][],
  ): void {
    if (!sheet.validations.anyIn(rect)) return;
    const pending = new Map(newFormats.map(([r, c, f]) => [`${r},${c}`, f]));
    const ctx = { timeZone: this.tz, rangeValues: (a: Anchor) => this.storedValues(a) };
    sheet.validations.forEachIn(rect, (rule: ValidationRule, r, c) => {
      if (rule.allowInvalid) return;
      const v = cells[r - (rect.r1 - 1)]?.[c - (rect.c1 - 1)];
      const fmt = pending.get(`${r},${c}`) ?? sheet.formats.get(r, c);
      if (!satisfies(rule, v, fmt, ctx)) throw new Error(MSG.validationRejected(cellLabel(r, c)));
    });
  }

  /** Empties layers of a block (clear, clearContent, clearFormat, clearNote, …). */
  clear(sheet: SheetModel, rect: Rect, what: ClearWhat): void {
    if (what.contents) {
      this.dropFormulasIn(sheet, rect);
      sheet.values.clearRect(rect);
    }
    if (what.formats) {
      sheet.formats.clearRect(rect);
      for (const g of sheet.styles.values()) g.clearRect(rect);
    }
    if (what.notes) sheet.notes.clearRect(rect);
    if (what.validations) sheet.validations.clearRect(rect);
    this.engine.touch(sheet, rect);
  }

  /** Number formats changed: dates may now read differently. */
  touched(sheet: SheetModel, rect: Rect): void {
    this.engine.touch(sheet, rect);
  }

  // ---- structure ----------------------------------------------------------------------------

  insertRows(sheet: SheetModel, at: number, count: number): void {
    this.assertCellLimit(count * sheet.maxColumns);
    sheet.insertRows(at, count);
    this.moved(sheet, { kind: 'insert', axis: 'rows', at, count });
  }

  deleteRows(sheet: SheetModel, at: number, count: number): void {
    sheet.deleteRows(at, count);
    this.moved(sheet, { kind: 'delete', axis: 'rows', at, count });
  }

  insertColumns(sheet: SheetModel, at: number, count: number): void {
    this.assertCellLimit(count * sheet.maxRows);
    sheet.insertColumns(at, count);
    this.moved(sheet, { kind: 'insert', axis: 'cols', at, count });
  }

  deleteColumns(sheet: SheetModel, at: number, count: number): void {
    sheet.deleteColumns(at, count);
    this.moved(sheet, { kind: 'delete', axis: 'cols', at, count });
  }

  /** After rows/columns of `sheet` moved: references, anchors and formulas follow. */
  private moved(sheet: SheetModel, ch: Change): void {
    const move = (a: Anchor): void => {
      if (a.sheet !== sheet || !a.valid) return;
      const r =
        ch.kind === 'insert'
          ? rectAfterInsert(a.rect, ch.axis, ch.at, ch.count)
          : rectAfterDelete(a.rect, ch.axis, ch.at, ch.count);
      if (r) a.rect = r;
      else a.valid = false;
    };
    for (const n of this.named.values()) move(n.anchor);
    for (const p of this.protections) {
      if (p.anchor) move(p.anchor);
      p.unprotected.forEach(move);
    }
    const rules = new Set<ValidationRule>();
    for (const s of this.sheets) {
      for (const rule of s.cfRules) rule.ranges.forEach(move);
      for (const chart of s.charts) chart.ranges.forEach(move);
      s.validations.forEach((rule) => rules.add(rule));
      s.formulas.forEach((f) => {
        const parsed = f.parsed;
        if (!parsed.ok) return;
        const text = rewriteFormula(
          f.text,
          parsed.call.args,
          (a) => (a.ref.sheet === undefined ? s === sheet : this.findSheet(a.ref.sheet) === sheet),
          ch,
        );
        if (text !== undefined) f.setText(text);
      });
    }
    for (const rule of rules) for (const a of rule.args) if (a instanceof Anchor) move(a);
    for (const sel of this.selections.values())
      if (sel.sheet === sheet) {
        const r =
          ch.kind === 'insert'
            ? rectAfterInsert(sel.rect, ch.axis, ch.at, ch.count)
            : rectAfterDelete(sel.rect, ch.axis, ch.at, ch.count);
        sel.rect = r ?? { r1: 1, c1: 1, r2: 1, c2: 1 };
        sel.current = { row: sel.rect.r1, col: sel.rect.c1 };
      }
    this.engine.touchAll();
  }

  // ---- A1 lookups ---------------------------------------------------------------------------

  /**
   * Resolves "Sheet!A1:B2" (or "A1:B2" on `defaultSheet`) to a sheet and block; undefined for
   * text that is not a reference or names no sheet ("Range not found").
   */
  lookup(
    a1: string,
    defaultSheet: SheetModel | undefined,
  ): { sheet: SheetModel; rect: Rect; openRows: boolean; openCols: boolean } | undefined {
    const ref = parseA1(a1);
    if (!ref) return undefined;
    const sheet = ref.sheet === undefined ? defaultSheet : this.findSheet(ref.sheet);
    if (!sheet) return undefined;
    const r = resolveRef(ref, sheet.maxRows, sheet.maxColumns);
    return { sheet, ...r };
  }

  // ---- test helpers (see inspect.ts) --------------------------------------------------------

  /** The sheet named `name` (throws naming the sheets there are when absent). */
  sheet(name: string): SheetModel {
    const s = this.findSheet(name);
    if (!s)
      throw new Error(
        `No sheet "${name}" in the workbook (sheets: ${this.sheets.map((x) => x.name).join(', ')}).`,
      );
    return s;
  }

  /** The names of the sheets, in tab order. */
  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  /** The values of a sheet's data range (A1 to last row/column), or of `a1` when given. */
  sheetValues(name: string, a1?: string): CellValue[][] {
    return inspect.values(this, name, a1);
  }

  sheetDisplayValues(name: string, a1?: string): string[][] {
    return inspect.displayValues(this, name, a1);
  }

  sheetFormulas(name: string, a1?: string): string[][] {
    return inspect.formulas(this, name, a1);
  }

  /** Everything about one cell (value, display, formula, error, formats, note, validation…). */
  cell(name: string, a1: string): inspect.CellInfo {
    return inspect.cell(this, name, a1);
  }

  /** Toasts shown so far, with who saw them. */
  get toasts(): readonly Toast[] {
    return this.toastList;
  }

  charts(name: string): inspect.ChartInfo[] {
    return inspect.charts(this, name);
  }

  conditionalFormats(name: string): inspect.CfInfo[] {
    return inspect.conditionalFormats(this, name);
  }

  protectionInfo(): inspect.ProtectionInfo[] {
    return inspect.protections(this);
  }

  /** Named ranges as name → "'Sheet'!A1:B2". */
  namedRanges(): Record<string, string> {
    return inspect.namedRanges(this);
  }

  sheetInfo(name: string): inspect.SheetInfo {
    return inspect.sheetInfo(this, name);
  }

  /** The background a cell shows once conditional format rules are applied. */
  effectiveBackground(name: string, a1: string): string {
    return inspect.effectiveBackground(this, name, a1);
  }

  /** A user's active sheet and range, as "Sheet!A1:B2". */
  selection(user: string): { sheet: string; range: string; currentCell: string } {
    const sel = this.selectionOf(user);
    return {
      sheet: sel.sheet.name,
      range: inspect.a1Of(sel.rect),
      currentCell: cellA1(sel.current.row, sel.current.col),
    };
  }

  /** Test setup: writes values at `a1` of a sheet as the owner would (no auth or protection). */
  setValues(name: string, a1: string, values: unknown[][]): void {
    const s = this.sheet(name);
    const ref = this.lookup(a1, s);
    if (!ref) throw new Error(`Not a reference: ${a1}`);
    const { r1, c1 } = ref.rect;
    const rows = values.length;
    const cols = values.reduce((m, row) => Math.max(m, row.length), 0);
    if (rows === 0 || cols === 0) return;
    const rect = { r1, c1, r2: r1 + rows - 1, c2: c1 + cols - 1 };
    if (rect.r2 > s.maxRows) this.insertRows(s, s.maxRows + 1, rect.r2 - s.maxRows);
    if (rect.c2 > s.maxColumns) this.insertColumns(s, s.maxColumns + 1, rect.c2 - s.maxColumns);
    this.writeValues(s, rect, values);
  }
}
