/**
 * The Scoring model sidebar's server side on the built bundle: what it loads, and Apply
 * (weights, directions, the pairwise judgements, the framework; re-scoring; log; undo).
 */
import { describe, expect, it } from 'vitest';
import { scorePortfolio } from '../../src/core/framework-score';
import type { ScoringModel } from '../../src/ui/scoring-model/contract';
import { records, world, type World } from '../workbook/helpers';
import { typedModel as typed, ui, uiError } from './helpers';

function load(w: World): ScoringModel {
  return ui<ScoringModel>(w.ana, 'scoring-model.load');
}

function setting(w: World, name: string): unknown {
  return records(w, 'Settings').find((r) => r.Setting === name)?.Value;
}

describe('Scoring model (server side)', () => {
  it('loads the criteria, the numeric Projects columns, every project and the judgements', () => {
    const w = world({ sample: true });
    const m = load(w);
    expect(m.criteria.map((c) => [c.name, c.weight, c.direction])).toEqual([
      ['Strategic fit', 0.3, 'higher'],
      ['Revenue impact', 0.25, 'higher'],
      ['Customer reach', 0.15, 'higher'],
      ['Time to value', 0.1, 'lower'],
      ['Delivery risk', 0.1, 'lower'],
      ['Effort', 0.1, 'lower'],
    ]);
    expect(m.columns).toEqual(
      expect.arrayContaining([
        'Cost',
        'Expected revenue',
        'Confidence',
        'Strategic fit',
        'Effort (person-weeks)',
      ]),
    );
    expect(m.columns).not.toContain('Score');
    expect(m.columns).not.toContain('Name');
    expect(m.projects).toHaveLength(records(w, 'Projects').length);
    const p01 = records(w, 'Projects')[0];
    expect(m.projects[0]?.values[0]).toBe(p01?.['Strategic fit']);
    expect(m.projects[0]?.cells[m.columns.indexOf('Cost')]).toBe(p01?.Cost);
    expect(m.pairwise?.[0]).toEqual([1, 2, 3, 4, 4, 5]);
    expect(m.pairwise?.[1]?.[0]).toBeCloseTo(0.5, 12);
    expect(m).toMatchObject({ weightsFrom: 'typed', framework: 'weighted', notes: [] });
  });

  it('applies typed weights and directions, re-scores, logs, and undo restores both', () => {
    const w = world({ sample: true });
    w.ana.run('menuScore');
    const before = records(w, 'Projects').map((p) => p.Score);
    const m = load(w);
    // Only strategic fit counts: on its fixed 1–5 scale, score = 100 × (fit − 1) ÷ 4.
    const out = ui<{ message: string }>(w.ana, 'scoring-model.apply', typed(m, [1, 0, 0, 0, 0, 0]));
    expect(out.message).toMatch(
      /^Scoring model applied \(Weighted, weights from the Criteria sheet\)\. Scored \d+ projects/,
    );
    expect(records(w, 'Criteria').map((c) => c.Weight)).toEqual([1, 0, 0, 0, 0, 0]);
    for (const p of records(w, 'Projects'))
      expect(p.Score).toBeCloseTo((100 * (Number(p['Strategic fit']) - 1)) / 4, 1);
    expect(records(w, 'Log').at(-1)).toMatchObject({ Action: 'Apply scoring model' });
    expect(String(records(w, 'Log').at(-1)?.['What changed'])).toMatch(
      /^Scoring model: Strategic fit 1 \(100\.0%, higher\), Revenue impact 0 \(0\.0%, higher\).*Then Score, Rank, Flags/,
    );
    w.ana.run('menuUndo');
    expect(records(w, 'Criteria').map((c) => c.Weight)).toEqual([0.3, 0.25, 0.15, 0.1, 0.1, 0.1]);
    expect(records(w, 'Projects').map((p) => p.Score)).toEqual(before);
  });

  it('ranks exactly as the page previews (the same core code on both sides)', () => {
    const w = world({ sample: true });
    const m = load(w);
    const weights = [0.1, 0.5, 0.1, 0.1, 0.1, 0.1];
    const directions = m.criteria.map((c, i) => (i === 5 ? 'higher' : c.direction));
    const input = typed(m, weights);
    input.criteria[5] = { ...input.criteria[5]!, direction: 'higher' };
    ui(w.ana, 'scoring-model.apply', input);
    const preview = scorePortfolio(
      'weighted',
      m.projects.map((p) => ({ values: p.values, inputs: {}, open: p.open })),
      m.criteria.map((c, i) => ({
        weight: weights[i]!,
        direction: directions[i]!,
        scaleMin: c.scaleMin ?? undefined,
        scaleMax: c.scaleMax ?? undefined,
      })),
    );
    const rows = records(w, 'Projects');
    expect(rows.map((r) => (r.Rank === '' ? null : r.Rank))).toEqual(preview.ranks);
    expect(records(w, 'Criteria')[5]?.Direction).toBe('Higher');
  });

  it('applies the pairwise judgements: the Pairwise sheet, "Weights from", AHP weights', () => {
    const w = world({ sample: true });
    const m = load(w);
    const matrix = m.pairwise!.map((r) => r.slice());
    matrix[0]![1] = 1 / 3; // strategic fit now moderately LESS important than revenue impact
    matrix[1]![0] = 3;
    ui(w.ana, 'scoring-model.apply', {
      ...typed(
        m,
        m.criteria.map((c) => c.weight),
      ),
      weightsFrom: 'ahp',
      pairwise: matrix,
    });
    const sheet = w.workbook.sheetValues('Pairwise');
    expect(sheet[0]?.slice(1)).toEqual(m.criteria.map((c) => c.name));
    expect(sheet[1]?.slice(1)).toEqual([1, '1/3', 3, 4, 4, 5]);
    expect(sheet[2]?.slice(1)).toEqual(['', 1, 2, 3, 3, 4]);
    expect(setting(w, 'Weights from')).toBe('Pairwise (AHP)');
    const ahp = records(w, 'Criteria').map((c) => Number(c['AHP weight']));
    expect(ahp[1]).toBeGreaterThan(ahp[0]!);
    expect(ahp.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
    expect(String(records(w, 'Log').at(-1)?.['What changed'])).toMatch(
      /AHP weights Strategic fit .*consistency ratio 0\.\d{3}/,
    );
  });

  it('applies RICE with its columns: Settings, and scores = reach × impact × confidence ÷ effort', () => {
    const w = world({ sample: true });
    const m = load(w);
    const frameworkColumns = {
      reach: 'Customer reach',
      impact: 'Revenue impact',
      confidence: 'Confidence',
      effort: 'Effort (person-weeks)',
    };
    ui(
      w.ana,
      'scoring-model.apply',
      typed(
        m,
        m.criteria.map((c) => c.weight),
        { framework: 'rice', frameworkColumns },
      ),
    );
    expect(setting(w, 'Scoring framework')).toBe('RICE');
    expect(setting(w, 'Framework columns')).toBe(
      'reach=Customer reach; impact=Revenue impact; confidence=Confidence; effort=Effort (person-weeks)',
    );
    for (const p of records(w, 'Projects')) {
      const expected =
        (Number(p['Customer reach']) * Number(p['Revenue impact']) * Number(p.Confidence)) /
        Number(p['Effort (person-weeks)']);
      expect(p.Score).toBe(Math.round(expected * 100) / 100);
    }
    // Score & rank run from the menu keeps using RICE.
    w.ana.run('menuScore');
    expect(String(records(w, 'Log').at(-1)?.['What changed'])).toMatch(
      /with RICE \(Reach = Customer reach/,
    );
  });

  it('refuses what the contract forbids, with the field at fault', () => {
    const w = world({ sample: true });
    const m = load(w);
    const neg = uiError(w.ana, 'scoring-model.apply', typed(m, [-1, 1, 1, 1, 1, 1]));
    expect(neg.issues).toEqual([
      { path: ['criteria', 0, 'weight'], message: 'A weight cannot be negative.' },
    ]);
    const zero = uiError(w.ana, 'scoring-model.apply', typed(m, [0, 0, 0, 0, 0, 0]));
    expect(zero.issues).toEqual([
      { path: ['criteria'], message: 'Give at least one criterion a weight above 0.' },
    ]);
    const rice = uiError(
      w.ana,
      'scoring-model.apply',
      typed(m, [1, 1, 1, 1, 1, 1], { framework: 'rice', frameworkColumns: { reach: 'Cost' } }),
    );
    expect(rice.issues[0]?.path).toEqual(['frameworkColumns']);
    const judgement = uiError(w.ana, 'scoring-model.apply', {
      ...typed(m, [1, 1, 1, 1, 1, 1]),
      weightsFrom: 'ahp',
      pairwise: [[1, 12]],
    });
    expect(judgement.issues.map((i) => i.message)).toContain('Judgements run from 1/9 to 9.');
    expect(records(w, 'Log').map((r) => r.Action)).not.toContain('Apply scoring model');
  });

  it('refuses to apply over a Criteria sheet that changed since the sidebar loaded', () => {
    const w = world({ sample: true });
    const m = load(w);
    w.workbook.setValues('Criteria', 'A2', [['Strategic alignment']]);
    const e = uiError(w.ana, 'scoring-model.apply', typed(m, [1, 1, 1, 1, 1, 1]));
    expect(e.kind).toBe('user');
    expect(e.message).toMatch(
      /Criteria sheet changed since the sidebar opened \(it now lists Strategic alignment, Revenue impact/,
    );
    expect(records(w, 'Criteria')[1]?.Weight).toBe(0.25);
  });
});
