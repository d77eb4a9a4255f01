/**
 * Protected ranges and sheets. Until its editors are changed, a protection's permissions mirror
 * the file's (APPS_SCRIPT_FACTS §6): every editor of the file may edit. The owner can always
 * edit; a warning-only protection stops no one.
 */
import { contains, intersects, type Rect } from '../a1';
import type { Anchor } from './anchor';
import type { SheetModel } from './sheet';

export type ProtectionKind = 'RANGE' | 'SHEET';

export class ProtectionModel {
  description = '';
  /** null: mirrors the file's editors; otherwise the explicit editor list (owner implied). */
  editors: Set<string> | null = null;
  warningOnly = false;
  domainEdit = true;
  unprotected: Anchor[] = [];
  rangeName: string | null = null;
  removed = false;

  constructor(
    readonly id: number,
    readonly kind: ProtectionKind,
    public sheet: SheetModel,
    /** The protected block (RANGE); undefined for a SHEET protection. */
    public anchor: Anchor | undefined,
  ) {}

  /** Whether `email` may edit what this protects (owner always; warning-only: anyone). */
  canEdit(email: string, owner: string): boolean {
    if (this.warningOnly || email === owner) return true;
    if (this.editors === null) return true;
    return this.editors.has(email);
  }

  /** True when writing `rect` of `sheet` touches what this protects. */
  covers(sheet: SheetModel, rect: Rect): boolean {
    if (this.removed || sheet !== this.sheet) return false;
    if (this.kind === 'RANGE')
      return this.anchor !== undefined && this.anchor.valid && intersects(this.anchor.rect, rect);
    // A sheet protection covers every cell outside its unprotected ranges.
    const free = this.unprotected.filter((a) => a.valid).map((a) => a.rect);
    if (free.length === 0) return true;
    if (free.some((f) => contains(f, rect))) return false;
    if (!free.some((f) => intersects(f, rect))) return true;
    for (let r = rect.r1; r <= rect.r2; r++)
      for (let c = rect.c1; c <= rect.c2; c++) {
        const cell = { r1: r, c1: c, r2: r, c2: c };
        if (!free.some((f) => contains(f, cell))) return true;
      }
    return false;
  }
}
