import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  descriptionSimilarity,
  descriptionWords,
  dice,
  nameSimilarity,
  nameTrigrams,
  normaliseText,
  stem,
  tokens,
} from '../../../src/core/text-similarity';

describe('text similarity', () => {
  it('normalises case, accents and punctuation', () => {
    expect(normaliseText('  Café-Roadshow! (Q1) ')).toBe('cafe roadshow q1');
    expect(normaliseText('ÆSIR über — Москва 2027')).toBe('æsir uber москва 2027');
    expect(nameSimilarity('Роудшоу Москва', 'роудшоу  москва!')).toBe(1);
  });

  it('stems plurals and -ing / -ed lightly', () => {
    expect(stem('webinars')).toBe('webinar');
    expect(stem('companies')).toBe('company');
    expect(stem('business')).toBe('business');
    expect(stem('status')).toBe('status');
    expect(stem('planning')).toBe('plan');
    expect(stem('selling')).toBe('sell');
    expect(stem('automated')).toBe('automat');
    expect(stem('bring')).toBe('bring');
    expect(stem('q1s')).toBe('q1s');
  });

  it('drops stop words unless nothing else is left', () => {
    expect(tokens('The EMEA project for new logos')).toEqual(['emea', 'new', 'logo']);
    expect(tokens('The project')).toEqual(['the', 'project']);
  });

  it('compares names on trigrams (hand-computed)', () => {
    // "EMEA webinars" → emea: #em eme mea ea# (4) + webinar: #we web ebi bin ina nar ar# (7) = 11.
    expect(nameTrigrams('EMEA webinars')).toHaveLength(11);
    // "EMEA webinar series" adds "sery" (#se ser ery ry#): 15 trigrams, 11 shared → 22 / 26.
    expect(nameSimilarity('EMEA webinars', 'EMEA webinar series')).toBeCloseTo(22 / 26, 12);
    expect(nameSimilarity('Q1 EMEA fintech webinars', 'EMEA Fintech Webinar, Q1')).toBe(1);
    expect(nameSimilarity('Partner program', 'Referral program')).toBe(0);
  });

  it('compares descriptions on stemmed words (hand-computed)', () => {
    // "for" and "up" are stop words.
    expect(descriptionWords('Webinars for fintech leads; webinar follow-up')).toEqual([
      'fintech',
      'follow',
      'lead',
      'webinar',
    ]);
    // {fintech, lead, webinar} vs {fintech, lead, roadshow, bank}: 2 shared → 2·2 / (3 + 4).
    expect(
      descriptionSimilarity('Fintech webinar leads', 'Fintech leads roadshow for banks'),
    ).toBeCloseTo(4 / 7, 12);
    expect(descriptionSimilarity('', '')).toBe(0);
  });

  it('computes Dice on sorted sets', () => {
    expect(dice([1, 2, 3], [2, 3, 4, 5])).toBeCloseTo(4 / 7, 12);
    expect(dice(['a'], [])).toBe(0);
  });

  const text = fc
    .array(
      fc.constantFrom(
        'EMEA',
        'webinar',
        'Webinars',
        'fintech',
        'the',
        'ABM',
        'Q1',
        'roll-out',
        'café',
        'x',
      ),
      {
        minLength: 1,
        maxLength: 6,
      },
    )
    .map((ws) => ws.join(' '));

  it('property: similarity is in 0–1, symmetric, and 1 for identical text', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        for (const f of [nameSimilarity, descriptionSimilarity]) {
          const s = f(a, b);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
          expect(f(b, a)).toBe(s);
          expect(f(a, a)).toBe(1);
          expect(f(a, a.toUpperCase())).toBe(1);
        }
      }),
    );
  });
});
