import { isoDateOf } from '../../../src/core/dates';
import type { Project } from '../../../src/core/model';
import { project } from './fixtures';
import { rng } from '../../../scripts/rng';

const REGIONS = [
  'EMEA',
  'NA',
  'APAC',
  'LATAM',
  'DACH',
  'Nordics',
  'UK&I',
  'France',
  'Benelux',
  'Iberia',
];
const CHANNELS = [
  'webinar',
  'roadshow',
  'cold outreach',
  'ABM',
  'field event',
  'partner campaign',
  'email nurture',
  'trade show',
  'playbook',
  'enablement sprint',
  'CPQ rollout',
  'pricing review',
];
const COMMON = [
  'customers',
  'pipeline',
  'revenue',
  'accounts',
  'leads',
  'team',
  'quarter',
  'sales',
  'growth',
  'market',
];

/**
 * A synthetic sales portfolio of n projects: names like "EMEA kozvana webinar dremit" from a few
 * regions and channels and a lexicon of pseudo-words (the rare words real names carry: products,
 * accounts, industries), descriptions of about a dozen words, 20 objectives × 12 segments ×
 * 25 regions, dates over three years lasting 1–6 months, and 1% deliberate near-duplicates.
 */
export function generatePortfolio(n: number, seed = 1): Project[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const consonants = 'b c d f g h j k l m n p r s t v w z'.split(' ');
  const vowels = 'a e i o u'.split(' ');
  const syllable = (): string =>
    pick(consonants) + pick(vowels) + (r() < 0.5 ? pick(consonants) : '');
  const word = (): string => Array.from({ length: 2 + Math.floor(r() * 2) }, syllable).join('');
  const lexicon = Array.from({ length: 4000 }, word);
  const objectives = Array.from({ length: 20 }, (_, i) => `Objective ${i + 1}`);
  const segments = Array.from({ length: 12 }, (_, i) => `Segment ${i + 1}`);
  const regions = Array.from({ length: 25 }, (_, i) => `Region ${i + 1}`);
  const day0 = 20_454; // 2026-01-01
  const out: Project[] = [];
  for (let i = 0; i < n; i++) {
    let name = `${pick(REGIONS)} ${pick(lexicon)} ${pick(CHANNELS)} ${pick(lexicon)}`;
    let description = Array.from({ length: 12 }, () =>
      r() < 0.3 ? pick(COMMON) : pick(lexicon),
    ).join(' ');
    if (i > 0 && r() < 0.01) {
      const twin = out[Math.floor(r() * out.length)] as Project;
      name = `${twin.name}s`;
      description = twin.description;
    }
    const start = day0 + Math.floor(r() * 1000);
    const end = start + 30 + Math.floor(r() * 150);
    out.push(
      project(`P${i + 1}`, {
        row: i + 2,
        name,
        description,
        objective: pick(objectives),
        segment: pick(segments),
        region: pick(regions),
        start: isoDateOf(start),
        end: isoDateOf(end),
      }),
    );
  }
  return out;
}
