import type { Actuals, Project } from '../../../src/core/model';

const NO_ACTUALS: Actuals = {
  actualCost: null,
  pipelineGenerated: null,
  revenueWon: null,
  dealsWon: null,
  dealsLost: null,
  lastUpdate: null,
};

/** A project with blank optional fields; pass only what a test is about. */
export function project(
  id: string,
  fields: Partial<Omit<Project, 'actuals'>> & { actuals?: Partial<Actuals> } = {},
): Project {
  const { actuals, ...rest } = fields;
  return {
    row: 2,
    id,
    name: id,
    description: '',
    type: 'Campaign',
    owner: '',
    status: 'Proposed',
    objective: '',
    segment: '',
    region: '',
    start: null,
    end: null,
    cost: null,
    expectedRevenue: null,
    confidence: null,
    criteria: {},
    dependsOn: [],
    excludes: [],
    force: null,
    score: null,
    rank: null,
    selected: null,
    ...rest,
    actuals: { ...NO_ACTUALS, ...actuals },
  };
}
