/** Each sidebar's menu item shows the built page, under its title, as a sidebar. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../../emulator/bundle';
import { world } from '../workbook/helpers';

it.each([
  ['New project request…', 'intake', 'New project request'],
  ['Review intake…', 'intake-review', 'Review intake'],
  ['Scoring model…', 'scoring-model', 'Scoring model'],
  ['Scenario planner…', 'scenarios', 'Scenario planner'],
])('%s opens dist/%s.html as a sidebar titled "%s"', (item, page, title) => {
  const w = world();
  w.ana.clickMenu('Portfolio Pilot', item);
  const shown = w.ana.lastSidebar;
  expect(shown?.kind).toBe('sidebar');
  expect(shown?.title).toBe(title);
  expect(shown?.content).toBe(readFileSync(join(ROOT, 'dist', `${page}.html`), 'utf8'));
});
