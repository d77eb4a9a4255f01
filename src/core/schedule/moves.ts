/**
 * Row activities of a candidate selection of the time-indexed model, and what a move (some
 * candidates in, some out) would break: the greedy start, pulling starts earlier, the reasons
 * and the capacity to add all ask this.
 */
import type { Model } from '../allocation';

export class Activities {
  readonly act: Float64Array;
  private readonly tolHi: Float64Array;
  private readonly tolLo: Float64Array;

  constructor(
    readonly model: Model,
    readonly sel: Uint8Array,
  ) {
    this.act = new Float64Array(model.rows.length);
    const scale = (r: Model['rows'][number], b: number): number => {
      let s = Math.abs(Number.isFinite(b) ? b : 0);
      for (const v of r.val) s = Math.max(s, Math.abs(v));
      return 1e-9 * Math.max(1, s);
    };
    this.tolHi = Float64Array.from(model.rows, (r) => scale(r, r.hi));
    this.tolLo = Float64Array.from(model.rows, (r) => scale(r, r.lo));
    for (let k = 0; k < model.n; k++) if (sel[k]) this.shift(k, 1);
  }

  private shift(k: number, sign: number): void {
    const rs = this.model.colRows[k] as Int32Array;
    const vs = this.model.colVals[k] as Float64Array;
    for (let t = 0; t < rs.length; t++) {
      const i = rs[t] as number;
      this.act[i] = (this.act[i] as number) + sign * (vs[t] as number);
    }
  }

  /**
   * The rows the move would leave outside their bounds, each with its activity after the move
   * (only rows the move touches; [] when it fits).
   */
  broken(add: readonly number[], remove: readonly number[]): { row: number; after: number }[] {
    const delta = new Map<number, number>();
    const note = (k: number, sign: number): void => {
      const rs = this.model.colRows[k] as Int32Array;
      const vs = this.model.colVals[k] as Float64Array;
      for (let t = 0; t < rs.length; t++) {
        const i = rs[t] as number;
        delta.set(i, (delta.get(i) ?? 0) + sign * (vs[t] as number));
      }
    };
    for (const k of add) note(k, 1);
    for (const k of remove) note(k, -1);
    const out: { row: number; after: number }[] = [];
    for (const [i, d] of delta) {
      const r = this.model.rows[i] as Model['rows'][number];
      const after = (this.act[i] as number) + d;
      if (after > r.hi + (this.tolHi[i] as number) || after < r.lo - (this.tolLo[i] as number))
        out.push({ row: i, after });
    }
    return out.sort((a, b) => a.row - b.row);
  }

  apply(add: readonly number[], remove: readonly number[]): void {
    for (const k of remove) {
      if (this.sel[k]) this.shift(k, -1);
      this.sel[k] = 0;
    }
    for (const k of add) {
      if (!this.sel[k]) this.shift(k, 1);
      this.sel[k] = 1;
    }
  }
}
