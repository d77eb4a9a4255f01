/**
 * A formula stored in a cell: its text, its parse, its last result and where that result was
 * laid out. The value layer holds what the cell shows; this holds why.
 */
import type { Rect } from '../a1';
import type { SheetModel } from '../model/sheet';
import type { Stored } from '../values';
import { parseFormula, type ParseResult } from './parse';

/** What evaluating a formula gave: an array of values (1×1 for a single value) or an error. */
export type EvalResult =
  { kind: 'array'; rows: Stored[][] } | { kind: 'error'; code: string; message: string };

export interface Input {
  sheet: SheetModel;
  rect: Rect;
}

export class FormulaCell {
  private parsedCache: ParseResult | undefined;
  /** The last evaluation (undefined: never evaluated since written or since a full recalc). */
  result: EvalResult | undefined;
  /**
   * The value an imported file held for this formula. Kept for a formula the emulator cannot
   * evaluate (operators, a function it does not know), so a user's workbook keeps its numbers;
   * a formula written in the session has none and shows the limitation.
   */
  cached: EvalResult | undefined;
  /** The error the cell shows (from evaluation or from laying out the result). */
  error: { code: string; message: string } | undefined;
  /** The cells the result occupies, anchor included (undefined when it shows an error). */
  area: Rect | undefined;
  /** The cells the result would occupy (even when blocked). */
  desired: Rect | undefined;
  /** The ranges it read at its last evaluation. */
  inputs: Input[] = [];
  /** Engine bookkeeping for one recalculation pass. */
  pass = 0;
  visiting = false;

  constructor(public text: string) {}

  get parsed(): ParseResult {
    this.parsedCache ??= parseFormula(this.text);
    return this.parsedCache;
  }

  /** Replaces the text (after references moved) and forgets the parse. */
  setText(text: string): void {
    this.text = text;
    this.parsedCache = undefined;
  }
}
