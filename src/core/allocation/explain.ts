/**
 * Why each project is in or out of a (feasible) selection.
 *
 * Left out, the first that applies:
 * 1. "forced out";
 * 2. "needs P09 which is out" — a project it needs is not selected;
 * 3. "excluded by P04" — a selected project excludes it;
 * 4. the constraint(s) adding it would break: "budget", "SE capacity in 2027-03",
 *    "max share of Type Tooling" (the one overflowing most, relative to its limit; "… on its
 *    own" when the project alone exceeds it; "(and 2 more)" when several would break);
 * 5. nothing binds: "lower value than the alternatives" (its value does not pay, or — when the
 *    search stopped at a limit — "not reached before the time limit").
 * Chosen: what it uses — its share of the budget and its heaviest resource load
 * ("forced in; 12% of the budget; heaviest load SE in 2027-03: 40 of 120 h (33%)").
 */
import { formatShare, withUnit, formatAmount } from './format';
import { activity, rowTolerance, type Model } from './rows';

export interface Reason {
  readonly selected: boolean;
  /** The constraint that keeps a project out, in words (null when in, or when nothing binds). */
  readonly binding: string | null;
  /** One line for the "Why" column. */
  readonly text: string;
  /** For a chosen project: cost ÷ budget (null without a finite, positive budget). */
  readonly budgetShare: number | null;
  /** For a chosen project: its heaviest resource load (use ÷ limit). */
  readonly heaviest: {
    readonly resource: string;
    readonly use: number;
    readonly limit: number;
    readonly share: number;
  } | null;
}

export function explain(
  model: Model,
  selected: readonly boolean[],
  stoppedEarly: boolean,
): Reason[] {
  const p = model.problem;
  const id = (j: number): string => (p.projects[j] as { id: string }).id;
  const acts = model.rows.map((r) => activity(r, selected));
  // Once per row: a row's tolerance scans the row (the budget row holds every project).
  const tols = model.rows.map((r) => rowTolerance(r, r.hi));
  return p.projects.map((c, j): Reason => {
    if (selected[j]) {
      const budgetShare = Number.isFinite(p.budget) && p.budget > 0 ? c.cost / p.budget : null;
      let heaviest: Reason['heaviest'] = null;
      let unit = '';
      const rs = model.colRows[j] as Int32Array;
      const vs = model.colVals[j] as Float64Array;
      for (let t = 0; t < rs.length; t++) {
        const row = model.rows[rs[t] as number] as Model['rows'][number];
        if (row.kind !== 'resource' || !(row.hi > 0)) continue;
        const share = (vs[t] as number) / row.hi;
        if (!heaviest || share > heaviest.share) {
          const res = p.resources[row.source] as { subject: string; unit: string };
          heaviest = { resource: res.subject, use: vs[t] as number, limit: row.hi, share };
          unit = res.unit;
        }
      }
      const parts: string[] = [];
      if (c.force === 'in') parts.push('forced in');
      if (budgetShare !== null) parts.push(`${formatShare(budgetShare)} of the budget`);
      if (heaviest) {
        parts.push(
          `heaviest load ${heaviest.resource}: ${formatAmount(heaviest.use)} of ${withUnit(heaviest.limit, unit)} (${formatShare(heaviest.share)})`,
        );
      }
      return {
        selected: true,
        binding: null,
        text: parts.join('; ') || 'chosen',
        budgetShare,
        heaviest,
      };
    }
    const out = (binding: string | null, text: string): Reason => ({
      selected: false,
      binding,
      text,
      budgetShare: null,
      heaviest: null,
    });
    if (c.force === 'out') return out('forced out', 'forced out');
    for (const q of model.needs[j] as number[]) {
      if (!selected[q]) return out(`needs ${id(q)}`, `needs ${id(q)} which is out`);
    }
    for (const k of model.excludes[j] as number[]) {
      if (selected[k]) return out(`excluded by ${id(k)}`, `excluded by ${id(k)}`);
    }
    const broken: { name: string; over: number; alone: boolean }[] = [];
    const rs = model.colRows[j] as Int32Array;
    const vs = model.colVals[j] as Float64Array;
    for (let t = 0; t < rs.length; t++) {
      const i = rs[t] as number;
      const row = model.rows[i] as Model['rows'][number];
      const a = vs[t] as number;
      if (a <= 0 || row.kind === 'dependency' || row.kind === 'exclusion') continue;
      const after = (acts[i] as number) + a;
      const tol = tols[i] as number;
      if (after > row.hi + tol) {
        broken.push({
          name: row.name,
          over: (after - row.hi) / Math.max(Math.abs(row.hi), a),
          alone: a > row.hi + tol,
        });
      }
    }
    if (broken.length > 0) {
      broken.sort((x, y) => y.over - x.over);
      const first = broken[0] as { name: string; alone: boolean };
      const more = broken.length > 1 ? ` (and ${broken.length - 1} more)` : '';
      return out(first.name, `${first.name}${first.alone ? ' on its own' : ''}${more}`);
    }
    if (stoppedEarly && c.value > 0) return out(null, 'not reached before the time limit');
    return out(null, 'lower value than the alternatives');
  });
}
