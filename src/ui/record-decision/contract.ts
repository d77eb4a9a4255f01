/**
 * Record decision's contract: `load` gives the selected project and the decisions the stage flow
 * allows from its status; `decide` records one (the status the dialog showed travels with it, so
 * a change made by someone else in between is refused rather than overwritten).
 */
import * as z from 'zod/mini';
import { lazy } from '../../core/lazy';
import { DECISIONS } from '../../core/stage-flow';
import { method } from '../bridge/contract';

export const REASON_MAX = 1000;

export const decisionViewSchema = lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    owner: z.string(),
    /** The status as shown ('' when blank). */
    status: z.string(),
    options: z.array(
      z.object({
        decision: z.enum(DECISIONS),
        label: z.string(),
        to: z.string(),
        allowed: z.boolean(),
        /** Why it is not allowed ('' when it is). */
        why: z.string(),
      }),
    ),
    nextSteps: z.string(),
    /** The project's latest decisions, newest first, one line each. */
    recent: z.array(z.string()),
    /** Whether this user may decide (only the board, when Settings names its members), and why. */
    canDecide: z.boolean(),
    who: z.string(),
  }),
);
export type DecisionView = z.infer<ReturnType<typeof decisionViewSchema>>;

export const decisionInputSchema = lazy(() =>
  z.object({
    id: z.string().check(z.trim(), z.minLength(1, 'The project has no ID.')),
    status: z.string(),
    decision: z.enum(DECISIONS, 'Pick a decision.'),
    reason: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, 'Write a reason for the decision.'),
        z.maxLength(REASON_MAX, `Keep the reason to ${REASON_MAX} characters or fewer.`),
      ),
  }),
);
export type DecisionInput = z.input<ReturnType<typeof decisionInputSchema>>;

export const decisionContract = {
  /**
   * The project in the selected row (input null, when the dialog opens), or the project with
   * this ID (a reload after a decision: recording the first decision creates the Decisions sheet,
   * which Sheets makes the active sheet).
   */
  load: method(() => z.nullable(z.object({ id: z.string() })), decisionViewSchema),
  decide: method(decisionInputSchema, () => z.object({ message: z.string() })),
};
