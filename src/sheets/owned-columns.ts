/**
 * Writing the add-on's own columns of a table (Score, Rank, Flags, Selected, Why …): one setValues
 * per run of adjacent columns, headers added for missing columns at the right end. A cell of an
 * owned column that holds a formula the user typed is left as it is. Each row's values are
 * written on the row of its key (ID) as it is at write time, and a cell someone typed into while
 * the action ran stops it (see Transaction.write).
 */
import type { ActionContext } from './action';
import type { CellValue } from './cell-parsers';
import { rowKeysOf } from './row-keys';
import { NUMBER_FORMATS, column as columnSpec } from './schema';
import { adjacentRuns, placeColumns, type Table } from './table';

export interface OwnedWrite {
  readonly key: string;
  /** One value per data row of the table (rows[i] ↔ sheet row i + 2). */
  readonly values: readonly CellValue[];
  readonly numberFormat?: string;
}

export interface OwnedWriteReport {
  /** Cells left alone because they hold the user's formulas, as A1-ish "Score row 7". */
  readonly keptFormulas: string[];
}

export function writeOwnedColumns(
  ctx: ActionContext,
  table: Table,
  writes: readonly OwnedWrite[],
): OwnedWriteReport {
  const rows = table.rows.length;
  const at = placeColumns(
    table,
    writes.map((w) => w.key),
  );
  const byCol = new Map<number, OwnedWrite>();
  for (const w of writes) byCol.set(at.get(w.key) as number, w);
  const keptFormulas: string[] = [];
  for (const run of adjacentRuns([...byCol.keys()])) {
    const first = run[0] as number;
    const isNew = first >= table.width;
    const headerRow = run.map(
      (c) => columnSpec(table.spec, (byCol.get(c) as OwnedWrite).key).header,
    );
    if (isNew) ctx.tx.write(table.sheet, 1, first + 1, [headerRow]);
    if (rows === 0) continue;
    const block: CellValue[][] = [];
    const before: CellValue[][] = [];
    const beforeFormulas: string[][] = [];
    for (let i = 0; i < rows; i++) {
      const out: CellValue[] = [];
      const old: CellValue[] = [];
      const oldF: string[] = [];
      for (const c of run) {
        const w = byCol.get(c) as OwnedWrite;
        const prev = isNew ? '' : (table.rows[i]?.[c] ?? '');
        const formula = isNew ? '' : (table.formulas[i]?.[c] ?? '');
        old.push(prev);
        oldF.push(formula);
        if (formula) {
          out.push(formula);
          keptFormulas.push(`${columnSpec(table.spec, w.key).header} row ${i + 2}`);
        } else out.push(w.values[i] ?? '');
      }
      block.push(out);
      before.push(old);
      beforeFormulas.push(oldF);
    }
    ctx.tx.write(table.sheet, 2, first + 1, block, {
      values: before,
      formulas: beforeFormulas,
      key: rowKeysOf(table, 0, rows),
    });
    run.forEach((c) => {
      const w = byCol.get(c) as OwnedWrite;
      const format = w.numberFormat ?? NUMBER_FORMATS[columnSpec(table.spec, w.key).kind];
      if (format) table.sheet.getRange(2, c + 1, rows, 1).setNumberFormat(format);
    });
  }
  return { keptFormulas };
}
