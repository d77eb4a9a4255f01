/**
 * The New project request sidebar and the Review intake sidebar: their server methods and the
 * schemas both sides validate with. The request's static shape is checked by `requestSchema`;
 * what depends on the workbook (criteria and their scales, skills, months, project IDs) by
 * `requestIssues`, which the page runs on the model it loaded and the server on a fresh read.
 */
import * as z from 'zod/mini';
import { lazy } from '../../core/lazy';
import { PROJECT_TYPES } from '../../core/model';
import { method, noInput, type Issue } from '../bridge/contract';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

const text = (max: number): z.ZodMiniString<string> =>
  z.string().check(z.trim(), z.maxLength(max, `Keep it under ${max} characters.`));
const required = (what: string, max: number): z.ZodMiniString<string> =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, `Give the ${what}.`),
      z.maxLength(max, `Keep it under ${max} characters.`),
    );
const isoDate = (what: string): z.ZodMiniString<string> =>
  z.string().check(
    z.regex(ISO_DATE, `Give the ${what} as a date such as 2027-03-31.`),
    z.refine((s) => validDate(s), `This ${what} is not a real calendar date.`),
  );
const money = (what: string): z.ZodMiniNumber<number> =>
  z
    .number(`Type the ${what} as a number.`)
    .check(
      z.gte(0, `The ${what} cannot be negative.`),
      z.lte(1e12, `The ${what} is implausibly large.`),
    );

/** A calendar date that exists ("2027-02-30" does not). */
export function validDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export const demandLineSchema = () =>
  z.object({
    skill: required('skill', 100),
    period: z.string().check(z.regex(PERIOD, 'Pick a month such as 2027-03.')),
    hours: z
      .number('Type the hours as a number.')
      .check(
        z.gt(0, 'Hours must be more than 0.'),
        z.lte(10_000, 'More than 10,000 hours in one month is not plausible.'),
      ),
  });

/** A request as the form sends it. Dates are ISO strings; confidence is a percentage 0–100. */
export const requestSchema = lazy(() =>
  z
    .object({
      name: required('project name', 200),
      description: text(2000),
      type: z.enum(PROJECT_TYPES, `Pick a type: ${PROJECT_TYPES.join(', ')}.`),
      owner: required('owner', 200),
      objective: text(200),
      segment: text(100),
      region: text(100),
      start: isoDate('start date'),
      end: isoDate('end date'),
      cost: money('cost'),
      expectedRevenue: z.nullable(money('expected revenue')),
      confidence: z.nullable(
        z
          .number('Type the confidence as a percentage.')
          .check(z.gte(0, 'Confidence is 0–100%.'), z.lte(100, 'Confidence is 0–100%.')),
      ),
      ratings: z.record(z.string(), z.nullable(z.number('Type the rating as a number.'))),
      dependsOn: z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))),
      demand: z.array(demandLineSchema()).check(z.maxLength(200, 'At most 200 demand lines.')),
    })
    .check(
      z.refine((r) => !validDate(r.start) || !validDate(r.end) || r.end >= r.start, {
        message: 'The end date is before the start date.',
        path: ['end'],
      }),
    ),
);

/** What the form needs to know about the workbook. */
export const intakeModelSchema = lazy(() =>
  z.object({
    user: z.string(),
    criteria: z.array(
      z.object({
        name: z.string(),
        rubric: z.string(),
        direction: z.enum(['higher', 'lower']),
        scaleMin: z.nullable(z.number()),
        scaleMax: z.nullable(z.number()),
      }),
    ),
    skills: z.array(z.string()),
    periods: z.array(z.string()),
    projects: z.array(z.object({ id: z.string(), name: z.string() })),
    objectives: z.array(z.string()),
    /** Rows of the workbook that could not be read, as sentences (the form still works). */
    notes: z.array(z.string()),
  }),
);

export type IntakeRequest = z.input<ReturnType<typeof requestSchema>>;
export type IntakeRequestParsed = z.output<ReturnType<typeof requestSchema>>;
export type IntakeModel = z.output<ReturnType<typeof intakeModelSchema>>;

/** An intake row as the Review sidebar shows it. */
export const pendingSchema = lazy(() =>
  z.object({
    id: z.string(),
    row: z.number(),
    submitted: z.string(),
    submittedBy: z.string(),
    name: z.string(),
    type: z.string(),
    owner: z.string(),
    objective: z.string(),
    start: z.string(),
    end: z.string(),
    cost: z.nullable(z.number()),
    expectedRevenue: z.nullable(z.number()),
    confidence: z.nullable(z.number()),
    ratings: z.string(),
    dependsOn: z.string(),
    demand: z.string(),
    description: z.string(),
  }),
);
export type PendingRequest = z.output<ReturnType<typeof pendingSchema>>;

export const intakeContract = {
  /** The criteria with rubrics, skills, months and projects the form offers. */
  load: method(noInput, intakeModelSchema),
  /** Appends the request to the Intake sheet under a new ID. */
  submit: method(requestSchema, () => z.object({ id: z.string(), row: z.number() })),
};

export const reviewContract = {
  /** The pending requests, oldest first, and whether this user may decide. */
  load: method(noInput, () =>
    z.object({
      pending: z.array(pendingSchema()),
      canDecide: z.boolean(),
      why: z.string(),
    }),
  ),
  /** Accepts a request: it becomes a Projects row (Status Proposed) with its Demand rows. */
  accept: method(
    () => z.object({ id: required('request', 50) }),
    () => z.object({ id: z.string(), projectId: z.string() }),
  ),
  /** Rejects a request with a reason. */
  reject: method(
    () =>
      z.object({
        id: required('request', 50),
        reason: z
          .string()
          .check(
            z.trim(),
            z.minLength(3, 'Say why the request is rejected (the requester reads it).'),
            z.maxLength(1000, 'Keep the reason under 1,000 characters.'),
          ),
      }),
    () => z.object({ id: z.string() }),
  ),
};

/**
 * The checks that depend on the workbook: every criterion is rated, on its scale (any number of
 * 0 or more when it has none); every demand line names a known skill and a month of the plan
 * inside the project's dates, once; every dependency is a project ID.
 */
export function requestIssues(r: IntakeRequestParsed, m: IntakeModel): Issue[] {
  const issues: Issue[] = [];
  const byName = new Map(m.criteria.map((c) => [c.name, c]));
  for (const c of m.criteria) {
    const v = r.ratings[c.name];
    if (v === undefined || v === null)
      issues.push({
        path: ['ratings', c.name],
        message: `Rate ${c.name} (see the guide under it).`,
      });
  }
  for (const [name, value] of Object.entries(r.ratings)) {
    const c = byName.get(name);
    if (!c) {
      issues.push({
        path: ['ratings', name],
        message: `"${name}" is not a criterion any more. Reload the form.`,
      });
      continue;
    }
    if (value === null) continue;
    const { lo, hi } = ratingScale(c);
    if (!(value >= lo && value <= hi))
      issues.push({
        path: ['ratings', name],
        message:
          hi === Infinity
            ? `Rate ${name} with ${lo} or more.`
            : `Rate ${name} from ${lo} to ${hi}.`,
      });
  }
  const skills = new Map(m.skills.map((s) => [s.trim().toLowerCase(), s]));
  const periods = new Set(m.periods);
  const seen = new Map<string, number>();
  r.demand.forEach((d, i) => {
    if (!skills.has(d.skill.trim().toLowerCase()))
      issues.push({
        path: ['demand', i, 'skill'],
        message: `Pick a skill of the Capacity sheet (${m.skills.join(', ') || 'none yet'}).`,
      });
    if (periods.size > 0 && !periods.has(d.period))
      issues.push({
        path: ['demand', i, 'period'],
        message: `Pick a month of the plan (${m.periods[0] ?? ''} to ${m.periods[m.periods.length - 1] ?? ''}).`,
      });
    else if (
      validDate(r.start) &&
      validDate(r.end) &&
      (d.period < r.start.slice(0, 7) || d.period > r.end.slice(0, 7))
    )
      issues.push({
        path: ['demand', i, 'period'],
        message: `${d.period} is outside the project's dates (${r.start.slice(0, 7)} to ${r.end.slice(0, 7)}).`,
      });
    const key = `${d.skill.trim().toLowerCase()}|${d.period}`;
    const first = seen.get(key);
    if (first !== undefined)
      issues.push({
        path: ['demand', i, 'period'],
        message: `${d.skill} in ${d.period} is already on line ${first + 1}: add the hours there.`,
      });
    else seen.set(key, i);
  });
  const ids = new Set(m.projects.map((p) => p.id.toLowerCase()));
  const unknown = r.dependsOn.filter((id) => !ids.has(id.toLowerCase()));
  if (unknown.length)
    issues.push({
      path: ['dependsOn'],
      message: `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a project ID' : 'are not project IDs'}. Use IDs from the Projects sheet, such as ${m.projects[0]?.id ?? 'P01'}.`,
    });
  return issues;
}

/** The values a rating may take: the criterion's fixed scale, or any number ≥ 0 without one. */
export function ratingScale(c: { scaleMin: number | null; scaleMax: number | null }): {
  lo: number;
  hi: number;
} {
  return { lo: c.scaleMin ?? 0, hi: c.scaleMax ?? Infinity };
}
