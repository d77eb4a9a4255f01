/**
 * Governance that cannot be walked around: the server functions that change a project's Status,
 * Selected or the scoring model check the board at write time, and a scenario commit re-validates
 * its selection against the workbook as it is now (issue 12, item 1).
 */
import { describe, expect, it } from 'vitest';
import type { PlanResult, PlannerModel } from '../../src/ui/scenarios/contract';
import { setSetting } from '../workbook/governance-helpers';
import { BOB, columnOf, lastAlert, records, world, type World } from '../workbook/helpers';
import type { ScoringModel } from '../../src/ui/scoring-model/contract';
import { planParams as params, sampleRequest, typedModel, ui, uiError } from './helpers';

const BOARD = 'cfo@example.com, ana@example.com';

function governed(): World {
  const w = world({ sample: true });
  w.ana.run('menuScore');
  setSetting(w, 'Board members', BOARD);
  return w;
}

/** The first `n` Proposed projects. */
function proposed(w: World, n = 3): string[] {
  return records(w, 'Projects')
    .filter((p) => p.Status === 'Proposed')
    .slice(0, n)
    .map((p) => String(p.ID));
}

const state = (w: World): unknown[][] =>
  records(w, 'Projects').map((p) => [p.ID, p.Status, p.Selected]);

/** Ana saves the optimiser's plan as `name`; returns the run. */
function savePlan(w: World, name: string): PlanResult {
  const m = ui<PlannerModel>(w.ana, 'scenarios.load');
  const p = params(m);
  const r = ui<PlanResult>(w.ana, 'scenarios.run', p);
  ui(w.ana, 'scenarios.save', {
    name,
    params: p,
    selectedIds: r.selected,
    status: r.status,
    gap: r.gap,
    seconds: r.seconds,
  });
  return r;
}

describe('Governance on the server', () => {
  it('refuses a made-up selection on save, and a commit by an editor who is not on the board', () => {
    const w = governed();
    const bob = w.emulator.as(BOB);
    bob.open();
    const ids = proposed(w);
    const m = ui<PlannerModel>(bob, 'scenarios.load');
    const before = state(w);
    // Bob calls the server directly: three Proposed projects he picked, and a budget of 1.
    const e = uiError(bob, 'scenarios.save', {
      name: 'Sneaky',
      params: params(m, { budget: 1 }),
      selectedIds: ids,
      status: 'optimal',
      gap: 0,
      seconds: 0,
    });
    expect(e.message).toMatch(
      /This selection cannot be saved as a scenario: it costs [\d,]+, above the scenario's budget of 1/,
    );
    // Ana saves a real plan; Bob commits it himself: refused, nothing written.
    savePlan(w, 'Board plan');
    expect(uiError(bob, 'scenarios.commit', { name: 'Board plan' }).message).toBe(
      `Only the board members named in Settings (cfo@example.com, ana@example.com) may commit a scenario.`,
    );
    expect(state(w)).toEqual(before);
    expect(records(w, 'Scenarios')[0]?.Committed).toBe('');
  });

  it('re-validates a commit against the workbook now: a Scenarios row edited by hand is refused', () => {
    const w = governed();
    savePlan(w, 'Board plan');
    const before = state(w);
    // Any editor can type in Scenarios: Bob rewrites the row's budget and selection.
    const col = (h: string): string => columnOf(w, 'Scenarios', h);
    w.workbook.setValues('Scenarios', `${col('Budget')}2`, [[1]]);
    w.workbook.setValues('Scenarios', `${col('Selected IDs')}2`, [[proposed(w).join(', ')]]);
    const e = uiError(w.ana, 'scenarios.commit', { name: 'Board plan' });
    expect(e.message).toMatch(
      /^Scenario "Board plan" cannot be committed as the workbook stands now: it costs [\d,]+, above the scenario's budget of 1.*Nothing was changed\./,
    );
    expect(state(w)).toEqual(before);
    // A closed or unknown project is refused too.
    const done = records(w, 'Projects').find((p) => p.Status === 'Done');
    w.workbook.setValues('Scenarios', `${col('Budget')}2`, [[10_000_000]]);
    w.workbook.setValues('Scenarios', `${col('Selected IDs')}2`, [[`${String(done?.ID)}, P999`]]);
    const e2 = uiError(w.ana, 'scenarios.commit', { name: 'Board plan' });
    expect(e2.message).toContain(`${String(done?.ID)} is not a candidate (status Done)`);
    expect(e2.message).toContain('Projects has no P999');
    expect(state(w)).toEqual(before);
  });

  it('records every Status change of a commit in Decisions: who, from, to, why', () => {
    const w = governed();
    const r = savePlan(w, 'Plan B');
    const before = new Map(records(w, 'Projects').map((p) => [String(p.ID), String(p.Status)]));
    ui(w.ana, 'scenarios.commit', { name: 'Plan B' });
    const moved = r.selected.filter((id) =>
      ['Proposed', 'In review', 'On hold', ''].includes(before.get(id) ?? ''),
    );
    expect(moved.length).toBeGreaterThan(0);
    const decisions = records(w, 'Decisions');
    expect(decisions.map((d) => [d.Who, d.ID, d.From, d.To, d.Reason])).toEqual(
      moved.map((id) => [
        'ana@example.com',
        id,
        before.get(id),
        'Approved',
        'Committed scenario "Plan B"',
      ]),
    );
  });

  it('checks the board at write time on every path that changes Status, Selected or the model', () => {
    const w = governed();
    const bob = w.emulator.as(BOB);
    bob.open();
    const before = JSON.stringify([
      w.workbook.sheetValues('Projects'),
      w.workbook.sheetValues('Criteria'),
    ]);
    // Apply scoring model, called directly with weights Bob likes.
    const m = ui<ScoringModel>(bob, 'scoring-model.load');
    const apply = uiError(bob, 'scoring-model.apply', typedModel(m, [1]));
    expect(apply.message).toMatch(/may change the scoring model\.$/);
    // Optimise portfolio writes Selected: the board's call too.
    bob.answerAlert('OK');
    bob.clickMenu('Portfolio Pilot', 'Optimise portfolio');
    expect(lastAlert(bob)?.prompt).toMatch(/may run Optimise portfolio/);
    // Intake: Bob submits (anyone may), but cannot accept his own request.
    ui(bob, 'intake.submit', sampleRequest());
    expect(uiError(bob, 'intake-review.accept', { id: 'R-0001' }).message).toMatch(
      /may accept or reject requests\.$/,
    );
    expect(
      JSON.stringify([w.workbook.sheetValues('Projects'), w.workbook.sheetValues('Criteria')]),
    ).toBe(before);
    // Bob adds himself to the board by hand once the scoring model is locked: refused by Sheets.
    w.workbook.addEditor(BOB);
    w.ana.answerAlert('OK');
    w.ana.clickMenu('Portfolio Pilot', 'Lock scoring model');
    const settings = w.workbook.sheetValues('Settings').map((r) => String(r[0]));
    const sheet = w.byHand(BOB).getActiveSpreadsheet().getSheetByName('Settings');
    expect(() => sheet?.getRange(settings.indexOf('Board members') + 1, 2).setValue(BOB)).toThrow();
  });

  it('records an accepted intake request in Decisions: a new project, blank → Proposed', () => {
    const w = governed();
    ui(w.ana, 'intake.submit', sampleRequest());
    const { projectId } = ui<{ projectId: string }>(w.ana, 'intake-review.accept', {
      id: 'R-0001',
    });
    expect(records(w, 'Decisions').map((d) => [d.Who, d.ID, d.From, d.To, d.Reason])).toEqual([
      [
        'ana@example.com',
        projectId,
        '',
        'Proposed',
        'Accepted intake request R-0001 (from ana@example.com)',
      ],
    ]);
  });
});
