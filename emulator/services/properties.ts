/**
 * PropertiesService: script, document and user key/value stores of strings.
 *
 * - Document properties are shared by every user of the workbook, user properties are per user,
 *   script properties are shared by every execution of the script [R/properties/properties-service].
 * - Values are strings: a number or boolean is stored as its String() [doc sample passes a Number].
 * - Limits [quotas]: 9 KB per value (9 × 1024 UTF-8 bytes: `Argument too large: value`), 500 KB per
 *   store (keys + values, 500 × 1024 UTF-8 bytes: `You have exceeded the property storage quota.
 *   Please remove some properties and try again.`); a write that would exceed either changes
 *   nothing. Texts are community-observed; the byte counting (UTF-8, key + value) is the
 *   emulator's choice.
 * - `getProperties()` is a copy, not live [R/properties/properties#getProperties()].
 * - Modes: NONE has no Properties (permission error). In CUSTOM_FUNCTION `getUserProperties()` is
 *   the owner's store, and only the owner may write it [DG/apps-script/guides/sheets/functions].
 */
import { instrument } from '../context';
import type { Execution } from './execution';
import { utf8Bytes } from './execution';
import {
  ARGUMENT_TOO_LARGE,
  NOT_NONE,
  PROPERTY_QUOTA,
  permissionDenied,
  requireMode,
  toText,
} from './messages';

export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;

/** One store's data, shared by every execution that reaches it. */
export class PropertyStore {
  private readonly data = new Map<string, string>();

  constructor(readonly label: string) {}

  get(key: string): string | null {
    return this.data.get(key) ?? null;
  }

  keys(): string[] {
    return [...this.data.keys()];
  }

  entries(): Record<string, string> {
    return Object.fromEntries(this.data);
  }

  /** Bytes used: the sum of UTF-8 lengths of every key and value. */
  bytes(data: ReadonlyMap<string, string> = this.data): number {
    let n = 0;
    for (const [k, v] of data) n += utf8Bytes(k) + utf8Bytes(v);
    return n;
  }

  /**
   * Applies `changes` (null deletes) atomically: checks every value against 9 KB and the result
   * against 500 KB before changing anything.
   */
  apply(changes: ReadonlyMap<string, string | null>, deleteAllOthers = false): void {
    const next = new Map(deleteAllOthers ? [] : this.data);
    for (const [k, v] of changes) {
      if (v === null) next.delete(k);
      else {
        if (utf8Bytes(v) > PROPERTY_VALUE_LIMIT) throw new Error(ARGUMENT_TOO_LARGE('value'));
        next.set(k, v);
      }
    }
    if (this.bytes(next) > PROPERTY_STORE_LIMIT) throw new Error(PROPERTY_QUOTA);
    this.data.clear();
    for (const [k, v] of next) this.data.set(k, v);
  }

  clear(): void {
    this.data.clear();
  }
}

/** The stores of one Emulator. */
export class PropertyStores {
  readonly script = new PropertyStore('script');
  readonly document = new PropertyStore('document');
  private readonly users = new Map<string, PropertyStore>();

  user(email: string): PropertyStore {
    let s = this.users.get(email);
    if (!s) this.users.set(email, (s = new PropertyStore(`user ${email}`)));
    return s;
  }
}

function keyOf(key: unknown, method: string): string {
  if (key === null || key === undefined)
    throw new Error(`Properties.${method}: the key is ${String(key)}; give a string.`);
  return toText(key);
}

/** A view of one store, as `PropertiesService.get…Properties()` returns it. */
export class Properties {
  constructor(
    private readonly store: PropertyStore,
    private readonly readOnly: boolean,
  ) {}

  private writable(method: string): void {
    if (this.readOnly) throw permissionDenied(`Properties.${method}`);
  }

  getProperty(key: unknown): string | null {
    return this.store.get(keyOf(key, 'getProperty'));
  }

  getProperties(): Record<string, string> {
    return this.store.entries();
  }

  getKeys(): string[] {
    return this.store.keys();
  }

  setProperty(key: unknown, value: unknown): this {
    this.writable('setProperty');
    this.store.apply(new Map([[keyOf(key, 'setProperty'), toText(value)]]));
    return this;
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean): this {
    this.writable('setProperties');
    const changes = new Map<string, string>();
    for (const [k, v] of Object.entries(properties)) changes.set(k, toText(v));
    this.store.apply(changes, deleteAllOthers === true);
    return this;
  }

  deleteProperty(key: unknown): this {
    this.writable('deleteProperty');
    this.store.apply(new Map([[keyOf(key, 'deleteProperty'), null]]));
    return this;
  }

  deleteAllProperties(): this {
    this.writable('deleteAllProperties');
    this.store.clear();
    return this;
  }
}

class PropertiesServiceImpl {
  constructor(
    private readonly exec: Execution,
    private readonly stores: PropertyStores,
  ) {}

  private open(store: PropertyStore, readOnly: boolean): Properties {
    return instrument(new Properties(store, readOnly), 'Properties', this.exec.calls);
  }

  getDocumentProperties(): Properties {
    requireMode(this.exec.authMode, NOT_NONE, 'PropertiesService.getDocumentProperties');
    return this.open(this.stores.document, false);
  }

  getScriptProperties(): Properties {
    requireMode(this.exec.authMode, NOT_NONE, 'PropertiesService.getScriptProperties');
    return this.open(this.stores.script, false);
  }

  getUserProperties(): Properties {
    requireMode(this.exec.authMode, NOT_NONE, 'PropertiesService.getUserProperties');
    if (this.exec.authMode === 'CUSTOM_FUNCTION')
      return this.open(this.stores.user(this.exec.owner), this.exec.account !== this.exec.owner);
    return this.open(this.stores.user(this.exec.account), false);
  }
}

export function createPropertiesService(
  exec: Execution,
  stores: PropertyStores,
): GoogleAppsScript.Properties.PropertiesService {
  return instrument(new PropertiesServiceImpl(exec, stores), 'PropertiesService', exec.calls);
}
