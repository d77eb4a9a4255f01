/**
 * Record decision…: the board approves, rejects, defers, stops (or reopens) the project in the
 * selected row, with a reason. The dialog offers the decisions the stage flow allows from the
 * project's status (core/stage-flow.ts); submitting runs under runAction (document lock, fresh
 * read, transaction, undo, Log): it checks again that the status is still the one shown and that
 * the move is allowed — refusing with a message that names the allowed next steps — then writes
 * Status and appends the decision to the Decisions sheet (time, who, ID, name, decision, from,
 * to, reason).
 */
import * as z from 'zod/mini';
import { matchKey } from '../../core/keys';
import { lazy } from '../../core/lazy';
import type { Project } from '../../core/model';
import {
  allowedNext,
  checkDecision,
  DECISION_TARGET,
  DECISIONS,
  type Decision,
} from '../../core/stage-flow';
import { projectsSheet } from '../../menu/actions/workbook';
import { runAction, type ActionContext, type ActionResult } from '../../sheets/action';
import { appendDecision, readDecisions, statusBeforeHold } from '../../sheets/decisions';
import { SheetError } from '../../sheets/problems';
import { readProjects } from '../../sheets/projects';
import { PROJECTS } from '../../sheets/schema';
import type { Services } from '../../sheets/services';
import { missingSheet } from '../../sheets/table';
import { readOnly, selectedProjectRow, showDialog, userMessage } from '../server-dialog';
import { DECISION_TEMPLATE } from './template';

export const DECISION_TITLE = 'Record decision';
export const REASON_MAX = 1000;

const LABELS: Readonly<Record<Decision, string>> = {
  approve: 'Approve',
  reject: 'Reject',
  defer: 'Defer (put on hold)',
  stop: 'Stop',
  reopen: 'Reopen (back to Proposed)',
};

const DONE: Readonly<Record<Decision, string>> = {
  approve: 'approved',
  reject: 'rejected',
  defer: 'deferred',
  stop: 'stopped',
  reopen: 'reopened',
};

export interface DecisionView {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  /** The status as shown ('' when blank): sent back so a change in between is caught. */
  readonly status: string;
  readonly options: readonly {
    readonly decision: Decision;
    readonly label: string;
    readonly to: string;
    readonly allowed: boolean;
    readonly why: string;
  }[];
  readonly nextSteps: string;
  readonly recent: readonly string[];
  readonly reasonMax: number;
}

function findProject(projects: readonly Project[], id: string): Project | undefined {
  return projects.find((p) => p.id === id) ?? projects.find((p) => matchKey(p.id) === matchKey(id));
}

/** The dialog's content for the selected project. */
export function decisionView(services: Services): DecisionView {
  const { ss, opts } = readOnly(services);
  const row = selectedProjectRow(ss, `${DECISION_TITLE}…`);
  const sheet = ss.getSheetByName(PROJECTS.name);
  if (!sheet) throw missingSheet(PROJECTS);
  const read = readProjects(sheet, [], opts);
  if (!read.table.index.has('status'))
    throw new SheetError(
      'Projects has no Status column. Run Set up workbook to add it, then record the decision.',
    );
  const p = read.projects.find((x) => x.row === row);
  if (!p || p.id.startsWith('row '))
    throw new SheetError(
      `Row ${row} of Projects has no project with an ID. Select a row that has one, then choose ${DECISION_TITLE}… again.`,
    );
  const { decisions } = readDecisions(ss, opts);
  const previous = p.status === 'On hold' ? statusBeforeHold(decisions, p.id) : null;
  const next = allowedNext(p.status, previous);
  const mine = decisions.filter((d) => matchKey(d.id) === matchKey(p.id));
  return {
    id: p.id,
    name: p.name,
    owner: p.owner,
    status: p.status ?? '',
    options: DECISIONS.map((d) => {
      const check = checkDecision(d, p.status, previous);
      return {
        decision: d,
        label: LABELS[d],
        to: DECISION_TARGET[d],
        allowed: check.ok,
        why: check.ok ? '' : check.message,
      };
    }),
    nextSteps: `From ${p.status ?? 'a blank status'} the stage flow allows: ${next.join(', ')}.`,
    recent: mine
      .slice(-5)
      .reverse()
      .map(
        (d) =>
          `${d.date ?? ''} ${d.user}: ${d.decision} (${d.from ?? 'blank'} → ${d.to ?? 'blank'}) — ${d.reason}`,
      ),
    reasonMax: REASON_MAX,
  };
}

/** Menu: Record decision… — shows the dialog for the selected project. */
export function showRecordDecision(services: Services, ui: GoogleAppsScript.Base.Ui): void {
  showDialog(services, ui, DECISION_TEMPLATE, decisionView(services), `${DECISION_TITLE}…`, {
    width: 560,
    height: 520,
  });
}

const submissionSchema = lazy(() =>
  z.object({
    id: z.string().check(z.trim(), z.minLength(1)),
    decision: z.enum(DECISIONS),
    reason: z.string().check(z.trim()),
    status: z.string(),
  }),
);
export type DecisionSubmission = z.infer<ReturnType<typeof submissionSchema>>;

/**
 * The dialog's submit (google.script.run): records the decision, or throws an Error whose message
 * the dialog shows (what is wrong and what to do).
 */
export function submitDecision(services: Services, input: unknown): { message: string } {
  const parsed = submissionSchema().safeParse(input);
  if (!parsed.success)
    throw new Error(
      'The dialog sent an incomplete decision: pick approve, reject, defer, stop or reopen, write a reason and submit again.',
    );
  const s = parsed.data;
  if (s.reason === '')
    throw new Error('Write a reason for the decision: the board and later reviews read it.');
  if (s.reason.length > REASON_MAX)
    throw new Error(
      `The reason is ${s.reason.length} characters; keep it to ${REASON_MAX} or fewer.`,
    );
  let failure: string | null = null;
  let message = '';
  try {
    message = runAction(services, DECISION_TITLE, (ctx) => record(ctx, s)).toast;
  } catch (e) {
    failure = userMessage(e);
  }
  // The dialog shows the message of the Error google.script.run reports.
  if (failure !== null) throw new Error(failure);
  return { message };
}

function record(ctx: ActionContext, s: DecisionSubmission): ActionResult {
  const sheet = projectsSheet(ctx);
  const read = readProjects(sheet, [], ctx);
  const statusCol = read.table.index.get('status');
  if (statusCol === undefined)
    throw new SheetError('Projects has no Status column. Run Set up workbook to add it.');
  const p = findProject(read.projects, s.id);
  if (!p)
    throw new SheetError(
      `No project has the ID "${s.id}" any more (it was changed or deleted). Close the dialog and choose ${DECISION_TITLE}… again.`,
    );
  if ((p.status ?? '') !== s.status)
    throw new SheetError(
      `${p.id}'s status changed from ${s.status || 'blank'} to ${p.status ?? 'blank'} since the dialog opened. Close it and choose ${DECISION_TITLE}… again to decide on the current status.`,
    );
  const { table, decisions } = readDecisions(ctx.ss, ctx);
  const check = checkDecision(s.decision, p.status, statusBeforeHold(decisions, p.id));
  if (!check.ok) throw new SheetError(check.message);
  const before = read.table.rows[p.row - 2]?.[statusCol] ?? '';
  ctx.tx.write(sheet, p.row, statusCol + 1, [[check.to]], {
    values: [[before]],
    formulas: [[read.table.formulas[p.row - 2]?.[statusCol] ?? '']],
  });
  appendDecision(ctx, table, {
    user: ctx.user,
    id: p.id,
    name: p.name,
    decision: s.decision,
    from: p.status,
    to: check.to,
    reason: s.reason,
  });
  const text = `${p.id} ${DONE[s.decision]}: ${p.status ?? 'blank'} → ${check.to}. Recorded in Decisions.`;
  return {
    toast: text,
    log: `${text} Reason: ${s.reason}`,
  };
}
