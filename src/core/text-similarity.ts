/**
 * Text similarity for finding duplicate projects, built to be explained in one sentence:
 *
 * 1. normalise: Unicode-decompose and drop accents, lower-case, every character that is not a
 *    letter or digit (of any script) becomes a space ("Café-Roadshow!" → "cafe roadshow");
 * 2. tokens: the words, less the stop words (common English words and "project", "initiative",
 *    "program(me)"); a text of nothing but stop words keeps them;
 * 3. light stemming (stem): plural and -ing / -ed endings are removed, so "webinars",
 *    "webinar" and "webinaring" meet;
 * 4. names are compared on character trigrams of their tokens (robust to typos and word order),
 *    descriptions on their distinct tokens;
 * 5. similarity = Dice coefficient 2·|A ∩ B| ÷ (|A| + |B|) of the two sets: the share of
 *    trigrams (words) the two texts have in common, in 0–1. It is symmetric, 1 for texts with the
 *    same tokens, and 0 when either text has no token.
 */

export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be by for from has have in into is it its of on or our over per so ' +
    'than that the their this to up via vs we will with within without ' +
    'project projects initiative initiatives program programs programme programmes'
  ).split(' '),
);

/** Lower-case letters and digits (of any script) separated by single spaces; accents dropped. */
export function normaliseText(text: string): string {
  // eslint-disable-next-line no-control-regex -- the ASCII fast path skips Unicode decomposition
  const folded = /^[\x00-\x7f]*$/.test(text)
    ? text
    : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return folded
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Light English stemming (Harman's S-stemmer, then -ing / -ed):
 * "-ies" → "-y" (not "-eies", "-aies"); "-es" → "-e" (not "-aes", "-ees", "-oes");
 * "-s" → "" (not "-us", "-ss", "-is"); then "-ing" or "-ed" is removed when at least three
 * letters with a vowel remain, and a doubled final consonant is undoubled ("planning" → "plan").
 * Words of three letters or fewer, and words with digits, are kept as they are.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && !w.endsWith('eies') && !w.endsWith('aies')) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('es') && !/(aes|ees|oes)$/.test(w)) w = w.slice(0, -1);
  else if (w.endsWith('s') && !/(us|ss|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ['ing', 'ed']) {
    if (!w.endsWith(suffix)) continue;
    const root = w.slice(0, -suffix.length);
    if (root.length >= 3 && /[aeiouy]/.test(root)) {
      w =
        /([b-df-hj-np-rtv-z])\1$/.test(root) && !/(ll|ss|zz)$/.test(root)
          ? root.slice(0, -1)
          : root;
    }
    break;
  }
  return w;
}

/** The stemmed tokens of a text in order (see the module comment), with repeats. */
export function tokens(text: string): string[] {
  const words = normaliseText(text)
    .split(' ')
    .filter((w) => w !== '');
  const kept = words.filter((w) => !STOP_WORDS.has(w));
  return (kept.length > 0 ? kept : words).map(stem);
}

/** The distinct character trigrams of a name's tokens, each token padded as "#token#", sorted. */
export function nameTrigrams(name: string): string[] {
  const set = new Set<string>();
  for (const t of tokens(name)) {
    const padded = `#${t}#`;
    for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
  }
  return [...set].sort();
}

/** The distinct stemmed tokens of a description, sorted. */
export function descriptionWords(description: string): string[] {
  return [...new Set(tokens(description))].sort();
}

/**
 * Dice coefficient of two sorted arrays of distinct items: 2·|A ∩ B| ÷ (|A| + |B|); 0 when either
 * is empty. One merge pass, O(|A| + |B|).
 */
export function dice<T extends string | number>(a: readonly T[], b: readonly T[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as T;
    const y = b[j] as T;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

/** Name similarity: Dice of the names' trigram sets. */
export function nameSimilarity(a: string, b: string): number {
  return dice(nameTrigrams(a), nameTrigrams(b));
}

/** Description similarity: Dice of the descriptions' stemmed word sets. */
export function descriptionSimilarity(a: string, b: string): number {
  return dice(descriptionWords(a), descriptionWords(b));
}
