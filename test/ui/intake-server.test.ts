/**
 * The New project request and Review intake sidebars' server side, on the built bundle in the
 * emulator (no browser): validation, IDs under the document lock, accept/reject, log and undo.
 */
import { describe, expect, it } from 'vitest';
import type { ExecutionReport } from '../../emulator';
import type { Envelope } from '../../src/ui/bridge/contract';
import type { IntakeModel, PendingRequest } from '../../src/ui/intake/contract';
import { ANA, BOB, lockContention, records, world, type World } from '../workbook/helpers';
import { sampleRequest, ui, uiError } from './helpers';

const iso = (v: unknown): string =>
  Object.prototype.toString.call(v) === '[object Date]'
    ? (v as Date).toISOString().slice(0, 10)
    : String(v);

function logActions(w: World): string[] {
  return records(w, 'Log').map((r) => String(r.Action));
}

function maxProjectNumber(w: World): number {
  return Math.max(...records(w, 'Projects').map((p) => Number(String(p.ID).slice(1)) || 0));
}

describe('New project request (server side)', () => {
  it('opens as a sidebar holding the built, self-contained page', () => {
    const w = world();
    w.ana.clickMenu('Portfolio Pilot', 'New project request…');
    const shown = w.ana.lastSidebar;
    expect(shown?.title).toBe('New project request');
    expect(shown?.content).toMatch(/^<!doctype html>/i);
    expect(shown?.content).toContain('<script>');
    expect(shown?.content).not.toMatch(/<script[^>]+src=|<link/i);
  });

  it('loads the criteria with their rubrics, the skills and months, and the projects', () => {
    const w = world({ sample: true });
    const m = ui<IntakeModel>(w.ana, 'intake.load');
    expect(m.user).toBe(ANA);
    expect(m.criteria.map((c) => c.name)).toEqual([
      'Strategic fit',
      'Revenue impact',
      'Customer reach',
      'Time to value',
      'Delivery risk',
      'Effort',
    ]);
    expect(m.criteria[0]).toMatchObject({ scaleMin: 1, scaleMax: 5, direction: 'higher' });
    expect(m.criteria[0]?.rubric).toMatch(/central to the plan/);
    expect(m.criteria[5]).toMatchObject({ scaleMin: null, scaleMax: null, direction: 'lower' });
    expect(m.skills).toHaveLength(8);
    expect(m.periods).toEqual(
      Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}`),
    );
    expect(m.projects.length).toBe(records(w, 'Projects').length);
    expect(m.notes).toEqual([]);
  });

  it('still opens on an empty workbook, saying what is missing', () => {
    const w = world();
    const m = ui<IntakeModel>(w.ana, 'intake.load');
    expect(m.criteria).toEqual([]);
    expect(m.notes.join(' ')).toMatch(/no Criteria sheet.*no Capacity sheet/);
  });

  it('appends a valid request to Intake under R-0001, R-0002 …, logged', () => {
    const w = world({ sample: true });
    expect(ui(w.ana, 'intake.submit', sampleRequest())).toEqual({ id: 'R-0001', row: 2 });
    expect(ui(w.emulator.as(BOB), 'intake.submit', sampleRequest({ name: 'Second' }))).toEqual({
      id: 'R-0002',
      row: 3,
    });
    const [first, second] = records(w, 'Intake');
    expect(first).toMatchObject({
      'Request ID': 'R-0001',
      'Submitted by': ANA,
      Status: 'Pending',
      Name: 'Partner webinar series',
      Type: 'Partnership',
      Cost: 45000,
      'Expected revenue': 300000,
      Confidence: 0.6,
      Ratings:
        'Strategic fit: 4; Revenue impact: 3; Customer reach: 3; Time to value: 4; Delivery risk: 2; Effort: 6',
      'Depends on': 'P01',
      Demand:
        'Partner managers 2027-03: 40 h; Marketing ops 2027-04: 24 h; Partner managers 2027-04: 20 h',
    });
    expect(iso(first?.Start)).toBe('2027-03-01');
    expect(second).toMatchObject({ 'Request ID': 'R-0002', 'Submitted by': BOB, Name: 'Second' });
    expect(logActions(w).slice(-2)).toEqual(['New project request', 'New project request']);
  });

  it('keeps text as text: a name that looks like a formula or a number is not interpreted', () => {
    const w = world({ sample: true });
    ui(w.ana, 'intake.submit', sampleRequest({ name: '=HYPERLINK("x")', segment: '007' }));
    const [r] = records(w, 'Intake');
    expect(r?.Name).toBe('=HYPERLINK("x")');
    expect(r?.Segment).toBe('007');
  });

  it('refuses bad input with the fields at fault, and adds no row', () => {
    const w = world({ sample: true });
    const e = uiError(
      w.ana,
      'intake.submit',
      sampleRequest({ name: '  ', cost: -5, end: '2027-02-01' }),
    );
    expect(e.kind).toBe('invalid');
    expect(e.issues).toEqual([
      { path: ['name'], message: 'Give the project name.' },
      { path: ['cost'], message: 'The cost cannot be negative.' },
      { path: ['end'], message: 'The end date is before the start date.' },
    ]);
    // The workbook rules run on the server on a fresh read too.
    const e2 = uiError(
      w.ana,
      'intake.submit',
      sampleRequest({
        ratings: { ...sampleRequest().ratings, 'Strategic fit': 7 },
        dependsOn: ['P01', 'NOPE'],
        demand: [
          { skill: 'Astronauts', period: '2027-03', hours: 5 },
          { skill: 'SDRs', period: '2027-09', hours: 5 },
        ],
      }),
    );
    expect(e2.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['ratings.Strategic fit', 'Rate Strategic fit from 1 to 5.'],
      [
        'demand.0.skill',
        expect.stringMatching(/^Pick a skill of the Capacity sheet \(Account executives, /),
      ],
      ['demand.1.period', "2027-09 is outside the project's dates (2027-03 to 2027-06)."],
      ['dependsOn', 'NOPE is not a project ID. Use IDs from the Projects sheet, such as P01.'],
    ]);
    expect(w.workbook.sheetNames()).not.toContain('Intake');
    expect(logActions(w)).not.toContain('New project request');
  });

  it('gives two people who submit at the same moment two IDs and two rows', async () => {
    const w = world({ sample: true });
    w.emulator.as(BOB);
    const order: string[] = [];
    const reports = await w.emulator.concurrently(
      [
        {
          user: ANA,
          fn: 'uiCall',
          args: ['intake.submit', sampleRequest({ name: 'Ana’s idea' })],
          name: 'ana',
        },
        {
          user: BOB,
          fn: 'uiCall',
          args: ['intake.submit', sampleRequest({ name: 'Bob’s idea' })],
          name: 'bob',
        },
      ],
      // Bob reads the Criteria sheet only once Ana is writing her row: without the lock he
      // would see the same last row and take the same ID.
      lockContention(order),
    );
    // Bob asked for the lock while Ana held it, and read Intake only after her write.
    const bobAsked = order.indexOf('bob Lock.tryLock');
    const anaWrote = order.indexOf('ana Range.setValues');
    expect(bobAsked).toBeGreaterThan(anaWrote);
    expect(bobAsked).toBeLessThan(order.indexOf('ana Lock.releaseLock'));
    expect(order.indexOf('bob Range.getValues')).toBeGreaterThan(
      order.lastIndexOf('ana Range.setValues'),
    );
    const values = reports.map((r: ExecutionReport) => {
      if (r.error) throw r.error;
      return (r.value as Envelope & { ok: true }).value as { id: string; row: number };
    });
    expect(values.map((v) => v.id).sort()).toEqual(['R-0001', 'R-0002']);
    expect(values.map((v) => v.row).sort()).toEqual([2, 3]);
    expect(records(w, 'Intake').map((r) => [r['Request ID'], r.Name])).toEqual([
      ['R-0001', 'Ana’s idea'],
      ['R-0002', 'Bob’s idea'],
    ]);
  }, 60_000);

  it('can be undone by its author (the row goes, the sheet it created goes)', () => {
    const w = world({ sample: true });
    ui(w.ana, 'intake.submit', sampleRequest());
    w.ana.run('menuUndo');
    expect(w.workbook.sheetNames()).not.toContain('Intake');
  });
});

describe('Review intake (server side)', () => {
  function withTwoRequests(): World {
    const w = world({ sample: true });
    ui(w.ana, 'intake.submit', sampleRequest());
    ui(
      w.ana,
      'intake.submit',
      sampleRequest({
        name: 'Cold-call blitz',
        type: 'Lead generation',
        demand: [],
        dependsOn: [],
      }),
    );
    return w;
  }

  it('lists the pending requests, oldest first', () => {
    const w = withTwoRequests();
    const r = ui<{ pending: PendingRequest[]; canDecide: boolean; why: string }>(
      w.ana,
      'intake-review.load',
    );
    expect(r.canDecide).toBe(true);
    expect(r.why).toMatch(/no board members/);
    expect(r.pending.map((p) => [p.id, p.name, p.cost, p.confidence])).toEqual([
      ['R-0001', 'Partner webinar series', 45000, 0.6],
      ['R-0002', 'Cold-call blitz', 45000, 0.6],
    ]);
    expect(r.pending[0]?.start).toBe('2027-03-01');
  });

  it('accepts a request: a Proposed project with its ratings and demand, logged and undoable', () => {
    const w = withTwoRequests();
    const projectsBefore = records(w, 'Projects').length;
    const demandBefore = records(w, 'Demand').length;
    const expected = `P${String(maxProjectNumber(w) + 1).padStart(2, '0')}`;
    const out = ui<{ projectId: string }>(w.ana, 'intake-review.accept', { id: 'R-0001' });
    expect(out.projectId).toBe(expected);

    const projects = records(w, 'Projects');
    expect(projects).toHaveLength(projectsBefore + 1);
    const p = projects[projects.length - 1];
    expect(p).toMatchObject({
      ID: expected,
      Name: 'Partner webinar series',
      Type: 'Partnership',
      Owner: 'Dana Reyes',
      Status: 'Proposed',
      Cost: 45000,
      'Expected revenue': 300000,
      Confidence: 0.6,
      'Strategic fit': 4,
      'Revenue impact': 3,
      'Time to value (months)': 4,
      'Effort (person-weeks)': 6,
      'Depends on': 'P01',
    });
    expect(iso(p?.Start)).toBe('2027-03-01');
    expect(iso(p?.End)).toBe('2027-06-30');

    const demand = records(w, 'Demand').slice(demandBefore);
    expect(demand.map((d) => [d['Project ID'], d.Skill, d['2027-03'], d['2027-04']])).toEqual([
      [expected, 'Partner managers', 40, 20],
      [expected, 'Marketing ops', '', 24],
    ]);
    const intake = records(w, 'Intake')[0];
    expect(intake).toMatchObject({ Status: 'Accepted', 'Decided by': ANA, 'Project ID': expected });
    expect(logActions(w).at(-1)).toBe('Accept intake request');
    expect(records(w, 'Log').at(-1)?.['What changed']).toMatch(
      new RegExp(
        `Accepted request R-0001 "Partner webinar series" \\(from ${ANA}\\) as project ${expected}, Status Proposed, with 2 Demand rows`,
      ),
    );
    // The accepted request leaves the list; the other stays.
    expect(
      ui<{ pending: PendingRequest[] }>(w.ana, 'intake-review.load').pending.map((x) => x.id),
    ).toEqual(['R-0002']);

    w.ana.run('menuUndo');
    expect(records(w, 'Projects')).toHaveLength(projectsBefore);
    expect(records(w, 'Demand')).toHaveLength(demandBefore);
    expect(records(w, 'Intake')[0]).toMatchObject({ Status: 'Pending', 'Project ID': '' });
  });

  it('rejects a request with the reason, and refuses to decide it twice', () => {
    const w = withTwoRequests();
    expect(
      uiError(w.ana, 'intake-review.reject', { id: 'R-0002', reason: ' ' }).issues[0]?.path,
    ).toEqual(['reason']);
    ui(w.ana, 'intake-review.reject', {
      id: 'R-0002',
      reason: 'Overlaps P05 (same segment, same quarter).',
    });
    expect(records(w, 'Intake')[1]).toMatchObject({
      Status: 'Rejected',
      'Decided by': ANA,
      Reason: 'Overlaps P05 (same segment, same quarter).',
    });
    expect(logActions(w).at(-1)).toBe('Reject intake request');
    const again = uiError(w.ana, 'intake-review.accept', { id: 'R-0002' });
    expect(again).toMatchObject({
      kind: 'user',
      message: `Request R-0002 was already rejected by ${ANA}. Reload the list.`,
    });
    expect(uiError(w.ana, 'intake-review.accept', { id: 'R-0999' }).message).toMatch(
      /no request R-0999/,
    );
  });

  it('lets only the board members decide when Settings names them', () => {
    const w = withTwoRequests();
    const settings = w.workbook.sheetValues('Settings');
    const row = settings.findIndex((r) => r[0] === 'Board members') + 1;
    w.workbook.setValues('Settings', `B${row}`, [['carol@example.com, dave@example.com']]);
    const r = ui<{ canDecide: boolean; why: string }>(w.ana, 'intake-review.load');
    expect(r.canDecide).toBe(false);
    expect(r.why).toMatch(/carol@example.com, dave@example.com/);
    expect(uiError(w.ana, 'intake-review.accept', { id: 'R-0001' }).kind).toBe('user');
    const carol = w.emulator.as('carol@example.com');
    expect(ui<{ canDecide: boolean }>(carol, 'intake-review.load').canDecide).toBe(true);
    ui(carol, 'intake-review.accept', { id: 'R-0001' });
    expect(records(w, 'Intake')[0]?.['Decided by']).toBe('carol@example.com');
  });
});
