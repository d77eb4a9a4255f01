/**
 * A scenario's selection checked on the server against the workbook as it is now, before it is
 * saved or committed: the page's list of IDs is a request, not a fact. The IDs must be projects
 * that exist once, are open candidates, and together keep to every constraint of the optimiser's
 * model (budget, capacity × the scenario's factor, forces, dependencies, exclusions, Settings'
 * Budget per month and Balance rules). With moved starts (time-phased planning), the constraints
 * are checked with each project's demand and monthly cost in the months it would run.
 */
import { buildModel, violations, type PortfolioProblem } from '../../core/allocation';
import { matchKey } from '../../core/keys';
import { timeIndexed, type PortfolioSchedule } from '../../core/schedule';
import { pct } from '../../sheets/optimiser-settings';
import { SheetError } from '../../sheets/problems';

/** How many failures a refusal lists (then "and N more"). */
const SHOWN = 6;

/**
 * The selection as a 0/1 vector over `pp.candidates`, or a SheetError that says what fails:
 * IDs that are not projects, not open, or break a constraint. `what` starts the message
 * ('Scenario "Plan B" cannot be committed'); `fix` ends it.
 */
export function checkSelection(
  pp: PortfolioProblem,
  ids: readonly string[],
  what: string,
  fix: string,
  timed?: {
    readonly schedule: PortfolioSchedule;
    /** Requested start months ("2027-04") by project ID; a project not listed starts at its Start. */
    readonly starts: ReadonlyMap<string, string>;
  },
): boolean[] {
  const wanted = new Set(ids.map(matchKey));
  const candidate = new Set(pp.candidates.map((p) => matchKey(p.id)));
  const failures: string[] = [];
  for (const s of pp.skipped)
    if (wanted.has(matchKey(s.project.id)))
      failures.push(`${s.project.id} is not a candidate (${s.reason})`);
  const skipped = new Set(pp.skipped.map((s) => matchKey(s.project.id)));
  const unknown = ids.filter((id) => !candidate.has(matchKey(id)) && !skipped.has(matchKey(id)));
  if (unknown.length) failures.push(`Projects has no ${unknown.join(', ')}`);
  const selection = pp.candidates.map((p) => wanted.has(matchKey(p.id)));
  failures.push(
    ...(timed && timed.starts.size > 0
      ? timedFailures(timed.schedule, selection, timed.starts)
      : constraintFailures(pp, selection)),
  );
  if (failures.length === 0) return selection;
  const more = failures.length > SHOWN ? `; and ${failures.length - SHOWN} more` : '';
  throw new SheetError(`${what}: ${failures.slice(0, SHOWN).join('; ')}${more}. ${fix}`);
}

/**
 * The failures of a selection whose projects start in the months requested: each chosen project
 * takes the start of the time-indexed model (core/schedule) at its delay, so capacity and the
 * budget per month count it in the months it would run. A month outside its window fails.
 */
function timedFailures(
  ps: PortfolioSchedule,
  selection: readonly boolean[],
  starts: ReadonlyMap<string, string>,
): string[] {
  const tm = timeIndexed(ps.schedule);
  const chosen = new Array<boolean>(tm.problem.projects.length).fill(false);
  const out: string[] = [];
  const byKey = new Map([...starts].map(([id, month]) => [matchKey(id), month]));
  ps.portfolio.candidates.forEach((p, j) => {
    if (!selection[j]) return;
    const q = ps.schedule.projects[j];
    const month = byKey.get(matchKey(p.id));
    const at = month === undefined ? -1 : ps.schedule.periods.indexOf(month);
    const delay = month === undefined || !q || q.start === null ? 0 : at - q.start;
    const k = tm.candidates[j]?.find((c) => tm.delay[c] === delay);
    if (k === undefined) {
      out.push(`${p.id} cannot start in ${month ?? 'its Start month'}: it is outside its window`);
      return;
    }
    chosen[k] = true;
    const own = tm.projectVar[j];
    if (own !== undefined && own >= 0) chosen[own] = true;
  });
  const candidates = Array.from(tm.owner, (o) => ps.portfolio.candidates[o]);
  const timedProblem = { ...ps.portfolio, problem: tm.problem, candidates } as PortfolioProblem;
  return [...out, ...constraintFailures(timedProblem, chosen)];
}

/** Each constraint of the model the selection breaks, in words. */
function constraintFailures(pp: PortfolioProblem, selection: readonly boolean[]): string[] {
  const { problem } = pp;
  const model = buildModel(problem);
  const v = violations(model, selection);
  const id = (j: number): string => pp.candidates[j]?.id ?? `#${j}`;
  const out: string[] = [];
  const months: string[] = [];
  for (const { row: i, activity } of v.rows) {
    const row = model.rows[i];
    if (!row) continue;
    switch (row.kind) {
      case 'budget':
        out.push(`it costs ${money(activity)}, above the scenario's budget of ${money(row.hi)}`);
        break;
      case 'resource': {
        const r = problem.resources[row.source];
        if (r?.kind === 'budget')
          months.push(`${r.subject} (${money(activity)} of ${money(row.hi)})`);
        else
          out.push(
            `it needs ${money(activity)} ${r?.unit ?? 'h'} of ${r?.subject ?? row.name}, above the ${money(row.hi)} available`,
          );
        break;
      }
      case 'max share':
      case 'min share': {
        const b = problem.balance[row.source];
        const group = b?.group ?? row.name;
        out.push(
          row.kind === 'max share'
            ? `${group} costs ${money(activity)}, above its ${pct(b?.maxShare ?? 0)} of the budget (${money(row.hi)}) in Settings' Balance rules`
            : `${group} costs ${money(activity)}, below its ${pct(b?.minShare ?? 0)} of the budget (${money(row.lo)}) in Settings' Balance rules`,
        );
        break;
      }
      case 'dependency': {
        const [p = 0, q = 0] = Array.from(row.idx);
        const [first = 0] = Array.from(row.val);
        const [needer, needed] = first > 0 ? [p, q] : [q, p];
        out.push(`${id(needer)} depends on ${id(needed)}, which is not selected`);
        break;
      }
      case 'exclusion':
        out.push(
          `${Array.from(row.idx)
            .filter((j) => selection[j])
            .map(id)
            .join(' and ')} exclude each other`,
        );
        break;
      default:
        out.push(`${row.name} does not hold`);
    }
  }
  if (months.length)
    out.push(
      `it spends more than Settings' Budget per month in ${months.slice(0, 3).join(', ')}${months.length > 3 ? ` and ${months.length - 3} more months` : ''}`,
    );
  for (const j of v.force)
    out.push(
      problem.projects[j]?.force === 'in'
        ? `${id(j)} is forced in but not selected`
        : `${id(j)} is forced out but selected`,
    );
  return out;
}

function money(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}
