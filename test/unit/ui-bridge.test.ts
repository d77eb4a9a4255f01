import * as z from 'zod/mini';
import { describe, expect, it, vi } from 'vitest';
import { fixText, method, noInput, type Envelope } from '../../src/ui/bridge/contract';
import { dispatch, endpoint, FieldError } from '../../src/ui/bridge/server';
import { BridgeError, connect, type Runner } from '../../src/ui/kit/client/bridge';
import { SheetError } from '../../src/sheets/problems';
import { BusyError } from '../../src/sheets/action';
import type { Services } from '../../src/sheets/services';

const contract = {
  add: method(
    () => z.object({ a: z.number(), b: z.number().check(z.gte(0, 'b must be 0 or more')) }),
    () => z.object({ sum: z.number() }),
  ),
  hello: method(noInput, () => z.string()),
};

const services = {} as Services;

/** A runner that passes the call through JSON (as google.script.run copies) to dispatch. */
function serverRunner(handlers: Parameters<typeof endpoint<typeof contract>>[2]): {
  runner: Runner;
  calls: unknown[][];
} {
  const calls: unknown[][] = [];
  const e = endpoint('calc', contract, handlers);
  const runner: Runner = (fn, args) => {
    calls.push([fn, ...args]);
    const [m, payload] = JSON.parse(JSON.stringify(args)) as [string, unknown];
    return Promise.resolve(JSON.parse(JSON.stringify(dispatch([e], services, m, payload))));
  };
  return { runner, calls };
}

describe('the bridge', () => {
  it('sends uiCall("<page>.<method>", input) and resolves to the parsed result', async () => {
    const { runner, calls } = serverRunner({
      add: ({ a, b }) => ({ sum: a + b }),
      hello: () => 'hi',
    });
    const api = connect('calc', contract, runner);
    await expect(api.add({ a: 2, b: 40 })).resolves.toEqual({ sum: 42 });
    await expect(api.hello(null)).resolves.toBe('hi');
    expect(calls).toEqual([
      ['uiCall', 'calc.add', { a: 2, b: 40 }],
      ['uiCall', 'calc.hello', null],
    ]);
  });

  it('refuses bad input in the browser with the field issues, sending nothing', async () => {
    const runner = vi.fn<Runner>();
    const api = connect('calc', contract, runner);
    const e = await api.add({ a: 1, b: -3 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BridgeError);
    expect((e as BridgeError).kind).toBe('invalid');
    expect((e as BridgeError).issues).toEqual([{ path: ['b'], message: 'b must be 0 or more' }]);
    expect((e as BridgeError).message).toBe(
      'Please fix the highlighted field: b must be 0 or more.',
    );
    expect(runner).not.toHaveBeenCalled();
  });

  it('validates on the server too: a payload that skipped the page check gets the same issues', () => {
    const e = endpoint('calc', contract, { add: () => ({ sum: 0 }), hello: () => '' });
    const out = dispatch([e], services, 'calc.add', { a: 'x', b: -1 });
    expect(out.ok).toBe(false);
    const err = (out as Extract<Envelope, { ok: false }>).error;
    expect(err.kind).toBe('invalid');
    expect(err.issues.map((i) => i.path)).toEqual([['a'], ['b']]);
    expect(err.issues[1]?.message).toBe('b must be 0 or more');
    // In words a user reads: no field names ("a:"), no doubled punctuation.
    expect(err.message).toMatch(
      /^Please fix the 2 highlighted fields: .+\. b must be 0 or more\.$/,
    );
    expect(err.message).not.toMatch(/a:|\.;|\.\./);
  });

  it('summarises refused input without field names or doubled punctuation', () => {
    expect(
      fixText([
        { path: ['decision'], message: 'Pick a decision.' },
        { path: ['reason'], message: 'Write a reason' },
        { path: ['reason'], message: 'Write a reason' },
      ]),
    ).toBe('Please fix the 2 highlighted fields: Pick a decision. Write a reason.');
    expect(fixText([{ path: [], message: 'Reload the page.' }])).toBe(
      'Please fix this: Reload the page.',
    );
  });

  it('rejects a result that breaks the contract (e.g. a Date that arrived as null)', async () => {
    const runner: Runner = () => Promise.resolve({ ok: true, value: { sum: null } });
    const e = await connect('calc', contract, runner)
      .add({ a: 1, b: 1 })
      .catch((x: unknown) => x);
    expect((e as BridgeError).kind).toBe('contract');
    expect((e as BridgeError).message).toMatch(/calc\.add.*sum/);
  });

  it('maps server errors to kinds the page can act on', async () => {
    const cases: [unknown, string, RegExp][] = [
      [new FieldError([{ path: ['a'], message: 'taken' }]), 'invalid', /taken/],
      [new SheetError('Projects has no "ID" column.'), 'user', /no "ID" column/],
      [new BusyError('Someone else is running an action.'), 'busy', /Someone else/],
      [new TypeError('x is undefined'), 'internal', /Something went wrong: x is undefined/],
    ];
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const [thrown, kind, message] of cases) {
      const { runner } = serverRunner({
        add: () => {
          throw thrown;
        },
        hello: () => '',
      });
      const e = (await connect('calc', contract, runner)
        .add({ a: 1, b: 1 })
        .catch((x: unknown) => x)) as BridgeError;
      expect([e.kind, e.message]).toEqual([kind, expect.stringMatching(message)]);
      if (kind === 'invalid') expect(e.issues).toEqual([{ path: ['a'], message: 'taken' }]);
    }
    expect(spy).toHaveBeenCalledTimes(1); // only the bug is logged
    spy.mockRestore();
  });

  it('reports a transport failure (the failure handler) as such', async () => {
    const runner: Runner = () => Promise.reject(new Error('NetworkError'));
    const e = (await connect('calc', contract, runner)
      .hello(null)
      .catch((x: unknown) => x)) as BridgeError;
    expect(e.kind).toBe('transport');
    expect(e.message).toMatch(/could not be reached: NetworkError/);
  });

  it('answers unknown pages and methods with a clear internal error', () => {
    const e = endpoint('calc', contract, { add: () => ({ sum: 0 }), hello: () => '' });
    const msg = (m: unknown): string => {
      const out = dispatch([e], services, m, null);
      return out.ok ? '' : out.error.message;
    };
    expect(msg('nope.add')).toMatch(/no page "nope" \(it has calc\)/);
    expect(msg('calc.mul')).toMatch(/"calc\.mul".*\(it has calc\.add, calc\.hello\)/);
    expect(msg('calc.toString')).toMatch(/"calc\.toString"/);
    expect(msg(42)).toMatch(/not a method name/);
  });

  it('builds no schema until a method is used (nothing costly when the bundle loads)', () => {
    const build = vi.fn(() => z.string());
    const m = method(build, build);
    expect(build).not.toHaveBeenCalled();
    m.input();
    m.input();
    expect(build).toHaveBeenCalledTimes(1);
  });
});
