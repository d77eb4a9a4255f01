/**
 * Runtime benchmark: what one emulated execution costs before the add-on does anything (a fresh
 * vm context with Code.js loaded), in-process and in a worker thread; the round trip of one
 * forwarded service call; and a 50,000 × 25 table read crossing from the main thread to a worker.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instrument, type ExecutionContext } from '../../emulator/context';
import { Emulator, type SpreadsheetBackend } from '../../emulator/index';

const ROWS = 50_000;
const COLS = 25;
const CALLS = 2000;

const CODE = `
function manyCalls(n) {
  var p = PropertiesService.getDocumentProperties();
  for (var i = 0; i < n; i++) p.getProperty('k');
  return n;
}
function readTable() {
  var v = SpreadsheetApp.getActiveSpreadsheet().getValues();
  return v.length * v[0].length;
}
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function timeAsync(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    t.push(performance.now() - start);
  }
  return median(t);
}

/** A stand-in spreadsheet whose one method returns a whole table (as Range.getValues would). */
function tableBackend(): SpreadsheetBackend {
  const table = Array.from({ length: ROWS }, (_, r) =>
    Array.from({ length: COLS }, (_, c) =>
      c === 0 ? `P-${String(r)}` : c === 1 ? new Date(Date.UTC(2027, 0, 1 + (r % 365))) : r * c,
    ),
  );
  class Book {
    getValues(): unknown[][] {
      return table;
    }
  }
  class App {
    constructor(private readonly ctx: ExecutionContext) {}
    getUi(): GoogleAppsScript.Base.Ui {
      return this.ctx.ui();
    }
    getActiveSpreadsheet(): Book {
      return instrument(new Book(), 'Spreadsheet', this.ctx.calls);
    }
  }
  return {
    workbook: { setCustomFunctionHost: () => undefined },
    createSpreadsheetApp: (ctx) =>
      instrument(
        new App(ctx),
        'SpreadsheetApp',
        ctx.calls,
      ) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp,
  };
}

export async function printRuntime(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-bench-'));
  try {
    const code = join(dir, 'Code.js');
    writeFileSync(code, CODE);
    const real = new Emulator().as('ana@example.com');
    const emu = new Emulator({ code, spreadsheet: tableBackend() });
    const ana = emu.as('ana@example.com');

    const open = await timeAsync(() => Promise.resolve(real.open()), 20);
    const custom = await timeAsync(
      () => Promise.resolve(real.customFunction('PPM_RANK', [[1], [2]])),
      20,
    );
    const worker = await timeAsync(() => real.runAsync('PPM_RANK', [[1], [2]]), 10);
    const local = await timeAsync(() => Promise.resolve(ana.run('manyCalls', CALLS)), 5);
    const forwarded = await timeAsync(() => ana.runAsync('manyCalls', CALLS), 5);
    const readLocal = await timeAsync(() => Promise.resolve(ana.run('readTable')), 3);
    const readWorker = await timeAsync(() => ana.runAsync('readTable'), 3);

    console.log('\nEmulator runtime (dist/Code.js and a bench bundle; median ms)');
    console.log(`  in-process execution, onOpen (fresh context + Code.js)   ${open.toFixed(1)}`);
    console.log(`  in-process custom function PPM_RANK                      ${custom.toFixed(1)}`);
    console.log(`  worker execution, PPM_RANK (thread start + Code.js)      ${worker.toFixed(1)}`);
    console.log(
      `  ${String(CALLS)} service calls: in-process ${local.toFixed(1)}, worker ${forwarded.toFixed(1)} (${((forwarded * 1000) / CALLS).toFixed(0)} µs per forwarded call)`,
    );
    console.log(
      `  ${ROWS.toLocaleString('en-US')} × ${String(COLS)} table read: in-process ${readLocal.toFixed(1)}, worker ${readWorker.toFixed(1)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
