import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { UserSession } from '../../emulator';
import { ANA, BOB, click, lastAlert, lastToast, records, world, type World } from './helpers';
import { iso, rowOf, setProject, today } from './governance-helpers';

/** The user clicks a cell in the project's row of Projects. */
function select(w: World, email: string, id: string): void {
  const sheet = w.byHand(email).getActiveSpreadsheet().getSheetByName('Projects');
  sheet?.getRange(`B${rowOf(w, id)}`).activate();
}

function openDialog(user: UserSession): string {
  const shown = user.shown.length;
  click(user, 'Record decision…');
  expect(user.shown.length).toBe(shown + 1);
  const html = user.shown[user.shown.length - 1];
  expect(html?.kind).toBe('modal');
  expect(html?.title).toBe('Record decision…');
  return html?.content ?? '';
}

function decide(user: UserSession, id: string, status: string, decision: string, reason: string) {
  return user.scriptRun('recordDecision', { id, status, decision, reason }) as { message: string };
}

/** The error message of a refused submission. */
function refused(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error('the decision was not refused');
}

/**
 * Runs the dialog's inline script against a minimal page: the user picks `decision`, types
 * `reason` and submits. Returns what the script sent through google.script.run and lets the test
 * answer it.
 */
function submitInPage(html: string, decision: string | null, reason: string) {
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  const attr = (name: string): string => new RegExp(`${name}="([^"]*)"`).exec(html)?.[1] ?? '';
  const el = {
    decision: {
      getAttribute: (n: string) => attr(n),
      querySelector: () => (decision ? { value: decision } : null),
    },
    reason: { value: reason },
    submit: { disabled: false, style: { display: '' } },
    close: { textContent: 'Cancel' },
    message: { textContent: '', className: '' },
  };
  const sent: { fn: string; arg: unknown }[] = [];
  const handlers: { ok?: (r: unknown) => void; fail?: (e: unknown) => void } = {};
  const runner = {
    withSuccessHandler(f: (r: unknown) => void) {
      handlers.ok = f;
      return runner;
    },
    withFailureHandler(f: (e: unknown) => void) {
      handlers.fail = f;
      return runner;
    },
    recordDecision(arg: unknown) {
      sent.push({ fn: 'recordDecision', arg });
    },
  };
  const context = vm.createContext({
    document: { getElementById: (id: keyof typeof el) => el[id] },
    google: { script: { run: runner, host: { close: () => undefined } } },
  });
  vm.runInContext(script, context);
  vm.runInContext('submitDecision({ preventDefault: function () {} })', context);
  return { sent, handlers, el };
}

const status = (w: World, id: string): unknown =>
  records(w, 'Projects').find((p) => p.ID === id)?.Status;

describe('Record decision…', () => {
  it('offers the decisions the stage flow allows, then writes Status and appends to Decisions', () => {
    const w = world({ sample: true });
    select(w, ANA, 'P03'); // Proposed
    const html = openDialog(w.ana);
    expect(html).toContain('P03 — Outbound SDR sprint for SMB');
    expect(html).toMatch(/<input type="radio" name="decision" value="approve">/);
    expect(html).toMatch(/<input type="radio" name="decision" value="reject">/);
    expect(html).toMatch(/<input type="radio" name="decision" value="defer">/);
    // Stop is for approved or running projects; reopen for closed ones.
    expect(html).toMatch(/value="stop" disabled/);
    expect(html).toMatch(/value="reopen" disabled/);
    expect(html).toContain(
      'From Proposed the stage flow allows: In review, Approved, Rejected, On hold.',
    );
    expect(html).toContain('data-id="P03" data-status="Proposed"');
    expect(html).toContain('.recordDecision(');

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

    // Undo restores the status (and the Decisions row it added).
    click(w.ana, 'Undo last action');
    expect(status(w, 'P03')).toBe('Proposed');
  });

  it('refuses an invalid jump with the allowed next steps, and follows On hold back', () => {
    const w = world({ sample: true });
    expect(status(w, 'P28')).toBe('Done');
    expect(refused(() => decide(w.ana, 'P28', 'Done', 'approve', 'again'))).toBe(
      'Cannot approve a project that is Done: Done is final; it can only be reopened to Proposed.',
    );
    expect(status(w, 'P28')).toBe('Done');
    expect(w.workbook.sheetNames()).not.toContain('Decisions');

    // P05 is Approved: defer puts it On hold; from there it may only go back the way it came.
    decide(w.ana, 'P05', 'Approved', 'defer', 'RevOps is over-allocated in March');
    expect(status(w, 'P05')).toBe('On hold');
    expect(refused(() => decide(w.ana, 'P05', 'On hold', 'reject', 'no'))).toBe(
      'Cannot reject a project that is On hold: from On hold the next steps are Approved, Active or Stopped.',
    );
    select(w, ANA, 'P05');
    const html = openDialog(w.ana);
    expect(html).toMatch(/value="approve">/);
    expect(html).toMatch(/value="reject" disabled/);
    expect(html).toContain('Earlier decisions on P05');
    expect(html).toContain('RevOps is over-allocated in March');
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
    expect(refused(() => decide(w.ana, 'P03', 'Proposed', 'approve', 'ok'))).toMatch(
      /^P03's status changed from Proposed to In review since the dialog opened/,
    );
    expect(refused(() => decide(w.ana, 'P03', 'In review', 'approve', '   '))).toMatch(
      /^Write a reason/,
    );
    expect(refused(() => decide(w.ana, 'P03', 'In review', 'bless', 'ok'))).toMatch(
      /incomplete decision/,
    );
    expect(refused(() => decide(w.ana, 'P99', '', 'approve', 'ok'))).toMatch(
      /^No project has the ID "P99"/,
    );
    expect(status(w, 'P03')).toBe('In review');
    expect(w.workbook.sheetNames()).not.toContain('Decisions');
  });

  it("the dialog's page sends the picked decision and reason, and shows the server's answer", () => {
    const w = world({ sample: true });
    select(w, ANA, 'P04'); // In review
    const html = openDialog(w.ana);
    const none = submitInPage(html, null, 'x');
    expect(none.sent).toEqual([]);
    expect(none.el.message.textContent).toBe('Pick a decision.');
    expect(submitInPage(html, 'approve', '   ').el.message.textContent).toBe('Write a reason.');

    const page = submitInPage(html, 'reject', '  Overlaps with P33  ');
    expect(page.sent).toEqual([
      {
        fn: 'recordDecision',
        arg: { id: 'P04', status: 'In review', decision: 'reject', reason: 'Overlaps with P33' },
      },
    ]);
    expect(page.el.submit.disabled).toBe(true);
    const answer = w.ana.scriptRun('recordDecision', page.sent[0]?.arg);
    page.handlers.ok?.(answer);
    expect(page.el.message).toEqual({
      textContent: 'P04 rejected: In review → Rejected. Recorded in Decisions.',
      className: 'ok',
    });
    expect(page.el.close.textContent).toBe('Close');
    expect(status(w, 'P04')).toBe('Rejected');

    // The same page submitted again: the server refuses and the page shows why.
    const again = submitInPage(html, 'reject', 'twice');
    again.handlers.fail?.(
      new Error(refused(() => w.ana.scriptRun('recordDecision', again.sent[0]?.arg))),
    );
    expect(again.el.message.className).toBe('error');
    expect(again.el.message.textContent).toMatch(
      /^P04's status changed from In review to Rejected/,
    );
    expect(again.el.submit.disabled).toBe(false);
  });

  it('two board members deciding on the same project at once: one decision wins, the other is refused', async () => {
    const w = world({ sample: true });
    w.emulator.as(BOB);
    const reports = await w.emulator.concurrently(
      [
        {
          user: ANA,
          fn: 'recordDecision',
          name: 'ana',
          args: [{ id: 'P03', status: 'Proposed', decision: 'approve', reason: 'Go' }],
        },
        {
          user: BOB,
          fn: 'recordDecision',
          name: 'bob',
          args: [{ id: 'P03', status: 'Proposed', decision: 'reject', reason: 'No' }],
        },
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
    const [ana, bob] = reports;
    expect(ana?.error).toBeUndefined();
    expect(bob?.error?.message).toMatch(
      /^P03's status changed from Proposed to Approved since the dialog opened/,
    );
    expect(status(w, 'P03')).toBe('Approved');
    expect(records(w, 'Decisions').map((d) => [d.Who, d.To])).toEqual([[ANA, 'Approved']]);
  }, 60_000);

  it('asks for a project row when the selection is elsewhere', () => {
    const w = world({ sample: true });
    w.byHand(ANA).getActiveSpreadsheet().getSheetByName('Criteria')?.getRange('A2').activate();
    w.ana.answerAlert('OK');
    w.ana.clickMenu('Portfolio Pilot', 'Record decision…');
    expect(lastAlert(w.ana)?.prompt).toMatch(
      /^Record decision… works on the project you select\. Click any cell in a project's row on the Projects sheet/,
    );
  });

  it('lists the decisions since the last snapshot in the review', () => {
    const w = world({ sample: true });
    decide(w.ana, 'P03', 'Proposed', 'approve', 'Strong fit');
    const bob = w.emulator.as(BOB);
    decide(bob, 'P06', 'Proposed', 'reject', 'Duplicates P21');
    click(w.ana, 'Prepare review');
    const review = w.workbook.sheetValues('Review');
    const at = review.findIndex((r) => r[0] === 'Time');
    expect(review.slice(at + 1, at + 3).map((r) => r.slice(1))).toEqual([
      [ANA, 'P03', 'Outbound SDR sprint for SMB', 'approve', 'Proposed → Approved', 'Strong fit'],
      [BOB, 'P06', 'Forecasting tool rollout', 'reject', 'Proposed → Rejected', 'Duplicates P21'],
    ]);
  });
});
