/**
 * Record decision…: the board moves the project in the selected row along the stage flow (send to
 * review, approve, start, mark done, defer, reject, stop, reopen), with a reason. The dialog
 * offers every move the stage flow allows from the project's status (core/stage-flow.ts);
 * submitting runs under runAction (document lock, fresh read, transaction, undo, Log): it checks
 * again that the status is still the one shown and that the move is allowed — refusing with a
 * message that names the allowed next steps — then writes Status and appends the decision to the
 * Decisions sheet (time, who, ID, name, decision, from, to, reason).
 */
import { matchKey } from '../../core/keys';
import type { Project, ProjectStatus } from '../../core/model';
import {
  allowedNext,
  checkDecision,
  DECISION_TARGET,
  DECISIONS,
  type Decision,
} from '../../core/stage-flow';
import { projectsSheet } from '../../menu/actions/workbook';
import { boardCheck, requireBoard } from '../../sheets/board';
import { runAction, type ActionContext, type ActionResult } from '../../sheets/action';
import { appendDecision, readDecisions, statusBeforeHold } from '../../sheets/decisions';
import { describeProblem, SheetError } from '../../sheets/problems';
import { readProjects, refuseDuplicateIds, type ProjectsRead } from '../../sheets/projects';
import { PROJECTS } from '../../sheets/schema';
import type { Services } from '../../sheets/services';
import { missingSheet } from '../../sheets/table';
import { rowKeysOf } from '../../sheets/row-keys';
import { endpoint, type Endpoint } from '../bridge/server';
import { PAGES, readContext } from '../pages';
import { selectedProjectRow } from '../selection';
import { decisionContract, type DecisionView } from './contract';

const TITLE = PAGES['record-decision'];

const LABELS: Readonly<Record<Decision, string>> = {
  review: 'Send to review',
  approve: 'Approve',
  start: 'Start',
  complete: 'Mark done',
  defer: 'Defer (put on hold)',
  reject: 'Reject',
  stop: 'Stop',
  reopen: 'Reopen',
};

/**
 * The decision's name as the dialog shows it from `from`: going back to Proposed from In review
 * sends the project back for more work; leaving On hold for the status it came from resumes it.
 */
function label(d: Decision, from: ProjectStatus | null, previous: ProjectStatus | null): string {
  if (from === 'On hold' && DECISION_TARGET[d] === previous) return 'Resume';
  if (d === 'reopen' && from === 'In review') return 'Send back for more work';
  return LABELS[d];
}

const DONE: Readonly<Record<Decision, string>> = {
  review: 'sent to review',
  approve: 'approved',
  start: 'started',
  complete: 'marked done',
  defer: 'deferred',
  reject: 'rejected',
  stop: 'stopped',
  reopen: 'reopened',
};

/** What the decide handler receives (the contract's input after parsing). */
interface Submission {
  readonly id: string;
  readonly status: string;
  readonly decision: Decision;
  readonly reason: string;
}

export function decisionEndpoint(): Endpoint {
  return endpoint('record-decision', decisionContract, {
    load: (input, services) => decisionView(services, input?.id ?? null),
    decide: (input, services) => submitDecision(services, input),
  });
}

/** Checks that a project row is selected (before the dialog opens); throws a SheetError if not. */
export function checkDecisionSelection(services: Services): void {
  selectedProjectRow(readContext(services).ss, TITLE);
}

/**
 * A Status cell that holds something other than a status ("Aproved") reads as blank; deciding on
 * it would overwrite what was typed and log "from blank". Refuse, naming the cell and the fix.
 */
function checkStatusReadable(read: ProjectsRead, p: Project): void {
  const col = read.table.index.get('status');
  const bad = read.problems.find((q) => q.row === p.row && q.columnNumber === (col ?? -2) + 1);
  if (bad) throw new SheetError(`${describeProblem(bad)} Then choose ${TITLE} again.`, [bad]);
}

function findProject(projects: readonly Project[], id: string): Project | undefined {
  return projects.find((p) => p.id === id) ?? projects.find((p) => matchKey(p.id) === matchKey(id));
}

/** The dialog's content for the project with ID `id`, or (null) the one in the selected row. */
export function decisionView(services: Services, id: string | null): DecisionView {
  const ctx = readContext(services);
  const { ss } = ctx;
  const opts = { dateKey: ctx.dateKey };
  const row = id === null ? selectedProjectRow(ss, TITLE) : null;
  const sheet = ss.getSheetByName(PROJECTS.name);
  if (!sheet) throw missingSheet(PROJECTS);
  const read = readProjects(sheet, [], opts);
  if (!read.table.index.has('status'))
    throw new SheetError(
      'Projects has no Status column. Run Set up workbook to add it, then record the decision.',
    );
  const p =
    row === null ? findProject(read.projects, id ?? '') : read.projects.find((x) => x.row === row);
  if (!p || p.id.startsWith('row '))
    throw new SheetError(
      row === null
        ? `No project has the ID "${id ?? ''}" any more. Close the dialog and choose ${TITLE} again.`
        : `Row ${row} of Projects has no project with an ID. Select a row that has one, then choose ${TITLE} again.`,
    );
  checkStatusReadable(read, p);
  const { decisions } = readDecisions(ss, opts);
  const previous = p.status === 'On hold' ? statusBeforeHold(decisions, p.id) : null;
  const next = allowedNext(p.status, previous);
  const mine = decisions.filter((d) => matchKey(d.id) === matchKey(p.id));
  const who = boardCheck(ss, opts, services, 'record decisions');
  return {
    id: p.id,
    name: p.name,
    owner: p.owner,
    status: p.status ?? '',
    options: DECISIONS.map((d) => {
      const check = checkDecision(d, p.status, previous);
      return {
        decision: d,
        label: label(d, p.status, previous),
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
    canDecide: who.ok,
    who: who.why,
  };
}

/** Records the decision (under runAction); a SheetError says why it cannot be recorded. */
export function submitDecision(services: Services, s: Submission): { message: string } {
  return { message: runAction(services, 'Record decision', (ctx) => record(ctx, s)).toast };
}

function record(ctx: ActionContext, s: Submission): ActionResult {
  requireBoard(ctx, 'record decisions');
  const sheet = projectsSheet(ctx);
  const read = readProjects(sheet, [], ctx);
  const statusCol = read.table.index.get('status');
  if (statusCol === undefined)
    throw new SheetError('Projects has no Status column. Run Set up workbook to add it.');
  const p = findProject(read.projects, s.id);
  if (!p)
    throw new SheetError(
      `No project has the ID "${s.id}" any more (it was changed or deleted). Close the dialog and choose ${TITLE} again.`,
    );
  refuseDuplicateIds(
    read.projects.filter((q) => matchKey(q.id) === matchKey(p.id)),
    TITLE.replace(/…$/, ''),
  );
  checkStatusReadable(read, p);
  if ((p.status ?? '') !== s.status)
    throw new SheetError(
      `${p.id}'s status changed from ${s.status || 'blank'} to ${p.status ?? 'blank'} since the dialog opened. Close it and choose ${TITLE} again to decide on the current status.`,
    );
  const { table, decisions } = readDecisions(ctx.ss, ctx);
  const check = checkDecision(s.decision, p.status, statusBeforeHold(decisions, p.id));
  if (!check.ok) throw new SheetError(check.message);
  const before = read.table.rows[p.row - 2]?.[statusCol] ?? '';
  ctx.tx.write(sheet, p.row, statusCol + 1, [[check.to]], {
    values: [[before]],
    formulas: [[read.table.formulas[p.row - 2]?.[statusCol] ?? '']],
    key: rowKeysOf(read.table, p.row - 2, 1),
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
