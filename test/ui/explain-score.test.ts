/**
 * Explain score: the dialog (a built page on the UI bridge) and its server side on the built
 * bundle: each criterion's numbers checked by hand, the rank as Score & rank gives it, the Why.
 */
import { describe, expect, it } from 'vitest';
import type { ExplainView } from '../../src/ui/explain-score/contract';
import { rowOf, setProject, setSetting } from '../workbook/governance-helpers';
import { ANA, click, lastAlert, records, world, type World } from '../workbook/helpers';
import { ui } from './helpers';

function explain(w: World, id: string): ExplainView {
  w.byHand(ANA)
    .getActiveSpreadsheet()
    .getSheetByName('Projects')
    ?.getRange(`C${rowOf(w, id)}`)
    .activate();
  const shown = w.ana.shown.length;
  click(w.ana, 'Explain score');
  expect(w.ana.shown.length).toBe(shown + 1);
  expect(w.ana.shown.at(-1)).toMatchObject({ kind: 'modal', title: 'Explain score' });
  return ui<ExplainView>(w.ana, 'explain-score.load');
}

describe('Explain score', () => {
  it("shows each criterion's raw value, normalised value, weight and points, adding up to the Score", () => {
    const w = world({ sample: true });
    click(w.ana, 'Score & rank');
    const all = records(w, 'Projects');
    const p = all.find((x) => x.ID === 'P03') ?? {};
    const criteria = records(w, 'Criteria');
    const v = explain(w, 'P03');
    expect(v.criteria.map((c) => c.name)).toEqual(criteria.map((c) => c.Criterion));
    const total = criteria.reduce((s, c) => s + Number(c.Weight), 0);
    let points = 0;
    criteria.forEach((c, k) => {
      // By hand: n = (x − lo) ÷ (hi − lo), reversed for Lower; lo and hi are the fixed scale of
      // Criteria, or the lowest and highest value in Projects when the scale is blank.
      const x = Number(p[String(c.Column)]);
      const column = all.map((q) => Number(q[String(c.Column)]));
      const fixed = c['Scale min'] !== '';
      const lo = fixed ? Number(c['Scale min']) : Math.min(...column);
      const hi = fixed ? Number(c['Scale max']) : Math.max(...column);
      const n = c.Direction === 'Lower' ? (hi - x) / (hi - lo) : (x - lo) / (hi - lo);
      const w8 = Number(c.Weight) / total;
      expect(v.criteria[k]).toMatchObject({
        raw: String(x),
        normalised: n.toFixed(2),
        weight: `${(w8 * 100).toFixed(1)}%`,
        points: (100 * w8 * n).toFixed(1),
      });
      points += 100 * w8 * n;
    });
    expect(points).toBeCloseTo(Number(p.Score), 1);
    expect(v.total).toBe(points.toFixed(1));
    expect(v.rank).toBe(`rank ${String(p.Rank)} of 41`);
    expect(v.sentences[0]).toMatch(
      new RegExp(
        `^Ranked ${String(p.Rank)}\\w\\w of 41 with \\d+\\.\\d points: \\d+\\.\\d points behind P\\d\\d, mostly on [A-Za-z ]+ \\(\\d+\\.\\d points\\)\\.$`,
      ),
    );
    expect(v.selection).toBe(
      'Selection has not run yet: Optimise portfolio writes Selected and Why.',
    );
    expect(v.weightsFrom).toMatch(/^Weights from the Criteria sheet/);
  });

  it('ranks like Score & rank (closed projects have no rank) and shows Why', () => {
    const w = world({ sample: true });
    click(w.ana, 'Score & rank');
    expect(explain(w, 'P28').sentences[0]).toMatch(
      /^P28 has \d+\.\d points but no rank: its status \(Done\) takes it out of the ranking\.$/,
    );
    setProject(w, 'P03', 'Selected', true);
    setProject(w, 'P03', 'Why', 'forced in; 4% of the budget');
    expect(explain(w, 'P03').selection).toBe('In the selection. Why: forced in; 4% of the budget');
    setProject(w, 'P03', 'Selected', false);
    setProject(w, 'P03', 'Why', 'budget');
    expect(explain(w, 'P03').selection).toBe('Left out of the selection. Why: budget');
  });

  it('after Optimise portfolio, says whether the project is in or out and why, from the Why column', () => {
    const w = world({ sample: true });
    click(w.ana, 'Score & rank');
    click(w.ana, 'Optimise portfolio');
    const projects = records(w, 'Projects');
    const chosen = projects.find((p) => p.Selected === true && p.Why !== '');
    const left = projects.find((p) => p.Selected === false && p.Why !== '');
    if (!chosen || !left) throw new Error('the optimiser chose all or nothing');
    // With its planned dates (Planned start and end, written by Optimise portfolio).
    const inText = explain(w, String(chosen.ID)).selection;
    expect(inText).toMatch(
      /^In the selection\. Planned \d{4}-\d{2}-\d{2}( to \d{4}-\d{2}-\d{2})?\. Why: /,
    );
    expect(inText.endsWith(` Why: ${String(chosen.Why)}`)).toBe(true);
    expect(explain(w, String(left.ID)).selection).toBe(
      `Left out of the selection. Why: ${String(left.Why)}`,
    );
  });

  it('uses the AHP weights when Settings says so', () => {
    const w = world({ sample: true });
    setSetting(w, 'Weights from', 'Pairwise (AHP)');
    click(w.ana, 'Score & rank');
    const ahp = records(w, 'Criteria').map((c) => Number(c['AHP weight']));
    const v = explain(w, 'P01');
    v.criteria.forEach((c, k) => expect(c.weight).toBe(`${((ahp[k] ?? 0) * 100).toFixed(1)}%`));
    const score = Number(records(w, 'Projects').find((x) => x.ID === 'P01')?.Score);
    expect(Number(v.total)).toBeCloseTo(score, 1);
    expect(v.weightsFrom).toMatch(
      /^Weights from the Pairwise sheet by AHP \(consistency ratio 0\.\d{3}\)/,
    );
  });

  it('asks for a project row when the header is selected, before opening', () => {
    const w = world({ sample: true });
    w.byHand(ANA).getActiveSpreadsheet().getSheetByName('Projects')?.getRange('A1').activate();
    w.ana.answerAlert('OK');
    w.ana.clickMenu('Portfolio Pilot', 'Explain score');
    expect(w.ana.shown).toHaveLength(0);
    expect(lastAlert(w.ana)?.prompt).toMatch(/^Row 1 is the header row\./);
  });
});

describe('Explain score follows the scoring model Score & rank uses', () => {
  it('does not call a freshly written (rounded) Score stale', () => {
    const w = world({ sample: true });
    click(w.ana, 'Score & rank');
    for (const id of ['P01', 'P03', 'P17', 'P40']) {
      expect(explain(w, id).sentences.join(' ')).not.toMatch(/run Score & rank to refresh/);
    }
    setProject(w, 'P03', 'Score', 1);
    expect(explain(w, 'P03').sentences.join(' ')).toMatch(
      /The Score column shows 1\.0 but the criteria now give/,
    );
  });

  it('explains a RICE score with its inputs and the formula, and the rank Score & rank wrote', () => {
    const w = world({ sample: true });
    setSetting(w, 'Scoring framework', 'RICE');
    setSetting(
      w,
      'Framework columns',
      'reach=Customer reach; impact=Revenue impact; confidence=Confidence; effort=Effort (person-weeks)',
    );
    click(w.ana, 'Score & rank');
    const p = records(w, 'Projects').find((x) => x.ID === 'P03') ?? {};
    const v = explain(w, 'P03');
    // P03: reach 4, impact 4, confidence 50%, effort 10 → 4 × 4 × 0.5 ÷ 10 = 0.8.
    expect(v.criteria.map((c) => [c.name, c.raw])).toEqual([
      ['Reach (Customer reach)', '4'],
      ['Impact (Revenue impact)', '4'],
      ['Confidence (Confidence)', '0.5'],
      ['Effort (Effort (person-weeks))', '10'],
    ]);
    expect(v.score).toBe('0.8');
    expect(p.Score).toBe(0.8);
    expect(v.sentences[0]).toBe(
      'RICE = reach × impact × confidence ÷ effort = 4 × 4 × 0.5 ÷ 10 (confidence above 1 is a percent) = 0.8.',
    );
    expect(v.rank).toBe(`rank ${String(p.Rank)} of 41`);
    expect(v.weightsFrom).toMatch(/^Scored with RICE/);
  });
});
