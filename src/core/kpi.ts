/**
 * Portfolio KPIs (issue 6 §1). Every KPI carries its value, its formula in words and the inputs
 * it counted, so the Dashboard can write the formula next to the number. A division by zero, or
 * a KPI without data, is null with a reason — never NaN. Blank or non-finite inputs are skipped
 * and counted as `missing`.
 */
import type { CapacityAnalysis } from './capacity';
import { committedRule, describeRule, isCounted, type CountRule } from './counting';
import { dayNumber } from './dates';
import { daysOverdue, DEFAULT_STALE_DAYS, isOpen, staleness } from './health';
import { matchKey } from './keys';
import { plannedEndOf, type IsoDate, type Period, type Project, type ProjectStatus } from './model';

/** How a value reads: money, a fraction shown as a percentage, a plain ratio, or a count. */
export type KpiUnit = 'money' | 'percent' | 'ratio' | 'count';

export interface Kpi {
  readonly label: string;
  readonly value: number | null;
  readonly unit: KpiUnit;
  /** The formula in words, e.g. "Σ Revenue won ÷ Σ Actual cost − 1". */
  readonly formula: string;
  /** The sums the formula combined, e.g. [{ label: "Σ Revenue won", value: 120000 }, …]. */
  readonly inputs: readonly { readonly label: string; readonly value: number }[];
  /** Projects that went into the value. */
  readonly counted: number;
  /** Projects in scope skipped for a blank input. */
  readonly missing: number;
  /** Why the value is null; null when there is a value. */
  readonly reason: string | null;
  /** Where a value that counts no project comes from (e.g. "Settings → Budget"), else null. */
  readonly source: string | null;
}

export const KPI_KEYS = [
  'budgetCommitted',
  'budgetAvailable',
  'budgetRemaining',
  'budgetUsed',
  'expectedRevenue',
  'riskAdjustedValue',
  'realisedRoi',
  'pipelinePerCost',
  'winRate',
  'forecastAccuracy',
  'staleProjects',
  'overdueProjects',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export interface ShareEntry {
  /** The Type or Objective as typed (first spelling seen), "(blank)" when blank. */
  readonly key: string;
  readonly cost: number;
  /** cost ÷ Σ cost; null when Σ cost is 0. */
  readonly share: number | null;
  readonly projects: number;
}

export interface OwnerForecast {
  readonly owner: string;
  /** Σ Revenue won ÷ Σ Expected revenue over the owner's projects with both; null if Σ expected = 0. */
  readonly accuracy: number | null;
  readonly revenueWon: number;
  readonly expectedRevenue: number;
  readonly projects: number;
}

export interface StaleProject {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly status: ProjectStatus | null;
  readonly lastUpdate: IsoDate | null;
  /** null when the project was never updated. */
  readonly daysSinceUpdate: number | null;
}

export interface OverdueProject {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly status: ProjectStatus | null;
  readonly end: IsoDate;
  readonly daysOverdue: number;
}

export interface SkillPeakKpi {
  readonly skill: string;
  readonly peak: number | null;
  readonly period: Period | null;
}

/** Per-project KPIs; each is null when an input is blank or a denominator is 0. */
export interface ProjectKpis {
  readonly id: string;
  readonly owner: string;
  /** Whether the project is in the committed portfolio (the count rule). */
  readonly committed: boolean;
  readonly riskAdjustedValue: number | null;
  readonly roi: number | null;
  readonly pipelinePerCost: number | null;
  readonly winRate: number | null;
  readonly forecastAccuracy: number | null;
  readonly costVariance: number | null;
  /** null when the staleness check does not apply (closed, or no project has a Last update). */
  readonly stale: boolean | null;
  readonly daysOverdue: number | null;
}

export const PROJECT_KPI_FORMULAS: Readonly<
  Record<Exclude<keyof ProjectKpis, 'id' | 'owner' | 'committed' | 'stale'>, string>
> = {
  riskAdjustedValue: 'Expected revenue × Confidence',
  roi: 'Revenue won ÷ Actual cost − 1',
  pipelinePerCost: 'Pipeline generated ÷ Actual cost',
  winRate: 'Deals won ÷ (Deals won + Deals lost)',
  forecastAccuracy: 'Revenue won ÷ Expected revenue',
  costVariance: 'Actual cost − Cost',
  daysOverdue: 'today − End, for open projects past their End',
};

export interface KpiOptions {
  /** Today's date: stale and overdue are judged against it. */
  readonly today: IsoDate;
  /** A project with no update for this many days or more is stale (default 30). */
  readonly staleDays?: number;
  /** The budget available (e.g. from Settings); budget KPIs are null without it. */
  readonly budget?: number | null;
  /** Which projects form the committed portfolio (default: Approved or Active, or Selected). */
  readonly rule?: CountRule;
  /** A capacity analysis, for peak utilisation per skill. */
  readonly capacity?: CapacityAnalysis;
}

export interface PortfolioKpis {
  readonly kpis: Readonly<Record<KpiKey, Kpi>>;
  readonly forecastByOwner: readonly OwnerForecast[];
  /** Cost of the committed portfolio by Type and by Objective, largest first. */
  readonly costMix: {
    readonly formula: string;
    readonly byType: readonly ShareEntry[];
    readonly byObjective: readonly ShareEntry[];
  };
  readonly peakUtilisation: { readonly formula: string; readonly skills: readonly SkillPeakKpi[] };
  readonly stale: readonly StaleProject[];
  readonly overdue: readonly OverdueProject[];
  readonly projects: readonly ProjectKpis[];
}

/** A finite number, or null (blank, NaN and ±Infinity are all "no value"). */
function num(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}

/** a ÷ b, or null when b is 0. */
function div(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/** Sums f over the projects where every input is present; counts the rest as missing. */
function sum(
  projects: readonly Project[],
  inputs: (p: Project) => readonly (number | null)[],
  combine: (xs: number[]) => number,
): { total: number; counted: number; missing: number } {
  let total = 0;
  let counted = 0;
  let missing = 0;
  for (const p of projects) {
    const xs = inputs(p).map(num);
    if (xs.some((x) => x === null)) {
      missing++;
      continue;
    }
    total += combine(xs as number[]);
    counted++;
  }
  return { total, counted, missing };
}

/** Computes every portfolio KPI and the per-project KPIs (formulas in each Kpi and above). */
export function portfolioKpis(projects: readonly Project[], options: KpiOptions): PortfolioKpis {
  const { today } = options;
  if (dayNumber(today) === null) throw new RangeError(`today "${today}" is not a date YYYY-MM-DD`);
  const staleDays = options.staleDays ?? DEFAULT_STALE_DAYS;
  if (!(staleDays >= 0)) throw new RangeError(`staleDays ${staleDays} is not 0 or more`);
  const rule = options.rule ?? committedRule(projects);
  const budget = num(options.budget ?? null);
  const committed = projects.filter((p) => isCounted(p, rule));
  const scope = `of projects with ${describeRule(rule)}`;

  const cost = sum(
    committed,
    (p) => [p.cost],
    ([c]) => c as number,
  );
  const revenue = sum(
    committed,
    (p) => [p.expectedRevenue],
    ([r]) => r as number,
  );
  const riskAdjusted = sum(
    committed,
    (p) => [p.expectedRevenue, p.confidence],
    ([r, c]) => (r as number) * (c as number),
  );
  const wonOverCost = pairSums(
    projects,
    (p) => p.actuals.revenueWon,
    (p) => p.actuals.actualCost,
  );
  const pipeOverCost = pairSums(
    projects,
    (p) => p.actuals.pipelineGenerated,
    (p) => p.actuals.actualCost,
  );
  const wonOverExpected = pairSums(
    projects,
    (p) => p.actuals.revenueWon,
    (p) => p.expectedRevenue,
  );
  let won = 0;
  let lost = 0;
  let dealProjects = 0;
  for (const p of projects) {
    const w = num(p.actuals.dealsWon);
    const l = num(p.actuals.dealsLost);
    if (w === null && l === null) continue;
    won += w ?? 0;
    lost += l ?? 0;
    dealProjects++;
  }

  const tracksUpdates = projects.some((p) => p.actuals.lastUpdate !== null);
  const stale: StaleProject[] = [];
  const overdue: OverdueProject[] = [];
  const perProject: ProjectKpis[] = projects.map((p) => {
    const s = tracksUpdates ? staleness(p.status, p.actuals.lastUpdate, today, staleDays) : null;
    if (s)
      stale.push({
        ...who(p),
        lastUpdate: p.actuals.lastUpdate,
        daysSinceUpdate: s.daysSinceUpdate,
      });
    const end = plannedEndOf(p);
    const late = daysOverdue(p.status, end, today);
    if (late !== null) overdue.push({ ...who(p), end: end as IsoDate, daysOverdue: late });
    return projectKpis(p, rule, tracksUpdates && isOpen(p.status) ? s !== null : null, late);
  });
  stale.sort(
    (a, b) => (b.daysSinceUpdate ?? Infinity) - (a.daysSinceUpdate ?? Infinity) || cmp(a.id, b.id),
  );
  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || cmp(a.id, b.id));
  const open = projects.filter((p) => isOpen(p.status)).length;

  const kpi = (
    k: Omit<Kpi, 'reason' | 'inputs' | 'missing' | 'source'> & Partial<Kpi> & { why?: string },
  ): Kpi => ({
    label: k.label,
    unit: k.unit,
    formula: k.formula,
    value: k.value,
    inputs: k.inputs ?? [],
    counted: k.counted,
    missing: k.missing ?? 0,
    reason: k.value === null ? (k.why ?? 'No data.') : null,
    source: k.source ?? null,
  });
  /** Σ a ÷ Σ b over the projects that have both (a return subtracts 1), with both sums shown. */
  const ratioOfSums = (
    k: Pick<Kpi, 'label' | 'unit'> & {
      a: string;
      b: string;
      sums: ReturnType<typeof pairSums>;
      minusOne?: boolean;
    },
  ): Kpi => {
    const ratio = div(k.sums.a, k.sums.b);
    return kpi({
      label: k.label,
      unit: k.unit,
      formula: `Σ ${k.a} ÷ Σ ${k.b}${k.minusOne ? ' − 1' : ''}, over projects with both`,
      value: ratio === null ? null : ratio - (k.minusOne ? 1 : 0),
      inputs: [
        { label: `Σ ${k.a}`, value: k.sums.a },
        { label: `Σ ${k.b}`, value: k.sums.b },
      ],
      counted: k.sums.counted,
      missing: k.sums.missing,
      why: k.sums.counted === 0 ? `No project has both ${k.a} and ${k.b}.` : `Σ ${k.b} is 0.`,
    });
  };
  const noBudget = 'No budget is set: add the budget available to Settings.';

  const budgetRemaining = budget === null ? null : budget - cost.total;
  const kpis: Record<KpiKey, Kpi> = {
    budgetCommitted: kpi({
      label: 'Budget committed',
      unit: 'money',
      formula: `Σ Cost ${scope}`,
      value: cost.total,
      counted: cost.counted,
      missing: cost.missing,
    }),
    budgetAvailable: kpi({
      label: 'Budget available',
      unit: 'money',
      formula: 'the budget available, as set in Settings',
      value: budget,
      counted: 0,
      source: 'Settings → Budget',
      why: noBudget,
    }),
    budgetRemaining: kpi({
      label: 'Budget remaining',
      unit: 'money',
      formula: 'Budget available − Budget committed',
      value: budgetRemaining,
      inputs:
        budget === null
          ? []
          : [
              { label: 'Budget available', value: budget },
              { label: 'Budget committed', value: cost.total },
            ],
      counted: cost.counted,
      missing: cost.missing,
      why: noBudget,
    }),
    budgetUsed: kpi({
      label: 'Budget used',
      unit: 'percent',
      formula: 'Budget committed ÷ Budget available',
      value: budget === null ? null : div(cost.total, budget),
      inputs:
        budget === null
          ? []
          : [
              { label: 'Budget committed', value: cost.total },
              { label: 'Budget available', value: budget },
            ],
      counted: cost.counted,
      missing: cost.missing,
      why: budget === null ? noBudget : 'The budget available is 0.',
    }),
    expectedRevenue: kpi({
      label: 'Expected revenue',
      unit: 'money',
      formula: `Σ Expected revenue ${scope}`,
      value: revenue.total,
      counted: revenue.counted,
      missing: revenue.missing,
    }),
    riskAdjustedValue: kpi({
      label: 'Risk-adjusted value',
      unit: 'money',
      formula: `Σ Expected revenue × Confidence ${scope}`,
      value: riskAdjusted.total,
      counted: riskAdjusted.counted,
      missing: riskAdjusted.missing,
    }),
    realisedRoi: ratioOfSums({
      label: 'Realised ROI',
      unit: 'percent',
      a: 'Revenue won',
      b: 'Actual cost',
      sums: wonOverCost,
      minusOne: true,
    }),
    pipelinePerCost: ratioOfSums({
      label: 'Pipeline per unit cost',
      unit: 'ratio',
      a: 'Pipeline generated',
      b: 'Actual cost',
      sums: pipeOverCost,
    }),
    winRate: kpi({
      label: 'Win rate',
      unit: 'percent',
      formula: 'Σ Deals won ÷ (Σ Deals won + Σ Deals lost)',
      value: div(won, won + lost),
      inputs: [
        { label: 'Σ Deals won', value: won },
        { label: 'Σ Deals lost', value: lost },
      ],
      counted: dealProjects,
      why: 'No deals won or lost are recorded.',
    }),
    forecastAccuracy: ratioOfSums({
      label: 'Forecast accuracy',
      unit: 'percent',
      a: 'Revenue won',
      b: 'Expected revenue',
      sums: wonOverExpected,
    }),
    staleProjects: kpi({
      label: 'Stale projects',
      unit: 'count',
      formula: `open projects whose Last update is ${staleDays} days or more before ${today}, or blank (never updated)`,
      value: tracksUpdates ? stale.length : null,
      counted: tracksUpdates ? open : 0,
      why: 'No project has a Last update date, so staleness cannot be judged.',
    }),
    overdueProjects: kpi({
      label: 'Overdue projects',
      unit: 'count',
      formula: `open projects (not Done, Rejected or Stopped) whose End is before ${today}`,
      value: overdue.length,
      counted: open,
    }),
  };

  return {
    kpis,
    forecastByOwner: forecastByOwner(projects),
    costMix: {
      formula: `Σ Cost by Type (or Objective) ÷ Σ Cost, ${scope}`,
      byType: shares(committed, (p) => p.type),
      byObjective: shares(committed, (p) => p.objective),
    },
    peakUtilisation: {
      formula: 'max over months of demand ÷ capacity, per skill (Check capacity)',
      skills: (options.capacity?.peaks ?? []).map(({ skill, peak, period }) => ({
        skill,
        peak,
        period,
      })),
    },
    stale,
    overdue,
    projects: perProject,
  };
}

/** Σ a and Σ b over the projects where both are present. */
function pairSums(
  projects: readonly Project[],
  fa: (p: Project) => number | null,
  fb: (p: Project) => number | null,
): { a: number; b: number; counted: number; missing: number } {
  let a = 0;
  let b = 0;
  let counted = 0;
  let missing = 0;
  for (const p of projects) {
    const x = num(fa(p));
    const y = num(fb(p));
    if (x === null && y === null) continue;
    if (x === null || y === null) {
      missing++;
      continue;
    }
    a += x;
    b += y;
    counted++;
  }
  return { a, b, counted, missing };
}

/** Per-project KPIs (formulas in PROJECT_KPI_FORMULAS). */
function projectKpis(
  p: Project,
  rule: CountRule,
  stale: boolean | null,
  late: number | null,
): ProjectKpis {
  const a = p.actuals;
  const revenue = num(p.expectedRevenue);
  const confidence = num(p.confidence);
  const actualCost = num(a.actualCost);
  const won = num(a.revenueWon);
  const pipeline = num(a.pipelineGenerated);
  const dw = num(a.dealsWon);
  const dl = num(a.dealsLost);
  const planned = num(p.cost);
  const wonOverCost = won === null || actualCost === null ? null : div(won, actualCost);
  return {
    id: p.id,
    owner: p.owner,
    committed: isCounted(p, rule),
    riskAdjustedValue: revenue === null || confidence === null ? null : revenue * confidence,
    roi: wonOverCost === null ? null : wonOverCost - 1,
    pipelinePerCost: pipeline === null || actualCost === null ? null : div(pipeline, actualCost),
    winRate: dw === null && dl === null ? null : div(dw ?? 0, (dw ?? 0) + (dl ?? 0)),
    forecastAccuracy: won === null || revenue === null ? null : div(won, revenue),
    costVariance: actualCost === null || planned === null ? null : actualCost - planned,
    stale,
    daysOverdue: late,
  };
}

/** Forecast accuracy per owner (owners matched ignoring case and spaces), by owner name. */
function forecastByOwner(projects: readonly Project[]): OwnerForecast[] {
  const byOwner = new Map<string, { owner: string; won: number; expected: number; n: number }>();
  for (const p of projects) {
    const won = num(p.actuals.revenueWon);
    const expected = num(p.expectedRevenue);
    if (won === null || expected === null) continue;
    const key = matchKey(p.owner);
    let o = byOwner.get(key);
    if (!o)
      byOwner.set(key, (o = { owner: p.owner.trim() || '(no owner)', won: 0, expected: 0, n: 0 }));
    o.won += won;
    o.expected += expected;
    o.n++;
  }
  return [...byOwner.values()]
    .map((o) => ({
      owner: o.owner,
      accuracy: div(o.won, o.expected),
      revenueWon: o.won,
      expectedRevenue: o.expected,
      projects: o.n,
    }))
    .sort((a, b) => cmp(a.owner.toLowerCase(), b.owner.toLowerCase()));
}

/** Σ Cost per key ÷ Σ Cost over the projects with a Cost, largest first. */
function shares(projects: readonly Project[], key: (p: Project) => string): ShareEntry[] {
  const groups = new Map<string, { key: string; cost: number; projects: number }>();
  let total = 0;
  for (const p of projects) {
    const c = num(p.cost);
    if (c === null) continue;
    const shown = key(p).trim() || '(blank)';
    const k = matchKey(shown);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { key: shown, cost: 0, projects: 0 }));
    g.cost += c;
    g.projects++;
    total += c;
  }
  return [...groups.values()]
    .map((g) => ({ ...g, share: div(g.cost, total) }))
    .sort((a, b) => b.cost - a.cost || cmp(a.key, b.key));
}

function who(p: Project): {
  id: string;
  name: string;
  owner: string;
  status: ProjectStatus | null;
} {
  return { id: p.id, name: p.name, owner: p.owner, status: p.status };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
