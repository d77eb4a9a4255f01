/**
 * Snapshot: today's state of every project (status, score, rank, selected, cost, expected revenue,
 * actuals) appended to History, and today's over-allocations to the hidden _Capacity history.
 * Idempotent within a day: a second snapshot the same day replaces the first one's rows.
 */
import { takeSnapshot, type Snapshot } from '../../core/snapshot';
import type { ActionContext, ActionResult } from '../../sheets/action';
import { storeOverAllocations, type OverAllocationsByDate } from '../../sheets/capacity-history';
import { storeSnapshot, type StoredSnapshot } from '../../sheets/history';
import { describeProblem } from '../../sheets/problems';
import { HISTORY } from '../../sheets/schema';
import { readPortfolio, type PortfolioState } from './portfolio-state';

export interface SnapshotResult {
  readonly current: readonly Snapshot[];
  readonly stored: StoredSnapshot;
  /** Over-allocations recorded per date; null without Capacity and Demand. */
  readonly overAllocations: OverAllocationsByDate | null;
  /** Sentences for the toast and the log. */
  readonly summary: string;
  readonly warnings: string[];
}

/** Takes and stores today's snapshot from an already read state. */
export function recordSnapshot(ctx: ActionContext, state: PortfolioState): SnapshotResult {
  const withId = state.projects.projects.filter((p) => !p.id.startsWith('row '));
  const current = takeSnapshot(withId, state.today);
  const stored = storeSnapshot(ctx, current);
  const overAllocations = state.capacity
    ? storeOverAllocations(ctx, state.today, state.capacity.overAllocations)
    : null;
  const warnings: string[] = [];
  const skipped = state.projects.projects.length - withId.length;
  if (skipped)
    warnings.push(
      `${skipped} project row${skipped === 1 ? ' has' : 's have'} no ID and ${skipped === 1 ? 'was' : 'were'} left out of the snapshot: give every project an ID.`,
    );
  if (current.length && current.every((s) => s.score === null))
    warnings.push(
      'No project has a Score yet: run Score & rank before the snapshot so reviews can compare ranks.',
    );
  if (stored.problems.length)
    warnings.push(
      `${HISTORY.name} has ${stored.problems.length} row${stored.problems.length === 1 ? '' : 's'} that could not be read (kept as they are), e.g. ${describeProblem(stored.problems[0] as (typeof stored.problems)[number])}`,
    );
  const { compacted } = stored;
  if (compacted.cut > 0)
    warnings.push(
      `Snapshots keeps at most ${compacted.limit.toLocaleString('en-US')} rows (its share of the workbook's 10 million cells): the ${compacted.days.length} oldest snapshot day${compacted.days.length === 1 ? '' : 's'} (${describeDays(compacted.days)}, ${compacted.cut.toLocaleString('en-US')} rows) ${compacted.days.length === 1 ? 'was' : 'were'} removed, and Undo does not bring ${compacted.days.length === 1 ? 'it' : 'them'} back. To keep every day, copy Snapshots to another file before a snapshot (File → Make a copy).`,
    );
  const again =
    stored.replaced + stored.removed > 0
      ? ` (replacing the earlier snapshot of ${state.today})`
      : '';
  const days = new Set(stored.history.map((s) => s.date)).size;
  const renamed = stored.renamedFrom
    ? ` The ${stored.renamedFrom} sheet is now called ${HISTORY.name}: Excel reserves the name ${stored.renamedFrom}, so the workbook could not be saved as .xlsx.`
    : '';
  const summary = `Snapshot of ${current.length} projects for ${state.today} in ${HISTORY.name}${again}; ${HISTORY.name} holds ${days} day${days === 1 ? '' : 's'}.${renamed}`;
  return { current, stored, overAllocations, summary, warnings };
}

export function snapshotAction(ctx: ActionContext): ActionResult {
  const state = readPortfolio(ctx);
  const r = recordSnapshot(ctx, state);
  return {
    toast: r.summary,
    log: `${r.summary} ${r.stored.added} rows added, ${r.stored.replaced} replaced${r.stored.removed ? `, ${r.stored.removed} of projects deleted since the earlier snapshot removed` : ''}${r.stored.dropped ? `, ${r.stored.dropped} duplicates dropped` : ''}.`,
    warnings: [...state.warnings, ...r.warnings],
  };
}

/** "2027-01-05", "2027-01-05 and 2027-01-12", or "2027-01-05 … 2027-02-02". */
function describeDays(days: readonly string[]): string {
  if (days.length <= 2) return days.join(' and ');
  return `${days[0] ?? ''} … ${days[days.length - 1] ?? ''}`;
}
