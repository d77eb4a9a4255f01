/**
 * The Scoring model sidebar: `load` sends the model and every project's inputs, so the page can
 * preview rankings locally as the board moves weights (core/framework-score.ts, the same code
 * Score & rank runs); `apply` writes the model — weights and directions (Criteria), the pairwise
 * judgements (Pairwise), the weight source and framework (Settings) — and re-scores, as one
 * logged, undoable action.
 */
import * as z from 'zod/mini';
import { FRAMEWORK_INPUTS, FRAMEWORKS } from '../../core/framework-score';
import { lazy } from '../../core/lazy';
import { method, noInput } from '../bridge/contract';

/** Saaty's scale with a little room for typed decimals (0.111 for 1/9). */
const JUDGEMENT_MIN = 1 / 9 - 1e-3;
const JUDGEMENT_MAX = 9 + 1e-9;

const direction = (): z.ZodMiniEnum<{ higher: 'higher'; lower: 'lower' }> =>
  z.enum(['higher', 'lower']);

export const scoringModelSchema = lazy(() =>
  z.object({
    criteria: z.array(
      z.object({
        name: z.string(),
        column: z.string(),
        weight: z.number(),
        direction: direction(),
        scaleMin: z.nullable(z.number()),
        scaleMax: z.nullable(z.number()),
      }),
    ),
    /** Projects headers that hold numbers, offered as framework inputs. */
    columns: z.array(z.string()),
    projects: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        open: z.boolean(),
        /** Criterion values, in the order of `criteria`. */
        values: z.array(z.nullable(z.number())),
        /** Values of `columns`, in their order. */
        cells: z.array(z.nullable(z.number())),
      }),
    ),
    /** The completed judgement matrix in the order of `criteria`, or null when unreadable. */
    pairwise: z.nullable(z.array(z.array(z.number()))),
    weightsFrom: z.enum(['typed', 'ahp']),
    framework: z.enum(FRAMEWORKS),
    frameworkColumns: z.record(z.string(), z.string()),
    notes: z.array(z.string()),
  }),
);
export type ScoringModel = z.output<ReturnType<typeof scoringModelSchema>>;

export const applySchema = lazy(() =>
  z
    .object({
      criteria: z
        .array(
          z.object({
            name: z.string().check(z.minLength(1)),
            weight: z
              .number('Type the weight as a number.')
              .check(
                z.gte(0, 'A weight cannot be negative.'),
                z.lte(1e6, 'Keep weights under 1,000,000.'),
              ),
            direction: direction(),
          }),
        )
        .check(z.minLength(1, 'The model has no criteria.')),
      weightsFrom: z.enum(['typed', 'ahp']),
      pairwise: z.nullable(
        z.array(
          z.array(
            z
              .number()
              .check(
                z.gte(JUDGEMENT_MIN, 'Judgements run from 1/9 to 9.'),
                z.lte(JUDGEMENT_MAX, 'Judgements run from 1/9 to 9.'),
              ),
          ),
        ),
      ),
      framework: z.enum(FRAMEWORKS),
      frameworkColumns: z.record(z.string(), z.string()),
      rescore: z.boolean(),
    })
    .check(
      z.refine((a) => a.weightsFrom === 'ahp' || a.criteria.some((c) => c.weight > 0), {
        message: 'Give at least one criterion a weight above 0.',
        path: ['criteria'],
      }),
      z.refine(
        (a) =>
          a.weightsFrom === 'typed' ||
          (a.pairwise !== null &&
            a.pairwise.length === a.criteria.length &&
            a.pairwise.every((r) => r.length === a.criteria.length)),
        {
          message: 'The pairwise judgements must cover every pair of criteria.',
          path: ['pairwise'],
        },
      ),
      z.refine(
        (a) =>
          a.framework === 'weighted' ||
          FRAMEWORK_INPUTS[a.framework].every((i) => (a.frameworkColumns[i.key] ?? '') !== ''),
        { message: 'Choose a Projects column for every input.', path: ['frameworkColumns'] },
      ),
    ),
);
export type ApplyInput = z.input<ReturnType<typeof applySchema>>;

export const scoringContract = {
  load: method(noInput, scoringModelSchema),
  apply: method(applySchema, () =>
    z.object({ message: z.string(), warnings: z.array(z.string()) }),
  ),
};
