import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CODE_JS, ROOT, loadBundle, type LoadedBundle } from '../../emulator/bundle';
import { readEntryPoints, type EntryPoint } from '../../scripts/entry-points';

/** A stand-in for an Apps Script service that fails on any use: loading must touch none. */
function untouchable(name: string): unknown {
  return new Proxy(
    {},
    {
      get(_t, prop) {
        throw new Error(`${name}.${String(prop)} was used while loading`);
      },
    },
  );
}

const SERVICES = [
  'SpreadsheetApp',
  'HtmlService',
  'PropertiesService',
  'LockService',
  'CacheService',
  'Session',
  'Utilities',
  'Logger',
  'ScriptApp',
];

let code: string;
let entries: EntryPoint[];
let bundle: LoadedBundle;

beforeAll(() => {
  code = readFileSync(CODE_JS, 'utf8');
  entries = readEntryPoints(join(ROOT, 'src/entry.ts'));
  bundle = loadBundle();
});

describe('dist/ (what clasp pushes)', () => {
  it('holds Code.js and the manifest with V8, least scopes and exception logging', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'dist/appsscript.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({ runtimeVersion: 'V8', exceptionLogging: 'STACKDRIVER' });
    expect(typeof manifest.timeZone).toBe('string');
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      // Session.getActiveUser().getEmail() for the Log's "who"; nothing else.
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
    const clasp = JSON.parse(readFileSync(join(ROOT, '.clasp.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(clasp.rootDir).toBe('dist');
  });

  it('has no export statement and no Node globals', () => {
    expect(code).not.toMatch(/^\s*export\s/m);
    expect(code).not.toMatch(/\brequire\(|\bprocess\.|\bmodule\.exports\b|\bsetTimeout\(/);
  });

  it('loads in a bare context without touching any Apps Script service', () => {
    const globals = Object.fromEntries(SERVICES.map((s) => [s, untouchable(s)]));
    expect(() => loadBundle(globals)).not.toThrow();
  });
});

describe('entry points', () => {
  it('declares every export of src/entry.ts as a real top-level function with its parameters', () => {
    expect(entries.length).toBeGreaterThan(8);
    for (const e of entries) {
      const fn = bundle.context[e.name] as unknown;
      expect(typeof fn, e.name).toBe('function');
      const decl = new RegExp(`^function ${e.name}\\(${e.params.join(', ')}\\) \\{$`, 'm');
      expect(code, e.name).toMatch(decl);
    }
  });

  it('puts the JSDoc with @customfunction, every @param and @return above each custom function', () => {
    const custom = entries.filter((e) => e.customFunction).map((e) => e.name);
    expect(custom.sort()).toEqual([
      'AHP_CR',
      'AHP_WEIGHTS',
      'ALLOCATE',
      'CRM_ACTUALS',
      'FRONTIER',
      'ICE',
      'PPM_RANK',
      'PRIORITY',
      'RICE',
      'SCHEDULE',
      'WSJF',
    ]);
    for (const e of entries.filter((x) => x.customFunction)) {
      const m = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\nfunction ${e.name}\\(`).exec(code);
      expect(m, e.name).not.toBeNull();
      const doc = m?.[1] ?? '';
      expect(doc).toContain('@customfunction');
      expect(doc).toMatch(/@return \{/);
      for (const p of e.params)
        expect(doc, `${e.name} @param ${p}`).toMatch(
          new RegExp(`@param \\{[^}]+\\} \\[?${p}\\]? \\S`),
        );
    }
  });

  it('builds the menu in AuthMode.NONE using nothing but the Ui, and every item exists', () => {
    const items: [string, string][] = [];
    let added = false;
    const menu = {
      addItem(caption: string, fn: string) {
        items.push([caption, fn]);
        return menu;
      },
      addSeparator: () => menu,
      addSubMenu: () => menu,
      addToUi: () => {
        added = true;
      },
    };
    const ui = { createAddonMenu: () => menu, createMenu: () => menu };
    const SpreadsheetApp = new Proxy(
      { getUi: () => ui },
      {
        get(t, prop) {
          if (prop === 'getUi') return t.getUi;
          throw new Error(`SpreadsheetApp.${String(prop)} is not allowed in AuthMode.NONE`);
        },
      },
    );
    const globals = Object.fromEntries(SERVICES.map((s) => [s, untouchable(s)]));
    const b = loadBundle({ ...globals, SpreadsheetApp });
    b.call('onOpen', { authMode: 'NONE' });
    expect(added).toBe(true);
    expect(items.length).toBeGreaterThan(1);
    for (const [, fn] of items) expect(typeof b.context[fn], fn).toBe('function');
    added = false;
    b.call('onInstall', { authMode: 'FULL' });
    expect(added).toBe(true);
  });
});

describe('custom functions, called as Sheets calls them', () => {
  it('ALLOCATE with demand, capacity and force, and its errors, from the bundle', () => {
    const out = bundle.call(
      'ALLOCATE',
      [[10], [9], [7], [1]],
      [[1], [1], [1], [1]],
      100,
      [
        [8, 0],
        [5, 1],
        ['', 2],
        [0, 0],
      ],
      [[10, 5]],
      [[''], ['in'], [''], ['out']],
    );
    expect(out).toEqual([[0], [1], [1], [0]]);
    let caught: unknown;
    try {
      bundle.call('ALLOCATE', [[1], [1]], [[1], [1]], 1, undefined, undefined, [['in'], ['in']]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(bundle.evaluate('Error') as ErrorConstructor);
    expect((caught as Error).message).toBe(
      'ALLOCATE: no selection satisfies every constraint: forced-in row 1 and row 2 cost 2 but the budget is 1.',
    );
  });

  it('ALLOCATE and FRONTIER with ids, dependsOn and excludes, and their errors, from the bundle', () => {
    // A (10, cost 5) needs B (1, cost 8), which does not fit with it in 10; C and D exclude
    // each other.
    const values = [[10], [1], [4], [3], ['']];
    const costs = [[5], [8], [4], [5], ['']];
    const ids = [['A'], ['B'], ['C'], ['D'], ['']];
    const dependsOn = [['B'], [''], [''], [''], ['']];
    const excludes = [[''], [''], ['D'], [''], ['']];
    const args = [ids, dependsOn, excludes];
    expect(
      bundle.call('ALLOCATE', values, costs, 10, undefined, undefined, undefined, ...args),
    ).toEqual([[0], [0], [1], [0], ['']]);
    expect(
      bundle.call('FRONTIER', values, costs, [[10], [13]], undefined, undefined, ...args),
    ).toEqual([
      [10, 4, 4, 1],
      [13, 11, 13, 2],
    ]);
    expect(() =>
      bundle.call('ALLOCATE', values, costs, 10, undefined, undefined, undefined, ids, [
        [''],
        ['E'],
        [''],
        [''],
        [''],
      ]),
    ).toThrow('ALLOCATE: dependsOn row 2 names "E", which is not in ids.');
    expect(() =>
      bundle.call(
        'ALLOCATE',
        values,
        costs,
        10,
        undefined,
        undefined,
        [['in'], ['out'], [''], [''], ['']],
        ...args,
      ),
    ).toThrow(
      'ALLOCATE: no selection satisfies every constraint: forced-in A needs B, which is forced out.',
    );
  });

  it('SCHEDULE moves a start to fit capacity, discounts it, and names bad input, from the bundle', () => {
    // Two resources × 3 periods. Row 2 does not fit with row 1 in period 1 but does one later;
    // row 3 is blank; row 4 cannot move and does not fit.
    const demand = [
      [6, 6, 0, 1, 0, 0],
      [5, 0, 0, 0, 0, 0],
      ['', '', '', '', '', ''],
      [9, 0, 0, 0, 0, 0],
    ];
    const capacity = [[10, 10, 10, 5, 5, 5]];
    const out = bundle.call(
      'SCHEDULE',
      [[10], [8], [''], [3]],
      [[1], [1], [''], [1]],
      100,
      demand,
      capacity,
      3,
      [[0], [2], [''], [0]],
      0.1,
    );
    expect(out).toEqual([[0], [2], [''], ['']]);
    // One max delay for all; the budget keeps one project out.
    expect(
      bundle.call('SCHEDULE', [[10], [8]], [[1], [1]], 1, demand.slice(0, 2), capacity, 3, 1),
    ).toEqual([[0], ['']]);
    const error = (...args: unknown[]): string => {
      try {
        bundle.call('SCHEDULE', ...args);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(error([[1]], [[1]], 10, [[1, 2, 3, 4]], [[5, 5, 5, 5]], 3, 0)).toBe(
      'SCHEDULE: demand has 4 columns, not a whole number of blocks of 3 periods. Give each resource exactly 3 columns.',
    );
    expect(
      error(
        [[1], [2]],
        [[1], [1]],
        10,
        [
          [1, 2, 3],
          [1, 1, 1],
        ],
        [[5, 5, 5]],
        3,
        [[0], [1.5]],
      ),
    ).toBe(
      'SCHEDULE: max_delay row 2 is 1.5; it must be a whole number of periods (0 = cannot move).',
    );
    expect(error([[1]], [[1]], 10, [[1, 'x', 3]], [[5, 5, 5]], 3, 0)).toBe(
      'SCHEDULE: demand row 1, column 2 is "x", not a number. Demand must be a number of 0 or more, or blank for none.',
    );
    expect(error([[1]], [[1]], 10, [[1, 2, 3]], [[5, 5, 5]], 3, 0, 1)).toMatch(
      /^SCHEDULE: discount is 1; it must be at most/,
    );
  });

  it('PRIORITY takes 2-D ranges with blanks, booleans and Dates of the script realm', () => {
    const date = bundle.evaluate('new Date(2027, 0, 1)');
    const out = bundle.call(
      'PRIORITY',
      [
        [10, 'x'.slice(1)],
        [20, 3],
        ['', ''],
      ],
      [[1, 1]],
    ) as unknown[][];
    expect(out).toEqual([[0], [100], ['']]);
    const withDate = bundle.call('PRIORITY', [[date], [new Date(2027, 0, 2)]], 1) as unknown[][];
    expect(withDate).toEqual([[0], [100]]);
    expect(() => bundle.call('PRIORITY', [[true]], 1)).toThrow(
      /PRIORITY: values row 1, column 1 is TRUE/,
    );
  });

  it('every custom function returns a 2-D array', () => {
    const c = (xs: unknown[]): unknown[][] => xs.map((x) => [x]);
    const results = {
      PRIORITY: bundle.call(
        'PRIORITY',
        [
          [1, 2],
          [3, 4],
        ],
        [[1, 1]],
        [['higher', 'lower']],
      ),
      PPM_RANK: bundle.call('PPM_RANK', c([5, 7, 5, ''])),
      RICE: bundle.call('RICE', c([1000, '']), 2, c(['80%', '']), c([4, ''])),
      ICE: bundle.call('ICE', 8, 5, 3),
      RICE_BLANK_ROW: bundle.call('RICE', '', '', '', ''),
      WSJF: bundle.call('WSJF', c([8]), c([5]), c([3]), c([4])),
      AHP_WEIGHTS: bundle.call('AHP_WEIGHTS', [
        [1, 3],
        ['', 1],
      ]),
      AHP_CR: bundle.call('AHP_CR', [
        [1, 3, 5],
        ['', 1, 3],
        ['', '', 1],
      ]),
      ALLOCATE: bundle.call('ALLOCATE', c([10, 9, 7, '']), c([5, 6, 4, '']), 10),
      FRONTIER: bundle.call('FRONTIER', c([10, 9, 7]), c([5, 6, 4]), c([0, 10])),
    };
    expect(results.PPM_RANK).toEqual([[2], [1], [2], ['']]);
    expect(results.RICE).toEqual([[400], ['']]);
    expect(results.ICE).toEqual([[120]]);
    expect(results.RICE_BLANK_ROW).toEqual([['']]);
    expect(results.WSJF).toEqual([[4]]);
    expect(results.AHP_WEIGHTS).toEqual([[0.75], [0.25]]);
    expect((results.AHP_CR as number[][])[0]![0]).toBeCloseTo(0.0332, 4);
    expect(results.ALLOCATE).toEqual([[1], [0], [1], ['']]);
    expect(results.FRONTIER).toEqual([
      [0, 0, 0, 0],
      [10, 17, 9, 2],
    ]);
    for (const [name, r] of Object.entries(results)) {
      expect(Array.isArray(r) && (r as unknown[]).every((row) => Array.isArray(row)), name).toBe(
        true,
      );
    }
  });

  it('throws an Error whose message names the function, argument and cell', () => {
    let caught: unknown;
    try {
      bundle.call('RICE', [[1], [2]], 1, 1, [[3], ['n/a']]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(bundle.evaluate('Error') as ErrorConstructor);
    expect((caught as Error).message).toBe(
      'RICE: effort row 2 is "n/a", not a number. Effort must be above 0 (e.g. person-months).',
    );
  });
});

describe('custom functions stay inside the 30-second limit', () => {
  it('ALLOCATE on 20,000 rows returns soon after its 5 s cap, in the vm as in Apps Script', () => {
    const n = 20_000;
    const values = Array.from({ length: n }, (_, i) => [((i * 7919) % 100) + 1]);
    const costs = Array.from({ length: n }, (_, i) => [((i * 104729) % 50) + 10]);
    const t0 = performance.now();
    const out = bundle.call('ALLOCATE', values, costs, 200_000) as unknown[][];
    const ms = performance.now() - t0;
    expect(out).toHaveLength(n);
    expect(out.filter((r) => r[0] === 1).length).toBeGreaterThan(1000);
    // Generous for a shared machine. Explaining the selection once scanned the budget row for
    // every project (n² steps): 51 s here, well past Sheets' 30 s.
    expect(ms).toBeLessThan(20_000);
  }, 60_000);
});

describe('readEntryPoints', () => {
  it('refuses a rest or defaulted parameter, which the generated footer would pass on wrongly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-entry-'));
    try {
      for (const [name, params] of [
        ['rest', '...values: unknown[]'],
        ['defaulted', 'values: unknown = 1'],
      ] as const) {
        const file = join(dir, `${name}.ts`);
        writeFileSync(file, `export function F(${params}): unknown { return values; }\n`);
        expect(() => readEntryPoints(file)).toThrow(/F: .*cannot be an entry-point parameter/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
