import {
  argSchema,
  FormulaError,
  cellNumber,
  isBlank,
  isDate,
  overflows,
  quote,
  type Cell,
  type Grid,
} from './cells';

/** Builds errors that name the function, the argument and the cell at fault. */
export class FormulaContext {
  constructor(readonly fn: string) {}

  fail(message: string): never {
    throw new FormulaError(`${this.fn}: ${message}`);
  }

  /**
   * Reads one argument as a 2-D grid: a range stays as it is, a single value becomes [[value]].
   * An omitted optional argument (or a blank single cell) gives undefined.
   */
  grid(name: string, raw: unknown, required: boolean, example: string): Grid | undefined {
    const parsed = argSchema().safeParse(raw);
    if (!parsed.success) {
      this.fail(
        `${name} must be a range or a single value, not ${describe(raw)}. Pass a range such as ${example}.`,
      );
    }
    const v = parsed.data;
    if (v === undefined || v === null || (!Array.isArray(v) && isBlank(v))) {
      if (required) this.fail(`${name} is missing. Pass a range such as ${example}.`);
      return undefined;
    }
    if (!Array.isArray(v)) return [[v]];
    if (v.length === 0 || (v[0] as Cell[]).length === 0)
      this.fail(`${name} is an empty range. Pass a range such as ${example}.`);
    return v;
  }

  /** Flattens a single row or a single column; anything wider is an error. */
  vector(name: string, grid: Grid): Vector {
    const rows = grid.length;
    const cols = (grid[0] as Cell[]).length;
    if (rows === 1 && cols === 1)
      return { cells: [(grid[0] as Cell[])[0] as Cell], orientation: 'single' };
    if (cols === 1) return { cells: grid.map((r) => r[0] as Cell), orientation: 'column' };
    if (rows === 1) return { cells: (grid[0] as Cell[]).slice(), orientation: 'row' };
    return this.fail(
      `${name} must be a single row or a single column, not ${rows} rows × ${cols} columns.`,
    );
  }

  /**
   * Reads a number from a cell, with bounds. Returns null for a blank cell.
   * `where` is the cell's position as words, e.g. "values row 3, column 2".
   */
  number(where: string, cell: Cell | undefined, rule: NumberRule = {}): number | null {
    if (overflows(cell)) this.tooLarge(where, cell);
    const x = cellNumber(cell);
    if (x === undefined) {
      const hint = isDate(cell)
        ? ' Sheets turned what was typed into a date: type the number again, or format the cell as a number.'
        : typeof cell === 'boolean'
          ? ' A checkbox or TRUE/FALSE is not a number.'
          : '';
      this.fail(
        `${where} is ${quote(cell)}, not a number.${hint} ${rule.fix ?? 'Type a number or leave the cell blank.'}`,
      );
    }
    if (x === null) return null;
    if (rule.min !== undefined && x < rule.min)
      this.fail(
        `${where} is ${quote(cell)}; it must be at least ${rule.min}. ${rule.fix ?? ''}`.trim(),
      );
    if (rule.above !== undefined && x <= rule.above)
      this.fail(
        `${where} is ${quote(cell)}; it must be above ${rule.above}. ${rule.fix ?? ''}`.trim(),
      );
    if (rule.max !== undefined && x > rule.max)
      this.fail(
        `${where} is ${quote(cell)}; it must be at most ${rule.max}. ${rule.fix ?? ''}`.trim(),
      );
    return x;
  }

  /** A number beyond what Sheets can compute with ("1e400", or a result that overflowed). */
  tooLarge(where: string, cell: Cell | undefined): never {
    return this.fail(
      `${where} is ${quote(cell)}, a number too large to compute with (Sheets' numbers stop near ±1.8e308). Type a smaller number.`,
    );
  }

  /**
   * Checks a number computed from row inputs: NaN or ±Infinity (an overflow) is an error
   * naming the row and the inputs (`what`: "reach row 3 is 1e+308, …").
   */
  finite(x: number, row: string, what: () => string): number {
    if (Number.isFinite(x)) return x;
    return this.fail(
      `${row} gives a result too large to show: ${what()}. Sheets' numbers stop near ±1.8e308; use smaller numbers, e.g. in thousands.`,
    );
  }
}

export interface NumberRule {
  readonly min?: number;
  /** Exclusive lower bound. */
  readonly above?: number;
  readonly max?: number;
  /** How to fix it, appended to the message. */
  readonly fix?: string;
}

export interface Vector {
  readonly cells: Cell[];
  readonly orientation: 'single' | 'row' | 'column';
}

/** "values row 3, column 2" (1-based, relative to the argument's range). */
export function gridCell(name: string, row: number, col: number): string {
  return `${name} row ${row + 1}, column ${col + 1}`;
}

/** "effort row 3" for a column, "weights column 3" for a row, "effort" for a single cell. */
export function vectorCell(name: string, v: Vector, i: number): string {
  if (v.orientation === 'single') return name;
  return `${name} ${v.orientation === 'column' ? 'row' : 'column'} ${i + 1}`;
}

function describe(raw: unknown): string {
  if (Array.isArray(raw)) return 'an array that is not a 2-D range of cell values';
  return raw === null ? 'null' : typeof raw;
}

/** Turns a result column into the 2-D array Sheets spills: null becomes a blank cell. */
export function column(values: readonly (number | null)[]): (number | string)[][] {
  return values.map((v) => [v === null ? '' : v]);
}

/** Shapes a result vector like its input: a column stays a column, a row stays a row. */
export function shapeLike(v: Vector, values: readonly (number | null)[]): (number | string)[][] {
  if (v.orientation === 'row') return [values.map((x) => (x === null ? '' : x))];
  return column(values);
}
