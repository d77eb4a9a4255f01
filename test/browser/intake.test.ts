/**
 * New project request and Review intake in Chromium, as a user: fill and submit, see the row
 * in the emulated sheet; bad input; two people at once; the keyboard alone; accept and reject.
 */
import { describe, expect, it } from 'vitest';
import { ANA, BOB, records, world } from '../workbook/helpers';
import { haveChromium, useBrowser, openSidebar, type SidebarPage } from './harness';

const run = haveChromium();

/** Fills the form's required fields with a valid request (ratings, one demand line). */
async function fillValid(s: SidebarPage, name: string): Promise<void> {
  const p = s.page;
  await p.getByLabel('Project name *').fill(name);
  await p.getByLabel('What and why').fill('Co-hosted webinars with our resellers.');
  await p.getByLabel('Type *').selectOption('Partnership');
  await p.getByLabel('Objective').fill('Grow partner-sourced pipeline');
  await p.getByLabel('Start *').fill('2027-03-01');
  await p.getByLabel('End *').fill('2027-06-30');
  await p.getByLabel('Cost *').fill('45,000');
  await p.getByLabel('Expected revenue').fill('300000');
  await p.getByLabel('Confidence (%)').fill('60');
  const ratings: [string, string][] = [
    ['#f-ratings_Strategic_fit', '4'],
    ['#f-ratings_Revenue_impact', '3'],
    ['#f-ratings_Customer_reach', '3'],
    ['#f-ratings_Time_to_value', '4'],
    ['#f-ratings_Delivery_risk', '2'],
    ['#f-ratings_Effort', '6'],
  ];
  for (const [sel, v] of ratings) await p.locator(sel).fill(v);
  await p.getByRole('button', { name: 'Add demand line' }).click();
  await p.getByLabel('Skill, line 1').selectOption('Partner managers');
  await p.getByLabel('Month, line 1').selectOption('2027-04');
  await p.getByLabel('Hours, line 1').fill('40');
}

describe.skipIf(!run)('New project request in a browser', () => {
  const browser = useBrowser();

  it('submits a filled form: the request appears in the Intake sheet', async () => {
    const w = world({ sample: true });
    const s = await openSidebar(browser(), w.ana, 'New project request…');
    await s.idle();
    await s.screenshot('intake-empty');
    // The rubric of each criterion is shown under its rating field.
    await expect(s.page.locator('#f-ratings_Strategic_fit-hint').textContent()).resolves.toMatch(
      /central to the plan/,
    );
    await fillValid(s, 'Partner webinar series');
    await s.screenshot('intake-filled');
    await s.page.getByRole('button', { name: 'Submit request' }).click();
    await s.idle();
    await expect(s.page.getByRole('status').last().textContent()).resolves.toMatch(
      /Request R-0001 "Partner webinar series" is in the Intake sheet \(row 2\)/,
    );
    await s.screenshot('intake-submitted');
    const rows = records(w, 'Intake');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      'Request ID': 'R-0001',
      'Submitted by': ANA,
      Name: 'Partner webinar series',
      Type: 'Partnership',
      Cost: 45000,
      Confidence: 0.6,
      Demand: 'Partner managers 2027-04: 40 h',
    });
    // The form is ready for the next request.
    await expect(s.page.getByLabel('Project name *').inputValue()).resolves.toBe('');
    await s.page.close();
  });

  it('shows bad input beside each field, announces it, focuses the first, and adds no row', async () => {
    const w = world({ sample: true });
    const s = await openSidebar(browser(), w.ana, 'New project request…');
    await s.idle();
    await fillValid(s, '');
    await s.page.getByLabel('Cost *').fill('-5');
    await s.page.getByLabel('End *').fill('2027-02-01');
    await s.page.locator('#f-ratings_Strategic_fit').fill('9');
    await s.page.getByRole('button', { name: 'Submit request' }).click();
    await s.idle();
    const name = s.page.getByLabel('Project name *');
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(name.getAttribute('aria-describedby')).resolves.toBe('f-name-error');
    await expect(s.page.locator('#f-name-error').textContent()).resolves.toBe(
      'Give the project name.',
    );
    await expect(s.page.locator('#f-cost-error').textContent()).resolves.toBe(
      'The cost cannot be negative.',
    );
    await expect(s.page.locator('#f-end-error').textContent()).resolves.toBe(
      'The end date is before the start date.',
    );
    // The workbook's rules are checked at the same time: the rating on its 1–5 scale, the
    // demand month inside the (now reversed) dates.
    await expect(s.page.locator('#f-ratings_Strategic_fit-error').textContent()).resolves.toBe(
      'Rate Strategic fit from 1 to 5.',
    );
    await expect(s.page.locator('#demand-0-error').textContent()).resolves.toMatch(
      /2027-04 is outside the project's dates/,
    );
    await expect(s.page.getByRole('status').last().textContent()).resolves.toMatch(
      /5 fields need attention/,
    );
    await expect.poll(() => s.focusedId()).toBe('f-name');
    await s.screenshot('intake-errors');
    // Fixing a field clears its message at once.
    await name.fill('Fixed');
    await expect(s.page.locator('#f-name-error').count()).resolves.toBe(0);
    expect(w.workbook.sheetNames()).not.toContain('Intake');
    await s.page.close();
  });

  it('gives two people who submit at the same moment two IDs and two rows', async () => {
    const w = world({ sample: true });
    const ana = await openSidebar(browser(), w.ana, 'New project request…');
    const bob = await openSidebar(browser(), w.emulator.as(BOB), 'New project request…');
    await Promise.all([ana.idle(), bob.idle()]);
    await fillValid(ana, 'Ana’s request');
    await fillValid(bob, 'Bob’s request');
    await Promise.all([
      ana.page.getByRole('button', { name: 'Submit request' }).click(),
      bob.page.getByRole('button', { name: 'Submit request' }).click(),
    ]);
    await Promise.all([ana.idle(), bob.idle()]);
    const texts = await Promise.all(
      [ana, bob].map((s) => s.page.getByRole('status').last().textContent()),
    );
    const ids = texts.map((t) => /Request (R-\d{4})/.exec(t ?? '')?.[1]);
    expect(ids.sort()).toEqual(['R-0001', 'R-0002']);
    const rows = records(w, 'Intake');
    expect(rows.map((r) => r['Submitted by']).sort()).toEqual([ANA, BOB]);
    expect(new Set(rows.map((r) => r['Request ID'])).size).toBe(2);
    await ana.page.close();
    await bob.page.close();
  }, 60_000);

  it('can be filled and submitted with the keyboard alone', async () => {
    const w = world({ sample: true });
    const s = await openSidebar(browser(), w.ana, 'New project request…');
    await s.idle();
    const k = s.page.keyboard;
    const focused = (): Promise<string> => s.focusedId();
    await k.press('Tab');
    expect(await focused()).toBe('f-name');
    await k.type('Keyboard-only request');
    await k.press('Tab');
    expect(await focused()).toBe('f-description');
    await k.press('Tab');
    expect(await focused()).toBe('f-type');
    await k.press('ArrowDown'); // the first type: Campaign
    await k.press('Tab');
    expect(await focused()).toBe('f-owner'); // prefilled with the user
    await k.press('Tab'); // objective
    await k.press('Tab'); // segment
    await k.press('Tab'); // region
    await k.press('Tab');
    expect(await focused()).toBe('f-start');
    // A date field takes mm dd yyyy (en-US) and keeps the focus on its own parts until Tab
    // leaves it.
    const tabOut = async (id: string): Promise<void> => {
      for (let i = 0; i < 4 && (await focused()) === id; i++) await k.press('Tab');
    };
    await k.type('03012027');
    await tabOut('f-start');
    expect(await focused()).toBe('f-end');
    await k.type('05312027');
    await tabOut('f-end');
    expect(await focused()).toBe('f-cost');
    await k.type('12000');
    await k.press('Tab'); // expected revenue
    await k.press('Tab'); // confidence
    for (const v of ['5', '4', '3', '2', '2', '8']) {
      await k.press('Tab');
      await k.type(v);
    }
    await k.press('Tab');
    expect(await focused()).toBe('f-dependsOn');
    await k.press('Enter'); // Enter in a text field submits the form
    await s.idle();
    await expect(s.page.getByRole('status').last().textContent()).resolves.toMatch(
      /Request R-0001 "Keyboard-only request"/,
    );
    const [row] = records(w, 'Intake');
    expect(row).toMatchObject({ Name: 'Keyboard-only request', Type: 'Campaign', Cost: 12000 });
    await s.page.close();
  });
});

describe.skipIf(!run)('Review intake in a browser', () => {
  const browser = useBrowser();

  it('accepts one request and rejects another with a reason', async () => {
    const w = world({ sample: true });
    const intake = await openSidebar(browser(), w.ana, 'New project request…');
    await intake.idle();
    await fillValid(intake, 'Partner webinar series');
    await intake.page.getByRole('button', { name: 'Submit request' }).click();
    await intake.idle();
    await fillValid(intake, 'Cold-call blitz');
    await intake.page.getByRole('button', { name: 'Submit request' }).click();
    await intake.idle();

    const s = await openSidebar(browser(), w.emulator.as(BOB), 'Review intake…');
    await s.idle();
    await s.screenshot('intake-review');
    const first = s.page.getByRole('region', { name: /R-0001/ });
    await first.getByRole('button', { name: 'Accept' }).click();
    await s.idle();
    await expect(s.page.getByRole('status').first().textContent()).resolves.toMatch(
      /Accepted R-0001: project P\d+ “Partner webinar series” is in Projects with Status Proposed/,
    );
    const second = s.page.getByRole('region', { name: /R-0002/ });
    await second.getByRole('button', { name: 'Reject…' }).click();
    await expect.poll(() => s.focusedId()).toBe('f-reason-R-0002');
    await second.getByRole('button', { name: 'Reject R-0002' }).click();
    await expect(second.locator('.field-error').textContent()).resolves.toMatch(/Say why/);
    await second.getByLabel('Reason for rejecting').fill('Same audience as P05 this quarter.');
    await second.getByRole('button', { name: 'Reject R-0002' }).click();
    await s.idle();
    await expect(s.page.getByText('No pending requests.').count()).resolves.toBe(1);
    const rows = records(w, 'Intake');
    expect(rows.map((r) => [r.Status, r['Decided by']])).toEqual([
      ['Accepted', BOB],
      ['Rejected', BOB],
    ]);
    expect(rows[1]?.Reason).toBe('Same audience as P05 this quarter.');
    const p = records(w, 'Projects').at(-1);
    expect(p).toMatchObject({ Name: 'Partner webinar series', Status: 'Proposed' });
    await s.screenshot('intake-review-done');
    await s.page.close();
    await intake.page.close();
  }, 60_000);
});
