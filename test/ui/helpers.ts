/** Calling the sidebars' server side as google.script.run does, on the built bundle. */
import type { UserSession } from '../../emulator';
import type { Envelope, WireError } from '../../src/ui/bridge/contract';
import type { IntakeRequest } from '../../src/ui/intake/contract';
import type { PlanParams, PlannerModel } from '../../src/ui/scenarios/contract';
import type { ApplyInput, ScoringModel } from '../../src/ui/scoring-model/contract';

/** uiCall(method, payload) through google.script.run; the value, or a thrown error naming it. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the result type
export function ui<T = unknown>(user: UserSession, method: string, payload: unknown = null): T {
  const env = user.scriptRun('uiCall', method, payload) as Envelope;
  if (!env.ok) throw new Error(`${method} failed (${env.error.kind}): ${env.error.message}`);
  return env.value as T;
}

/** uiCall that must fail: its error. */
export function uiError(user: UserSession, method: string, payload: unknown = null): WireError {
  const env = user.scriptRun('uiCall', method, payload) as Envelope;
  if (env.ok)
    throw new Error(`${method} should have failed but returned ${JSON.stringify(env.value)}`);
  return env.error;
}

/** A complete, valid request for the sample portfolio. */
export function sampleRequest(patch: Partial<IntakeRequest> = {}): IntakeRequest {
  return {
    name: 'Partner webinar series',
    description: 'Six co-hosted webinars with our two largest resellers.',
    type: 'Partnership',
    owner: 'Dana Reyes',
    objective: 'Grow partner-sourced pipeline',
    segment: 'Mid-market',
    region: 'EMEA',
    start: '2027-03-01',
    end: '2027-06-30',
    cost: 45000,
    expectedRevenue: 300000,
    confidence: 60,
    ratings: {
      'Strategic fit': 4,
      'Revenue impact': 3,
      'Customer reach': 3,
      'Time to value': 4,
      'Delivery risk': 2,
      Effort: 6,
    },
    dependsOn: ['P01'],
    demand: [
      { skill: 'Partner managers', period: '2027-03', hours: 40 },
      { skill: 'Marketing ops', period: '2027-04', hours: 24 },
      { skill: 'Partner managers', period: '2027-04', hours: 20 },
    ],
    ...patch,
  };
}

/** The planner's parameters as the page starts them: its budget, 100% capacity, the Force column. */
export function planParams(m: PlannerModel, patch: Partial<PlanParams> = {}): PlanParams {
  return {
    budget: m.budget,
    capacityFactor: 1,
    objective: 'score',
    forceIn: m.projects.filter((p) => p.force === 'in').map((p) => p.id),
    forceOut: m.projects.filter((p) => p.force === 'out').map((p) => p.id),
    ...patch,
  };
}

/** Apply scoring model with typed weights (in the model's criteria order), re-scoring. */
export function typedModel(
  m: ScoringModel,
  weights: readonly number[],
  patch: Partial<ApplyInput> = {},
): ApplyInput {
  return {
    criteria: m.criteria.map((c, i) => ({
      name: c.name,
      weight: weights[i] ?? 0,
      direction: c.direction,
    })),
    weightsFrom: 'typed',
    pairwise: null,
    framework: 'weighted',
    frameworkColumns: {},
    rescore: true,
    ...patch,
  };
}
