/**
 * ALLOCATE's and FRONTIER's optional ids, dependsOn and excludes arguments, read like the
 * Projects sheet's ID, Depends on and Excludes columns: one ID per project, and per project the
 * IDs it needs and the IDs it cannot run with (separated by commas, semicolons or spaces, as
 * splitIds reads them; compared ignoring case and spaces, as matchKey does). They become the
 * problem's dependencies (a chosen project's prerequisites are chosen too) and exclusions (at most
 * one of each pair). Unlike the menu, which warns and goes on, a formula stops at the first
 * reference it cannot resolve: its error names the argument, the row and the value.
 */
import type { Dependency } from '../core/allocation';
import { matchKey, splitIds } from '../core/keys';
import { vectorCell, type FormulaContext, type Vector } from './args';
import { isBlank, isDate, quote, type Cell } from './cells';

/** The link arguments as passed; each may be omitted. */
export interface LinkArgs {
  readonly ids?: unknown;
  readonly dependsOn?: unknown;
  readonly excludes?: unknown;
}

/** The link arguments read as vectors of the projects' length; undefined when omitted. */
export interface LinkColumns {
  readonly ids?: Vector;
  readonly dependsOn?: Vector;
  readonly excludes?: Vector;
}

export interface Links {
  /** Each project's ID (by project index), when ids is given. */
  readonly names?: readonly string[];
  readonly dependencies: Dependency[];
  /** Pairs of projects of which at most one is chosen. */
  readonly exclusions: number[][];
}

const EXAMPLES = { ids: 'A2:A', dependsOn: 'S2:S', excludes: 'T2:T' } as const;

/**
 * Reads the three arguments, each a single column or row of n cells (n = values' length).
 * dependsOn or excludes without ids is an error: they name projects by those IDs.
 */
export function readLinkColumns(ctx: FormulaContext, n: number, args: LinkArgs): LinkColumns {
  const read = (name: keyof typeof EXAMPLES): Vector | undefined => {
    const g = ctx.grid(name, args[name], false, EXAMPLES[name]);
    if (!g) return undefined;
    const v = ctx.vector(name, g);
    if (v.cells.length !== n)
      ctx.fail(
        `${name} has ${v.cells.length} cells but values has ${n}. Use ranges of the same size.`,
      );
    return v;
  };
  const cols = { ids: read('ids'), dependsOn: read('dependsOn'), excludes: read('excludes') };
  for (const name of ['dependsOn', 'excludes'] as const)
    if (cols[name] && !cols.ids)
      ctx.fail(
        `${name} is given but ids is missing. Pass the projects' IDs as ids (e.g. ${EXAMPLES.ids}): ${name} names projects by those IDs.`,
      );
  return cols;
}

/** Row i's cells of the link arguments, for the blank-row test. */
export function linkCells(cols: LinkColumns, i: number): (Cell | undefined)[] {
  return [cols.ids?.cells[i], cols.dependsOn?.cells[i], cols.excludes?.cells[i]];
}

/**
 * Resolves the IDs. `index[i]` is row i's project index, or −1 for a blank row (whose cells are
 * all blank, so it names nothing and nothing can name it). Every project needs an ID, unique
 * ignoring case and spaces; every ID in dependsOn and excludes must be one of them and not the
 * row's own.
 */
export function readLinks(ctx: FormulaContext, cols: LinkColumns, index: readonly number[]): Links {
  const { ids } = cols;
  if (!ids) return { dependencies: [], exclusions: [] };
  const names: string[] = [];
  /** matchKey(ID) → its row. */
  const rowOf = new Map<string, number>();
  index.forEach((j, i) => {
    if (j < 0) return;
    const cell = ids.cells[i];
    const where = vectorCell('ids', ids, i);
    if (isBlank(cell))
      ctx.fail(
        `${where} is blank, but that row is a project (it has a value, a cost or another input). Give every project an ID, e.g. P${String(i + 1).padStart(2, '0')}.`,
      );
    if (typeof cell === 'boolean' || isDate(cell))
      ctx.fail(
        `${where} is ${quote(cell)}, not an ID. Type the project's ID as text, e.g. P07 (format the cell as plain text if Sheets changes what you type).`,
      );
    const name = String(cell).trim();
    const first = rowOf.get(matchKey(name));
    if (first !== undefined)
      ctx.fail(
        `${where} is ${quote(cell)}, the same ID as ${vectorCell('ids', ids, first)} (IDs are compared ignoring case and spaces). Give each project its own ID.`,
      );
    rowOf.set(matchKey(name), i);
    names[j] = name;
  });

  const dependencies: Dependency[] = [];
  const exclusions: number[][] = [];
  const seen = new Set<string>();
  const each = (
    name: 'dependsOn' | 'excludes',
    what: string,
    add: (j: number, q: number) => void,
  ): void => {
    const v = cols[name];
    if (!v) return;
    index.forEach((j, i) => {
      const cell = v.cells[i];
      if (j < 0 || isBlank(cell)) return;
      const where = vectorCell(name, v, i);
      if (typeof cell === 'boolean' || isDate(cell))
        ctx.fail(
          `${where} is ${quote(cell)}, not a list of IDs. Type the IDs of the projects this one ${what}, separated by commas (e.g. "P03, P07"), or leave it blank.`,
        );
      for (const ref of splitIds(String(cell))) {
        const r = rowOf.get(matchKey(ref));
        if (r === undefined) return ctx.fail(unknownId(ids, names, index, where, ref));
        if (r === i)
          ctx.fail(
            `${where} names ${quote(ref)}, this project's own ID: a project cannot ${name === 'dependsOn' ? 'depend on' : 'exclude'} itself. Remove ${quote(ref)} from ${where}.`,
          );
        add(j, index[r] as number);
      }
    });
  };
  each('dependsOn', 'needs', (j, q) => {
    if (seen.has(`${j}>${q}`)) return;
    seen.add(`${j}>${q}`);
    dependencies.push({ project: j, needs: q });
  });
  each('excludes', 'cannot run with', (j, q) => {
    const [a, b] = j < q ? [j, q] : [q, j];
    if (seen.has(`${a}|${b}`)) return;
    seen.add(`${a}|${b}`);
    exclusions.push([a, b]);
  });
  return { names, dependencies, exclusions };
}

/**
 * The error for an ID that is not in ids. When it is a piece of an ID with a space, comma or
 * semicolon inside ("Project A"), says that such an ID cannot be named.
 */
function unknownId(
  ids: Vector,
  names: readonly string[],
  index: readonly number[],
  where: string,
  ref: string,
): string {
  const key = matchKey(ref);
  const i = index.findIndex((j) => {
    const parts = j < 0 ? [] : splitIds(names[j] as string);
    return parts.length > 1 && parts.some((s) => matchKey(s) === key);
  });
  if (i >= 0) {
    const name = names[index[i] as number] as string;
    return `${where} names ${quote(ref)}, which is not in ids: IDs there are separated by commas, semicolons or spaces, so ${vectorCell('ids', ids, i)} (${quote(name)}) cannot be named. Give that project an ID without them, e.g. ${quote(splitIds(name).join('-'))}.`;
  }
  return `${where} names ${quote(ref)}, which is not in ids. Use the IDs of the ids range (case and spaces are ignored), separated by commas, or remove ${quote(ref)}.`;
}
