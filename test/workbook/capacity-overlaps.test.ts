import { describe, expect, it } from 'vitest';
import { click, lastToast, records, world } from './helpers';

describe('Check capacity', () => {
  it('writes utilisation = demand of committed projects ÷ capacity, with the heat map and over-allocations', () => {
    const w = world({ sample: true });
    click(w.ana, 'Check capacity');
    // Independent computation from the sheets themselves.
    const committed = new Set(
      records(w, 'Projects')
        .filter((p) => p.Status === 'Approved' || p.Status === 'Active')
        .map((p) => p.ID),
    );
    const demand = records(w, 'Demand');
    const capacity = records(w, 'Capacity');
    const cell = (skill: string, period: string): number => {
      const d = demand
        .filter((r) => r.Skill === skill && committed.has(r['Project ID']))
        .reduce((s, r) => s + (Number(r[period]) || 0), 0);
      return d / Number(capacity.find((c) => c.Skill === skill)?.[period]);
    };
    const util = w.workbook.sheetValues('Utilization');
    const header = util[1] ?? [];
    expect(header.slice(0, 3)).toEqual(['Skill', '2027-01', '2027-02']);
    for (const skill of ['RevOps', 'Enablement', 'Account executives']) {
      const row = util.find((r) => r[0] === skill) ?? [];
      for (const period of ['2027-01', '2027-03', '2027-08']) {
        expect(row[header.indexOf(period)]).toBeCloseTo(cell(skill, period), 9);
      }
    }
    const rules = w.workbook.conditionalFormats('Utilization');
    expect(
      rules.map((r) => [r.condition?.criteria, r.condition?.values[0], r.condition?.background]),
    ).toEqual([
      ['NUMBER_GREATER_THAN', 1, '#f4c7c3'],
      ['NUMBER_GREATER_THAN', 0.85, '#fce8b2'],
      ['TEXT_EQUAL_TO', 'no capacity', '#f4c7c3'],
    ]);
    expect(rules[0]?.ranges).toEqual(['B3:N10']);
    expect(
      w.workbook.effectiveBackground(
        'Utilization',
        `${String.fromCharCode(65 + header.indexOf('2027-03'))}${3 + 4}`,
      ),
    ).toBe('#f4c7c3'); // RevOps, March: 122%

    const overStart = util.findIndex((r) => r[0] === 'Over-allocations') + 2;
    const over = util.slice(overStart).filter((r) => r[0] !== '' && r[0] !== 'Data problems');
    expect(over[0]?.slice(0, 2)).toEqual(['RevOps', '2027-03']);
    expect(over[0]?.[4]).toBeCloseTo((cell('RevOps', '2027-03') - 1) * 320, 6);
    expect(String(over[0]?.[6])).toMatch(/^P\d\d \d+ h(, P\d\d \d+ h)*$/);
    expect(lastToast(w.ana)).toMatch(/^\d+ over-allocated skill-months; worst: RevOps in 2027-03/);
  });

  it('lists demand rows that name unknown projects, and rebuilds in place', () => {
    const w = world({ sample: true });
    w.workbook.setValues('Demand', 'A5', [['P99']]);
    click(w.ana, 'Check capacity');
    const rows1 = w.workbook.sheetValues('Utilization').length;
    expect(
      w.workbook.sheetValues('Utilization').some((r) => /Demand.*row.*5.*P99/.test(String(r[0]))),
    ).toBe(true);
    click(w.ana, 'Check capacity');
    expect(w.workbook.sheetNames().filter((n) => n === 'Utilization')).toHaveLength(1);
    expect(w.workbook.sheetValues('Utilization').length).toBe(rows1);
    expect(w.workbook.conditionalFormats('Utilization')).toHaveLength(3);
  });
});

describe('Find overlaps', () => {
  it('pairs the likely duplicates with a similarity and the reasons', () => {
    const w = world({ sample: true });
    click(w.ana, 'Find overlaps');
    const [, header, ...rows] = w.workbook.sheetValues('Overlaps');
    expect(header?.[0]).toBe('Similarity');
    const pair = (a: string, b: string): unknown[] | undefined =>
      rows.find((r) => (r[2] === a && r[6] === b) || (r[2] === b && r[6] === a));
    const abm = pair('P01', 'P19');
    expect(abm?.[1]).toBe('duplicate');
    expect(abm?.[0] as number).toBeGreaterThan(0.8);
    expect(String(abm?.[10])).toMatch(/names \d+% similar/);
    expect(pair('P02', 'P35')?.[1]).toBe('duplicate');
    expect(lastToast(w.ana)).toMatch(/likely duplicates/);
  });
});
