/**
 * npm start: the main job on the bundled sample, with nothing to configure. Builds the add-on,
 * starts the emulator with a new workbook, runs the bundle's menu actions in order (set up, load
 * sample, score & rank, check capacity, find overlaps, then optimise portfolio and check capacity
 * again), prints a ranked table with the selection and the over-allocations before and after,
 * then (scripts/start-schedule.ts) gives the Proposed projects a Latest start and prints what
 * Optimise portfolio moved, the value gained and the capacity to add, and saves the workbook to
 * out/portfolio.xlsx.
 *
 * npm start -- my.xlsx runs the same actions (without loading the sample) on a copy of your
 * workbook and writes my.scored.xlsx beside it; my.xlsx itself is never touched.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { buildAll } from './build';
import { ROOT } from '../emulator/bundle';
import { Workbook, createHarness, type UserSession } from '../emulator';
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

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, j) => Math.max(...rows.map((r) => (r[j] ?? '').length))) ?? [];
  const numeric = widths.map((_, j) => rows.slice(1).every((r) => /^-?[\d.,]*$/.test(r[j] ?? '')));
  return rows
    .map((r) =>
      r
        .map((c, j) => (numeric[j] ? c.padStart(widths[j] ?? 0) : c.padEnd(widths[j] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function text(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(1);
  return typeof v === 'string' || typeof v === 'boolean' ? String(v) : '';
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
      `Cannot open ${input ?? ''}: ${e instanceof Error ? e.message : String(e)}. Give the path of an .xlsx file (from Excel, or from Google Sheets with File → Download → Microsoft Excel (.xlsx)).`,
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

  // Capacity is checked twice: the plan as approved, then the plan once the optimiser has chosen.
  const captions = [
    'Set up workbook',
    ...(input ? [] : ['Load sample portfolio']),
    'Score & rank',
    'Check capacity',
    'Find overlaps',
    'Optimise portfolio',
    'Check capacity',
  ];
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
      console.log(`\nRanked projects (${ranked.length}):`);
      const columns = ['Rank', 'Score', 'Selected', 'ID', 'Name', 'Type', 'Status', 'Flags'];
      const cell = (r: readonly unknown[], h: string): string => {
        const v = col(h) >= 0 ? r[col(h)] : '';
        return h === 'Selected' ? (v === true ? 'yes' : '') : text(v);
      };
      console.log(
        table([columns, ...ranked.slice(0, 50).map((r) => columns.map((h) => cell(r, h)))]),
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
  if (!existsSync(dirname(output))) mkdirSync(dirname(output), { recursive: true });
  await workbook.toXlsx(output);
  console.log(
    `\nSaved the workbook to ${output} (open it in Google Sheets with File → Import, or in Excel).`,
  );
  return steps.every((s) => s.ok) && phased ? 0 : 1;
}

process.exitCode = await main();
