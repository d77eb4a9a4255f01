/**
 * A time-phased scenario on the server: the selection a run made with moved starts is saved and
 * committed (checked with each project in the months it would run), and a selection that only
 * fits with moved starts is refused when the page claims no move, or a month outside the window.
 */
import { describe, expect, it } from 'vitest';
import type { PlanResult, PlannerModel } from '../../src/ui/scenarios/contract';
import { allowLateStarts, records, world, type World } from '../workbook/helpers';
import { planParams as params, ui, uiError } from './helpers';

/** The sample, scored, with every Proposed project allowed to start up to three months late. */
function windowed(): World {
  const w = world({ sample: true });
  w.ana.run('menuScore');
  allowLateStarts(w, 3);
  return w;
}

function saveOf(r: PlanResult, m: PlannerModel, name: string, moved: readonly string[]) {
  return {
    name,
    params: params(m),
    selectedIds: r.selected,
    status: r.status,
    gap: r.gap,
    seconds: r.seconds,
    plannedStarts: [...moved],
  };
}

describe('Scenario planner: moved starts on the server', () => {
  it('saves and commits the selection of a run that moved starts; refuses it without the moves', () => {
    const w = windowed();
    const m = ui<PlannerModel>(w.ana, 'scenarios.load');
    const r = ui<PlanResult>(w.ana, 'scenarios.run', params(m));
    expect(r.moved.length).toBeGreaterThan(0);
    // Without its moves the selection does not fit: every start was pulled as early as it fits.
    const fixed = uiError(w.ana, 'scenarios.save', saveOf(r, m, 'Fixed', []));
    expect(fixed.message).toMatch(/^This selection cannot be saved as a scenario: /);
    ui(w.ana, 'scenarios.save', saveOf(r, m, 'Moving', r.moved));
    const saved = records(w, 'Scenarios')[0];
    expect(String(saved?.['Planned starts']).split('; ').sort()).toEqual([...r.moved].sort());
    ui(w.ana, 'scenarios.commit', { name: 'Moving' });
    const planned = new Map(records(w, 'Projects').map((p) => [String(p.ID), p['Planned start']]));
    for (const moved of r.moved) {
      const [id = '', month = ''] = moved.split(' ');
      const v = planned.get(id);
      expect((v instanceof Date ? v.toISOString() : String(v)).slice(0, 7), id).toBe(month);
    }
    // A start outside the project's window is refused, naming it.
    const [first = ''] = r.moved;
    const id = first.split(' ')[0] ?? '';
    const late = uiError(w.ana, 'scenarios.save', saveOf(r, m, 'Too late', [`${id} 2031-01`]));
    expect(late.message).toContain(`${id} cannot start in 2031-01`);
  }, 120_000);
});
