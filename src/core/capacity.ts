/**
 * Capacity check: the demand of the counted projects against the available hours, per skill and
 * period, as a heat map, a list of over-allocations and a peak per skill. Bad Demand or Capacity
 * rows become problems (with the 0-based index of the row in the array given), never crashes.
 *
 * Skills and project IDs are matched with matchKey (case and extra spaces ignored). The work is
 * linear in the demand rows (one pass; then a sort of the contributors of over-allocated cells
 * only) plus the size of the skill × period grid.
 */
import { committedRule, isCounted, type CountRule } from './counting';
import { isPeriod } from './dates';
import { matchKey } from './keys';
import type { CapacityRow, DemandRow, Period, Project } from './model';

/**
 * A heat-map cell's class, with u = demand ÷ capacity:
 * `ok` u ≤ amber (85%), `amber` amber < u ≤ red (100%), `red` u > red,
 * `no-capacity` demand > 0 where capacity is 0 or missing, `empty` neither demand nor capacity.
 */
export type HeatClass = 'ok' | 'amber' | 'red' | 'no-capacity' | 'empty';

export interface HeatThresholds {
  /** Utilisation above this is amber (default 0.85). */
  readonly amber: number;
  /** Utilisation above this is red (default 1). */
  readonly red: number;
}

export const DEFAULT_THRESHOLDS: HeatThresholds = { amber: 0.85, red: 1 };

export interface CapacityCell {
  readonly skill: string;
  readonly period: Period;
  /** Σ hours of the counted projects' demand rows for this skill and period. */
  readonly demand: number;
  /** Available hours; null when Capacity has no value for this skill and period. */
  readonly capacity: number | null;
  /** demand ÷ capacity; null when capacity is 0 or missing. */
  readonly utilisation: number | null;
  readonly heat: HeatClass;
}

/** One project's hours in a cell. */
export interface ProjectHours {
  readonly projectId: string;
  readonly hours: number;
}

export interface OverAllocation {
  readonly skill: string;
  readonly period: Period;
  readonly demand: number;
  readonly capacity: number | null;
  /** demand − capacity (a missing capacity counts as 0). */
  readonly hoursOver: number;
  readonly utilisation: number | null;
  /** The counted projects with hours in the cell, largest first (ties by ID). */
  readonly projects: readonly ProjectHours[];
}

export interface SkillPeak {
  readonly skill: string;
  /** max over periods with capacity > 0 of demand ÷ capacity; null when no period has capacity. */
  readonly peak: number | null;
  /** The earliest period where the peak is reached. */
  readonly period: Period | null;
  /** Σ demand in periods where this skill has zero or missing capacity. */
  readonly uncoveredHours: number;
}

export type CapacityProblemKind =
  | 'unknown-project'
  | 'unknown-skill'
  | 'unknown-period'
  | 'invalid-period'
  | 'invalid-hours'
  | 'duplicate-skill';

export interface CapacityProblem {
  readonly kind: CapacityProblemKind;
  readonly source: 'Demand' | 'Capacity';
  /** 0-based indices into the demand (or capacity) array of the rows concerned. */
  readonly indices: readonly number[];
  readonly message: string;
}

export interface CapacityAnalysis {
  /** Row axis: the Capacity skills in order, then skills only Demand names (first seen first). */
  readonly skills: readonly string[];
  /** Column axis: every period of Capacity and of counted demand, in order. */
  readonly periods: readonly Period[];
  /** cells[s][p] for skills[s] and periods[p]. */
  readonly cells: readonly (readonly CapacityCell[])[];
  /** Cells where demand exceeds capacity, most hours over first. */
  readonly overAllocations: readonly OverAllocation[];
  /** One per skill, in the order of `skills`. */
  readonly peaks: readonly SkillPeak[];
  readonly problems: readonly CapacityProblem[];
  /** What was counted: projects with demand, demand rows and hours. */
  readonly counted: {
    readonly projects: number;
    readonly demandRows: number;
    readonly hours: number;
  };
}

export interface CapacityOptions {
  /** Which projects' demand counts (default: committedRule(projects), the plan). */
  readonly rule?: CountRule;
  readonly thresholds?: HeatThresholds;
}

/** Above this, a difference is real and not floating-point noise. */
const EPS = 1e-9;

/**
 * Computes utilisation u(s, p) = Σ_{counted demand rows r of skill s} hours_r(p) ÷ capacity(s, p)
 * for every skill s and period p, its heat class, the over-allocations (demand − capacity > 0)
 * with their contributing projects, and each skill's peak utilisation.
 */
export function analyseCapacity(
  projects: readonly Project[],
  capacity: readonly CapacityRow[],
  demand: readonly DemandRow[],
  options: CapacityOptions = {},
): CapacityAnalysis {
  const rule = options.rule ?? committedRule(projects);
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const problems: CapacityProblem[] = [];

  // Capacity: skill → period → hours.
  const skillIndex = new Map<string, number>();
  const skills: string[] = [];
  const available: Map<Period, number>[] = [];
  const periodSet = new Set<Period>();
  const badCapacityPeriods = new Grouped();
  const badCapacityHours: number[] = [];
  capacity.forEach((row, i) => {
    const key = matchKey(row.skill);
    let s = skillIndex.get(key);
    if (s === undefined) {
      s = skills.length;
      skillIndex.set(key, s);
      skills.push(row.skill.trim());
      available.push(new Map());
    } else {
      problems.push({
        kind: 'duplicate-skill',
        source: 'Capacity',
        indices: [i],
        message: `Capacity lists the skill "${row.skill.trim()}" more than once; its hours were added together. Keep one row per skill.`,
      });
    }
    const hours = available[s] as Map<Period, number>;
    for (const [period, h] of Object.entries(row.hours)) {
      if (!isPeriod(period)) {
        badCapacityPeriods.add(period, i);
        continue;
      }
      if (!Number.isFinite(h) || h < 0) {
        badCapacityHours.push(i);
        continue;
      }
      periodSet.add(period);
      hours.set(period, (hours.get(period) ?? 0) + h);
    }
  });
  for (const [period, rows] of badCapacityPeriods.entries())
    problems.push({
      kind: 'invalid-period',
      source: 'Capacity',
      indices: rows,
      message: `Capacity has a period column "${period}" that is not a month: use YYYY-MM, e.g. 2027-01.`,
    });
  if (badCapacityHours.length > 0)
    problems.push({
      kind: 'invalid-hours',
      source: 'Capacity',
      indices: unique(badCapacityHours),
      message:
        'Capacity has hours that are negative or not numbers; they were ignored. Type 0 or more.',
    });
  const capacitySkills = skills.length;
  const capacityPeriods = periodSet.size;

  // Demand: one pass, adding each counted row's hours to its cell.
  const projectByKey = new Map<string, Project>();
  for (const p of projects) {
    const key = matchKey(p.id);
    if (!projectByKey.has(key)) projectByKey.set(key, p);
  }
  const unknownProjects: number[] = [];
  const unknownSkills = new Grouped();
  const unknownPeriods = new Grouped();
  const badPeriods = new Grouped();
  const badHours: number[] = [];
  // cell key "s|period" → demand and per-project hours.
  const cellDemand = new Map<string, number>();
  const cellProjects = new Map<string, Map<string, number>>();
  const countedProjects = new Set<string>();
  let countedRows = 0;
  let countedHours = 0;

  demand.forEach((row, i) => {
    const project = projectByKey.get(matchKey(row.projectId));
    if (!project) unknownProjects.push(i);
    const skillKey = matchKey(row.skill);
    let s = skillIndex.get(skillKey);
    if (s === undefined || s >= capacitySkills) unknownSkills.add(row.skill.trim(), i);
    const counted = project !== undefined && isCounted(project, rule);
    let rowCounted = false;
    for (const [period, h] of Object.entries(row.hours)) {
      if (!isPeriod(period)) {
        badPeriods.add(period, i);
        continue;
      }
      if (!Number.isFinite(h) || h < 0) {
        badHours.push(i);
        continue;
      }
      if (capacityPeriods > 0 && !periodSet.has(period)) unknownPeriods.add(period, i);
      if (!counted || h === 0) continue;
      if (s === undefined) {
        s = skills.length;
        skillIndex.set(skillKey, s);
        skills.push(row.skill.trim());
        available.push(new Map());
      }
      const cell = `${s}|${period}`;
      cellDemand.set(cell, (cellDemand.get(cell) ?? 0) + h);
      let byProject = cellProjects.get(cell);
      if (!byProject) cellProjects.set(cell, (byProject = new Map<string, number>()));
      byProject.set(project.id, (byProject.get(project.id) ?? 0) + h);
      countedHours += h;
      rowCounted = true;
    }
    if (rowCounted && project) {
      countedRows++;
      countedProjects.add(project.id);
    }
  });

  if (unknownProjects.length > 0)
    problems.push({
      kind: 'unknown-project',
      source: 'Demand',
      indices: unknownProjects,
      message: `${plural(unknownProjects.length, 'Demand row names', 'Demand rows name')} a project ID that is not on the Projects sheet (${listIds(unknownProjects.map((i) => (demand[i] as DemandRow).projectId))}); ${unknownProjects.length === 1 ? 'its hours were' : 'their hours were'} not counted. Fix the ID or add the project.`,
    });
  for (const [skill, rows] of unknownSkills.entries())
    problems.push({
      kind: 'unknown-skill',
      source: 'Demand',
      indices: rows,
      message: `Demand names the skill "${skill}" (${plural(rows.length, 'row', 'rows')}), which Capacity does not list; counted demand for it shows as having no capacity. Add "${skill}" to Capacity or fix the spelling.`,
    });
  for (const [period, rows] of unknownPeriods.entries())
    problems.push({
      kind: 'unknown-period',
      source: 'Demand',
      indices: rows,
      message: `Demand has hours in ${period} (${plural(rows.length, 'row', 'rows')}) but Capacity has no ${period} column; counted demand in it shows as having no capacity. Add the column to Capacity or move the hours.`,
    });
  for (const [period, rows] of badPeriods.entries())
    problems.push({
      kind: 'invalid-period',
      source: 'Demand',
      indices: rows,
      message: `Demand has a period column "${period}" that is not a month; its hours were ignored. Use YYYY-MM, e.g. 2027-01.`,
    });
  if (badHours.length > 0)
    problems.push({
      kind: 'invalid-hours',
      source: 'Demand',
      indices: unique(badHours),
      message: `${plural(unique(badHours).length, 'Demand row has', 'Demand rows have')} hours that are negative or not numbers; they were ignored. Type 0 or more.`,
    });

  // The grid.
  for (const cell of cellDemand.keys()) periodSet.add(cell.slice(cell.indexOf('|') + 1));
  const periods = [...periodSet].sort();
  const cells: CapacityCell[][] = [];
  const overAllocations: OverAllocation[] = [];
  const peaks: SkillPeak[] = [];
  for (let s = 0; s < skills.length; s++) {
    const skill = skills[s] as string;
    const hours = available[s] as Map<Period, number>;
    const row: CapacityCell[] = [];
    let peak: number | null = null;
    let peakPeriod: Period | null = null;
    let uncovered = 0;
    for (const period of periods) {
      const key = `${s}|${period}`;
      const d = cellDemand.get(key) ?? 0;
      const c = hours.get(period) ?? null;
      const u = c !== null && c > 0 ? d / c : null;
      row.push({
        skill,
        period,
        demand: d,
        capacity: c,
        utilisation: u,
        heat: heatClass(d, c, thresholds),
      });
      if (u !== null && (peak === null || u > peak)) {
        peak = u;
        peakPeriod = period;
      }
      if (u === null) uncovered += d;
      const over = d - (c ?? 0);
      if (over > EPS * Math.max(1, c ?? 0)) {
        overAllocations.push({
          skill,
          period,
          demand: d,
          capacity: c,
          hoursOver: over,
          utilisation: u,
          projects: contributors(cellProjects.get(key)),
        });
      }
    }
    cells.push(row);
    peaks.push({ skill, peak, period: peakPeriod, uncoveredHours: uncovered });
  }
  const order = new Map(skills.map((s, i) => [s, i]));
  overAllocations.sort(
    (a, b) =>
      b.hoursOver - a.hoursOver ||
      (order.get(a.skill) as number) - (order.get(b.skill) as number) ||
      compareText(a.period, b.period),
  );

  return {
    skills,
    periods,
    cells,
    overAllocations,
    peaks,
    problems,
    counted: { projects: countedProjects.size, demandRows: countedRows, hours: countedHours },
  };
}

/**
 * The heat class of one cell (see HeatClass); comparisons allow 1e-12 of floating-point noise so
 * 17 of 20 hours is exactly 85% and stays ok.
 */
export function heatClass(
  demand: number,
  capacity: number | null,
  thresholds: HeatThresholds = DEFAULT_THRESHOLDS,
): HeatClass {
  if (capacity === null || capacity <= 0) return demand > 0 ? 'no-capacity' : 'empty';
  const u = demand / capacity;
  if (u - thresholds.red > 1e-12) return 'red';
  if (u - thresholds.amber > 1e-12) return 'amber';
  return 'ok';
}

function contributors(byProject: Map<string, number> | undefined): ProjectHours[] {
  if (!byProject) return [];
  return [...byProject]
    .map(([projectId, hours]) => ({ projectId, hours }))
    .sort((a, b) => b.hours - a.hours || compareText(a.projectId, b.projectId));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unique(xs: readonly number[]): number[] {
  return [...new Set(xs)];
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

function listIds(ids: readonly string[]): string {
  const distinct = [...new Set(ids.map((id) => (id.trim() === '' ? '(blank)' : id.trim())))];
  return distinct.length <= 5
    ? distinct.join(', ')
    : `${distinct.slice(0, 5).join(', ')} and ${distinct.length - 5} more`;
}

/** Row indices grouped by a key, keys in first-seen order, each index once. */
class Grouped {
  private readonly map = new Map<string, number[]>();
  add(key: string, index: number): void {
    const rows = this.map.get(key);
    if (!rows) this.map.set(key, [index]);
    else if (rows[rows.length - 1] !== index) rows.push(index);
  }
  entries(): IterableIterator<[string, number[]]> {
    return this.map.entries();
  }
}
