/**
 * CacheService: script, user and document caches of strings with expiry on the emulator's clock.
 *
 * Documented [R/cache/cache]: `get` → null when missing or expired; keys up to 250 characters;
 * values up to 100 KB; `put` expiry default 600 s, minimum 1 s, maximum 21,600 s (6 h); at most
 * 1,000 items — when more are written the cache keeps the 900 items farthest from expiration.
 * Emulator choices: an expiry outside 1…21,600 s is clamped (community: gas-fakes); a key over
 * 250 characters throws `Argument too large: key`, a value over 100 × 1024 UTF-8 bytes throws
 * `Argument too large: value` (community text); a value that is not a string is stored as
 * String(value). Modes: no Cache in NONE.
 */
import { instrument } from '../context';
import type { Clock } from '../clock';
import type { Execution } from './execution';
import { utf8Bytes } from './execution';
import { ARGUMENT_TOO_LARGE, NOT_NONE, requireMode, toText } from './messages';

export const CACHE_KEY_LIMIT = 250;
export const CACHE_VALUE_LIMIT = 100 * 1024;
export const CACHE_DEFAULT_SECONDS = 600;
export const CACHE_MAX_SECONDS = 21_600;
export const CACHE_MAX_ITEMS = 1000;
export const CACHE_KEPT_ON_OVERFLOW = 900;

interface Item {
  readonly value: string;
  readonly expires: number;
}

/** One cache's data, shared by every execution that reaches it. */
export class CacheStore {
  private readonly items = new Map<string, Item>();

  constructor(
    readonly label: string,
    private readonly clock: Clock,
  ) {}

  get(key: string): string | null {
    const item = this.items.get(key);
    if (!item) return null;
    if (item.expires <= this.clock.now()) {
      this.items.delete(key);
      return null;
    }
    return item.value;
  }

  /** Validates every entry first, then stores them all with one expiry. */
  putAll(entries: readonly (readonly [string, string])[], seconds: number): void {
    for (const [k, v] of entries) {
      if (k.length > CACHE_KEY_LIMIT) throw new Error(ARGUMENT_TOO_LARGE('key'));
      if (utf8Bytes(v) > CACHE_VALUE_LIMIT) throw new Error(ARGUMENT_TOO_LARGE('value'));
    }
    const expires = this.clock.now() + seconds * 1000;
    for (const [k, v] of entries) {
      this.items.delete(k);
      this.items.set(k, { value: v, expires });
    }
    this.evict();
  }

  remove(key: string): void {
    this.items.delete(key);
  }

  /** Live (unexpired) items. */
  size(): number {
    const now = this.clock.now();
    for (const [k, item] of this.items) if (item.expires <= now) this.items.delete(k);
    return this.items.size;
  }

  /** Over 1,000 items: keep the 900 farthest from expiration (latest written wins ties). */
  private evict(): void {
    if (this.size() <= CACHE_MAX_ITEMS) return;
    const order = [...this.items.entries()].map(([k, item], i) => ({ k, item, i }));
    order.sort((a, b) => b.item.expires - a.item.expires || b.i - a.i);
    const keep = new Set(order.slice(0, CACHE_KEPT_ON_OVERFLOW).map((e) => e.k));
    for (const k of [...this.items.keys()]) if (!keep.has(k)) this.items.delete(k);
  }
}

/** The caches of one Emulator. */
export class CacheStores {
  readonly script: CacheStore;
  readonly document: CacheStore;
  private readonly users = new Map<string, CacheStore>();

  constructor(private readonly clock: Clock) {
    this.script = new CacheStore('script', clock);
    this.document = new CacheStore('document', clock);
  }

  user(email: string): CacheStore {
    let s = this.users.get(email);
    if (!s) this.users.set(email, (s = new CacheStore(`user ${email}`, this.clock)));
    return s;
  }
}

/** Expiry in seconds: default 600, clamped to 1…21,600. */
function expiry(seconds: unknown): number {
  if (seconds === undefined || seconds === null) return CACHE_DEFAULT_SECONDS;
  const n = Number(seconds);
  if (!Number.isFinite(n)) return CACHE_DEFAULT_SECONDS;
  return Math.min(CACHE_MAX_SECONDS, Math.max(1, Math.trunc(n)));
}

function keysOf(keys: unknown, method: string): string[] {
  if (!Array.isArray(keys))
    throw new Error(`Cache.${method}: keys must be an array of strings, got ${typeof keys}.`);
  return (keys as unknown[]).map(toText);
}

/** A view of one cache, as `CacheService.get…Cache()` returns it. */
export class Cache {
  constructor(private readonly store: CacheStore) {}

  get(key: unknown): string | null {
    return this.store.get(toText(key));
  }

  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keysOf(keys, 'getAll')) {
      const v = this.store.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }

  put(key: unknown, value: unknown, expirationInSeconds?: unknown): void {
    this.store.putAll([[toText(key), toText(value)]], expiry(expirationInSeconds));
  }

  putAll(values: Record<string, unknown>, expirationInSeconds?: unknown): void {
    const entries = Object.entries(values).map(([k, v]) => [k, toText(v)] as const);
    this.store.putAll(entries, expiry(expirationInSeconds));
  }

  remove(key: unknown): void {
    this.store.remove(toText(key));
  }

  removeAll(keys: string[]): void {
    for (const k of keysOf(keys, 'removeAll')) this.store.remove(k);
  }
}

class CacheServiceImpl {
  constructor(
    private readonly exec: Execution,
    private readonly stores: CacheStores,
  ) {}

  private open(store: CacheStore, method: string): Cache {
    requireMode(this.exec.authMode, NOT_NONE, `CacheService.${method}`);
    return instrument(new Cache(store), 'Cache', this.exec.calls);
  }

  getScriptCache(): Cache {
    return this.open(this.stores.script, 'getScriptCache');
  }

  getUserCache(): Cache {
    return this.open(this.stores.user(this.exec.account), 'getUserCache');
  }

  getDocumentCache(): Cache {
    return this.open(this.stores.document, 'getDocumentCache');
  }
}

export function createCacheService(
  exec: Execution,
  stores: CacheStores,
): GoogleAppsScript.Cache.CacheService {
  return instrument(new CacheServiceImpl(exec, stores), 'CacheService', exec.calls);
}
