import { parseDirection, type Direction } from '../core/direction';
import { weightedScores, type Criterion, type ValueRow } from '../core/weighted';
import { formula } from './guard';
import { FormulaContext, column, gridCell, vectorCell, type Vector } from './args';
import { dateSerial, isBlank, isDate, quote, type Cell, type Grid } from './cells';

/**
 * Scores each row from 0 to 100 by weighted criteria: score = 100 × Σ weight × normalised value,
 * where each value is normalised to 0–1 (1 = best) by min-max over the rows, or on a fixed scale.
 *
 * @param {number[][]} values The criterion values: one row per project, one column per criterion, e.g. C2:H.
 * @param {number[]} weights One non-negative weight per criterion, as a row or a column, e.g. C1:H1. They are normalised, so only their ratios matter.
 * @param {string[]} [directions] Optional: "higher" (default) or "lower" is better, per criterion (also max/min, 1/-1).
 * @param {number[]} [scale_min] Optional: the fixed scale minimum per criterion, with scale_max (leave both blank for a criterion to keep min-max). Scores then never move when other rows change.
 * @param {number[]} [scale_max] Optional: the fixed scale maximum per criterion, with scale_min.
 * @return {number[][]} One score from 0 to 100 per row; wholly blank rows stay blank.
 * @customfunction
 */
export function PRIORITY(
  values: unknown,
  weights: unknown,
  directions?: unknown,
  scale_min?: unknown,
  scale_max?: unknown,
): (number | string)[][] {
  return formula('PRIORITY', () => {
    const ctx: FormulaContext = new FormulaContext('PRIORITY');
    // A blank single cell (one criterion, filled down row by row) is a blank row, not a missing argument.
    const grid =
      typeof values === 'string' && isBlank(values)
        ? [[values]]
        : (ctx.grid('values', values, true, 'C2:H') as Grid);
    const k = (grid[0] as Cell[]).length;
    const w = criterionVector(ctx, 'weights', weights, k, true, 'C1:H1') as Vector;
    const weightValues = w.cells.map((c, j) => {
      const x = ctx.number(vectorCell('weights', w, j), c, {
        min: 0,
        fix: 'Weights must be numbers of 0 or more.',
      });
      if (x === null)
        ctx.fail(
          `${vectorCell('weights', w, j)} is blank. Give every criterion a weight (0 to ignore it).`,
        );
      return x;
    });
    if (weightValues.every((x) => x === 0))
      ctx.fail('all weights are 0. Give at least one criterion a weight above 0.');

    const dirs = readDirections(ctx, directions, k);
    const scale = readScale(ctx, scale_min, scale_max, k);

    const rows: (ValueRow | null)[] = new Array<ValueRow | null>(grid.length);
    for (let i = 0; i < grid.length; i++) {
      const src = grid[i] as Cell[];
      if (src.length !== k) ctx.fail(`values row ${i + 1} has ${src.length} cells, not ${k}.`);
      let blank = true;
      const row = new Array<number | null>(k);
      for (let j = 0; j < k; j++) {
        const cell = src[j] as Cell;
        let x: number | null;
        if (typeof cell === 'number' && Number.isFinite(cell)) x = cell;
        else if (isDate(cell)) x = dateSerial(cell);
        else
          x = ctx.number(gridCell('values', i, j), cell, {
            fix: 'Type a number, or leave the cell blank (it then counts as the worst value).',
          });
        if (x !== null) {
          blank = false;
          const s = scale?.[j];
          if (s && (x < s.lo || x > s.hi)) {
            ctx.fail(
              `${gridCell('values', i, j)} is ${quote(cell)}, outside the scale ${s.lo} to ${s.hi} set by scale_min and scale_max. Fix the value or widen the scale.`,
            );
          }
        }
        row[j] = x;
      }
      rows[i] = blank ? null : row;
    }

    const criteria: Criterion[] = weightValues.map((weight, j) => ({
      weight,
      direction: dirs[j] as Direction,
      scaleMin: scale?.[j]?.lo,
      scaleMax: scale?.[j]?.hi,
    }));
    return column(weightedScores(rows, criteria));
  });
}

/** A per-criterion argument: a row or column of exactly k cells. */
function criterionVector(
  ctx: FormulaContext,
  name: string,
  raw: unknown,
  k: number,
  required: boolean,
  example: string,
): Vector | undefined {
  const g = ctx.grid(name, raw, required, example);
  if (!g) return undefined;
  const v = ctx.vector(name, g);
  if (v.cells.length !== k) {
    ctx.fail(
      `${name} has ${v.cells.length} ${v.cells.length === 1 ? 'entry' : 'entries'} but values has ${k} ${k === 1 ? 'column' : 'columns'}. Give one per criterion column.`,
    );
  }
  return v;
}

function readDirections(ctx: FormulaContext, raw: unknown, k: number): Direction[] {
  const v = criterionVector(ctx, 'directions', raw, k, false, 'C1:H1');
  if (!v) return new Array<Direction>(k).fill('higher');
  return v.cells.map((c, j) => {
    if (isBlank(c)) return 'higher';
    const d = typeof c === 'string' || typeof c === 'number' ? parseDirection(c) : undefined;
    if (!d)
      ctx.fail(
        `${vectorCell('directions', v, j)} is ${quote(c)}. Use "higher" or "lower" (also max/min, 1/-1).`,
      );
    return d;
  });
}

/**
 * Fixed scales: scale_min and scale_max together, one entry per criterion. A criterion whose two
 * entries are both blank keeps min-max normalisation over the rows.
 */
function readScale(
  ctx: FormulaContext,
  rawMin: unknown,
  rawMax: unknown,
  k: number,
): ({ lo: number; hi: number } | undefined)[] | undefined {
  const lo = criterionVector(ctx, 'scale_min', rawMin, k, false, 'C1:H1');
  const hi = criterionVector(ctx, 'scale_max', rawMax, k, false, 'C1:H1');
  if (!lo && !hi) return undefined;
  if (!lo || !hi)
    ctx.fail(
      `${lo ? 'scale_max' : 'scale_min'} is missing. Give both scale_min and scale_max, or neither.`,
    );
  return lo.cells.map((c, j) => {
    const min = ctx.number(vectorCell('scale_min', lo, j), c);
    const max = ctx.number(vectorCell('scale_max', hi, j), hi.cells[j]);
    if (min === null && max === null) return undefined;
    if (min === null || max === null) {
      const blank = min === null ? 'scale_min' : 'scale_max';
      ctx.fail(
        `${vectorCell(blank, min === null ? lo : hi, j)} is blank but its pair is not. Give both bounds, or leave both blank for min-max.`,
      );
    }
    if (max <= min)
      ctx.fail(
        `${vectorCell('scale_max', hi, j)} is ${max}, not above scale_min ${min}. The maximum must be larger.`,
      );
    return { lo: min, hi: max };
  });
}
