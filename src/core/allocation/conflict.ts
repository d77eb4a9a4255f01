/**
 * Explains an infeasible problem with a small set of forced projects and constraints that
 * cannot all hold. Without forced-in projects and minimum shares the empty selection is always
 * feasible, so every conflict involves one of them. In order:
 * 1. a forced-in project needs (perhaps through others) a forced-out one;
 * 2. two projects that forced-in projects bring in exclude each other;
 * 3. the forced-in projects and what they need overflow a limit: the fewest of them that do
 *    (largest users first, then a deletion pass) — "forced-in P07 and P12 need 160 h of SE in
 *    2027-03 but capacity is 120 h";
 * 4. otherwise (minimum shares, or limits only in combination) a deletion filter over the forces
 *    and rows: drop one at a time, keeping it dropped when the rest is still provably
 *    infeasible (propagation, then a small branch and bound). What remains is an irreducible
 *    conflict when every test finishes in time, and always a proven one.
 */
import { branchAndBound } from './branch';
import { formatList, formatShare, withUnit, formatAmount } from './format';
import { propagate } from './propagate';
import { activity, restrictModel, rowTolerance, type Model } from './rows';

export interface Conflict {
  /** The forced projects involved. */
  readonly projects: number[];
  /** The constraints involved, in words ("budget", "SE capacity in 2027-03", "forced out"…). */
  readonly constraints: string[];
  /** One sentence for the user. */
  readonly message: string;
}

export function findConflict(model: Model, deadline: () => boolean = timer(2000)): Conflict {
  const p = model.problem;
  const n = model.n;
  const id = (j: number): string => (p.projects[j] as { id: string }).id;
  const forcedIn = p.projects.flatMap((c, j) => (c.force === 'in' ? [j] : []));

  // The closure of the forced-in projects, remembering who brought each project in.
  const origin = new Int32Array(n).fill(-1);
  const via = new Int32Array(n).fill(-1);
  const closure: number[] = [];
  for (const f of forcedIn) {
    if (origin[f] !== -1) continue;
    origin[f] = f;
    const queue = [f];
    closure.push(f);
    while (queue.length > 0) {
      const k = queue.shift() as number;
      for (const q of model.needs[k] as number[]) {
        if (origin[q] !== -1) continue;
        origin[q] = f;
        via[q] = k;
        closure.push(q);
        queue.push(q);
      }
    }
  }
  const path = (q: number): number[] => {
    const out: number[] = [];
    for (let k = via[q] as number; k !== -1 && k !== origin[q]; k = via[k] as number)
      out.unshift(k);
    return out;
  };
  const who = (x: number): string =>
    origin[x] === x
      ? `forced-in ${id(x)}`
      : `${id(x)} (needed by forced-in ${id(origin[x] as number)})`;

  // 1. A forced-out project that a forced-in one needs.
  for (const q of closure) {
    if ((p.projects[q] as { force: string | null }).force !== 'out') continue;
    const f = origin[q] as number;
    const mids = path(q);
    const through = mids.length > 0 ? ` (through ${formatList(mids.map(id))})` : '';
    return {
      projects: [f, q],
      constraints: [`needs ${id(q)}`, 'forced out'],
      message: `forced-in ${id(f)} needs ${id(q)}${through}, which is forced out`,
    };
  }

  // 2. Two projects of the closure that exclude each other.
  const inClosure = new Uint8Array(n);
  for (const q of closure) inClosure[q] = 1;
  for (const a of closure) {
    for (const b of model.excludes[a] as number[]) {
      if (!inClosure[b]) continue;
      const row = model.rows.find(
        (r) => r.kind === 'exclusion' && r.idx.includes(a) && r.idx.includes(b),
      );
      return {
        projects: [...new Set([origin[a] as number, origin[b] as number])],
        constraints: [row ? row.name : `only one of ${id(a)}, ${id(b)}`],
        message: `${who(a)} and ${who(b)} exclude each other`,
      };
    }
  }

  // 3. A limit the forced-in projects overflow by themselves.
  let worst = -1;
  let worstOver = 0;
  model.rows.forEach((r, i) => {
    if (r.kind === 'dependency' || r.kind === 'exclusion' || r.kind === 'min share') return;
    const over = activity(r, inClosure) - r.hi;
    if (over > rowTolerance(r, r.hi)) {
      const rel = over / Math.max(Math.abs(r.hi), 1e-9);
      if (rel > worstOver) {
        worstOver = rel;
        worst = i;
      }
    }
  });
  if (worst >= 0) return limitConflict(model, worst, forcedIn, id);

  // 4. A deletion filter over forces and rows.
  return deletionFilter(model, deadline, id);
}

function timer(ms: number): () => boolean {
  const t0 = Date.now();
  return () => Date.now() - t0 >= ms;
}

/** The selection made of `set` and everything it needs, transitively. */
function closureOf(model: Model, set: readonly number[]): Uint8Array {
  const sel = new Uint8Array(model.n);
  const stack = [...set];
  for (const j of set) sel[j] = 1;
  while (stack.length > 0) {
    const k = stack.pop() as number;
    for (const q of model.needs[k] as number[]) {
      if (!sel[q]) {
        sel[q] = 1;
        stack.push(q);
      }
    }
  }
  return sel;
}

function limitConflict(
  model: Model,
  i: number,
  forcedIn: number[],
  id: (j: number) => string,
): Conflict {
  const p = model.problem;
  const row = model.rows[i] as Model['rows'][number];
  const tol = rowTolerance(row, row.hi);
  const usage = (set: readonly number[]): number => activity(row, closureOf(model, set));
  const sorted = forcedIn
    .map((f) => ({ f, u: usage([f]) }))
    .sort((a, b) => b.u - a.u || a.f - b.f)
    .map((e) => e.f);
  let set: number[] = [];
  for (const f of sorted) {
    set.push(f);
    if (usage(set) > row.hi + tol) break;
  }
  for (const f of [...set]) {
    const rest = set.filter((g) => g !== f);
    if (rest.length > 0 && usage(rest) > row.hi + tol) set = rest;
  }
  set.sort((a, b) => a - b);
  const use = usage(set);
  const sel = closureOf(model, set);
  const extra = sel.reduce((s, v) => s + v, 0) > set.length ? ' (with the projects they need)' : '';
  const who = `forced-in ${formatList(set.map(id))}${extra}`;
  const plural = set.length > 1 || extra !== '';
  let message: string;
  if (row.kind === 'budget') {
    message = `${who} cost ${formatAmount(use)} but the budget is ${formatAmount(row.hi)}`;
  } else if (row.kind === 'resource') {
    const r = p.resources[row.source] as { subject: string; unit: string; kind: string };
    message =
      r.kind === 'budget'
        ? `${who} cost ${formatAmount(use)} in ${r.subject} but the budget for ${r.subject} is ${formatAmount(row.hi)}`
        : `${who} ${plural ? 'need' : 'needs'} ${withUnit(use, r.unit)} of ${r.subject} but capacity is ${withUnit(row.hi, r.unit)}`;
  } else {
    const b = p.balance[row.source] as { group: string; maxShare: number };
    message = `${who} cost ${formatAmount(use)} in ${b.group}, above its max share (${formatShare(b.maxShare)} of the budget = ${formatAmount(row.hi)})`;
  }
  return { projects: set, constraints: [row.name], message };
}

type Element = { kind: 'force'; j: number } | { kind: 'row'; i: number };

function deletionFilter(
  model: Model,
  deadline: () => boolean,
  id: (j: number) => string,
): Conflict {
  const p = model.problem;
  const elements: Element[] = [];
  const rowOrder: Record<string, number> = {
    dependency: 0,
    exclusion: 1,
    resource: 2,
    budget: 3,
    'max share': 4,
    'min share': 6,
  };
  const rows = model.rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (rowOrder[a.r.kind] ?? 0) - (rowOrder[b.r.kind] ?? 0) || a.i - b.i);
  for (const { r, i } of rows) if ((rowOrder[r.kind] ?? 0) < 6) elements.push({ kind: 'row', i });
  p.projects.forEach((c, j) => {
    if (c.force === 'out') elements.push({ kind: 'force', j });
  });
  p.projects.forEach((c, j) => {
    if (c.force === 'in') elements.push({ kind: 'force', j });
  });
  for (const { r, i } of rows) if (r.kind === 'min share') elements.push({ kind: 'row', i });

  const active = new Uint8Array(elements.length).fill(1);
  const infeasible = (): boolean => {
    const keepRows = new Array<boolean>(model.rows.length).fill(false);
    const lo = new Uint8Array(model.n);
    const hi = new Uint8Array(model.n).fill(1);
    elements.forEach((e, k) => {
      if (!active[k]) return;
      if (e.kind === 'row') keepRows[e.i] = true;
      else if ((p.projects[e.j] as { force: string | null }).force === 'in') lo[e.j] = 1;
      else hi[e.j] = 0;
    });
    const sub = restrictModel(model, keepRows);
    const b = propagate(sub, lo, hi);
    if (b.infeasible) return true;
    const out = branchAndBound(sub, b.lo, b.hi, null, { deadline, nodeLimit: 500, relGap: 1 });
    return out.incumbent === null && out.status === 'optimal';
  };
  for (let k = 0; k < elements.length && !deadline(); k++) {
    active[k] = 0;
    if (!infeasible()) active[k] = 1;
  }
  const projects: number[] = [];
  const constraints: string[] = [];
  const parts: string[] = [];
  const ins: string[] = [];
  const outs: string[] = [];
  elements.forEach((e, k) => {
    if (!active[k]) return;
    if (e.kind === 'force') {
      projects.push(e.j);
      if ((p.projects[e.j] as { force: string | null }).force === 'in') ins.push(id(e.j));
      else outs.push(id(e.j));
      return;
    }
    const r = model.rows[e.i] as Model['rows'][number];
    constraints.push(r.name);
    if (r.kind === 'min share') {
      const b = p.balance[r.source] as { minShare: number };
      parts.push(`${r.name} (${formatShare(b.minShare)} of the budget = ${formatAmount(r.lo)})`);
    } else if (r.kind === 'budget') parts.push(`budget (${formatAmount(r.hi)})`);
    else if (r.kind === 'resource') {
      const res = p.resources[r.source] as { unit: string; name: string };
      parts.push(`${res.name} (${withUnit(r.hi, res.unit)})`);
    } else parts.push(r.name);
  });
  if (outs.length > 0) constraints.unshift('forced out');
  if (ins.length > 0) constraints.unshift('forced in');
  const head: string[] = [];
  if (ins.length > 0) head.push(`forced-in ${formatList(ins)}`);
  if (outs.length > 0) head.push(`forced-out ${formatList(outs)}`);
  return {
    projects: projects.sort((a, b) => a - b),
    constraints,
    message: `these cannot all hold: ${[...head, ...parts].join('; ')}`,
  };
}
