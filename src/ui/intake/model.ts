/**
 * What the intake form offers, read from the workbook: the criteria with their rubrics and
 * scales (Criteria), the skills and months of the plan (Capacity), the project IDs a request may
 * depend on and the objectives already in use (Projects). A sheet that is missing or cannot be
 * read leaves its part empty and adds a note, so the form still opens.
 */
import type { CriterionDef } from '../../core/model';
import { readCapacity, readCriteria } from '../../sheets/model-sheets';
import { SheetError } from '../../sheets/problems';
import { readProjects } from '../../sheets/projects';
import { CAPACITY, CRITERIA, PROJECTS } from '../../sheets/schema';
import type { ReadOptions } from '../../sheets/table';
import type { IntakeModel } from './contract';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface IntakeModelRead {
  readonly model: IntakeModel;
  /** The criteria as the Criteria sheet defines them (to map ratings to Projects columns). */
  readonly criteria: readonly CriterionDef[];
}

export function readIntakeModel(ss: Spreadsheet, opts: ReadOptions, user: string): IntakeModelRead {
  const notes: string[] = [];
  const guard = <T>(what: string, fallback: T, read: () => T): T => {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof SheetError)) throw e;
      notes.push(`${what}: ${e.message}`);
      return fallback;
    }
  };
  const criteriaSheet = ss.getSheetByName(CRITERIA.name);
  const criteriaRead = criteriaSheet
    ? guard('Criteria', null, () => readCriteria(criteriaSheet, opts))
    : null;
  if (!criteriaSheet) notes.push('There is no Criteria sheet: the request has no ratings.');
  const criteria = criteriaRead?.criteria ?? [];

  const capacitySheet = ss.getSheetByName(CAPACITY.name);
  const capacity = capacitySheet
    ? guard('Capacity', null, () => readCapacity(capacitySheet, opts))
    : null;
  if (!capacitySheet) notes.push('There is no Capacity sheet: demand cannot be entered.');

  const projectsSheet = ss.getSheetByName(PROJECTS.name);
  const projects = projectsSheet
    ? guard('Projects', null, () => readProjects(projectsSheet, [], opts))
    : null;

  const objectives = new Set<string>();
  for (const p of projects?.projects ?? []) if (p.objective) objectives.add(p.objective);
  return {
    criteria,
    model: {
      user,
      criteria: criteria.map((c) => ({
        name: c.name,
        rubric: criteriaRead?.rubrics.get(c.name) ?? '',
        direction: c.direction,
        scaleMin: c.scaleMin,
        scaleMax: c.scaleMax,
      })),
      skills: capacity?.capacity.map((c) => c.skill) ?? [],
      periods: [...(capacity?.table.periods ?? [])].map((p) => p.period).sort(),
      projects: (projects?.projects ?? [])
        .filter((p) => !p.id.startsWith('row '))
        .map((p) => ({ id: p.id, name: p.name })),
      objectives: [...objectives].sort((a, b) => a.localeCompare(b)),
      notes,
    },
  };
}
