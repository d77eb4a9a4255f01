/**
 * The status stage flow and the board's decisions.
 *
 *   Proposed  → In review, Approved, Rejected, On hold
 *   In review → Approved, Rejected, On hold, Proposed (sent back for more work)
 *   Approved  → Active, On hold, Stopped
 *   Active    → Done, On hold, Stopped
 *   On hold   → back to the status it came from, or anywhere that status could go (except On
 *               hold); when that status is unknown: In review, Approved, Active, Rejected, Stopped
 *   Done, Rejected, Stopped are final: the only way out is reopening to Proposed.
 *   A blank status is a new project: it may be set to Proposed or to where Proposed can go.
 *
 * Rejected is for projects never approved (Proposed, In review); Stopped is for projects approved
 * or under way. Each status is the target of exactly one decision, so every move the flow allows
 * is a decision: review → In review, approve → Approved, start → Active, complete → Done,
 * defer → On hold, reject → Rejected, stop → Stopped, reopen → Proposed (also "send back" from
 * In review, and resuming an On hold project that came from Proposed).
 */
import { CLOSED_STATUSES, type ProjectStatus } from './model';

export const FINAL_STATUSES: readonly ProjectStatus[] = CLOSED_STATUSES;

const NEXT: Readonly<Record<ProjectStatus, readonly ProjectStatus[]>> = {
  Proposed: ['In review', 'Approved', 'Rejected', 'On hold'],
  'In review': ['Approved', 'Rejected', 'On hold', 'Proposed'],
  Approved: ['Active', 'On hold', 'Stopped'],
  Active: ['Done', 'On hold', 'Stopped'],
  'On hold': ['In review', 'Approved', 'Active', 'Rejected', 'Stopped'],
  Done: ['Proposed'],
  Rejected: ['Proposed'],
  Stopped: ['Proposed'],
};

/** The decisions in the order of the flow (the dialog lists them so). */
export const DECISIONS = [
  'review',
  'approve',
  'start',
  'complete',
  'defer',
  'reject',
  'stop',
  'reopen',
] as const;
export type Decision = (typeof DECISIONS)[number];

export const DECISION_TARGET: Readonly<Record<Decision, ProjectStatus>> = {
  review: 'In review',
  approve: 'Approved',
  start: 'Active',
  complete: 'Done',
  defer: 'On hold',
  reject: 'Rejected',
  stop: 'Stopped',
  reopen: 'Proposed',
};

/**
 * The statuses a project may move to from `from`. For On hold, `previous` is the status it was
 * put on hold from (e.g. from the Decisions log), when known.
 */
export function allowedNext(
  from: ProjectStatus | null,
  previous: ProjectStatus | null = null,
): ProjectStatus[] {
  if (from === null) return ['Proposed', ...NEXT.Proposed];
  if (from === 'On hold' && previous !== null && previous !== 'On hold') {
    if (FINAL_STATUSES.includes(previous)) return [...NEXT['On hold']];
    return [previous, ...NEXT[previous].filter((s) => s !== 'On hold')];
  }
  return [...NEXT[from]];
}

export type TransitionCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly message: string; readonly allowed: readonly ProjectStatus[] };

/** Whether `from` → `to` follows the stage flow; if not, a message naming the allowed next steps. */
export function checkTransition(
  from: ProjectStatus | null,
  to: ProjectStatus,
  previous: ProjectStatus | null = null,
): TransitionCheck {
  const allowed = allowedNext(from, previous);
  if (allowed.includes(to)) return { ok: true };
  if (from === to) return { ok: false, message: `The status is already ${to}.`, allowed };
  return {
    ok: false,
    message: `Cannot move from ${from ?? 'a blank status'} to ${to}: ${nextSteps(from, allowed)}.`,
    allowed,
  };
}

export type DecisionCheck =
  | { readonly ok: true; readonly to: ProjectStatus }
  | { readonly ok: false; readonly message: string; readonly allowed: readonly ProjectStatus[] };

/** The status a decision leads to, if the stage flow allows it from `from`. */
export function checkDecision(
  decision: Decision,
  from: ProjectStatus | null,
  previous: ProjectStatus | null = null,
): DecisionCheck {
  const to = DECISION_TARGET[decision];
  const allowed = allowedNext(from, previous);
  if (allowed.includes(to)) return { ok: true, to };
  const what = from === to ? `it is already ${to}` : nextSteps(from, allowed);
  return {
    ok: false,
    message: `Cannot ${decision} a project that is ${from ?? 'blank'}: ${what}.`,
    allowed,
  };
}

/** Reads a decision word, case- and space-insensitive ("Approve", " defer "); undefined otherwise. */
export function parseDecision(text: string): Decision | undefined {
  const key = text.trim().toLowerCase();
  return (DECISIONS as readonly string[]).includes(key) ? (key as Decision) : undefined;
}

function nextSteps(from: ProjectStatus | null, allowed: readonly ProjectStatus[]): string {
  if (from !== null && FINAL_STATUSES.includes(from))
    return `${from} is final; it can only be reopened to Proposed`;
  const list =
    allowed.length === 1
      ? (allowed[0] as string)
      : `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1] as string}`;
  return `from ${from ?? 'a blank status'} the next ${allowed.length === 1 ? 'step is' : 'steps are'} ${list}`;
}
