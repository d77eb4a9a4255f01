/**
 * The contract between a sidebar (browser) and the add-on (Apps Script): for every server method,
 * a zod schema of its input and of its output. Both bundles import the same contract module, so
 * the browser validates what it sends and what it receives, and the server validates what it
 * receives, with the very same schemas.
 *
 * On the wire (google.script.run, JSON only: no Dates, dates travel as ISO strings) every call is
 * one top-level function, `uiCall(method, payload)`, where `method` is "<page>.<name>", and every
 * answer is an Envelope: `{ ok: true, value }` or `{ ok: false, error }`. Errors are answers,
 * not exceptions, so that field-level problems (the zod issues with their paths) reach the page
 * intact; google.script.run's failure handler only ever sees transport failures.
 *
 * Schemas are built lazily (`method(() => schema, () => schema)`): Apps Script loads the whole
 * bundle for every custom-function call, so nothing is built at load time.
 */
import * as z from 'zod/mini';
import { lazy } from '../../core/lazy';

/** The top-level function of Code.js that every page calls (see src/entry.ts). */
export const UI_ENTRY_POINT = 'uiCall';

/** One server method: its input and output schemas (built on first use). */
export interface Method<
  I extends z.ZodMiniType = z.ZodMiniType,
  O extends z.ZodMiniType = z.ZodMiniType,
> {
  readonly input: () => I;
  readonly output: () => O;
}

/** A page's methods by name. */
export type Contract = Readonly<Record<string, Method>>;

/** What the page passes to a method (the schema's input type). */
export type InputOf<M extends Method> = z.input<ReturnType<M['input']>>;
/** What the server's handler receives (the input after parsing). */
export type ParsedInputOf<M extends Method> = z.output<ReturnType<M['input']>>;
/** What the server's handler returns. */
export type ResultOf<M extends Method> = z.input<ReturnType<M['output']>>;
/** What the page's promise resolves to (the result after parsing). */
export type OutputOf<M extends Method> = z.output<ReturnType<M['output']>>;

/** Declares a method; each schema is built once, the first time it is needed. */
export function method<I extends z.ZodMiniType, O extends z.ZodMiniType>(
  input: () => I,
  output: () => O,
): Method<I, O> {
  return { input: lazy(input), output: lazy(output) };
}

/** A method that takes nothing: its input is `null` (google.script.run sends JSON only). */
export const noInput = (): z.ZodMiniNull => z.null();

/** Where a problem is and what it is: `path` names the field, e.g. ["demand", 2, "hours"]. */
export interface Issue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Why a call failed:
 * - `invalid`: the input broke the contract (issues name the fields);
 * - `user`: something the user can fix in the workbook (the message says what, where and how);
 * - `busy`: another action holds the document lock;
 * - `internal`: a bug (logged on the server);
 * - `transport`: the call never completed (network, authorisation, a timeout);
 * - `contract`: the server's answer does not match the contract (a version mismatch or a bug).
 */
export type ErrorKind = 'invalid' | 'user' | 'busy' | 'internal' | 'transport' | 'contract';

export interface WireError {
  readonly kind: ErrorKind;
  readonly message: string;
  readonly issues: readonly Issue[];
}

export type Envelope = { ok: true; value: unknown } | { ok: false; error: WireError };

const issueSchema = lazy(() =>
  z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }),
);

/** The envelope's schema, which the page checks first. */
export const envelopeSchema = lazy(() =>
  z.union([
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({
      ok: z.literal(false),
      error: z.object({
        kind: z.enum(['invalid', 'user', 'busy', 'internal', 'transport', 'contract']),
        message: z.string(),
        issues: z.array(issueSchema()),
      }),
    }),
  ]),
);

/** zod issues as wire issues: paths of strings and numbers only (symbols cannot cross). */
export function toIssues(issues: readonly z.core.$ZodIssue[]): Issue[] {
  return issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
    message: i.message,
  }));
}

/** One line for a list of issues: "name: is required; cost: must be at least 0". */
export function describeIssues(issues: readonly Issue[]): string {
  return issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * The summary a page shows for refused input, in words a user reads: "Please fix the
 * 2 highlighted fields: Pick a decision. Write a reason." Each field's own message also shows
 * beside it, so no internal field names (path) appear here.
 */
export function fixText(issues: readonly Issue[]): string {
  const fields = new Set(issues.filter((i) => i.path.length).map((i) => i.path.join('.'))).size;
  const what =
    fields === 0
      ? 'Please fix this'
      : `Please fix the ${fields === 1 ? 'highlighted field' : `${fields} highlighted fields`}`;
  const messages = [...new Set(issues.map((i) => i.message.trim()))].map((m) =>
    /[.!?…]$/.test(m) ? m : `${m}.`,
  );
  return `${what}: ${messages.join(' ')}`;
}
