/**
 * The server side of the Scoring model sidebar: the model and the projects' inputs (load), and
 * writing the model the board settled on (apply) under the document lock, after a fresh read,
 * as one undoable action that also re-scores when asked.
 */
import { isOpen } from '../../core/model';
import { FRAMEWORK_NAMES, formatFrameworkColumns } from '../../core/framework-score';
import { analyseAhp } from '../../core/ahp';
import { scoreAndRank } from '../../menu/actions/score';
import { runAction, type ActionContext } from '../../sheets/action';
import { requireBoard } from '../../sheets/board';
import { looseNumber, type CellValue } from '../../sheets/cell-parsers';
import { headerKey } from '../../sheets/headers';
import { readCriteria, readPairwise } from '../../sheets/model-sheets';
import { literal } from '../../sheets/owned-sheet';
import { SheetError } from '../../sheets/problems';
import { readProjects } from '../../sheets/projects';
import { CRITERIA, PROJECTS, SETTINGS, type ColumnSpec } from '../../sheets/schema';
import type { Services } from '../../sheets/services';
import { readSettings, SETTING_DEFS } from '../../sheets/settings';
import { ensureSheet, PAIRWISE_SHEET } from '../../sheets/setup';
import { missingSheet, readTable } from '../../sheets/table';
import { rowKeysOf } from '../../sheets/row-keys';
import type { ParsedInputOf } from '../bridge/contract';
import { endpoint, type Endpoint } from '../bridge/server';
import { readContext, type ReadContext } from '../pages';
import { scoringContract, type ScoringModel } from './contract';

type Apply = ParsedInputOf<(typeof scoringContract)['apply']>;

export function scoringEndpoint(): Endpoint {
  return endpoint('scoring-model', scoringContract, {
    load: (_input, services) => loadScoringModel(readContext(services)),
    apply: (input, services) => applyScoringModel(services, input),
  });
}

const NUMERIC_KINDS = new Set<ColumnSpec['kind']>(['number', 'money', 'hours', 'percent']);

export function loadScoringModel(ctx: ReadContext): ScoringModel {
  const criteriaSheet = ctx.ss.getSheetByName(CRITERIA.name);
  if (!criteriaSheet) throw missingSheet(CRITERIA);
  const projectsSheet = ctx.ss.getSheetByName(PROJECTS.name);
  if (!projectsSheet) throw missingSheet(PROJECTS);
  const model = readCriteria(criteriaSheet, ctx);
  const { settings } = readSettings(ctx.ss.getSheetByName(SETTINGS.name), ctx);
  const read = readProjects(projectsSheet, model.criteria, ctx);
  const notes: string[] = [];

  // Columns that hold numbers: known numeric columns the user fills, and unknown columns
  // (criteria and the user's own) where some row has a number.
  const specByCol = new Map<number, ColumnSpec>();
  for (const c of PROJECTS.columns) {
    const col = read.table.index.get(c.key);
    if (col !== undefined) specByCol.set(col, c);
  }
  const columns: { header: string; col: number }[] = [];
  read.table.headers.forEach((h, col) => {
    if (typeof h !== 'string' || h.trim() === '') return;
    const spec = specByCol.get(col);
    if (spec) {
      if (NUMERIC_KINDS.has(spec.kind) && !spec.owned) columns.push({ header: h.trim(), col });
      return;
    }
    if (read.table.rows.some((r) => typeof r[col] === 'number'))
      columns.push({ header: h.trim(), col });
  });

  let pairwise: number[][] | null = null;
  const pairwiseSheet = ctx.ss.getSheetByName(PAIRWISE_SHEET);
  if (pairwiseSheet) {
    try {
      pairwise = readPairwise(pairwiseSheet, model.criteria);
    } catch (e) {
      if (!(e instanceof SheetError)) throw e;
      notes.push(
        `The Pairwise sheet cannot be used as it is (${e.message}); the workshop starts from "equal" for every pair.`,
      );
    }
  }
  if (read.problems.length)
    notes.push(
      `${read.problems.length} cell${read.problems.length === 1 ? '' : 's'} of Projects could not be read and count as blank (Score & rank flags them).`,
    );
  return {
    criteria: model.criteria.map((c) => ({
      name: c.name,
      column: c.column,
      weight: c.weight,
      direction: c.direction,
      scaleMin: c.scaleMin,
      scaleMax: c.scaleMax,
    })),
    columns: columns.map((c) => c.header),
    projects: read.projects.map((p) => {
      const row = read.table.rows[p.row - 2] ?? [];
      return {
        id: p.id,
        name: p.name,
        open: isOpen(p.status),
        values: model.criteria.map((c) => p.criteria[c.name] ?? null),
        cells: columns.map((c) => looseNumber(row[c.col]) ?? null),
      };
    }),
    pairwise,
    weightsFrom: settings.weightsFrom === 'Pairwise (AHP)' ? 'ahp' : 'typed',
    framework: settings.framework,
    frameworkColumns: { ...settings.frameworkColumns },
    notes,
  };
}

/** Writes the model, then (when asked) runs Score & rank in the same action. */
export function applyScoringModel(
  services: Services,
  a: Apply,
): { message: string; warnings: string[] } {
  let out = { message: '', warnings: [] as string[] };
  runAction(services, 'Apply scoring model', (ctx) => {
    requireBoard(ctx, 'change the scoring model');
    const written = writeModel(ctx, a);
    const scored = a.rescore ? scoreAndRank(ctx) : null;
    const message = scored ? `${written.toast} ${scored.toast}` : written.toast;
    out = { message, warnings: [...(scored?.warnings ?? [])] };
    return {
      toast: message,
      log: `${written.log}${scored ? ` Then ${scored.log}` : ''}`,
    };
  });
  return out;
}

function writeModel(ctx: ActionContext, a: Apply): { toast: string; log: string } {
  const sheet = ctx.ss.getSheetByName(CRITERIA.name);
  if (!sheet) throw missingSheet(CRITERIA);
  const model = readCriteria(sheet, ctx);
  const names = model.criteria.map((c) => c.name);
  const sent = a.criteria.map((c) => c.name);
  if (names.length !== sent.length || names.some((n, i) => n !== sent[i]))
    throw new SheetError(
      `The Criteria sheet changed since the sidebar opened (it now lists ${names.join(', ')}). Close and reopen Scoring model, then apply again.`,
    );
  const table = model.table;
  const weightCol = table.index.get('weight') as number;
  const dirCol = table.index.get('direction');
  if (dirCol === undefined)
    throw new SheetError(
      'Criteria has no "Direction" column. Run Set up workbook to add it, then apply again.',
    );
  const byName = new Map(a.criteria.map((c) => [c.name, c]));
  const column = (col: number, value: (c: Apply['criteria'][number]) => CellValue): void => {
    const rows = table.rows.length;
    if (rows === 0) return;
    const nameCol = table.index.get('criterion') as number;
    const block: CellValue[][] = [];
    const before: CellValue[][] = [];
    const formulas: string[][] = [];
    for (let i = 0; i < rows; i++) {
      const row = table.rows[i] ?? [];
      const c = byName.get(String(row[nameCol] ?? '').trim());
      before.push([row[col] ?? '']);
      formulas.push([table.formulas[i]?.[col] ?? '']);
      block.push([c ? value(c) : table.formulas[i]?.[col] || (row[col] ?? '')]);
    }
    ctx.tx.write(table.sheet, 2, col + 1, block, {
      values: before,
      formulas,
      key: rowKeysOf(table, 0, rows),
    });
  };
  if (a.weightsFrom === 'typed') column(weightCol, (c) => c.weight);
  column(dirCol, (c) => (c.direction === 'higher' ? 'Higher' : 'Lower'));

  let ahpText = '';
  if (a.weightsFrom === 'ahp' && a.pairwise) {
    writePairwise(ctx, names, a.pairwise);
    const r = analyseAhp(completeFromUpper(a.pairwise));
    ahpText = ` AHP weights ${names.map((n, i) => `${n} ${((r.weights[i] ?? 0) * 100).toFixed(1)}%`).join(', ')}; consistency ratio ${r.consistencyRatio.toFixed(3)}.`;
  }
  const framework = FRAMEWORK_NAMES[a.framework];
  writeSettings(ctx, {
    'Weights from': a.weightsFrom === 'ahp' ? 'Pairwise (AHP)' : 'Criteria sheet',
    'Scoring framework': framework,
    ...(a.framework === 'weighted'
      ? {}
      : { 'Framework columns': formatFrameworkColumns(a.framework, a.frameworkColumns) }),
  });
  const total = a.criteria.reduce((s, c) => s + c.weight, 0);
  const weights =
    a.weightsFrom === 'typed'
      ? a.criteria
          .map(
            (c) =>
              `${c.name} ${c.weight} (${total > 0 ? ((c.weight / total) * 100).toFixed(1) : '0'}%, ${c.direction})`,
          )
          .join(', ')
      : a.criteria.map((c) => `${c.name} (${c.direction})`).join(', ');
  const frameworkText =
    a.framework === 'weighted'
      ? ''
      : ` Framework ${framework}: ${formatFrameworkColumns(a.framework, a.frameworkColumns)}.`;
  return {
    toast: `Scoring model applied (${framework}${a.framework === 'weighted' ? `, weights from ${a.weightsFrom === 'ahp' ? 'the pairwise judgements' : 'the Criteria sheet'}` : ''}).`,
    log: `Scoring model: ${weights}; weights from ${a.weightsFrom === 'ahp' ? 'Pairwise (AHP)' : 'Criteria sheet'}.${ahpText}${frameworkText}`,
  };
}

/** A full matrix from its upper triangle (a_ji = 1/a_ij, a_ii = 1). */
function completeFromUpper(m: readonly (readonly number[])[]): number[][] {
  return m.map((row, i) =>
    row.map((x, j) => (i === j ? 1 : j > i ? x : 1 / ((m[j] as number[])[i] as number))),
  );
}

/** A judgement as the board writes it: 3, or the text "1/3" (never a date: see literal). */
export function judgementCell(x: number): CellValue {
  if (x >= 1) return Math.round(x * 1000) / 1000;
  const k = 1 / x;
  return Math.abs(k - Math.round(k)) < 1e-6
    ? literal(`1/${Math.round(k)}`)
    : Math.round(x * 1000) / 1000;
}

/** Rewrites the Pairwise matrix: names across row 1 and down column A, the upper triangle. */
function writePairwise(
  ctx: ActionContext,
  names: readonly string[],
  m: readonly (readonly number[])[],
): void {
  const existing = ctx.ss.getSheetByName(PAIRWISE_SHEET);
  const sheet = existing ?? ctx.tx.insertSheet(PAIRWISE_SHEET);
  const values: CellValue[][] = [
    ['Criterion (row) vs criterion (column)', ...names.map((n) => literal(n))],
    ...names.map((n, i) => [
      literal(n),
      ...names.map((_, j) =>
        j < i ? '' : i === j ? 1 : judgementCell((m[i] as number[])[j] as number),
      ),
    ]),
  ];
  const rows = Math.max(values.length, existing ? sheet.getLastRow() : 0);
  const cols = Math.max(names.length + 1, existing ? sheet.getLastColumn() : 0);
  const block = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => values[i]?.[j] ?? ''),
  );
  ctx.tx.write(sheet, 1, 1, block);
  if (!existing) {
    sheet.setFrozenRows(1);
    sheet.setFrozenColumns(1);
  }
}

/** Sets Settings values by name, adding missing rows (with their notes) at the end. */
function writeSettings(ctx: ActionContext, values: Readonly<Record<string, string>>): void {
  const sheet = ensureSheet(ctx, SETTINGS);
  const table = readTable(sheet, SETTINGS, ctx);
  const nameCol = table.index.get('setting') as number;
  const valueCol = table.index.get('value') as number;
  const notesCol = table.index.get('notes');
  const missing: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const i = table.rows.findIndex((r) => headerKey(r[nameCol]) === headerKey(name));
    if (i < 0) {
      missing.push(name);
      continue;
    }
    ctx.tx.write(sheet, i + 2, valueCol + 1, [[literal(value)]], {
      values: [[table.rows[i]?.[valueCol] ?? '']],
      formulas: [[table.formulas[i]?.[valueCol] ?? '']],
      key: rowKeysOf(table, i, 1),
    });
  }
  if (missing.length) {
    const width = Math.max(table.width, 3);
    const block = missing.map((name) => {
      const r: CellValue[] = new Array<CellValue>(width).fill('');
      r[nameCol] = name;
      r[valueCol] = literal(values[name] ?? '');
      if (notesCol !== undefined)
        r[notesCol] = SETTING_DEFS.find((d) => d.name === name)?.notes ?? '';
      return r;
    });
    ctx.tx.write(sheet, table.rows.length + 2, 1, block, {
      values: block.map(() => new Array<CellValue>(width).fill('')),
    });
  }
}
