/**
 * The portfolio model shared by every core module. The sheet layer (src/sheets) parses workbook
 * rows into these types once; core code never sees a Range.
 *
 * Dates are wall-clock calendar dates as ISO strings "YYYY-MM-DD" (the sheet layer converts cell
 * Dates in the spreadsheet's time zone), periods are months "YYYY-MM". Money is in the workbook's
 * currency; confidence is a fraction 0–1.
 */
import type { Direction } from './direction';

export const PROJECT_STATUSES = [
  'Proposed',
  'In review',
  'Approved',
  'Active',
  'On hold',
  'Done',
  'Rejected',
  'Stopped',
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/**
 * The statuses that end a project (the stage flow's final stages): such a project is not ranked,
 * not a candidate for selection and not open work.
 */
export const CLOSED_STATUSES: readonly ProjectStatus[] = ['Done', 'Rejected', 'Stopped'];

/** True for an open project: a blank status, or any status but Done, Rejected and Stopped. */
export function isOpen(status: string | null): boolean {
  return status === null || !(CLOSED_STATUSES as readonly string[]).includes(status);
}

export const PROJECT_TYPES = [
  'Campaign',
  'Lead generation',
  'Sales process',
  'Enablement',
  'Tooling',
  'Partnership',
  'Other',
] as const;

/** Force a project into (or out of) every selection. */
export type Force = 'in' | 'out';

/** An ISO calendar date, "YYYY-MM-DD". */
export type IsoDate = string;
/** A month, "YYYY-MM". */
export type Period = string;

export interface Project {
  /** The 1-based sheet row it came from (for messages and for writing back). */
  readonly row: number;
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** One of PROJECT_TYPES in a well-kept sheet, but any text is kept. */
  readonly type: string;
  readonly owner: string;
  readonly status: ProjectStatus | null;
  readonly objective: string;
  readonly segment: string;
  readonly region: string;
  readonly start: IsoDate | null;
  readonly end: IsoDate | null;
  readonly cost: number | null;
  readonly expectedRevenue: number | null;
  /** Fraction 0–1. */
  readonly confidence: number | null;
  /** Criterion values keyed by criterion name (see Criterion.name); null = blank. */
  readonly criteria: Readonly<Record<string, number | null>>;
  /** IDs of projects this one needs. */
  readonly dependsOn: readonly string[];
  /** IDs of projects that cannot be chosen together with this one. */
  readonly excludes: readonly string[];
  readonly force: Force | null;
  /**
   * The latest month it may start ("YYYY-MM"); null or absent: it starts at its Start. Optimise
   * portfolio chooses a start between Start and this.
   */
  readonly latestStart?: Period | null;
  /** Owned outputs of Optimise portfolio / Commit: the planned dates (null or absent: none). */
  readonly plannedStart?: IsoDate | null;
  readonly plannedEnd?: IsoDate | null;
  readonly actuals: Actuals;
  /** Owned outputs as last written (null when blank). */
  readonly score: number | null;
  readonly rank: number | null;
  readonly selected: boolean | null;
}

/** Optional actuals columns (reviews and KPIs). */
export interface Actuals {
  readonly actualCost: number | null;
  readonly pipelineGenerated: number | null;
  readonly revenueWon: number | null;
  readonly dealsWon: number | null;
  readonly dealsLost: number | null;
  readonly lastUpdate: IsoDate | null;
}

/** A row of the Criteria sheet. */
export interface CriterionDef {
  /** Display name, e.g. "Strategic fit". */
  readonly name: string;
  /** The Projects column holding its values (header text). */
  readonly column: string;
  readonly weight: number;
  readonly direction: Direction;
  readonly scaleMin: number | null;
  readonly scaleMax: number | null;
}

/** A row of the Capacity sheet: available hours of a skill per period. */
export interface CapacityRow {
  readonly skill: string;
  readonly hours: Readonly<Record<Period, number>>;
  /** The optional Cost per hour column: what an added hour of the skill costs (null: not given). */
  readonly costPerHour?: number | null;
}

/** A row of the Demand sheet: hours of a skill a project needs per period. */
export interface DemandRow {
  readonly projectId: string;
  readonly skill: string;
  readonly hours: Readonly<Record<Period, number>>;
}

/**
 * When the plan expects a project to end: its Planned end when Optimise portfolio or a commit moved
 * it (time-phased planning), else its End. Overdue and the snapshots count from this date.
 */
export function plannedEndOf(p: Pick<Project, 'end' | 'plannedEnd'>): IsoDate | null {
  return p.plannedEnd ?? p.end;
}
