/**
 * npm start: the main job on the bundled sample, with nothing to configure. Builds the add-on,
 * starts the emulator with a new workbook, runs the bundle's menu actions in order (menuSteps:
 * set up, load sample, import its CRM actuals, score & rank, check capacity, find overlaps,
 * optimise portfolio, check capacity again, refresh dashboard, prepare review), prints a ranked
 * table with the selection and the over-allocations before and after, then
 * (scripts/start-schedule.ts) gives the Proposed projects a Latest start and prints what
 * Optimise portfolio moved, the value gained and the capacity to add, and saves the workbook to
 * out/portfolio.xlsx with each chart drawn as a picture where it sits.
 *
 * npm start -- my.xlsx runs the same actions (without loading the sample) on a copy of your
 * workbook and writes my.scored.xlsx beside it; my.xlsx itself is never touched.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { buildAll } from './build';
import { ROOT } from '../emulator/bundle';
import { Workbook, createHarness, type UserSession } from '../emulator';
import { rankLabels, table, text, type Cell } from './console-table';
import { timePhasedDemo } from './start-schedule';

const USER = 'sales.ops@example.com';

interface Step {
  readonly caption: string;
  readonly ok: boolean;
  readonly message: string;
}

function runMenu(user: UserSession, caption: string): Step {
  const seen = user.dialogs.length;
  const toasts = user.toasts.length;
  // Answer every question with the default a careful user would pick.
  for (let i = 0; i < 3; i++) user.answerAlert('OK');
  user.clickMenu('Portfolio Pilot', caption);
  user.clearResponses();
  const error = user.lastExecution?.error;
  const alerts = user.dialogs.slice(seen);
  const failed = alerts.find((a) => a.title?.includes('did not run'));
  const toast = (user.toasts.slice(toasts).pop() as { message?: string } | undefined)?.message;
  if (error) return { caption, ok: false, message: error.message };
  if (failed) return { caption, ok: false, message: failed.prompt };
  const extra = alerts.map((a) => a.prompt.split('\n\n').slice(1).join('\n')).filter(Boolean);
  return { caption, ok: true, message: [toast ?? '', ...extra].filter(Boolean).join('\n') };
}

/**
 * The menu items npm start clicks, in order: every action that needs no sidebar or selected row.
 * Capacity is checked twice: the plan as approved, then the plan once the optimiser has chosen.
 * One item per line, so a new step is a one-line change.
 */
function menuSteps(ownWorkbook: boolean): string[] {
  return [
    'Set up workbook',
    // The sample's CRM export (the "CRM export" sheet) fills the actuals before the dashboard.
    ...(ownWorkbook ? [] : ['Load sample portfolio', 'Import CRM actuals']),
    'Score & rank',
    'Check capacity',
    'Find overlaps',
    'Optimise portfolio',
    'Check capacity',
    'Refresh dashboard',
    // Takes the snapshot, refreshes the Dashboard again and writes the Review sheet.
    'Prepare review',
  ];
}

/**
 * A new spreadsheet comes with an empty "Sheet1"; once the add-on has made its sheets, a user
 * deletes it. The file then opens on Projects.
 */
function tidyForSaving(workbook: Workbook): void {
  const blank = workbook.findSheet('Sheet1');
  if (blank && blank.lastRow() === 0 && workbook.sheets.length > 1) workbook.removeSheet(blank);
  const projects = workbook.findSheet('Projects');
  if (projects) workbook.select(USER, projects, { r1: 1, c1: 1, r2: 1, c2: 1 });
}

/** The over-allocation rows of the Utilization sheet as it is now. */
function readOverAllocations(workbook: Workbook): (readonly unknown[])[] {
  const util = workbook.sheetValues('Utilization');
  const start = util.findIndex((r) => r[0] === 'Over-allocations');
  if (start < 0) return [];
  return util
    .slice(start + 2)
    .filter((r) => r[0] !== '' && r[1] !== '' && r[0] !== 'Data problems');
}

function printOverAllocations(title: string, over: readonly (readonly unknown[])[]): void {
  console.log(`\n${title}: ${over.length || 'none'}`);
  if (over.length === 0) return;
  console.log(
    table([
      ['Skill', 'Month', 'Demand h', 'Capacity h', 'Over h', 'Projects'],
      ...over.map((r) => [text(r[0]), text(r[1]), text(r[2]), text(r[3]), text(r[4]), text(r[6])]),
    ]),
  );
}

async function main(): Promise<number> {
  const input = process.argv[2];
  let workbook: Workbook;
  try {
    workbook = input
      ? await Workbook.fromXlsx(resolve(input), { owner: USER })
      : Workbook.create({ owner: USER, name: 'Sales portfolio (sample)' });
  } catch (e) {
    // A mistyped path or a file that is not .xlsx: one line, not exceljs's stack trace.
    console.error(
      `Cannot open ${input ?? ''}: ${(e instanceof Error ? e.message : String(e)).replace(/[.\s]+$/, '')}. Give the path of an .xlsx file (from Excel, or from Google Sheets with File → Download → Microsoft Excel (.xlsx)).`,
    );
    return 1;
  }
  await buildAll();
  const output = input
    ? join(dirname(resolve(input)), `${basename(input, extname(input))}.scored.xlsx`)
    : join(ROOT, 'out', 'portfolio.xlsx');
  const { emulator } = createHarness({ workbook, owner: USER });
  const user = emulator.as(USER);
  user.open();

  const captions = menuSteps(Boolean(input));
  console.log(
    `\nPortfolio Pilot on ${input ? `a copy of ${input}` : 'the bundled sample portfolio'} (the built dist/Code.js on the Apps Script emulator)\n`,
  );
  const overAllocations: (readonly unknown[])[][] = [];
  const steps = captions.map((c) => {
    const step = runMenu(user, c);
    if (c === 'Check capacity' && step.ok) overAllocations.push(readOverAllocations(workbook));
    return step;
  });
  for (const s of steps)
    console.log(`${s.ok ? '✓' : '✗'} ${s.caption}: ${s.message.replace(/\n/g, '\n    ')}`);

  const names = workbook.sheetNames();
  if (names.includes('Projects')) {
    const [header = [], ...rows] = workbook.sheetValues('Projects');
    const col = (h: string): number => header.indexOf(h);
    const ranked = rows
      .filter((r) => typeof r[col('Rank')] === 'number')
      .sort((a, b) => (a[col('Rank')] as number) - (b[col('Rank')] as number));
    if (ranked.length) {
      // A shared rank prints as "=12": ties read as ties.
      const ranks = rankLabels(ranked.map((r) => r[col('Rank')] as number));
      const tied = ranks.some((r) => r.startsWith('=')) ? '; "=" marks a shared rank' : '';
      console.log(`\nRanked projects (${ranked.length}${tied}):`);
      const columns = ['Rank', 'Score', 'Selected', 'ID', 'Name', 'Type', 'Status', 'Flags'];
      const cell = (r: readonly unknown[], h: string, i: number): Cell => {
        const v = col(h) >= 0 ? r[col(h)] : '';
        if (h === 'Rank') return ranks[i] ?? '';
        return h === 'Selected' ? (v === true ? 'yes' : '') : text(v);
      };
      console.log(
        table([columns, ...ranked.slice(0, 50).map((r, i) => columns.map((h) => cell(r, h, i)))]),
      );
      if (ranked.length > 50) console.log(`… and ${ranked.length - 50} more in the workbook.`);
    }
  }
  const [approved, planned] = overAllocations;
  if (approved)
    printOverAllocations(
      'Over-allocations of the approved plan (Approved and Active projects)',
      approved,
    );
  if (planned)
    printOverAllocations(
      'Over-allocations once Optimise portfolio has chosen (Active and Selected projects)',
      planned,
    );
  if (names.includes('Overlaps')) {
    const [, , ...pairs] = workbook.sheetValues('Overlaps');
    const real = pairs.filter((r) => typeof r[0] === 'number');
    console.log(`\nLikely duplicates and overlaps (${real.length}; best 5):`);
    for (const r of real.slice(0, 5))
      console.log(
        `  ${Math.round((r[0] as number) * 100)}% ${text(r[1])}: ${text(r[2])} ${text(r[3])} ↔ ${text(r[6])} ${text(r[7])}`,
      );
  }
  // On the sample: choose starts within each Proposed project's window (Latest start).
  const phased =
    input || !steps.every((s) => s.ok) ? true : timePhasedDemo(workbook, user, runMenu);
  if (!input && phased && steps.every((s) => s.ok)) {
    // The Dashboard and the Review follow the plan the time-phased run chose (today's snapshot
    // is replaced, not added to).
    const review = runMenu(user, 'Prepare review');
    console.log(`${review.ok ? '✓' : '✗'} Prepare review again: ${review.message.split('\n')[0]}`);
  }
  if (!existsSync(dirname(output))) mkdirSync(dirname(output), { recursive: true });
  tidyForSaving(workbook);
  // exceljs writes no charts: each chart is drawn as a picture where it sits.
  await workbook.toXlsx(output, { chartImages: true });
  console.log(
    `\nSaved the workbook to ${output} (open it in Google Sheets with File → Import, or in Excel).`,
  );
  return steps.every((s) => s.ok) && phased ? 0 : 1;
}

process.exitCode = await main();
