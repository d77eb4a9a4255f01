/**
 * npm start: builds the add-on, then runs the bundled sample portfolio through the built
 * Code.js's formulas (PRIORITY, PPM_RANK, AHP_WEIGHTS, AHP_CR) and prints the ranked table.
 */
import { buildAll } from './build';
import { loadBundle } from '../emulator/bundle';
import { SAMPLE_CRITERIA, SAMPLE_PAIRWISE, sampleProjects } from '../src/core/sample-portfolio';

await buildAll();
const app = loadBundle();
const grid = (rows: readonly (readonly unknown[])[]): unknown[][] => rows.map((r) => [...r]);

const values = sampleProjects().map((p) => [...p.scores]);
const pairwise = SAMPLE_PAIRWISE.map((r) => r.map((x) => x ?? ''));
const weights = app.call('AHP_WEIGHTS', pairwise) as number[][];
const cr = (app.call('AHP_CR', pairwise) as number[][])[0]?.[0] ?? 0;
const scores = app.call(
  'PRIORITY',
  values,
  grid([weights.map((w) => w[0])]),
  grid([SAMPLE_CRITERIA.map((c) => c.direction)]),
  grid([SAMPLE_CRITERIA.map((c) => c.scaleMin ?? '')]),
  grid([SAMPLE_CRITERIA.map((c) => c.scaleMax ?? '')]),
) as number[][];
const ranks = app.call('PPM_RANK', scores) as number[][];

console.log(`\nCriteria weights from the board's pairwise judgements (AHP, CR ${cr.toFixed(3)}):`);
SAMPLE_CRITERIA.forEach((c, i) => {
  console.log(`  ${c.name.padEnd(16)} ${((weights[i]?.[0] ?? 0) * 100).toFixed(1)}%`);
});
const rows = sampleProjects()
  .map((p, i) => ({
    p,
    score: scores[i]?.[0] ?? 0,
    rank: ranks[i]?.[0] ?? 0,
  }))
  .sort((a, b) => a.rank - b.rank);
console.log(`\nRank  Score  ID   ${'Name'.padEnd(36)} Type`);
for (const r of rows) {
  console.log(
    `${String(r.rank).padStart(4)}  ${r.score.toFixed(1).padStart(5)}  ${r.p.id}  ${r.p.name.padEnd(36)} ${r.p.type}`,
  );
}
