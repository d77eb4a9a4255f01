import { describe, expect, it } from 'vitest';
import sampleJson from '../../../src/data/sample-portfolio.json';
import { crmActuals, type ProjectRef } from '../../../src/core/crm/actuals';
import { LAYOUTS, recognise } from '../../../src/core/crm/layouts';
import { findHeaderRow, parseCrmRows, type Deal } from '../../../src/core/crm/rows';
import { readAmount, readDate, readFlag, stageOutcome } from '../../../src/core/crm/values';
import { parseCsv } from '../../../src/core/csv';
import { SALESFORCE_CAMPAIGN_LABELS, SALESFORCE_DEAL_HEADER } from '../../crm-fixtures';
import {
  parseSample,
  sampleCapacity,
  sampleCrmExport,
  sampleDemand,
  sampleProjects,
} from '../../../src/core/sample-portfolio';

const utc = (d: Date): string => d.toISOString().slice(0, 10);

describe('reading CRM cells', () => {
  it('reads amounts as exports write them, with their currency', () => {
    expect(readAmount(12500)).toEqual({ ok: true, value: { amount: 12500, currency: null } });
    for (const [text, amount, currency] of [
      ['12,500.50', 12500.5, null],
      ['$12,500', 12500, 'USD'],
      ['USD 12,500', 12500, 'USD'],
      ['12 500 EUR', 12500, 'EUR'],
      ['€3,000', 3000, 'EUR'],
    ] as const)
      expect(readAmount(text), text).toEqual({ ok: true, value: { amount, currency } });
    expect(readAmount('  ')).toEqual({ ok: true, value: null });
    for (const bad of ['12,5OO', 'n/a', 'USD 5 EUR', '1e999', '-5'])
      expect(readAmount(bad).ok, bad).toBe(false);
    expect(readAmount(-3).ok).toBe(false);
    expect(readAmount(Number.POSITIVE_INFINITY).ok).toBe(false);
  });

  it('reads dates as Date cells, ISO text with or without a time, or US text; nothing else', () => {
    expect(readDate(new Date(Date.UTC(2027, 2, 15)), utc)).toEqual({
      ok: true,
      value: '2027-03-15',
    });
    expect(readDate('2027-03-15 10:30', utc)).toEqual({ ok: true, value: '2027-03-15' });
    expect(readDate('3/15/2027', utc)).toEqual({ ok: true, value: '2027-03-15' });
    expect(readDate('', utc)).toEqual({ ok: true, value: null });
    for (const bad of ['2027-02-30', '15/03/2027', 'soon', 45000])
      expect(readDate(bad, utc).ok, String(bad)).toBe(false);
  });

  it('reads won/closed flags and deal stages', () => {
    expect([true, 1, '1', 'TRUE', 'yes'].map((v) => readFlag(v))).toEqual(
      Array(5).fill({ ok: true, value: true }),
    );
    expect([false, 0, '0', 'False', 'No'].map((v) => readFlag(v))).toEqual(
      Array(5).fill({ ok: true, value: false }),
    );
    expect(readFlag('maybe').ok).toBe(false);
    expect(
      [
        'Closed Won',
        'closedwon',
        'Closed Won (Renewals)',
        'Closed Lost',
        'closedlost',
        'Negotiation',
      ].map(stageOutcome),
    ).toEqual(['won', 'won', 'won', 'lost', 'lost', 'open']);
  });
});

describe('CRM layouts', () => {
  it('recognises each layout by its header, by the label or any documented alias', () => {
    for (const layout of LAYOUTS) {
      const required = layout.fields.filter((f) => f.required);
      const byHeader = [
        ...required.map((f) => f.header),
        ...(layout.anyOf ?? []).map((g) => layout.fields.find((f) => f.key === g[0])?.header),
      ];
      expect(recognise(byHeader)?.layout.kind, layout.kind).toBe(layout.kind);
      for (const f of required)
        for (const alias of f.aliases) {
          const header = byHeader.map((h) => (h === f.header ? ` ${alias.toUpperCase()} ` : h));
          expect(recognise(header)?.layout.kind, `${layout.kind}: ${alias}`).toBe(layout.kind);
        }
    }
  });

  it('accepts the Salesforce campaign field labels of the current and older releases', () => {
    const current = [...SALESFORCE_CAMPAIGN_LABELS];
    const older = [
      'Campaign ID',
      'Actual Cost',
      'Budgeted Cost',
      'Num Total Opportunities',
      'Num Won Opportunities',
      'Total Value Opportunities',
      'Total Value Won Opportunities',
    ];
    for (const header of [current, older]) {
      const r = recognise(header);
      expect(r?.layout.kind).toBe('salesforce-campaigns');
      expect(r?.columns.size).toBe(7);
    }
  });

  it('finds the header under a formatted report’s title rows', () => {
    expect(
      findHeaderRow([
        ['Report'],
        [''],
        ['Record ID', 'Deal Name', 'Amount', 'Deal Stage', 'Close Date', 'Create Date', 'Campaign'],
      ]),
    ).toBe(2);
    expect(findHeaderRow([['nothing']])).toBe(0);
  });
});

const deal = (campaign: string, amount: number | null, outcome: Deal['outcome'], i = 0): Deal => ({
  index: i,
  id: `D${i}`,
  name: '',
  campaign,
  amount,
  outcome,
  closeDate: '2027-03-10',
  createdDate: '2027-01-10',
  owner: '',
});

describe('crmActuals', () => {
  const projects: ProjectRef[] = [
    { id: 'P1', name: 'Spring ABM', crmCampaign: '' },
    { id: 'P2', name: 'Webinars', crmCampaign: 'Spring ABM; 7015g000001' },
    { id: 'Webinars', name: 'Tooling', crmCampaign: '' },
  ];

  it('matches by CRM campaign before ID before Name, ignoring case and spaces', () => {
    const r = crmActuals(projects, {
      deals: [
        deal('spring  ABM', 100, 'won'), // P2's CRM campaign, although P1 has that Name
        deal('7015G000001', 50, 'lost'), // P2 by its second campaign
        deal('webinars', 10, 'open'), // the third project's ID, although P2 has that Name
        deal('P1', 5, 'won'), // P1 by ID
        deal('Nobody', 7, 'won'),
        deal('', null, 'won'),
      ],
    });
    expect(
      r.projects.map((p) => [
        p.project,
        p.pipelineGenerated,
        p.revenueWon,
        p.dealsWon,
        p.dealsLost,
      ]),
    ).toEqual([
      [0, 5, 5, 1, 0],
      [1, 150, 100, 1, 1],
      [2, 10, 0, 0, 0],
    ]);
    expect(r.matchedBy).toEqual({ campaign: 2, id: 2, name: 0 });
    expect(r.unmatched).toEqual([
      { campaign: 'Nobody', rows: 1, amount: 7 },
      { campaign: '(blank)', rows: 1, amount: 0 },
    ]);
  });

  it('gives a campaign claimed by two projects to the first, and says so', () => {
    const r = crmActuals(
      [
        { id: 'A', name: 'a', crmCampaign: 'X' },
        { id: 'B', name: 'b', crmCampaign: 'x' },
      ],
      { deals: [deal('X', 1, 'won')] },
    );
    expect(r.projects.map((p) => p.project)).toEqual([0]);
    expect(r.ambiguous).toEqual([{ campaign: 'x', projects: ['A', 'B'] }]);
  });

  it('is the same on every run over the same rows (replace, not add)', () => {
    const input = { deals: [deal('Spring ABM', 100, 'won'), deal('P1', 5, 'lost')] };
    expect(crmActuals(projects, input)).toEqual(crmActuals(projects, input));
  });
});

describe('parseCrmRows', () => {
  it('leaves out a row with an unreadable cell, naming its row and column', () => {
    const r = parseCrmRows(
      [
        ['Record ID', 'Deal Name', 'Amount', 'Deal Stage', 'Close Date', 'Create Date', 'Campaign'],
        [1, 'a', 'ten', 'Closed Won', '2027-01-01', '2027-01-01', 'X'],
        [2, 'b', 10, 'Closed Won', 'someday', '2027-01-01', 'X'],
        [3, 'c', 10, 'Closed Won', '2027-01-01', '2027-01-01', 'X'],
      ],
      { dateKey: utc },
    );
    expect(r.rows === 'deals' && r.deals.map((d) => d.id)).toEqual(['3']);
    expect(r.problems.map((p) => [p.index, p.column, p.col, p.value])).toEqual([
      [0, 'Amount', 2, 'ten'],
      [1, 'Close Date', 4, 'someday'],
    ]);
  });
});

describe('currencies', () => {
  const header = [
    ...SALESFORCE_DEAL_HEADER.slice(0, 3),
    'Amount (converted)',
    'Opportunity Currency',
    ...SALESFORCE_DEAL_HEADER.slice(3),
  ];
  const row = (amount: number, converted: number, currency: string): unknown[] => [
    'O',
    'n',
    amount,
    converted,
    currency,
    'Closed Won',
    '2027-01-02',
    '2027-01-01',
    1,
    1,
    'X',
  ];

  it('sums the converted amounts of a multi-currency report, and refuses mixed plain amounts', () => {
    const r = parseCrmRows([header, row(100, 110, 'EUR'), row(200, 200, 'USD')] as never, {
      dateKey: utc,
    });
    expect(r.rows === 'deals' && r.deals.map((d) => d.amount)).toEqual([110, 200]);
    const plain = header.filter((h) => h !== 'Amount (converted)');
    const rows = [row(100, 0, 'EUR'), row(200, 0, 'USD')].map((x) => x.filter((_, i) => i !== 3));
    expect(() => parseCrmRows([plain, ...rows] as never, { dateKey: utc })).toThrow(
      /mixes currencies: EUR \(1 row\), USD \(1 row\).*"Amount \(converted\)" in Salesforce/,
    );
  });
});

describe('CSV', () => {
  it('reads quoted fields, doubled quotes, CRLF and a byte-order mark', () => {
    expect(parseCsv('\ufeffa,"b, c","say ""hi"""\r\n1,,"x\ny"\n')).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['1', '', 'x\ny'],
    ]);
    expect(parseCsv('a,b')).toEqual([['a', 'b']]);
  });
});

describe('the sample data files', () => {
  it('load and validate: 42 projects, capacity, demand and about 500 deals', () => {
    expect(sampleProjects()).toHaveLength(42);
    expect(sampleCapacity()).toHaveLength(8);
    expect(sampleDemand().length).toBeGreaterThan(100);
    const csv = sampleCrmExport();
    expect(csv.length - 1).toBeGreaterThanOrEqual(450);
    expect(csv.length - 1).toBeLessThanOrEqual(550);
    expect(recognise(csv[0] ?? [])?.layout.kind).toBe('salesforce-opportunities');
  });

  it('gives every Active and Done project its actuals', () => {
    const running = sampleProjects().filter((p) => p.status === 'Active' || p.status === 'Done');
    expect(running.length).toBeGreaterThan(0);
    for (const p of running) expect(p.actuals, p.id).toBeDefined();
  });

  it('refuses a broken data file, naming the path at fault', () => {
    const broken = structuredClone(sampleJson) as {
      projects: { confidence: unknown; dependsOn: string[] }[];
    };
    (broken.projects[3] as { confidence: unknown }).confidence = 'high';
    expect(() => parseSample(broken)).toThrow(/projects\.3\.confidence/);
    const dangling = structuredClone(sampleJson) as { projects: { dependsOn: string[] }[] };
    (dangling.projects[0] as { dependsOn: string[] }).dependsOn = ['P99'];
    expect(() => parseSample(dangling)).toThrow(/P01 refers to unknown P99/);
  });
});
