/**
 * Turns an AllocationProblem into linear rows lo ≤ Σ a_j x_j ≤ hi over the project variables,
 * each remembering which rule it came from, and checks selections against them exactly.
 */
import type { AllocationProblem } from './problem';

export type RowKind =
  'budget' | 'resource' | 'min share' | 'max share' | 'dependency' | 'exclusion' | 'linear';

export interface Row {
  readonly kind: RowKind;
  /** Index into resources, balance, dependencies, exclusions or rows (0 for the budget). */
  readonly source: number;
  /** The constraint in words, as reasons name it: "budget", "SE capacity in 2027-03". */
  readonly name: string;
  readonly idx: Int32Array;
  readonly val: Float64Array;
  /** -Infinity or +Infinity when a side is open. */
  readonly lo: number;
  readonly hi: number;
}

/** The rows of a problem plus the adjacency every heuristic and explanation needs. */
export interface Model {
  readonly problem: AllocationProblem;
  readonly n: number;
  readonly rows: readonly Row[];
  /** For each project, the rows it appears in and its coefficient there. */
  readonly colRows: readonly Int32Array[];
  readonly colVals: readonly Float64Array[];
  /** needs[p] = the projects p needs; neededBy[q] = the projects that need q. */
  readonly needs: readonly number[][];
  readonly neededBy: readonly number[][];
  /** For each project, the other projects it cannot be chosen with. */
  readonly excludes: readonly number[][];
}

function sparse(entries: Map<number, number>): { idx: Int32Array; val: Float64Array } {
  const keys = [...entries.keys()].sort((a, b) => a - b).filter((j) => entries.get(j) !== 0);
  return {
    idx: Int32Array.from(keys),
    val: Float64Array.from(keys.map((j) => entries.get(j) ?? 0)),
  };
}

/**
 * Builds the rows: the budget (when finite), one per resource, one or two per balance rule
 * (Σ_G cost_j x_j ≥ minShare·budget, ≤ maxShare·budget), x_p − x_q ≤ 0 per dependency and
 * Σ_S x_j ≤ 1 per exclusion set of two or more projects, then the generic rows as given.
 * Duplicate dependencies and
 * exclusion members are merged; a project needing itself adds nothing.
 */
export function buildModel(p: AllocationProblem): Model {
  const rows: Row[] = [];
  const add = (
    kind: RowKind,
    source: number,
    name: string,
    m: Map<number, number>,
    lo: number,
    hi: number,
  ): void => {
    rows.push({ kind, source, name, ...sparse(m), lo, hi });
  };
  if (Number.isFinite(p.budget)) {
    add('budget', 0, 'budget', new Map(p.projects.map((c, j) => [j, c.cost])), -Infinity, p.budget);
  }
  p.resources.forEach((r, k) => {
    if (Number.isFinite(r.limit))
      add('resource', k, r.name, new Map(r.use.map(([j, a]) => [j, a])), -Infinity, r.limit);
  });
  p.balance.forEach((b, k) => {
    const m = new Map(b.members.map((j) => [j, p.projects[j]?.cost ?? 0]));
    if (b.minShare !== null && b.minShare > 0)
      add('min share', k, `min share of ${b.group}`, m, b.minShare * p.budget, Infinity);
    if (b.maxShare !== null && b.maxShare < 1)
      add('max share', k, `max share of ${b.group}`, m, -Infinity, b.maxShare * p.budget);
  });
  const seenDep = new Set<string>();
  p.dependencies.forEach((d, k) => {
    const key = `${d.project}>${d.needs}`;
    if (d.project === d.needs || seenDep.has(key)) return;
    seenDep.add(key);
    const name = `needs ${(p.projects[d.needs] as { id: string }).id}`;
    add(
      'dependency',
      k,
      name,
      new Map([
        [d.project, 1],
        [d.needs, -1],
      ]),
      -Infinity,
      0,
    );
  });
  p.exclusions.forEach((s, k) => {
    const members = [...new Set(s)];
    if (members.length < 2) return;
    const ids = members.map((j) => (p.projects[j] as { id: string }).id).join(', ');
    add('exclusion', k, `only one of ${ids}`, new Map(members.map((j) => [j, 1])), -Infinity, 1);
  });
  (p.rows ?? []).forEach((r, k) => {
    add('linear', k, r.name, new Map(r.terms.map(([j, a]) => [j, a])), r.lo, r.hi);
  });

  return modelOf(p, rows);
}

/** The tolerance a row's activity may exceed its bound by: 1e-9 relative to its size. */
export function rowTolerance(row: Row, bound: number): number {
  let scale = Math.abs(bound);
  for (let k = 0; k < row.val.length; k++) scale = Math.max(scale, Math.abs(row.val[k] as number));
  return 1e-9 * Math.max(1, scale);
}

/** Σ a_j x_j of a row for a 0/1 selection. */
export function activity(row: Row, selected: ArrayLike<boolean | number>): number {
  let s = 0;
  for (let k = 0; k < row.idx.length; k++)
    if (selected[row.idx[k] as number]) s += row.val[k] as number;
  return s;
}

export interface Violation {
  readonly row: number;
  readonly activity: number;
}

/**
 * The rows a selection violates (beyond rowTolerance) and the forced projects it disobeys.
 * An empty result means the selection satisfies every constraint of the problem.
 */
export function violations(
  model: Model,
  selected: ArrayLike<boolean | number>,
): { rows: Violation[]; force: number[] } {
  const rows: Violation[] = [];
  model.rows.forEach((r, i) => {
    const a = activity(r, selected);
    if (a > r.hi + rowTolerance(r, r.hi) || a < r.lo - rowTolerance(r, r.lo))
      rows.push({ row: i, activity: a });
  });
  const force: number[] = [];
  model.problem.projects.forEach((c, j) => {
    if ((c.force === 'in' && !selected[j]) || (c.force === 'out' && selected[j])) force.push(j);
  });
  return { rows, force };
}

/** True when a selection satisfies every constraint and force of the problem. */
export function isFeasible(model: Model, selected: ArrayLike<boolean | number>): boolean {
  const v = violations(model, selected);
  return v.rows.length === 0 && v.force.length === 0;
}

/** The same model keeping only the rows where keep[i] is true (adjacency rebuilt to match). */
export function restrictModel(model: Model, keep: readonly boolean[]): Model {
  return modelOf(
    model.problem,
    model.rows.filter((_, i) => keep[i]),
  );
}

/**
 * The model of `rows`: the column-wise adjacency, and needs / neededBy / excludes read from the
 * dependency rows (x_p − x_q ≤ 0: p needs q) and the exclusion rows.
 */
function modelOf(problem: AllocationProblem, rows: Row[]): Model {
  const n = problem.projects.length;
  const colList: [number, number][][] = Array.from({ length: n }, () => []);
  const needs: number[][] = Array.from({ length: n }, () => []);
  const neededBy: number[][] = Array.from({ length: n }, () => []);
  const excludes: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  rows.forEach((r, i) => {
    for (let k = 0; k < r.idx.length; k++)
      (colList[r.idx[k] as number] as [number, number][]).push([i, r.val[k] as number]);
    if (r.kind === 'dependency') {
      const p = r.val[0] === 1 ? (r.idx[0] as number) : (r.idx[1] as number);
      const q = r.val[0] === 1 ? (r.idx[1] as number) : (r.idx[0] as number);
      (needs[p] as number[]).push(q);
      (neededBy[q] as number[]).push(p);
    } else if (r.kind === 'exclusion') {
      for (const a of r.idx)
        for (const b of r.idx) if (a !== b) (excludes[a] as Set<number>).add(b);
    }
  });
  return {
    problem,
    n,
    rows,
    colRows: colList.map((l) => Int32Array.from(l.map((e) => e[0]))),
    colVals: colList.map((l) => Float64Array.from(l.map((e) => e[1]))),
    needs,
    neededBy,
    excludes: excludes.map((s) => [...s].sort((a, b) => a - b)),
  };
}
