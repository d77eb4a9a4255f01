/**
 * Score & rank: scores every project as Settings says (weighted criteria with the Criteria or the
 * Pairwise sheet's AHP weights, or RICE, ICE or WSJF), ranks the open ones and writes Score, Rank
 * and Flags (and, with AHP, the Criteria sheet's AHP weight column).
 */
import { FRAMEWORK_NAMES } from '../../core/framework-score';
import type { ActionContext, ActionResult } from '../../sheets/action';
import { writeOwnedColumns } from '../../sheets/owned-columns';
import { describeProblem } from '../../sheets/problems';
import { computeScores, type AhpReport } from './scoring';
import { criteriaOf, settingsOf } from './workbook';

/** How many unreadable cells the alert spells out (the rest are counted). */
const MAX_LISTED = 12;

export function scoreAndRank(ctx: ActionContext): ActionResult {
  const { settings, warnings } = settingsOf(ctx);
  const model = criteriaOf(ctx);
  const s = computeScores(ctx, settings, model);
  if (s.ahp) {
    const t = model.table;
    const nameCol = t.index.get('criterion') as number;
    const weightOf = new Map(model.criteria.map((c, i) => [c.name, s.ahp?.weights[i] ?? '']));
    const values = t.rows.map((row) => weightOf.get(String(row[nameCol] ?? '').trim()) ?? '');
    writeOwnedColumns(ctx, t, [{ key: 'ahpWeight', values, numberFormat: '0.0%' }]);
  }
  const rowCount = s.read.table.rows.length;
  const scoreCol: (number | string)[] = new Array<number | string>(rowCount).fill('');
  const rankCol: (number | string)[] = new Array<number | string>(rowCount).fill('');
  const flagCol: string[] = new Array<string>(rowCount).fill('');
  s.read.projects.forEach((p, i) => {
    const idx = p.row - 2;
    scoreCol[idx] = Math.round((s.scores[i] ?? 0) * 100) / 100;
    rankCol[idx] = s.ranks[i] ?? '';
    flagCol[idx] = (s.flags.get(p.row) ?? []).join('; ');
  });
  // Weighted scores show all their stored decimals: projects ranked apart never look tied.
  const report = writeOwnedColumns(ctx, s.read.table, [
    { key: 'score', values: scoreCol, numberFormat: s.kind === 'weighted' ? '0.00' : '#,##0.##' },
    { key: 'rank', values: rankCol, numberFormat: '0' },
    { key: 'flags', values: flagCol },
  ]);
  const flagged = flagCol.filter((f) => f !== '').length;
  const ranked = s.ranks.filter((r) => r !== null).length;
  const top = s.read.projects.filter((_, i) => s.ranks[i] === 1).map((p) => `${p.id} ${p.name}`);
  const notes: string[] = [...warnings, ...ahpNotes(s.ahp)];
  if (report.keptFormulas.length)
    notes.push(
      `Kept your formulas in ${report.keptFormulas.slice(0, 5).join(', ')}${report.keptFormulas.length > 5 ? ' …' : ''}.`,
    );
  if (flagged) {
    // Each unreadable cell in full (sheet, row, column, value, fix); Flags keeps the short form.
    const problems = s.read.problems;
    const lines = problems.slice(0, MAX_LISTED).map((p) => `• ${describeProblem(p)}`);
    if (problems.length > MAX_LISTED) lines.push(`• … and ${problems.length - MAX_LISTED} more.`);
    notes.push(
      [
        `${flagged} project${flagged === 1 ? ' has' : 's have'} flags: see the Flags column.`,
        ...lines,
      ].join('\n'),
    );
  }
  const ahpText = s.ahp
    ? ` AHP CR ${s.ahp.consistencyRatio.toFixed(3)}${s.ahp.consistencyRatio > 0.1 ? ' (above 0.1!)' : ''}.`
    : '';
  const withFramework = s.kind === 'weighted' ? '' : ` with ${FRAMEWORK_NAMES[s.kind]}`;
  return {
    toast: `Scored ${s.read.projects.length} projects${withFramework}, ranked ${ranked}. Top: ${top.join(', ') || '—'}.${ahpText}${flagged ? ` ${flagged} flagged.` : ''}`,
    log: `Score, Rank, Flags for ${s.read.projects.length} projects (${ranked} ranked, ${flagged} flagged); ${s.describe}.${ahpText}`,
    warnings: notes,
  };
}

function ahpNotes(ahp: AhpReport | null): string[] {
  if (!ahp) return [];
  const high = ahp.consistencyRatio > 0.1;
  const notes = [
    `Weights from the Pairwise sheet (AHP): consistency ratio ${ahp.consistencyRatio.toFixed(3)}${high ? ' — above 0.1, the judgements are inconsistent' : ''}.`,
  ];
  if (high && ahp.worst) notes.push(ahp.worst);
  return notes;
}
