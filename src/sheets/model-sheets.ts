/**
 * Readers for the scoring model (Criteria, Pairwise) and the resource plan (Capacity, Demand).
 */
import { completeMatrix } from '../core/pairwise';
import { parseJudgement } from '../core/pairwise';
import type { CapacityRow, CriterionDef, DemandRow } from '../core/model';
import { parseDirection } from '../core/direction';
import { cellSchema, parseCell, type CellValue } from './cell-parsers';
import { a1, headerKey } from './headers';
import { SheetError, problemsError, type Problem } from './problems';
import { CAPACITY, CRITERIA, DEMAND, type SheetSpec } from './schema';
import { isBlankRow, readTable, type ReadOptions, type Table } from './table';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface CriteriaRead {
  readonly table: Table;
  readonly criteria: CriterionDef[];
  /** Criterion name → its rubric text ('' when none). */
  readonly rubrics: Map<string, string>;
  /** Criterion name → sheet row. */
  readonly rows: Map<string, number>;
}

/** Reads Criteria. A bad row stops scoring (weights must be right), so problems are thrown together. */
export function readCriteria(sheet: Sheet, opts: ReadOptions): CriteriaRead {
  const table = readTable(sheet, CRITERIA, opts);
  const schemas = new Map(CRITERIA.columns.map((c) => [c.key, cellSchema(c, opts.dateKey)]));
  const problems: Problem[] = [];
  const criteria: CriterionDef[] = [];
  const rubrics = new Map<string, string>();
  const rows = new Map<string, number>();
  table.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const sheetRow = i + 2;
    const get = (key: string): unknown => {
      const col = table.index.get(key);
      if (col === undefined) return null;
      const r = parseCell(schemas.get(key) as ReturnType<typeof cellSchema>, row[col] as CellValue);
      if (r.ok) return r.value;
      problems.push({
        sheet: CRITERIA.name,
        row: sheetRow,
        column: String(table.headers[col]),
        columnNumber: col + 1,
        value: row[col],
        message: r.message,
      });
      return null;
    };
    const name = get('criterion') as string | null;
    const weight = get('weight') as number | null;
    const dirText = get('direction') as string | null;
    const scaleMin = get('scaleMin') as number | null;
    const scaleMax = get('scaleMax') as number | null;
    if (!name) {
      problems.push({
        sheet: CRITERIA.name,
        row: sheetRow,
        column: 'Criterion',
        message: 'is blank. Name the criterion or clear the row.',
      });
      return;
    }
    if (rows.has(name)) {
      problems.push({
        sheet: CRITERIA.name,
        row: sheetRow,
        column: 'Criterion',
        value: name,
        message: `appears twice (rows ${rows.get(name)} and ${sheetRow}). Keep one.`,
      });
      return;
    }
    if (weight === null && table.index.has('weight')) {
      const col = table.index.get('weight') as number;
      if (row[col] === '')
        problems.push({
          sheet: CRITERIA.name,
          row: sheetRow,
          column: 'Weight',
          message: 'is blank. Give the criterion a weight (0 to ignore it).',
        });
    }
    if ((scaleMin === null) !== (scaleMax === null)) {
      problems.push({
        sheet: CRITERIA.name,
        row: sheetRow,
        column: scaleMin === null ? 'Scale min' : 'Scale max',
        message: 'is blank but its pair is not. Give both bounds, or leave both blank for min-max.',
      });
    } else if (scaleMin !== null && scaleMax !== null && scaleMax <= scaleMin) {
      problems.push({
        sheet: CRITERIA.name,
        row: sheetRow,
        column: 'Scale max',
        value: scaleMax,
        message: `is not above Scale min (${scaleMin}).`,
      });
    }
    rows.set(name, sheetRow);
    rubrics.set(name, (get('rubric') as string | null) ?? '');
    criteria.push({
      name,
      column: (get('column') as string | null) ?? name,
      weight: weight ?? 0,
      direction: dirText ? (parseDirection(dirText) ?? 'higher') : 'higher',
      scaleMin,
      scaleMax,
    });
  });
  if (criteria.length === 0 && problems.length === 0) {
    problems.push({
      sheet: CRITERIA.name,
      message:
        'lists no criteria. Add at least one row: Criterion, Column (the Projects header), Weight, Direction.',
    });
  }
  if (criteria.length > 0 && criteria.every((c) => c.weight === 0) && problems.length === 0) {
    problems.push({
      sheet: CRITERIA.name,
      column: 'Weight',
      message: 'all weights are 0. Give at least one criterion a weight above 0.',
    });
  }
  if (problems.length) throw problemsError('The scoring model has problems', problems);
  return { table, criteria, rubrics, rows };
}

/**
 * Reads the Pairwise sheet: criterion names across row 1 and down column A, judgements inside.
 * Rows and columns are matched to the criteria by name, in any order. Returns the completed matrix
 * in the order of `criteria`.
 */
export function readPairwise(sheet: Sheet, criteria: readonly CriterionDef[]): number[][] {
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const top = values[0] ?? [];
  const colOf = new Map<string, number>();
  top.forEach((h, j) => {
    if (j > 0 && headerKey(h)) colOf.set(headerKey(h), j);
  });
  const rowOf = new Map<string, number>();
  values.forEach((r, i) => {
    if (i > 0 && headerKey(r[0])) rowOf.set(headerKey(r[0]), i);
  });
  const problems: Problem[] = [];
  for (const c of criteria) {
    if (!colOf.has(headerKey(c.name)))
      problems.push({
        sheet: 'Pairwise',
        row: 1,
        message: `has no column for the criterion "${c.name}". Run Set up workbook to rebuild the matrix headers.`,
      });
    if (!rowOf.has(headerKey(c.name)))
      problems.push({
        sheet: 'Pairwise',
        column: 'A',
        message: `has no row for the criterion "${c.name}".`,
      });
  }
  if (problems.length)
    throw problemsError('The Pairwise sheet does not match the Criteria sheet', problems);
  const judgements = criteria.map((ci) =>
    criteria.map((cj) => {
      const i = rowOf.get(headerKey(ci.name)) as number;
      const j = colOf.get(headerKey(cj.name)) as number;
      const cell = values[i]?.[j] ?? '';
      if (cell === '' || (typeof cell === 'string' && cell.trim() === '')) return null;
      const x =
        typeof cell === 'number' || typeof cell === 'string' ? parseJudgement(cell) : undefined;
      if (x === undefined) {
        throw SheetError.of({
          sheet: 'Pairwise',
          row: i + 1,
          column: `${cj.name} (${a1(i + 1, j + 1)})`,
          value: cell,
          message: 'is not a judgement. Use 1 to 9, or 1/2 to 1/9 for the reverse.',
        });
      }
      return x;
    }),
  );
  const done = completeMatrix(judgements);
  if (!done.ok) {
    const p = done.problem;
    const ci = criteria[p.row]?.name ?? '';
    const cj = criteria[p.col]?.name ?? '';
    const where = `Pairwise, ${ci} vs ${cj}`;
    const text =
      p.kind === 'missing'
        ? `${where}: no judgement. Fill in how much more important ${ci} is than ${cj} (1–9, or 1/3 … for the reverse).`
        : p.kind === 'diagonal'
          ? `${where}: ${p.value} on the diagonal; a criterion compared with itself must be 1 or blank.`
          : p.kind === 'range'
            ? `${where}: ${p.value} is outside Saaty's scale 1/9 to 9.`
            : `${where}: ${p.value} and ${cj} vs ${ci}: ${p.mirror} are not reciprocal (within 1%). Clear one of them.`;
    throw new SheetError(text);
  }
  return done.matrix;
}

/** Reads Capacity (skill × period hours) or Demand (project × skill × period hours). */
function readPlan(
  sheet: Sheet,
  spec: SheetSpec,
  opts: ReadOptions,
): {
  table: Table;
  rows: { sheetRow: number; cells: Record<string, unknown>; hours: Record<string, number> }[];
  problems: Problem[];
} {
  const table = readTable(sheet, spec, opts);
  const hoursSchema = cellSchema(
    { key: 'hours', header: 'hours', kind: 'hours', min: 0 },
    opts.dateKey,
  );
  const schemas = spec.columns.map((c) => ({
    c,
    col: table.index.get(c.key),
    schema: cellSchema(c, opts.dateKey),
  }));
  const problems: Problem[] = [];
  if (table.periods.length === 0) {
    problems.push({
      sheet: spec.name,
      row: 1,
      message: 'has no period columns. Add one column per month headed like 2027-01.',
    });
  }
  const rows: {
    sheetRow: number;
    cells: Record<string, unknown>;
    hours: Record<string, number>;
  }[] = [];
  table.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const sheetRow = i + 2;
    const cells: Record<string, unknown> = {};
    for (const s of schemas) {
      if (s.col === undefined) continue;
      const r = parseCell(s.schema, row[s.col] as CellValue);
      cells[s.c.key] = r.ok ? r.value : null;
      if (!r.ok)
        problems.push({
          sheet: spec.name,
          row: sheetRow,
          column: s.c.header,
          columnNumber: s.col + 1,
          value: row[s.col],
          message: r.message,
        });
    }
    const hours: Record<string, number> = {};
    for (const p of table.periods) {
      const r = parseCell(hoursSchema, row[p.col] as CellValue);
      if (!r.ok) {
        problems.push({
          sheet: spec.name,
          row: sheetRow,
          column: p.period,
          columnNumber: p.col + 1,
          value: row[p.col],
          message: r.message.replace('a number such as 12000', 'hours such as 120'),
        });
        continue;
      }
      if (r.value !== null) hours[p.period] = r.value as number;
    }
    rows.push({ sheetRow, cells, hours });
  });
  return { table, rows, problems };
}

export function readCapacity(
  sheet: Sheet,
  opts: ReadOptions,
): { table: Table; capacity: CapacityRow[]; problems: Problem[] } {
  const { table, rows, problems } = readPlan(sheet, CAPACITY, opts);
  const seen = new Map<string, number>();
  const capacity: CapacityRow[] = [];
  for (const r of rows) {
    const skill = r.cells.skill as string | null;
    if (!skill) {
      problems.push({
        sheet: CAPACITY.name,
        row: r.sheetRow,
        column: 'Skill',
        message: 'is blank. Name the skill or team.',
      });
      continue;
    }
    const prev = seen.get(headerKey(skill));
    if (prev !== undefined) {
      problems.push({
        sheet: CAPACITY.name,
        row: r.sheetRow,
        column: 'Skill',
        value: skill,
        message: `is listed twice (rows ${prev} and ${r.sheetRow}). Keep one row per skill.`,
      });
      continue;
    }
    seen.set(headerKey(skill), r.sheetRow);
    capacity.push({
      skill,
      hours: r.hours,
      costPerHour: costPerHour(table, r.sheetRow, problems, opts),
    });
  }
  return { table, capacity, problems };
}

export function readDemand(
  sheet: Sheet,
  opts: ReadOptions,
): { table: Table; demand: (DemandRow & { sheetRow: number })[]; problems: Problem[] } {
  const { table, rows, problems } = readPlan(sheet, DEMAND, opts);
  const demand: (DemandRow & { sheetRow: number })[] = [];
  for (const r of rows) {
    const projectId = r.cells.projectId as string | null;
    const skill = r.cells.skill as string | null;
    if (!projectId || !skill) {
      problems.push({
        sheet: DEMAND.name,
        row: r.sheetRow,
        column: projectId ? 'Skill' : 'Project ID',
        message: 'is blank. Every demand row needs a project ID and a skill.',
      });
      continue;
    }
    demand.push({ projectId, skill, hours: r.hours, sheetRow: r.sheetRow });
  }
  return { table, demand, problems };
}

/** The optional Capacity column (not added by Set up workbook; read when a user adds it). */
export const COST_PER_HOUR = 'Cost per hour';

/** A Capacity row's Cost per hour (null when the column is absent or the cell blank or bad). */
function costPerHour(
  table: Table,
  sheetRow: number,
  problems: Problem[],
  opts: ReadOptions,
): number | null {
  const col = table.byHeader.get(headerKey(COST_PER_HOUR));
  if (col === undefined) return null;
  const cell = (table.rows[sheetRow - 2] ?? [])[col] as CellValue;
  const r = parseCell(
    cellSchema({ key: 'costPerHour', header: COST_PER_HOUR, kind: 'money', min: 0 }, opts.dateKey),
    cell,
  );
  if (r.ok) return r.value as number | null;
  problems.push({
    sheet: CAPACITY.name,
    row: sheetRow,
    column: String(table.headers[col]),
    columnNumber: col + 1,
    value: cell,
    message: r.message,
  });
  return null;
}
