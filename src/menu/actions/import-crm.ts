/**
 * Import CRM actuals: the deals (and campaign rows) of the CRM sheets named in Settings → CRM
 * sheet become each matched project's Pipeline generated, Revenue won, Deals won, Deals lost,
 * Actual cost (campaign rows) and Last update (the import date). The values are replaced, never
 * added to, so importing twice gives the same numbers; Undo last action restores what was there.
 * A fixed number of service calls whatever the number of deals.
 */
import { crmActuals, type ProjectActuals, type ProjectRef } from '../../core/crm/actuals';
import type { CampaignRow, Deal } from '../../core/crm/rows';
import type { ActionContext, ActionResult } from '../../sheets/action';
import type { CellValue } from '../../sheets/cell-parsers';
import { readCrmSheet, writeMonthly, type CrmSheetRead } from '../../sheets/crm-sheets';
import { writeOwnedColumns, type OwnedWrite } from '../../sheets/owned-columns';
import { describeProblem, SheetError, type Problem } from '../../sheets/problems';
import { PROJECTS } from '../../sheets/schema';
import { readTable, type Table } from '../../sheets/table';
import { projectsSheet, settingsOf } from './workbook';

type ActualKey = 'actualCost' | 'pipelineGenerated' | 'revenueWon' | 'dealsWon' | 'dealsLost';
const ACTUAL_KEYS: readonly ActualKey[] = [
  'actualCost',
  'pipelineGenerated',
  'revenueWon',
  'dealsWon',
  'dealsLost',
];
const LABELS: Readonly<Record<ActualKey, string>> = {
  actualCost: 'Actual cost',
  pipelineGenerated: 'Pipeline generated',
  revenueWon: 'Revenue won',
  dealsWon: 'Deals won',
  dealsLost: 'Deals lost',
};
/** How many lines of each list the alert shows (the Log has the counts). */
const SHOWN = 12;

const money = (n: number): string => Math.round(n).toLocaleString('en-US');
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function importCrmAction(ctx: ActionContext): ActionResult {
  const { settings, warnings: settingWarnings } = settingsOf(ctx);
  const reads = settings.crmSheets.map((name) => readCrmSheet(ctx, name));
  const deals: Deal[] = [];
  const campaigns: CampaignRow[] = [];
  const currencies = new Set<string>();
  for (const r of reads) {
    if (r.parse.currency) currencies.add(r.parse.currency);
    if (r.parse.rows === 'deals') deals.push(...r.parse.deals);
    else campaigns.push(...r.parse.campaigns);
  }
  if (currencies.size > 1)
    throw new SheetError(
      `The CRM sheets are in different currencies (${[...currencies].join(', ')}): Portfolio Pilot does not add them up. Export every report in one currency. Nothing was changed.`,
    );

  const table = readTable(projectsSheet(ctx), PROJECTS, ctx);
  const refs = projectRefs(table);
  const result = crmActuals(refs, { deals, campaigns });
  const today = ctx.dateKey(ctx.now);

  const byRow = new Map<number, ProjectActuals>(result.projects.map((p) => [p.project, p]));
  const keys = ACTUAL_KEYS.filter((k) => result.projects.some((p) => p[k] !== null));
  const changes: string[] = [];
  const writes: OwnedWrite[] = keys.map((k) => ({
    key: k,
    values: table.rows.map((row, i) => {
      const old = cellAt(table, row, k);
      const v = byRow.get(i)?.[k];
      return v === null || v === undefined ? old : v;
    }),
  }));
  if (byRow.size > 0)
    writes.push({
      key: 'lastUpdate',
      values: table.rows.map((row, i) => (byRow.has(i) ? today : cellAt(table, row, 'lastUpdate'))),
    });
  for (const p of result.projects) {
    const row = table.rows[p.project] ?? [];
    const diffs = keys
      .filter((k) => p[k] !== null && !same(cellAt(table, row, k), p[k]))
      .map((k) => `${LABELS[k]} ${show(cellAt(table, row, k))} → ${money(p[k] as number)}`);
    const ref = refs[p.project];
    changes.push(
      `${ref?.id ?? ''} ${ref?.name ?? ''}: ${plural(p.deals, 'deal')}${diffs.length ? `; ${diffs.join(', ')}` : '; no change'}`,
    );
  }
  const report = writes.length ? writeOwnedColumns(ctx, table, writes) : { keptFormulas: [] };
  writeMonthly(ctx, result.monthly, (i) => ({ id: refs[i]?.id ?? '', name: refs[i]?.name ?? '' }));

  const source = reads
    .map((r) => `"${r.sheet}" (${r.parse.layout.label}, ${plural(r.rows, 'row')})`)
    .join(' and ');
  const matched = result.projects.reduce((n, p) => n + p.deals, 0);
  const pipeline = result.projects.reduce((n, p) => n + (p.pipelineGenerated ?? 0), 0);
  const won = result.projects.reduce((n, p) => n + (p.revenueWon ?? 0), 0);
  const cost = result.projects.reduce((n, p) => n + (p.actualCost ?? 0), 0);
  const problems = reads.flatMap((r) => r.problems);
  const noAmount = reads.flatMap((r) => noAmountRows(r));
  const warnings = [
    ...settingWarnings,
    ...unmatchedLines(result.unmatched),
    ...(noAmount.length
      ? [
          `${plural(noAmount.length, 'deal')} without an Amount (counted as deals, not in the sums): ${noAmount.slice(0, SHOWN).map(describeProblem).join('; ')}${noAmount.length > SHOWN ? `; … and ${noAmount.length - SHOWN} more` : ''}.`,
        ]
      : []),
    ...(problems.length
      ? [
          `${plural(problems.length, 'cell')} could not be read; their rows are left out:\n${problems
            .slice(0, SHOWN)
            .map((p) => `• ${describeProblem(p)}`)
            .join(
              '\n',
            )}${problems.length > SHOWN ? `\n• … and ${problems.length - SHOWN} more.` : ''}`,
        ]
      : []),
    ...result.ambiguous.map(
      (a) =>
        `CRM campaign "${a.campaign}" is on ${a.projects.join(' and ')}: its rows went to ${a.projects[0] ?? ''}. Give each campaign to one project.`,
    ),
    ...(report.keptFormulas.length
      ? [
          `Cells holding your formulas were kept: ${report.keptFormulas.slice(0, SHOWN).join(', ')}.`,
        ]
      : []),
  ];
  const totals = [
    deals.length ? `pipeline ${money(pipeline)}, won ${money(won)}` : '',
    campaigns.length ? `actual cost ${money(cost)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const rowsIn = deals.length ? plural(matched, 'deal') : plural(campaigns.length, 'campaign row');
  const toast =
    result.projects.length === 0
      ? `Nothing imported from ${source}: no row matched a project (by CRM campaign, ID or Name). See the list of campaigns.`
      : `Imported ${rowsIn} into ${plural(result.projects.length, 'project')} from ${source}: ${totals}.${result.unmatched.length ? ` ${plural(result.unmatched.length, 'campaign')} matched no project.` : ''}${problems.length ? ` ${plural(problems.length, 'cell')} unreadable.` : ''} Next: Refresh dashboard.`;
  const by = result.matchedBy;
  const log = [
    `From ${source}; matched by CRM campaign ${by.campaign}, ID ${by.id}, Name ${by.name}; ${totals || 'nothing summed'}; Last update ${today}.`,
    ...changes,
    result.unmatched.length
      ? `Unmatched: ${result.unmatched.map((u) => `${u.campaign} (${plural(u.rows, 'row')}, ${money(u.amount)})`).join('; ')}.`
      : '',
    problems.length ? `${plural(problems.length, 'unreadable cell')}.` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return { toast, log, warnings };
}

function projectRefs(table: Table): ProjectRef[] {
  const text = (row: readonly CellValue[], key: string): string => {
    const v = cellAt(table, row, key);
    return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
  };
  return table.rows.map((row) => ({
    id: text(row, 'id'),
    name: text(row, 'name'),
    crmCampaign: text(row, 'crmCampaign'),
  }));
}

function cellAt(table: Table, row: readonly CellValue[], key: string): CellValue {
  const col = table.index.get(key);
  return col === undefined ? '' : (row[col] ?? '');
}

function same(old: CellValue, v: number | null): boolean {
  return typeof old === 'number' && v !== null && Math.abs(old - v) < 1e-9;
}

function show(v: CellValue): string {
  return typeof v === 'number' ? money(v) : v === '' ? 'blank' : String(v);
}

function unmatchedLines(
  unmatched: readonly { campaign: string; rows: number; amount: number }[],
): string[] {
  if (unmatched.length === 0) return [];
  const lines = unmatched
    .slice(0, SHOWN)
    .map((u) => `• ${u.campaign}: ${plural(u.rows, 'row')}, amount ${money(u.amount)}`);
  if (unmatched.length > SHOWN)
    lines.push(`• … and ${unmatched.length - SHOWN} more (see the Log).`);
  return [
    `${plural(unmatched.length, 'campaign')} matched no project (not by CRM campaign, ID or Name). Write the campaign in the project's CRM campaign column to count its deals:\n${lines.join('\n')}`,
  ];
}

/** Deals without an Amount, named by row and column. */
function noAmountRows(r: CrmSheetRead): Problem[] {
  if (r.parse.rows !== 'deals') return [];
  const col = r.parse.columns.get('convertedAmount') ?? r.parse.columns.get('amount') ?? 0;
  return r.parse.deals
    .filter((d) => d.amount === null)
    .map((d) => ({
      sheet: r.sheet,
      row: r.first + d.index,
      column: r.header[col] ?? 'Amount',
      columnNumber: col + 1,
      message: 'is blank',
    }));
}
