/**
 * Record decision…: the dialog (a built page on the UI bridge) and its server side, on the built
 * bundle in the emulator: the stage flow, Status and the Decisions sheet, refusals, concurrency.
 */
import { describe, expect, it } from 'vitest';
import type { UserSession } from '../../emulator';
import { PROJECT_STATUSES } from '../../src/core/model';
import { allowedNext } from '../../src/core/stage-flow';
import type { DecisionView } from '../../src/ui/record-decision/contract';
import { iso, rowOf, setProject, setSetting, today } from '../workbook/governance-helpers';
import {
  ANA,
  BOB,
  click,
  lastAlert,
  lastToast,
  records,
  world,
  type World,
} from '../workbook/helpers';
import { ui, uiError } from './helpers';

/** The user clicks a cell in the project's row of Projects. */
function select(w: World, email: string, id: string): void {
  w.byHand(email)
    .getActiveSpreadsheet()
    .getSheetByName('Projects')
    ?.getRange(`B${rowOf(w, id)}`)
    .activate();
}

/** Opens the dialog from the menu and loads it, as the page does. */
function open(user: UserSession): DecisionView {
  const shown = user.shown.length;
  click(user, 'Record decision…');
  expect(user.shown.length).toBe(shown + 1);
  const html = user.shown.at(-1);
  expect(html).toMatchObject({ kind: 'modal', title: 'Record decision…', width: 560 });
  expect(html?.content).toMatch(/<script>[\s\S]{1000,}<\/script>/);
  return ui<DecisionView>(user, 'record-decision.load');
}

function decide(user: UserSession, id: string, status: string, decision: string, reason: string) {
  return ui<{ message: string }>(user, 'record-decision.decide', { id, status, decision, reason });
}

const status = (w: World, id: string): unknown =>
  records(w, 'Projects').find((p) => p.ID === id)?.Status;

const allowed = (v: DecisionView): string[] =>
  v.options.filter((o) => o.allowed).map((o) => o.decision);

describe('Record decision…', () => {
  it('offers the decisions the stage flow allows, then writes Status and appends to Decisions', () => {
    const w = world({ sample: true });
    select(w, ANA, 'P03'); // Proposed
    const v = open(w.ana);
    expect(v).toMatchObject({ id: 'P03', name: 'Outbound SDR sprint for SMB', status: 'Proposed' });
    // Stop is for approved or running projects; reopen for closed ones.
    expect(allowed(v)).toEqual(['review', 'approve', 'defer', 'reject']);
    expect(v.options.find((o) => o.decision === 'stop')?.why).toBe(
      'Cannot stop a project that is Proposed: from Proposed the next steps are In review, Approved, Rejected or On hold.',
    );
    expect(v.nextSteps).toBe(
      'From Proposed the stage flow allows: In review, Approved, Rejected, On hold.',
    );

    const r = decide(w.ana, 'P03', 'Proposed', 'approve', '  Strong fit, budget available  ');
    expect(r.message).toBe('P03 approved: Proposed → Approved. Recorded in Decisions.');
    expect(status(w, 'P03')).toBe('Approved');
    const d = records(w, 'Decisions');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({
      Who: ANA,
      ID: 'P03',
      Name: 'Outbound SDR sprint for SMB',
      Decision: 'approve',
      From: 'Proposed',
      To: 'Approved',
      Reason: 'Strong fit, budget available',
    });
    expect(iso(d[0]?.Time)).toBe(today(w));
    expect(w.workbook.sheetValues('Log').at(-1)?.slice(1, 3)).toEqual([ANA, 'Record decision']);
    expect(lastToast(w.ana)).toBe(r.message);
    // The dialog reloads: the new status and the decision just made.
    // (Creating Decisions made it the active sheet: the reload asks for the project by ID.)
    const after = ui<DecisionView>(w.ana, 'record-decision.load', { id: 'P03' });
    expect(after.status).toBe('Approved');
    expect(after.recent).toEqual([
      `${today(w)} ${ANA}: approve (Proposed → Approved) — Strong fit, budget available`,
    ]);

    // Undo restores the status and removes the Decisions sheet it created.
    click(w.ana, 'Undo last action');
    expect(status(w, 'P03')).toBe('Proposed');
    expect(w.workbook.sheetNames()).not.toContain('Decisions');
  });

  it('offers every move the stage flow allows, from every status: send to review, start, mark done', () => {
    const w = world({ sample: true });
    for (const from of PROJECT_STATUSES) {
      setProject(w, 'P03', 'Status', from);
      const v = ui<DecisionView>(w.ana, 'record-decision.load', { id: 'P03' });
      expect(v.options.filter((o) => o.allowed).map((o) => o.to)).toEqual(
        expect.arrayContaining(allowedNext(from)),
      );
      expect(v.options.filter((o) => o.allowed)).toHaveLength(allowedNext(from).length);
    }
    // The board's walk through the flow, each step a decision the dialog offers.
    setProject(w, 'P03', 'Status', 'Proposed');
    const walk: [string, string, string][] = [
      ['review', 'In review', 'P03 sent to review: Proposed → In review. Recorded in Decisions.'],
      ['reopen', 'Proposed', 'P03 reopened: In review → Proposed. Recorded in Decisions.'],
      ['review', 'In review', 'P03 sent to review: Proposed → In review. Recorded in Decisions.'],
      ['approve', 'Approved', 'P03 approved: In review → Approved. Recorded in Decisions.'],
      ['start', 'Active', 'P03 started: Approved → Active. Recorded in Decisions.'],
      ['complete', 'Done', 'P03 marked done: Active → Done. Recorded in Decisions.'],
    ];
    for (const [decision, to, message] of walk) {
      const before = ui<DecisionView>(w.ana, 'record-decision.load', { id: 'P03' });
      expect(allowed(before)).toContain(decision);
      if (before.status === 'In review')
        expect(before.options.find((o) => o.decision === 'reopen')?.label).toBe(
          'Send back for more work',
        );
      expect(decide(w.ana, 'P03', before.status, decision, `Step to ${to}`).message).toBe(message);
      expect(status(w, 'P03')).toBe(to);
    }
    expect(records(w, 'Decisions').map((d) => d.Decision)).toEqual(walk.map(([d]) => d));
  });

  it('refuses a Status it cannot read, naming the cell and the fix, instead of taking it as blank', () => {
    const w = world({ sample: true });
    setProject(w, 'P03', 'Status', 'Aproved');
    select(w, ANA, 'P03');
    click(w.ana, 'Record decision…');
    expect(uiError(w.ana, 'record-decision.load').message).toMatch(
      /^Projects, row 4, Status \(column [A-Z]+\): "Aproved" is not one of Proposed, .*Pick one from the dropdown\./,
    );
    expect(
      uiError(w.ana, 'record-decision.decide', {
        id: 'P03',
        status: '',
        decision: 'approve',
        reason: 'typo',
      }).message,
    ).toMatch(/"Aproved" is not one of/);
    expect(status(w, 'P03')).toBe('Aproved');
    expect(w.workbook.sheetNames()).not.toContain('Decisions');
  });

  it('refuses an invalid jump with the allowed next steps, and follows On hold back', () => {
    const w = world({ sample: true });
    expect(status(w, 'P28')).toBe('Done');
    expect(
      uiError(w.ana, 'record-decision.decide', {
        id: 'P28',
        status: 'Done',
        decision: 'approve',
        reason: 'again',
      }),
    ).toMatchObject({
      kind: 'user',
      message:
        'Cannot approve a project that is Done: Done is final; it can only be reopened to Proposed.',
    });
    expect(status(w, 'P28')).toBe('Done');
    expect(w.workbook.sheetNames()).not.toContain('Decisions');

    // P05 is Approved: defer puts it On hold; from there it may only go back the way it came.
    decide(w.ana, 'P05', 'Approved', 'defer', 'RevOps is over-allocated in March');
    expect(status(w, 'P05')).toBe('On hold');
    expect(
      uiError(w.ana, 'record-decision.decide', {
        id: 'P05',
        status: 'On hold',
        decision: 'reject',
        reason: 'no',
      }).message,
    ).toBe(
      'Cannot reject a project that is On hold: from On hold the next steps are Approved, Active or Stopped.',
    );
    select(w, ANA, 'P05');
    const v = open(w.ana);
    expect(allowed(v)).toEqual(['approve', 'start', 'stop']);
    expect(v.options.find((o) => o.decision === 'approve')?.label).toBe('Resume');
    expect(v.recent[0]).toMatch(
      /defer \(Approved → On hold\) — RevOps is over-allocated in March$/,
    );
    decide(w.ana, 'P05', 'On hold', 'approve', 'Capacity freed up');
    expect(status(w, 'P05')).toBe('Approved');
    expect(records(w, 'Decisions').map((d) => [d.From, d.To])).toEqual([
      ['Approved', 'On hold'],
      ['On hold', 'Approved'],
    ]);
  });

  it('refuses a stale dialog, a missing reason and a bad decision, changing nothing', () => {
    const w = world({ sample: true });
    setProject(w, 'P03', 'Status', 'In review'); // someone else moved it after the dialog opened
    expect(
      uiError(w.ana, 'record-decision.decide', {
        id: 'P03',
        status: 'Proposed',
        decision: 'approve',
        reason: 'ok',
      }).message,
    ).toMatch(/^P03's status changed from Proposed to In review since the dialog opened/);
    expect(
      uiError(w.ana, 'record-decision.decide', {
        id: 'P03',
        status: 'In review',
        decision: 'approve',
        reason: '   ',
      }),
    ).toMatchObject({
      kind: 'invalid',
      issues: [
        {
          path: ['reason'],
          message: 'Write a reason for the decision.',
        },
      ],
    });
    expect(
      uiError(w.ana, 'record-decision.decide', {
        id: 'P03',
        status: 'In review',
        decision: 'bless',
        reason: 'ok',
      }).issues,
    ).toEqual([{ path: ['decision'], message: 'Pick a decision.' }]);
    expect(
      uiError(w.ana, 'record-decision.decide', {
        id: 'P99',
        status: '',
        decision: 'approve',
        reason: 'ok',
      }).message,
    ).toMatch(/^No project has the ID "P99"/);
    expect(status(w, 'P03')).toBe('In review');
    expect(w.workbook.sheetNames()).not.toContain('Decisions');
  });

  it('two board members deciding on the same project at once: one decision wins, the other is refused', async () => {
    const w = world({ sample: true });
    w.emulator.as(BOB);
    const call = (decision: string, reason: string): unknown[] => [
      'record-decision.decide',
      { id: 'P03', status: 'Proposed', decision, reason },
    ];
    const reports = await w.emulator.concurrently(
      [
        { user: ANA, fn: 'uiCall', name: 'ana', args: call('approve', 'Go') },
        { user: BOB, fn: 'uiCall', name: 'bob', args: call('reject', 'No') },
      ],
      // Bob asks for the lock while Ana holds it and is writing.
      {
        pauses: [
          {
            exec: 'bob',
            before: 'Lock.tryLock',
            until: { exec: 'ana', reached: 'Range.setValues' },
          },
        ],
      },
    );
    const [ana, bob] = reports.map((r) => r.value as { ok: boolean; error?: { message: string } });
    expect(ana?.ok).toBe(true);
    expect(bob?.error?.message).toMatch(
      /^P03's status changed from Proposed to Approved since the dialog opened/,
    );
    expect(status(w, 'P03')).toBe('Approved');
    expect(records(w, 'Decisions').map((d) => [d.Who, d.To])).toEqual([[ANA, 'Approved']]);
  }, 60_000);

  it('lets only the board decide once Settings names its members', () => {
    const w = world({ sample: true });
    setSetting(w, 'Board members', 'cfo@example.com, bob@example.com');
    select(w, ANA, 'P03');
    const v = open(w.ana);
    expect(v).toMatchObject({
      canDecide: false,
      who: 'Only the board members named in Settings (cfo@example.com, bob@example.com) may record decisions.',
    });
    expect(
      uiError(w.ana, 'record-decision.decide', {
        id: 'P03',
        status: 'Proposed',
        decision: 'approve',
        reason: 'Go',
      }),
    ).toMatchObject({
      kind: 'user',
      message: v.who,
    });
    expect(status(w, 'P03')).toBe('Proposed');
    const bob = w.emulator.as(BOB);
    expect(ui<DecisionView>(bob, 'record-decision.load', { id: 'P03' }).canDecide).toBe(true);
    decide(bob, 'P03', 'Proposed', 'approve', 'Go');
    expect(status(w, 'P03')).toBe('Approved');
  });

  it('asks for a project row when the selection is elsewhere, before opening', () => {
    const w = world({ sample: true });
    w.byHand(ANA).getActiveSpreadsheet().getSheetByName('Criteria')?.getRange('A2').activate();
    w.ana.answerAlert('OK');
    w.ana.clickMenu('Portfolio Pilot', 'Record decision…');
    expect(w.ana.shown).toHaveLength(0);
    expect(lastAlert(w.ana)?.prompt).toMatch(
      /^Record decision… works on the project you select\. Click any cell in a project's row on the Projects sheet/,
    );
  });

  it('lists the decisions since the last snapshot in the review', () => {
    const w = world({ sample: true });
    decide(w.ana, 'P03', 'Proposed', 'approve', 'Strong fit');
    decide(w.emulator.as(BOB), 'P06', 'Proposed', 'reject', 'Duplicates P21');
    click(w.ana, 'Prepare review');
    const review = w.workbook.sheetValues('Review');
    const at = review.findIndex((r) => r[0] === 'Time');
    expect(review.slice(at + 1, at + 3).map((r) => r.slice(1))).toEqual([
      [ANA, 'P03', 'Outbound SDR sprint for SMB', 'approve', 'Proposed → Approved', 'Strong fit'],
      [BOB, 'P06', 'Forecasting tool rollout', 'reject', 'Proposed → Rejected', 'Duplicates P21'],
    ]);
  });
});
