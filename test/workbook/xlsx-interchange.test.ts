/**
 * Excel interchange (issue 12, item 7): every sheet the add-on makes survives .xlsx and back;
 * the snapshot sheet has a name Excel accepts; a workbook whose snapshots are still in a sheet
 * named "History" (the old name, which Excel reserves) keeps working and can be saved.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../emulator/spreadsheet';
import { ui } from '../ui/helpers';
import { sampleRequest } from '../ui/helpers';
import { click, lastToast, records, world, type World } from './helpers';

/** Runs every action that makes a sheet, as the add-on would on a real workbook. */
function everything(): World {
  const w = world({ sample: true });
  for (const c of [
    'Score & rank',
    'Check capacity',
    'Find overlaps',
    'Optimise portfolio',
    'Snapshot',
    'Prepare review',
    'Refresh dashboard',
  ])
    click(w.ana, c);
  ui(w.ana, 'intake.submit', sampleRequest());
  ui(w.ana, 'intake-review.accept', { id: 'R-0001' });
  return w;
}

/** Every cell of every sheet, as plain text (dates as ISO), for comparing two workbooks. */
function content(wb: Workbook): Record<string, string[][]> {
  return Object.fromEntries(
    wb
      .sheetNames()
      .map((n) => [
        n,
        wb
          .sheetValues(n)
          .map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : String(v)))),
      ]),
  );
}

describe('Excel interchange', () => {
  it(
    'names the snapshot sheet so that Excel accepts it, and round-trips every sheet the add-on makes',
    { timeout: 120_000 },
    async () => {
      const w = everything();
      const names = w.workbook.sheetNames();
      expect(names).toContain('Snapshots');
      expect(names).not.toContain('History');
      for (const n of ['Scenarios', 'Decisions', 'Intake', 'Review', 'Dashboard', 'Frontier'])
        expect(names).toContain(n);
      const bytes = await w.workbook.toXlsxBuffer();
      // Excel's own rules, as exceljs enforces them, accept every name.
      const x = new ExcelJS.Workbook();
      await x.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      expect(x.worksheets.map((s) => s.name)).toEqual(names);
      const back = await Workbook.fromXlsx(bytes);
      expect(back.sheetNames()).toEqual(names);
      expect(content(back)).toEqual(content(w.workbook));
    },
  );

  it('keeps an older workbook with a "History" sheet working: saved, reopened, then renamed', async () => {
    const w = world({ sample: true });
    click(w.ana, 'Score & rank');
    click(w.ana, 'Snapshot');
    // The workbook as an older version left it: the snapshots in a sheet named History.
    w.byHand().getActiveSpreadsheet().getSheetByName('Snapshots')?.setName('History');
    const old = records(w, 'History');
    // The dashboard still finds the snapshots under the old name.
    click(w.ana, 'Refresh dashboard');
    expect(lastToast(w.ana)).not.toMatch(/no snapshot yet/);
    // Saved as .xlsx (exceljs refused "History") and opened again (as an export from Sheets).
    const bytes = await w.workbook.toXlsxBuffer();
    const back = await Workbook.fromXlsx(bytes);
    expect(back.sheetNames()).toContain('Snapshots');
    expect(back.sheetValues('Snapshots').length).toBe(old.length + 1);
    // The next snapshot renames the sheet and says so; nothing in it is lost.
    click(w.ana, 'Snapshot');
    expect(w.workbook.sheetNames()).not.toContain('History');
    expect(records(w, 'Snapshots')).toHaveLength(old.length);
    expect(lastToast(w.ana)).toContain(
      'The History sheet is now called Snapshots: Excel reserves the name History',
    );
  });

  it('opens a file that has a "History" sheet (as Google Sheets exports it)', async () => {
    const w = world({ sample: true });
    click(w.ana, 'Snapshot');
    w.byHand().getActiveSpreadsheet().getSheetByName('Snapshots')?.setName('History');
    // A file where the sheet really is called History: renamed in the zip, as exceljs cannot.
    const bytes = await w.workbook.toXlsxBuffer();
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(bytes);
    const xml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    zip.file('xl/workbook.xml', xml.replace('name="Snapshots"', 'name="History"'));
    const file = await zip.generateAsync({ type: 'nodebuffer' });
    const back = await Workbook.fromXlsx(file);
    expect(back.sheetNames()).toContain('Snapshots');
    expect(back.sheetValues('Snapshots')).toEqual(w.workbook.sheetValues('History'));
  });
});
