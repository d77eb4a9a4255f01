import { FormulaContext, vectorCell, type Vector } from './args';
import { isBlank, type Cell } from './cells';

/** Several column arguments aligned row by row; single values broadcast to every row. */
export interface AlignedColumns {
  /** The number of result rows. */
  readonly n: number;
  /** The shape every result takes (a row when the arguments are rows). */
  readonly shape: Vector;
  /** The cell of argument `a` for result row `i` (a single value repeats). */
  cell(a: number, i: number): Cell;
  /** Where argument `a`'s cell for row `i` is, in words. */
  where(a: number, i: number): string;
  /**
   * True when row `i` has no data: every range argument is blank there (a trailing open-range
   * row), or, when all arguments are single cells, all of them are blank.
   */
  blankRow(i: number): boolean;
}

/**
 * Aligns column arguments (RICE, ICE, WSJF): each is a range of one column (or one row) or a
 * single value, which is repeated for every row. All ranges must have the same length.
 * When every argument is a single cell (=RICE(C5, D5, E5, F5) filled down a table), a blank
 * cell is a blank cell of that one row: a wholly blank row gives a blank result, as with ranges.
 * A blank single value next to ranges is an error: it would silently zero every row.
 */
export function alignColumns(
  ctx: FormulaContext,
  args: readonly { name: string; raw: unknown; example: string }[],
): AlignedColumns {
  const vectors = args.map((a): Vector =>
    typeof a.raw === 'string' && isBlank(a.raw)
      ? { cells: [a.raw], orientation: 'single' }
      : ctx.vector(a.name, ctx.grid(a.name, a.raw, true, a.example) as Cell[][]),
  );
  let shape: Vector | undefined;
  let shapeName = '';
  vectors.forEach((v, a) => {
    if (v.orientation === 'single') return;
    const name = (args[a] as { name: string }).name;
    if (!shape) {
      shape = v;
      shapeName = name;
      return;
    }
    if (v.orientation !== shape.orientation || v.cells.length !== shape.cells.length) {
      ctx.fail(
        `${name} has ${size(v)} but ${shapeName} has ${size(shape)}. Use ranges of the same size, or a single value.`,
      );
    }
  });
  if (shape) {
    vectors.forEach((v, a) => {
      const { name, example } = args[a] as { name: string; example: string };
      if (v.orientation === 'single' && isBlank(v.cells[0]))
        ctx.fail(
          `${name} is a blank cell. Give a number to use for every row, or a range such as ${example}.`,
        );
    });
  }
  // With ranges, a row is blank when its range cells are (single values repeat on every row);
  // with single cells only, when all of them are.
  const counted = vectors.map((v) => !shape || v.orientation !== 'single');
  const n = shape ? shape.cells.length : 1;
  return {
    n,
    shape: shape ?? (vectors[0] as Vector),
    cell: (a, i) => {
      const v = vectors[a] as Vector;
      return (v.orientation === 'single' ? v.cells[0] : v.cells[i]) as Cell;
    },
    where: (a, i) => vectorCell((args[a] as { name: string }).name, vectors[a] as Vector, i),
    blankRow: (i) => {
      for (let a = 0; a < vectors.length; a++) {
        const v = vectors[a] as Vector;
        if (counted[a] && !isBlank(v.orientation === 'single' ? v.cells[0] : v.cells[i]))
          return false;
      }
      return true;
    },
  };
}

function size(v: Vector): string {
  const unit = v.orientation === 'row' ? 'column' : 'row';
  return `${v.cells.length} ${unit}${v.cells.length === 1 ? '' : 's'}`;
}
