/**
 * The workbook contract: which sheets the add-on knows, their columns (header text, accepted
 * aliases, kind, validation, format) and which columns the add-on owns (writes). Sheets are found
 * by name, columns by header (see headerKey); column order is free and unknown columns are kept.
 */
import { PROJECT_STATUSES, PROJECT_TYPES } from '../core/model';
import { SNAPSHOT_COLUMNS, type Snapshot } from '../core/snapshot';

export type ColumnKind =
  | 'text'
  | 'id'
  | 'ids'
  | 'number'
  | 'money'
  | 'hours'
  | 'percent'
  | 'date'
  /** A month "YYYY-MM" (a date typed or pasted counts as its month). */
  | 'month'
  | 'datetime'
  | 'choice'
  | 'boolean';

export interface ColumnSpec {
  /** Internal key used by the code. */
  readonly key: string;
  /** The header the add-on writes when it creates the column. */
  readonly header: string;
  /** Other header texts accepted for the column (matched like the header). */
  readonly aliases?: readonly string[];
  readonly kind: ColumnKind;
  /** Dropdown values for kind "choice". */
  readonly choices?: readonly string[];
  /** Numeric validation bounds (inclusive). */
  readonly min?: number;
  readonly max?: number;
  /** Written by the add-on; everything else is the user's. */
  readonly owned?: boolean;
  /** Parsing needs it: a missing required column is an error that names it. */
  readonly required?: boolean;
  /** Shown as the header cell's note. */
  readonly help?: string;
  /** The number format where the add-on writes the column (default: NUMBER_FORMATS[kind]). */
  readonly numberFormat?: string;
  readonly width?: number;
}

export interface SheetSpec {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  /** Owned by the add-on entirely (rebuilt by its action); users read it. */
  readonly owned?: boolean;
  /** Column keys that start a named range ("PP_<Sheet>_<key>") over the data rows. */
  readonly namedColumns?: readonly string[];
  /** True when the sheet also has one column per period (Capacity, Demand): headers "YYYY-MM". */
  readonly periodColumns?: boolean;
  readonly hidden?: boolean;
  readonly tabColor?: string;
  /**
   * Names the sheet had in earlier versions: still read, and renamed to `name` the next time the
   * add-on writes the sheet (ownedTableSheet).
   */
  readonly formerNames?: readonly string[];
}

export const FORCE_CHOICES = ['In', 'Out'] as const;
export const DIRECTION_CHOICES = ['Higher', 'Lower'] as const;

export const NUMBER_FORMATS: Readonly<Record<ColumnKind, string | undefined>> = {
  text: '@',
  id: '@',
  ids: '@',
  number: '0.##',
  money: '#,##0',
  hours: '#,##0',
  percent: '0%',
  date: 'yyyy-mm-dd',
  // Plain text, so a typed 2027-04 stays the month it says (a Date is read as its month).
  month: '@',
  datetime: 'yyyy-mm-dd hh:mm',
  choice: undefined,
  boolean: undefined,
};

export const PROJECTS: SheetSpec = {
  name: 'Projects',
  namedColumns: ['id'],
  tabColor: '#1a73e8',
  columns: [
    {
      key: 'id',
      header: 'ID',
      aliases: ['Project ID', 'Key'],
      kind: 'id',
      required: true,
      help: 'A unique short ID, e.g. P07. Depends on / Excludes refer to it.',
      width: 70,
    },
    {
      key: 'name',
      header: 'Name',
      aliases: ['Project', 'Project name', 'Title', 'Initiative'],
      kind: 'text',
      required: true,
      width: 260,
    },
    {
      key: 'description',
      header: 'Description',
      aliases: ['Summary', 'Details'],
      kind: 'text',
      width: 300,
    },
    {
      key: 'type',
      header: 'Type',
      aliases: ['Category', 'Project type'],
      kind: 'choice',
      choices: PROJECT_TYPES,
      width: 120,
    },
    {
      key: 'owner',
      header: 'Owner',
      aliases: ['Lead', 'Project owner', 'Sponsor'],
      kind: 'text',
      width: 130,
    },
    {
      key: 'status',
      header: 'Status',
      aliases: ['Stage', 'State'],
      kind: 'choice',
      choices: PROJECT_STATUSES,
    },
    {
      key: 'objective',
      header: 'Objective',
      aliases: ['Goal', 'Strategic objective'],
      kind: 'text',
      width: 140,
    },
    { key: 'segment', header: 'Segment', aliases: ['Market segment'], kind: 'text' },
    { key: 'region', header: 'Region', aliases: ['Territory', 'Geo'], kind: 'text' },
    { key: 'start', header: 'Start', aliases: ['Start date'], kind: 'date' },
    { key: 'end', header: 'End', aliases: ['End date', 'Finish', 'Due'], kind: 'date' },
    {
      key: 'latestStart',
      header: 'Latest start',
      aliases: ['Start by', 'Latest start month'],
      kind: 'month',
      help: 'The latest month the project may start, e.g. 2027-04 (or a date). Optimise portfolio may move its start up to then to fit capacity and budget. Blank: it starts at its Start.',
    },
    { key: 'cost', header: 'Cost', aliases: ['Budget', 'Estimated cost'], kind: 'money', min: 0 },
    {
      key: 'expectedRevenue',
      header: 'Expected revenue',
      aliases: ['Revenue', 'Expected value', 'Value'],
      kind: 'money',
      min: 0,
      width: 130,
    },
    {
      key: 'confidence',
      header: 'Confidence',
      aliases: ['Probability', 'Likelihood'],
      kind: 'percent',
      min: 0,
      max: 1,
      help: 'How likely the expected revenue is: 0–100%.',
    },
    {
      key: 'dependsOn',
      header: 'Depends on',
      aliases: ['Dependencies', 'Prerequisites', 'Needs'],
      kind: 'ids',
      help: 'IDs of projects this one needs, separated by commas.',
    },
    {
      key: 'excludes',
      header: 'Excludes',
      aliases: ['Mutually exclusive with', 'Alternative to'],
      kind: 'ids',
      help: 'IDs of projects that cannot run together with this one.',
    },
    {
      key: 'force',
      header: 'Force',
      aliases: ['Force in/out', 'Must'],
      kind: 'choice',
      choices: FORCE_CHOICES,
      help: 'In: always select. Out: never select. Blank: let the optimiser decide.',
    },
    { key: 'actualCost', header: 'Actual cost', kind: 'money', min: 0 },
    {
      key: 'pipelineGenerated',
      header: 'Pipeline generated',
      aliases: ['Pipeline'],
      kind: 'money',
      min: 0,
    },
    {
      key: 'revenueWon',
      header: 'Revenue won',
      aliases: ['Closed revenue', 'Actual revenue'],
      kind: 'money',
      min: 0,
    },
    { key: 'dealsWon', header: 'Deals won', kind: 'number', min: 0 },
    { key: 'dealsLost', header: 'Deals lost', kind: 'number', min: 0 },
    {
      key: 'lastUpdate',
      header: 'Last update',
      aliases: ['Updated', 'Last updated'],
      kind: 'date',
    },
    {
      key: 'crmCampaign',
      header: 'CRM campaign',
      aliases: ['CRM campaigns', 'Campaign in CRM'],
      kind: 'text',
      width: 180,
      help: 'Optional: the CRM campaign(s) whose deals are this project’s (names or IDs, separated by ";"). Import CRM actuals matches deals by it, else by ID, else by Name.',
    },
    {
      key: 'score',
      header: 'Score',
      kind: 'number',
      owned: true,
      help: 'Written by Score & rank: the weighted score 0–100.',
    },
    {
      key: 'rank',
      header: 'Rank',
      kind: 'number',
      owned: true,
      help: 'Written by Score & rank: 1 is the best score.',
    },
    {
      key: 'selected',
      header: 'Selected',
      kind: 'boolean',
      owned: true,
      help: 'Written by Optimise portfolio.',
    },
    {
      key: 'why',
      header: 'Why',
      kind: 'text',
      owned: true,
      help: 'Written by Optimise portfolio: why the project is in or out.',
      width: 480,
    },
    {
      key: 'plannedStart',
      header: 'Planned start',
      kind: 'date',
      owned: true,
      help: 'Written by Optimise portfolio and Commit: when the project starts in the plan (Start, or later up to Latest start). Blank when it is not selected.',
    },
    {
      key: 'plannedEnd',
      header: 'Planned end',
      kind: 'date',
      owned: true,
      help: 'Written by Optimise portfolio and Commit: End moved with the planned start.',
    },
    {
      key: 'flags',
      header: 'Flags',
      kind: 'text',
      owned: true,
      help: 'Written by Score & rank: missing or invalid inputs.',
      width: 260,
    },
  ],
};

export const CRITERIA: SheetSpec = {
  name: 'Criteria',
  columns: [
    {
      key: 'criterion',
      header: 'Criterion',
      aliases: ['Name'],
      kind: 'text',
      required: true,
      width: 180,
    },
    {
      key: 'column',
      header: 'Column',
      aliases: ['Projects column', 'Header'],
      kind: 'text',
      help: 'The Projects header holding the values (default: the criterion name).',
      width: 180,
    },
    { key: 'weight', header: 'Weight', kind: 'number', min: 0, required: true },
    {
      key: 'direction',
      header: 'Direction',
      aliases: ['Better'],
      kind: 'choice',
      choices: DIRECTION_CHOICES,
      help: 'Higher or Lower is better.',
    },
    {
      key: 'scaleMin',
      header: 'Scale min',
      kind: 'number',
      help: 'Optional fixed scale; blank = min-max over the projects.',
    },
    { key: 'scaleMax', header: 'Scale max', kind: 'number' },
    {
      key: 'rubric',
      header: 'Rubric',
      aliases: ['Guidance', 'Description'],
      kind: 'text',
      width: 320,
      help: 'What each rating means, shown on the intake form.',
    },
    {
      key: 'ahpWeight',
      header: 'AHP weight',
      kind: 'percent',
      owned: true,
      help: 'Written by Score & rank when weights come from the Pairwise sheet.',
    },
  ],
};

export const CAPACITY: SheetSpec = {
  name: 'Capacity',
  periodColumns: true,
  columns: [
    {
      key: 'skill',
      header: 'Skill',
      aliases: ['Team', 'Role', 'Resource'],
      kind: 'text',
      required: true,
      width: 180,
    },
  ],
};

export const DEMAND: SheetSpec = {
  name: 'Demand',
  periodColumns: true,
  columns: [
    {
      key: 'projectId',
      header: 'Project ID',
      aliases: ['ID', 'Project'],
      kind: 'id',
      required: true,
    },
    {
      key: 'skill',
      header: 'Skill',
      aliases: ['Team', 'Role', 'Resource'],
      kind: 'text',
      required: true,
      width: 180,
    },
  ],
};

export const SETTINGS: SheetSpec = {
  name: 'Settings',
  columns: [
    { key: 'setting', header: 'Setting', kind: 'text', required: true, width: 200 },
    { key: 'value', header: 'Value', kind: 'text', required: true, width: 260 },
    { key: 'notes', header: 'Notes', kind: 'text', width: 420 },
  ],
};

export const LOG: SheetSpec = {
  name: 'Log',
  owned: true,
  columns: [
    { key: 'time', header: 'Time', kind: 'datetime', width: 140 },
    { key: 'user', header: 'User', kind: 'text', width: 200 },
    { key: 'action', header: 'Action', kind: 'text', width: 160 },
    { key: 'details', header: 'What changed', kind: 'text', width: 520 },
  ],
};

/** Number formats of History columns that differ from their kind's. */
const HISTORY_FORMATS: Partial<Record<keyof Snapshot, string>> = {
  score: '0.00',
  rank: '0',
  dealsWon: '0',
  dealsLost: '0',
};

/** The kind of each History column (its number format and how a cell is read back). */
const HISTORY_KINDS: Readonly<Record<keyof Snapshot, ColumnKind>> = {
  date: 'date',
  id: 'id',
  name: 'text',
  owner: 'text',
  status: 'choice',
  score: 'number',
  rank: 'number',
  selected: 'boolean',
  cost: 'money',
  expectedRevenue: 'money',
  end: 'date',
  actualCost: 'money',
  pipelineGenerated: 'money',
  revenueWon: 'money',
  dealsWon: 'number',
  dealsLost: 'number',
  lastUpdate: 'date',
};

/**
 * Snapshots: one row per project per snapshot day (Snapshot, Prepare review), appended; a second
 * snapshot on the same day replaces that day's rows. Owned by the add-on; users read it. It was
 * called "History" until Excel interchange mattered: Excel reserves that name (and exceljs
 * refuses to read or write a sheet so named), so an older workbook's History is still read and
 * becomes Snapshots at the next snapshot.
 */
export const HISTORY: SheetSpec = {
  name: 'Snapshots',
  formerNames: ['History'],
  owned: true,
  tabColor: '#5f6368',
  columns: SNAPSHOT_COLUMNS.map((c) => ({
    key: c.key,
    header: c.header,
    kind: HISTORY_KINDS[c.key],
    ...(c.key === 'status' ? { choices: PROJECT_STATUSES } : {}),
    ...(HISTORY_FORMATS[c.key] ? { numberFormat: HISTORY_FORMATS[c.key] } : {}),
    ...(c.key === 'name' ? { width: 240 } : c.key === 'owner' ? { width: 150 } : {}),
    required: c.key === 'date' || c.key === 'id',
  })),
};

/** Decisions: the board's decisions as Record decision… appends them (who, when, from, to, why). */
export const DECISIONS: SheetSpec = {
  name: 'Decisions',
  owned: true,
  tabColor: '#5f6368',
  columns: [
    { key: 'time', header: 'Time', kind: 'datetime', required: true, width: 140 },
    { key: 'user', header: 'Who', aliases: ['User'], kind: 'text', width: 200 },
    { key: 'id', header: 'ID', kind: 'id', required: true, width: 70 },
    { key: 'name', header: 'Name', kind: 'text', width: 240 },
    { key: 'decision', header: 'Decision', kind: 'text', width: 90 },
    {
      key: 'from',
      header: 'From',
      kind: 'choice',
      choices: PROJECT_STATUSES,
      required: true,
      width: 90,
    },
    {
      key: 'to',
      header: 'To',
      kind: 'choice',
      choices: PROJECT_STATUSES,
      required: true,
      width: 90,
    },
    { key: 'reason', header: 'Reason', kind: 'text', width: 420 },
  ],
};

/** Sheets rebuilt whole by their action (owned; users read them). */
export const DASHBOARD_SHEET = 'Dashboard';
/** The Dashboard's chart data (hidden): the charts point only at this sheet. */
export const DASHBOARD_DATA_SHEET = '_Dashboard data';
export const REVIEW_SHEET = 'Review';
/** Over-allocations per snapshot day (hidden), so a review can tell which ones are new. */
export const CAPACITY_HISTORY: SheetSpec = {
  name: '_Capacity history',
  owned: true,
  hidden: true,
  columns: [
    { key: 'date', header: 'Date', kind: 'date', required: true },
    { key: 'skill', header: 'Skill', kind: 'text', required: true },
    { key: 'period', header: 'Period', kind: 'text', required: true },
    { key: 'hoursOver', header: 'Hours over', kind: 'hours' },
    { key: 'demand', header: 'Demand (h)', kind: 'hours' },
    { key: 'capacity', header: 'Capacity (h)', kind: 'hours' },
    { key: 'projects', header: 'Projects (hours)', kind: 'text' },
  ],
};

export const INTAKE_STATUSES = ['Pending', 'Accepted', 'Rejected'] as const;

/**
 * Intake: one project request per row, appended by the New project request sidebar and decided
 * in Review intake. Ratings and Demand are readable text ("Strategic fit: 4; Effort: 6" and
 * "SE 2027-03: 40 h; AE 2027-04: 16 h") that accepting a request parses back.
 */
export const INTAKE: SheetSpec = {
  name: 'Intake',
  owned: true,
  tabColor: '#34a853',
  columns: [
    { key: 'id', header: 'Request ID', kind: 'id', required: true, width: 90 },
    { key: 'submitted', header: 'Submitted', kind: 'datetime', width: 130 },
    { key: 'submittedBy', header: 'Submitted by', kind: 'text', width: 180 },
    { key: 'status', header: 'Status', kind: 'choice', choices: INTAKE_STATUSES },
    { key: 'name', header: 'Name', kind: 'text', required: true, width: 240 },
    { key: 'description', header: 'Description', kind: 'text', width: 280 },
    { key: 'type', header: 'Type', kind: 'text' },
    { key: 'owner', header: 'Owner', kind: 'text' },
    { key: 'objective', header: 'Objective', kind: 'text' },
    { key: 'segment', header: 'Segment', kind: 'text' },
    { key: 'region', header: 'Region', kind: 'text' },
    { key: 'start', header: 'Start', kind: 'date' },
    { key: 'end', header: 'End', kind: 'date' },
    { key: 'cost', header: 'Cost', kind: 'money', min: 0 },
    { key: 'expectedRevenue', header: 'Expected revenue', kind: 'money', min: 0 },
    { key: 'confidence', header: 'Confidence', kind: 'percent', min: 0, max: 1 },
    { key: 'ratings', header: 'Ratings', kind: 'text', width: 260 },
    { key: 'dependsOn', header: 'Depends on', kind: 'ids' },
    { key: 'demand', header: 'Demand', kind: 'text', width: 260 },
    { key: 'decidedBy', header: 'Decided by', kind: 'text', width: 180 },
    { key: 'decided', header: 'Decided', kind: 'datetime', width: 130 },
    { key: 'reason', header: 'Reason', kind: 'text', width: 260 },
    { key: 'projectId', header: 'Project ID', kind: 'id' },
  ],
};

/**
 * Scenarios: one saved optimiser run per row (the Scenario planner saves them; Optimise
 * portfolio may append its own). "Selected IDs" is what compare and commit use.
 */
export const SCENARIOS: SheetSpec = {
  name: 'Scenarios',
  owned: true,
  tabColor: '#f9ab00',
  columns: [
    { key: 'name', header: 'Scenario', kind: 'text', required: true, width: 180 },
    { key: 'when', header: 'When', kind: 'datetime', width: 130 },
    { key: 'who', header: 'Who', kind: 'text', width: 180 },
    { key: 'objective', header: 'Objective', kind: 'text', width: 160 },
    { key: 'budget', header: 'Budget', kind: 'money', min: 0 },
    { key: 'capacityFactor', header: 'Capacity factor', kind: 'percent', min: 0, width: 110 },
    { key: 'forced', header: 'Forced', kind: 'text', width: 180 },
    { key: 'value', header: 'Value', kind: 'number' },
    { key: 'cost', header: 'Cost', kind: 'money' },
    { key: 'count', header: 'Count', kind: 'number' },
    { key: 'status', header: 'Status', kind: 'text' },
    { key: 'gap', header: 'Gap', kind: 'percent' },
    { key: 'seconds', header: 'Time (s)', kind: 'number' },
    { key: 'selectedIds', header: 'Selected IDs', kind: 'ids', required: true, width: 320 },
    { key: 'committed', header: 'Committed', kind: 'datetime', width: 130 },
    // Settings' optimiser rules that applied ("none" when none), so the run can be reproduced.
    { key: 'budgetPerMonth', header: 'Budget per month', kind: 'text', width: 180 },
    { key: 'balanceRules', header: 'Balance rules', kind: 'text', width: 240 },
    // Projects starting after their Start: "P07 2027-04; P12 2027-05" (blank: none moved).
    { key: 'plannedStarts', header: 'Planned starts', kind: 'text', width: 240 },
  ],
};

/** The sheets "Set up workbook" creates, in tab order. Later features add theirs here. */
export const SETUP_SHEETS: readonly SheetSpec[] = [
  PROJECTS,
  CRITERIA,
  CAPACITY,
  DEMAND,
  SETTINGS,
  LOG,
];

/** Finds a column spec by key (a programming error when absent). */
export function column(spec: SheetSpec, key: string): ColumnSpec {
  const c = spec.columns.find((x) => x.key === key);
  if (!c) throw new Error(`${spec.name} has no column "${key}"`);
  return c;
}
