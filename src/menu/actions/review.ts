/**
 * Prepare review: takes today's snapshot, refreshes the Dashboard and writes the Review sheet for
 * the portfolio review — what changed since the previous snapshot day (new and removed projects,
 * status changes, rank moves beyond Settings → Rank move threshold, new over-allocations, newly
 * overdue and newly stale projects), each with its owner, and the decisions recorded since.
 */
import { reviewDiff, type ReviewItem } from '../../core/review';
import { previousSnapshot } from '../../core/snapshot';
import type { ActionContext, ActionResult } from '../../sheets/action';
import type { CellValue } from '../../sheets/cell-parsers';
import { readDecisions } from '../../sheets/decisions';
import { writeOwnedSheet } from '../../sheets/owned-sheet';
import { REVIEW_SHEET } from '../../sheets/schema';
import { refreshDashboard } from './dashboard';
import { readPortfolio } from './portfolio-state';
import { recordSnapshot } from './snapshot';

const KIND_LABELS: Readonly<Record<ReviewItem['kind'], string>> = {
  'new-project': 'New project',
  'removed-project': 'Removed project',
  'status-change': 'Status change',
  'rank-move': 'Rank move',
  'new-over-allocation': 'New over-allocation',
  'over-allocation': 'Over-allocation',
  'newly-overdue': 'Newly overdue',
  'newly-stale': 'Newly stale',
};
const COLUMNS = ['Change', 'Project / skill', 'Name', 'Owner', 'What changed'];

export function prepareReviewAction(ctx: ActionContext): ActionResult {
  const state = readPortfolio(ctx);
  const snap = recordSnapshot(ctx, state);
  const dashboard = refreshDashboard(ctx, state, snap.stored.history);
  const { settings, today } = state;
  const previous = previousSnapshot(snap.stored.history, today);
  const since = previous[0]?.date ?? null;
  const earlierOver = since === null ? undefined : snap.overAllocations?.get(since);
  const items = reviewDiff(previous, snap.current, {
    rankMove: settings.rankMoveThreshold,
    staleDays: settings.staleAfterDays,
    ...(state.capacity
      ? {
          overAllocations: {
            current: state.capacity.overAllocations,
            ...(earlierOver ? { previous: earlierOver } : {}),
          },
        }
      : {}),
  });
  const decisions = readDecisions(ctx.ss, ctx).decisions.filter(
    // From the previous snapshot's day on (inclusive), so nothing decided that day is missed.
    (d) => d.date !== null && (since === null || d.date >= since) && d.date <= today,
  );

  const rows: CellValue[][] = [
    [`Portfolio review — ${today}`],
    [
      since === null
        ? 'No earlier snapshot in Snapshots: every project is listed as new. The next review lists what changed since today.'
        : `What changed since the snapshot of ${since} (Snapshots sheet). Rank moves of more than ${settings.rankMoveThreshold} places (Settings → Rank move threshold); stale = open, and Last update ${settings.staleAfterDays} days or more ago or blank (Settings → Stale after (days)).`,
    ],
    [summarise(items, decisions.length)],
    [],
    COLUMNS,
    ...items.map(itemRow),
  ];
  if (items.length === 0) rows.push(['No changes.']);
  rows.push([]);
  const decisionsRow = rows.length + 1;
  rows.push([
    since === null ? 'Decisions recorded' : `Decisions recorded since ${since} (that day included)`,
  ]);
  rows.push(['Time', 'Who', 'ID', 'Name', 'Decision', 'From → to', 'Reason']);
  for (const d of decisions)
    rows.push([
      d.time ?? '',
      d.user,
      d.id,
      d.name,
      d.decision,
      `${d.from ?? 'blank'} → ${d.to ?? 'blank'}`,
      d.reason,
    ]);
  if (decisions.length === 0) rows.push(['None.']);
  if (!state.capacity && state.capacityNote) rows.push([], [state.capacityNote]);

  const sheet = writeOwnedSheet(ctx, REVIEW_SHEET, rows);
  sheet.getRange(1, 1).setFontSize(14).setFontWeight('bold');
  sheet.getRange(5, 1, 1, COLUMNS.length).setFontWeight('bold').setBackground('#e8f0fe');
  sheet.getRange(decisionsRow, 1).setFontWeight('bold');
  sheet
    .getRange(decisionsRow + 1, 1, 1, 7)
    .setFontWeight('bold')
    .setBackground('#e8f0fe');
  if (decisions.length)
    sheet.getRange(decisionsRow + 2, 1, decisions.length, 1).setNumberFormat('yyyy-mm-dd hh:mm');
  sheet.setFrozenRows(0);
  [150, 130, 240, 200, 520].forEach((w, i) => sheet.setColumnWidth(i + 1, w));

  const toast = `Review for ${today}: ${items.length} change${items.length === 1 ? '' : 's'}${since ? ` since ${since}` : ' (first snapshot)'}. See the Review sheet; the Dashboard is refreshed.`;
  return {
    toast,
    log: `${snap.summary} ${dashboard.summary} Review: ${summarise(items, decisions.length)}`,
    warnings: [...state.warnings, ...snap.warnings, ...dashboard.warnings],
  };
}

function itemRow(item: ReviewItem): CellValue[] {
  const label = KIND_LABELS[item.kind];
  if ('skill' in item)
    return [label, `${item.skill} ${item.period}`, '', item.owners.join(', '), item.message];
  return [label, item.id, item.name, item.owner, item.message];
}

/** "2 new projects, 1 status change, … ; 3 decisions." */
function summarise(items: readonly ReviewItem[], decisions: number): string {
  const counts = new Map<string, number>();
  for (const i of items)
    counts.set(KIND_LABELS[i.kind], (counts.get(KIND_LABELS[i.kind]) ?? 0) + 1);
  const parts = [...counts].map(([k, n]) => `${n} × ${k.toLowerCase()}`);
  return `${parts.length ? parts.join(', ') : 'no changes'}; ${decisions} decision${decisions === 1 ? '' : 's'} recorded.`;
}
