/**
 * npm run screenshots: regenerates the README's pictures in docs/images/, so they show what the
 * code does today.
 *
 * - The workbook: runs `npm start` (the sample through every menu action), then prints chosen
 *   sheets of out/portfolio.xlsx one page each, with LibreOffice headless to PDF and pdftoppm to
 *   PNG: docs/images/workbook-<sheet>.png.
 * - The sidebars and dialogs: runs the browser tests (test/browser), which save their
 *   screenshots; the ones the README shows are copied to docs/images/<name>.png.
 *
 * It installs nothing. It needs, from Debian: libreoffice-calc (soffice), poppler-utils
 * (pdftoppm) and chromium (/usr/bin/chromium), plus a sans-serif font (fonts-liberation or
 * fonts-dejavu-core, which libreoffice-calc brings) for the charts' text:
 *   apt-get install libreoffice-calc poppler-utils chromium
 *
 * `npm run screenshots -- workbook` (or `-- ui`) makes only one half.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ROOT } from '../emulator/bundle';

const IMAGES = join(ROOT, 'docs', 'images');
const WORKBOOK = join(ROOT, 'out', 'portfolio.xlsx');
const CHROMIUM = '/usr/bin/chromium';

/**
 * The pages shown: a sheet's first rows, its columns up to `to` (A1), or only the columns under
 * the headers listed in `headers` (row 1), the others hidden.
 */
interface WorkbookPage {
  readonly sheet: string;
  readonly rows: number;
  readonly to?: string;
  readonly headers?: readonly string[];
}

export const WORKBOOK_PAGES: readonly WorkbookPage[] = [
  {
    sheet: 'Projects',
    rows: 22,
    headers: ['ID', 'Name', 'Type', 'Owner', 'Status', 'Start', 'End', 'Cost', 'Expected revenue'],
  },
  {
    sheet: 'Projects',
    rows: 22,
    headers: ['ID', 'Name', 'Status', 'Cost', 'Score', 'Rank', 'Selected', 'Why'],
  },
  { sheet: 'Dashboard', rows: 50, to: 'P' },
  { sheet: 'Utilization', rows: 14, to: 'P' },
  { sheet: 'Overlaps', rows: 12, to: 'K' },
  { sheet: 'Frontier', rows: 22, to: 'O' },
  { sheet: 'Review', rows: 24, to: 'E' },
  { sheet: 'Criteria', rows: 7, to: 'H' },
];

/** The browser tests' screenshots the README shows. */
export const UI_SHOTS: readonly string[] = [
  'scoring-model',
  'scoring-model-pairwise',
  'scenarios-run',
  'scenarios-compare',
  'intake-filled',
  'intake-review',
  'record-decision',
  'explain-score',
];

function missingTools(): string[] {
  const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
  return [
    ...(has('soffice') ? [] : ['soffice (Debian package libreoffice-calc)']),
    ...(has('pdftoppm') ? [] : ['pdftoppm (Debian package poppler-utils)']),
    ...(existsSync(CHROMIUM) ? [] : [`${CHROMIUM} (Debian package chromium)`]),
  ];
}

/** The file name of a page: workbook-projects.png, workbook-projects-2.png … */
function pageName(sheet: string, index: number): string {
  const base = `workbook-${sheet.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const before = WORKBOOK_PAGES.slice(0, index).filter((p) => p.sheet === sheet).length;
  return before ? `${base}-${before + 1}` : base;
}

/** One .xlsx per page: only that sheet, its chosen cells printed on one landscape page. */
async function printPage(work: string, page: WorkbookPage, name: string): Promise<void> {
  const x = new ExcelJS.Workbook();
  await x.xlsx.readFile(WORKBOOK);
  const target = x.getWorksheet(page.sheet);
  if (!target) throw new Error(`out/portfolio.xlsx has no sheet "${page.sheet}".`);
  // LibreOffice prints every sheet (hidden ones too): keep only this one. Its values are the
  // saved ones, since LibreOffice does not recalculate an .xlsx on load.
  for (const ws of [...x.worksheets]) if (ws !== target) x.removeWorksheet(ws.id);
  target.state = 'visible';
  let last = page.to ?? 'A';
  if (page.headers) {
    const header = (target.getRow(1).values as unknown[]).map((v) =>
      typeof v === 'string' ? v : '',
    );
    const keep = new Set(page.headers);
    for (let c = 1; c < header.length; c++)
      if (!keep.has(header[c] ?? '')) target.getColumn(c).hidden = true;
    last = target.getColumn(header.length - 1).letter;
  }
  // LibreOffice shows a TRUE it reads from .xlsx as 1 unless the cell says how (Sheets and
  // Excel show TRUE): give booleans a format that reads TRUE / FALSE.
  target.eachRow((row) => {
    row.eachCell((cell) => {
      if (typeof cell.value === 'boolean') cell.numFmt = '"TRUE";"TRUE";"FALSE"';
    });
  });
  // No frozen panes in print; the gridlines and the sheet's own widths stay.
  target.views = [{ state: 'normal', showGridLines: true }];
  target.pageSetup = {
    ...target.pageSetup,
    // Rows absolute too ("A$1:N$25"), or exceljs writes "$A1:$N25", which LibreOffice ignores.
    printArea: `A$1:${last}$${page.rows}`,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 1,
    showGridLines: true,
    horizontalCentered: false,
    verticalCentered: false,
    margins: { left: 0.2, right: 0.2, top: 0.2, bottom: 0.2, header: 0, footer: 0 },
  };
  x.views = [{ ...x.views[0], activeTab: 0 } as ExcelJS.WorkbookView];
  const file = join(work, `${name}.xlsx`);
  await x.xlsx.writeFile(file);
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, file], {
    stdio: 'ignore',
    timeout: 120_000,
  });
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '110',
    '-singlefile',
    '-f',
    '1',
    join(work, `${name}.pdf`),
    join(IMAGES, name),
  ]);
}

async function main(): Promise<number> {
  const only = process.argv[2];
  const missing = missingTools();
  if (missing.length) {
    console.error(
      `npm run screenshots needs ${missing.join(', ')}. Install them with: apt-get install libreoffice-calc poppler-utils chromium`,
    );
    return 1;
  }
  mkdirSync(IMAGES, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'pp-screenshots-'));
  try {
    if (only !== 'ui') await workbookPages(work);
    if (only !== 'workbook') uiShots(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return 0;
}

async function workbookPages(work: string): Promise<void> {
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  console.log('Running npm start (the sample through every menu action) …');
  execFileSync(tsx, [join(ROOT, 'scripts', 'start.ts')], { cwd: ROOT, stdio: 'ignore' });
  for (const [i, page] of WORKBOOK_PAGES.entries()) {
    const name = pageName(page.sheet, i);
    await printPage(work, page, name);
    console.log(`docs/images/${name}.png  (${page.sheet}, ${page.rows} rows)`);
  }
}

function uiShots(work: string): void {
  console.log('Running the browser tests (test/browser) for the sidebars and dialogs …');
  const shots = join(work, 'ui');
  execFileSync(join(ROOT, 'node_modules', '.bin', 'vitest'), ['run', 'test/browser'], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, PP_SCREENSHOTS: shots },
  });
  for (const name of UI_SHOTS) {
    const from = join(shots, `${name}.png`);
    if (!existsSync(from)) throw new Error(`The browser tests saved no ${name}.png.`);
    copyFileSync(from, join(IMAGES, `${name}.png`));
    console.log(`docs/images/${name}.png  (test/browser)`);
  }
}

process.exitCode = await main();
