/**
 * The Settings sheet: one setting per row (Setting | Value | Notes). Settings are found by name
 * (case- and space-insensitive); unknown rows are kept and ignored; a blank value means the default.
 */
import * as z from 'zod/mini';
import {
  FRAMEWORK_INPUTS,
  FRAMEWORK_NAMES,
  FRAMEWORKS,
  parseFrameworkColumns,
  type FrameworkKind,
} from '../core/framework-score';
import { lazy } from '../core/lazy';
import type { CellValue } from './cell-parsers';
import { isPercentFormat, looseNumber, percentValue } from './cell-parsers';
import { headerKey } from './headers';
import {
  parseBalanceRules,
  parseBudgetPerMonth,
  type BudgetPerMonth,
  type Parsed,
} from './optimiser-settings';
import type { BalanceSetting } from '../core/allocation';
import type { Problem } from './problems';
import { SETTINGS } from './schema';
import { isBlankRow, readTable, type ReadOptions } from './table';

export const WEIGHT_SOURCES = ['Criteria sheet', 'Pairwise (AHP)'] as const;
export const OBJECTIVES = ['Score', 'Expected revenue', 'Risk-adjusted revenue'] as const;
export const ENGINES = ['Portfolio Pilot', 'Google solver'] as const;

export interface Settings {
  readonly weightsFrom: (typeof WEIGHT_SOURCES)[number];
  /** How Score & rank scores: weighted criteria (default), RICE, ICE or WSJF. */
  readonly framework: FrameworkKind;
  /** For RICE/ICE/WSJF: each input's Projects header, e.g. { reach: "Customer reach" }. */
  readonly frameworkColumns: Readonly<Record<string, string>>;
  /** Total budget for Optimise portfolio; null = not set. */
  readonly budget: number | null;
  /** Optimise portfolio's limit per month (one amount for every month, or per month); null = none. */
  readonly budgetPerMonth: BudgetPerMonth | null;
  /** Optimise portfolio's min/max shares of the budget per Type or Objective. */
  readonly balanceRules: readonly BalanceSetting[];
  readonly objective: (typeof OBJECTIVES)[number];
  readonly timeLimitSeconds: number;
  /** The fraction of value lost per month a project starts after its Start (0–1; default 0). */
  readonly delayDiscount: number;
  readonly engine: (typeof ENGINES)[number];
  readonly staleAfterDays: number;
  readonly rankMoveThreshold: number;
  readonly overlapThreshold: number;
  /** Emails of the governance board. */
  readonly boardMembers: readonly string[];
  /** The sheets Import CRM actuals reads (a deals export, and optionally a campaign report). */
  readonly crmSheets: readonly string[];
}

/** One setting: its row name, the key it fills and a parser whose result has that key's type. */
interface SettingDefOf<K extends keyof Settings> {
  readonly name: string;
  readonly key: K;
  readonly default: string;
  readonly notes: string;
  readonly choices?: readonly string[];
  /** `asStored`: a number in a percent-formatted cell (150% is 1.5): see percentValue. */
  readonly parse: (v: CellValue, asStored: boolean) => Settings[K] | undefined;
  /** A percentage: a number above 1 is read as stored when its cell is formatted as one. */
  readonly percent?: true;
  /** When parse fails: what is wrong, in words (default: the notes as the expected form). */
  readonly explain?: (v: CellValue) => string;
  /**
   * True for a setting that steers neither scoring nor selection nor who governs (review and
   * overlap thresholds): Lock scoring model leaves its Value cell editable by everyone.
   */
  readonly free?: true;
}

/** Any setting (a union over the keys, so a parser cannot return another setting's type). */
type SettingDef = { [K in keyof Settings]: SettingDefOf<K> }[keyof Settings];

type MutableSettings = { -readonly [K in keyof Settings]: Settings[K] };

const parsedValue = <T>(r: Parsed<T>): T | undefined => (r.ok ? r.value : undefined);
const parsedError = <T>(r: Parsed<T>): string => (r.ok ? '' : r.error);

const choice =
  <T extends string>(choices: readonly T[]) =>
  (v: CellValue): T | undefined =>
    choices.find((c) => headerKey(c) === headerKey(String(v)));

const numberIn =
  (min: number, max: number) =>
  (v: CellValue): number | undefined => {
    const n = looseNumber(v);
    return n !== undefined && n >= min && n <= max ? n : undefined;
  };

const email = lazy(() => z.email());

export const SETTING_DEFS: readonly SettingDef[] = [
  {
    name: 'Weights from',
    key: 'weightsFrom',
    default: 'Criteria sheet',
    choices: WEIGHT_SOURCES,
    notes:
      'Criteria sheet: the Weight column. Pairwise (AHP): weights derived from the Pairwise sheet.',
    parse: choice(WEIGHT_SOURCES),
  },
  {
    name: 'Scoring framework',
    key: 'framework',
    default: 'Weighted',
    choices: Object.values(FRAMEWORK_NAMES),
    notes:
      'How Score & rank scores: Weighted (the Criteria sheet), RICE, ICE or WSJF (their inputs: Framework columns). The Scoring model sidebar sets it.',
    parse: (v) => FRAMEWORKS.find((k) => headerKey(FRAMEWORK_NAMES[k]) === headerKey(String(v))),
  },
  {
    name: 'Framework columns',
    key: 'frameworkColumns',
    default: '',
    notes:
      'For RICE, ICE or WSJF: the Projects column of each input, e.g. "reach=Customer reach; impact=Revenue impact; confidence=Confidence; effort=Effort (person-weeks)".',
    parse: (v) => {
      const cols = parseFrameworkColumns(String(v));
      const known = new Set(
        Object.values(FRAMEWORK_INPUTS).flatMap((inputs) => inputs.map((i) => i.key)),
      );
      return Object.keys(cols).length > 0 && Object.keys(cols).every((k) => known.has(k))
        ? cols
        : undefined;
    },
  },
  {
    name: 'Budget',
    key: 'budget',
    default: '',
    notes:
      'Total budget Optimise portfolio may spend (blank: 60% of the total cost of open projects).',
    parse: (v) => numberIn(0, Number.MAX_SAFE_INTEGER)(v),
  },
  {
    name: 'Budget per month',
    key: 'budgetPerMonth',
    default: '',
    notes:
      'Optional limit on what Optimise portfolio and the Scenario planner spend in each month (a project\'s Cost counts evenly over its Start–End months): one amount for every month, e.g. 150000, or per month, e.g. "2027-01: 100000; 2027-02: 80000". Blank: no monthly limit.',
    parse: (v) => parsedValue(parseBudgetPerMonth(v)),
    explain: (v) => parsedError(parseBudgetPerMonth(v)),
  },
  {
    name: 'Balance rules',
    key: 'balanceRules',
    default: '',
    notes:
      'Optional shares of the Budget per Type or Objective for Optimise portfolio and the Scenario planner, separated by ";", e.g. "Type Tooling ≤ 20%; Objective New logos ≥ 30%; Type Campaign 10%–40%". Blank: none.',
    parse: (v) => parsedValue(parseBalanceRules(v)),
    explain: (v) => parsedError(parseBalanceRules(v)),
  },
  {
    name: 'Objective',
    key: 'objective',
    default: 'Score',
    choices: OBJECTIVES,
    notes:
      'What Optimise portfolio maximises: Score, Expected revenue, or Risk-adjusted revenue (revenue × confidence).',
    parse: choice(OBJECTIVES),
  },
  {
    name: 'Time limit (seconds)',
    key: 'timeLimitSeconds',
    default: '20',
    notes: 'How long Optimise portfolio may search (1–300); it returns the best found and the gap.',
    parse: numberIn(1, 300),
  },
  {
    name: 'Delay discount',
    key: 'delayDiscount',
    default: '0%',
    notes:
      'The % of value a project loses per month it starts after its Start, when Optimise portfolio moves it towards its Latest start (0–99%), e.g. 2%. 0: a later start is worth as much.',
    parse: (v) => {
      const n = looseNumber(v);
      if (n === undefined) return undefined;
      const f = n >= 1 ? n / 100 : n;
      return f >= 0 && f < 1 ? f : undefined;
    },
  },
  {
    name: 'Engine',
    key: 'engine',
    default: 'Portfolio Pilot',
    choices: ENGINES,
    notes: "Portfolio Pilot's own solver, or Google's LinearOptimizationService as a cross-check.",
    parse: choice(ENGINES),
  },
  {
    name: 'Stale after (days)',
    free: true,
    key: 'staleAfterDays',
    default: '30',
    notes: 'A project whose Last update is older than this is stale.',
    parse: numberIn(1, 3650),
  },
  {
    name: 'Rank move threshold',
    free: true,
    key: 'rankMoveThreshold',
    default: '3',
    notes: 'The review lists rank moves of more than this many places.',
    parse: numberIn(0, 10000),
  },
  {
    name: 'Overlap threshold',
    free: true,
    key: 'overlapThreshold',
    default: '60%',
    notes: 'Find overlaps lists pairs at least this similar (0–100%).',
    percent: true,
    parse: (v, asStored) => {
      const f = percentValue(v, asStored);
      return f !== undefined && f >= 0 && f <= 1 ? f : undefined;
    },
  },
  {
    name: 'Board members',
    key: 'boardMembers',
    default: '',
    notes:
      'Emails of the governance board, separated by commas: they may edit the scoring model once it is locked.',
    parse: (v) => {
      const list = String(v)
        .split(/[,;\s]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      return list.every((e) => email().safeParse(e).success) ? list : undefined;
    },
  },
  {
    name: 'CRM sheet',
    key: 'crmSheets',
    default: 'CRM export',
    notes:
      'The sheet Import CRM actuals reads: a Salesforce opportunity report or HubSpot deals export (File → Import → Insert new sheet). Add a Salesforce campaign report for Actual cost after a ";", e.g. "CRM export; CRM campaigns".',
    parse: (v) => {
      const list = String(v)
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
      return list.length > 0 && list.length <= 4 ? list : undefined;
    },
  },
];

export const DEFAULT_SETTINGS: Settings = {
  weightsFrom: 'Criteria sheet',
  framework: 'weighted',
  frameworkColumns: {},
  budget: null,
  budgetPerMonth: null,
  balanceRules: [],
  objective: 'Score',
  timeLimitSeconds: 20,
  delayDiscount: 0,
  engine: 'Portfolio Pilot',
  staleAfterDays: 30,
  rankMoveThreshold: 3,
  overlapThreshold: 0.6,
  boardMembers: [],
  crmSheets: ['CRM export'],
};

/** Reads Settings (a missing sheet gives the defaults). Bad values are problems; the default is used. */
export function readSettings(
  sheet: GoogleAppsScript.Spreadsheet.Sheet | null,
  opts: ReadOptions,
): { settings: Settings; problems: Problem[] } {
  if (!sheet) return { settings: DEFAULT_SETTINGS, problems: [] };
  const table = readTable(sheet, SETTINGS, opts);
  const nameCol = table.index.get('setting') as number;
  const valueCol = table.index.get('value') as number;
  const out: MutableSettings = { ...DEFAULT_SETTINGS };
  const problems: Problem[] = [];
  table.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const def = SETTING_DEFS.find((d) => headerKey(d.name) === headerKey(row[nameCol]));
    const v = row[valueCol] ?? '';
    if (!def || v === '' || (typeof v === 'string' && v.trim() === '')) return;
    // 150% typed in a percent cell is stored as 1.5: read it so (and refuse it), not as 1.5%.
    const asStored =
      def.percent === true &&
      typeof v === 'number' &&
      v > 1 &&
      isPercentFormat(sheet.getRange(i + 2, valueCol + 1).getNumberFormat());
    if (!applySetting(out, def, v, asStored)) {
      const how = def.choices
        ? `Use one of: ${def.choices.join(', ')}. The default is used.`
        : def.explain
          ? `${def.explain(v)}. It is ignored until you fix it (its Notes show the form).`
          : `Expected like: ${def.notes} The default is used.`;
      problems.push({
        sheet: SETTINGS.name,
        row: i + 2,
        column: 'Value',
        columnNumber: valueCol + 1,
        value: v,
        message: `is not a valid "${def.name}"${def.explain ? ':' : '.'} ${how}`,
      });
    }
  });
  return { settings: out, problems };
}

/** Sets `out[def.key]` from the cell; false (nothing set) when the value does not parse. */
function applySetting<K extends keyof Settings>(
  out: MutableSettings,
  def: SettingDefOf<K>,
  v: CellValue,
  asStored: boolean,
): boolean {
  const parsed = def.parse(v, asStored);
  if (parsed === undefined) return false;
  out[def.key] = parsed;
  return true;
}
