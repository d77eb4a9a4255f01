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
 * Approved, Active, or Selected: every project anyone has committed to or proposed funding.
 * Kept for callers that want the widest view; the plan itself is committedRule().
 */
export const COMMITTED_RULE: CountRule = {
  statuses: ['Approved', 'Active'],
  includeSelected: true,
};

/** The plan before any selection: what the board approved and what is running. */
export const APPROVED_PLAN: CountRule = {
  statuses: ['Approved', 'Active'],
  includeSelected: false,
};

/**
 * The plan once Optimise portfolio (or a committed scenario) has written a selection: the running
 * projects and the selected ones. The selection replaces the approvals as the plan: an Approved
 * project the optimiser left out is one the board is advised to defer, and does not load capacity
 * or budget until it is selected again.
 */
export const SELECTED_PLAN: CountRule = { statuses: ['Active'], includeSelected: true };

/** The committed portfolio of `projects`: SELECTED_PLAN when any project is Selected, else APPROVED_PLAN. */
export function committedRule(projects: readonly Pick<Project, 'selected'>[]): CountRule {
  return projects.some((p) => p.selected === true) ? SELECTED_PLAN : APPROVED_PLAN;
}

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

/**
 * The rule in words, for formulas shown next to numbers: "Status Active, or Selected and not On
 * hold or closed" (a selection does not revive a paused or closed project).
 */
export function describeRule(rule: CountRule): string {
  const s = rule.statuses;
  const statuses =
    s.length === 0
      ? ''
      : `Status ${s.length === 1 ? (s[0] as string) : `${s.slice(0, -1).join(', ')} or ${s[s.length - 1] as string}`}`;
  if (!rule.includeSelected) return statuses || 'no project';
  const selected = 'Selected and not On hold or closed';
  return statuses ? `${statuses}, or ${selected}` : selected;
}
