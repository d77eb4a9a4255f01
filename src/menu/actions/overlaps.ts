/**
 * Find overlaps: likely duplicates (similar names or descriptions) and overlapping projects (same
 * objective, segment or region at the same time), each pair with its similarity and the reasons,
 * on an Overlaps sheet the board can work through.
 */
import { findOverlaps } from '../../core/overlap';
import type { ActionContext, ActionResult } from '../../sheets/action';
import type { CellValue } from '../../sheets/cell-parsers';
import { setColumnWidths, writeOwnedSheet } from '../../sheets/owned-sheet';
import { readProjects } from '../../sheets/projects';
import { projectsSheet, settingsOf } from './workbook';

export const OVERLAPS_SHEET = 'Overlaps';
const TOP_N = 200;
/** Menu actions have 6 minutes; the search gets two and says so when it stops early. */
const SEARCH_BUDGET_MS = 120_000;

export function findOverlapsAction(ctx: ActionContext): ActionResult {
  const { settings, warnings } = settingsOf(ctx);
  const read = readProjects(projectsSheet(ctx), [], ctx);
  const projects = read.projects.filter((p) => p.status !== 'Rejected' && p.status !== 'Stopped');
  const result = findOverlaps(projects, {
    threshold: settings.overlapThreshold,
    topN: TOP_N,
    deadline: Date.now() + SEARCH_BUDGET_MS,
  });
  const rows: CellValue[][] = [
    [
      `Likely duplicates and overlaps among ${projects.length} projects (not Rejected or Stopped), similarity ≥ ${Math.round(settings.overlapThreshold * 100)}% (Settings → Overlap threshold). Merge or cut them at the next board review.`,
    ],
    [
      'Similarity',
      'Kind',
      'ID',
      'Name',
      'Owner',
      'Status',
      'Overlaps with',
      'Name',
      'Owner',
      'Status',
      'Why',
    ],
    ...result.pairs.map((p) => [
      p.score,
      p.kind,
      p.a.id,
      p.a.name,
      p.a.owner,
      p.a.status ?? '',
      p.b.id,
      p.b.name,
      p.b.owner,
      p.b.status ?? '',
      p.reasons.join('; '),
    ]),
  ];
  if (result.pairs.length === 0) rows.push(['none']);
  if (result.limits.length) rows.push([], ['Search limits'], ...result.limits.map((l) => [l]));
  const sheet = writeOwnedSheet(ctx, OVERLAPS_SHEET, rows);
  sheet.getRange(1, 1).setFontWeight('bold');
  sheet.getRange(2, 1, 1, 11).setFontWeight('bold').setBackground('#e8f0fe');
  if (result.pairs.length) sheet.getRange(3, 1, result.pairs.length, 1).setNumberFormat('0%');
  sheet.getRange(3, 3, Math.max(1, result.pairs.length), 1).setNumberFormat('@');
  sheet.getRange(3, 7, Math.max(1, result.pairs.length), 1).setNumberFormat('@');
  sheet.setFrozenRows(2);
  // Similarity, Kind, ID, Name, Owner, Status, Overlaps with, Name, Owner, Status, Why.
  setColumnWidths(sheet, [80, 80, 60, 240, 140, 90, 100, 240, 140, 90, 560]);
  const dup = result.pairs.filter((p) => p.kind === 'duplicate').length;
  const top = result.pairs[0];
  const shown =
    result.found > result.pairs.length
      ? ` (best ${result.pairs.length} of at least ${result.found})`
      : '';
  return {
    toast: result.pairs.length
      ? `${result.pairs.length} pairs${shown}: ${dup} likely duplicates. Top: ${top?.a.id ?? ''} and ${top?.b.id ?? ''} (${Math.round((top?.score ?? 0) * 100)}%). See the Overlaps sheet.`
      : 'No likely duplicates or overlaps. See the Overlaps sheet.',
    log: `Overlaps: ${result.pairs.length} pairs${shown} (${dup} duplicates) among ${projects.length} projects at ≥ ${Math.round(settings.overlapThreshold * 100)}%; ${result.compared.toLocaleString('en-US')} candidate pairs compared.`,
    warnings,
  };
}
