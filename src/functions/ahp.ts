import { AHP_MAX_ORDER, analyseAhp, type AhpResult } from '../core/ahp';
import { formula } from './guard';
import { FormulaContext } from './args';
import { isBlank, isDate, quote, type Cell } from './cells';
import { parseJudgement, completeMatrix, type MatrixProblem } from '../core/pairwise';

/**
 * The AHP priority weights of a pairwise comparison matrix (Saaty's 1–9 scale): the principal
 * eigenvector, normalised to sum to 1.
 *
 * @param {number[][]} matrix K×K judgements: row i, column j says how much more important criterion i is than j (1–9, or 1/3 for the reverse). The upper triangle is enough; blank lower cells are the reciprocals.
 * @return {number[][]} K weights in a column, summing to 1.
 * @customfunction
 */
export function AHP_WEIGHTS(matrix: unknown): number[][] {
  return formula('AHP_WEIGHTS', () => {
    return analyse('AHP_WEIGHTS', matrix).weights.map((w) => [w]);
  });
}

/**
 * The AHP consistency ratio CR = CI ÷ RI(K), with CI = (λmax − K) ÷ (K − 1) and RI Saaty's random
 * index. 0.1 or less is usually acceptable.
 *
 * @param {number[][]} matrix K×K judgements on Saaty's 1–9 scale; the upper triangle is enough.
 * @return {number} The consistency ratio (0 is perfectly consistent).
 * @customfunction
 */
export function AHP_CR(matrix: unknown): number[][] {
  return formula('AHP_CR', () => {
    return [[analyse('AHP_CR', matrix).consistencyRatio]];
  });
}

function analyse(fn: string, raw: unknown): AhpResult {
  const ctx: FormulaContext = new FormulaContext(fn);
  const grid = ctx.grid('matrix', raw, true, 'B2:G7') as Cell[][];
  const k = grid.length;
  const cols = (grid[0] as Cell[]).length;
  if (k !== cols)
    ctx.fail(
      `matrix must be square (one row and one column per criterion), not ${k} rows × ${cols} columns.`,
    );
  if (k > AHP_MAX_ORDER)
    ctx.fail(`matrix has ${k} criteria; AHP supports at most ${AHP_MAX_ORDER}.`);
  const judgements = grid.map((row, i) =>
    row.map((cell, j) => {
      if (isBlank(cell)) return null;
      const x =
        typeof cell === 'number' || typeof cell === 'string' ? parseJudgement(cell) : undefined;
      if (x === undefined) {
        const hint = isDate(cell)
          ? ' Sheets turned a fraction into a date: type =1/3 or 0.333 instead.'
          : '';
        ctx.fail(
          `matrix row ${i + 1}, column ${j + 1} is ${quote(cell)}, not a judgement.${hint} Use 1 to 9, or 1/2 to 1/9 for the reverse.`,
        );
      }
      return x;
    }),
  );
  const completed = completeMatrix(judgements);
  if (!completed.ok) ctx.fail(describeProblem(completed.problem));
  return analyseAhp(completed.matrix);
}

function describeProblem(p: MatrixProblem): string {
  const at = `matrix row ${p.row + 1}, column ${p.col + 1}`;
  switch (p.kind) {
    case 'missing':
      return `${at} and its mirror (row ${p.col + 1}, column ${p.row + 1}) are both blank. Fill in the upper triangle.`;
    case 'diagonal':
      return `${at} is ${p.value}; a criterion compared with itself must be 1 (or blank).`;
    case 'range':
      return `${at} is ${p.value}, outside Saaty's scale 1/9 to 9.`;
    case 'reciprocal':
      return `${at} is ${p.value} but row ${p.col + 1}, column ${p.row + 1} is ${p.mirror}; they must be reciprocals (within 1%). Clear one of them.`;
  }
}
