/**
 * The server side of Review intake: the pending requests, and the board's decision on one.
 * Accepting appends a Projects row (new project ID, Status Proposed, the ratings in the criteria
 * columns) and its Demand rows, and marks the request Accepted with the project's ID; rejecting
 * marks it Rejected with the reason. Both run under the document lock after a fresh read, are
 * logged and undoable (runAction). When Settings names board members, only they may decide.
 */
import type { CriterionDef } from '../../core/model';
import { boardCheck, requireBoard } from '../../sheets/board';
import { recordDecisions } from '../../sheets/decisions';
import { runAction, type ActionContext } from '../../sheets/action';
import { cellSchema, parseCell, type CellValue } from '../../sheets/cell-parsers';
import { headerKey } from '../../sheets/headers';
import { readCriteria } from '../../sheets/model-sheets';
import { literal } from '../../sheets/owned-sheet';
import { SheetError } from '../../sheets/problems';
import type { Services } from '../../sheets/services';
import { CRITERIA, DEMAND, INTAKE, PROJECTS } from '../../sheets/schema';
import { rowKeysOf } from '../../sheets/row-keys';
import {
  isBlankRow,
  missingSheet,
  readTable,
  type ReadOptions,
  type Table,
} from '../../sheets/table';
import { endpoint, type Endpoint } from '../bridge/server';
import { reviewContract, type PendingRequest } from '../intake/contract';
import { parseDemand, parseRatings } from '../intake/text';
import { readContext } from '../pages';

export function reviewEndpoint(): Endpoint {
  return endpoint('intake-review', reviewContract, {
    load: (_input, services) => {
      const ctx = readContext(services);
      const who = boardCheck(ctx.ss, ctx, services, 'accept or reject requests');
      const sheet = ctx.ss.getSheetByName(INTAKE.name);
      const pending = sheet
        ? readIntake(readTable(sheet, INTAKE, ctx), ctx).filter((r) => r.status === 'Pending')
        : [];
      return { pending: pending.map((r) => r.view), canDecide: who.ok, why: who.why };
    },
    accept: ({ id }, services) => acceptRequest(services, id),
    reject: ({ id, reason }, services) => rejectRequest(services, id, reason),
  });
}

/** A parsed Intake cell (see cell-parsers), or the cell's text when it did not parse. */
type FieldValue = string | number | boolean | string[] | null;

interface IntakeRow {
  readonly sheetRow: number;
  readonly status: string;
  readonly view: PendingRequest;
  readonly fields: Readonly<Record<string, FieldValue | undefined>>;
}

/** A field as text: '' for blank, lists joined with commas. */
function fieldText(v: FieldValue | undefined): string {
  return v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v);
}

/** Reads every request of the Intake sheet (blank rows skipped). */
function readIntake(table: Table, opts: ReadOptions): IntakeRow[] {
  const parsers = INTAKE.columns.flatMap((c) => {
    const col = table.index.get(c.key);
    return col === undefined
      ? []
      : [{ key: c.key, col, schema: cellSchema(c, opts.dateKey, true) }];
  });
  const out: IntakeRow[] = [];
  table.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const f: Record<string, FieldValue> = {};
    for (const p of parsers) {
      const r = parseCell(p.schema, row[p.col] as CellValue);
      f[p.key] = r.ok ? r.value : String(row[p.col]);
    }
    const s = (k: string): string => fieldText(f[k]);
    const n = (k: string): number | null => {
      const v = f[k];
      return typeof v === 'number' ? v : null;
    };
    out.push({
      sheetRow: i + 2,
      status: s('status') || 'Pending',
      fields: f,
      view: {
        id: s('id'),
        row: i + 2,
        submitted: s('submitted'),
        submittedBy: s('submittedBy'),
        name: s('name'),
        type: s('type'),
        owner: s('owner'),
        objective: s('objective'),
        start: s('start'),
        end: s('end'),
        cost: n('cost'),
        expectedRevenue: n('expectedRevenue'),
        confidence: n('confidence'),
        ratings: s('ratings'),
        dependsOn: s('dependsOn'),
        demand: s('demand'),
        description: s('description'),
      },
    });
  });
  return out;
}

/** The pending request `id`, read afresh; a clear error when it is gone or already decided. */
function pendingRequest(ctx: ActionContext, id: string): { table: Table; row: IntakeRow } {
  requireBoard(ctx, 'accept or reject requests');
  const sheet = ctx.ss.getSheetByName(INTAKE.name);
  if (!sheet) throw missingSheet(INTAKE);
  const table = readTable(sheet, INTAKE, ctx);
  const row = readIntake(table, ctx).find((r) => r.view.id.toLowerCase() === id.toLowerCase());
  if (!row)
    throw new SheetError(
      `There is no request ${id} in the Intake sheet any more. Reload the list.`,
    );
  if (row.status !== 'Pending') {
    const by = fieldText(row.fields.decidedBy);
    throw new SheetError(
      `Request ${id} was already ${row.status.toLowerCase()}${by ? ` by ${by}` : ''}. Reload the list.`,
    );
  }
  return { table, row };
}

/** Writes the decision columns of one Intake row (one block over the row). */
function markDecided(
  ctx: ActionContext,
  table: Table,
  row: IntakeRow,
  set: Record<string, CellValue>,
): void {
  const old = (table.rows[row.sheetRow - 2] ?? []).slice();
  const next = old.slice();
  for (const [key, v] of Object.entries(set)) {
    const col = table.index.get(key);
    if (col === undefined) continue;
    next[col] = v;
  }
  ctx.tx.write(table.sheet, row.sheetRow, 1, [next], {
    values: [old],
    formulas: [(table.formulas[row.sheetRow - 2] ?? []).slice()],
    key: rowKeysOf(table, row.sheetRow - 2, 1),
  });
}

export function rejectRequest(services: Services, id: string, reason: string): { id: string } {
  runAction(services, 'Reject intake request', (ctx) => {
    const { table, row } = pendingRequest(ctx, id);
    markDecided(ctx, table, row, {
      status: 'Rejected',
      decidedBy: ctx.user,
      decided: ctx.now,
      reason: literal(reason),
    });
    return {
      toast: `Request ${row.view.id} "${row.view.name}" rejected.`,
      log: `Rejected request ${row.view.id} "${row.view.name}" (from ${row.view.submittedBy}): ${reason}`,
    };
  });
  return { id };
}

export function acceptRequest(services: Services, id: string): { id: string; projectId: string } {
  let projectId = '';
  runAction(services, 'Accept intake request', (ctx) => {
    const { table, row } = pendingRequest(ctx, id);
    const projects = ctx.ss.getSheetByName(PROJECTS.name);
    if (!projects) throw missingSheet(PROJECTS);
    const criteriaSheet = ctx.ss.getSheetByName(CRITERIA.name);
    const criteria = criteriaSheet ? readCriteria(criteriaSheet, ctx).criteria : [];
    const projectsTable = readTable(projects, PROJECTS, ctx);
    projectId = nextProjectId(projectsTable);
    const notes = appendProject(ctx, projectsTable, projectId, row, criteria);
    const demandRows = appendDemand(ctx, projectId, parseDemand(fieldText(row.fields.demand)));
    markDecided(ctx, table, row, {
      status: 'Accepted',
      decidedBy: ctx.user,
      decided: ctx.now,
      projectId,
    });
    recordDecisions(ctx, [
      {
        user: ctx.user,
        id: projectId,
        name: row.view.name,
        decision: 'accept',
        from: null,
        to: 'Proposed',
        reason: `Accepted intake request ${row.view.id} (from ${row.view.submittedBy || 'unknown'})`,
      },
    ]);
    return {
      toast: `Request ${row.view.id} accepted: project ${projectId} "${row.view.name}" is Proposed.`,
      log: `Accepted request ${row.view.id} "${row.view.name}" (from ${row.view.submittedBy}) as project ${projectId}, Status Proposed, with ${demandRows} Demand row${demandRows === 1 ? '' : 's'}.${notes.length ? ` ${notes.join(' ')}` : ''}`,
      warnings: notes,
    };
  });
  return { id, projectId };
}

/**
 * The next project ID in the workbook's own style: the most common "<prefix><number>" pattern of
 * the existing IDs (P07, PRJ-012 …), one above its highest number, padded to its width.
 */
export function nextProjectId(table: Table): string {
  const col = table.index.get('id') as number;
  const ids = new Set<string>();
  const byPrefix = new Map<string, { count: number; max: number; width: number }>();
  for (const r of table.rows) {
    const id = String(r[col] ?? '').trim();
    if (!id) continue;
    ids.add(id.toLowerCase());
    const m = /^(.*?)(\d+)$/.exec(id);
    if (!m) continue;
    const p = byPrefix.get(m[1] as string) ?? { count: 0, max: 0, width: 0 };
    p.count++;
    p.max = Math.max(p.max, Number(m[2]));
    p.width = Math.max(p.width, (m[2] as string).length);
    byPrefix.set(m[1] as string, p);
  }
  let prefix = 'P';
  let best = { count: 0, max: 0, width: 2 };
  for (const [k, v] of byPrefix) if (v.count > best.count) [prefix, best] = [k, v];
  let n = best.max + 1;
  const make = (): string => `${prefix}${String(n).padStart(best.width, '0')}`;
  while (ids.has(make().toLowerCase())) n++;
  return make();
}

/** Appends the Projects row of an accepted request; returns notes on ratings it could not place. */
function appendProject(
  ctx: ActionContext,
  table: Table,
  projectId: string,
  row: IntakeRow,
  criteria: readonly CriterionDef[],
): string[] {
  const f = row.fields;
  const text = (k: string): CellValue => {
    const v = f[k];
    return v === null || v === undefined
      ? ''
      : literal(Array.isArray(v) ? v.join(', ') : String(v));
  };
  const value = (k: string): CellValue => {
    const v = f[k];
    return typeof v === 'number' || typeof v === 'string' ? v : '';
  };
  const byKey: Record<string, CellValue> = {
    id: projectId,
    name: text('name'),
    description: text('description'),
    type: text('type'),
    owner: text('owner'),
    status: 'Proposed',
    objective: text('objective'),
    segment: text('segment'),
    region: text('region'),
    start: value('start'),
    end: value('end'),
    cost: value('cost'),
    expectedRevenue: value('expectedRevenue'),
    confidence: value('confidence'),
    dependsOn: text('dependsOn'),
  };
  const cells: CellValue[] = new Array<CellValue>(table.width).fill('');
  for (const [key, v] of Object.entries(byKey)) {
    const col = table.index.get(key);
    if (col !== undefined) cells[col] = v;
  }
  const notes: string[] = [];
  for (const [name, rating] of parseRatings(fieldText(f.ratings))) {
    const c = criteria.find((x) => headerKey(x.name) === headerKey(name));
    const col = c ? table.byHeader.get(headerKey(c.column)) : undefined;
    if (col === undefined) notes.push(`The rating of ${name} has no Projects column: not copied.`);
    else cells[col] = rating;
  }
  const at = table.rows.length + 2;
  ctx.tx.write(table.sheet, at, 1, [cells], {
    values: [new Array<CellValue>(table.width).fill('')],
  });
  return notes;
}

/**
 * Appends one Demand row per skill of the request (hours in the month columns), adding a month
 * column at the right end when the Demand sheet has none for it. Returns the rows added.
 */
function appendDemand(
  ctx: ActionContext,
  projectId: string,
  lines: readonly { skill: string; period: string; hours: number }[],
): number {
  if (lines.length === 0) return 0;
  const sheet = ctx.ss.getSheetByName(DEMAND.name);
  if (!sheet) throw missingSheet(DEMAND);
  const table = readTable(sheet, DEMAND, ctx);
  const periodCol = new Map(table.periods.map((p) => [p.period, p.col]));
  const missing = [...new Set(lines.map((l) => l.period))].filter((p) => !periodCol.has(p)).sort();
  let width = table.width;
  if (missing.length) {
    ctx.tx.write(sheet, 1, width + 1, [missing.map((p) => literal(p))]);
    missing.forEach((p, i) => periodCol.set(p, width + i));
    width += missing.length;
  }
  const skills: string[] = [];
  const hours = new Map<string, Map<string, number>>();
  for (const l of lines) {
    const key = headerKey(l.skill);
    if (!hours.has(key)) {
      hours.set(key, new Map());
      skills.push(l.skill);
    }
    const m = hours.get(key) as Map<string, number>;
    m.set(l.period, (m.get(l.period) ?? 0) + l.hours);
  }
  const idCol = table.index.get('projectId') as number;
  const skillCol = table.index.get('skill') as number;
  const block = skills.map((skill) => {
    const r: CellValue[] = new Array<CellValue>(width).fill('');
    r[idCol] = projectId;
    r[skillCol] = literal(skill);
    for (const [period, h] of hours.get(headerKey(skill)) ?? [])
      r[periodCol.get(period) as number] = h;
    return r;
  });
  const blank = block.map(() => new Array<CellValue>(width).fill(''));
  ctx.tx.write(sheet, table.rows.length + 2, 1, block, { values: blank });
  return block.length;
}
