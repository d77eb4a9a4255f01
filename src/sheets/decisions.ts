/**
 * The Decisions sheet: the board's decisions, one row each (Time, Who, ID, Name, Decision, From,
 * To, Reason), appended by Record decision…. Read whole (one getValues) to find the status a
 * project was put on hold from, and the decisions since the last review.
 */
import { PROJECT_STATUSES, type IsoDate, type ProjectStatus } from '../core/model';
import { matchKey } from '../core/keys';
import type { ActionContext } from './action';
import { isDate } from '../functions/cells';
import type { CellValue } from './cell-parsers';
import { ownedTableSheet, writeOwnedRows } from './owned-table';
import { DECISIONS } from './schema';
import { isBlankRow, readTable, type ReadOptions, type Table } from './table';

export interface DecisionRecord {
  readonly time: Date | null;
  /** The day of `time` in the spreadsheet's zone. */
  readonly date: IsoDate | null;
  readonly user: string;
  readonly id: string;
  readonly name: string;
  readonly decision: string;
  readonly from: ProjectStatus | null;
  readonly to: ProjectStatus | null;
  readonly reason: string;
}

const STATUS = new Map(PROJECT_STATUSES.map((s) => [matchKey(s), s]));

function status(v: CellValue | undefined): ProjectStatus | null {
  return STATUS.get(matchKey(String(v ?? ''))) ?? null;
}

/** Every readable row of Decisions (a missing sheet has none). */
export function readDecisions(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  opts: ReadOptions,
): { table: Table | null; decisions: DecisionRecord[] } {
  const sheet = ss.getSheetByName(DECISIONS.name);
  if (!sheet) return { table: null, decisions: [] };
  const table = readTable(sheet, DECISIONS, opts);
  const at = (row: readonly CellValue[], key: string): CellValue | undefined => {
    const c = table.index.get(key);
    return c === undefined ? undefined : row[c];
  };
  const decisions = table.rows
    .filter((r) => !isBlankRow(r))
    .map((r): DecisionRecord => {
      const t = at(r, 'time');
      const time = isDate(t) ? t : null;
      return {
        time,
        date: time ? opts.dateKey(time) : null,
        user: String(at(r, 'user') ?? ''),
        id: String(at(r, 'id') ?? '').trim(),
        name: String(at(r, 'name') ?? ''),
        decision: String(at(r, 'decision') ?? ''),
        from: status(at(r, 'from')),
        to: status(at(r, 'to')),
        reason: String(at(r, 'reason') ?? ''),
      };
    });
  return { table, decisions };
}

/**
 * The status a project was put On hold from: the From of its latest decision whose To is
 * On hold (IDs matched ignoring case and spaces); null when none is recorded.
 */
export function statusBeforeHold(
  decisions: readonly DecisionRecord[],
  id: string,
): ProjectStatus | null {
  const key = matchKey(id);
  for (let i = decisions.length - 1; i >= 0; i--) {
    const d = decisions[i] as DecisionRecord;
    if (matchKey(d.id) === key && d.to === 'On hold') return d.from;
  }
  return null;
}

/** A decision to record: who, which project, what, from which status to which, and why. */
export type NewDecision = Omit<DecisionRecord, 'time' | 'date'>;

/** Appends one decision (creating Decisions when missing). */
export function appendDecision(ctx: ActionContext, table: Table | null, d: NewDecision): void {
  appendDecisions(ctx, table, [d]);
}

/**
 * Appends decisions in one block (creating Decisions when missing), all at the action's time:
 * every Status change the add-on makes, whatever its path, leaves a row here.
 */
export function appendDecisions(
  ctx: ActionContext,
  table: Table | null,
  list: readonly NewDecision[],
): void {
  if (list.length === 0) return;
  const t = table ?? readTable(ownedTableSheet(ctx, DECISIONS), DECISIONS, ctx);
  let end = t.rows.length;
  while (end > 0 && isBlankRow(t.rows[end - 1] ?? [])) end--;
  writeOwnedRows(
    ctx,
    t,
    end,
    list.map((d) => ({
      time: ctx.now,
      user: d.user,
      id: d.id,
      name: d.name,
      decision: d.decision,
      from: d.from ?? '',
      to: d.to ?? '',
      reason: d.reason,
    })),
  );
}

/** Reads Decisions (when present) and appends `list` to it. */
export function recordDecisions(ctx: ActionContext, list: readonly NewDecision[]): void {
  if (list.length === 0) return;
  appendDecisions(ctx, readDecisions(ctx.ss, ctx).table, list);
}
