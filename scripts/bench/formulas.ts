/**
 * Formula benchmark, through the built Code.js in node:vm (the file clasp pushes): PRIORITY and
 * PPM_RANK on 10,000 and 100,000 rows × 8 criteria, and the cold start of Code.js.
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { CODE_JS, loadBundle } from '../../emulator/bundle';
import { newRealm } from '../../emulator/vm-script';
import { rng } from '../rng';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function time(fn: () => unknown, runs: number): number {
  fn(); // warm-up: Sheets keeps nothing warm, but V8's JIT would otherwise dominate small runs
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    t.push(performance.now() - start);
  }
  return median(t);
}

export interface FormulaFigures {
  rows: number;
  priorityMs: number;
  rankMs: number;
}

export function benchFormulas(): {
  figures: FormulaFigures[];
  coldStartMs: number;
  bundleKb: number;
} {
  const app = loadBundle();
  const figures: FormulaFigures[] = [];
  for (const rows of [10_000, 100_000]) {
    const r = rng(rows);
    const values = Array.from({ length: rows }, () =>
      Array.from({ length: 8 }, () => Math.round(r() * 100) / 10),
    );
    const weights = [[3, 2, 2, 1, 1, 1, 1, 1]];
    const dirs = [['higher', 'higher', 'higher', 'lower', 'lower', 'higher', 'higher', 'lower']];
    const scores = app.call('PRIORITY', values, weights, dirs) as unknown[][];
    const priorityMs = time(() => app.call('PRIORITY', values, weights, dirs), 5);
    const rankMs = time(() => app.call('PPM_RANK', scores), 5);
    figures.push({ rows, priorityMs, rankMs });
  }
  const source = readFileSync(CODE_JS, 'utf8');
  const cold: number[] = [];
  for (let i = 0; i < 30; i++) {
    // A unique suffix defeats V8's in-process compilation cache: every run parses from scratch.
    const unique = `${source}\n// run ${i} ${Math.random()}`;
    const start = performance.now();
    const context = newRealm();
    new vm.Script(unique, { filename: 'Code.js' }).runInContext(context);
    cold.push(performance.now() - start);
  }
  return { figures, coldStartMs: median(cold), bundleKb: Buffer.byteLength(source) / 1024 };
}

export function printFormulas(): void {
  const { figures, coldStartMs, bundleKb } = benchFormulas();
  console.log('\nFormulas (built Code.js in node:vm, median of 5 runs after a warm-up)');
  console.log('rows      PRIORITY ms  rows/s        PPM_RANK ms  rows/s');
  for (const f of figures) {
    const rate = (ms: number): string =>
      Math.round((f.rows / ms) * 1000)
        .toLocaleString('en-US')
        .padStart(12);
    console.log(
      `${f.rows.toLocaleString('en-US').padEnd(9)} ${f.priorityMs.toFixed(1).padStart(11)} ${rate(f.priorityMs)}  ${f.rankMs.toFixed(1).padStart(11)} ${rate(f.rankMs)}`,
    );
  }
  const big = figures.find((f) => f.rows === 100_000);
  console.log(
    `Cold start of Code.js (${bundleKb.toFixed(1)} KB; fresh context, parse and run, median of 30): ${coldStartMs.toFixed(2)} ms`,
  );
  console.log(
    `Targets: 100,000 rows scored in < 200 ms: ${big && big.priorityMs < 200 ? 'met' : 'MISSED'}; cold start < 20 ms: ${coldStartMs < 20 ? 'met' : 'MISSED'}`,
  );
}
