import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROJECT_STATUSES, type ProjectStatus } from '../../../src/core/model';
import {
  allowedNext,
  checkDecision,
  checkTransition,
  DECISION_TARGET,
  DECISIONS,
  FINAL_STATUSES,
  parseDecision,
} from '../../../src/core/stage-flow';

describe('stage flow', () => {
  it('walks the happy path Proposed → In review → Approved → Active → Done', () => {
    const path: ProjectStatus[] = ['Proposed', 'In review', 'Approved', 'Active', 'Done'];
    for (let k = 1; k < path.length; k++)
      expect(checkTransition(path[k - 1]!, path[k]!)).toEqual({ ok: true });
  });

  it('refuses a jump with a message naming the allowed next steps', () => {
    expect(checkTransition('Proposed', 'Active')).toEqual({
      ok: false,
      message:
        'Cannot move from Proposed to Active: from Proposed the next steps are In review, Approved, Rejected or On hold.',
      allowed: ['In review', 'Approved', 'Rejected', 'On hold'],
    });
    expect(checkTransition('Done', 'Active')).toMatchObject({
      ok: false,
      message:
        'Cannot move from Done to Active: Done is final; it can only be reopened to Proposed.',
    });
    expect(checkTransition('Active', 'Active')).toMatchObject({
      ok: false,
      message: 'The status is already Active.',
    });
    expect(checkTransition('Approved', 'Rejected')).toMatchObject({ ok: false });
    expect(checkTransition('Active', 'Stopped')).toEqual({ ok: true });
  });

  it('resumes On hold to where it came from, or where that status could go', () => {
    expect(allowedNext('On hold', 'Active')).toEqual(['Active', 'Done', 'Stopped']);
    expect(allowedNext('On hold', 'In review')).toEqual([
      'In review',
      'Approved',
      'Rejected',
      'Proposed',
    ]);
    expect(allowedNext('On hold')).toEqual([
      'In review',
      'Approved',
      'Active',
      'Rejected',
      'Stopped',
    ]);
    expect(checkTransition('On hold', 'Done', 'Approved')).toMatchObject({
      ok: false,
      message:
        'Cannot move from On hold to Done: from On hold the next steps are Approved, Active or Stopped.',
    });
  });

  it('treats a blank status as a new project', () => {
    expect(checkTransition(null, 'Proposed')).toEqual({ ok: true });
    expect(checkTransition(null, 'Approved')).toEqual({ ok: true });
    expect(checkTransition(null, 'Done')).toMatchObject({ ok: false });
  });

  it('maps decisions to statuses and checks them against the flow', () => {
    expect(checkDecision('approve', 'In review')).toEqual({ ok: true, to: 'Approved' });
    expect(checkDecision('defer', 'Active')).toEqual({ ok: true, to: 'On hold' });
    expect(checkDecision('stop', 'Approved')).toEqual({ ok: true, to: 'Stopped' });
    expect(checkDecision('reject', 'Proposed')).toEqual({ ok: true, to: 'Rejected' });
    expect(checkDecision('reopen', 'Rejected')).toEqual({ ok: true, to: 'Proposed' });
    expect(checkDecision('approve', 'Approved')).toMatchObject({
      ok: false,
      message: 'Cannot approve a project that is Approved: it is already Approved.',
    });
    expect(checkDecision('reject', 'Active')).toMatchObject({
      ok: false,
      message:
        'Cannot reject a project that is Active: from Active the next steps are Done, On hold or Stopped.',
    });
    expect(parseDecision(' Approve ')).toBe('approve');
    expect(parseDecision('approved')).toBeUndefined();
  });

  it('has a decision for every status, so every move the flow allows can be recorded', () => {
    expect([...DECISIONS].map((d) => DECISION_TARGET[d]).sort()).toEqual(
      [...PROJECT_STATUSES].sort(),
    );
    expect(checkDecision('review', 'Proposed')).toEqual({ ok: true, to: 'In review' });
    expect(checkDecision('start', 'Approved')).toEqual({ ok: true, to: 'Active' });
    expect(checkDecision('complete', 'Active')).toEqual({ ok: true, to: 'Done' });
    expect(checkDecision('reopen', 'In review')).toEqual({ ok: true, to: 'Proposed' });
  });

  const status = fc.constantFrom<ProjectStatus | null>(...PROJECT_STATUSES, null);
  const known = fc.constantFrom<ProjectStatus>(...PROJECT_STATUSES);

  it('property: a final state is left only by reopening to Proposed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FINAL_STATUSES), known, status, (from, to, previous) => {
        expect(checkTransition(from, to, previous).ok).toBe(to === 'Proposed');
      }),
    );
  });

  it('property: every allowed step is accepted, every other refused with the same list', () => {
    fc.assert(
      fc.property(status, known, status, (from, to, previous) => {
        const allowed = allowedNext(from, previous);
        const r = checkTransition(from, to, previous);
        expect(r.ok).toBe(allowed.includes(to));
        if (!r.ok) {
          expect(r.allowed).toEqual(allowed);
          expect(r.message.length).toBeGreaterThan(10);
        }
        expect(allowed).not.toContain(from); // never "move" to itself, except On hold resuming
      }),
    );
  });

  it('property: the allowed decisions reach exactly the statuses the flow allows', () => {
    fc.assert(
      fc.property(status, status, (from, previous) => {
        const reached = DECISIONS.map((d) => checkDecision(d, from, previous))
          .filter((r) => r.ok)
          .map((r) => r.to);
        expect([...reached].sort()).toEqual([...allowedNext(from, previous)].sort());
      }),
    );
  });

  it('property: a decision is ok exactly when its target is an allowed step', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DECISIONS), status, status, (d, from, previous) => {
        const r = checkDecision(d, from, previous);
        const t = checkTransition(from, r.ok ? r.to : 'Proposed', previous);
        if (r.ok) expect(t.ok).toBe(true);
        else expect(r.allowed).toEqual(allowedNext(from, previous));
      }),
    );
  });
});
