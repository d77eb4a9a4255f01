/**
 * Likely duplicates and overlaps among projects, so the board can merge or cut them.
 *
 * Three signals per pair, each in 0–1:
 * - name: Dice similarity of the names' character trigrams (text-similarity.ts);
 * - description: Dice similarity of the descriptions' stemmed words (text-similarity.ts);
 * - context: ¾ × (objective / segment / region values shared ÷ 3) × date overlap, where date
 *   overlap = days both run ÷ days of the shorter project (overlap-context.ts).
 * score = the strongest signal, max(name, description, context). A pair is reported when
 * score ≥ threshold: as a `duplicate` when a text signal reaches the threshold, else as an
 * `overlap`. Pairs rank by score, then by their text signal (so identical names come before an
 * equally strong context match), then by input order.
 *
 * No all-pairs loop: inverted indexes (overlap-blocking.ts for text, overlap-context.ts for
 * context) propose candidates and only candidates are scored. Below the block cap the result is
 * exactly what an all-pairs scan would return.
 */
import { periodOf } from './dates';
import { matchKey } from './keys';
import type { Project } from './model';
import { BlockLimits, TextIndex } from './overlap-blocking';
import {
  contextMatch,
  ContextIndex,
  contextScore,
  prepareContext,
  type ContextMatch,
  type PreparedContext,
} from './overlap-context';
import {
  descriptionWords,
  dice,
  nameTrigrams,
  normaliseText,
  stem,
  STOP_WORDS,
} from './text-similarity';

export {
  CONTEXT_ATTRIBUTES,
  CONTEXT_WEIGHT,
  type ContextAttribute,
  type ContextMatch,
} from './overlap-context';

export interface OverlapSignals {
  readonly name: number;
  readonly description: number;
  /** null when the pair shares no value or their dates do not overlap. */
  readonly context: ContextMatch | null;
}

export interface OverlapPair {
  /** The pair, `a` before `b` in the input order. */
  readonly a: Project;
  readonly b: Project;
  /** max(name, description, context score). */
  readonly score: number;
  readonly kind: 'duplicate' | 'overlap';
  readonly signals: OverlapSignals;
  /** Plain-language reasons, strongest first, e.g. "names 82% similar". */
  readonly reasons: readonly string[];
}

export interface OverlapOptions {
  /** Report pairs with score ≥ threshold, in (0, 1]; default 0.6. */
  readonly threshold?: number;
  /** Keep the best N pairs (default 100; Infinity for all). */
  readonly topN?: number;
  /**
   * The largest block compared in full (default 2,000): projects sharing one indexed name part or
   * description word, or sharing context values while running at the same time. Only
   * pathological data (thousands of near-identical names) reaches it; `limits` then says so.
   */
  readonly maxBlockSize?: number;
  /** Epoch ms after which the search stops with the best pairs found so far (reported in `limits`). */
  readonly deadline?: number;
}

export interface OverlapResult {
  /** The best pairs, best first (see the module comment). */
  readonly pairs: readonly OverlapPair[];
  /**
   * How many pairs reached the threshold: the exact count when fewer than topN pairs are
   * returned, otherwise a lower bound (weaker pairs stop being searched once topN are held).
   */
  readonly found: number;
  /** How many candidate pairs were scored (an all-pairs scan would score n(n − 1)/2). */
  readonly compared: number;
  /** Blocks that hit maxBlockSize, in words; empty when the search was complete. */
  readonly limits: readonly string[];
}

export const DEFAULT_OVERLAP_THRESHOLD = 0.6;

/** The three signals of one pair, computed directly from the two projects. */
export function overlapSignals(a: Project, b: Project): OverlapSignals {
  return {
    name: dice(nameTrigrams(a.name), nameTrigrams(b.name)),
    description: dice(descriptionWords(a.description), descriptionWords(b.description)),
    context: contextMatch(prepareContext(a), prepareContext(b)),
  };
}

/** score = max(name, description, context score). */
export function overlapScore(s: OverlapSignals): number {
  return Math.max(s.name, s.description, s.context?.score ?? 0);
}

/**
 * Finds the pairs with score ≥ threshold among `projects`, keeping the best topN.
 *
 * Projects are visited in Start order; each is scored against the earlier projects the indexes
 * propose, then indexed. Once topN pairs are held, the bar a new pair must reach rises to the
 * weakest of them, which shortens the indexed prefixes: the same topN pairs as an exhaustive
 * search, found with far less work, but `found` becomes a lower bound.
 */
export function findOverlaps(
  projects: readonly Project[],
  options: OverlapOptions = {},
): OverlapResult {
  const t = options.threshold ?? DEFAULT_OVERLAP_THRESHOLD;
  const topN = options.topN ?? 100;
  const cap = options.maxBlockSize ?? 2000;
  if (!(t > 0 && t <= 1)) throw new RangeError(`threshold ${t} is not in (0, 1]: use e.g. 0.6`);
  if (!(topN >= 1)) throw new RangeError(`topN ${topN} is not 1 or more`);
  if (!(cap >= 2)) throw new RangeError(`maxBlockSize ${cap} is below 2`);

  const n = projects.length;
  const names = new TextIndex(
    projects.map((p) => nameTrigrams(p.name)),
    (part) => `projects have the name part "${part.replace(/#/g, ' ').trim()}"`,
  );
  const descs = new TextIndex(
    projects.map((p) => descriptionWords(p.description)),
    (word) => `projects have the word "${word}" in their description`,
  );
  const contexts = projects.map(prepareContext);
  const context = new ContextIndex(contexts, t);
  const order = [...projects.keys()].sort(
    (x, y) => (contexts[x]?.start ?? Infinity) - (contexts[y]?.start ?? Infinity) || x - y,
  );

  const limits = new BlockLimits(cap);
  const seen = new Int32Array(n).fill(-1);
  const candidates: number[] = [];
  let kept: Scored[] = [];
  let bar = t;
  let found = 0;
  let compared = 0;
  let stopped = '';

  /** Scores pair (a, b), a < b; keeps it when it reaches the bar, raising the bar once topN are held. */
  const score = (a: number, b: number): boolean => {
    compared++;
    // Skip a merge when even its upper bound misses the bar; compute it only for a kept pair.
    let name = names.diceBound(a, b) >= bar ? names.dice(a, b) : -1;
    let description = descs.diceBound(a, b) >= bar ? descs.dice(a, b) : -1;
    const best3 = Math.max(
      name,
      description,
      contextScore(contexts[a] as PreparedContext, contexts[b] as PreparedContext),
    );
    if (best3 < bar) return false;
    if (name < 0) name = names.dice(a, b);
    if (description < 0) description = descs.dice(a, b);
    found++;
    kept.push({ a, b, score: best3, text: Math.max(name, description), name, description });
    if (Number.isFinite(topN) && kept.length >= 2 * topN) {
      kept = best(kept, topN);
      bar = Math.max(t, (kept[topN - 1] as Scored).score);
    }
    return true;
  };

  // Seed: projects with the very same name or description (copied rows) are found by hashing, so
  // the bar can rise before the main pass. Seeded pairs are skipped when the main pass meets them.
  const seeded = new Set<number>();
  if (Number.isFinite(topN))
    for (const pair of exactTwins([names, descs], n, 2 * topN))
      if (!seeded.has(pair) && score(Math.floor(pair / n), pair % n)) seeded.add(pair);

  for (let step = 0; step < n; step++) {
    const i = order[step] as number;
    candidates.length = 0;
    names.probe(i, bar, step, seen, candidates);
    descs.probe(i, bar, step, seen, candidates);
    context.visit(i, bar, step, seen, candidates, limits);
    for (const j of candidates) {
      const a = j < i ? j : i;
      const b = j < i ? i : j;
      if (seeded.size === 0 || !seeded.has(a * n + b)) score(a, b);
    }

    names.insert(i, bar, limits);
    descs.insert(i, bar, limits);
    // topN pairs at the highest possible score: nothing later can displace them.
    if (bar >= 1 && kept.length >= topN) break;
    if (options.deadline !== undefined && (step & 255) === 255 && Date.now() > options.deadline) {
      stopped = `The search stopped at its time limit after ${step + 1} of ${n} projects; the pairs shown are the best found among them.`;
      break;
    }
  }

  const pairs = best(kept, topN).map((s): OverlapPair => {
    const a = projects[s.a] as Project;
    const b = projects[s.b] as Project;
    const signals: OverlapSignals = {
      name: s.name,
      description: s.description,
      context: contextMatch(contexts[s.a] as PreparedContext, contexts[s.b] as PreparedContext),
    };
    return {
      a,
      b,
      score: s.score,
      kind: s.text >= t ? 'duplicate' : 'overlap',
      signals,
      reasons: reasons(a, b, signals, t),
    };
  });
  return {
    pairs,
    found,
    compared,
    limits: stopped ? [...limits.messages(), stopped] : limits.messages(),
  };
}

/**
 * Up to `limit` pairs a·n + b (a < b) of sets that are identical and non-empty in one of the
 * indexes: each project is paired with the first project holding the same set.
 */
function exactTwins(indexes: readonly TextIndex[], n: number, limit: number): number[] {
  const pairs: number[] = [];
  for (const index of indexes) {
    const first = new Map<string, number>();
    for (let i = 0; i < n && pairs.length < limit; i++) {
      const key = index.key(i);
      if (key === '') continue;
      const j = first.get(key);
      if (j === undefined) first.set(key, i);
      else pairs.push(j * n + i);
    }
  }
  return pairs;
}

interface Scored {
  readonly a: number;
  readonly b: number;
  readonly score: number;
  /** max(name, description). */
  readonly text: number;
  readonly name: number;
  readonly description: number;
}

/** Score descending, then the text signal descending, then input order; the first topN. */
function best(xs: Scored[], topN: number): Scored[] {
  xs.sort((x, y) => y.score - x.score || y.text - x.text || x.a - y.a || x.b - y.b);
  return Number.isFinite(topN) ? xs.slice(0, topN) : xs;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/**
 * The reasons in words, strongest first: each text signal of at least half the threshold
 * ("names 82% similar"), the shared values with the months both run ("same objective 'New logos'
 * and region 'EMEA', dates overlap 2027-02 to 2027-04"), then an existing Depends on / Excludes
 * link between the two.
 */
function reasons(a: Project, b: Project, s: OverlapSignals, t: number): string[] {
  const out: { weight: number; text: string }[] = [];
  if (s.name >= t / 2) out.push({ weight: s.name, text: `names ${pct(s.name)} similar` });
  if (s.description >= t / 2)
    out.push({
      weight: s.description,
      text: `descriptions ${pct(s.description)} similar (shared words: ${sharedWords(a.description, b.description)})`,
    });
  const c = s.context;
  if (c) {
    const values = c.shared.map((attr) => `${attr} '${a[attr].trim()}'`);
    const from = periodOf(c.from);
    const to = periodOf(c.to);
    const when = from === to ? `in ${from}` : `${from} to ${to}`;
    const part = c.overlap < 1 ? ` (${pct(c.overlap)} of the shorter project)` : '';
    out.push({ weight: c.score, text: `same ${joinAnd(values)}, dates overlap ${when}${part}` });
  }
  out.sort((x, y) => y.weight - x.weight);
  const texts = out.map((r) => r.text);
  const link = linkBetween(a, b);
  if (link) texts.push(link);
  return texts;
}

/** The words of `a` whose stems are in `b`'s description, as typed in `a`, at most six. */
function sharedWords(a: string, b: string): string {
  const inB = new Set(descriptionWords(b));
  const words: string[] = [];
  const seen = new Set<string>();
  for (const w of normaliseText(a).split(' ')) {
    const s = stem(w);
    if (w === '' || STOP_WORDS.has(w) || !inB.has(s) || seen.has(s)) continue;
    seen.add(s);
    words.push(w);
  }
  return words.length > 6 ? `${words.slice(0, 6).join(', ')}, …` : words.join(', ');
}

function linkBetween(a: Project, b: Project): string | null {
  const has = (ids: readonly string[], id: string): boolean =>
    ids.some((x) => matchKey(x) === matchKey(id));
  if (has(a.dependsOn, b.id)) return `already linked: ${a.id} depends on ${b.id}`;
  if (has(b.dependsOn, a.id)) return `already linked: ${b.id} depends on ${a.id}`;
  if (has(a.excludes, b.id) || has(b.excludes, a.id))
    return 'already marked as excluding each other';
  return null;
}

function joinAnd(xs: readonly string[]): string {
  return xs.length <= 1
    ? xs.join('')
    : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1] as string}`;
}
