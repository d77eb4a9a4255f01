import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Clock } from '../../emulator/clock';
import {
  CACHE_KEPT_ON_OVERFLOW,
  CACHE_MAX_ITEMS,
  CACHE_VALUE_LIMIT,
} from '../../emulator/services/cache';
import { ARGUMENT_TOO_LARGE, LOCK_TIMEOUT, PROPERTY_QUOTA } from '../../emulator/services/messages';
import { PROPERTY_STORE_LIMIT, PROPERTY_VALUE_LIMIT } from '../../emulator/services/properties';
import { OWNER, makeWorld, open } from './helpers';

describe('PropertiesService', () => {
  it('shares document properties between users and keeps user properties per user', () => {
    const world = makeWorld();
    const ana = open(world, 'ana@example.com').g;
    const bob = open(world, 'bob@example.com').g;
    ana.PropertiesService.getDocumentProperties().setProperty('fiscalYear', '2027');
    ana.PropertiesService.getUserProperties().setProperty('view', 'compact');
    expect(bob.PropertiesService.getDocumentProperties().getProperty('fiscalYear')).toBe('2027');
    expect(bob.PropertiesService.getUserProperties().getProperty('view')).toBeNull();
    expect(ana.PropertiesService.getUserProperties().getProperty('view')).toBe('compact');
    expect(bob.PropertiesService.getScriptProperties().getKeys()).toEqual([]);
  });

  it('stores strings, chains setters, copies getProperties and deletes', () => {
    const { g } = open(makeWorld());
    const p = g.PropertiesService.getDocumentProperties();
    const same = p
      .setProperty('n', 42 as unknown as string)
      .setProperty('ok', true as unknown as string);
    expect(same.getProperty('n')).toBe('42');
    expect(p.getProperty('ok')).toBe('true');
    const copy = p.getProperties();
    copy.n = 'changed';
    expect(p.getProperty('n')).toBe('42');
    p.setProperties({ a: '1', b: '2' }, true);
    expect(p.getKeys().sort()).toEqual(['a', 'b']);
    p.deleteProperty('a');
    expect(p.getProperties()).toEqual({ b: '2' });
    p.deleteAllProperties();
    expect(p.getKeys()).toEqual([]);
  });

  it('refuses a value over 9 KB and a store over 500 KB, changing nothing', () => {
    const { g } = open(makeWorld());
    const p = g.PropertiesService.getScriptProperties();
    p.setProperty('max', 'x'.repeat(PROPERTY_VALUE_LIMIT));
    expect(() => p.setProperty('big', 'x'.repeat(PROPERTY_VALUE_LIMIT + 1))).toThrow(
      ARGUMENT_TOO_LARGE('value'),
    );
    // 9 KB in UTF-8 bytes: 3,073 euro signs are 9,219 bytes.
    expect(() => p.setProperty('euros', '€'.repeat(3073))).toThrow('Argument too large: value');
    expect(p.getProperty('big')).toBeNull();
    p.deleteAllProperties();
    // Fill up to just under 500 KB with 8 KB values, then one more write crosses the quota.
    const value = 'v'.repeat(8 * 1024);
    let i = 0;
    while ((i + 1) * (value.length + 4) <= PROPERTY_STORE_LIMIT) {
      p.setProperty(`k${String(i).padStart(3, '0')}`, value);
      i++;
    }
    expect(i).toBe(Math.floor(PROPERTY_STORE_LIMIT / (value.length + 4)));
    expect(() => p.setProperty('last', value)).toThrow(PROPERTY_QUOTA);
    expect(PROPERTY_QUOTA).toBe(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(p.getKeys()).toHaveLength(i);
    // setProperties is all or nothing.
    expect(() => p.setProperties({ k000: 'small', other1: value, other2: value })).toThrow(
      PROPERTY_QUOTA,
    );
    expect(p.getProperty('k000')).toBe(value);
  });

  it('has no Properties in AuthMode.NONE and gives custom functions the owner’s user store, read-only for others', () => {
    const world = makeWorld();
    open(world, OWNER).g.PropertiesService.getUserProperties().setProperty('tz', 'Europe/Paris');
    const none = open(world, 'ana@example.com', 'NONE').g;
    expect(() => none.PropertiesService.getDocumentProperties()).toThrow(
      'You do not have permission to call PropertiesService.getDocumentProperties',
    );
    const cf = open(world, 'ana@example.com', 'CUSTOM_FUNCTION').g;
    const user = cf.PropertiesService.getUserProperties();
    expect(user.getProperty('tz')).toBe('Europe/Paris');
    expect(() => user.setProperty('tz', 'x')).toThrow(
      'You do not have permission to call Properties.setProperty',
    );
    open(world, OWNER, 'CUSTOM_FUNCTION')
      .g.PropertiesService.getUserProperties()
      .setProperty('tz', 'UTC');
    expect(user.getProperty('tz')).toBe('UTC');
  });

  it('behaves as a map for any sequence of writes (property test)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.option(fc.string(), { nil: null })),
        ),
        (ops) => {
          const p = open(makeWorld()).g.PropertiesService.getDocumentProperties();
          const model = new Map<string, string>();
          for (const [k, v] of ops) {
            if (v === null) {
              p.deleteProperty(k);
              model.delete(k);
            } else {
              p.setProperty(k, v);
              model.set(k, v);
            }
          }
          expect(p.getProperties()).toEqual(Object.fromEntries(model));
        },
      ),
    );
  });
});

describe('CacheService', () => {
  it('expires items on the emulator clock: default 600 s, clamped to 1 s … 6 h', () => {
    const clock = new Clock({ start: 0, frozen: true });
    const world = makeWorld(clock);
    // A fresh execution per look: advancing the clock by hours would kill a single one.
    const c = (): GoogleAppsScript.Cache.Cache => open(world).g.CacheService.getScriptCache();
    c().put('default', 'd');
    c().put('short', 's', 60);
    c().put('long', 'l', 100_000);
    c().put('zero', 'z', 0);
    clock.advance(1_001);
    expect(c().get('zero')).toBeNull();
    expect(c().get('short')).toBe('s');
    clock.advance(60_000);
    expect(c().get('short')).toBeNull();
    expect(c().get('default')).toBe('d');
    clock.advance(600_000 - 61_001);
    expect(c().get('default')).toBeNull();
    clock.advance(21_600_000 - 600_000 - 1);
    expect(c().get('long')).toBe('l');
    clock.advance(1);
    expect(c().get('long')).toBeNull();
  });

  it('scopes caches: script and document shared, user per user', () => {
    const world = makeWorld();
    const ana = open(world, 'ana@example.com').g.CacheService;
    const bob = open(world, 'bob@example.com').g.CacheService;
    ana.getScriptCache().put('s', '1');
    ana.getDocumentCache()!.put('d', '2');
    ana.getUserCache().put('u', '3');
    expect(bob.getScriptCache().get('s')).toBe('1');
    expect(bob.getDocumentCache()!.get('d')).toBe('2');
    expect(bob.getUserCache().get('u')).toBeNull();
    expect(ana.getUserCache().getAll(['u', 'missing'])).toEqual({ u: '3' });
  });

  it('checks key and value sizes, and keeps the 900 items farthest from expiry past 1,000', () => {
    const clock = new Clock({ start: 0, frozen: true });
    const c = open(makeWorld(clock)).g.CacheService.getScriptCache();
    expect(() => c.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    expect(() => c.put('k', 'v'.repeat(CACHE_VALUE_LIMIT + 1))).toThrow(
      'Argument too large: value',
    );
    c.put('k'.repeat(250), 'v'.repeat(CACHE_VALUE_LIMIT));
    c.remove('k'.repeat(250));
    // Items i = 0…999 expire after 1000 + i seconds; one more (expiring soonest) overflows.
    for (let i = 0; i < CACHE_MAX_ITEMS; i++) c.put(`i${i}`, 'x', 1000 + i);
    expect(c.get('i0')).toBe('x');
    c.put('overflow', 'x', 10);
    const kept = Array.from({ length: CACHE_MAX_ITEMS }, (_, i) => `i${i}`).filter(
      (k) => c.get(k) !== null,
    );
    expect(kept).toHaveLength(CACHE_KEPT_ON_OVERFLOW);
    expect(kept[0]).toBe(`i${CACHE_MAX_ITEMS - CACHE_KEPT_ON_OVERFLOW}`);
    expect(c.get('overflow')).toBeNull();
  });

  it('putAll / removeAll work on many keys at once', () => {
    const c = open(makeWorld()).g.CacheService.getUserCache();
    c.putAll({ a: '1', b: 2, c: '3' });
    expect(c.getAll(['a', 'b', 'c'])).toEqual({ a: '1', b: '2', c: '3' });
    c.removeAll(['a', 'c']);
    expect(c.getAll(['a', 'b', 'c'])).toEqual({ b: '2' });
  });
});

describe('LockService (one thread)', () => {
  it('locks per execution: no-op re-acquire, hasLock, release, auto-release at the end', () => {
    const world = makeWorld();
    const a = open(world, 'ana@example.com');
    const b = open(world, 'bob@example.com');
    const lockA = a.g.LockService.getDocumentLock();
    expect(lockA.hasLock()).toBe(false);
    expect(lockA.tryLock(0)).toBe(true);
    expect(lockA.tryLock(1000)).toBe(true);
    expect(a.g.LockService.getDocumentLock().hasLock()).toBe(true);
    const lockB = b.g.LockService.getDocumentLock();
    expect(lockB.tryLock(0)).toBe(false);
    expect(() => lockB.waitLock(0)).toThrow(LOCK_TIMEOUT);
    expect(LOCK_TIMEOUT).toBe('Lock timeout: another process was holding the lock for too long.');
    // Another lock kind is independent.
    expect(b.g.LockService.getScriptLock().tryLock(0)).toBe(true);
    world.end(a.exec);
    expect(lockA.hasLock()).toBe(false);
    expect(lockB.tryLock(0)).toBe(true);
    lockB.releaseLock();
    lockB.releaseLock();
    expect(lockB.hasLock()).toBe(false);
  });

  it('keeps user locks per user', () => {
    const world = makeWorld();
    expect(open(world, 'ana@example.com').g.LockService.getUserLock().tryLock(0)).toBe(true);
    expect(open(world, 'bob@example.com').g.LockService.getUserLock().tryLock(0)).toBe(true);
    expect(open(world, 'ana@example.com').g.LockService.getUserLock().tryLock(0)).toBe(false);
  });

  it('refuses to wait on the main thread with a clear message, and has no LockService in NONE', () => {
    const world = makeWorld();
    open(world, 'ana@example.com').g.LockService.getDocumentLock().waitLock(1);
    const bob = open(world, 'bob@example.com').g.LockService.getDocumentLock();
    expect(() => bob.waitLock(5000)).toThrow(/cannot wait.*concurrently\(\)/);
    expect(() => open(world, 'x@example.com', 'NONE').g.LockService.getDocumentLock()).toThrow(
      'You do not have permission to call LockService.getDocumentLock',
    );
    expect(() => bob.waitLock(-1)).toThrow('Lock.waitLock: timeoutInMillis must be');
  });
});

describe('call counting', () => {
  it('counts every call, including chained setters', () => {
    const { exec, g } = open(makeWorld());
    g.PropertiesService.getDocumentProperties().setProperty('a', '1').setProperty('b', '2');
    g.CacheService.getScriptCache().get('x');
    expect(exec.calls.snapshot()).toEqual({
      'Cache.get': 1,
      'CacheService.getScriptCache': 1,
      'Properties.setProperty': 2,
      'PropertiesService.getDocumentProperties': 1,
    });
    expect(exec.calls.get('Properties')).toBe(2);
    expect(exec.calls.total).toBe(5);
  });
});
