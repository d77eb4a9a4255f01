/**
 * The Scenario planner in Chromium: run, save two scenarios, compare them, commit one after
 * confirming, and see Projects change.
 */
import { describe, expect, it } from 'vitest';
import { allowLateStarts, growPortfolio, records, world } from '../workbook/helpers';
import { haveChromium, useBrowser, openSidebar } from './harness';

const run = haveChromium();

describe.skipIf(!run)('Scenario planner in a browser', () => {
  const browser = useBrowser();

  it('runs, saves, compares and commits scenarios', async () => {
    const w = world({ sample: true });
    w.ana.run('menuScore');
    const s = await openSidebar(browser(), w.ana, 'Scenario planner…');
    await s.idle();
    const p = s.page;
    await expect(p.getByLabel('Budget', { exact: true }).inputValue()).resolves.toBe('1200000');

    await p.getByRole('button', { name: 'Run' }).click();
    await s.idle();
    await expect(p.getByRole('status').first().textContent()).resolves.toMatch(
      /^Optimal: \d+ projects, value [\d,.]+, cost [\d,]+\.$/,
    );
    await expect(p.locator('.kpis .badge').textContent()).resolves.toBe('optimal');
    await expect(p.locator('svg.frontier polyline').count()).resolves.toBe(1);
    await expect(p.locator('svg.frontier circle.current').count()).resolves.toBe(1);
    await expect(p.locator('table.loads tbody tr').count()).resolves.toBeGreaterThan(0);
    await s.screenshot('scenarios-run');
    await p.getByLabel('Save as scenario').fill('Full budget');
    await p.getByRole('button', { name: 'Save' }).click();
    await s.idle();
    await expect(p.locator('#save-status').textContent()).resolves.toMatch(
      /^Saved scenario "Full budget"/,
    );

    // A tighter plan: 70% of the budget and 80% of capacity.
    await p.getByLabel('Budget', { exact: true }).fill('840000');
    await p.getByLabel('Capacity (%)').fill('80');
    await p.getByRole('button', { name: 'Run' }).click();
    await s.idle();
    await p.getByLabel('Save as scenario').fill('Lean');
    await p.getByRole('button', { name: 'Save' }).click();
    await s.idle();
    expect(records(w, 'Scenarios').map((r) => r.Scenario)).toEqual(['Full budget', 'Lean']);

    // Compare, then commit the lean plan after confirming.
    await p.getByRole('tab', { name: 'Scenarios (2)' }).click();
    await expect(p.getByLabel('From', { exact: true }).inputValue()).resolves.toBe('Full budget');
    await expect(p.getByLabel('To', { exact: true }).inputValue()).resolves.toBe('Lean');
    const [full, lean] = records(w, 'Scenarios');
    const fullIds = String(full?.['Selected IDs']).split(', ');
    const leanIds = String(lean?.['Selected IDs']).split(', ');
    const leaves = fullIds.filter((id) => !leanIds.includes(id));
    const enters = leanIds.filter((id) => !fullIds.includes(id));
    await expect(p.locator('.compare h3').allTextContents()).resolves.toEqual([
      `Enters (${enters.length})`,
      `Leaves (${leaves.length})`,
    ]);
    expect(leaves.length).toBeGreaterThan(0);
    const leaveIds = await p.locator('ul.leave .pid').allTextContents();
    expect(leaveIds).toEqual(leaves);
    await expect(p.locator('.compare p .down').first().textContent()).resolves.toMatch(/^−/);
    await s.screenshot('scenarios-compare');

    await p.getByLabel('Scenario to commit').selectOption('Lean');
    await p.getByRole('button', { name: 'Commit…' }).click();
    await expect(p.getByRole('alertdialog').textContent()).resolves.toMatch(
      new RegExp(`Commit “Lean”\\?${leanIds.length} projects become Selected`),
    );
    await expect.poll(() => s.focusedId()).toBe('confirm-commit');
    await s.screenshot('scenarios-confirm');
    await p.keyboard.press('Enter');
    await s.idle();
    await expect(p.locator('#commit-status').textContent()).resolves.toMatch(
      new RegExp(`^Committed "Lean": ${leanIds.length} projects selected`),
    );
    const projects = records(w, 'Projects');
    expect(projects.filter((x) => x.Selected === true).map((x) => x.ID)).toEqual(
      projects.filter((x) => leanIds.includes(String(x.ID))).map((x) => x.ID),
    );
    expect(
      projects.filter((x) => leanIds.includes(String(x.ID))).map((x) => x.Status),
    ).not.toContain('Proposed');
    await s.screenshot('scenarios-committed');
    await s.page.close();
  }, 90_000);

  it('shows an impossible plan with the conflict, and bad input beside its field', async () => {
    const w = world({ sample: true });
    w.ana.run('menuScore');
    const s = await openSidebar(browser(), w.ana, 'Scenario planner…');
    await s.idle();
    const p = s.page;
    await p.getByLabel('Capacity (%)').fill('500');
    await p.getByLabel('Budget', { exact: true }).fill('abc');
    await p.getByRole('button', { name: 'Run' }).click();
    await s.idle();
    await expect(p.locator('#f-budget-error').textContent()).resolves.toBe(
      'Type the budget as a number.',
    );
    await expect(p.locator('#f-capacity-error').textContent()).resolves.toBe(
      'Capacity runs from 10% to 300% of the Capacity sheet.',
    );
    await p.getByLabel('Capacity (%)').fill('100');
    await p.getByLabel('Budget', { exact: true }).fill('1000');
    await p.getByLabel('Find a project').fill('P02');
    await p.getByRole('button', { name: 'Force P02 in' }).click();
    await p.getByRole('button', { name: 'Run' }).click();
    await s.idle();
    await expect(p.getByRole('status').first().textContent()).resolves.toMatch(
      /^Forced-in P\d+.* but the budget is 1,000\.$/,
    );
    await expect(p.locator('.kpis .badge').textContent()).resolves.toBe('infeasible');
    // Larger budgets fit the forced project: the frontier is drawn.
    expect(await p.locator('svg.frontier polyline').count()).toBe(1);
    // At 10% capacity no budget fits it: a message instead of an empty chart.
    await p.getByLabel('Capacity (%)').fill('10');
    await p.getByLabel('Budget', { exact: true }).fill('1000000');
    await p.getByRole('button', { name: 'Run' }).click();
    await s.idle();
    await expect(p.getByRole('status').first().textContent()).resolves.toMatch(
      /^Forced-in P\d+ needs \d+ h of .* but capacity is \d+ h\.$/,
    );
    expect(await p.locator('svg.frontier').count()).toBe(0);
    await expect(p.locator('#no-frontier').textContent()).resolves.toMatch(
      /^No budget from 0 to the open projects' total cost gives a plan/,
    );
    await s.screenshot('scenarios-infeasible');
    await s.page.close();
  }, 60_000);

  it('keeps force in / out short with 500 projects: type to find, forced projects as chips', async () => {
    const w = world({ sample: true });
    growPortfolio(w, 500);
    w.ana.run('menuScore');
    const s = await openSidebar(browser(), w.ana, 'Scenario planner…');
    await s.idle();
    const p = s.page;
    const force = p.locator('fieldset.force');
    const height = async (): Promise<number> => (await force.boundingBox())?.height ?? Infinity;
    const chips = p.locator('ul.chips li');
    const matches = p.locator('ul.matches li:not(.hint)');
    // The Force column's projects start as chips.
    const fromSheet = records(w, 'Projects')
      .filter((x) => x.Force !== '')
      .map((x) => String(x.ID));
    expect(fromSheet).toHaveLength(2);
    await expect(p.locator('ul.chips .pid').allTextContents()).resolves.toEqual(fromSheet);
    await expect(p.locator('fieldset.force legend').textContent()).resolves.toBe(
      'Force in / out (2)',
    );
    // Nothing listed until the user types: chips, a search box and a line of help.
    expect(await matches.count()).toBe(0);
    expect(await height()).toBeLessThan(200);

    // A common word matches dozens of copies: a few are listed, the rest counted.
    await p.getByLabel('Find a project').fill('webinar');
    expect(await matches.count()).toBe(8);
    await expect(p.locator('ul.matches li.more').textContent()).resolves.toMatch(
      /^\d+ more not shown: type more of the name or ID\.$/,
    );
    await s.screenshot('scenarios-force-search');
    expect(await height()).toBeLessThan(560);
    // Nothing is wider than the sidebar: long names are cut with an ellipsis.
    expect(Number(await p.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(
      300,
    );
    // Words narrow it: ID and name together.
    await p.getByLabel('Find a project').fill('q000002 webinar');
    await expect(matches.allTextContents()).resolves.toEqual([
      'Q000002 EMEA mid-market webinar seriesInOut',
    ]);
    await p.getByRole('button', { name: 'Force Q000002 in' }).click();
    // Picked: a chip, the search cleared and focused for the next one.
    await expect(chips.filter({ hasText: 'Q000002' }).textContent()).resolves.toBe(
      'Q000002 EMEA mid-market webinar seriesInOut×',
    );
    await expect(p.getByLabel('Find a project').inputValue()).resolves.toBe('');
    await expect.poll(() => s.focusedId()).toBe('f-force-find');
    await expect(
      p.getByRole('button', { name: 'Force Q000002 in' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');

    for (const [id, v] of [
      ['Q000100', 'out'],
      ['Q000250', 'in'],
      ['Q000499', 'out'],
    ] as const) {
      await p.getByLabel('Find a project').fill(id);
      await p.getByRole('button', { name: `Force ${id} ${v}` }).click();
    }
    await expect(p.locator('fieldset.force legend').textContent()).resolves.toBe(
      'Force in / out (6)',
    );
    // A forced project is not offered again; its chip switches between In and Out.
    await p.getByLabel('Find a project').fill('Q000100');
    await expect(p.locator('ul.matches').textContent()).resolves.toBe(
      'No other open project matches “Q000100”.',
    );
    await p.getByLabel('Find a project').fill('');
    await p.getByRole('button', { name: 'Force Q000100 in' }).click();
    await expect(
      p.getByRole('button', { name: 'Force Q000100 out' }).getAttribute('aria-pressed'),
    ).resolves.toBe('false');
    await s.screenshot('scenarios-force');
    expect(await height()).toBeLessThan(420);
    await p.getByRole('button', { name: 'Stop forcing Q000250' }).click();
    await expect(p.locator('ul.chips .pid').allTextContents()).resolves.toEqual(
      [...fromSheet, 'Q000002', 'Q000100', 'Q000499'].sort(),
    );
    // The whole Plan tab stays about one screen tall at 300 px wide.
    const page = (await p.locator('#app').boundingBox())?.height ?? Infinity;
    expect(page).toBeLessThan(700);
    await s.page.close();
  }, 90_000);

  it('shows the planned start and what moved, compares moved starts, and commits them', async () => {
    const w = world({ sample: true });
    w.ana.run('menuScore');
    const settings = records(w, 'Settings');
    const limitRow = settings.findIndex((r) => r.Setting === 'Time limit (seconds)') + 2;
    w.workbook.setValues('Settings', `B${limitRow}`, [[5]]);
    const s = await openSidebar(browser(), w.ana, 'Scenario planner…');
    await s.idle();
    const p = s.page;
    await p.getByRole('button', { name: 'Run' }).click();
    await s.idle();
    await expect(p.locator('h2', { hasText: 'Starts moved' }).count()).resolves.toBe(0);
    await p.getByLabel('Save as scenario').fill('Fixed dates');
    await p.getByRole('button', { name: 'Save' }).click();
    await s.idle();

    // Every Proposed project may start up to three months late.
    allowLateStarts(w, 3);
    await p.getByRole('button', { name: 'Run' }).click();
    await s.idle();
    const heading = await p.locator('h2', { hasText: 'Starts moved' }).textContent();
    const n = Number(/\((\d+)\)/.exec(heading ?? '')?.[1]);
    expect(n).toBeGreaterThan(0);
    const moved = await p.locator('#panel-plan ul.moved li').allTextContents();
    expect(moved).toHaveLength(n);
    for (const m of moved)
      expect(m).toMatch(/^P\d+ ?starts \d{4}-\d{2}, \d+ months? after its Start: /);
    await p.locator('summary', { hasText: 'Selected projects' }).click();
    await expect(p.locator('.planned-start').first().textContent()).resolves.toMatch(
      /^Planned start \d{4}-\d{2}$/,
    );
    await s.screenshot('scenarios-moved');
    await p.getByLabel('Save as scenario').fill('Moving starts');
    await p.getByRole('button', { name: 'Save' }).click();
    await s.idle();
    const saved = records(w, 'Scenarios')[1];
    const recorded = String(saved?.['Planned starts']).split('; ');
    expect(recorded).toHaveLength(n);

    await p.getByRole('tab', { name: 'Scenarios (2)' }).click();
    const both = await p.locator('#panel-saved ul.moved li').allTextContents();
    expect(both.length).toBeGreaterThan(0);
    for (const m of both) expect(m).toMatch(/as planned → \d{4}-\d{2}$/);

    await p.getByLabel('Scenario to commit').selectOption('Moving starts');
    await p.getByRole('button', { name: 'Commit…' }).click();
    // Enter confirms once the dialog has focus (pressed sooner, it reaches the page behind).
    await expect.poll(() => s.focusedId()).toBe('confirm-commit');
    await p.keyboard.press('Enter');
    await s.idle();
    const projects = records(w, 'Projects');
    for (const r of recorded) {
      const [id, month] = r.split(' ');
      const row = projects.find((x) => x.ID === id);
      const planned = row?.['Planned start'];
      const text = planned instanceof Date ? planned.toISOString() : String(planned);
      expect(text.slice(0, 7), String(id)).toBe(month);
    }
    await s.page.close();
  }, 120_000);
});
