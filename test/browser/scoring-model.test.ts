/**
 * The Scoring model sidebar in Chromium: moving a weight moves the ranking at once; the pairwise
 * workshop shows the consistency ratio and the judgement to fix; Apply writes the model.
 */
import { describe, expect, it } from 'vitest';
import { scorePortfolio } from '../../src/core/framework-score';
import type { ScoringModel } from '../../src/ui/scoring-model/contract';
import { records, world } from '../workbook/helpers';
import { ui } from '../ui/helpers';
import { haveChromium, useBrowser, openSidebar } from './harness';

const run = haveChromium();

/** The preview's project IDs, top first. */
async function previewIds(page: import('playwright-core').Page): Promise<string[]> {
  const ids = await page.evaluate(
    'Array.from(document.querySelectorAll("#preview tbody tr"), (r) => r.getAttribute("data-id") || "")',
  );
  return ids as string[];
}

describe.skipIf(!run)('Scoring model in a browser', () => {
  const browser = useBrowser();

  it('moves the ranking as a weight changes, and applies it', async () => {
    const w = world({ sample: true });
    const model = ui<ScoringModel>(w.ana, 'scoring-model.load');
    const s = await openSidebar(browser(), w.ana, 'Scoring model…');
    await s.idle();
    await s.screenshot('scoring-model');
    const before = await previewIds(s.page);
    expect(before).toHaveLength(10);
    await expect(s.page.locator('.hint[role=status]').textContent()).resolves.toBe(
      'The ranking is as it was loaded.',
    );

    // Revenue impact alone: the preview must show the ranking core computes for it.
    const weights = [0, 1, 0, 0, 0, 0];
    for (const [i, c] of model.criteria.entries())
      await s.page.getByLabel(c.name, { exact: true }).fill(String(weights[i]));
    const expected = scorePortfolio(
      'weighted',
      model.projects.map((p) => ({ values: p.values, inputs: {}, open: p.open })),
      model.criteria.map((c, i) => ({
        weight: weights[i]!,
        direction: c.direction,
        scaleMin: c.scaleMin ?? undefined,
        scaleMax: c.scaleMax ?? undefined,
      })),
    );
    const top = model.projects
      .map((p, i) => ({ id: p.id, r: expected.ranks[i] }))
      .filter((x) => x.r !== null)
      .sort((a, b) => a.r! - b.r!)
      .slice(0, 10)
      .map((x) => x.id);
    await expect.poll(() => previewIds(s.page)).toEqual(top);
    expect(top).not.toEqual(before);
    await expect(s.page.locator('.hint[role=status]').textContent()).resolves.toMatch(
      /\d+ projects change rank/,
    );
    await expect(s.page.locator('#preview .up, #preview .down').count()).resolves.toBeGreaterThan(
      0,
    );
    await expect(
      s.page.getByLabel('Revenue impact share of the score').textContent(),
    ).resolves.toBe('100%');
    await s.screenshot('scoring-model-moved');

    await s.page.getByRole('button', { name: 'Apply' }).click();
    await s.idle();
    await expect(s.page.locator('.footer [role=status]').textContent()).resolves.toMatch(
      /Scoring model applied.*Scored \d+ projects/,
    );
    expect(records(w, 'Criteria').map((c) => c.Weight)).toEqual(weights);
    const ranked = records(w, 'Projects')
      .filter((p) => typeof p.Rank === 'number')
      .sort((a, b) => Number(a.Rank) - Number(b.Rank))
      .slice(0, 10)
      .map((p) => p.ID);
    expect(ranked).toEqual(top);
    await s.page.close();
  }, 60_000);

  it('moves a weight with the keyboard (slider and arrow keys)', async () => {
    const w = world({ sample: true });
    const s = await openSidebar(browser(), w.ana, 'Scoring model…');
    await s.idle();
    const slider = s.page.getByLabel('Strategic fit weight (slider)');
    await slider.focus();
    for (let i = 0; i < 5; i++) await s.page.keyboard.press('ArrowRight');
    const typed = Number(await s.page.getByLabel('Strategic fit', { exact: true }).inputValue());
    expect(typed).toBeGreaterThan(0.3);
    await s.page.close();
  });

  it('runs the pairwise workshop: CR, the most inconsistent judgement and its fix', async () => {
    const w = world({ sample: true });
    const s = await openSidebar(browser(), w.ana, 'Scoring model…');
    await s.idle();
    await s.page.getByLabel('the pairwise workshop (AHP)').check();
    await expect(s.page.locator('#cr').textContent()).resolves.toMatch(
      /Consistency ratio 0\.0\d\d — consistent enough/,
    );
    // Contradict the rest: reach now extremely more important than strategic fit.
    await s.page.getByLabel('Strategic fit vs Customer reach').selectOption('1/9');
    await expect(s.page.locator('#cr').textContent()).resolves.toMatch(/above 0\.1/);
    // The choice reads in full at 300 px: short option text, the meaning in words below it.
    await expect(s.page.locator('#f-pair-0-2-means').textContent()).resolves.toBe(
      'Customer reach is extremely more important than Strategic fit.',
    );
    await expect(s.page.locator('#f-pair-0-1-means').textContent()).resolves.toMatch(
      /^Strategic fit is \w[\w ]* more important than Revenue impact\.$/,
    );
    // Room for the text: the box less its left padding and the arrow (about 20 px).
    const cut = await s.page.evaluate<
      string[]
    >(`[...document.querySelectorAll('.pair select')].flatMap((sel) => {
      const ctx = document.createElement('canvas').getContext('2d');
      const style = getComputedStyle(sel);
      ctx.font = style.font;
      const text = sel.selectedOptions[0] ? sel.selectedOptions[0].text : '';
      const room = sel.clientWidth - 20 - parseFloat(style.paddingLeft);
      return ctx.measureText(text).width > room ? [text] : [];
    })`);
    expect(cut).toEqual([]);
    const worst = s.page.locator('.pair.worst');
    await expect(worst.locator('label').textContent()).resolves.toMatch(
      /Strategic fit vs Customer reach/,
    );
    await expect(s.page.locator('#worst').textContent()).resolves.toMatch(
      /Most inconsistent: Strategic fit vs Customer reach is 1\/9; \d(\/\d)? would bring the ratio to 0\.\d{3}/,
    );
    await s.screenshot('scoring-model-pairwise');
    await s.page.locator('#worst').getByRole('button').click();
    await expect(s.page.locator('#cr').textContent()).resolves.toMatch(/consistent enough/);
    await s.page.getByRole('button', { name: 'Apply' }).click();
    await s.idle();
    const settings = records(w, 'Settings').find((r) => r.Setting === 'Weights from');
    expect(settings?.Value).toBe('Pairwise (AHP)');
    await s.page.close();
  }, 60_000);
});
