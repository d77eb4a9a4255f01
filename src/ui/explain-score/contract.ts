/**
 * Explain score's contract: `load` explains the project in the selected row. Every number is
 * formatted on the server, so the dialog shows exactly what the add-on computed.
 */
import * as z from 'zod/mini';
import { lazy } from '../../core/lazy';
import { method, noInput } from '../bridge/contract';

export const explainViewSchema = lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    status: z.string(),
    /** "62.5", or "no score". */
    score: z.string(),
    /** "rank 3 of 41", or "no rank". */
    rank: z.string(),
    /** How the rank follows: neighbours, ties, where the points come from. */
    sentences: z.array(z.string()),
    criteria: z.array(
      z.object({
        name: z.string(),
        raw: z.string(),
        normalised: z.string(),
        weight: z.string(),
        points: z.string(),
        how: z.string(),
      }),
    ),
    /** Σ points. */
    total: z.string(),
    weightsFrom: z.string(),
    /** In or out of the selection and why (the Why column), or that selection has not run. */
    selection: z.string(),
  }),
);
export type ExplainView = z.infer<ReturnType<typeof explainViewSchema>>;

export const explainContract = {
  load: method(noInput, explainViewSchema),
};
