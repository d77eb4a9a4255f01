/**
 * The Projects sheet → Project[]: every cell parsed once by its column's zod schema; a bad cell
 * becomes a Problem (sheet, row, column, value, how to fix) and a blank value, never a crash.
 */
import {
  PROJECT_STATUSES,
  type CriterionDef,
  type Project,
  type ProjectStatus,
} from '../core/model';
import { matchKey } from '../core/keys';
import {
  cellSchema,
  isPercentFormat,
  parseCell,
  type CellSchema,
  type CellValue,
} from './cell-parsers';
import { headerKey } from './headers';
import { SheetError, type Problem } from './problems';
import { PROJECTS, type ColumnSpec } from './schema';
import { isBlankRow, readTable, type ReadOptions, type Table } from './table';

export interface ProjectsRead {
  readonly table: Table;
  readonly projects: Project[];
  readonly problems: Problem[];
  /** Problems by sheet row, as short texts for the Flags column. */
  readonly flags: Map<number, string[]>;
  /** Criterion name → 0-based column in Projects (criteria whose column was found). */
  readonly criterionColumns: Map<string, number>;
}

interface Field {
  readonly spec: ColumnSpec;
  readonly col: number;
  readonly schema: CellSchema;
  /** A percent column: the schema for its percent-formatted cells, and which rows have one. */
  readonly formatted?: { readonly schema: CellSchema; readonly rows: readonly boolean[] };
}

/**
 * For a percent column, which data rows are formatted as a percentage (one getNumberFormats
 * of the column): their numbers are read as stored (150% is 1.5, not 1.5%).
 */
function percentFormatted(
  table: Table,
  spec: ColumnSpec,
  col: number,
  dateKey: ReadOptions['dateKey'],
): Field['formatted'] {
  if (spec.kind !== 'percent' || table.rows.length === 0) return undefined;
  const formats = table.sheet.getRange(2, col + 1, table.rows.length, 1).getNumberFormats();
  return {
    schema: cellSchema(spec, dateKey, true),
    rows: formats.map((r) => isPercentFormat(r[0] ?? '')),
  };
}

const STATUS_SET = new Set<string>(PROJECT_STATUSES);

export function readProjects(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  criteria: readonly CriterionDef[],
  opts: ReadOptions,
): ProjectsRead {
  const table = readTable(sheet, PROJECTS, opts);
  const fields: Field[] = [];
  for (const spec of PROJECTS.columns) {
    const col = table.index.get(spec.key);
    if (col !== undefined && !spec.owned)
      fields.push({
        spec,
        col,
        schema: cellSchema(spec, opts.dateKey),
        formatted: percentFormatted(table, spec, col, opts.dateKey),
      });
  }
  const owned = (key: string): Field | undefined => {
    const spec = PROJECTS.columns.find((c) => c.key === key);
    const col = table.index.get(key);
    return spec && col !== undefined
      ? { spec, col, schema: cellSchema(spec, opts.dateKey) }
      : undefined;
  };
  const outputs = ['score', 'rank', 'selected', 'plannedStart', 'plannedEnd']
    .map(owned)
    .filter((f): f is Field => f !== undefined);

  const problems: Problem[] = [];
  const flags = new Map<number, string[]>();
  const flag = (row: number, text: string): void => {
    const list = flags.get(row);
    if (list) list.push(text);
    else flags.set(row, [text]);
  };

  const criterionColumns = new Map<string, number>();
  const criterionFields: { name: string; col: number; schema: CellSchema; header: string }[] = [];
  for (const c of criteria) {
    const col = table.byHeader.get(headerKey(c.column));
    if (col === undefined) continue;
    criterionColumns.set(c.name, col);
    const spec: ColumnSpec = { key: `criterion:${c.name}`, header: c.column, kind: 'number' };
    criterionFields.push({
      name: c.name,
      col,
      schema: cellSchema(spec, opts.dateKey),
      header: String(table.headers[col]),
    });
  }

  const projects: Project[] = [];
  table.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const sheetRow = i + 2;
    const values: Record<string, unknown> = {};
    const read = (f: Pick<Field, 'col' | 'schema' | 'formatted'>, header: string): unknown => {
      const cell = row[f.col] as CellValue;
      const r = parseCell(f.formatted?.rows[i] ? f.formatted.schema : f.schema, cell);
      if (r.ok) return r.value;
      problems.push({
        sheet: PROJECTS.name,
        row: sheetRow,
        column: header,
        columnNumber: f.col + 1,
        value: cell,
        message: r.message,
      });
      flag(sheetRow, `${header} ${r.message.replace(/\..*$/, '')}`);
      return null;
    };
    for (const f of fields) values[f.spec.key] = read(f, String(table.headers[f.col]));
    const out: Record<string, unknown> = {};
    for (const f of outputs) {
      const r = parseCell(f.schema, row[f.col] as CellValue);
      out[f.spec.key] = r.ok ? r.value : null;
    }
    const criteriaValues: Record<string, number | null> = {};
    for (const f of criterionFields) criteriaValues[f.name] = read(f, f.header) as number | null;

    const id = (values.id as string | null) ?? '';
    if (id === '') {
      problems.push({
        sheet: PROJECTS.name,
        row: sheetRow,
        ...columnOf(table, 'id', 'ID'),
        message: 'has no ID. Give every project a unique ID such as P07.',
      });
      flag(sheetRow, 'missing ID');
    }
    const status = values.status as string | null;
    const force = values.force as string | null;
    const str = (k: string): string => (values[k] as string | null) ?? '';
    const num = (k: string): number | null => (values[k] as number | null) ?? null;
    const start = values.start as string | null;
    const end = values.end as string | null;
    if (start && end && end < start) {
      problems.push({
        sheet: PROJECTS.name,
        row: sheetRow,
        ...columnOf(table, 'end', 'End'),
        value: end,
        message: `is before Start (${start}). Fix one of the dates.`,
      });
      flag(sheetRow, 'End before Start');
    }
    projects.push({
      row: sheetRow,
      id: id || `row ${sheetRow}`,
      name: str('name'),
      description: str('description'),
      type: str('type'),
      owner: str('owner'),
      status: status !== null && STATUS_SET.has(status) ? (status as ProjectStatus) : null,
      objective: str('objective'),
      segment: str('segment'),
      region: str('region'),
      start,
      end,
      cost: num('cost'),
      expectedRevenue: num('expectedRevenue'),
      confidence: num('confidence'),
      criteria: criteriaValues,
      dependsOn: (values.dependsOn as string[] | null) ?? [],
      excludes: (values.excludes as string[] | null) ?? [],
      force: force === 'In' ? 'in' : force === 'Out' ? 'out' : null,
      latestStart: (values.latestStart as string | null | undefined) ?? null,
      plannedStart: (out.plannedStart as string | null | undefined) ?? null,
      plannedEnd: (out.plannedEnd as string | null | undefined) ?? null,
      actuals: {
        actualCost: num('actualCost'),
        pipelineGenerated: num('pipelineGenerated'),
        revenueWon: num('revenueWon'),
        dealsWon: num('dealsWon'),
        dealsLost: num('dealsLost'),
        lastUpdate: (values.lastUpdate as string | null) ?? null,
      },
      score: (out.score as number | null | undefined) ?? null,
      rank: (out.rank as number | null | undefined) ?? null,
      selected: (out.selected as boolean | null | undefined) ?? null,
    });
  });

  checkIds(projects, table, problems, flag);
  return { table, projects, problems, flags, criterionColumns };
}

/**
 * IDs that more than one row uses, compared as every ID is matched (case and spaces ignored, so
 * "Q3" and "q3 " are the same project to Demand, Depends on and the planner): each with the ID
 * as its first row has it and its sheet rows. Rows without an ID are not counted.
 */
export function duplicateIds(projects: readonly Project[]): { id: string; rows: number[] }[] {
  const byKey = new Map<string, { id: string; rows: number[] }>();
  for (const p of projects) {
    if (p.id.startsWith('row ')) continue;
    const k = matchKey(p.id);
    const g = byKey.get(k);
    if (g) g.rows.push(p.row);
    else byKey.set(k, { id: p.id, rows: [p.row] });
  }
  return [...byKey.values()].filter((g) => g.rows.length > 1);
}

/**
 * Refuses (a SheetError, nothing written) to select or decide while two rows share an ID: a
 * selection is mapped back by ID, so it could tick a row that was not chosen. Names both rows
 * and the fix.
 */
export function refuseDuplicateIds(projects: readonly Project[], action: string): void {
  const dup = duplicateIds(projects);
  if (dup.length === 0) return;
  const list = dup
    .slice(0, 5)
    .map((g) => `"${g.id}" is on rows ${g.rows.join(' and ')}`)
    .join('; ');
  const more = dup.length > 5 ? ` (and ${dup.length - 5} more IDs)` : '';
  throw new SheetError(
    `${action} cannot tell apart projects that share an ID: ${list} of Projects${more}. Give each project its own ID (for example "${dup[0]?.id ?? ''}-2"; IDs are compared ignoring case and spaces), then run ${action} again.`,
  );
}

/** Duplicate IDs, and Depends on / Excludes naming IDs that do not exist. */
function checkIds(
  projects: readonly Project[],
  table: Table,
  problems: Problem[],
  flag: (row: number, text: string) => void,
): void {
  const rowsById = new Set<string>();
  for (const p of projects) if (!p.id.startsWith('row ')) rowsById.add(p.id);
  for (const { id, rows } of duplicateIds(projects)) {
    for (const row of rows) {
      problems.push({
        sheet: PROJECTS.name,
        row,
        ...columnOf(table, 'id', 'ID'),
        value: projects.find((p) => p.row === row)?.id ?? id,
        message: `is used by rows ${rows.join(' and ')}. IDs must be unique: give each project its own ID.`,
      });
      flag(row, `duplicate ID ${id} (rows ${rows.join(', ')})`);
    }
  }
  for (const p of projects) {
    for (const [key, header] of [
      ['dependsOn', 'Depends on'],
      ['excludes', 'Excludes'],
    ] as const) {
      for (const ref of p[key]) {
        if (rowsById.has(ref)) continue;
        problems.push({
          sheet: PROJECTS.name,
          row: p.row,
          ...columnOf(table, key, header),
          value: ref,
          message: 'is not the ID of any project. Fix the ID or remove it.',
        });
        flag(p.row, `${header} names unknown ${ref}`);
      }
    }
  }
}

/** A column of the table for a Problem: the user's header text and its number (for the letter). */
function columnOf(
  table: Table,
  key: string,
  header: string,
): { column: string; columnNumber?: number } {
  const col = table.index.get(key);
  return col === undefined
    ? { column: header }
    : { column: String(table.headers[col]), columnNumber: col + 1 };
}
