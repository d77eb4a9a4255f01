import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Emulator, type Pause } from '../../emulator/index';
import { LOCK_TIMEOUT } from '../../emulator/services/messages';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'Code.js');
const ANA = 'ana@example.com';
const BOB = 'bob@example.com';

describe('worker executions', () => {
  it('run the bundle against the same world, with services forwarded and calls counted', async () => {
    const emu = new Emulator({ code: FIXTURE });
    expect(await emu.as(ANA).runAsync('whoAmI')).toEqual([ANA, 'Europe/Paris']);
    expect(emu.as(ANA).lastCalls.snapshot()).toEqual({
      'Session.getActiveUser': 1,
      'Session.getScriptTimeZone': 1,
      'User.getEmail': 1,
    });
    expect(await emu.as(ANA).runAsync('catchServiceError')).toEqual([
      true,
      'Argument too large: value',
    ]);
    await expect(emu.as(ANA).runAsync('noSuchFunction')).rejects.toThrow(
      'Script function not found: noSuchFunction',
    );
  });

  it('evaluate templates in the worker and show the HtmlOutput on the main thread', async () => {
    const emu = new Emulator({ code: FIXTURE });
    expect(await emu.as(BOB).runAsync('sidebarInWorker')).toBe('shown');
    expect(emu.as(BOB).lastSidebar).toMatchObject({ title: 'Who', content: `<b>${BOB}</b>` });
    expect(emu.as(BOB).lastCalls.get('HtmlService.createTemplate')).toBe(1);
    expect(emu.as(BOB).lastCalls.get('Ui.showSidebar')).toBe(1);
  });

  it('copy google.script.run arguments and results', async () => {
    const emu = new Emulator({ code: FIXTURE });
    const [a, b] = await Promise.all([
      emu.as(ANA).scriptRunAsync('returnData'),
      emu.as(BOB).scriptRunAsync('echo', { when: undefined, list: [undefined] }),
    ]);
    expect(a).toEqual({ when: null, n: 1, list: [1, null] });
    expect(b).toEqual({ list: [null] });
  });
});

describe('the document lock between two real concurrent executions', () => {
  it('waitLock blocks until the holder releases', async () => {
    // Scale 10: Ana holds the lock for 1,000 emulated ms = 100 real ms.
    const emu = new Emulator({ code: FIXTURE, clock: { scale: 10 } });
    const [ana, bob] = await emu.concurrently(
      [
        { user: ANA, fn: 'holdLock', args: [1000] },
        { user: BOB, fn: 'waitForLock', args: [100_000] },
      ],
      {
        // Bob asks for the lock once Ana holds it; Ana starts her 1,000 ms sleep only once Bob
        // has asked. So Bob waits at least that long, whatever the machine's load.
        pauses: [
          {
            exec: BOB,
            before: 'Lock.waitLock',
            until: { exec: ANA, after: 'Properties.setProperty' },
          },
          { exec: ANA, before: 'Utilities.sleep', until: { exec: BOB, reached: 'Lock.waitLock' } },
        ],
      },
    );
    expect(ana?.ok).toBe(true);
    expect(bob?.value).toBe(ANA);
    expect(bob?.elapsedMs).toBeGreaterThanOrEqual(900);
    expect(bob?.calls.get('Lock.waitLock')).toBe(1);
  });

  it('waitLock times out with the Apps Script message; tryLock returns false', async () => {
    // Ana holds the lock until Bob and Cy have both given up: no timing margins involved.
    const emu = new Emulator({ code: FIXTURE, clock: { scale: 10 } });
    const CY = 'cy@example.com';
    const afterAnaLocked = { exec: ANA, reached: 'PropertiesService.getDocumentProperties' };
    const [ana, bob, cy] = await emu.concurrently(
      [
        { user: ANA, fn: 'holdLock', args: [0] },
        { user: BOB, fn: 'waitForLock', args: [500] },
        { user: CY, fn: 'tryForLock', args: [500] },
      ],
      {
        pauses: [
          { exec: BOB, before: '*', until: afterAnaLocked },
          { exec: CY, before: '*', until: afterAnaLocked },
          { exec: ANA, before: 'Session.getActiveUser', until: { exec: BOB, finished: true } },
          { exec: ANA, before: 'Utilities.sleep', until: { exec: CY, finished: true } },
        ],
      },
    );
    expect(ana?.ok).toBe(true);
    expect(bob?.ok).toBe(false);
    expect(bob?.error?.message).toBe(LOCK_TIMEOUT);
    expect(bob?.elapsedMs).toBeGreaterThanOrEqual(450);
    expect(cy?.value).toBe(false);
    expect(cy?.elapsedMs).toBeGreaterThanOrEqual(450);
  });

  // One interleaving, two versions of the same action: Bob starts once Ana is about to write;
  // Ana writes once Bob reaches Lock.waitLock. Bob has then already read if he reads before
  // taking the lock; if he takes it first he waits for Ana's write.
  const interleaving: Pause[] = [
    { exec: BOB, before: '*', until: { exec: ANA, reached: 'Properties.setProperty' } },
    { exec: ANA, before: 'Properties.setProperty', until: { exec: BOB, reached: 'Lock.waitLock' } },
  ];

  it('an action that reads before taking the lock loses an update', async () => {
    const emu = new Emulator({ code: FIXTURE });
    const [ana, bob] = await emu.concurrently(
      [
        { user: ANA, fn: 'bumpReadFirst' },
        { user: BOB, fn: 'bumpReadFirst' },
      ],
      { pauses: interleaving },
    );
    expect([ana?.value, bob?.value]).toEqual([1, 1]);
    expect(emu.properties('document')).toEqual({ n: '1' });
  });

  it('the same action reading after taking the lock loses nothing', async () => {
    const emu = new Emulator({ code: FIXTURE });
    const [ana, bob] = await emu.concurrently(
      [
        { user: ANA, fn: 'bumpLockFirst' },
        { user: BOB, fn: 'bumpLockFirst' },
      ],
      { pauses: interleaving },
    );
    expect([ana?.value, bob?.value]).toEqual([1, 2]);
    expect(emu.properties('document')).toEqual({ n: '2' });
    // Call counts per execution: the lock, the properties, one read, one write, the release.
    for (const r of [ana, bob])
      expect(r?.calls.snapshot()).toEqual({
        'Lock.releaseLock': 1,
        'Lock.waitLock': 1,
        'LockService.getDocumentLock': 1,
        'Properties.getProperty': 1,
        'Properties.setProperty': 1,
        'PropertiesService.getDocumentProperties': 1,
      });
  });

  it('three users bumping under the lock with no schedule count every bump', async () => {
    const emu = new Emulator({ code: FIXTURE });
    const reports = await emu.concurrently(
      [ANA, BOB, 'cy@example.com'].map((user) => ({ user, fn: 'bumpMany', args: [15, true] })),
    );
    expect(reports.every((r) => r.ok)).toBe(true);
    expect(emu.properties('document')).toEqual({ n: '45' });
    expect(Math.max(...reports.map((r) => r.value as number))).toBe(45);
  });
});

describe('schedules that cannot happen fail clearly', () => {
  it('a pause waiting for a point the other execution never reaches', async () => {
    const emu = new Emulator({ code: FIXTURE });
    const [ana, bob] = await emu.concurrently(
      [
        { user: ANA, fn: 'bumpLockFirst' },
        { user: BOB, fn: 'whoAmI' },
      ],
      {
        pauses: [
          { exec: ANA, before: 'Lock.waitLock', until: { exec: BOB, reached: 'Lock.waitLock' } },
        ],
      },
    );
    expect(bob?.ok).toBe(true);
    expect(ana?.error?.message).toMatch(
      /waited for bob@example.com to reach call 1 of Lock.waitLock, but bob@example.com finished without getting there/,
    );
  });

  it('two executions pausing for each other', async () => {
    const emu = new Emulator({ code: FIXTURE });
    const reports = await emu.concurrently(
      [
        { user: ANA, fn: 'whoAmI' },
        { user: BOB, fn: 'whoAmI' },
      ],
      {
        pauses: [
          { exec: ANA, before: 'Session.getActiveUser', until: { exec: BOB, finished: true } },
          { exec: BOB, before: 'Session.getActiveUser', until: { exec: ANA, finished: true } },
        ],
      },
    );
    expect(
      reports.some((r) => /every running execution is paused/.test(r.error?.message ?? '')),
    ).toBe(true);
  });

  it('names must be unique and pauses must name runs', async () => {
    const emu = new Emulator({ code: FIXTURE });
    await expect(
      emu.concurrently([
        { user: ANA, fn: 'whoAmI' },
        { user: ANA, fn: 'whoAmI' },
      ]),
    ).rejects.toThrow('two runs are named "ana@example.com"');
    await expect(
      emu.concurrently([{ user: ANA, fn: 'whoAmI' }], {
        pauses: [{ exec: ANA, before: 'x.y', until: { exec: 'zed', finished: true } }],
      }),
    ).rejects.toThrow('a pause names "zed", which is not a run');
  });
});

describe('time limits in worker executions', () => {
  it('a worker execution past 6 minutes fails with the documented message', async () => {
    const emu = new Emulator({ code: FIXTURE, clock: { scale: 1000 } });
    const [sleeper, spinner] = await emu.concurrently([
      { user: ANA, fn: 'sleepLoop' },
      { user: BOB, fn: 'spin' },
    ]);
    expect(sleeper?.error?.message).toBe('Exceeded maximum execution time');
    expect(spinner?.error?.message).toBe('Exceeded maximum execution time');
  });

  it('an execution blocked in waitLock is stopped at its limit; the holder at its own', async () => {
    const emu = new Emulator({ code: FIXTURE, clock: { scale: 1000 } });
    const [holder, waiter] = await emu.concurrently(
      [
        { user: ANA, fn: 'holdForever' },
        // A custom function (30 s) waiting far longer than its limit for Ana's lock (6 min).
        { user: BOB, fn: 'WAIT_FOR_LOCK', args: [10_000_000], authMode: 'CUSTOM_FUNCTION' },
      ],
      { pauses: [{ exec: BOB, before: '*', until: { exec: ANA, after: 'Lock.waitLock' } }] },
    );
    expect(waiter?.error?.message).toBe('Exceeded maximum execution time (line 0).');
    expect(waiter?.endedAt).toBeLessThan(holder?.endedAt ?? 0);
    expect(holder?.error?.message).toBe('Exceeded maximum execution time');
    expect(emu.world.locks.holder('document')).toBeUndefined();
  });
});
