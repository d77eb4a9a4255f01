/** Problems found in the user's sheets: what and where, and how to fix it. */
import { columnLetter } from './headers';

export interface Problem {
  readonly sheet: string;
  /** 1-based sheet row, when the problem is in one row. */
  readonly row?: number;
  /** Header text of the column, when the problem is in one column. */
  readonly column?: string;
  /** 1-based column number, for the letter. */
  readonly columnNumber?: number;
  readonly value?: unknown;
  /** What is wrong and how to fix it, e.g. 'is not a number. Type a number such as 12000.' */
  readonly message: string;
}

/** "Projects, row 7, Cost (column F): "12k?" is not a number. Type a number such as 12000." */
export function describeProblem(p: Problem): string {
  const where = [p.sheet];
  if (p.row !== undefined) where.push(`row ${p.row}`);
  if (p.column !== undefined)
    where.push(p.columnNumber ? `${p.column} (column ${columnLetter(p.columnNumber)})` : p.column);
  const value = p.value === undefined ? '' : ` ${showValue(p.value)}`;
  return `${where.join(', ')}:${value} ${p.message}`;
}

function showValue(v: unknown): string {
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 37)}...` : v}"`;
  if (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]')
    return (v as Date).toISOString().slice(0, 10);
  return String(v);
}

/** An error the user can fix in the workbook; the message says what, where and how. */
export class SheetError extends Error {
  override name = 'SheetError';
  constructor(
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
  }

  static of(p: Problem): SheetError {
    return new SheetError(describeProblem(p), [p]);
  }
}

/** One error listing several problems (the first twelve), each as "where: value what/how". */
export function problemsError(title: string, problems: readonly Problem[]): SheetError {
  const lines = problems.slice(0, 12).map((p) => `• ${describeProblem(p)}`);
  if (problems.length > 12) lines.push(`• … and ${problems.length - 12} more.`);
  return new SheetError(`${title}:\n${lines.join('\n')}`, problems);
}
