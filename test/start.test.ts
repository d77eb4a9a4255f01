import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  });
}

const md5 = (p: string): string => createHash('md5').update(readFileSync(p)).digest('hex');

describe('npm start', () => {
  it('runs the menu actions on the sample, prints the ranked table and over-allocations, saves out/portfolio.xlsx', async () => {
    const out = start();
    for (const step of [
      'Set up workbook',
      'Load sample portfolio',
      'Score & rank',
      'Check capacity',
      'Find overlaps',
      'Optimise portfolio',
    ]) {
      expect(out).toContain(`✓ ${step}:`);
    }
    expect(out).toMatch(/Rank\s+Score\s+Selected\s+ID\s+Name/);
    expect(out).toMatch(/\n\s+1\s+\d+\.\d\s+(yes)?\s+P01\s+Q1 enterprise ABM campaign/);
    expect(out).toMatch(
      /Over-allocations of the approved plan \(Approved and Active projects\): \d+\nSkill\s+Month/,
    );
    expect(out).toMatch(
      /Over-allocations once Optimise portfolio has chosen \(Active and Selected projects\): none/,
    );
    const saved = join(ROOT, 'out', 'portfolio.xlsx');
    expect(existsSync(saved)).toBe(true);
    const wb = await Workbook.fromXlsx(saved);
    expect(wb.sheetNames()).toEqual(
      expect.arrayContaining(['Projects', 'Utilization', 'Overlaps', 'Log']),
    );
    expect((wb.sheetValues('Projects')[0] ?? []).indexOf('Score')).toBeGreaterThan(0);
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
