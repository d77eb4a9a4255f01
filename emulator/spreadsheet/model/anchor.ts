/**
 * A block of cells on a sheet that follows the sheet's structural changes: named ranges,
 * protected ranges, conditional-format ranges, chart ranges and validation source ranges hold
 * one, and the workbook moves them when rows or columns are inserted or deleted.
 */
import type { Rect } from '../a1';
import type { SheetModel } from './sheet';

export class Anchor {
  constructor(
    public sheet: SheetModel,
    public rect: Rect,
    /** The row end was open in the A1 text ("A2:D"): it keeps following the sheet's last row. */
    public openRows = false,
    public openCols = false,
  ) {}

  /** False once the rows/columns it covered were deleted (or its sheet was). */
  valid = true;

  copy(): Anchor {
    const a = new Anchor(this.sheet, this.rect, this.openRows, this.openCols);
    a.valid = this.valid;
    return a;
  }
}
