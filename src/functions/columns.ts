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
  /** True when every argument that is a range is blank at row `i` (a trailing open-range row). */
  blankRow(i: number): boolean;
}

/**
 * Aligns column arguments (RICE, ICE, WSJF): each is a range of one column (or one row) or a
 * single value, which is repeated for every row. All ranges must have the same length.
 */
export function alignColumns(
  ctx: FormulaContext,
  args: readonly { name: string; raw: unknown; example: string }[],
): AlignedColumns {
  const vectors = args.map((a) =>
    ctx.vector(a.name, ctx.grid(a.name, a.raw, true, a.example) as Cell[][]),
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
  const ranged = vectors.map((v) => v.orientation !== 'single');
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
      if (!shape) return false;
      for (let a = 0; a < vectors.length; a++) {
        if (ranged[a] && !isBlank((vectors[a] as Vector).cells[i])) return false;
      }
      return true;
    },
  };
}

function size(v: Vector): string {
  const unit = v.orientation === 'row' ? 'column' : 'row';
  return `${v.cells.length} ${unit}${v.cells.length === 1 ? '' : 's'}`;
}
