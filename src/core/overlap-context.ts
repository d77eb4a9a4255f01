/**
 * The context signal of overlap detection: two projects of the same objective, segment or region
 * running at the same time.
 *
 * context = ¾ × (number of objective / segment / region values the two share ÷ 3) × date overlap,
 * date overlap = days both run ÷ days of the shorter project, in (0, 1]; 0 when they share no
 * value, when either lacks a valid Start ≤ End, or when their dates do not meet. Values are
 * compared with matchKey (case and extra spaces ignored); blanks are never shared.
 *
 * The ¾ (CONTEXT_WEIGHT) says that sharing a niche and a calendar is weaker evidence than sharing
 * a name: two unrelated projects of the same objective, segment and region running at once score
 * 75%, never the 100% of identical names, and rank below them.
 */
import type { BlockLimits } from './overlap-blocking';
import { dayNumber, isoDateOf } from './dates';
import { matchKey } from './keys';
import type { IsoDate, Project } from './model';

export const CONTEXT_ATTRIBUTES = ['objective', 'segment', 'region'] as const;
export const CONTEXT_WEIGHT = 0.75;
export type ContextAttribute = (typeof CONTEXT_ATTRIBUTES)[number];

export interface ContextMatch {
  /** The attributes whose (non-blank) values are equal. */
  readonly shared: readonly ContextAttribute[];
  /** The first and last day both projects run. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Days both run ÷ days of the shorter project, in (0, 1]. */
  readonly overlap: number;
  /** ¾ × shared.length ÷ 3 × overlap. */
  readonly score: number;
}

/** A project's context, read once. */
export interface PreparedContext {
  /** matchKey of objective, segment, region; null when blank. */
  readonly values: readonly (string | null)[];
  /** The values as typed (trimmed), for messages. */
  readonly shown: readonly string[];
  /** Day numbers of Start and End; both null unless both are dates and Start ≤ End. */
  readonly start: number | null;
  readonly end: number | null;
}

export function prepareContext(p: Project): PreparedContext {
  const shown = CONTEXT_ATTRIBUTES.map((a) => p[a].trim());
  const values = shown.map((v) => (v === '' ? null : matchKey(v)));
  const s = p.start === null ? null : dayNumber(p.start);
  const e = p.end === null ? null : dayNumber(p.end);
  const ok = s !== null && e !== null && s <= e;
  return { values, shown, start: ok ? s : null, end: ok ? e : null };
}

/** The context score alone, without allocating (the hot loop); equals contextMatch(a, b)?.score ?? 0. */
export function contextScore(a: PreparedContext, b: PreparedContext): number {
  if (a.start === null || b.start === null || a.end === null || b.end === null) return 0;
  const from = Math.max(a.start, b.start);
  const to = Math.min(a.end, b.end);
  if (to < from) return 0;
  let shared = 0;
  for (let k = 0; k < 3; k++) if (a.values[k] !== null && a.values[k] === b.values[k]) shared++;
  if (shared === 0) return 0;
  const overlap = (to - from + 1) / Math.min(a.end - a.start + 1, b.end - b.start + 1);
  return CONTEXT_WEIGHT * (shared / 3) * overlap;
}

/** The context match of two projects, or null when the score is 0. */
export function contextMatch(a: PreparedContext, b: PreparedContext): ContextMatch | null {
  if (a.start === null || b.start === null || a.end === null || b.end === null) return null;
  const shared = CONTEXT_ATTRIBUTES.filter(
    (_, k) => a.values[k] !== null && a.values[k] === b.values[k],
  );
  const from = Math.max(a.start, b.start);
  const to = Math.min(a.end, b.end);
  if (shared.length === 0 || to < from) return null;
  const overlap = (to - from + 1) / Math.min(a.end - a.start + 1, b.end - b.start + 1);
  return {
    shared,
    from: isoDateOf(from),
    to: isoDateOf(to),
    overlap,
    score: CONTEXT_WEIGHT * (shared.length / 3) * overlap,
  };
}

/**
 * Blocks projects by shared context values. A pair with context ≥ b shares at least
 * l(b) = ⌈3b ÷ ¾⌉ values (none can when l(b) > 3), so for every level from l(t) (t the threshold)
 * to 3 each project joins one group per combination of that many of its non-blank values.
 * Projects are visited in Start order (visit requires it); a visit proposes the members of the
 * probe's level-l(b) groups that are still running on its Start (a member that ended before it
 * never overlaps a later project, so it leaves the group), then joins its groups. Each group holds
 * at most limits.cap running projects.
 */
export class ContextIndex {
  private readonly minLevel: number;
  private readonly keys: (readonly { level: number; key: string }[])[];
  private readonly groups = new Map<string, number[]>();

  constructor(
    private readonly contexts: readonly PreparedContext[],
    threshold: number,
  ) {
    this.minLevel = levelFor(threshold);
    this.keys = contexts.map((c) => {
      if (c.start === null) return [];
      const out: { level: number; key: string }[] = [];
      for (let level = this.minLevel; level <= 3; level++)
        for (const key of groupKeys(c, level)) out.push({ level, key });
      return out;
    });
  }

  visit(
    i: number,
    bar: number,
    stamp: number,
    seen: Int32Array,
    out: number[],
    limits: BlockLimits,
  ): void {
    const c = this.contexts[i] as PreparedContext;
    if (c.start === null) return;
    const level = Math.max(this.minLevel, levelFor(bar));
    for (const { level: l, key } of this.keys[i] as { level: number; key: string }[]) {
      let group = this.groups.get(key);
      if (!group) this.groups.set(key, (group = []));
      let w = 0;
      for (const j of group)
        if (((this.contexts[j] as PreparedContext).end as number) >= c.start) group[w++] = j;
      group.length = w;
      if (l === level)
        for (const j of group)
          if (seen[j] !== stamp) {
            seen[j] = stamp;
            out.push(j);
          }
      if (group.length < limits.cap) group.push(i);
      else
        limits.add(
          `group ${key}`,
          () => `projects with ${describeGroup(c, key)} run at the same time`,
        );
    }
  }
}

/** The fewest shared values a context ≥ b needs: ⌈3b ÷ ¾⌉, 4 when even 3 cannot reach b. */
function levelFor(b: number): number {
  return Math.min(4, Math.max(1, Math.ceil((3 * b) / CONTEXT_WEIGHT - 1e-9)));
}

/** The keys of every combination of l of the project's non-blank values, e.g. "0=new logos␀2=emea". */
function groupKeys(c: PreparedContext, l: number): string[] {
  const present = [0, 1, 2].filter((k) => c.values[k] !== null);
  const keys: string[] = [];
  const pick = (from: number, chosen: number[]): void => {
    if (chosen.length === l) {
      keys.push(chosen.map((k) => `${k}=${c.values[k] as string}`).join('\u0000'));
      return;
    }
    for (let x = from; x < present.length; x++) pick(x + 1, [...chosen, present[x] as number]);
  };
  pick(0, []);
  return keys;
}

function describeGroup(c: PreparedContext, key: string): string {
  return key
    .split('\u0000')
    .map((part) => Number(part.slice(0, part.indexOf('='))))
    .map((k) => `${CONTEXT_ATTRIBUTES[k] as string} '${c.shown[k] as string}'`)
    .join(' and ');
}
