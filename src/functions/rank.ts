import { competitionRanks } from '../core/rank';
import { formula } from './guard';
import { FormulaContext, shapeLike, vectorCell } from './args';
import type { Cell } from './cells';

/**
 * Ranks scores, 1 being the highest. Equal scores share the lower rank (1, 2, 2, 4) unless a
 * tie-break column separates them (higher wins). Blank scores stay blank.
 *
 * @param {number[][]} scores The scores to rank, as a column (or a row), e.g. I2:I.
 * @param {number[][]} [tiebreak] Optional: a column of the same size; among equal scores the higher value ranks first.
 * @return {number[][]} One rank per score, shaped like scores.
 * @customfunction
 */
export function PPM_RANK(scores: unknown, tiebreak?: unknown): (number | string)[][] {
  return formula('PPM_RANK', () => {
    const ctx: FormulaContext = new FormulaContext('PPM_RANK');
    const s = ctx.vector('scores', ctx.grid('scores', scores, true, 'I2:I') as Cell[][]);
    const numbers = s.cells.map((c, i) =>
      ctx.number(vectorCell('scores', s, i), c, { fix: 'Scores must be numbers.' }),
    );
    const tg = ctx.grid('tiebreak', tiebreak, false, 'J2:J');
    let ties: (number | null)[] | undefined;
    if (tg) {
      const t = ctx.vector('tiebreak', tg);
      if (t.cells.length !== s.cells.length) {
        ctx.fail(
          `tiebreak has ${t.cells.length} cells but scores has ${s.cells.length}. Use ranges of the same size.`,
        );
      }
      ties = t.cells.map((c, i) =>
        ctx.number(vectorCell('tiebreak', t, i), c, { fix: 'Tie-break values must be numbers.' }),
      );
    }
    return shapeLike(s, competitionRanks(numbers, ties));
  });
}
