/**
 * The projects whose optimiser inputs could not be read: a Cost typed as "12k?" (or, when the
 * objective uses them, an Expected revenue or Confidence that is not a number) must not be taken
 * as 0 — a free project the optimiser would always pick. Such projects are left out of the
 * selection, with a Why and a note that say which cell to fix.
 */
import type { ObjectiveKind } from '../core/allocation';
import type { Project } from '../core/model';
import { describeProblem, type Problem } from './problems';
import type { Table } from './table';

export interface UnreadableInputs {
  /** For portfolioProblem's `leaveOut`: the project and the Why text. */
  readonly leaveOut: { readonly id: string; readonly reason: string }[];
  /** One note per unreadable cell, located (sheet, row, column, value) with the fix. */
  readonly notes: string[];
}

/** The Projects columns whose value the optimiser uses under each objective, besides Cost. */
const VALUE_COLUMNS: Readonly<Record<ObjectiveKind, readonly string[]>> = {
  score: [],
  revenue: ['expectedRevenue'],
  'risk-adjusted': ['expectedRevenue', 'confidence'],
};

export function unreadableInputs(
  projects: readonly Project[],
  table: Table,
  problems: readonly Problem[],
  objective: ObjectiveKind,
): UnreadableInputs {
  const columns = new Map<number, string>();
  for (const k of ['cost', ...VALUE_COLUMNS[objective]]) {
    const col = table.index.get(k);
    if (col !== undefined) columns.set(col + 1, String(table.headers[col]));
  }
  const byRow = new Map(projects.map((p) => [p.row, p]));
  const leaveOut: { id: string; reason: string }[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const pr of problems) {
    if (pr.row === undefined || pr.columnNumber === undefined) continue;
    const header = columns.get(pr.columnNumber);
    const project = byRow.get(pr.row);
    if (header === undefined || !project) continue;
    notes.push(`${describeProblem(pr)} ${project.id} is left out until this is fixed.`);
    if (seen.has(project.id)) continue;
    seen.add(project.id);
    leaveOut.push({
      id: project.id,
      reason: `${header} ${JSON.stringify(pr.value ?? '')} cannot be read (row ${pr.row}): fix it and run again`,
    });
  }
  return { leaveOut, notes };
}
