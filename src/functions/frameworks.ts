import { ice, rice, wsjf, type IceMethod } from '../core/frameworks';
import { FormulaContext, shapeLike, type NumberRule } from './args';
import { isBlank, quote } from './cells';
import { formula } from './guard';
import { alignColumns, type AlignedColumns } from './columns';

/** The rule of every framework input that may be 0 but not negative (a blank counts 0). */
const NON_NEGATIVE: NumberRule & { readonly worst: number } = {
  min: 0,
  worst: 0,
  fix: 'Use a number of 0 or more.',
};

/**
 * Computes a framework row by row. A row where every range argument is blank gives a blank
 * result; a blank cell in a row that has data counts as the worst value (`worst`), so the row
 * scores 0 rather than hiding the whole column behind an error.
 */
function byRow(
  ctx: FormulaContext,
  cols: AlignedColumns,
  rules: readonly (NumberRule & { worst: number })[],
  compute: (x: number[]) => number,
): (number | string)[][] {
  const out: (number | null)[] = [];
  for (let i = 0; i < cols.n; i++) {
    if (cols.blankRow(i)) {
      out.push(null);
      continue;
    }
    const x = rules.map(
      (rule, a) => ctx.number(cols.where(a, i), cols.cell(a, i), rule) ?? rule.worst,
    );
    const inputs = (): string =>
      rules.map((_, a) => `${cols.where(a, i)} is ${quote(cols.cell(a, i))}`).join(', ');
    out.push(ctx.finite(compute(x), `row ${i + 1}`, inputs));
  }
  return shapeLike(cols.shape, out);
}

/**
 * RICE score = reach × impact × confidence ÷ effort. Confidence is a fraction (0–1) or a percent
 * when above 1 (80 means 80%). Single values apply to every row.
 *
 * @param {number[][]} reach People or accounts reached per period, e.g. C2:C.
 * @param {number[][]} impact Impact per person (e.g. 0.25 minimal, 0.5 low, 1 medium, 2 high, 3 massive), e.g. D2:D.
 * @param {number[][]} confidence Confidence, 0–1 or 0–100 (%), e.g. E2:E.
 * @param {number[][]} effort Effort in person-months, above 0, e.g. F2:F.
 * @return {number[][]} One RICE score per row; wholly blank rows stay blank.
 * @customfunction
 */
export function RICE(
  reach: unknown,
  impact: unknown,
  confidence: unknown,
  effort: unknown,
): (number | string)[][] {
  return formula('RICE', () => {
    const ctx: FormulaContext = new FormulaContext('RICE');
    const cols = alignColumns(ctx, [
      { name: 'reach', raw: reach, example: 'C2:C' },
      { name: 'impact', raw: impact, example: 'D2:D' },
      { name: 'confidence', raw: confidence, example: 'E2:E' },
      { name: 'effort', raw: effort, example: 'F2:F' },
    ]);
    return byRow(
      ctx,
      cols,
      [
        NON_NEGATIVE,
        NON_NEGATIVE,
        { min: 0, max: 100, worst: 0, fix: 'Use 0–1 or a percent up to 100.' },
        { above: 0, worst: Infinity, fix: 'Effort must be above 0 (e.g. person-months).' },
      ],
      ([r, i, c, e]) => rice(r as number, i as number, c as number, e as number),
    );
  });
}

/**
 * ICE score = impact × confidence × ease, or their average with method "average".
 *
 * @param {number[][]} impact Impact, e.g. 1–10, e.g. C2:C.
 * @param {number[][]} confidence Confidence, e.g. 1–10, e.g. D2:D.
 * @param {number[][]} ease Ease, e.g. 1–10, e.g. E2:E.
 * @param {string} [method] Optional: "product" (default) or "average".
 * @return {number[][]} One ICE score per row; wholly blank rows stay blank.
 * @customfunction
 */
export function ICE(
  impact: unknown,
  confidence: unknown,
  ease: unknown,
  method?: unknown,
): (number | string)[][] {
  return formula('ICE', () => {
    const ctx: FormulaContext = new FormulaContext('ICE');
    const how = readIceMethod(ctx, method);
    const cols = alignColumns(ctx, [
      { name: 'impact', raw: impact, example: 'C2:C' },
      { name: 'confidence', raw: confidence, example: 'D2:D' },
      { name: 'ease', raw: ease, example: 'E2:E' },
    ]);
    return byRow(ctx, cols, [NON_NEGATIVE, NON_NEGATIVE, NON_NEGATIVE], ([i, c, e]) =>
      ice(i as number, c as number, e as number, how),
    );
  });
}

function readIceMethod(ctx: FormulaContext, raw: unknown): IceMethod {
  const g = ctx.grid('method', raw, false, '"average"');
  if (!g) return 'product';
  const v = g[0]?.[0];
  if (
    g.length !== 1 ||
    (g[0] as unknown[]).length !== 1 ||
    (typeof v !== 'string' && !isBlank(v))
  ) {
    ctx.fail('method must be the text "product" or "average".');
  }
  const word = String(v).trim().toLowerCase();
  if (word === '' || word === 'product' || word === 'multiply') return 'product';
  if (word === 'average' || word === 'avg' || word === 'mean') return 'average';
  return ctx.fail(`method is ${quote(v)}. Use "product" or "average".`);
}

/**
 * WSJF (weighted shortest job first) = (business value + time criticality + risk reduction) ÷ job size.
 *
 * @param {number[][]} business_value Business value, e.g. 1–20 (Fibonacci), e.g. C2:C.
 * @param {number[][]} time_criticality Time criticality, e.g. D2:D.
 * @param {number[][]} risk_reduction Risk reduction or opportunity enablement, e.g. E2:E.
 * @param {number[][]} job_size Job size, above 0, e.g. F2:F.
 * @return {number[][]} One WSJF score per row; wholly blank rows stay blank.
 * @customfunction
 */
export function WSJF(
  business_value: unknown,
  time_criticality: unknown,
  risk_reduction: unknown,
  job_size: unknown,
): (number | string)[][] {
  return formula('WSJF', () => {
    const ctx: FormulaContext = new FormulaContext('WSJF');
    const cols = alignColumns(ctx, [
      { name: 'business_value', raw: business_value, example: 'C2:C' },
      { name: 'time_criticality', raw: time_criticality, example: 'D2:D' },
      { name: 'risk_reduction', raw: risk_reduction, example: 'E2:E' },
      { name: 'job_size', raw: job_size, example: 'F2:F' },
    ]);
    return byRow(
      ctx,
      cols,
      [
        NON_NEGATIVE,
        NON_NEGATIVE,
        NON_NEGATIVE,
        { above: 0, worst: Infinity, fix: 'Job size must be above 0.' },
      ],
      ([b, t, r, s]) => wsjf(b as number, t as number, r as number, s as number),
    );
  });
}
