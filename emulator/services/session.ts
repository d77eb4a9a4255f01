/**
 * Session, Logger and ScriptApp.
 *
 * Session [R/base/session; R/base/user#getEmail()]: `getActiveUser().getEmail()` is the simulated
 * user's email in FULL executions and '' where Apps Script hides it (custom functions, simple
 * triggers in NONE/LIMITED); `getEffectiveUser()` follows the same rule (the emulator's choice:
 * an add-on runs as the user who triggers it); `getActiveUserLocale()` is the user's locale
 * (available in custom functions too); `getScriptTimeZone()` is the manifest's timeZone;
 * `getTemporaryActiveUserKey()` is a stable opaque key per user and script. NONE allows no Session
 * call (documented: NONE has only Logger and Utilities).
 *
 * Logger [R/base/logger]: `log(data)` or `log(format, ...values)` with `%s` placeholders;
 * `getLog()` is this execution's Logger messages joined by newlines (without Apps Script's
 * timestamps; console output is not included); `clear()` empties it. Objects print as JSON,
 * other values as String(value) (Apps Script prints numbers the Java way, `1.0`: not reproduced).
 */
import { createHash } from 'node:crypto';
import { instrument } from '../context';
import type { Execution } from './execution';
import { AuthMode, AuthorizationStatus, TriggerSource } from './enums';
import { NOT_NONE, requireMode, toText } from './messages';

/** What Session shows of the user's email in this mode. */
export function visibleEmail(exec: Pick<Execution, 'authMode' | 'account'>): string {
  return exec.authMode === 'FULL' ? exec.account : '';
}

export class User {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  /** Deprecated alias of getEmail(). */
  getUserLoginId(): string {
    return this.email;
  }
  toString(): string {
    return this.email;
  }
}

export interface SessionOptions {
  readonly scriptTimeZone: string;
  readonly scriptId: string;
}

class SessionImpl {
  constructor(
    private readonly exec: Execution,
    private readonly options: SessionOptions,
  ) {}

  private check(method: string): void {
    requireMode(this.exec.authMode, NOT_NONE, `Session.${method}`);
  }

  getActiveUser(): User {
    this.check('getActiveUser');
    return instrument(new User(visibleEmail(this.exec)), 'User', this.exec.calls);
  }

  getEffectiveUser(): User {
    this.check('getEffectiveUser');
    return instrument(new User(visibleEmail(this.exec)), 'User', this.exec.calls);
  }

  getActiveUserLocale(): string {
    this.check('getActiveUserLocale');
    return this.exec.user.locale;
  }

  getScriptTimeZone(): string {
    this.check('getScriptTimeZone');
    return this.options.scriptTimeZone;
  }

  /** Deprecated alias of getScriptTimeZone(). */
  getTimeZone(): string {
    this.check('getTimeZone');
    return this.options.scriptTimeZone;
  }

  getTemporaryActiveUserKey(): string {
    this.check('getTemporaryActiveUserKey');
    return createHash('sha256')
      .update(`${this.options.scriptId}\n${this.exec.account}`)
      .digest('base64')
      .replace(/[=]+$/, '');
  }
}

export function createSession(
  exec: Execution,
  options: SessionOptions,
): GoogleAppsScript.Base.Session {
  return instrument(
    new SessionImpl(exec, options),
    'Session',
    exec.calls,
  ) as unknown as GoogleAppsScript.Base.Session;
}

/** Formats one Logger/console argument. */
export function formatLogValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return String(v);
  const tag = Object.prototype.toString.call(v);
  if (tag === '[object Error]') return toText(v);
  if (typeof v === 'object' && tag !== '[object Date]') {
    try {
      return JSON.stringify(v);
    } catch {
      return toText(v);
    }
  }
  return toText(v);
}

/** `format` with each `%s` replaced by the next value; extra values are appended with spaces. */
export function formatLogMessage(data: unknown, values: readonly unknown[]): string {
  if (values.length === 0 || typeof data !== 'string') return formatLogValue(data);
  let i = 0;
  const text = data.replace(/%s/g, () => (i < values.length ? formatLogValue(values[i++]) : '%s'));
  const rest = values.slice(i).map(formatLogValue);
  return rest.length ? `${text} ${rest.join(' ')}` : text;
}

class LoggerImpl {
  /** This execution's Logger messages (getLog); console output is not part of them. */
  private readonly own: string[] = [];

  constructor(private readonly log_: string[]) {}

  log(data: unknown, ...values: unknown[]): this {
    const line = formatLogMessage(data, values);
    this.own.push(line);
    this.log_.push(line);
    return this;
  }

  getLog(): string {
    return this.own.join('\n');
  }

  clear(): void {
    this.own.length = 0;
  }
}

/** Logger of one execution; its messages also go to the execution's log. Allowed in every mode. */
export function createLogger(exec: Execution, lines: string[]): GoogleAppsScript.Base.Logger {
  return instrument(new LoggerImpl(lines), 'Logger', exec.calls);
}

/**
 * `console` (V8 runtime): log/info/warn/error write to the same execution log, prefixed by the
 * level for warn/error. Not counted as a service.
 */
export function createConsole(lines: string[]): Pick<Console, 'log' | 'info' | 'warn' | 'error'> {
  const write =
    (prefix: string) =>
    (...args: unknown[]): void => {
      lines.push(prefix + formatLogMessage(args[0], args.slice(1)));
    };
  return { log: write(''), info: write(''), warn: write('WARNING: '), error: write('ERROR: ') };
}

class ScriptAppImpl {
  readonly AuthMode = AuthMode;
  readonly AuthorizationStatus = AuthorizationStatus;
  readonly TriggerSource = TriggerSource;

  constructor(
    private readonly exec: Execution,
    private readonly scriptId: string,
  ) {}

  getScriptId(): string {
    requireMode(this.exec.authMode, ['LIMITED', 'FULL'], 'ScriptApp.getScriptId');
    return this.scriptId;
  }
}

/** ScriptApp: the enums (readable in every mode) and getScriptId(). */
export function createScriptApp(
  exec: Execution,
  scriptId: string,
): GoogleAppsScript.Script.ScriptApp {
  return instrument(
    new ScriptAppImpl(exec, scriptId),
    'ScriptApp',
    exec.calls,
  ) as unknown as GoogleAppsScript.Script.ScriptApp;
}
