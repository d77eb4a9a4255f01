import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../emulator/bundle';
import { Workbook } from '../emulator';

const tsx = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'pp-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(...args: string[]): string {
  return execFileSync(tsx, [join(ROOT, 'scripts/start.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // The sample run includes a second Optimise portfolio that chooses start months.
    timeout: 300_000,
    // stderr is captured (and checked where a test expects it), not printed into the test run.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const md5 = (p: string): string => createHash('md5').update(readFileSync(p)).digest('hex');

describe('npm start', () => {
  it('runs the menu actions on the sample, prints the ranked table and over-allocations, saves out/portfolio.xlsx', async () => {
    const out = start();
    for (const step of [
      'Set up workbook',
      'Load sample portfolio',
      'Import CRM actuals',
      'Score & rank',
      'Check capacity',
      'Find overlaps',
      'Optimise portfolio',
      'Refresh dashboard',
      'Prepare review',
    ]) {
      expect(out).toContain(`✓ ${step}:`);
    }
    expect(out).toMatch(/Rank\s+Score\s+Selected\s+ID\s+Name/);
    expect(out).toMatch(/\n\s+=1\s+\d+\.\d\d\s+(yes)?\s+P01\s+Q1 enterprise ABM campaign/);
    // Scores print with one number of decimals, and a shared rank as "=12" on each of its rows.
    expect(out).toContain('Ranked projects (41; "=" marks a shared rank):');
    const rows = [...out.matchAll(/^\s+(=?)(\d+)\s+(\d+\.?\d*)\s+(?:yes\s+)?P\d\d\s/gm)];
    expect(rows).toHaveLength(41);
    expect(new Set(rows.map((m) => m[3]?.split('.')[1]?.length ?? 0))).toEqual(new Set([2]));
    const count = (rank: string): number => rows.filter((m) => m[2] === rank).length;
    for (const m of rows) expect(m[1] === '=').toBe(count(m[2] ?? '') > 1);
    expect(out).toMatch(
      /Over-allocations of the approved plan \(Approved and Active projects\): \d+\nSkill\s+Month/,
    );
    expect(out).toMatch(
      /Over-allocations once Optimise portfolio has chosen \(Active and Selected projects\): none/,
    );
    const saved = join(ROOT, 'out', 'portfolio.xlsx');
    expect(existsSync(saved)).toBe(true);
    const wb = await Workbook.fromXlsx(saved, { owner: 'sales.ops@example.com' });
    expect(wb.sheetNames()).toEqual(
      expect.arrayContaining([
        'Projects',
        'Utilization',
        'Overlaps',
        'Frontier',
        'Dashboard',
        'Snapshots',
        'Review',
        'Log',
      ]),
    );
    // No empty Sheet1; the file opens on Projects.
    expect(wb.sheetNames()).not.toContain('Sheet1');
    expect(wb.selection('sales.ops@example.com').sheet).toBe('Projects');
    expect((wb.sheetValues('Projects')[0] ?? []).indexOf('Score')).toBeGreaterThan(0);
    // The actuals of the sample's running campaigns come from its CRM export's deals.
    expect(out).toMatch(
      /✓ Import CRM actuals: Imported \d+ deals into 5 projects from "CRM export"/,
    );
    const [header = [], ...projects] = wb.sheetValues('Projects');
    const won = projects.filter((r) => typeof r[header.indexOf('Revenue won')] === 'number');
    expect(won.length).toBeGreaterThanOrEqual(5);
    expect(wb.sheetNames()).toContain('CRM export');
    // Every chart the add-on drew is a picture where it sits: Frontier's and the Dashboard's five.
    const x = new ExcelJS.Workbook();
    await x.xlsx.load(readFileSync(saved) as unknown as ExcelJS.Buffer);
    const pictures = (sheet: string) =>
      x.worksheets
        .find((w) => w.name === sheet)
        ?.getImages()
        .map((i) => [i.range.tl.nativeRow + 1, i.range.tl.nativeCol + 1]);
    expect(pictures('Frontier')).toEqual([[2, 7]]);
    // The Dashboard's five charts and, after the CRM import, the actuals by month.
    expect(pictures('Dashboard')).toHaveLength(6);
    // The owned sheets read whole: widths set, headers frozen.
    for (const sheet of ['Utilization', 'Overlaps', 'Frontier', 'Scenarios', 'Dashboard']) {
      const info = wb.sheetInfo(sheet);
      // Widths other than Sheets' default 100 px are set (the default ones are not stored).
      expect(Object.keys(info.columnWidths).length, sheet).toBeGreaterThan(1);
      if (sheet !== 'Dashboard') expect(info.frozenRows, sheet).toBeGreaterThan(0);
    }
    expect(wb.sheetInfo('Utilization').columnWidths[1]).toBeGreaterThanOrEqual(150);
    // Time-phased planning on the sample: what moved, the value gained, the capacity to add.
    expect(out).toMatch(
      /Time-phased planning: Latest start = Start \+ 3 months for the \d+ Proposed projects/,
    );
    expect(out).toMatch(
      /\nMoved \(\d+\):\n {2}P\d+ .*: starts \d{4}-\d{2}, \d+ months? after its Start: /,
    );
    expect(out).toMatch(
      /\nValue: [\d.]+ with chosen starts vs [\d.]+ in or out alone \(\+[\d.]+, [\d.]+%\)\./,
    );
    expect(out).toContain('Capacity to add (Utilization sheet): ');
  }, 360_000);

  it("runs on the user's workbook, writes my.scored.xlsx beside it and never touches the input", async () => {
    const input = join(dir, 'my.xlsx');
    copyFileSync(join(ROOT, 'out', 'portfolio.xlsx'), input);
    const before = md5(input);
    const out = start(input);
    expect(out).toContain('✓ Score & rank: Scored 42 projects');
    expect(out).not.toContain('Load sample portfolio');
    expect(md5(input)).toBe(before);
    const scored = await Workbook.fromXlsx(join(dir, 'my.scored.xlsx'));
    expect(scored.sheetValues('Log').length).toBeGreaterThan(6);
  }, 180_000);

  it('says in one line which file it cannot open, without a stack trace, and exits with 1', () => {
    const missing = join(dir, 'no such file.xlsx');
    let failure: { status: number | null; stderr: string } | undefined;
    try {
      start(missing);
    } catch (e) {
      failure = e as { status: number | null; stderr: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr.trim()).toBe(
      `Cannot open ${missing}: File not found: ${missing}. Give the path of an .xlsx file (from Excel, or from Google Sheets with File → Download → Microsoft Excel (.xlsx)).`,
    );
  }, 60_000);
});
