import { describe, expect, it } from 'vitest';
import sample from '../../src/data/sample-portfolio.json';
import { SALESFORCE_CAMPAIGN_LABELS, SALESFORCE_DEAL_HEADER } from '../crm-fixtures';
import { click, lastAlert, lastToast, records, world, type World } from './helpers';
import { iso, setProject, setSetting, today } from './governance-helpers';

const ACTUALS = [
  'Pipeline generated',
  'Revenue won',
  'Deals won',
  'Deals lost',
  'Actual cost',
  'Last update',
] as const;

/** Replaces (or creates) a sheet, values and formats, as File → Import → Replace current sheet does. */
function putSheet(w: World, name: string, rows: readonly (readonly unknown[])[]): void {
  const ss = w.byHand().getActiveSpreadsheet();
  const sheet = ss.getSheetByName(name) ?? ss.insertSheet(name);
  sheet.clear();
  const width = Math.max(...rows.map((r) => r.length));
  if (sheet.getMaxRows() < rows.length) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length);
  sheet
    .getRange(1, 1, rows.length, width)
    .setValues(rows.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? '')));
}

/** Actuals of one project, by header. */
function actualsOf(w: World, id: string): Record<string, unknown> {
  const p = records(w, 'Projects').find((x) => x.ID === id);
  if (!p) throw new Error(`no ${id}`);
  return Object.fromEntries(
    ACTUALS.map((h) => [h, h === 'Last update' && p[h] !== '' ? iso(p[h]) : p[h]]),
  );
}

const KPI_LABELS = [
  'Budget committed',
  'Budget available',
  'Budget remaining',
  'Budget used',
  'Expected revenue',
  'Risk-adjusted value',
  'Realised ROI',
  'Pipeline per unit cost',
  'Win rate',
  'Forecast accuracy',
  'Stale projects',
  'Overdue projects',
];

const SF_HEADER = [...SALESFORCE_DEAL_HEADER, 'Opportunity Currency'];

/**
 * Deals of three projects, one per way of matching: P01 by its CRM campaign (the sample's
 * "FY27 Q1 Enterprise ABM"), P22 by its ID, P02 by its Name written with other capitals and
 * spaces; one campaign no project has; one deal without an amount; one unreadable amount.
 */
interface TestDeal {
  id: string;
  amount: number | string;
  outcome: 'won' | 'lost' | 'open';
  close: string;
  created: string;
  campaign: string;
}
const DEALS: TestDeal[] = [
  {
    id: 'O1',
    amount: 10_000,
    outcome: 'won',
    close: '2027-02-10',
    created: '2027-01-05',
    campaign: 'FY27 Q1 Enterprise ABM',
  },
  {
    id: 'O2',
    amount: 20_000,
    outcome: 'lost',
    close: '2027-03-01',
    created: '2027-01-20',
    campaign: 'fy27  q1 enterprise abm',
  },
  {
    id: 'O3',
    amount: 5_000,
    outcome: 'open',
    close: '2027-06-30',
    created: '2027-02-14',
    campaign: 'FY27 Q1 Enterprise ABM',
  },
  {
    id: 'O4',
    amount: 7_500,
    outcome: 'won',
    close: '2027-04-02',
    created: '2027-03-03',
    campaign: 'P22',
  },
  {
    id: 'O5',
    amount: 3_000,
    outcome: 'won',
    close: '2027-05-09',
    created: '2027-03-15',
    campaign: 'emea MID-MARKET webinar  series',
  },
  {
    id: 'O6',
    amount: 4_000,
    outcome: 'lost',
    close: '2027-05-20',
    created: '2027-04-01',
    campaign: 'EMEA mid-market webinar series',
  },
  {
    id: 'O7',
    amount: 9_999,
    outcome: 'won',
    close: '2027-05-20',
    created: '2027-04-01',
    campaign: 'Website - Contact Us',
  },
  {
    id: 'O8',
    amount: 1_000,
    outcome: 'won',
    close: '2027-05-21',
    created: '2027-04-02',
    campaign: 'Website - Contact Us',
  },
  {
    id: 'O9',
    amount: '',
    outcome: 'won',
    close: '2027-05-22',
    created: '2027-04-03',
    campaign: 'P22',
  },
  {
    id: 'O10',
    amount: '12,5OO',
    outcome: 'won',
    close: '2027-05-23',
    created: '2027-04-04',
    campaign: 'P22',
  },
];
/** What the deals above give, as Import CRM actuals must write it. */
const EXPECTED = {
  P01: { 'Pipeline generated': 35_000, 'Revenue won': 10_000, 'Deals won': 1, 'Deals lost': 1 },
  P22: { 'Pipeline generated': 7_500, 'Revenue won': 7_500, 'Deals won': 2, 'Deals lost': 0 },
  P02: { 'Pipeline generated': 7_000, 'Revenue won': 3_000, 'Deals won': 1, 'Deals lost': 1 },
};

function salesforce(deals: readonly TestDeal[], currency = (_: number) => 'USD'): unknown[][] {
  return [
    SF_HEADER,
    ...deals.map((d, i) => [
      d.id,
      `Deal ${d.id}`,
      d.amount,
      d.outcome === 'won'
        ? 'Closed Won'
        : d.outcome === 'lost'
          ? 'Closed Lost'
          : 'Negotiation/Review',
      d.close,
      d.created,
      d.outcome === 'won' ? 1 : 0,
      d.outcome === 'open' ? 0 : 1,
      d.campaign,
      currency(i),
    ]),
  ];
}

function hubspot(deals: readonly TestDeal[]): unknown[][] {
  return [
    [
      'Record ID',
      'Deal Name',
      'Deal Stage',
      'Amount',
      'Close Date',
      'Create Date',
      'Pipeline',
      'Associated Campaign',
    ],
    ...deals.map((d) => [
      d.id,
      `Deal ${d.id}`,
      d.outcome === 'won' ? 'Closed Won' : d.outcome === 'lost' ? 'Closed Lost' : 'Contract sent',
      d.amount,
      `${d.close} 10:00`,
      d.created,
      'Sales Pipeline',
      d.campaign,
    ]),
  ];
}

function importDeals(rows: unknown[][]): World {
  const w = world({ sample: true });
  putSheet(w, 'CRM export', rows);
  click(w.ana, 'Import CRM actuals');
  return w;
}

function expectDealActuals(w: World): void {
  const day = today(w);
  for (const [id, want] of Object.entries(EXPECTED))
    expect(actualsOf(w, id), id).toMatchObject({ ...want, 'Last update': day });
}

describe('Import CRM actuals', () => {
  it('reads a Salesforce opportunity report: matches by CRM campaign, ID and Name; reports what it could not use', () => {
    const w = importDeals(salesforce(DEALS));
    expectDealActuals(w);
    // A project without deals keeps what was typed.
    const p07 = sample.projects.find((p) => p.id === 'P07')?.actuals;
    expect(actualsOf(w, 'P07')).toMatchObject({
      'Revenue won': p07?.revenueWon,
      'Last update': p07?.lastUpdate,
    });
    expect(lastToast(w.ana)).toMatch(
      /^Imported 7 deals into 3 projects from "CRM export" \(Salesforce opportunity report, 10 rows\): pipeline 49,500, won 20,500\. 1 campaign matched no project\. 1 cell unreadable\./,
    );
    const alert = lastAlert(w.ana)?.prompt ?? '';
    expect(alert).toContain('• Website - Contact Us: 2 rows, amount 10,999');
    expect(alert).toContain('1 deal without an Amount');
    expect(alert).toContain('CRM export, row 10, Amount (column C): is blank');
    expect(alert).toContain('CRM export, row 11, Amount (column C): "12,5OO" is not an amount');
    const log = records(w, 'Log').pop();
    expect(log?.Action).toBe('Import CRM actuals');
    expect(String(log?.['What changed'])).toMatch(/matched by CRM campaign 3, ID 2, Name 2/);
    expect(String(log?.['What changed'])).toContain('Revenue won 656,500 → 10,000');
    expect(String(log?.['What changed'])).toContain(
      'Unmatched: Website - Contact Us (2 rows, 10,999)',
    );
  });

  it('reads a HubSpot deals export of the same deals to the same numbers', () => {
    const w = importDeals(hubspot(DEALS));
    expectDealActuals(w);
    expect(lastToast(w.ana)).toContain('(HubSpot deals export, 10 rows)');
  });

  it('finds the header below a formatted report’s title rows', () => {
    const w = importDeals([
      ['Opportunities by campaign'],
      ['Filtered by: Close Date FY2027'],
      [],
      ...salesforce(DEALS),
    ]);
    expectDealActuals(w);
    expect(lastAlert(w.ana)?.prompt).toContain('CRM export, row 14, Amount (column C): "12,5OO"');
  });

  it('keeps the monthly pipeline and won revenue per project for the Dashboard', () => {
    const w = importDeals(salesforce(DEALS));
    const months = records(w, '_CRM actuals by month').filter((m) => m['Project ID'] === 'P01');
    expect(
      months.map((m) => [
        m.Month,
        m['Pipeline created'],
        m['Revenue won'],
        m['Deals won'],
        m['Deals lost'],
      ]),
    ).toEqual([
      ['2027-01', 30_000, 0, 0, 0],
      ['2027-02', 5_000, 10_000, 1, 0],
      ['2027-03', 0, 0, 0, 1],
    ]);
  });

  it('replaces the values on a second import (the same numbers), and Undo restores what was there', () => {
    const w = world({ sample: true });
    const before = actualsOf(w, 'P01');
    putSheet(w, 'CRM export', salesforce(DEALS));
    click(w.ana, 'Import CRM actuals');
    const first = JSON.stringify(records(w, 'Projects'));
    click(w.ana, 'Import CRM actuals');
    expect(JSON.stringify(records(w, 'Projects'))).toBe(first);
    expectDealActuals(w);
    click(w.ana, 'Undo last action');
    expectDealActuals(w);
    click(w.ana, 'Undo last action');
    expect(actualsOf(w, 'P01')).toEqual(before);
    expect(w.workbook.sheetNames()).not.toContain('_CRM actuals by month');
  });

  it('takes Actual cost from a Salesforce campaign report named in Settings → CRM sheet', () => {
    const w = world({ sample: true });
    putSheet(w, 'CRM export', salesforce(DEALS));
    putSheet(w, 'CRM campaigns', [
      [
        ...SALESFORCE_CAMPAIGN_LABELS.slice(0, 1),
        'Campaign ID',
        ...SALESFORCE_CAMPAIGN_LABELS.slice(1),
      ],
      ['FY27 Q1 Enterprise ABM', '7015g000001AbCd', 'USD 81,250', 90_000, 3, 1, 35_000, 10_000],
      ['Customer advisory board', '7015g000001AbCe', 12_000, 15_000, 1, 1, 7_500, 7_500],
      ['Trade show we skipped', '7015g000001AbCf', 4_000, 4_000, 0, 0, 0, 0],
    ]);
    setSetting(w, 'CRM sheet', 'CRM export; CRM campaigns');
    click(w.ana, 'Import CRM actuals');
    expectDealActuals(w);
    expect(actualsOf(w, 'P01')['Actual cost']).toBe(81_250);
    expect(actualsOf(w, 'P22')['Actual cost']).toBe(12_000); // matched by Name
    expect(lastAlert(w.ana)?.prompt).toContain('• Trade show we skipped: 1 row');
  });

  it('reads a campaign report alone: cost, pipeline, won revenue and deals won from its totals', () => {
    const w = world({ sample: true });
    setProject(w, 'P14', 'Deals lost', 2);
    putSheet(w, 'CRM export', [
      [
        'Campaign Name',
        'Actual Cost',
        'Num Total Opportunities',
        'Num Won Opportunities',
        'Total Value Opportunities',
        'Total Value Won Opportunities',
      ],
      ['SaaStr 2027 booth follow-up', 30_000, 12, 4, 240_000, 80_000],
      ['SaaStr Annual 2027', 45_000, 8, 2, 160_000, 50_000],
    ]);
    click(w.ana, 'Import CRM actuals');
    expect(actualsOf(w, 'P14')).toMatchObject({
      'Actual cost': 75_000,
      'Pipeline generated': 400_000,
      'Revenue won': 130_000,
      'Deals won': 6,
      'Deals lost': 2, // the report has no lost count: kept
      'Last update': today(w),
    });
    expect(lastToast(w.ana)).toMatch(
      /^Imported 2 campaign rows into 1 project .*Salesforce campaign report/,
    );
  });

  it('refuses mixed currencies and writes nothing', () => {
    const w = world({ sample: true });
    putSheet(
      w,
      'CRM export',
      salesforce(DEALS, (i) => (i === 3 ? 'EUR' : 'USD')),
    );
    const before = JSON.stringify(w.workbook.sheetValues('Projects'));
    w.ana.answerAlert('OK');
    w.ana.clickMenu('Portfolio Pilot', 'Import CRM actuals');
    const alert = lastAlert(w.ana);
    expect(alert?.title).toContain('Import CRM actuals did not run');
    expect(alert?.prompt).toContain('The export mixes currencies: USD (9 rows), EUR (1 row)');
    expect(JSON.stringify(w.workbook.sheetValues('Projects'))).toBe(before);
    expect(w.workbook.sheetNames()).not.toContain('_CRM actuals by month');
  });

  it('writes nothing for a layout it does not recognise, and lists the headers it expected', () => {
    const w = world({ sample: true });
    putSheet(w, 'CRM export', [
      ['Deal', 'Value', 'Status'],
      ['Big deal', 100, 'won'],
    ]);
    const before = JSON.stringify(w.workbook.sheetValues('Projects'));
    w.ana.answerAlert('OK');
    w.ana.clickMenu('Portfolio Pilot', 'Import CRM actuals');
    const prompt = lastAlert(w.ana)?.prompt ?? '';
    expect(prompt).toContain(
      '"CRM export", row 1: The header row is not one Portfolio Pilot recognises',
    );
    expect(prompt).toContain(
      'Salesforce opportunity report: Opportunity ID, Opportunity Name, Amount or Amount (converted), Stage, Close Date, Created Date, Won, Closed, Primary Campaign Source',
    );
    expect(prompt).toContain(
      'HubSpot deals export: Record ID, Deal Name, Amount or Amount in company currency, Deal Stage, Close Date, Create Date, Campaign',
    );
    expect(prompt).toContain(
      'Salesforce campaign report: Campaign Name or Campaign ID, Actual Cost',
    );
    expect(prompt).toContain('Nothing was changed.');
    expect(JSON.stringify(w.workbook.sheetValues('Projects'))).toBe(before);
  });

  it('says how to bring the export in when the CRM sheet is missing', () => {
    const w = world({ sample: true });
    setSetting(w, 'CRM sheet', 'Salesforce deals');
    w.ana.answerAlert('OK');
    w.ana.clickMenu('Portfolio Pilot', 'Import CRM actuals');
    expect(lastAlert(w.ana)?.prompt).toMatch(
      /^There is no "Salesforce deals" sheet to import\. .*File → Import → Upload → Insert new sheet/,
    );
  });

  it('imports the sample’s CRM export so every actual of its running campaigns comes from deals', () => {
    const w = world({ sample: true });
    expect(w.workbook.sheetValues('CRM export')).toHaveLength(504);
    click(w.ana, 'Import CRM actuals');
    expect(lastToast(w.ana)).toMatch(
      /^Imported \d+ deals into 5 projects from "CRM export" \(Salesforce opportunity report, 503 rows\)/,
    );
    // Load sample's typed actuals are what the deals give (scripts/sample-crm.ts computed them).
    for (const p of sample.projects.filter((x) => x.id === 'P01' || x.id === 'P28')) {
      const a = p.actuals;
      expect(actualsOf(w, p.id), p.id).toMatchObject({
        'Pipeline generated': a?.pipelineGenerated,
        'Revenue won': a?.revenueWon,
        'Deals won': a?.dealsWon,
        'Deals lost': a?.dealsLost,
      });
    }
    const alert = lastAlert(w.ana)?.prompt ?? '';
    expect(alert).toMatch(/3 campaigns matched no project/);
    expect(alert).toMatch(/• Website - Contact Us: \d+ rows/);
    expect(alert).toMatch(/• \(blank\): 4 rows/);
    expect(alert).toMatch(/"12,5OO" is not an amount/);
    expect(records(w, '_CRM actuals by month').length).toBeGreaterThan(20);
    // Every KPI tile of the Dashboard has a value (none reads "—").
    click(w.ana, 'Refresh dashboard');
    const tiles = w.workbook
      .sheetValues('Dashboard')
      .filter((r) => KPI_LABELS.includes(String(r[0])));
    expect(tiles.map((r) => r[0])).toEqual(KPI_LABELS);
    for (const r of tiles) expect(typeof r[1], String(r[0])).toBe('number');
    // Forecast accuracy per owner on real deals: Σ Revenue won ÷ Σ Expected revenue of Maya
    // Chen's projects with both (P01's revenue now comes from its deals).
    const mayas = records(w, 'Projects').filter(
      (p) => p.Owner === 'Maya Chen' && typeof p['Revenue won'] === 'number',
    );
    expect(mayas.map((p) => p.ID)).toContain('P01');
    const won = mayas.reduce((s, p) => s + Number(p['Revenue won']), 0);
    const expected = mayas.reduce((s, p) => s + Number(p['Expected revenue']), 0);
    const maya = w.workbook.sheetValues('Dashboard').find((r) => r[0] === 'Maya Chen');
    expect(maya?.slice(1, 4)).toEqual([won / expected, won, expected]);
    // The trend of actuals: a table of the months and a line chart reading them.
    const dash = w.workbook.sheetValues('Dashboard');
    const at = dash.findIndex((r) => String(r[0]).startsWith('Actuals by month'));
    expect(dash[at + 1]?.slice(0, 5)).toEqual([
      'Month',
      'Pipeline created',
      'Revenue won',
      'Deals won',
      'Deals lost',
    ]);
    const months = records(w, '_CRM actuals by month');
    const jan = months.filter((m) => m.Month === '2027-01');
    expect(dash[at + 2]?.slice(0, 3)).toEqual([
      '2027-01',
      jan.reduce((s, m) => s + Number(m['Pipeline created']), 0),
      jan.reduce((s, m) => s + Number(m['Revenue won']), 0),
    ]);
    const chart = w.workbook.charts('Dashboard').find((c) => c.ranges[0]?.includes('!AI1'));
    expect(chart?.type).toBe('LINE');
  });
});

describe('cost model: Import CRM actuals', () => {
  it('makes the same service calls for 100 and for 10,000 deals', () => {
    const calls = [100, 10_000].map((n) => {
      const deals = Array.from({ length: n }, (_, i) => ({
        ...(DEALS[i % 6] as TestDeal),
        id: `D${i}`,
      }));
      const w = importDeals(salesforce(deals));
      expect(actualsOf(w, 'P01')['Deals won']).toBe(Math.ceil(n / 6));
      return w.ana.lastCalls.snapshot();
    });
    expect(calls[1]).toEqual(calls[0]);
    expect(Object.values(calls[0] ?? {}).reduce((a, b) => a + b, 0)).toBeLessThan(120);
  }, 120_000);
});
