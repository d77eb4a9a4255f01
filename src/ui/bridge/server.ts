/**
 * The server side of the bridge: `uiCall(method, payload)` (src/entry.ts) lands here. The method
 * name picks a page's endpoint and one of its handlers; the payload is parsed with the method's
 * input schema (a payload is a boundary: nothing unparsed reaches a handler); the handler gets the
 * parsed input and the Services. Every outcome is an Envelope (see contract.ts): errors the user
 * can act on keep their message, anything else is logged and reported as internal.
 */
import type { Services } from '../../sheets/services';
import {
  describeIssues,
  fixText,
  toIssues,
  type Contract,
  type Envelope,
  type ErrorKind,
  type Issue,
  type ParsedInputOf,
  type ResultOf,
} from './contract';

/** A page's handlers: one per method of its contract, typed from it. */
export type Handlers<C extends Contract> = {
  readonly [K in keyof C]: (input: ParsedInputOf<C[K]>, services: Services) => ResultOf<C[K]>;
};

/** A page's server side: its name (the method prefix) and how to run one of its methods. */
export interface Endpoint {
  readonly page: string;
  readonly methods: readonly string[];
  call(name: string, payload: unknown, services: Services): Envelope;
}

/**
 * A handler may throw this to report problems in named fields (e.g. a duplicate project name
 * found only on the server): the page shows each message beside its field.
 */
export class FieldError extends Error {
  override name = 'FieldError';
  constructor(readonly issues: readonly Issue[]) {
    super(describeIssues(issues));
  }
}

/** Binds a page's contract to its handlers. */
export function endpoint<C extends Contract>(
  page: string,
  contract: C,
  handlers: Handlers<C>,
): Endpoint {
  const names = Object.keys(contract);
  return {
    page,
    methods: names,
    call(name, payload, services) {
      const m = Object.prototype.hasOwnProperty.call(contract, name) ? contract[name] : undefined;
      const handler = m ? (handlers as Record<string, unknown>)[name] : undefined;
      if (!m || typeof handler !== 'function')
        return fail(
          'internal',
          `The page asked for "${page}.${name}", which the add-on does not have (it has ${names.map((n) => `${page}.${n}`).join(', ')}). Reload the page.`,
        );
      const parsed = m.input().safeParse(payload);
      if (!parsed.success) {
        const issues = toIssues(parsed.error.issues);
        return fail('invalid', fixText(issues), issues);
      }
      return {
        ok: true,
        value: (handler as (i: unknown, s: Services) => unknown)(parsed.data, services),
      };
    },
  };
}

/**
 * Runs "<page>.<name>" with `payload`. Never throws: a thrown FieldError becomes an `invalid`
 * answer with its issues, a SheetError (something to fix in the workbook) a `user` answer, a
 * BusyError (the document lock) a `busy` answer, anything else an `internal` answer whose
 * details go to the Apps Script log.
 */
export function dispatch(
  endpoints: readonly Endpoint[],
  services: Services,
  method: unknown,
  payload: unknown,
): Envelope {
  if (typeof method !== 'string' || !/^[\w-]+\.\w+$/.test(method))
    return fail('internal', `"${String(method)}" is not a method name such as "intake.submit".`);
  const dot = method.indexOf('.');
  const page = method.slice(0, dot);
  const e = endpoints.find((x) => x.page === page);
  if (!e)
    return fail(
      'internal',
      `The add-on has no page "${page}" (it has ${endpoints.map((x) => x.page).join(', ')}). Reload the page.`,
    );
  try {
    return e.call(method.slice(dot + 1), payload, services);
  } catch (err) {
    return fromError(err);
  }
}

function fromError(err: unknown): Envelope {
  if (err instanceof FieldError) return fail('invalid', err.message, err.issues);
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'BusyError') return fail('busy', message);
  if (name === 'SheetError') return fail('user', message);
  console.error(err);
  return fail(
    'internal',
    `Something went wrong: ${message}. Nothing was changed. If it happens again, tell your sales ops team (the details are in the Apps Script log).`,
  );
}

function fail(kind: ErrorKind, message: string, issues: readonly Issue[] = []): Envelope {
  return { ok: false, error: { kind, message, issues: [...issues] } };
}
