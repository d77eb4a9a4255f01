/**
 * The allocation problem: choose a subset of candidate projects (x_j ∈ {0, 1}) maximising
 * Σ value_j x_j subject to
 * - budget:        Σ cost_j x_j ≤ budget                         (budget = Infinity: none);
 * - resources:     Σ use_rj x_j ≤ limit_r, for every resource r (capacity of a skill in a
 *                  period, budget of a period, a demand column of ALLOCATE), use ≥ 0;
 * - dependencies:  x_p ≤ x_q when project p needs project q;
 * - exclusions:    Σ_{j ∈ S} x_j ≤ 1 for every mutually exclusive set S;
 * - force:         x_j = 1 (in) or x_j = 0 (out);
 * - balance:       minShare × budget ≤ Σ_{j ∈ G} cost_j x_j ≤ maxShare × budget for a group G
 *                  (a Type or an Objective): shares are of the budget, not of what is spent;
 * - linear rows:   lo ≤ Σ a_j x_j ≤ hi with any signs (optional; e.g. "one of these starts",
 *                  "starts no earlier than the project it needs" of the time-indexed model).
 * Indices refer to `projects`. This module holds the types and their validation only.
 */

export type ForceValue = 'in' | 'out';

export interface Candidate {
  /** Shown in reasons and conflicts, e.g. "P07" (ALLOCATE uses "row 7"). */
  readonly id: string;
  readonly value: number;
  /** ≥ 0, in the budget's currency. */
  readonly cost: number;
  readonly force: ForceValue | null;
}

/** A "≤ limit" resource. */
export interface Resource {
  /** The constraint as a reason names it, e.g. "SE capacity in 2027-03". */
  readonly name: string;
  /** What is used, for conflict messages: "need 160 h of <subject>", e.g. "SE in 2027-03". */
  readonly subject: string;
  /** Unit after amounts, e.g. "h"; "" for none. */
  readonly unit: string;
  /**
   * 'capacity' (hours or any other resource: "need 160 h of SE in 2027-03 but capacity is
   * 120 h") or 'budget' (money of a period: "cost 12,000 in 2027-03 but the budget for
   * 2027-03 is 10,000").
   */
  readonly kind: 'capacity' | 'budget';
  readonly limit: number;
  /** [project index, amount ≥ 0]; a project appears at most once. */
  readonly use: readonly (readonly [number, number])[];
}

export interface Dependency {
  /** The project that needs … */
  readonly project: number;
  /** … this one. */
  readonly needs: number;
}

export interface BalanceRule {
  /** The group as words, e.g. "Type Tooling" → "min share of Type Tooling". */
  readonly group: string;
  readonly members: readonly number[];
  /** Fractions of the budget, 0–1; null for no limit. */
  readonly minShare: number | null;
  readonly maxShare: number | null;
}

/** A generic row lo ≤ Σ a_j x_j ≤ hi (a side may be ±Infinity). */
export interface LinearRow {
  /** The constraint in words, e.g. "one start of P07", "P08 starts no earlier than P03". */
  readonly name: string;
  /** [project index, coefficient]; a project appears at most once. */
  readonly terms: readonly (readonly [number, number])[];
  readonly lo: number;
  readonly hi: number;
}

export interface AllocationProblem {
  readonly projects: readonly Candidate[];
  readonly budget: number;
  readonly resources: readonly Resource[];
  readonly dependencies: readonly Dependency[];
  readonly exclusions: readonly (readonly number[])[];
  readonly balance: readonly BalanceRule[];
  /** Optional generic rows (none when absent). */
  readonly rows?: readonly LinearRow[];
}

/** Fills the optional parts of a problem with "none". */
export function problem(
  p: Pick<AllocationProblem, 'projects' | 'budget'> & Partial<AllocationProblem>,
): AllocationProblem {
  return {
    projects: p.projects,
    budget: p.budget,
    resources: p.resources ?? [],
    dependencies: p.dependencies ?? [],
    exclusions: p.exclusions ?? [],
    balance: p.balance ?? [],
    rows: p.rows ?? [],
  };
}

/**
 * Throws a RangeError naming the first thing wrong with a problem: a non-finite value, a negative
 * cost, use or limit, an index out of range, a project used twice by one resource, a share
 * outside 0–1, or a balance rule without a finite budget.
 */
export function validateProblem(p: AllocationProblem): void {
  const n = p.projects.length;
  const fail = (msg: string): never => {
    throw new RangeError(`allocation problem: ${msg}`);
  };
  const index = (i: number, where: string): void => {
    if (!Number.isInteger(i) || i < 0 || i >= n) fail(`${where} refers to project ${i}`);
  };
  p.projects.forEach((c, j) => {
    if (!Number.isFinite(c.value)) fail(`project ${c.id} has value ${c.value}`);
    if (!Number.isFinite(c.cost) || c.cost < 0) fail(`project ${c.id} has cost ${c.cost}`);
    const force: unknown = c.force;
    if (force !== null && force !== 'in' && force !== 'out')
      fail(`project ${j} has force ${JSON.stringify(force)}`);
  });
  if (Number.isNaN(p.budget) || p.budget < 0) fail(`the budget is ${p.budget}`);
  for (const r of p.resources) {
    if (Number.isNaN(r.limit) || r.limit < 0) fail(`${r.name} has limit ${r.limit}`);
    const seen = new Set<number>();
    for (const [j, a] of r.use) {
      index(j, r.name);
      if (seen.has(j)) fail(`${r.name} lists project ${j} twice`);
      seen.add(j);
      if (!Number.isFinite(a) || a < 0) fail(`${r.name} has use ${a}`);
    }
  }
  for (const d of p.dependencies) {
    index(d.project, 'a dependency');
    index(d.needs, 'a dependency');
  }
  for (const s of p.exclusions) for (const j of s) index(j, 'an exclusion');
  for (const r of p.rows ?? []) {
    if (Number.isNaN(r.lo) || Number.isNaN(r.hi) || r.lo > r.hi || r.lo === Infinity)
      fail(`${r.name} has bounds ${r.lo}..${r.hi}`);
    const seen = new Set<number>();
    for (const [j, a] of r.terms) {
      index(j, r.name);
      if (seen.has(j)) fail(`${r.name} lists project ${j} twice`);
      seen.add(j);
      if (!Number.isFinite(a)) fail(`${r.name} has coefficient ${a}`);
    }
  }
  for (const b of p.balance) {
    for (const j of b.members) index(j, `the balance rule for ${b.group}`);
    for (const s of [b.minShare, b.maxShare])
      if (s !== null && !(s >= 0 && s <= 1)) fail(`the balance rule for ${b.group} has share ${s}`);
    if (!Number.isFinite(p.budget)) fail(`the balance rule for ${b.group} needs a finite budget`);
  }
}
