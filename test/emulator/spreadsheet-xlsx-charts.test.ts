import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createChartsService, Workbook } from '../../emulator/spreadsheet';
import { context, fresh, OWNER } from './spreadsheet-helpers';

const PNG_SIGNATURE = '89504e470d0a1a0a';

/** A Data sheet with a line, a pie and a bubble chart on a Charts sheet, as the add-on builds them. */
function withCharts(): Workbook {
  const { wb, ss } = fresh();
  const Charts = createChartsService(context());
  const data = ss.getSheetByName('Sheet1')!.setName('Data');
  data.getRange('A1:E4').setValues([
    ['ID', 'Cost', 'Score', 'Type', 'Expected revenue'],
    ['P1', 100000, 80, 'Campaign', 400000],
    ['P2', 50000, 60, 'Tooling', 100000],
    ['P3', 75000, 70, 'Campaign', 250000],
  ]);
  const charts = ss.insertSheet('Charts');
  charts.setColumnWidth(2, 150);
  const chart = (type: GoogleAppsScript.Charts.ChartType, a1: string, row: number, col: number) =>
    charts.insertChart(
      charts
        .newChart()
        .setChartType(type)
        .addRange(data.getRange(a1))
        .setNumHeaders(1)
        .setPosition(row, col, 0, 0)
        .setOption('title', String(type))
        .setOption('width', 400)
        .setOption('height', 250)
        .build(),
    );
  chart(Charts.ChartType.LINE, 'B1:C4', 2, 2);
  chart(Charts.ChartType.PIE, 'D1:E4', 20, 2);
  chart(Charts.ChartType.BUBBLE, 'A1:E4', 2, 9);
  return wb;
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const x = new ExcelJS.Workbook();
  await x.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return x;
}

describe('xlsx: charts as pictures, the tab a file opens on, a History sheet', () => {
  it('draws each chart as a PNG where it sits, at its size, when asked', async () => {
    const x = await load(await withCharts().toXlsxBuffer({ chartImages: true }));
    const images = x.getWorksheet('Charts')!.getImages();
    expect(images).toHaveLength(3);
    const at = images.map((i) => [i.range.tl.nativeRow, i.range.tl.nativeCol]);
    expect(at).toEqual([
      [1, 1],
      [19, 1],
      [1, 8],
    ]);
    for (const image of images) {
      const media = x.getImage(Number(image.imageId));
      const bytes = Buffer.from(media.buffer as unknown as Uint8Array);
      expect(bytes.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
      // Drawn at twice the chart's 400 × 250 px.
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([800, 500]);
      expect((image.range as unknown as { ext: unknown }).ext).toEqual({ width: 400, height: 250 });
    }
    expect(x.getWorksheet('Data')!.getImages()).toHaveLength(0);
  }, 60_000);

  it('leaves charts out by default', async () => {
    const x = await load(await withCharts().toXlsxBuffer());
    expect(x.getWorksheet('Charts')!.getImages()).toHaveLength(0);
  });

  it("opens on the owner's active sheet, and reading it back makes that sheet active", async () => {
    const wb = withCharts();
    wb.select(OWNER, wb.sheet('Charts'), { r1: 1, c1: 1, r2: 1, c2: 1 });
    const buffer = await wb.toXlsxBuffer();
    expect((await load(buffer)).views[0]?.activeTab).toBe(1);
    expect((await Workbook.fromXlsx(buffer, { owner: OWNER })).selection(OWNER).sheet).toBe(
      'Charts',
    );
  });

  it('saves a sheet named History as Snapshots (Excel reserves the name; Sheets allows it)', async () => {
    const { wb, ss } = fresh();
    ss.insertSheet('History')
      .getRange('A1:B2')
      .setValues([
        ['Date', 'ID'],
        ['2027-01-04', 'P1'],
      ]);
    const back = await Workbook.fromXlsx(await wb.toXlsxBuffer());
    expect(back.sheetNames()).toEqual(['Sheet1', 'Snapshots']);
    expect(back.sheetValues('Snapshots')[1]?.[1]).toBe('P1');
  });
});
