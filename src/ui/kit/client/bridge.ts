/**
 * The browser side of the bridge: a page's contract turned into an object of typed async
 * functions. `api.submit(form)` validates `form` with the method's input schema (a failure rejects
 * with the field issues, nothing is sent), calls `uiCall("<page>.submit", form)` through
 * google.script.run, checks the envelope and validates the result with the output schema, so the
 * promise resolves only to a value the contract allows. Every failure is a BridgeError with a
 * kind (see ErrorKind) and, for invalid input, the issues by field.
 *
 * The runner is the only part that touches google.script.run; tests pass their own. This module
 * uses no DOM API, so it runs under Node too.
 */
import {
  UI_ENTRY_POINT,
  envelopeSchema,
  toIssues,
  describeIssues,
  fixText,
  type Contract,
  type ErrorKind,
  type InputOf,
  type Issue,
  type OutputOf,
} from '../../bridge/contract';

/** Calls a top-level server function with JSON arguments and resolves to its (copied) result. */
export type Runner = (fn: string, args: readonly unknown[]) => Promise<unknown>;

export class BridgeError extends Error {
  override name = 'BridgeError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
  }
}

/** A page's methods as promise-returning functions, typed from its contract. */
export type Api<C extends Contract> = {
  readonly [K in keyof C]: (input: InputOf<C[K]>) => Promise<OutputOf<C[K]>>;
};

interface ScriptRun {
  withSuccessHandler(f: (value: unknown) => void): ScriptRun;
  withFailureHandler(f: (error: unknown) => void): ScriptRun;
  [fn: string]: unknown;
}
declare const google: { script?: { run?: ScriptRun } } | undefined;

/**
 * The real runner: google.script.run.withSuccessHandler(resolve).withFailureHandler(reject)[fn].
 * google.script.run is async and returns nothing; Apps Script runs at most 10 calls at once and
 * queues the rest, so no queue is kept here.
 */
export function googleScriptRunner(): Runner {
  return (fn, args) =>
    new Promise((resolve, reject) => {
      const run = typeof google === 'undefined' ? undefined : google.script?.run;
      if (!run) {
        reject(new Error('google.script.run is not available: open this page from the add-on.'));
        return;
      }
      const bound = run.withSuccessHandler(resolve).withFailureHandler(reject);
      const f = bound[fn];
      if (typeof f !== 'function') {
        reject(new Error(`The add-on has no server function ${fn}.`));
        return;
      }
      (f as (...a: unknown[]) => void).apply(bound, [...args]);
    });
}

/** Binds a page's contract to a runner (google.script.run unless a test passes a fake). */
export function connect<C extends Contract>(
  page: string,
  contract: C,
  runner: Runner = googleScriptRunner(),
): Api<C> {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of Object.keys(contract)) {
    const m = contract[name];
    if (!m) continue;
    api[name] = async (input: unknown) => {
      const checked = m.input().safeParse(input);
      if (!checked.success) {
        const issues = toIssues(checked.error.issues);
        throw new BridgeError('invalid', fixText(issues), issues);
      }
      let raw: unknown;
      try {
        // The raw input goes to the server, which parses it with the same schema.
        raw = await runner(UI_ENTRY_POINT, [`${page}.${name}`, input ?? null]);
      } catch (e) {
        throw new BridgeError(
          'transport',
          `The add-on could not be reached: ${e instanceof Error ? e.message : String(e)}. Check your connection and try again.`,
        );
      }
      const envelope = envelopeSchema().safeParse(raw);
      if (!envelope.success)
        throw new BridgeError(
          'contract',
          `The add-on answered ${page}.${name} in an unexpected form. Reload the page.`,
        );
      if (!envelope.data.ok) {
        const { kind, message, issues } = envelope.data.error;
        throw new BridgeError(kind, message, issues);
      }
      const out = m.output().safeParse(envelope.data.value);
      if (!out.success)
        throw new BridgeError(
          'contract',
          `The add-on's answer to ${page}.${name} does not match the page (${describeIssues(toIssues(out.error.issues))}). Reload the page.`,
        );
      return out.data;
    };
  }
  return api as Api<C>;
}

/** The message to show for any error a call may reject with. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
