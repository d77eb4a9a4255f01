import { describe, expect, it } from 'vitest';
import { click, records, variedPortfolio, world } from './helpers';

describe('Optimise portfolio at scale', () => {
  it('proves the selection and every frontier budget on 1,000 varied projects, the same on every run', () => {
    const w = world({ sample: true });
    variedPortfolio(w, 1_000);
    // Time to prove it even on a busy machine: the test checks the proof, not the time (the
    // benchmark, npm run bench, measures that).
    const settings = records(w, 'Settings');
    const row = settings.findIndex((s) => s.Setting === 'Time limit (seconds)') + 2;
    w.workbook.setValues('Settings', `B${row}`, [[120]]);
    const run = (): { ids: string; frontier: unknown[][] } => {
      click(w.ana, 'Optimise portfolio');
      const scenario = records(w, 'Scenarios').at(-1);
      expect(scenario?.Status).toBe('optimal');
      // Optimal within the solver's relative gap tolerance (1e-9; the values are not integers).
      expect(Number(scenario?.Gap)).toBeLessThanOrEqual(1e-9);
      const frontier = w.workbook.sheetValues('Frontier').slice(2, 22);
      expect(frontier).toHaveLength(20);
      // Budget 0 cannot pay for the Active (committed) projects; every other budget is proven.
      for (const row of frontier) expect(String(row[4])).toMatch(/^optimal$|^infeasible/);
      expect(frontier.filter((row) => row[4] === 'optimal').length).toBeGreaterThanOrEqual(19);
      return { ids: String(scenario?.['Selected IDs']), frontier };
    };
    const first = run();
    expect(first.ids.split(', ').length).toBeGreaterThan(100);
    const second = run();
    expect(second.ids).toBe(first.ids);
    expect(second.frontier).toEqual(first.frontier);
  }, 400_000);
});
