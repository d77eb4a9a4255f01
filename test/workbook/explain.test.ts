import { describe, expect, it } from 'vitest';
import { ANA, click, lastAlert, records, world, type World } from './helpers';
import { rowOf, setProject, setSetting } from './governance-helpers';

function explain(w: World, id: string): string {
  w.byHand(ANA)
    .getActiveSpreadsheet()
    .getSheetByName('Projects')
    ?.getRange(`C${rowOf(w, id)}`)
    .activate();
  const shown = w.ana.shown.length;
  click(w.ana, 'Explain score');
  expect(w.ana.shown.length).toBe(shown + 1);
  const html = w.ana.shown.at(-1);
  expect(html?.kind).toBe('modal');
  expect(html?.title).toBe('Explain score');
  return html?.content ?? '';
}

/** The criteria table of the dialog: one array of cell texts per row. */
function table(html: string): string[][] {
  const body = /<table id="criteria">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1] ?? ''),
  );
}

describe('Explain score', () => {
  it("shows each criterion's raw value, normalised value, weight and points, adding up to the Score", () => {
    const w = world({ sample: true });
    click(w.ana, 'Score & rank');
    const all = records(w, 'Projects');
    const p = all.find((x) => x.ID === 'P03') ?? {};
    const criteria = records(w, 'Criteria');
    const rows = table(explain(w, 'P03'));
    expect(rows[0]).toEqual([
      'Criterion',
      'Raw value',
      'Normalised (0–1)',
      'Weight',
      'Points',
      'How',
    ]);
    const body = rows.slice(1, -1);
    expect(body.map((r) => r[0])).toEqual(criteria.map((c) => c.Criterion));
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
      const row = body[k] ?? [];
      expect(row[1]).toBe(String(x));
      expect(row[2]).toBe(n.toFixed(2));
      expect(row[3]).toBe(`${(w8 * 100).toFixed(1)}%`);
      expect(row[4]).toBe((100 * w8 * n).toFixed(1));
      points += 100 * w8 * n;
    });
    expect(points).toBeCloseTo(Number(p.Score), 1);
    expect(rows.at(-1)?.[4]).toBe(points.toFixed(1));
    const html = explain(w, 'P03');
    expect(html).toContain(`Ranked ${String(p.Rank)}`);
    expect(html).toMatch(/points behind P\d\d, mostly on [A-Za-z ]+ \(\d+\.\d points\)/);
    expect(html).toContain('Selection has not run yet');
    expect(html).toContain('Weights from the Criteria sheet');
  });

  it('ranks like Score & rank (closed projects have no rank), shows Why, and escapes names', () => {
    const w = world({ sample: true });
    setProject(w, 'P03', 'Name', '<b>SDR</b> & "sprint"');
    click(w.ana, 'Score & rank');
    const done = explain(w, 'P28');
    expect(done).toMatch(
      /P28 has \d+\.\d points but no rank: its status \(Done\) takes it out of the ranking\./,
    );
    const rank = records(w, 'Projects').find((x) => x.ID === 'P01')?.Rank;
    expect(explain(w, 'P01')).toContain(`rank ${String(rank)} of 41`);

    const html = explain(w, 'P03');
    expect(html).toContain('P03 — &lt;b&gt;SDR&lt;/b&gt; &amp; &quot;sprint&quot;');
    expect(html).not.toContain('<b>SDR</b>');

    setProject(w, 'P03', 'Selected', true);
    setProject(w, 'P03', 'Why', 'forced in; 4% of the budget');
    expect(explain(w, 'P03')).toContain('In the selection. Why: forced in; 4% of the budget');
  });

  it('uses the AHP weights when Settings says so', () => {
    const w = world({ sample: true });
    setSetting(w, 'Weights from', 'Pairwise (AHP)');
    click(w.ana, 'Score & rank');
    const ahp = records(w, 'Criteria').map((c) => Number(c['AHP weight']));
    const rows = table(explain(w, 'P01')).slice(1, -1);
    rows.forEach((r, k) => expect(r[3]).toBe(`${((ahp[k] ?? 0) * 100).toFixed(1)}%`));
    const score = Number(records(w, 'Projects').find((x) => x.ID === 'P01')?.Score);
    expect(Number(table(explain(w, 'P01')).at(-1)?.[4])).toBeCloseTo(score, 1);
  });

  it('asks for a project row when the header is selected', () => {
    const w = world({ sample: true });
    w.byHand(ANA).getActiveSpreadsheet().getSheetByName('Projects')?.getRange('A1').activate();
    w.ana.answerAlert('OK');
    w.ana.clickMenu('Portfolio Pilot', 'Explain score');
    expect(lastAlert(w.ana)?.prompt).toMatch(/^Row 1 is the header row\./);
  });
});
