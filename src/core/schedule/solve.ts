/**
 * solveSchedule: which projects, and when. Builds the time-indexed model (model.ts), gives the
 * branch and bound a schedule-aware greedy start, solves it exactly within the time limit, then
 * pulls every chosen start as early as it fits (never losing value: the discount is ≥ 0), and
 * says per project what moved and why.
 */
import {
  buildModel,
  explain,
  isFeasible,
  relativeGap,
  solveAllocation,
  type AllocationResult,
  type Model,
  type Reason,
} from '../allocation';
import { formatAmount, formatShare, withUnit } from '../allocation/format';
import { Activities } from './moves';
import { candidateStart, timeIndexed, type TimeIndexed } from './model';
import type { ScheduleProblem } from './problem';
import type { Deadline } from '../time-budget';

export interface ScheduleOptions {
  readonly timeLimitMs?: number;
  readonly relGap?: number;
  readonly nodeLimit?: number;
  readonly now?: () => number;
  /** The deadline of the whole execution (core/time-budget), as solveAllocation takes it. */
  readonly deadline?: Deadline;
}

/** Status, totals, bound, gap and conflict as solveAllocation reports them (value after discount). */
export type ScheduleTotals = Pick<
  AllocationResult,
  | 'status'
  | 'limit'
  | 'feasible'
  | 'value'
  | 'cost'
  | 'count'
  | 'bound'
  | 'gap'
  | 'nodes'
  | 'timeMs'
  | 'conflict'
>;

export interface ScheduleResult extends ScheduleTotals {
  /** Per project. */
  readonly selected: boolean[];
  /** Per project: the chosen delay in periods (null when left out). */
  readonly delay: (number | null)[];
  /** Per project: the period it starts (null when left out or without a Start). */
  readonly start: (number | null)[];
  /** Per project: one line for the "Why" column. */
  readonly reasons: string[];
  /** Per project left out: the constraint that keeps it out at its Start (null when none). */
  readonly binding: (string | null)[];
  /** The projects that start later than their Start. */
  readonly moved: number[];
  /** Projects that may move (maxDelay > 0) but have no Start or no use: not moved. */
  readonly unmoved: number[];
  /** The model and its candidate selection, for the capacity to add. */
  readonly model: TimeIndexed;
  readonly rows: Model;
  readonly candidates: Uint8Array;
}

const plural = (n: number, unit: readonly [string, string]): string =>
  `${n} ${n === 1 ? unit[0] : unit[1]}`;

export function solveSchedule(s: ScheduleProblem, options: ScheduleOptions = {}): ScheduleResult {
  const now = options.now ?? Date.now;
  const t0 = now();
  const m = timeIndexed(s);
  const rows = buildModel(m.problem);
  const start = greedyStart(m, rows);
  const r = solveAllocation(m.problem, {
    timeLimitMs: options.timeLimitMs ?? 10_000,
    relGap: options.relGap,
    nodeLimit: options.nodeLimit,
    now,
    deadline: options.deadline,
    start: start ?? undefined,
  });
  const sel = Uint8Array.from(r.selected, (b) => (b ? 1 : 0));
  if (r.feasible) pullEarlier(m, rows, sel);
  const candSelected = Array.from(sel, (v) => v === 1);
  const reasons = r.feasible ? explain(rows, candSelected, r.status !== 'optimal') : [];
  const acts = new Activities(rows, sel);
  const label = (t: number): string => s.periods[t] ?? `period ${t + 1}`;

  const n = s.projects.length;
  const selected = new Array<boolean>(n).fill(false);
  const delay = new Array<number | null>(n).fill(null);
  const startAt = new Array<number | null>(n).fill(null);
  const why = new Array<string>(n).fill('');
  const binding = new Array<string | null>(n).fill(null);
  const moved: number[] = [];
  let value = 0;
  let cost = 0;
  m.candidates.forEach((ks, j) => {
    const q = s.projects[j] as ScheduleProblem['projects'][number];
    const k = ks.find((c) => sel[c]);
    const first = ks[0] as number;
    const y = m.projectVar[j] as number;
    if (k === undefined) {
      if (ks.length === 1) {
        binding[j] = reasons[first]?.binding ?? null;
        why[j] = reasons[first]?.text ?? '';
        return;
      }
      // Several starts: what adding the project at each start would break.
      const own = reasons[y];
      if (own?.binding) {
        binding[j] = own.binding;
        why[j] = own.text;
        return;
      }
      const blocked = ks.map((c) => acts.broken([c, y], []));
      const at0 = blocked[0] ?? [];
      if (at0.length === 0) {
        why[j] =
          r.status === 'optimal'
            ? 'lower value than the alternatives'
            : 'not reached before the time limit';
        return;
      }
      const cause = describe(m, rows, sel, at0, label);
      binding[j] = cause;
      const last = candidateStart(m, ks[ks.length - 1] as number) as number;
      why[j] = blocked.every((b) => b.length > 0)
        ? `${cause} at its Start, and no later start up to ${label(last)} fits`
        : `${cause} at its Start; a later start fits but is worth less than the alternatives`;
      return;
    }
    selected[j] = true;
    value += (m.problem.projects[k] as { value: number }).value;
    cost += q.cost;
    const d = m.delay[k] as number;
    delay[j] = d;
    startAt[j] = candidateStart(m, k);
    const chosen =
      ks.length === 1
        ? (reasons[k]?.text ?? 'chosen')
        : [reasons[y]?.text ?? '', heaviestText(reasons[k]?.heaviest ?? null, rows, k)]
            .filter((t) => t !== '' && t !== 'chosen')
            .join('; ') || 'chosen';
    if (d === 0) {
      why[j] = chosen;
      return;
    }
    moved.push(j);
    const blocked = acts.broken([first], [k]);
    const cause = describe(m, rows, sel, blocked, label);
    why[j] =
      `starts ${label(startAt[j] as number)}, ${plural(d, s.unit)} after its Start: ${cause}; ${chosen}`;
  });
  const unmoved = s.projects.flatMap((q, j) =>
    q.maxDelay > 0 && (q.start === null || q.use.length === 0) ? [j] : [],
  );
  const bound = r.feasible ? Math.max(r.bound, value) : r.bound;
  return {
    status: r.status,
    limit: r.limit,
    feasible: r.feasible,
    selected,
    delay,
    start: startAt,
    reasons: why,
    binding,
    moved,
    unmoved,
    value,
    cost,
    count: selected.filter(Boolean).length,
    bound,
    gap: r.feasible ? relativeGap(bound, value) : r.gap,
    nodes: r.nodes,
    timeMs: now() - t0,
    conflict: r.conflict,
    model: m,
    rows,
    candidates: sel,
  };
}

/**
 * The constraint(s) a move breaks, in words: the resource overflowing most relative to its
 * limit ("SDR capacity in 2027-02"), or the project it must not start before ("P03 starts
 * 2027-04"); "no earlier start fits" when nothing names itself.
 */
export function describe(
  m: TimeIndexed,
  rows: Model,
  sel: Uint8Array,
  broken: readonly { row: number; after: number }[],
  label: (t: number) => string,
): string {
  let best: { text: string; over: number } | null = null;
  for (const { row, after } of broken) {
    const r = rows.rows[row] as Model['rows'][number];
    let text = r.name;
    let over = Number.isFinite(r.hi) ? (after - r.hi) / Math.max(1, Math.abs(r.hi)) : 0;
    if (r.kind === 'linear') {
      const dep = m.rowDependency[r.source];
      if (!dep) continue;
      const q = m.schedule.projects[dep.needs] as ScheduleProblem['projects'][number];
      const k = (m.candidates[dep.needs] as number[]).find((c) => sel[c] === 1);
      const qs = k === undefined ? null : candidateStart(m, k);
      text = qs === null ? `needs ${q.id}` : `needs ${q.id}, which starts ${label(qs)}`;
      over = Infinity;
    } else if (r.kind === 'dependency') {
      over = Infinity;
    }
    if (!best || over > best.over) best = { text, over };
  }
  return best?.text ?? 'no earlier start fits';
}

/** "heaviest load SE in 2027-03: 40 of 120 h (33%)" for a start's heaviest resource. */
function heaviestText(h: Reason['heaviest'], rows: Model, k: number): string {
  if (!h) return '';
  const res = rows.problem.resources.find(
    (r) => r.subject === h.resource && r.use.some(([j]) => j === k),
  );
  return `heaviest load ${h.resource}: ${formatAmount(h.use)} of ${withUnit(h.limit, res?.unit ?? '')} (${formatShare(h.share)})`;
}

/**
 * A feasible candidate selection to start the search from, or null: projects in order of value
 * per weighted use (forced-in first), each at its earliest start that fits; three passes so a
 * project whose needs come later in the order still gets in.
 */
export function greedyStart(m: TimeIndexed, rows: Model): boolean[] | null {
  const s = m.schedule;
  const weight = Float64Array.from(rows.rows, (r) =>
    (r.kind === 'resource' || r.kind === 'budget') && r.hi > 0 ? 1 / r.hi : 0,
  );
  const score = s.projects.map((q, j) => {
    const k = (m.candidates[j] as number[])[0] as number;
    const rs = rows.colRows[k] as Int32Array;
    const vs = rows.colVals[k] as Float64Array;
    let use = 1e-9;
    for (let t = 0; t < rs.length; t++)
      use += Math.max(0, vs[t] as number) * (weight[rs[t] as number] as number);
    return (q.force === 'in' ? 1e300 : 0) + q.value / use;
  });
  const order = s.projects
    .map((_, j) => j)
    .sort((a, b) => (score[b] as number) - (score[a] as number) || a - b);
  const acts = new Activities(rows, new Uint8Array(rows.n));
  const placed = new Uint8Array(s.projects.length);
  for (let pass = 0; pass < 3; pass++) {
    for (const j of order) {
      const q = s.projects[j] as ScheduleProblem['projects'][number];
      if (placed[j] || q.force === 'out' || (q.value <= 0 && q.force !== 'in')) continue;
      const y = m.projectVar[j] as number;
      for (const k of m.candidates[j] as number[]) {
        const move = y === k ? [k] : [k, y];
        const broken = acts.broken(move, []);
        // A row still below its minimum (a minimum share) is not made worse by adding.
        if (broken.every((b) => b.after <= (rows.rows[b.row] as Model['rows'][number]).hi)) {
          acts.apply(move, []);
          placed[j] = 1;
          break;
        }
      }
    }
  }
  const sel = Array.from(acts.sel, (v) => v === 1);
  return isFeasible(rows, sel) ? sel : null;
}

/** Moves every chosen start to the earliest one that fits, while any does. */
function pullEarlier(m: TimeIndexed, rows: Model, sel: Uint8Array): void {
  const acts = new Activities(rows, sel);
  for (let pass = 0; pass < 5; pass++) {
    let changed = false;
    for (const ks of m.candidates) {
      const k = ks.find((c) => acts.sel[c]);
      if (k === undefined) continue;
      for (const e of ks) {
        if (e === k) break;
        if (acts.broken([e], [k]).length === 0) {
          acts.apply([e], [k]);
          changed = true;
          break;
        }
      }
    }
    if (!changed) break;
  }
  sel.set(acts.sel);
}
