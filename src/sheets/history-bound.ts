/**
 * History's bound. A snapshot adds one row per project, so History would grow without end (17
 * cells per project per day: 50,000 projects reach Sheets' 10 million cells per workbook in
 * about 11 snapshots). History may use at most HISTORY_BOUND.maxCells cells, and never so many
 * that the workbook would come within HISTORY_BOUND.headroom cells of Sheets' limit. When
 * today's snapshot would pass that, the oldest snapshot days are removed, whole days at a time
 * (today's never), and the action says which.
 */
import type { Snapshot } from '../core/snapshot';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const HISTORY_BOUND = {
  /** Sheets' limit on the cells of a workbook (all sheets' rows × columns). */
  workbookCells: 10_000_000,
  /** At most this many cells for History: 30% of the workbook. */
  maxCells: 3_000_000,
  /** Cells kept free in the workbook for everything else to grow. */
  headroom: 1_000_000,
  /**
   * Below this many cells History cannot matter to the workbook's limit on its own, so the
   * other sheets are not measured (3 calls per sheet saved on every ordinary snapshot).
   */
  measureAbove: 1_000_000,
} as const;

/**
 * The data rows History may hold when it is to hold `rows`: its own cap, and — once History is
 * big — what the other sheets leave of the workbook (3 calls per sheet).
 */
export function historyRowLimit(
  ss: Spreadsheet,
  history: Sheet,
  rows: number,
  /** At least the sheet's columns as far as the caller knows (no call needed below the mark). */
  columnsHint: number,
): number {
  const hint = Math.max(1, columnsHint);
  if ((rows + 1) * hint <= HISTORY_BOUND.measureAbove)
    return Math.floor(HISTORY_BOUND.maxCells / hint) - 1;
  const columns = Math.max(hint, history.getMaxColumns());
  let others = 0;
  const id = history.getSheetId();
  for (const s of ss.getSheets())
    if (s.getSheetId() !== id) others += s.getMaxRows() * s.getMaxColumns();
  const cells = Math.min(
    HISTORY_BOUND.maxCells,
    HISTORY_BOUND.workbookCells - HISTORY_BOUND.headroom - others,
  );
  return Math.max(0, Math.floor(cells / columns) - 1);
}

export interface Compaction {
  /** Data rows to remove from the top (0: none). */
  readonly cut: number;
  /** The snapshot days they hold, oldest first. */
  readonly days: readonly string[];
}

/**
 * The oldest whole days to remove so that `total` rows fit `limit`: rows before `keepFrom`
 * (today's first row) only. An unreadable or blank row goes with the day above it.
 */
export function compaction(
  parsed: readonly (Snapshot | null)[],
  keepFrom: number,
  total: number,
  limit: number,
): Compaction {
  const need = total - limit;
  if (need <= 0) return { cut: 0, days: [] };
  const days: string[] = [];
  let cut = 0;
  while (cut < keepFrom && cut < need) {
    const day = parsed[cut]?.date;
    if (day !== undefined) days.push(day);
    cut++;
    while (cut < keepFrom && (parsed[cut] === null || parsed[cut]?.date === day)) cut++;
  }
  return { cut, days };
}
