/**
 * What Snapshot, Refresh dashboard and Prepare review read first, once: today's date in the
 * spreadsheet's zone, the settings, the projects and — when the workbook has Capacity and Demand —
 * the capacity analysis of the committed portfolio, in its planned months. A fixed number of
 * service calls.
 */
import { analyseCapacity, type CapacityAnalysis } from '../../core/capacity';
import type { IsoDate } from '../../core/model';
import { plannedDemand } from '../../core/schedule';
import type { ActionContext } from '../../sheets/action';
import { readCapacity, readDemand } from '../../sheets/model-sheets';
import { describeProblem } from '../../sheets/problems';
import { readProjects, type ProjectsRead } from '../../sheets/projects';
import { CAPACITY, DEMAND } from '../../sheets/schema';
import type { Settings } from '../../sheets/settings';
import { projectsSheet, settingsOf } from './workbook';

export interface PortfolioState {
  readonly today: IsoDate;
  readonly settings: Settings;
  /** Settings and data problems worth telling the user (short sentences). */
  readonly warnings: string[];
  readonly projects: ProjectsRead;
  /** null when the workbook has no Capacity or no Demand sheet (then `capacityNote` says so). */
  readonly capacity: CapacityAnalysis | null;
  readonly capacityNote: string | null;
}

export function readPortfolio(ctx: ActionContext): PortfolioState {
  const { settings, warnings } = settingsOf(ctx);
  const projects = readProjects(projectsSheet(ctx), [], ctx);
  const capacitySheet = ctx.ss.getSheetByName(CAPACITY.name);
  const demandSheet = ctx.ss.getSheetByName(DEMAND.name);
  let capacity: CapacityAnalysis | null = null;
  let capacityNote: string | null = null;
  if (capacitySheet && demandSheet) {
    const c = readCapacity(capacitySheet, ctx);
    const d = readDemand(demandSheet, ctx);
    // In the planned months: a project Optimise portfolio or Commit moved loads its new months.
    capacity = analyseCapacity(
      projects.projects,
      c.capacity,
      plannedDemand(projects.projects, d.demand),
    );
    const problems = c.problems.length + d.problems.length + capacity.problems.length;
    if (problems)
      warnings.push(
        `Capacity and Demand have ${problems} problem${problems === 1 ? '' : 's'} (run Check capacity for the list).`,
      );
  } else {
    capacityNote = `No ${capacitySheet ? DEMAND.name : CAPACITY.name} sheet: utilisation and over-allocations are left out. Run Set up workbook to add it.`;
  }
  if (projects.problems.length)
    warnings.push(
      `Projects has ${projects.problems.length} cell${projects.problems.length === 1 ? '' : 's'} that could not be read, e.g. ${describeProblem(projects.problems[0] as (typeof projects.problems)[number])}`,
    );
  return {
    today: ctx.dateKey(ctx.now),
    settings,
    warnings,
    projects,
    capacity,
    capacityNote,
  };
}
