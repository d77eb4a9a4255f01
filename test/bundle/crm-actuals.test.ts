import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundle, type LoadedBundle } from '../../emulator/bundle';
import { SALESFORCE_DEAL_HEADER } from '../crm-fixtures';

let bundle: LoadedBundle;
beforeAll(() => {
  bundle = loadBundle();
});

/** Calls CRM_ACTUALS in the bundle; returns its result or the Error's message. */
function crm(range: unknown[][], key: unknown): unknown {
  try {
    return bundle.call('CRM_ACTUALS', range, key);
  } catch (e) {
    expect(e).toBeInstanceOf(bundle.evaluate('Error') as ErrorConstructor);
    return (e as Error).message;
  }
}

const SALESFORCE = [
  [...SALESFORCE_DEAL_HEADER],
  [
    '006A',
    'Acme',
    10_000,
    'Closed Won',
    new Date(2027, 1, 10),
    new Date(2027, 0, 5),
    1,
    1,
    'Spring ABM',
  ],
  [
    '006B',
    'Globex',
    20_000,
    'Closed Lost',
    new Date(2027, 2, 1),
    new Date(2027, 0, 20),
    0,
    1,
    'spring  abm',
  ],
  [
    '006C',
    'Initech',
    '5,000',
    'Proposal/Price Quote',
    '2027-06-30',
    '2027-02-14',
    0,
    0,
    'Spring ABM',
  ],
  ['006D', 'Hooli', 7_500, 'Closed Won', '2027-04-02', '2027-03-03', true, true, 'Webinars'],
  ['', '', '', '', '', '', '', '', ''],
];

describe('CRM_ACTUALS(deals_range, key), called as Sheets calls it', () => {
  it('gives won revenue, pipeline, deals won and deals lost per key, one row per key', () => {
    expect(crm(SALESFORCE, 'Spring ABM')).toEqual([[10_000, 35_000, 1, 1]]);
    expect(crm(SALESFORCE, [['Spring ABM'], ['WEBINARS'], [''], ['Nobody']])).toEqual([
      [10_000, 35_000, 1, 1],
      [7_500, 7_500, 1, 0],
      ['', '', '', ''],
      [0, 0, 0, 0],
    ]);
  });

  it('reads a HubSpot deals export by its headers, the stage saying won or lost', () => {
    const hubspot = [
      ['Record ID', 'Deal Name', 'Deal Stage', 'Amount', 'Close Date', 'Create Date', 'Campaign'],
      [1, 'Acme', 'Closed Won', 4_000, '2027-02-01', '2027-01-01', 'Q1 push'],
      [2, 'Globex', 'closedlost', 1_000, '2027-02-01', '2027-01-01', 'Q1 push'],
      [3, 'Initech', 'Contract sent', 2_500, '2027-05-01', '2027-01-01', 'Q1 push'],
    ];
    expect(crm(hubspot, 'q1 push')).toEqual([[4_000, 7_500, 1, 1]]);
  });

  it('throws errors in the style of the other formulas: function, argument, row and column', () => {
    const bad = SALESFORCE.map((r) => r.slice());
    (bad[3] as unknown[])[2] = '5,OOO';
    expect(crm(bad, 'Spring ABM')).toBe(
      'CRM_ACTUALS: deals_range row 4, column Amount is "5,OOO": it is not an amount. Type the amount as a number, e.g. 12500 (or USD 12,500).',
    );
    const mixed = [
      [...(SALESFORCE[0] as unknown[]), 'Opportunity Currency'],
      ...SALESFORCE.slice(1, 3).map((r, i) => [...r, i ? 'EUR' : 'USD']),
    ];
    expect(crm(mixed, 'Spring ABM')).toMatch(
      /^CRM_ACTUALS: deals_range: The export mixes currencies: USD \(1 row\), EUR \(1 row\)\./,
    );
    expect(
      crm(
        [
          ['Deal', 'Value'],
          ['x', 1],
        ],
        'x',
      ),
    ).toMatch(
      /^CRM_ACTUALS: deals_range: The header row is not one Portfolio Pilot recognises .*Expected headers — Salesforce opportunity report: Opportunity ID/,
    );
    expect(
      crm(
        [
          ['Campaign Name', 'Actual Cost'],
          ['x', 1],
        ],
        'x',
      ),
    ).toMatch(
      /^CRM_ACTUALS: deals_range is a Salesforce campaign report, which has no deal rows\./,
    );
    expect(crm(SALESFORCE, undefined)).toBe(
      'CRM_ACTUALS: key is missing. Pass a range such as B2.',
    );
    expect(
      crm(SALESFORCE, [
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toBe('CRM_ACTUALS: key must be a single row or a single column, not 2 rows × 2 columns.');
  });
});
