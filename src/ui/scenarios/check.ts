/**
 * A scenario's selection checked on the server against the workbook as it is now, before it is
 * saved or committed: the page's list of IDs is a request, not a fact. The IDs must be projects
 * that exist once, are open candidates, and together keep to every constraint of the optimiser's
 * model (budget, capacity × the scenario's factor, forces, dependencies, exclusions, Settings'
 * Budget per month and Balance rules).
 */
import { buildModel, violations, type PortfolioProblem } from '../../core/allocation';
import { matchKey } from '../../core/keys';
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
  failures.push(...constraintFailures(pp, selection));
  if (failures.length === 0) return selection;
  const more = failures.length > SHOWN ? `; and ${failures.length - SHOWN} more` : '';
  throw new SheetError(`${what}: ${failures.slice(0, SHOWN).join('; ')}${more}. ${fix}`);
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
