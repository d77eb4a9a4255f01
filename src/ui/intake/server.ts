/**
 * The server side of New project request: `load` reads what the form offers; `submit` checks
 * the request again against a fresh read of the workbook and appends it to the Intake sheet under
 * a new request ID — both under the document lock (runAction), so two people submitting at the
 * same moment get two IDs and two rows.
 */
import { runAction } from '../../sheets/action';
import type { CellValue } from '../../sheets/cell-parsers';
import { literal } from '../../sheets/owned-sheet';
import { currentUser, type Services } from '../../sheets/services';
import { INTAKE } from '../../sheets/schema';
import { ensureSheet } from '../../sheets/setup';
import { readTable, type Table } from '../../sheets/table';
import type { ParsedInputOf } from '../bridge/contract';
import { endpoint, FieldError, type Endpoint } from '../bridge/server';
import { readContext } from '../pages';
import { intakeContract, requestIssues } from './contract';
import { readIntakeModel } from './model';
import { formatDemand, formatRatings } from './text';

type Request = ParsedInputOf<(typeof intakeContract)['submit']>;

export function intakeEndpoint(): Endpoint {
  return endpoint('intake', intakeContract, {
    load: (_input, services) => {
      const ctx = readContext(services);
      return readIntakeModel(ctx.ss, ctx, currentUser(services)).model;
    },
    submit: (input, services) => submitRequest(services, input),
  });
}

/** Appends a request to Intake (creating the sheet if needed) with the next ID "R-0001"… */
export function submitRequest(services: Services, r: Request): { id: string; row: number } {
  let out = { id: '', row: 0 };
  runAction(services, 'New project request', (ctx) => {
    const { model } = readIntakeModel(ctx.ss, ctx, ctx.user);
    const issues = requestIssues(r, model);
    if (issues.length) throw new FieldError(issues);
    const sheet = ensureSheet(ctx, INTAKE);
    const table = readTable(sheet, INTAKE, ctx);
    const id = nextRequestId(table);
    const row = table.rows.length + 2;
    const values: Record<string, CellValue> = {
      id,
      submitted: ctx.now,
      submittedBy: ctx.user,
      status: 'Pending',
      name: literal(r.name),
      description: literal(r.description),
      type: r.type,
      owner: literal(r.owner),
      objective: literal(r.objective),
      segment: literal(r.segment),
      region: literal(r.region),
      start: r.start,
      end: r.end,
      cost: r.cost,
      expectedRevenue: r.expectedRevenue ?? '',
      confidence: r.confidence === null ? '' : r.confidence / 100,
      ratings: literal(formatRatings(r.ratings)),
      dependsOn: literal(r.dependsOn.join(', ')),
      demand: literal(formatDemand(r.demand)),
    };
    const width = Math.max(table.width, INTAKE.columns.length);
    const cells: CellValue[] = new Array<CellValue>(width).fill('');
    for (const [key, v] of Object.entries(values)) {
      const col = table.index.get(key);
      if (col !== undefined) cells[col] = v;
    }
    ctx.tx.write(sheet, row, 1, [cells], { values: [new Array<CellValue>(width).fill('')] });
    out = { id, row };
    const what = `${id} "${r.name}" (${r.type}, cost ${r.cost.toLocaleString('en-US')}, owner ${r.owner})`;
    return {
      toast: `Request ${id} "${r.name}" is in the Intake sheet; the board decides in Review intake.`,
      log: `Request ${what} submitted by ${ctx.user}, row ${row}.`,
    };
  });
  return out;
}

/** "R-0001" for the first request; otherwise one more than the highest "R-n" in the sheet. */
export function nextRequestId(table: Table): string {
  const col = table.index.get('id') as number;
  let max = 0;
  for (const row of table.rows) {
    const m = /^R-?(\d+)$/i.exec(String(row[col] ?? '').trim());
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `R-${String(max + 1).padStart(4, '0')}`;
}
