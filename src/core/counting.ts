/**
 * Which projects count as the committed portfolio: the projects whose hours load capacity and
 * whose cost and revenue the portfolio KPIs add up.
 */
import type { Project, ProjectStatus } from './model';

export interface CountRule {
  /** Statuses whose projects always count. */
  readonly statuses: readonly ProjectStatus[];
  /**
   * Whether a project marked Selected (by the optimiser) also counts. A selection does not revive
   * a paused or closed project: a Selected project counts only when its status is blank,
   * Proposed, In review, Approved or Active.
   */
  readonly includeSelected: boolean;
}

/**
 * The default rule: Status Approved or Active, plus Selected. Before any selection has run no
 * project is Selected, so this is "Approved or Active" until the optimiser writes a selection.
 */
export const COMMITTED_RULE: CountRule = {
  statuses: ['Approved', 'Active'],
  includeSelected: true,
};

const SELECTABLE: readonly (ProjectStatus | null)[] = [
  null,
  'Proposed',
  'In review',
  'Approved',
  'Active',
];

/** counted(p) = status(p) ∈ rule.statuses ∨ (rule.includeSelected ∧ selected(p) ∧ status(p) selectable). */
export function isCounted(p: Pick<Project, 'status' | 'selected'>, rule: CountRule): boolean {
  if (p.status !== null && rule.statuses.includes(p.status)) return true;
  return rule.includeSelected && p.selected === true && SELECTABLE.includes(p.status);
}

/** The rule in words, for formulas shown next to numbers: "Status Approved or Active, or Selected". */
export function describeRule(rule: CountRule): string {
  const s = rule.statuses;
  const statuses =
    s.length === 0
      ? ''
      : `Status ${s.length === 1 ? (s[0] as string) : `${s.slice(0, -1).join(', ')} or ${s[s.length - 1] as string}`}`;
  if (!rule.includeSelected) return statuses || 'no project';
  return statuses ? `${statuses}, or Selected` : 'Selected';
}
